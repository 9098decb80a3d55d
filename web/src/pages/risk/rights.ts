import { useMemo } from 'react';
import { allowsSomewhere, type Principal, type Role, type ScopeType } from '../../../../src/domain/access.js';
import { canAdminMatrices, canOnRisk, RISK_RIGHTS, type RiskPlace } from '../../../../src/modules/risk/policy.js';
import { canEditTemplates, canOnArea, canOnLocation, canOnProgramme, SECURITY_RIGHTS } from '../../../../src/modules/security/policy.js';
import type { Entity, User } from '../../api/types';
import { useEntities } from '../../api/lookups';
import { useSession } from '../../session';

/**
 * The signed-in user as the server's policies see them: an entity grant covers the entity and its
 * sub-entities, a duty-station grant the station. The web asks the same policy functions the
 * server enforces, only to hide what the user may not do.
 */
export function principalWithScopes(user: User, entities: Entity[]): Principal {
  const children = new Map<string, string[]>();
  for (const e of entities) if (e.parentId) children.set(e.parentId, [...(children.get(e.parentId) ?? []), e.id]);
  const subtree = (id: string): string[] => [id, ...(children.get(id) ?? []).flatMap(subtree)];
  return {
    userId: user.id, email: user.email, personId: user.personId,
    grants: user.grants.map((g) => ({
      role: g.role as Role, scopeType: g.scopeType as ScopeType, scopeId: g.scopeId,
      entityIds: new Set(g.scopeType === 'entity' && g.scopeId ? subtree(g.scopeId) : []),
      locationIds: new Set(g.scopeType === 'location' && g.scopeId ? [g.scopeId] : []),
    })),
  };
}

/** The user's principal for policy checks beyond the common ones below (null until signed in). */
export function usePrincipal(): Principal | null {
  const { user } = useSession();
  const entities = useEntities().data;
  return useMemo(() => (user ? principalWithScopes(user, entities ?? []) : null), [user, entities]);
}

/** What the user may change in the risk and security areas. */
export function useRights() {
  const { user } = useSession();
  const entities = useEntities().data;
  return useMemo(() => {
    const p = user ? principalWithScopes(user, entities ?? []) : null;
    return {
      risk: (place: RiskPlace) => !!p && canOnRisk(p, 'risk.write', place),
      /** May write risks somewhere (the "New" buttons; the server checks the place chosen). */
      anyRisk: !!p && allowsSomewhere(p, RISK_RIGHTS, 'risk.write'),
      matrices: !!p && canAdminMatrices(p),
      area: (stationIds: readonly string[]) => !!p && canOnArea(p, 'srm.write', stationIds),
      /** Is a security adviser somewhere (may define areas covering their stations). */
      anySrm: !!p && allowsSomewhere(p, SECURITY_RIGHTS, 'srm.write'),
      programme: (prog: { entityId: string; locationId: string }) => !!p && canOnProgramme(p, 'programme.write', prog),
      /** May record programmes at one of these stations: by a grant on them, or for an entity (the server checks which). */
      programmeAt: (stationIds: readonly string[]) => !!p && (canOnArea(p, 'programme.write', stationIds)
        || allowsSomewhere({ ...p, grants: p.grants.filter((g) => g.scopeType === 'entity') }, SECURITY_RIGHTS, 'programme.write')),
      compliance: (locationId: string) => !!p && canOnLocation(p, 'compliance.write', locationId),
      templates: !!p && canEditTemplates(p),
    };
  }, [user, entities]);
}
