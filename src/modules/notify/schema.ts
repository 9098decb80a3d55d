import { z } from 'zod';
import { TEAM_KINDS } from '../../domain/org.js';
import { CHANNELS, DELIVERY_STATUSES, MAX_RESPONSE_OPTIONS, MESSAGE_STATUSES, SEVERITIES } from '../../domain/notify/channels.js';

const id = z.uuid({ message: 'Must be a UUID' });
export const idParams = z.strictObject({ id });

/** The organization, or one entity or location. */
export const scopeRef = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('org') }),
  z.strictObject({ type: z.literal('entity'), id }),
  z.strictObject({ type: z.literal('location'), id }),
]);
export type ScopeRef = z.infer<typeof scopeRef>;

export const audienceRule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('everyone') }).describe('Everyone within your scope'),
  z.strictObject({ type: z.literal('location'), id }).describe('Everyone whose home duty station is this one'),
  z.strictObject({ type: z.literal('country'), code: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code') }),
  z.strictObject({ type: z.literal('entity'), id }).describe('Everyone of this entity and its sub-entities'),
  z.strictObject({ type: z.literal('team'), id }),
  z.strictObject({ type: z.literal('teamKind'), kind: z.enum(TEAM_KINDS), locationId: id.optional() }).describe('e.g. all wardens, or the CMT of a duty station'),
  z.strictObject({ type: z.literal('radius'), latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), km: z.number().positive().max(20_000) }),
  z.strictObject({ type: z.literal('person'), id }),
]);
export type AudienceRule = z.infer<typeof audienceRule>;
export const audience = z.strictObject({
  include: z.array(audienceRule).min(1, 'Say whom the message is for').max(100),
  exclude: z.array(audienceRule).max(100).default([]),
  includeDependants: z.boolean().default(false),
  onDate: z.iso.date({ message: 'A date as YYYY-MM-DD' }).optional()
    .describe('Count people where they are on this day (trip legs, self-reported locations) for duty-station, country and radius rules; by default the day the audience is resolved (previewed or sent)'),
});
export type Audience = z.infer<typeof audience>;

export { CHANNELS, SEVERITIES };
const text = z.strictObject({
  subject: z.string().trim().min(1, 'Required').max(300), body: z.string().trim().min(1, 'Required').max(20_000),
  options: z.array(z.string().trim().min(1, 'Required').max(50)).max(MAX_RESPONSE_OPTIONS).optional().describe('The answers in this language, in the order of responseOptions'),
});
/** The answers a message asks for (canonical, in the order the translations follow); none for information only. */
export const responseOptions = z.array(z.string().trim().min(1).max(50)).min(2).max(MAX_RESPONSE_OPTIONS)
  .refine((o) => new Set(o).size === o.length, 'Each answer must be different').nullish().transform((v) => v ?? null);
export const content = z.record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'A language code such as en or zh'), text)
  .refine((c) => Object.keys(c).length > 0, 'Give the text in at least one language');

export const messageInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  severity: z.enum(SEVERITIES).default('advisory'),
  content,
  variables: z.record(z.string().regex(/^[A-Za-z_][\w.]*$/), z.string().max(1000)).default({}),
  responseOptions: responseOptions
    .describe('Answers recipients may give, e.g. ["I am safe", "I need help"]; leave out for information only'),
  audience,
  channels: z.array(z.enum(CHANNELS)).min(1).max(CHANNELS.length).default(['email']),
  scope: scopeRef.optional().describe('Whom the message is issued for; its approval policy applies. Default: your own scope'),
  templateId: id.nullish().transform((v) => v ?? null),
  escalateAfterMinutes: z.number().int().min(1).max(7 * 24 * 60).nullish().transform((v) => v ?? null)
    .describe('After this long, the wardens of non-responders\' duty stations are told who has not answered'),
});
// Leaving a field out of a PATCH leaves it as it is: the defaults of a new message do not apply.
export const messagePatch = messageInput.partial().extend({
  severity: messageInput.shape.severity.unwrap().optional(),
  variables: messageInput.shape.variables.unwrap().optional(),
  channels: messageInput.shape.channels.unwrap().optional(),
});

