import type { RiskBand } from './bands.js';

/**
 * Programme criticality and acceptable risk (UN programme criticality framework, DOMAIN §4):
 * the more critical a programme, the higher the residual risk it may accept, and the more senior
 * the approval it needs.
 */
export const PROGRAMME_CRITICALITIES = ['PC1', 'PC2', 'PC3', 'PC4'] as const;
export type ProgrammeCriticality = (typeof PROGRAMME_CRITICALITIES)[number];

export const APPROVER_LEVELS = ['executive_head', 'head_of_entity_or_do', 'country_management', 'normal_management'] as const;
export type ApproverLevel = (typeof APPROVER_LEVELS)[number];

export interface AcceptabilityRule { acceptableFor: readonly ProgrammeCriticality[]; approver: ApproverLevel | null }

/** The table of DOMAIN §4; approvers may be configured per organization, the yes/no cells may not. */
export const ACCEPTABLE_RISK_TABLE: Readonly<Record<RiskBand, AcceptabilityRule>> = {
  unacceptable: { acceptableFor: [], approver: null },
  very_high: { acceptableFor: ['PC1'], approver: 'executive_head' },
  high: { acceptableFor: ['PC1', 'PC2'], approver: 'head_of_entity_or_do' },
  medium: { acceptableFor: ['PC1', 'PC2', 'PC3'], approver: 'country_management' },
  low: { acceptableFor: ['PC1', 'PC2', 'PC3', 'PC4'], approver: 'normal_management' },
  very_low: { acceptableFor: ['PC1', 'PC2', 'PC3', 'PC4'], approver: 'normal_management' },
};

export interface AcceptabilityVerdict {
  acceptable: boolean;
  /** Who must approve continuing, when acceptable; null when activities must stop. */
  approver: ApproverLevel | null;
}

export function acceptableRisk(
  residual: RiskBand,
  pc: ProgrammeCriticality,
  approvers: Partial<Record<RiskBand, ApproverLevel>> = {},
): AcceptabilityVerdict {
  const rule = ACCEPTABLE_RISK_TABLE[residual];
  const acceptable = rule.acceptableFor.includes(pc);
  return { acceptable, approver: acceptable ? approvers[residual] ?? rule.approver : null };
}

export interface ProgrammeRisk { id: string; criticality: ProgrammeCriticality; residual: RiskBand }

/** Each programme with its verdict, and the ones whose residual risk is not acceptable. */
export function evaluateProgrammes<P extends ProgrammeRisk>(programmes: readonly P[], approvers: Partial<Record<RiskBand, ApproverLevel>> = {}) {
  const verdicts = programmes.map((p) => ({ ...p, ...acceptableRisk(p.residual, p.criticality, approvers) }));
  return { verdicts, unacceptable: verdicts.filter((v) => !v.acceptable) };
}
