import { allows, allowsSomewhere, scopeFilter, type Principal, type RightsTable } from '../../domain/access.js';

/**
 * Notification area authorization: the three tiers of 000 §44 — drafters write messages, approvers
 * approve them, senders release them. A message reaches only people within the sender's scope.
 */
export type NotifyAction = 'message.draft' | 'message.approve' | 'message.send';

export const NOTIFY_RIGHTS: RightsTable<NotifyAction> = {
  system_admin: ['message.draft', 'message.approve', 'message.send'],
  entity_admin: ['message.draft', 'message.approve', 'message.send'],
  orms_focal_point: ['message.draft', 'message.approve', 'message.send'],
  security_adviser: ['message.draft', 'message.approve', 'message.send'],
  crisis_team_member: ['message.draft'],
  bc_coordinator: ['message.draft'],
  staff: [],
  viewer: [],
};

export const canNotify = (p: Principal, action: NotifyAction) => allowsSomewhere(p, NOTIFY_RIGHTS, action);
/** The people an action may reach: the union of the scopes of the grants that allow it. */
export const reachScope = (p: Principal, action: NotifyAction) => scopeFilter(p, NOTIFY_RIGHTS, action);
export const canNotifyAll = (p: Principal, action: NotifyAction) => allows(p, NOTIFY_RIGHTS, action, {});
