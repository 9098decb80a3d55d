import { describe, expect, it } from 'vitest';
import { allows, allowsSomewhere, covers, scopeFilter, type Grant, type Principal, type RightsTable } from './access.js';

type Act = 'read' | 'write';
const RIGHTS: RightsTable<Act> = {
  system_admin: ['read', 'write'], entity_admin: ['read', 'write'], orms_focal_point: ['read'], bc_coordinator: ['read'],
  security_adviser: ['read'], crisis_team_member: ['read'], staff: [], viewer: ['read'],
};

const orgGrant = (role: Grant['role']): Grant => ({ role, scopeType: 'org', scopeId: null, entityIds: new Set(), locationIds: new Set() });
const entityGrant = (role: Grant['role'], ...ids: string[]): Grant =>
  ({ role, scopeType: 'entity', scopeId: ids[0]!, entityIds: new Set(ids), locationIds: new Set() });
const locationGrant = (role: Grant['role'], ...ids: string[]): Grant =>
  ({ role, scopeType: 'location', scopeId: ids[0]!, entityIds: new Set(), locationIds: new Set(ids) });
const principal = (...grants: Grant[]): Principal => ({ userId: 'u', email: 'u@t.org', personId: null, grants });

describe('covers', () => {
  it('an organization grant covers everything, including resources placed nowhere', () => {
    const g = orgGrant('viewer');
    expect(covers(g, { entityId: 'A', locationId: 'X' })).toBe(true);
    expect(covers(g, {})).toBe(true);
    expect(covers(g, { entityId: null, locationId: null })).toBe(true);
  });

  it('an entity grant covers its subtree by entity only', () => {
    const g = entityGrant('viewer', 'A', 'A1');
    expect(covers(g, { entityId: 'A' })).toBe(true);
    expect(covers(g, { entityId: 'A1', locationId: 'Y' })).toBe(true);
    expect(covers(g, { entityId: 'B' })).toBe(false);
    // Being at a location does not matter to an entity grant.
    expect(covers(g, { entityId: 'B', locationId: 'A' })).toBe(false);
    expect(covers(g, { locationId: 'X' })).toBe(false);
    expect(covers(g, {})).toBe(false);
    expect(covers(g, { entityId: null })).toBe(false);
  });

  it('a location grant covers the duty station and its premises by location only', () => {
    const g = locationGrant('viewer', 'X', 'X1');
    expect(covers(g, { locationId: 'X' })).toBe(true);
    expect(covers(g, { locationId: 'X1', entityId: 'B' })).toBe(true);
    expect(covers(g, { locationId: 'Y' })).toBe(false);
    expect(covers(g, { entityId: 'X' })).toBe(false);
    expect(covers(g, {})).toBe(false);
  });
});

describe('allows', () => {
  it('needs a grant whose role has the action and whose scope covers the resource', () => {
    const p = principal(entityGrant('viewer', 'A'), locationGrant('entity_admin', 'X'));
    expect(allows(p, RIGHTS, 'read', { entityId: 'A' })).toBe(true);
    // viewer cannot write in A, even though the scope covers it
    expect(allows(p, RIGHTS, 'write', { entityId: 'A' })).toBe(false);
    // entity_admin can write at X
    expect(allows(p, RIGHTS, 'write', { entityId: 'B', locationId: 'X' })).toBe(true);
    // nothing covers B at Y
    expect(allows(p, RIGHTS, 'read', { entityId: 'B', locationId: 'Y' })).toBe(false);
  });

  it('a role without rights allows nothing, even organization-wide', () => {
    const p = principal(orgGrant('staff'));
    expect(allows(p, RIGHTS, 'read', { entityId: 'A' })).toBe(false);
    expect(allowsSomewhere(p, RIGHTS, 'read')).toBe(false);
  });

  it('no grants: nothing is allowed', () => {
    expect(allows(principal(), RIGHTS, 'read', {})).toBe(false);
    expect(allowsSomewhere(principal(), RIGHTS, 'read')).toBe(false);
  });

  it('allowsSomewhere ignores the scope', () => {
    const p = principal(locationGrant('entity_admin', 'X'));
    expect(allowsSomewhere(p, RIGHTS, 'write')).toBe(true);
    expect(allowsSomewhere(principal(locationGrant('viewer', 'X')), RIGHTS, 'write')).toBe(false);
  });
});

describe('scopeFilter', () => {
  it('is everything when one grant with the action is organization-wide', () => {
    const p = principal(entityGrant('viewer', 'A'), orgGrant('viewer'));
    expect(scopeFilter(p, RIGHTS, 'read')).toEqual({ all: true });
  });

  it('an organization-wide grant without the action does not widen the scope', () => {
    const p = principal(orgGrant('staff'), entityGrant('viewer', 'A', 'A1'));
    const f = scopeFilter(p, RIGHTS, 'read');
    expect(f.all).toBe(false);
    if (f.all) return;
    expect(f.entityIds.sort()).toEqual(['A', 'A1']);
    expect(f.locationIds).toEqual([]);
  });

  it('unions the entities and locations of the grants that have the action', () => {
    const p = principal(entityGrant('viewer', 'A', 'A1'), entityGrant('entity_admin', 'B'), locationGrant('viewer', 'X', 'X1'), locationGrant('entity_admin', 'Y'));
    const read = scopeFilter(p, RIGHTS, 'read');
    expect(read).toEqual({ all: false, entityIds: expect.arrayContaining(['A', 'A1', 'B']), locationIds: expect.arrayContaining(['X', 'X1', 'Y']) });
    if (read.all) return;
    expect(read.entityIds).toHaveLength(3);
    expect(read.locationIds).toHaveLength(3);
    const write = scopeFilter(p, RIGHTS, 'write');
    expect(write).toEqual({ all: false, entityIds: ['B'], locationIds: ['Y'] });
  });

  it('is empty without grants', () => {
    expect(scopeFilter(principal(), RIGHTS, 'read')).toEqual({ all: false, entityIds: [], locationIds: [] });
  });
});
