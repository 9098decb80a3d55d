/**
 * The vocabulary of plans and MER (DOMAIN §7–8): plan types named in the source documents with
 * their default review cycle, exercise kinds, lessons taxonomy, review triggers and statuses.
 */
export const PLAN_STATUSES = ['draft', 'in_review', 'approved', 'superseded', 'archived'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** A version returned by its reviewer goes back to draft; the approval events keep why. */
export const VERSION_STATUSES = ['draft', 'in_review', 'approved', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
/** Versions that are part of the record and never change again. */
export const FROZEN_VERSION_STATUSES: readonly VersionStatus[] = ['in_review', 'approved', 'superseded'];

/**
 * ORMS MER defaults (001 §62–64): plans approved annually (12 months); plans whose sources say
 * "every two years" (000 §27) get 24. Administrators may change both per type.
 */
export const DEFAULT_PLAN_TYPES = [
  { key: 'crisis_management', name: 'Crisis management plan / handbook', reviewMonths: 12 },
  { key: 'business_continuity', name: 'Business continuity plan', reviewMonths: 12 },
  { key: 'security', name: 'Security plan', reviewMonths: 12 },
  { key: 'itdr', name: 'ICT disaster recovery plan', reviewMonths: 12 },
  { key: 'mass_casualty', name: 'Mass-casualty incident plan', reviewMonths: 12 },
  { key: 'crisis_communications', name: 'Crisis communications plan', reviewMonths: 12 },
  { key: 'crisis_information', name: 'Crisis information plan', reviewMonths: 24 },
  { key: 'staff_support', name: 'Staff support plan', reviewMonths: 24 },
  { key: 'medical_pandemic', name: 'Medical / pandemic plan', reviewMonths: 24 },
  { key: 'evacuation_fire', name: 'Evacuation and fire plan', reviewMonths: 12 },
] as const;

export const REVIEW_TRIGGERS = ['scheduled', 'exercise_finding', 'real_event', 'organizational_change', 'risk_change', 'system_change'] as const;
export type ReviewTrigger = (typeof REVIEW_TRIGGERS)[number];

export const EXERCISE_KINDS = ['tabletop', 'functional', 'full_scale', 'call_tree', 'telecommuting', 'mass_casualty', 'itdr_failover'] as const;
export const EXERCISE_STATUSES = ['planned', 'conducted', 'cancelled'] as const;
export const PARTICIPANT_ROLES = ['participant', 'controller', 'observer'] as const;
export const OBJECTIVE_RESULTS = ['met', 'partly', 'not_met'] as const;
export const REVIEW_KINDS = ['exercise', 'real_event'] as const;
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const CLOSED_ACTION_STATUSES: readonly string[] = ['done', 'cancelled'];

/** Lessons-learned taxonomy (001 annex XII). */
export const LESSON_CATEGORIES = [
  'bc_planning', 'internal_capacity', 'capacity_building_training', 'coordination_crisis_management', 'communications',
  'inter_agency_cooperation', 'ict_provision_security', 'remote_working', 'occupational_safety_health', 'continuity_of_governance',
] as const;

/** The day `months` after an ISO day (clamped to the month's end: 31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** A plan in force whose review date has passed. Superseded and archived plans are no one's task. */
export const isReviewOverdue = (p: { status: string; reviewDue: string | null }, today: string): boolean =>
  !!p.reviewDue && p.reviewDue < today && p.status !== 'superseded' && p.status !== 'archived';

/** Which reminder a plan's owner is due on `today`, if any: a month ahead, then once overdue. */
export function reminderKind(p: { status: string; reviewDue: string | null }, today: string, leadDays = 30): 'due_soon' | 'overdue' | null {
  if (!p.reviewDue || p.status === 'superseded' || p.status === 'archived') return null;
  if (p.reviewDue < today) return 'overdue';
  const lead = new Date(Date.parse(`${today}T00:00:00Z`) + leadDays * 86_400_000).toISOString().slice(0, 10);
  return p.reviewDue <= lead ? 'due_soon' : null;
}
