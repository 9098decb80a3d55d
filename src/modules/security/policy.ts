import { allows, type Principal, type RightsTable } from '../../domain/access.js';

/**
 * Security area authorization. Security levels, threat assessments and SRAs belong to a security
 * level area and are changed by security advisers whose scope includes one of the area's duty
 * stations (or the whole organization). Programme criticality is set within the programme's
 * entity or duty station. Checklist templates are organization-wide standards.
 */
export type SecurityAction = 'srm.read' | 'srm.write' | 'programme.write' | 'compliance.write' | 'template.write';

export const SECURITY_RIGHTS: RightsTable<SecurityAction> = {
  system_admin: ['srm.read', 'srm.write', 'programme.write', 'compliance.write', 'template.write'],
  security_adviser: ['srm.read', 'srm.write', 'programme.write', 'compliance.write', 'template.write'],
  entity_admin: ['srm.read', 'programme.write'],
  orms_focal_point: ['srm.read', 'programme.write', 'compliance.write'],
  bc_coordinator: ['srm.read', 'programme.write'],
  crisis_team_member: ['srm.read'],
  viewer: ['srm.read'],
  staff: ['srm.read'],
};

/** An area is covered when a grant covers any of its duty stations. */
export const canOnArea = (p: Principal, action: SecurityAction, stationIds: readonly string[]): boolean =>
  allows(p, SECURITY_RIGHTS, action, {}) || stationIds.some((locationId) => allows(p, SECURITY_RIGHTS, action, { locationId }));

export const canOnProgramme = (p: Principal, action: SecurityAction, prog: { entityId: string; locationId: string }): boolean =>
  allows(p, SECURITY_RIGHTS, action, { entityId: prog.entityId }) || allows(p, SECURITY_RIGHTS, action, { locationId: prog.locationId });

export const canOnLocation = (p: Principal, action: SecurityAction, locationId: string): boolean =>
  allows(p, SECURITY_RIGHTS, action, { locationId });

export const canEditTemplates = (p: Principal): boolean => allows(p, SECURITY_RIGHTS, 'template.write', {});
