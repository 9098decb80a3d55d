import { allows, allowsSomewhere, covers, scopeFilter, type Principal, type ResourceScope, type RightsTable, type Role } from '../../domain/access.js';

/**
 * Notification area authorization: the three tiers of 000 §44 — drafters write messages, approvers
 * approve them, senders release them — within the scope a message is issued for (whose approval
 * policy may ask for more approvals or restrict who sends). A message reaches only people within
 * the sender's scope. Templates are a shared library; approval policies are set by administrators.
 */
export type NotifyAction = 'message.draft' | 'message.approve' | 'message.send' | 'template.manage' | 'policy.manage';

export const NOTIFY_RIGHTS: RightsTable<NotifyAction> = {
  system_admin: ['message.draft', 'message.approve', 'message.send', 'template.manage', 'policy.manage'],
  entity_admin: ['message.draft', 'message.approve', 'message.send', 'template.manage', 'policy.manage'],
  orms_focal_point: ['message.draft', 'message.approve', 'message.send', 'template.manage'],
  security_adviser: ['message.draft', 'message.approve', 'message.send', 'template.manage'],
  crisis_team_member: ['message.draft'],
  bc_coordinator: ['message.draft'],
  staff: [],
  viewer: [],
};

export const canNotify = (p: Principal, action: NotifyAction) => allowsSomewhere(p, NOTIFY_RIGHTS, action);
/** The people an action may reach: the union of the scopes of the grants that allow it. */
export const reachScope = (p: Principal, action: NotifyAction) => scopeFilter(p, NOTIFY_RIGHTS, action);
export const canNotifyAll = (p: Principal, action: NotifyAction) => allows(p, NOTIFY_RIGHTS, action, {});

/** A message's or policy's scope as a resource: the organization is covered by org-wide grants only. */
export interface Scope { type: 'org' | 'entity' | 'location'; id: string | null }
export const scopeResource = (s: Scope): ResourceScope => (s.type === 'entity' ? { entityId: s.id } : s.type === 'location' ? { locationId: s.id } : {});

/** May the principal do this for a message or policy of this scope? */
export const canNotifyIn = (p: Principal, action: NotifyAction, s: Scope) => allows(p, NOTIFY_RIGHTS, action, scopeResource(s));

/** The roles of the principal's grants that allow the action within the scope (a policy may name the roles that send). */
export const rolesIn = (p: Principal, action: NotifyAction, s: Scope): Role[] =>
  [...new Set(p.grants.filter((g) => NOTIFY_RIGHTS[g.role].includes(action) && covers(g, scopeResource(s))).map((g) => g.role))];
