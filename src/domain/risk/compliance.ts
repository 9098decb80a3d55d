/** MOSS / MORSS compliance checklists (DOMAIN §4): how far a location meets its standards. */
export const COMPLIANCE_STATUSES = ['compliant', 'partial', 'not_compliant', 'not_applicable'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface ComplianceTally { compliant: number; partial: number; notCompliant: number; applicable: number }

export function tally(statuses: Iterable<ComplianceStatus>): ComplianceTally {
  const t: ComplianceTally = { compliant: 0, partial: 0, notCompliant: 0, applicable: 0 };
  for (const s of statuses) {
    if (s === 'not_applicable') continue;
    t.applicable++;
    if (s === 'compliant') t.compliant++;
    else if (s === 'partial') t.partial++;
    else t.notCompliant++;
  }
  return t;
}

/** Percentage met: a partial item counts half. Undefined when nothing applies. */
export function compliancePercent(t: ComplianceTally): number | undefined {
  if (!t.applicable) return undefined;
  return Math.round(((t.compliant + t.partial / 2) / t.applicable) * 1000) / 10;
}

/** Rolls location tallies up (e.g. to a country): items are summed, so large checklists weigh more. */
export function sumTallies(ts: Iterable<ComplianceTally>): ComplianceTally {
  const out: ComplianceTally = { compliant: 0, partial: 0, notCompliant: 0, applicable: 0 };
  for (const t of ts) {
    out.compliant += t.compliant; out.partial += t.partial; out.notCompliant += t.notCompliant; out.applicable += t.applicable;
  }
  return out;
}

/** A gap (not compliant or partly) whose closing date has passed. */
export function isGapOverdue(item: { status: ComplianceStatus | string | null; dueDate: string | null }, today: string): boolean {
  return (item.status === 'not_compliant' || item.status === 'partial') && !!item.dueDate && item.dueDate < today;
}
