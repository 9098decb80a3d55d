import { z } from 'zod';
import { MAX_APPROVALS, SENDER_ROLES } from '../../domain/notify/approval.js';
import { scopeRef } from './schema.js';

export const policyInput = z.strictObject({
  scope: scopeRef,
  approvalsRequired: z.number().int().min(0).max(MAX_APPROVALS).describe('Approvals by people other than the drafter before sending (0: none needed)'),
  senderRoles: z.array(z.enum(SENDER_ROLES as unknown as [string, ...string[]])).min(1, 'Name at least one role that sends').max(SENDER_ROLES.length),
  senderMayBeDrafter: z.boolean(),
  bypassAllowed: z.boolean().describe('Whether an emergency may be sent without approval, with a reason (audited)'),
});
export const policyPatch = policyInput.omit({ scope: true }).partial();

export const policyOut = z.object({
  id: z.string(), scope: scopeRef, scopeName: z.string().nullable(), approvalsRequired: z.number(), senderRoles: z.array(z.string()),
  senderMayBeDrafter: z.boolean(), bypassAllowed: z.boolean(), updatedAt: z.string(),
});
export const effectivePolicyOut = z.object({
  approvalsRequired: z.number(), senderRoles: z.array(z.string()), senderMayBeDrafter: z.boolean(), bypassAllowed: z.boolean(),
  source: z.string().nullable().describe('The scope whose policy applies (org, entity:<id>, location:<id>), null for the default'),
});
