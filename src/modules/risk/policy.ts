import { allows, scopeFilter, type Principal, type RightsTable, type ScopeFilter } from '../../domain/access.js';

/**
 * Risk area authorization. An entity's private register is seen only within that entity's
 * scope; risks of a joint assessment are shared with every participating entity and with the
 * assessment's duty station; risks owned by a duty station alone belong to that station's scope.
 */
export type RiskAction = 'risk.read' | 'risk.write' | 'matrix.admin';

export const RISK_RIGHTS: RightsTable<RiskAction> = {
  system_admin: ['risk.read', 'risk.write', 'matrix.admin'],
  entity_admin: ['risk.read', 'risk.write'],
  orms_focal_point: ['risk.read', 'risk.write'],
  bc_coordinator: ['risk.read', 'risk.write'],
  security_adviser: ['risk.read', 'risk.write'],
  crisis_team_member: ['risk.read'],
  staff: [],
  viewer: ['risk.read'],
};

/** Where a risk sits, for deciding who may see or change it. */
export interface RiskPlace {
  entityId: string | null;
  locationId: string | null;
  /** Entities taking part in the risk's joint assessment; empty for a register entry. */
  participants: readonly string[];
}

export function canOnRisk(p: Principal, action: 'risk.read' | 'risk.write', r: RiskPlace): boolean {
  if (r.participants.length) {
    return allows(p, RISK_RIGHTS, action, { locationId: r.locationId })
      || r.participants.some((e) => allows(p, RISK_RIGHTS, action, { entityId: e }));
  }
  return r.entityId ? allows(p, RISK_RIGHTS, action, { entityId: r.entityId }) : allows(p, RISK_RIGHTS, action, { locationId: r.locationId });
}

/**
 * Who may rate a scenario for an entity: in a joint assessment, whoever may write for that
 * participating entity, or for the assessment's duty station (the facilitator records a workshop);
 * elsewhere, whoever may change the risk.
 */
export function canRateFor(p: Principal, r: RiskPlace, entityId: string | null): boolean {
  if (!r.participants.length) return canOnRisk(p, 'risk.write', r);
  if (!entityId || !r.participants.includes(entityId)) return false;
  return allows(p, RISK_RIGHTS, 'risk.write', { entityId }) || allows(p, RISK_RIGHTS, 'risk.write', { locationId: r.locationId });
}

export const riskScope = (p: Principal, action: 'risk.read' | 'risk.write'): ScopeFilter => scopeFilter(p, RISK_RIGHTS, action);
export const canAdminMatrices = (p: Principal) => allows(p, RISK_RIGHTS, 'matrix.admin', {});
