import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { insertMany } from '../../db/bulk.js';
import { newId, nowIso } from '../../domain/ids.js';
import { undefinedVariables, type Content } from '../../domain/notify/template.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { audienceQuery } from './audience.js';
import { canNotify, reachScope } from './policy.js';
import type { Audience, CHANNELS, decisionInput, messageInput, messagePatch, sendInput } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type Channel = (typeof CHANNELS)[number];
type MessageRow = Database['messages'];

/** Which contact point kind each channel uses. */
export const CHANNEL_CONTACT: Record<Channel, string> = { email: 'email', sms: 'mobile' };
/** Approvals a message needs before it may be sent, apart from an audited emergency bypass. */
export const APPROVALS_REQUIRED = 1;

async function present(db: Db, m: MessageRow) {
  const approvals = await db.selectFrom('message_approvals').select(['user_id', 'decision', 'comment', 'at']).where('message_id', '=', m.id).orderBy('at').execute();
  return {
    id: m.id, title: m.title, severity: m.severity, content: JSON.parse(m.content) as Content, variables: JSON.parse(m.variables) as Record<string, string>,
    responseOptions: m.response_options ? (JSON.parse(m.response_options) as string[]) : null, audience: JSON.parse(m.audience) as Audience,
    channels: JSON.parse(m.channels) as string[], status: m.status, approvalsRequired: m.approvals_required,
    approvals: approvals.map((a) => ({ userId: a.user_id, decision: a.decision, comment: a.comment, at: a.at })),
    draftedBy: m.drafted_by, sentBy: m.sent_by, sentAt: m.sent_at, bypassReason: m.bypass_reason, recipientCount: m.recipient_count,
    createdAt: m.created_at, updatedAt: m.updated_at,
  };
}
export type MessageOut = Awaited<ReturnType<typeof present>>;

async function row(db: Db, id: string): Promise<MessageRow> {
  const m = await db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw notFound('Message');
  return m;
}

/** Drafters see their own messages; approvers and senders see all. */
function assertVisible(ctx: Ctx, m: MessageRow) {
  if (m.drafted_by !== ctx.principal.userId && !canNotify(ctx.principal, 'message.approve') && !canNotify(ctx.principal, 'message.send')) throw notFound('Message');
}

function checkVariables(c: Content, vars: Record<string, string>) {
  const fields = undefinedVariables(c, vars);
  if (Object.keys(fields).length) throw badRequest('The message has undefined variables', fields);
}

export async function createMessage(ctx: Ctx, input: z.infer<typeof messageInput>): Promise<MessageOut> {
  if (!canNotify(ctx.principal, 'message.draft')) throw forbidden('You may not draft messages');
  checkVariables(input.content, input.variables);
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const m: MessageRow = {
      id: newId(), title: input.title, severity: input.severity, content: JSON.stringify(input.content), variables: JSON.stringify(input.variables),
      response_options: input.responseOptions ? JSON.stringify(input.responseOptions) : null, audience: JSON.stringify(input.audience),
      channels: JSON.stringify([...new Set(input.channels)]), status: 'draft', approvals_required: APPROVALS_REQUIRED, drafted_by: ctx.principal.userId,
      sent_by: null, sent_at: null, bypass_reason: null, recipient_count: null, created_at: now, updated_at: now,
    };
    await trx.insertInto('messages').values(m).execute();
    const out = await present(trx, m);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'message', subjectId: m.id, after: out });
    return out;
  });
}

export async function updateMessage(ctx: Ctx, id: string, patch: z.infer<typeof messagePatch>): Promise<MessageOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await row(trx, id);
    assertVisible(ctx, m);
    if (m.drafted_by !== ctx.principal.userId) throw forbidden('Only the drafter edits a message');
    if (m.status !== 'draft' && m.status !== 'rejected') throw conflict(`A ${m.status} message cannot be edited; withdraw it to a draft first`);
    const before = await present(trx, m);
    const content = patch.content ?? before.content;
    const variables = patch.variables ?? before.variables;
    checkVariables(content, variables);
    const next: MessageRow = {
      ...m, title: patch.title ?? m.title, severity: patch.severity ?? m.severity, content: JSON.stringify(content), variables: JSON.stringify(variables),
      response_options: patch.responseOptions !== undefined ? (patch.responseOptions ? JSON.stringify(patch.responseOptions) : null) : m.response_options,
      audience: patch.audience ? JSON.stringify(patch.audience) : m.audience, channels: patch.channels ? JSON.stringify([...new Set(patch.channels)]) : m.channels,
      status: 'draft', updated_at: nowIso(),
    };
    await trx.updateTable('messages').set(next).where('id', '=', id).execute();
    await trx.deleteFrom('message_approvals').where('message_id', '=', id).execute();
    const after = await present(trx, next);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'message', subjectId: id, before, after });
    return after;
  });
}

