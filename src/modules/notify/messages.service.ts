import type { z } from 'zod';
import type { AuditAction } from '../../domain/audit.js';
import { PostgresAdapter, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { batchesOf, insertBatches } from '../../db/bulk.js';
import { newId, nowIso } from '../../domain/ids.js';
import { optionProblems, undefinedVariables, type Content } from '../../domain/notify/template.js';
import { approvalStatus, checkSend, type ApprovalPolicy } from '../../domain/notify/approval.js';
import { CHANNEL_CONTACT_KINDS, type Channel } from '../../domain/notify/channels.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { audienceQuery, placeOnDay } from './audience.js';
import { BoardDelta } from './board-counts.js';
import { canNotify, canNotifyIn, NOTIFY_RIGHTS, reachScope, rolesIn, type Scope } from './policy.js';
import { effectivePolicy, scopeName, scopeOf, scopeRefOf } from './policies.service.js';
import type { Audience, decisionInput, messageInput, messageListQuery, messagePatch, ScopeRef, sendInput } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type MessageRow = Database['messages'];

export { CHANNEL_CONTACT_KINDS };

const scopeOfRow = (m: Pick<MessageRow, 'scope_type' | 'scope_id'>): Scope => scopeOf(scopeRefOf(m.scope_type, m.scope_id));

/** Presents messages with their approvals, names and policy, in a few queries whatever their number. */
async function presentMany(db: Db, rows: MessageRow[]) {
  if (!rows.length) return [];
  const ids = rows.map((m) => m.id);
  const approvals = await db.selectFrom('message_approvals as a').leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.message_id', 'a.user_id', 'a.decision', 'a.comment', 'a.at', 'u.display_name']).where('a.message_id', 'in', ids).orderBy('a.at').execute();
  const userIds = [...new Set(rows.flatMap((m) => [m.drafted_by, m.sent_by]).filter((x): x is string => !!x))];
  const names = new Map(userIds.length ? (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()).map((u) => [u.id, u.display_name]) : []);
  const policies = new Map<string, Promise<ApprovalPolicy>>();
  const scopeNames = new Map<string, Promise<string | null>>();
  return Promise.all(rows.map(async (m) => {
    const scope = scopeOfRow(m);
    const key = `${m.scope_type}:${m.scope_id}`;
    if (!scopeNames.has(key)) scopeNames.set(key, scopeName(db, scope));
    let policy: ApprovalPolicy;
    if (m.policy) policy = JSON.parse(m.policy) as ApprovalPolicy;
    else {
      if (!policies.has(key)) policies.set(key, effectivePolicy(db, scope).then(({ source: _s, ...p }) => p));
      policy = await policies.get(key)!;
    }
    return {
      id: m.id, title: m.title, severity: m.severity, content: JSON.parse(m.content) as Content, variables: JSON.parse(m.variables) as Record<string, string>,
      responseOptions: m.response_options ? (JSON.parse(m.response_options) as string[]) : null, audience: JSON.parse(m.audience) as Audience,
      channels: JSON.parse(m.channels) as string[], status: m.status, approvalsRequired: policy.approvalsRequired,
      approvals: approvals.filter((a) => a.message_id === m.id).map((a) => ({ userId: a.user_id, name: a.display_name ?? null, decision: a.decision, comment: a.comment, at: a.at })),
      draftedBy: m.drafted_by, sentBy: m.sent_by, sentAt: m.sent_at, bypassReason: m.bypass_reason, recipientCount: m.recipient_count,
      createdAt: m.created_at, updatedAt: m.updated_at,
      scope: scopeRefOf(m.scope_type, m.scope_id), scopeName: await scopeNames.get(key)!, templateId: m.template_id, kind: m.kind, parentId: m.parent_id,
      escalateAfterMinutes: m.escalate_after_minutes, escalatedAt: m.escalated_at, policy,
      draftedByName: names.get(m.drafted_by) ?? null, sentByName: m.sent_by ? names.get(m.sent_by) ?? null : null,
    };
  }));
}
const present = async (db: Db, m: MessageRow) => (await presentMany(db, [m]))[0]!;
export type MessageOut = Awaited<ReturnType<typeof present>>;

export async function messageRow(db: Db, id: string): Promise<MessageRow> {
  const m = await db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw notFound('Message');
  return m;
}

/** The drafter sees their own messages; approvers and senders those issued for a scope they cover. */
export function canSeeMessage(ctx: Ctx, m: Pick<MessageRow, 'drafted_by' | 'scope_type' | 'scope_id'>): boolean {
  const s = scopeOfRow(m);
  return m.drafted_by === ctx.principal.userId || canNotifyIn(ctx.principal, 'message.approve', s) || canNotifyIn(ctx.principal, 'message.send', s);
}
function assertVisible(ctx: Ctx, m: MessageRow) {
  if (!canSeeMessage(ctx, m)) throw notFound('Message');
}

function checkText(c: Content, vars: Record<string, string>, options: string[] | null) {
  const fields = { ...undefinedVariables(c, vars), ...optionProblems(c, options) };
  if (Object.keys(fields).length) throw badRequest(Object.values(fields).some((v) => v.startsWith('Undefined')) ? 'The message has undefined variables' : 'The translated answers do not match the answers', fields);
}

/** The scope a drafter issues for when they name none: the widest of their drafting grants. */
function defaultScope(ctx: Ctx): ScopeRef {
  const drafting = ctx.principal.grants.filter((g) => NOTIFY_RIGHTS[g.role].includes('message.draft'));
  if (drafting.some((g) => g.scopeType === 'org')) return { type: 'org' };
  const g = drafting.find((x) => x.scopeType === 'entity') ?? drafting[0];
  return g?.scopeId ? { type: g.scopeType as 'entity' | 'location', id: g.scopeId } : { type: 'org' };
}

async function checkScope(ctx: Ctx, db: Db, ref: ScopeRef): Promise<Scope> {
  const s = scopeOf(ref);
  if (s.type !== 'org') {
    const table = s.type === 'entity' ? 'entities' : 'locations';
    if (!(await db.selectFrom(table).select('id').where('id', '=', s.id!).executeTakeFirst())) throw badRequest(`No such ${s.type}`, { 'scope.id': `No such ${s.type}` });
  }
  if (!canNotifyIn(ctx.principal, 'message.draft', s)) throw forbidden('You may not draft messages for this scope');
  return s;
}

async function checkTemplate(db: Db, id: string | null) {
  if (id && !(await db.selectFrom('message_templates').select('id').where('id', '=', id).executeTakeFirst())) throw badRequest('No such template', { templateId: 'No such template' });
}

export async function createMessage(ctx: Ctx, input: z.infer<typeof messageInput>): Promise<MessageOut> {
  if (!canNotify(ctx.principal, 'message.draft')) throw forbidden('You may not draft messages');
  checkText(input.content, input.variables, input.responseOptions);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = await checkScope(ctx, trx, input.scope ?? defaultScope(ctx));
    await checkTemplate(trx, input.templateId);
    const now = nowIso();
    const m: MessageRow = {
      id: newId(), title: input.title, severity: input.severity, content: JSON.stringify(input.content), variables: JSON.stringify(input.variables),
      response_options: input.responseOptions ? JSON.stringify(input.responseOptions) : null, audience: JSON.stringify(input.audience),
      channels: JSON.stringify([...new Set(input.channels)]), status: 'draft', approvals_required: 0, drafted_by: ctx.principal.userId,
      sent_by: null, sent_at: null, bypass_reason: null, recipient_count: null, created_at: now, updated_at: now,
      scope_type: scope.type, scope_id: scope.id, template_id: input.templateId, kind: 'message', parent_id: null,
      escalate_after_minutes: input.escalateAfterMinutes, escalated_at: null, policy: null,
    };
    await trx.insertInto('messages').values(m).execute();
    const out = await present(trx, m);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'message', subjectId: m.id, after: out });
    return out;
  });
}