export const messageOut = z.object({
  id: z.string(), title: z.string(), severity: z.string(), content: z.record(z.string(), z.object({ subject: z.string(), body: z.string(), options: z.array(z.string()).optional() })),
  variables: z.record(z.string(), z.string()), responseOptions: z.array(z.string()).nullable(), audience, channels: z.array(z.string()),
  status: z.string(), approvalsRequired: z.number(), approvals: z.array(z.object({ userId: z.string(), name: z.string().nullable(), decision: z.string(), comment: z.string().nullable(), at: z.string() })),
  draftedBy: z.string(), sentBy: z.string().nullable(), sentAt: z.string().nullable(), bypassReason: z.string().nullable(),
  recipientCount: z.number().nullable(), createdAt: z.string(), updatedAt: z.string(),
  scope: scopeRef, scopeName: z.string().nullable(), templateId: z.string().nullable(), kind: z.string(), parentId: z.string().nullable(),
  escalateAfterMinutes: z.number().nullable(), escalatedAt: z.string().nullable(),
  policy: z.object({ approvalsRequired: z.number(), senderRoles: z.array(z.string()), senderMayBeDrafter: z.boolean(), bypassAllowed: z.boolean() }).describe('The policy that applies: frozen at submission, else the current one of the scope'),
  draftedByName: z.string().nullable(), sentByName: z.string().nullable(),
});
export const previewOut = z.object({
  recipients: z.number(),
  unreachable: z.array(z.object({ personId: z.string(), name: z.string(), missing: z.array(z.string()) })).describe('People with no contact point for any requested channel (first 100)'),
  unreachableCount: z.number(),
  byLocation: z.array(z.object({ locationId: z.string().nullable(), count: z.number() })).describe('Recipients per duty station where they are on the audience day (travellers at their destination), for the map'),
  sample: z.array(z.object({ personId: z.string(), name: z.string(), language: z.string() })).describe('Some recipients, one per language first, to preview the text as they will read it'),
  languages: z.record(z.string(), z.number()).describe('Recipients per profile language'),
});
export const decisionInput = z.strictObject({ decision: z.enum(['approve', 'reject']), comment: z.string().trim().max(2000).nullish().transform((v) => v || null) });
export const sendInput = z.strictObject({ bypassReason: z.string().trim().min(10, 'Explain the emergency in at least 10 characters').max(2000).optional() });
export const sendOut = z.object({ message: messageOut, queued: z.number(), unreachableCount: z.number() });
export const deliveryStatsOut = z.object({
  total: z.number(), byStatus: z.record(z.string(), z.number()), byChannel: z.record(z.string(), z.record(z.string(), z.number())),
  recipients: z.number(), unreachable: z.number().describe('Recipients with no delivery on any channel (no contact point)'), at: z.string(),
});
export const messageListQuery = z.strictObject({
  status: z.enum(MESSAGE_STATUSES).optional(), kind: z.enum(['message', 'escalation']).optional(),
  awaitingMe: z.enum(['true', 'false']).optional().describe('Only messages pending approval that you may decide'),
});

export const responsePageOut = z.object({
  language: z.string(), subject: z.string(), body: z.string(), severity: z.string(), options: z.array(z.string()),
  labels: z.array(z.string()).describe('The options as the recipient reads them, in the same order'),
  latestAnswer: z.string().nullable(), answeredAt: z.string().nullable(), sentAt: z.string().nullable(),
});
export const respondOut = z.object({ recorded: z.boolean(), answer: z.string() });
const boardRow = z.object({ key: z.string().nullable(), name: z.string().nullable().optional(), recipients: z.number(), reached: z.number(), noResponse: z.number(), answers: z.record(z.string(), z.number()) });
export const boardOut = z.object({ messageId: z.string(), options: z.array(z.string()), total: boardRow, byLocation: z.array(boardRow), byEntity: z.array(boardRow), at: z.string() });
export const recipientOut = z.object({
  personId: z.string(), givenName: z.string(), familyName: z.string(), locationId: z.string().nullable(), entityId: z.string().nullable(),
  reached: z.boolean(), answer: z.string().nullable(), answeredAt: z.string().nullable(),
  channel: z.string().nullable().optional().describe('How the latest answer came in'),
});
export const deliveryStatusesOut = z.enum(DELIVERY_STATUSES);
