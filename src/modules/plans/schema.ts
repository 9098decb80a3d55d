import { z } from 'zod';
import { pageParams, sortParam } from '../../db/paging.js';
import { PLAN_STATUSES, REVIEW_TRIGGERS } from '../../domain/plans/catalog.js';

const id = z.uuid({ message: 'Must be a UUID' });
export const idParams = z.strictObject({ id });
export const versionParams = z.strictObject({ id, versionId: id });
export const taskParams = z.strictObject({ id, taskId: id });
export const locationParams = z.strictObject({ locationId: id });
const optionalId = id.nullish().transform((v) => v ?? null);
/** Without a transform, so the content schema also serializes responses. */
const nullableId = id.nullable().default(null);
const isoDay = z.iso.date({ message: 'A date as YYYY-MM-DD' });
const line = (max: number) => z.string().trim().max(max);
const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

const block = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('heading'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), text: line(300).min(1, 'Required') }),
  z.strictObject({ type: z.literal('paragraph'), text: z.string().max(50_000) }),
  z.strictObject({ type: z.literal('list'), ordered: z.boolean().default(false), items: z.array(line(5000)).max(500) }),
  z.strictObject({ type: z.literal('table'), header: z.array(line(300)).min(1, 'A table needs a header row').max(20), rows: z.array(z.array(line(5000)).max(20)).max(1000) }),
  z.strictObject({ type: z.literal('roles'), entries: z.array(z.strictObject({ role: line(300).min(1, 'Required'), responsibilities: line(10_000).default(''), teamId: nullableId })).max(200) }),
  z.strictObject({ type: z.literal('contacts'), title: line(300).default('Contacts'), personIds: z.array(id).max(500).default([]), teamIds: z.array(id).max(50).default([]) }),
  z.strictObject({ type: z.literal('checklist'), title: line(300).default('Checklist'), items: z.array(z.strictObject({ text: line(2000).min(1, 'Required'), role: line(300).default('') })).min(1, 'A checklist needs at least one item').max(500) }),
  z.strictObject({ type: z.literal('call_tree'), nodes: z.array(z.strictObject({ personId: id, callerPersonId: nullableId })).min(1, 'A call tree needs at least one person').max(2000) }),
]);
export const section = z.strictObject({
  key: z.string().regex(/^[a-z0-9_-]{1,60}$/, 'Lower-case letters, digits, _ and -'),
  heading: line(300).min(1, 'Required'),
  blocks: z.array(block).max(2000),
});
export const planContent = z.strictObject({ sections: z.array(section).max(500) });

const planFields = {
  title: line(300).min(1, 'Required'),
  planTypeId: id,
  entityId: optionalId.describe('Owning entity; empty for an inter-agency plan of a duty station'),
  locationId: optionalId.describe('Duty station the plan is for'),
  participantEntityIds: z.array(id).max(100).default([]).describe('Entities sharing an inter-agency plan at its duty station'),
  ownerPersonId: id.describe('Plan owner (required)'),
  approverPersonId: optionalId,
  activationCriteria: line(10_000).default(''),
  reviewDue: isoDay.nullish().transform((v) => v ?? null),
  riskIds: z.array(id).max(500).default([]),
  processIds: z.array(id).max(500).default([]),
  teamIds: z.array(id).max(100).default([]),
  contactPersonIds: z.array(id).max(500).default([]),
};
export const planInput = z.strictObject({
  ...planFields,
  templateId: optionalId.describe('Template to start the first draft from; defaults to the plan type\'s template, then the ORMS template'),
});
export const planPatch = z.strictObject({
  ...planFields,
  participantEntityIds: z.array(id).max(100), riskIds: z.array(id).max(500), processIds: z.array(id).max(500),
  teamIds: z.array(id).max(100), contactPersonIds: z.array(id).max(500),
  status: z.enum(['superseded', 'archived'], { message: 'Only superseded or archived may be set by hand; approval sets the rest' }),
}).omit({ planTypeId: true }).partial();

export const versionOut = z.object({
  id: z.string(), planId: z.string(), number: z.number(), status: z.string(), changeNote: z.string(),
  draftedBy: z.string().nullable(), submittedAt: z.string().nullable(), approvedBy: z.string().nullable(), approvedAt: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(),
});
export const versionDetailOut = versionOut.extend({ content: planContent });
export const planOut = z.object({
  id: z.string(), title: z.string(), planTypeId: z.string(), planType: z.string(), entityId: z.string().nullable(), locationId: z.string().nullable(),
  participantEntityIds: z.array(z.string()), ownerPersonId: z.string(), approverPersonId: z.string().nullable(), status: z.string(),
  activationCriteria: z.string(), currentVersionId: z.string().nullable(), workingVersion: versionOut.nullable(),
  reviewDue: z.string().nullable(), reviewOverdue: z.boolean(),
  reviewTriggeredBy: z.string().nullable(), reviewTriggerNote: z.string().nullable(), reviewFlaggedAt: z.string().nullable(),
  riskIds: z.array(z.string()), processIds: z.array(z.string()), teamIds: z.array(z.string()), contactPersonIds: z.array(z.string()),
  createdAt: z.string(), updatedAt: z.string(),
  allowed: z.object({
    history: z.boolean().describe('May read drafts, versions, the approval record and review triggers (else only the version in force)'),
    write: z.boolean(), approve: z.boolean(),
    approveBlocked: z.enum(['own_draft']).nullable().describe('Why the caller may not approve the version in review, though an approver'),
  }).optional().describe('What the caller may do with this plan (on a single plan\'s answer)'),
});
export const planListQuery = z.strictObject({
  ...pageParams,
  sort: sortParam(['title', 'reviewDue', 'updatedAt'], 'title'),
  planTypeId: id.optional(), entityId: id.optional(), locationId: id.optional(), status: z.enum(PLAN_STATUSES).optional(),
  reviewOverdue: boolParam.optional(), flaggedForReview: boolParam.optional(),
  reviewDueBefore: isoDay.optional().describe('Plans in force whose review falls due on or before this day (overdue ones included)'),
});