export async function updateMessage(ctx: Ctx, id: string, patch: z.infer<typeof messagePatch>): Promise<MessageOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await messageRow(trx, id);
    assertVisible(ctx, m);
    if (m.drafted_by !== ctx.principal.userId) throw forbidden('Only the drafter edits a message');
    if (m.status !== 'draft' && m.status !== 'rejected') throw conflict(`A ${m.status} message cannot be edited; withdraw it to a draft first`);
    const before = await present(trx, m);
    const content = patch.content ?? before.content;
    const variables = patch.variables ?? before.variables;
    const options = patch.responseOptions !== undefined ? patch.responseOptions : before.responseOptions;
    checkText(content, variables, options);
    const scope = patch.scope ? await checkScope(ctx, trx, patch.scope) : scopeOfRow(m);
    if (patch.templateId !== undefined) await checkTemplate(trx, patch.templateId);
    const next: MessageRow = {
      ...m, title: patch.title ?? m.title, severity: patch.severity ?? m.severity, content: JSON.stringify(content), variables: JSON.stringify(variables),
      response_options: options ? JSON.stringify(options) : null,
      audience: patch.audience ? JSON.stringify(patch.audience) : m.audience, channels: patch.channels ? JSON.stringify([...new Set(patch.channels)]) : m.channels,
      scope_type: scope.type, scope_id: scope.id, template_id: patch.templateId !== undefined ? patch.templateId : m.template_id,
      escalate_after_minutes: patch.escalateAfterMinutes !== undefined ? patch.escalateAfterMinutes : m.escalate_after_minutes,
      status: 'draft', policy: null, updated_at: nowIso(),
    };
    await trx.updateTable('messages').set(next).where('id', '=', id).execute();
    await trx.deleteFrom('message_approvals').where('message_id', '=', id).execute();
    const after = await present(trx, next);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'message', subjectId: id, before, after });
    return after;
  });
}

