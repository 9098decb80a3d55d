import { describe, expect, it } from 'vitest';
import type { Grant, Principal, Role } from '../../domain/access.js';
import { canManageTrip, canReadTrip, canReadWhereabouts, canWriteWhereabouts, clearanceRefusal, type Traveller } from './policy.js';

/**
 * The travel authorization matrix, written out by hand from the rules in policy.ts so that a
 * change to a rule makes this test fail.
 *   entities A ⊃ A1, B;  duty stations X (premises X1), Y
 *   alice: A @ X (the user's own record in the self-service rows);  bob: B @ Y
 * Columns:
 *   manageA   file / change a request of Alice        readB    read Bob's request to X
 *   manageB   file / change a request of Bob          clearX   clear a leg to X (of Bob's request)
 *   whereB    see Bob while he is at X                clearY   clear a leg to Y
 *   writeA    record Alice's location
 */
type Scope = 'org' | 'entityA' | 'locationX';
interface Row { role: Role; scope: Scope; manageA: boolean; manageB: boolean; readB: boolean; clearX: boolean; clearY: boolean; whereB: boolean; writeA: boolean }

const grant = (role: Role, scope: Scope): Grant => ({
  role, scopeType: scope === 'org' ? 'org' : scope === 'entityA' ? 'entity' : 'location', scopeId: scope === 'org' ? null : scope,
  entityIds: new Set(scope === 'entityA' ? ['A', 'A1'] : []), locationIds: new Set(scope === 'locationX' ? ['X', 'X1'] : []),
});
const principal = (grants: Grant[], personId: string | null = null): Principal => ({ userId: 'u1', email: 'u@t.org', personId, grants });
const alice: Traveller = { id: 'alice', entityId: 'A', homeLocationId: 'X' };
const bob: Traveller = { id: 'bob', entityId: 'B', homeLocationId: 'Y' };
const bobsTrip = { personId: 'bob', filedBy: 'someone-else' };

const T = true, F = false;
const MATRIX: Row[] = [
  { role: 'system_admin', scope: 'org', manageA: T, manageB: T, readB: T, clearX: F, clearY: F, whereB: T, writeA: T },
  { role: 'system_admin', scope: 'entityA', manageA: T, manageB: F, readB: F, clearX: F, clearY: F, whereB: F, writeA: T },
  { role: 'entity_admin', scope: 'org', manageA: T, manageB: T, readB: T, clearX: F, clearY: F, whereB: T, writeA: T },
  { role: 'entity_admin', scope: 'entityA', manageA: T, manageB: F, readB: F, clearX: F, clearY: F, whereB: F, writeA: T },
  { role: 'entity_admin', scope: 'locationX', manageA: T, manageB: F, readB: T, clearX: F, clearY: F, whereB: T, writeA: T },
  { role: 'orms_focal_point', scope: 'org', manageA: F, manageB: F, readB: T, clearX: F, clearY: F, whereB: T, writeA: F },
  { role: 'orms_focal_point', scope: 'locationX', manageA: F, manageB: F, readB: T, clearX: F, clearY: F, whereB: T, writeA: F },
  { role: 'bc_coordinator', scope: 'org', manageA: F, manageB: F, readB: F, clearX: F, clearY: F, whereB: F, writeA: F },
  { role: 'security_adviser', scope: 'org', manageA: F, manageB: F, readB: T, clearX: T, clearY: T, whereB: T, writeA: T },
  // The destination's security focal point: a location grant covering the destination duty station.
  { role: 'security_adviser', scope: 'locationX', manageA: F, manageB: F, readB: T, clearX: T, clearY: F, whereB: T, writeA: T },
  // An entity grant covers no duty station: it does not make one a destination's focal point.
  { role: 'security_adviser', scope: 'entityA', manageA: F, manageB: F, readB: F, clearX: F, clearY: F, whereB: F, writeA: T },
  { role: 'crisis_team_member', scope: 'org', manageA: F, manageB: F, readB: T, clearX: F, clearY: F, whereB: T, writeA: F },
  { role: 'crisis_team_member', scope: 'locationX', manageA: F, manageB: F, readB: T, clearX: F, clearY: F, whereB: T, writeA: F },
  { role: 'viewer', scope: 'org', manageA: F, manageB: F, readB: T, clearX: F, clearY: F, whereB: T, writeA: F },
  { role: 'staff', scope: 'org', manageA: F, manageB: F, readB: F, clearX: F, clearY: F, whereB: F, writeA: F },
];

describe('travel authorization matrix', () => {
  for (const row of MATRIX) {
    it(`${row.role} on ${row.scope}`, () => {
      const p = principal([grant(row.role, row.scope)]);
      expect({
        manageA: canManageTrip(p, alice), manageB: canManageTrip(p, bob), readB: canReadTrip(p, bob, ['X']),
        clearX: clearanceRefusal(p, bobsTrip, 'X') === null, clearY: clearanceRefusal(p, bobsTrip, 'Y') === null,
        whereB: canReadWhereabouts(p, bob, 'X'), writeA: canWriteWhereabouts(p, alice),
      }).toEqual({ manageA: row.manageA, manageB: row.manageB, readB: row.readB, clearX: row.clearX, clearY: row.clearY, whereB: row.whereB, writeA: row.writeA });
    });
  }

  it('gives every linked user their own trips and location, and nothing of others', () => {
    const me = principal([], 'alice');
    expect([canManageTrip(me, alice), canReadTrip(me, alice, ['Y']), canWriteWhereabouts(me, alice), canReadWhereabouts(me, alice, 'Y')]).toEqual([T, T, T, T]);
    expect([canManageTrip(me, bob), canReadTrip(me, bob, ['X']), canWriteWhereabouts(me, bob), canReadWhereabouts(me, bob, 'X')]).toEqual([F, F, F, F]);
    expect([canManageTrip(principal([]), alice), canWriteWhereabouts(principal([]), alice)]).toEqual([F, F]); // no person linked
  });

  it('refuses a security adviser their own request and requests they filed, naming why', () => {
    const sa = principal([grant('security_adviser', 'org')], 'bob');
    expect(clearanceRefusal(sa, bobsTrip, 'X')).toBe('own');
    expect(clearanceRefusal(principal([grant('security_adviser', 'org')]), { personId: 'alice', filedBy: 'u1' }, 'Y')).toBe('filed');
    expect(clearanceRefusal(principal([grant('security_adviser', 'locationX')]), bobsTrip, 'Y')).toBe('role');
    expect(clearanceRefusal(principal([grant('security_adviser', 'locationX')]), bobsTrip, 'X1')).toBeNull(); // premises of X
  });
});
