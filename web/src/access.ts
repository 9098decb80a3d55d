import { allowsSomewhere, type Principal, type Role, type ScopeType } from '../../src/domain/access.js';
import { ORG_RIGHTS } from '../../src/modules/org/policy.js';
import { AUDIT_RIGHTS } from '../../src/modules/audit/policy.js';
import { RISK_RIGHTS } from '../../src/modules/risk/policy.js';
import { SECURITY_RIGHTS } from '../../src/modules/security/policy.js';
import { NOTIFY_RIGHTS } from '../../src/modules/notify/policy.js';
import { CONTINUITY_RIGHTS } from '../../src/modules/continuity/policy.js';
import { PLAN_RIGHTS } from '../../src/modules/plans/policy.js';
import { EXERCISE_RIGHTS } from '../../src/modules/exercises/policy.js';
import type { User } from './api/types';

/**
 * What the signed-in user may open, decided by the server's own rights tables (one rule, one place).
 * The server still checks every request; this only keeps the menu honest.
 */
export function principalOf(user: User): Principal {
  return {
    userId: user.id, email: user.email, personId: user.personId,
    grants: user.grants.map((g) => ({
      role: g.role as Role, scopeType: g.scopeType as ScopeType, scopeId: g.scopeId,
      entityIds: new Set<string>(), locationIds: new Set<string>(),
    })),
  };
}

export type PageKey =
  | 'entities' | 'countries' | 'locations' | 'people' | 'teams'
  | 'risk' | 'security' | 'continuity' | 'itdr' | 'plans' | 'exercises' | 'incidents' | 'notifications' | 'travel' | 'dashboard' | 'audit';

export function canOpen(user: User, page: PageKey): boolean {
  const p = principalOf(user);
  switch (page) {
    // Reference data every signed-in user may read.
    case 'entities': case 'countries': case 'locations': return true;
    case 'people': return allowsSomewhere(p, ORG_RIGHTS, 'person.read');
    case 'teams': return allowsSomewhere(p, ORG_RIGHTS, 'team.read');
    case 'risk': return allowsSomewhere(p, RISK_RIGHTS, 'risk.read');
    case 'security': return allowsSomewhere(p, SECURITY_RIGHTS, 'srm.read');
    case 'notifications': return allowsSomewhere(p, NOTIFY_RIGHTS, 'message.draft');
    case 'audit': return allowsSomewhere(p, AUDIT_RIGHTS, 'audit.read');
    case 'continuity': return allowsSomewhere(p, CONTINUITY_RIGHTS, 'bc.read');
    case 'itdr': return allowsSomewhere(p, CONTINUITY_RIGHTS, 'bc.read');
    case 'plans': return allowsSomewhere(p, PLAN_RIGHTS, 'plan.read_approved');
    case 'exercises': return allowsSomewhere(p, EXERCISE_RIGHTS, 'exercise.read');
    // Every staff member has trips to file and a current location to keep up to date.
    case 'travel': return true;
    // Areas without rules yet are open to every signed-in user (their pages are empty states).
    case 'incidents': case 'dashboard': return true;
  }
}

export const canDo = (user: User, action: 'person.write' | 'team.write' | 'entity.write' | 'location.write'): boolean =>
  allowsSomewhere(principalOf(user), ORG_RIGHTS, action);
