import { allows, allowsSomewhere, scopeFilter, type Principal, type ResourceScope, type RightsTable } from '../../domain/access.js';

/**
 * Organization area authorization. Entities, countries and locations are reference data every
 * signed-in user may read; people and teams are read and changed only within a grant's scope.
 */
export type OrgAction = 'person.read' | 'person.write' | 'team.read' | 'team.write' | 'entity.write' | 'location.write';

export const ORG_RIGHTS: RightsTable<OrgAction> = {
  system_admin: ['person.read', 'person.write', 'team.read', 'team.write', 'entity.write', 'location.write'],
  entity_admin: ['person.read', 'person.write', 'team.read', 'team.write', 'entity.write', 'location.write'],
  orms_focal_point: ['person.read', 'team.read', 'team.write', 'location.write'],
  bc_coordinator: ['person.read', 'team.read', 'team.write'],
  security_adviser: ['person.read', 'team.read', 'location.write'],
  crisis_team_member: ['person.read', 'team.read'],
  staff: [],
  viewer: ['person.read', 'team.read'],
};

export const can = (p: Principal, action: OrgAction, res: ResourceScope): boolean => allows(p, ORG_RIGHTS, action, res);
export const canAnywhere = (p: Principal, action: OrgAction): boolean => allowsSomewhere(p, ORG_RIGHTS, action);
export const orgScope = (p: Principal, action: OrgAction) => scopeFilter(p, ORG_RIGHTS, action);

export interface PersonScope { id: string; entityId: string | null; homeLocationId: string | null }

/** Everyone may read and update their own record's contacts and language (self-service). */
export const isSelf = (p: Principal, person: { id: string }): boolean => p.personId === person.id;

export const personResource = (person: Omit<PersonScope, 'id'>): ResourceScope =>
  ({ entityId: person.entityId, locationId: person.homeLocationId });