export async function getMessage(ctx: Ctx, id: string): Promise<MessageOut> {
  const m = await row(ctx.db, id);
  assertVisible(ctx, m);
  return present(ctx.db, m);
}

export async function listMessages(ctx: Ctx, status?: string): Promise<MessageOut[]> {
  let qb = ctx.db.selectFrom('messages').selectAll();
  if (!canNotify(ctx.principal, 'message.approve') && !canNotify(ctx.principal, 'message.send')) qb = qb.where('drafted_by', '=', ctx.principal.userId);
  if (status) qb = qb.where('status', '=', status);
  const rows = await qb.orderBy('created_at', 'desc').limit(200).execute();
  return Promise.all(rows.map((m) => present(ctx.db, m)));
}

interface Reach { recipients: { id: string; language: string; entityId: string | null; locationId: string | null; contacts: Map<string, string> }[]; unreachable: { personId: string; name: string; missing: string[] }[] }

/** Resolves the audience within the sender's scope, with each person's first contact point per channel. */
async function resolveReach(db: Db, audience: Audience, channels: Channel[], ctx: Ctx): Promise<Reach> {
  const audienceOf = await audienceQuery(db, audience, reachScope(ctx.principal, 'message.draft'));
  const people = await audienceOf.execute();
  const kinds = [...new Set(channels.map((c) => CHANNEL_CONTACT[c]))];
  const contacts = await db.selectFrom('contact_points').select(['person_id', 'kind', 'value'])
    .where('person_id', 'in', audienceOf.clearSelect().select('people.id')).where('kind', 'in', kinds)
    .orderBy('person_id').orderBy('priority').execute();
  const firstContact = new Map<string, Map<string, string>>();
  for (const c of contacts) {
    const m = firstContact.get(c.person_id) ?? new Map<string, string>();
    if (!m.has(c.kind)) m.set(c.kind, c.value);
    firstContact.set(c.person_id, m);
  }
  const recipients: Reach['recipients'] = [];
  const unreachable: Reach['unreachable'] = [];
  for (const p of people) {
    const contacts = firstContact.get(p.id) ?? new Map<string, string>();
    const missing = channels.filter((c) => !contacts.has(CHANNEL_CONTACT[c]));
    if (missing.length === channels.length) unreachable.push({ personId: p.id, name: `${p.given_name} ${p.family_name}`, missing });
    recipients.push({ id: p.id, language: p.language, entityId: p.entity_id, locationId: p.home_location_id, contacts });
  }
  return { recipients, unreachable };
}

export async function previewAudience(ctx: Ctx, audience: Audience, channels: Channel[]) {
  if (!canNotify(ctx.principal, 'message.draft')) throw forbidden('You may not draft messages');
  const reach = await resolveReach(ctx.db, audience, channels, ctx);
  return { recipients: reach.recipients.length, unreachable: reach.unreachable.slice(0, 100), unreachableCount: reach.unreachable.length };
}

export async function submitMessage(ctx: Ctx, id: string): Promise<MessageOut> {
  return transition(ctx, id, 'submit', (m) => {
    if (m.drafted_by !== ctx.principal.userId) throw forbidden('Only the drafter submits a message');
    if (m.status !== 'draft' && m.status !== 'rejected') throw conflict(`A ${m.status} message cannot be submitted`);
    return { status: 'pending_approval' };
  });
}

export async function decideMessage(ctx: Ctx, id: string, d: z.infer<typeof decisionInput>): Promise<MessageOut> {
  if (!canNotify(ctx.principal, 'message.approve')) throw forbidden('You may not approve messages');
  return ctx.db.transaction().execute(async (trx) => {
    const m = await row(trx, id);
    if (m.status !== 'pending_approval') throw conflict(`Only a message pending approval can be decided; this one is ${m.status}`);
    if (m.drafted_by === ctx.principal.userId) throw forbidden('The drafter cannot approve their own message');
    if (await trx.selectFrom('message_approvals').select('id').where('message_id', '=', id).where('user_id', '=', ctx.principal.userId).executeTakeFirst()) {
      throw conflict('You have already decided on this message');
    }
    const before = await present(trx, m);
    await trx.insertInto('message_approvals').values({ id: newId(), message_id: id, user_id: ctx.principal.userId, decision: d.decision, comment: d.comment, at: nowIso() }).execute();
    const approvals = (await trx.selectFrom('message_approvals').select('decision').where('message_id', '=', id).execute()).filter((a) => a.decision === 'approve').length;
    const status = d.decision === 'reject' ? 'rejected' : approvals >= m.approvals_required ? 'approved' : 'pending_approval';
    await trx.updateTable('messages').set({ status, updated_at: nowIso() }).where('id', '=', id).execute();
    const after = await present(trx, { ...m, status });
    await recordAudit(trx, ctxActor(ctx), { action: d.decision, subjectType: 'message', subjectId: id, before, after });
    return after;
  });
}