export async function getMessage(ctx: Ctx, id: string): Promise<MessageOut> {
  const m = await messageRow(ctx.db, id);
  assertVisible(ctx, m);
  return present(ctx.db, m);
}

export async function listMessages(ctx: Ctx, q: z.infer<typeof messageListQuery> = {}): Promise<MessageOut[]> {
  let qb = ctx.db.selectFrom('messages').selectAll();
  const p = ctx.principal;
  const approve = reachScope(p, 'message.approve');
  const send = reachScope(p, 'message.send');
  if (!approve.all && !send.all) {
    const entityIds = [...(approve.all ? [] : approve.entityIds), ...(send.all ? [] : send.entityIds)];
    const locationIds = [...(approve.all ? [] : approve.locationIds), ...(send.all ? [] : send.locationIds)];
    qb = qb.where((eb) => eb.or([
      eb('drafted_by', '=', p.userId),
      ...(entityIds.length ? [eb.and([eb('scope_type', '=', 'entity'), eb('scope_id', 'in', entityIds)])] : []),
      ...(locationIds.length ? [eb.and([eb('scope_type', '=', 'location'), eb('scope_id', 'in', locationIds)])] : []),
    ]));
  }
  if (q.status) qb = qb.where('status', '=', q.status);
  if (q.kind) qb = qb.where('kind', '=', q.kind);
  if (q.awaitingMe === 'true') {
    qb = qb.where('status', '=', 'pending_approval').where('drafted_by', '!=', p.userId)
      .where('id', 'not in', ctx.db.selectFrom('message_approvals').select('message_id').where('user_id', '=', p.userId));
  }
  const rows = await qb.orderBy('created_at', 'desc').limit(200).execute();
  // Awaiting me: only those I may decide (the approve right must cover the message's scope).
  const visible = q.awaitingMe === 'true' ? rows.filter((m) => canNotifyIn(p, 'message.approve', scopeOfRow(m))) : rows;
  return presentMany(ctx.db, visible);
}

// Names are left out: 150,000 of them cost a tenth of resolving an audience, and only a few are shown.
type PersonPick = { id: string; language: string; entity_id: string | null; home_location_id: string | null };
type PeopleQuery = SelectQueryBuilder<Database, 'people', PersonPick>;

