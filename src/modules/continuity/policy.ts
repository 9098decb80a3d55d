import { allows, allowsSomewhere, scopeFilter, type Principal, type ResourceScope, type RightsTable, type ScopeFilter } from '../../domain/access.js';

/**
 * Business continuity authorization. Like the risk registers, an entity's BIA is private to the
 * entity, and a record owned by a duty station alone (a station-wide BIA, a local server room)
 * belongs to that station's scope. Inventory with neither owner (the enterprise data centres and
 * the systems they host) is shared: everyone who may read continuity data reads it; only
 * organization-wide grants change it. The owner of a process — a person linked to a user — may
 * read the process and fill in its questionnaire even without a role.
 */
export type ContinuityAction = 'bc.read' | 'bc.write' | 'bc.approve' | 'bc.settings';

export const CONTINUITY_RIGHTS: RightsTable<ContinuityAction> = {
  system_admin: ['bc.read', 'bc.write', 'bc.approve', 'bc.settings'],
  entity_admin: ['bc.read', 'bc.write', 'bc.approve'],
  orms_focal_point: ['bc.read', 'bc.write', 'bc.approve'],
  bc_coordinator: ['bc.read', 'bc.write', 'bc.approve'],
  security_adviser: ['bc.read'],
  crisis_team_member: ['bc.read'],
  viewer: ['bc.read'],
  staff: [],
};

/** Where a continuity record sits: its owning entity and/or duty station (both null = shared). */
export interface ContinuityPlace { entityId: string | null; locationId: string | null }

/** An entity-owned record is scoped by its entity only (no reads across entities at one station). */
const scopeOf = (r: ContinuityPlace): ResourceScope | null =>
  r.entityId ? { entityId: r.entityId } : r.locationId ? { locationId: r.locationId } : null;

export function canOnRecord(p: Principal, action: ContinuityAction, r: ContinuityPlace): boolean {
  const scope = scopeOf(r);
  if (scope) return allows(p, CONTINUITY_RIGHTS, action, scope);
  return action === 'bc.read' ? allowsSomewhere(p, CONTINUITY_RIGHTS, 'bc.read') : allows(p, CONTINUITY_RIGHTS, action, {});
}

/** A process's owner may read it and answer its questionnaire. */
export const isProcessOwner = (p: Principal, process: { ownerPersonId: string | null }): boolean =>
  !!p.personId && p.personId === process.ownerPersonId;

export const canReadProcess = (p: Principal, process: ContinuityPlace & { ownerPersonId: string | null }): boolean =>
  canOnRecord(p, 'bc.read', process) || isProcessOwner(p, process);

export const canAnswerQuestionnaire = (p: Principal, process: ContinuityPlace & { ownerPersonId: string | null }): boolean =>
  canOnRecord(p, 'bc.write', process) || isProcessOwner(p, process);

export const continuityScope = (p: Principal, action: ContinuityAction): ScopeFilter => scopeFilter(p, CONTINUITY_RIGHTS, action);
export const readsSomewhere = (p: Principal): boolean => allowsSomewhere(p, CONTINUITY_RIGHTS, 'bc.read');
export const canChangeSettings = (p: Principal): boolean => allows(p, CONTINUITY_RIGHTS, 'bc.settings', {});