async function transition(ctx: Ctx, id: string, action: string, decide: (m: MessageRow) => Partial<MessageRow>): Promise<MessageOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await row(trx, id);
    assertVisible(ctx, m);
    const before = await present(trx, m);
    const next = { ...m, ...decide(m), updated_at: nowIso() };
    await trx.updateTable('messages').set(next).where('id', '=', id).execute();
    const after = await present(trx, next);
    await recordAudit(trx, ctxActor(ctx), { action, subjectType: 'message', subjectId: id, before, after });
    return after;
  });
}


/**
 * Sends an approved message (or, with a reason, bypasses approval in an emergency): freezes the
 * audience into recipients and writes one outbox row per recipient and channel, in one transaction.
 */
export async function sendMessage(ctx: Ctx, id: string, input: z.infer<typeof sendInput>) {
  if (!canNotify(ctx.principal, 'message.send')) throw forbidden('You may not send messages');
  return ctx.db.transaction().execute(async (trx) => {
    const m = await row(trx, id);
    if (m.status === 'sent') throw conflict('The message has already been sent');
    const bypass = m.status !== 'approved';
    if (bypass && !input.bypassReason) throw new AppError(409, 'not_approved', 'The message is not approved; an emergency bypass needs a reason', { bypassReason: 'Required to send without approval' });
    const channels = JSON.parse(m.channels) as Channel[];
    const reach = await resolveReach(trx, JSON.parse(m.audience) as Audience, channels, ctx);
    if (!reach.recipients.length) throw badRequest('The audience is empty: nobody matches the rules within your scope', { audience: 'Nobody matches' });
    const now = nowIso();
    const recipients: Database['message_recipients'][] = [];
    const deliveries: Database['deliveries'][] = [];
    for (const r of reach.recipients) {
      const recipientId = newId();
      recipients.push({ id: recipientId, message_id: id, person_id: r.id, language: r.language, entity_id: r.entityId, location_id: r.locationId, reached: 0, latest_answer: null, answered_at: null });
      for (const channel of channels) {
        const address = r.contacts.get(CHANNEL_CONTACT[channel]);
        if (!address) continue;
        deliveries.push({ id: newId(), message_id: id, recipient_id: recipientId, person_id: r.id, channel, address, round: 0, status: 'queued', attempts: 0, next_attempt_at: now, lease_until: null, worker: null, provider_id: null, last_error: null, sent_at: null, updated_at: now });
      }
    }
    await insertMany(trx, 'message_recipients', recipients);
    await insertMany(trx, 'deliveries', deliveries);
    const before = await present(trx, m);
    const next: MessageRow = { ...m, status: 'sent', sent_by: ctx.principal.userId, sent_at: now, bypass_reason: bypass ? input.bypassReason! : null, recipient_count: recipients.length, updated_at: now };
    await trx.updateTable('messages').set(next).where('id', '=', id).execute();
    const after = await present(trx, next);
    await recordAudit(trx, ctxActor(ctx), { action: bypass ? 'send_bypass' : 'send', subjectType: 'message', subjectId: id, before, after: { ...after, unreachable: reach.unreachable.length } });
    return { message: after, queued: deliveries.length, unreachableCount: reach.unreachable.length };
  });
}

export async function deliveryStats(ctx: Ctx, id: string) {
  const m = await row(ctx.db, id);
  assertVisible(ctx, m);
  const rows = await ctx.db.selectFrom('deliveries').select(['channel', 'status']).select((eb) => eb.fn.countAll<number>().as('n'))
    .where('message_id', '=', id).groupBy(['channel', 'status']).execute();
  const byStatus: Record<string, number> = {};
  const byChannel: Record<string, Record<string, number>> = {};
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + n;
    (byChannel[r.channel] ??= {})[r.status] = n;
  }
  return { total, byStatus, byChannel };
}