/** An audience resolved: its people, where each is on the audience's day, and their addresses. */
export interface Reach {
  recipients: PersonPick[];
  placeOf: (person: PersonPick) => string | null;
  /** The person's address on the channel, if they have one. */
  addressOf: (channel: Channel, personId: string) => string | undefined;
  /** Those with no address on any channel: the first UNREACHABLE_LISTED of them, named. */
  unreachable: { personId: string; name: string; missing: string[] }[];
  unreachableCount: number;
}

/** How many unreachable people a send lists by name (in its audit record; its reply shows the first 100). */
const UNREACHABLE_LISTED = 1000;

/** The people's names, by id. */
async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  const rows = ids.length ? await db.selectFrom('people').select(['id', 'given_name', 'family_name']).where('id', 'in', ids).execute() : [];
  return new Map(rows.map((p) => [p.id, `${p.given_name} ${p.family_name}`]));
}

/** Per channel, each person's address: their first contact point of the channel's kinds, their user account for in-app, themselves for the webhook. */
async function addressesFor(db: Db, people: PeopleQuery, channels: Channel[]): Promise<Reach['addressOf']> {
  // One map per channel rather than one per person: a 150,000-person audience is mostly garbage otherwise.
  const byChannel = new Map(channels.map((c) => [c, new Map<string, string>()]));
  const put = (channel: Channel, person: string, address: string) => {
    const m = byChannel.get(channel)!;
    if (!m.has(person)) m.set(person, address);
  };
  const ids = people.clearSelect().select('people.id');
  const kinds = [...new Set(channels.flatMap((c) => CHANNEL_CONTACT_KINDS[c] ?? []))];
  if (kinds.length) {
    const contacts = await db.selectFrom('contact_points').select(['person_id', 'kind', 'value'])
      .where('person_id', 'in', ids).where('kind', 'in', kinds).orderBy('person_id').orderBy('priority').execute();
    const byKind = new Map<string, Channel[]>();
    for (const c of channels) for (const k of CHANNEL_CONTACT_KINDS[c] ?? []) byKind.set(k, [...(byKind.get(k) ?? []), c]);
    for (const c of contacts) for (const ch of byKind.get(c.kind) ?? []) put(ch, c.person_id, c.value);
  }
  if (channels.includes('inapp')) {
    const users = await db.selectFrom('users').select(['id', 'person_id']).where('person_id', 'in', ids).where('disabled', '=', 0).orderBy('created_at').execute();
    for (const u of users) put('inapp', u.person_id!, u.id);
  }
  return (channel, personId) => (channel === 'webhook' ? personId : byChannel.get(channel)?.get(personId));
}

/** The audience resolved to people with their addresses, each placed at home; those with no address on any channel are unreachable. */
export async function reachOf(db: Db, people: PeopleQuery, channels: Channel[]): Promise<Reach> {
  const [recipients, addressOf] = await Promise.all([people.execute(), addressesFor(db, people, channels)]);
  const unreachable = recipients.filter((p) => channels.every((c) => addressOf(c, p.id) === undefined)).map((p) => p.id);
  const names = await namesOf(db, unreachable.slice(0, UNREACHABLE_LISTED));
  return {
    recipients, placeOf: (p) => p.home_location_id, addressOf, unreachableCount: unreachable.length,
    unreachable: unreachable.slice(0, UNREACHABLE_LISTED).map((id) => ({ personId: id, name: names.get(id) ?? '', missing: channels })),
  };
}

/** Resolves the audience within the sender's scope; each recipient is placed where they are on the audience's day. */
async function resolveReach(db: Db, audience: Audience, channels: Channel[], ctx: Ctx): Promise<Reach> {
  const [reach, placeOf] = await Promise.all([
    audienceQuery(db, audience, reachScope(ctx.principal, 'message.draft')).then((q) => reachOf(db, q, channels)),
    placeOnDay(db, audience),
  ]);
  return { ...reach, placeOf: (p) => placeOf(p.id, p.home_location_id) };
}

