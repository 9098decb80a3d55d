/**
 * The UN Security Level System (since 1 January 2011, DOMAIN §4): five threat categories rated per
 * security level area, and one aggregate level 1–6. A level triggers no action by itself.
 */
export const SECURITY_LEVELS = [
  { level: 1, name: 'Minimal' },
  { level: 2, name: 'Low' },
  { level: 3, name: 'Moderate' },
  { level: 4, name: 'Substantial' },
  { level: 5, name: 'High' },
  { level: 6, name: 'Extreme' },
] as const;
export type SecurityLevel = 1 | 2 | 3 | 4 | 5 | 6;

export const THREAT_CATEGORIES = ['armed_conflict', 'terrorism', 'crime', 'civil_unrest', 'hazards'] as const;
export type ThreatCategory = (typeof THREAT_CATEGORIES)[number];

export const isSecurityLevel = (n: unknown): n is SecurityLevel => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 6;

/**
 * The level proposed to the approver: the highest category level, since one extreme threat is
 * enough to make an area extreme. The approver may set another level with a justification.
 */
export function proposedAggregate(categories: Partial<Record<ThreatCategory, SecurityLevel>>): SecurityLevel | undefined {
  const levels = Object.values(categories).filter(isSecurityLevel);
  return levels.length ? (Math.max(...levels) as SecurityLevel) : undefined;
}