export const planExportQuery = planListQuery.omit({ page: true, pageSize: true });

export const inboxItemOut = z.object({
  planId: z.string(), planTitle: z.string(), planTypeId: z.string(), planType: z.string(), entityId: z.string().nullable(), locationId: z.string().nullable(),
  ownerPersonId: z.string(), version: versionOut, selfApprovalForbidden: z.boolean().describe('You drafted this version and the plan type forbids approving your own draft'),
});

const printPerson = z.object({ id: z.string(), name: z.string(), jobTitle: z.string().nullable(), contacts: z.array(z.object({ kind: z.string(), value: z.string() })) });
export const directoryOut = z.object({
  people: z.array(printPerson),
  teams: z.array(z.object({ id: z.string(), name: z.string(), members: z.array(z.object({ role: z.string(), personId: z.string() })) })),
});

export const draftInput = z.strictObject({ content: planContent, changeNote: line(2000).optional() });
export const newVersionInput = z.strictObject({ changeNote: line(2000).default('') });
export const decisionInput = z.strictObject({ comment: line(5000).default('') });
export const commentInput = z.strictObject({ comment: line(5000).min(1, 'Required') });
export const approvalEventOut = z.object({ id: z.string(), versionId: z.string(), email: z.string().nullable(), action: z.string(), comment: z.string(), at: z.string() });
export const diffQuery = z.strictObject({ from: id, to: id });
export const diffOut = z.object({
  from: versionOut, to: versionOut, unified: z.string(), added: z.number(), removed: z.number(),
  changes: z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), lines: z.array(z.string()) })),
});

export const triggerInput = z.strictObject({ trigger: z.enum(REVIEW_TRIGGERS), note: line(5000).default('') });
export const triggerOut = z.object({ id: z.string(), planId: z.string(), trigger: z.string(), note: z.string(), sourceType: z.string().nullable(), sourceId: z.string().nullable(), at: z.string() });

export const activationInput = z.strictObject({ reason: line(5000).min(1, 'Say why the plan is activated') });
export const taskOut = z.object({ id: z.string(), section: z.string(), text: z.string(), role: z.string(), position: z.number(), status: z.string(), doneBy: z.string().nullable(), doneAt: z.string().nullable() });
export const activationOut = z.object({ id: z.string(), planId: z.string(), versionId: z.string(), reason: z.string(), activatedBy: z.string().nullable(), activatedAt: z.string(), deactivatedAt: z.string().nullable(), tasks: z.array(taskOut) });
export const taskPatch = z.strictObject({ status: z.enum(['open', 'done']) });

export const planTypeInput = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,49}$/, 'Lower-case letters, digits and _'),
  name: line(200).min(1, 'Required'),
  reviewMonths: z.number().int().min(1, 'At least one month').max(120, 'At most ten years').default(12),
  allowSelfApproval: z.boolean().default(false),
});
export const planTypePatch = planTypeInput.omit({ key: true }).partial();
export const planTypeOut = z.object({ id: z.string(), key: z.string(), name: z.string(), reviewMonths: z.number(), allowSelfApproval: z.boolean() });
export const templateInput = z.strictObject({ name: line(200).min(1, 'Required'), planTypeId: optionalId, content: planContent });
export const templateOut = z.object({ id: z.string(), name: z.string(), planTypeId: z.string().nullable(), content: planContent, createdAt: z.string(), updatedAt: z.string() });

export const reminderOut = z.object({ id: z.string(), planId: z.string(), planTitle: z.string(), kind: z.string(), reviewDue: z.string(), emailedTo: z.string().nullable(), readAt: z.string().nullable(), createdAt: z.string() });
export const reminderParams = z.strictObject({ id });
export const reminderRunOut = z.object({ created: z.number(), emailed: z.number(), failed: z.number() });

export const walletCardInput = z.strictObject({
  title: line(200).default('Emergency card'),
  numbers: z.array(z.strictObject({ label: line(100).min(1, 'Required'), number: z.string().trim().regex(/^[+0-9 ()-]{2,30}$/, 'A phone number: digits, spaces, + ( ) -') })).min(1, 'At least one emergency number').max(12, 'A wallet card holds at most 12 numbers'),
  firstActions: z.array(line(200).min(1, 'Required')).max(8, 'A wallet card holds at most 8 first actions').default([]),
});
export const walletCardOut = z.object({ locationId: z.string(), locationName: z.string(), title: z.string(), numbers: z.array(z.object({ label: z.string(), number: z.string() })), firstActions: z.array(z.string()), updatedAt: z.string() });
export const walletCardListOut = z.array(walletCardOut.extend({ canEdit: z.boolean() }));