export async function previewAudience(ctx: Ctx, audience: Audience, channels: Channel[]) {
  if (!canNotify(ctx.principal, 'message.draft')) throw forbidden('You may not draft messages');
  const reach = await resolveReach(ctx.db, audience, channels, ctx);
  const byLocation = new Map<string | null, number>();
  const languages: Record<string, number> = {};
  const picked: PersonPick[] = [];
  for (const r of reach.recipients) {
    const at = reach.placeOf(r);
    byLocation.set(at, (byLocation.get(at) ?? 0) + 1);
    if (!languages[r.language]) picked.push(r);
    languages[r.language] = (languages[r.language] ?? 0) + 1;
  }
  for (const r of reach.recipients) {
    if (picked.length >= 10) break;
    if (!picked.includes(r)) picked.push(r);
  }
  const names = await namesOf(ctx.db, picked.map((r) => r.id));
  const sample = picked.map((r) => ({ personId: r.id, name: names.get(r.id) ?? '', language: r.language }));
  return {
    recipients: reach.recipients.length, unreachable: reach.unreachable.slice(0, 100), unreachableCount: reach.unreachableCount,
    byLocation: [...byLocation].map(([locationId, count]) => ({ locationId, count })).sort((a, b) => b.count - a.count), sample, languages,
  };
}

async function transition(ctx: Ctx, id: string, action: AuditAction, decide: (m: MessageRow, trx: Transaction<Database>) => Promise<Partial<MessageRow>>): Promise<MessageOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const m = await messageRow(trx, id);
    assertVisible(ctx, m);
    const before = await present(trx, m);
    const next = { ...m, ...(await decide(m, trx)), updated_at: nowIso() };
    await trx.updateTable('messages').set(next).where('id', '=', id).execute();
    const after = await present(trx, next);
    await recordAudit(trx, ctxActor(ctx), { action, subjectType: 'message', subjectId: id, before, after });
    return after;
  });
}

/** Asks for approval under the scope's policy, which is frozen into the message; a scope needing none approves at once. */
export async function submitMessage(ctx: Ctx, id: string): Promise<MessageOut> {
  return transition(ctx, id, 'submit', async (m, trx) => {
    if (m.drafted_by !== ctx.principal.userId) throw forbidden('Only the drafter submits a message');
    if (m.status !== 'draft' && m.status !== 'rejected') throw conflict(`A ${m.status} message cannot be submitted`);
    const { source: _source, ...policy } = await effectivePolicy(trx, scopeOfRow(m));
    await trx.deleteFrom('message_approvals').where('message_id', '=', id).execute();
    return { status: policy.approvalsRequired === 0 ? 'approved' : 'pending_approval', policy: JSON.stringify(policy), approvals_required: policy.approvalsRequired };
  });
}

/** Takes a message back to a draft (clearing its approvals) so it can be changed. */
export async function withdrawMessage(ctx: Ctx, id: string): Promise<MessageOut> {
  return transition(ctx, id, 'withdraw', async (m, trx) => {
    if (m.drafted_by !== ctx.principal.userId) throw forbidden('Only the drafter withdraws a message');
    if (!['pending_approval', 'approved', 'rejected'].includes(m.status)) throw conflict(`A ${m.status} message cannot be withdrawn`);
    await trx.deleteFrom('message_approvals').where('message_id', '=', id).execute();
    return { status: 'draft', policy: null };
  });
}

