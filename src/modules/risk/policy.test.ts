import { describe, expect, it } from 'vitest';
import type { Grant, Principal, Role } from '../../domain/access.js';
import { canAdminMatrices, canOnRisk, canRateFor, type RiskPlace } from './policy.js';

// Entities A (with sub-entity A1) and B; duty stations X and Y.
const grant = (role: Role, scope: 'org' | 'A' | 'B' | 'X' | 'Y'): Grant => ({
  role, scopeType: scope === 'org' ? 'org' : scope.length === 1 && 'AB'.includes(scope) ? 'entity' : 'location', scopeId: scope === 'org' ? null : scope,
  entityIds: new Set(scope === 'A' ? ['A', 'A1'] : scope === 'B' ? ['B'] : []), locationIds: new Set(scope === 'X' || scope === 'Y' ? [scope] : []),
});
const who = (...grants: Grant[]): Principal => ({ userId: 'u', email: 'u@t', personId: null, grants });

const privateA: RiskPlace = { entityId: 'A1', locationId: 'X', participants: [] };
const stationX: RiskPlace = { entityId: null, locationId: 'X', participants: [] };
const jointX: RiskPlace = { entityId: null, locationId: 'X', participants: ['A', 'B'] };

describe('who may read and change a risk', () => {
  const cases: [string, Principal, RiskPlace, boolean, boolean][] = [
    // [who, principal, place, may read, may write]
    ['A\'s coordinator, A1\'s private risk', who(grant('bc_coordinator', 'A')), privateA, true, true],
    ['B\'s coordinator, A\'s private risk', who(grant('bc_coordinator', 'B')), privateA, false, false],
    ['X\'s focal point, A\'s private risk at X', who(grant('orms_focal_point', 'X')), privateA, false, false],
    ['X\'s focal point, X\'s own risk', who(grant('orms_focal_point', 'X')), stationX, true, true],
    ['Y\'s focal point, X\'s own risk', who(grant('orms_focal_point', 'Y')), stationX, false, false],
    ['B\'s coordinator, the joint scenario', who(grant('bc_coordinator', 'B')), jointX, true, true],
    ['X\'s viewer, the joint scenario', who(grant('viewer', 'X')), jointX, true, false],
    ['Y\'s security adviser, the joint scenario', who(grant('security_adviser', 'Y')), jointX, false, false],
    ['staff anywhere', who(grant('staff', 'org')), privateA, false, false],
    ['a crisis team member of the organization', who(grant('crisis_team_member', 'org')), privateA, true, false],
    ['the system administrator', who(grant('system_admin', 'org')), privateA, true, true],
  ];
  for (const [label, p, place, read, write] of cases) {
    it(`${label}: read ${read}, write ${write}`, () => {
      expect(canOnRisk(p, 'risk.read', place)).toBe(read);
      expect(canOnRisk(p, 'risk.write', place)).toBe(write);
    });
  }
});

describe('who may rate a joint scenario for an entity', () => {
  it('an entity rates for itself only', () => {
    const b = who(grant('bc_coordinator', 'B'));
    expect(canRateFor(b, jointX, 'B')).toBe(true);
    expect(canRateFor(b, jointX, 'A')).toBe(false);
  });
  it('the duty station\'s coordinator records every participant\'s rating, but only for participants', () => {
    const x = who(grant('bc_coordinator', 'X'));
    expect(canRateFor(x, jointX, 'A')).toBe(true);
    expect(canRateFor(x, jointX, 'B')).toBe(true);
    expect(canRateFor(x, jointX, 'C')).toBe(false);
    expect(canRateFor(x, jointX, null)).toBe(false);
  });
  it('a reader rates nothing; outside a joint assessment rating follows the right to change the risk', () => {
    expect(canRateFor(who(grant('viewer', 'X')), jointX, 'A')).toBe(false);
    expect(canRateFor(who(grant('bc_coordinator', 'A')), privateA, null)).toBe(true);
    expect(canRateFor(who(grant('bc_coordinator', 'B')), privateA, null)).toBe(false);
  });
});

describe('matrices', () => {
  it('are changed by system administrators only', () => {
    expect(canAdminMatrices(who(grant('system_admin', 'org')))).toBe(true);
    expect(canAdminMatrices(who(grant('security_adviser', 'org')))).toBe(false);
    expect(canAdminMatrices(who(grant('bc_coordinator', 'A')))).toBe(false);
  });
});
