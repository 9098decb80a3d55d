/**
 * Roles granted on scopes, and the one rule for whether a grant covers a resource.
 * Each area's policy maps roles to the actions they allow and calls `allows`.
 */
export const ROLES = [
  'system_admin',
  'entity_admin',
  'orms_focal_point',
  'bc_coordinator',
  'security_adviser',
  'crisis_team_member',
  'staff',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_TYPES = ['org', 'entity', 'location'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

export interface Grant {
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
  /** For an entity grant: the entity and all its descendants. */
  entityIds: ReadonlySet<string>;
  /** For a location grant: the duty station and its premises. */
  locationIds: ReadonlySet<string>;
}

export interface Principal {
  userId: string;
  email: string;
  personId: string | null;
  grants: readonly Grant[];
}

/** Where a resource sits in the organization; absent keys are simply not matched. */
export interface ResourceScope {
  entityId?: string | null | undefined;
  locationId?: string | null | undefined;
}

export function covers(grant: Grant, res: ResourceScope): boolean {
  switch (grant.scopeType) {
    case 'org':
      return true;
    case 'entity':
      return !!res.entityId && grant.entityIds.has(res.entityId);
    case 'location':
      return !!res.locationId && grant.locationIds.has(res.locationId);
  }
}

export type RightsTable<A extends string> = Record<Role, readonly A[]>;

export function allows<A extends string>(p: Principal, rights: RightsTable<A>, action: A, res: ResourceScope): boolean {
  return p.grants.some((g) => rights[g.role].includes(action) && covers(g, res));
}

/** True when some grant allows the action anywhere (used to show or hide a whole area). */
export function allowsSomewhere<A extends string>(p: Principal, rights: RightsTable<A>, action: A): boolean {
  return p.grants.some((g) => rights[g.role].includes(action));
}

/** The part of the organization in which an action is allowed, for filtering lists in SQL. */
export type ScopeFilter = { all: true } | { all: false; entityIds: string[]; locationIds: string[] };

export function scopeFilter<A extends string>(p: Principal, rights: RightsTable<A>, action: A): ScopeFilter {
  const entityIds = new Set<string>();
  const locationIds = new Set<string>();
  for (const g of p.grants) {
    if (!rights[g.role].includes(action)) continue;
    if (g.scopeType === 'org') return { all: true };
    for (const id of g.entityIds) entityIds.add(id);
    for (const id of g.locationIds) locationIds.add(id);
  }
  return { all: false, entityIds: [...entityIds], locationIds: [...locationIds] };
}