export async function decideMessage(ctx: Ctx, id: string, d: z.infer<typeof decisionInput>): Promise<MessageOut> {
  if (!canNotify(ctx.principal, 'message.approve')) throw forbidden('You may not approve messages');
  return ctx.db.transaction().execute(async (trx) => {
    const m = await messageRow(trx, id);
    assertVisible(ctx, m);
    if (!canNotifyIn(ctx.principal, 'message.approve', scopeOfRow(m))) throw forbidden('You may not approve messages for this scope');
    if (m.status !== 'pending_approval') throw conflict(`Only a message pending approval can be decided; this one is ${m.status}`);
    if (m.drafted_by === ctx.principal.userId) throw forbidden('The drafter cannot approve their own message');
    if (d.decision === 'reject' && !d.comment) throw badRequest('Say why the message is rejected', { comment: 'Required when rejecting' });
    if (await trx.selectFrom('message_approvals').select('id').where('message_id', '=', id).where('user_id', '=', ctx.principal.userId).executeTakeFirst()) {
      throw conflict('You have already decided on this message');
    }
    const before = await present(trx, m);
    await trx.insertInto('message_approvals').values({ id: newId(), message_id: id, user_id: ctx.principal.userId, decision: d.decision, comment: d.comment, at: nowIso() }).execute();
    const decisions = await trx.selectFrom('message_approvals').select(['user_id as userId', 'decision']).where('message_id', '=', id).execute();
    const status = approvalStatus({ approvalsRequired: m.approvals_required }, decisions as { userId: string; decision: 'approve' | 'reject' }[]);
    await trx.updateTable('messages').set({ status, updated_at: nowIso() }).where('id', '=', id).execute();
    const after = await present(trx, { ...m, status });
    await recordAudit(trx, ctxActor(ctx), { action: d.decision, subjectType: 'message', subjectId: id, before, after });
    return after;
  });
}

/** Freezes the recipients and writes one outbox row per recipient and channel (call inside a transaction). */
export async function queueRecipients(trx: Transaction<Database>, messageId: string, reach: Reach, channels: Channel[], now: string): Promise<{ recipients: number; queued: number }> {
  const counts = new BoardDelta();
  const ids = reach.recipients.map(() => newId());
  // A few thousand rows at a time, each batch made as the database takes it: rows for 150,000
  // people built all at once cost more in garbage collection than in SQL.
  await insertBatches(trx, 'message_recipients', batchesOf(reach.recipients, QUEUE_CHUNK, (r, i, batch: Database['message_recipients'][]) => {
    const recipient = { id: ids[i]!, message_id: messageId, person_id: r.id, language: r.language, entity_id: r.entity_id, location_id: reach.placeOf(r), reached: 0, latest_answer: null, answered_at: null, last_response_id: null };
    counts.add(recipient, 'recipients');
    batch.push(recipient);
  }));
  let queued = 0;
  await insertBatches(trx, 'deliveries', batchesOf(reach.recipients, QUEUE_CHUNK, (r, i, batch: Database['deliveries'][]) => {
    for (const channel of channels) {
      const address = reach.addressOf(channel, r.id);
      if (!address) continue;
      batch.push({ id: newId(), message_id: messageId, recipient_id: ids[i]!, person_id: r.id, channel, address, round: 0, status: 'queued', attempts: 0, next_attempt_at: now, lease_until: null, worker: null, provider_id: null, last_error: null, sent_at: null, updated_at: now });
      queued++;
    }
  }));
  await counts.write(trx);
  return { recipients: reach.recipients.length, queued };
}
const QUEUE_CHUNK = 5000;

/**
 * Sends an approved message (or, with a reason and where the policy allows, bypasses approval in
 * an emergency): freezes the audience into recipients and writes one outbox row per recipient and
 * channel, in one transaction.
 */
