import { scopeFilter, type Principal, type RightsTable } from '../../domain/access.js';

/** Who may read the audit trail, within their scope. Nobody may change it: there is no route for that. */
export type AuditAction = 'audit.read';
export const AUDIT_RIGHTS: RightsTable<AuditAction> = {
  system_admin: ['audit.read'], entity_admin: ['audit.read'], orms_focal_point: ['audit.read'],
  bc_coordinator: [], security_adviser: [], crisis_team_member: [], staff: [], viewer: [],
};
export const auditScope = (p: Principal) => scopeFilter(p, AUDIT_RIGHTS, 'audit.read');
