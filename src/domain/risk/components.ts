/** The ORMS components a risk may touch (DOMAIN §1, §3); a risk is tagged with one or more. */
export const RISK_COMPONENTS = [
  'security', 'safety', 'medical', 'itdr', 'business_continuity', 'premises', 'crisis_communications',
  'staff_support', 'vital_records', 'reputation', 'crisis_management',
] as const;
export type RiskComponent = (typeof RISK_COMPONENTS)[number];

export const RISK_STATUSES = ['open', 'treating', 'accepted', 'closed'] as const;
export const TREATMENT_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const JOINT_ASSESSMENT_STATUSES = ['planned', 'in_progress', 'completed'] as const;

/** A treatment is overdue when it is not finished and its due date has passed. */
export function isTreatmentOverdue(t: { status: string; dueDate: string | null }, today: string): boolean {
  return !!t.dueDate && t.dueDate < today && (t.status === 'planned' || t.status === 'in_progress');
}

/** A risk's review is overdue when its review date has passed and it is not closed. */
export function isReviewOverdue(r: { status: string; reviewDue: string | null }, today: string): boolean {
  return !!r.reviewDue && r.reviewDue < today && r.status !== 'closed';
}