export async function sendMessage(ctx: Ctx, id: string, input: z.infer<typeof sendInput>) {
  if (!canNotify(ctx.principal, 'message.send')) throw forbidden('You may not send messages');
  return ctx.db.transaction().execute(async (trx) => {
    const m = await messageRow(trx, id);
    assertVisible(ctx, m);
    if (m.status === 'sent') throw conflict('The message has already been sent');
    const scope = scopeOfRow(m);
    const roles = rolesIn(ctx.principal, 'message.send', scope);
    if (!roles.length) throw forbidden('You may not send messages for this scope');
    const policy = m.policy ? (JSON.parse(m.policy) as ApprovalPolicy) : (await effectivePolicy(trx, scope));
    const check = checkSend(policy, { status: m.status, isDrafter: m.drafted_by === ctx.principal.userId, senderRoles: roles, bypassReason: input.bypassReason });
    if (!check.ok) {
      if (check.code === 'role' || check.code === 'drafter') throw forbidden(check.message);
      throw new AppError(409, check.code, check.message, { bypassReason: check.code === 'not_approved' ? 'Required to send without approval' : 'Not allowed for this scope' });
    }
    const channels = JSON.parse(m.channels) as Channel[];
    // PostgreSQL: the audience's queries run side by side on connections of their own (a
    // transaction's run one after another), and read what they would read in it: each statement
    // sees what was committed when it began. SQLite has one connection, held by this transaction.
    const reader = ctx.db.getExecutor().adapter instanceof PostgresAdapter ? ctx.db : trx;
    const reach = await resolveReach(reader, JSON.parse(m.audience) as Audience, channels, ctx);
    if (!reach.recipients.length) throw badRequest('The audience is empty: nobody matches the rules within your scope', { audience: 'Nobody matches' });
    const now = nowIso();
    const queued = await queueRecipients(trx, id, reach, channels, now);
    if (!queued.queued) throw badRequest('Nobody in the audience can be reached on the chosen channels', { channels: `None of the ${reach.recipients.length} people has a contact point for them` });
    const before = await present(trx, m);
    const next: MessageRow = {
      ...m, status: 'sent', sent_by: ctx.principal.userId, sent_at: now, bypass_reason: check.bypass ? input.bypassReason! : null, recipient_count: queued.recipients, updated_at: now,
      policy: m.policy ?? JSON.stringify({ approvalsRequired: policy.approvalsRequired, senderRoles: policy.senderRoles, senderMayBeDrafter: policy.senderMayBeDrafter, bypassAllowed: policy.bypassAllowed }),
    };
    await trx.updateTable('messages').set(next).where('id', '=', id).execute();
    const after = await present(trx, next);
    await recordAudit(trx, ctxActor(ctx), {
      action: check.bypass ? 'send_bypass' : 'send', subjectType: 'message', subjectId: id, before,
      after: { ...after, unreachable: reach.unreachableCount, unreachablePeople: reach.unreachable },
    });
    return { message: after, queued: queued.queued, unreachableCount: reach.unreachableCount, unreachable: reach.unreachable.slice(0, 100) };
  });
}

export async function deliveryStats(ctx: Ctx, id: string) {
  const m = await messageRow(ctx.db, id);
  assertVisible(ctx, m);
  const rows = await deliveryCounts(ctx.db, id);
  const byStatus: Record<string, number> = {};
  const byChannel: Record<string, Record<string, number>> = {};
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + n;
    (byChannel[r.channel] ??= {})[r.status] = n;
  }
  return { total, byStatus, byChannel, recipients: m.recipient_count ?? 0, unreachable: m.status === 'sent' ? await unreachableCount(ctx.db, id) : 0, at: nowIso() };
}

/** A message's deliveries per channel and status: PostgreSQL keeps them counted (migration 019), SQLite counts its index. */
function deliveryCounts(db: Db, id: string): Promise<{ channel: string; status: string; n: number }[]> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return db.selectFrom('message_delivery_counts').select(['channel', 'status', 'n']).where('message_id', '=', id).where('n', '<>', 0).execute();
  }
  return db.selectFrom('deliveries').select(['channel', 'status']).select((eb) => eb.fn.countAll<number>().as('n')).where('message_id', '=', id).groupBy(['channel', 'status']).execute();
}

// Who had no address on any channel is fixed when the message is sent, so it is counted once.
const unreachableCache = new Map<string, number>();
async function unreachableCount(db: Db, id: string): Promise<number> {
  let n = unreachableCache.get(id);
  if (n === undefined) {
    const [recipients, reached] = await Promise.all([
      db.selectFrom('message_recipients').select((eb) => eb.fn.countAll<number>().as('n')).where('message_id', '=', id).executeTakeFirstOrThrow(),
      db.selectFrom('deliveries').select((eb) => eb.fn.count<number>('recipient_id').distinct().as('n')).where('message_id', '=', id).where('round', '=', 0).executeTakeFirstOrThrow(),
    ]);
    n = Number(recipients.n) - Number(reached.n);
    unreachableCache.set(id, n);
  }
  return n;
}
