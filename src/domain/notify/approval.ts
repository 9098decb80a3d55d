import type { Role } from '../access.js';

/**
 * The approval policy of a scope (the organization, an entity, a duty station): how many people
 * other than the drafter must approve a message, which roles may then send it, whether the
 * drafter may be the one who sends, and whether an emergency may bypass approval (always audited).
 * The most specific policy applies: the duty station's, else its entity chain's, else the
 * organization's, else the default below — drafter → one approver → sender (000 §44).
 */
export interface ApprovalPolicy {
  approvalsRequired: number;
  senderRoles: Role[];
  senderMayBeDrafter: boolean;
  bypassAllowed: boolean;
}

export const MAX_APPROVALS = 5;
/** Roles that may send at all (the notification rights table gives them `message.send`). */
export const SENDER_ROLES: readonly Role[] = ['system_admin', 'entity_admin', 'orms_focal_point', 'security_adviser'];

export const DEFAULT_POLICY: ApprovalPolicy = {
  approvalsRequired: 1,
  senderRoles: [...SENDER_ROLES],
  senderMayBeDrafter: true,
  bypassAllowed: true,
};

/** The first defined policy of a chain ordered from most to least specific, else the default. */
export function nearestPolicy(chain: readonly (ApprovalPolicy | undefined)[]): ApprovalPolicy {
  return chain.find((p): p is ApprovalPolicy => !!p) ?? DEFAULT_POLICY;
}

export interface Decision { userId: string; decision: 'approve' | 'reject' }

/** Where a message stands after its decisions: one rejection sends it back; enough approvals release it. */
export function approvalStatus(policy: Pick<ApprovalPolicy, 'approvalsRequired'>, decisions: readonly Decision[]): 'pending_approval' | 'approved' | 'rejected' {
  if (decisions.some((d) => d.decision === 'reject')) return 'rejected';
  const approvers = new Set(decisions.filter((d) => d.decision === 'approve').map((d) => d.userId));
  return approvers.size >= policy.approvalsRequired ? 'approved' : 'pending_approval';
}

export interface SendAttempt {
  /** The message's status: only 'approved' is sent without a bypass. */
  status: string;
  isDrafter: boolean;
  /** The roles of the sender's grants that cover the message's scope and allow sending. */
  senderRoles: readonly Role[];
  bypassReason?: string | undefined;
}

export type SendCheck =
  | { ok: true; bypass: boolean }
  | { ok: false; code: 'role' | 'drafter' | 'not_approved' | 'bypass_disallowed'; message: string };

/** Whether a sender may release a message now under the policy, and whether that is a bypass. */
export function checkSend(policy: ApprovalPolicy, a: SendAttempt): SendCheck {
  if (!a.senderRoles.some((r) => policy.senderRoles.includes(r))) {
    return { ok: false, code: 'role', message: `Under this scope's policy only these roles send: ${policy.senderRoles.join(', ')}` };
  }
  if (a.isDrafter && !policy.senderMayBeDrafter) return { ok: false, code: 'drafter', message: 'Under this scope\'s policy the drafter may not send their own message' };
  if (a.status === 'approved') return { ok: true, bypass: false };
  // A scope that needs no approval sends a draft as it is.
  if (policy.approvalsRequired === 0 && (a.status === 'draft' || a.status === 'pending_approval')) return { ok: true, bypass: false };
  if (a.status === 'sent') return { ok: false, code: 'not_approved', message: 'The message has already been sent' };
  if (!a.bypassReason) return { ok: false, code: 'not_approved', message: 'The message is not approved; an emergency bypass needs a reason' };
  if (!policy.bypassAllowed) return { ok: false, code: 'bypass_disallowed', message: 'This scope\'s policy allows no emergency bypass of approval' };
  return { ok: true, bypass: true };
}
