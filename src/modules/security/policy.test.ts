import { describe, expect, it } from 'vitest';
import type { Grant, Principal, Role } from '../../domain/access.js';
import { canEditTemplates, canOnArea, canOnLocation, canOnProgramme } from './policy.js';

const grant = (role: Role, scopeType: 'org' | 'entity' | 'location', id: string | null = null): Grant => ({
  role, scopeType, scopeId: id, entityIds: new Set(scopeType === 'entity' && id ? [id] : []), locationIds: new Set(scopeType === 'location' && id ? [id] : []),
});
const who = (...grants: Grant[]): Principal => ({ userId: 'u', email: 'u@t', personId: null, grants });

describe('security risk management rights', () => {
  const saX = who(grant('security_adviser', 'location', 'X'));
  it('an area is changed by the security advisers of one of its duty stations', () => {
    expect(canOnArea(saX, 'srm.write', ['X', 'X2'])).toBe(true);
    expect(canOnArea(saX, 'srm.write', ['Y'])).toBe(false);
    expect(canOnArea(saX, 'srm.write', [])).toBe(false);
    expect(canOnArea(who(grant('security_adviser', 'org')), 'srm.write', [])).toBe(true);
  });
  it('other roles read the SRM but do not change it', () => {
    for (const role of ['bc_coordinator', 'orms_focal_point', 'entity_admin', 'crisis_team_member', 'viewer', 'staff'] as const) {
      expect(canOnArea(who(grant(role, 'location', 'X')), 'srm.write', ['X']), role).toBe(false);
      expect(canOnArea(who(grant(role, 'location', 'X')), 'srm.read', ['X']), role).toBe(true);
    }
  });
  it('programme criticality is recorded within the programme\'s entity or duty station', () => {
    const prog = { entityId: 'A', locationId: 'X' };
    expect(canOnProgramme(who(grant('bc_coordinator', 'entity', 'A')), 'programme.write', prog)).toBe(true);
    expect(canOnProgramme(who(grant('bc_coordinator', 'entity', 'B')), 'programme.write', prog)).toBe(false);
    expect(canOnProgramme(saX, 'programme.write', prog)).toBe(true);
    expect(canOnProgramme(who(grant('viewer', 'entity', 'A')), 'programme.write', prog)).toBe(false);
  });
  it('MOSS is assessed at a station by its advisers and focal points; templates by organization-wide advisers', () => {
    expect(canOnLocation(saX, 'compliance.write', 'X')).toBe(true);
    expect(canOnLocation(saX, 'compliance.write', 'Y')).toBe(false);
    expect(canOnLocation(who(grant('orms_focal_point', 'location', 'X')), 'compliance.write', 'X')).toBe(true);
    expect(canOnLocation(who(grant('bc_coordinator', 'location', 'X')), 'compliance.write', 'X')).toBe(false);
    expect(canEditTemplates(saX)).toBe(false);
    expect(canEditTemplates(who(grant('security_adviser', 'org')))).toBe(true);
    expect(canEditTemplates(who(grant('entity_admin', 'org')))).toBe(false);
  });
});
