import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { insertMany } from '../../db/bulk.js';
import { newId, nowIso } from '../../domain/ids.js';
import { optionFromReply, optionLabels, textFor, type Content } from '../../domain/notify/template.js';
import { normalizePhone } from '../../domain/org.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canNotify, rolesIn } from './policy.js';
import { scopeOf, scopeRefOf } from './policies.service.js';
import { canSeeMessage } from './messages.service.js';
import { linkKey, verifyResponseToken, verifyResponseTokenSoon } from './tokens.js';
import { responseWriter } from './response-writer.js';
import { ANSWER_COLUMNS, boardCounts } from './board-counts.js';

type Db = Kysely<Database> | Transaction<Database>;

async function recipientFromToken(db: Kysely<Database>, token: string) {
  const check = verifyResponseToken(await linkKey(db), token);
  if (!check.ok) {
    throw new AppError(check.reason === 'expired' ? 410 : 400, `token_${check.reason}`, check.reason === 'expired' ? 'This response link has expired' : 'This response link is not valid');
  }
  const r = await db.selectFrom('message_recipients').innerJoin('messages', 'messages.id', 'message_recipients.message_id')
    .select(['message_recipients.id', 'message_recipients.message_id', 'message_recipients.language', 'message_recipients.latest_answer', 'message_recipients.answered_at',
      'messages.content', 'messages.variables', 'messages.response_options', 'messages.severity', 'messages.sent_at'])
    .where('message_recipients.id', '=', check.recipientId).executeTakeFirst();
  if (!r) throw notFound('Recipient');
  return r;
}

/** What the person sees behind their link: the message in their language and the answers offered. */
export async function responsePage(db: Kysely<Database>, token: string) {
  const r = await recipientFromToken(db, token);
  const content = JSON.parse(r.content) as Content;
  const text = textFor(content, r.language, JSON.parse(r.variables) as Record<string, string>);
  const options = r.response_options ? (JSON.parse(r.response_options) as string[]) : [];
  return { ...text, severity: r.severity, options, labels: optionLabels(content, r.language, options), latestAnswer: r.latest_answer, answeredAt: r.answered_at, sentAt: r.sent_at };
}

export async function respondByLink(db: Kysely<Database>, token: string, answer: string) {
  const check = await verifyResponseTokenSoon(await linkKey(db), token);
  if (!check.ok) {
    throw new AppError(check.reason === 'expired' ? 410 : 400, `token_${check.reason}`, check.reason === 'expired' ? 'This response link has expired' : 'This response link is not valid');
  }
  // The writer finds the recipient and checks the answer in its group commit: no query per answer here.
  return { ...(await responseWriter(db).record(check.recipientId, undefined, answer, 'link')), answer };
}

/** An SMS reply: the sender's number picks the person, their latest sent message that asks for an answer picks the message. */
export async function respondBySms(db: Kysely<Database>, from: string, body: string) {
  const number = normalizePhone(from);
  const person = await db.selectFrom('contact_points').select('person_id').where('kind', 'in', ['mobile', 'satellite']).where('value', '=', number).executeTakeFirst();
  if (!person) throw new AppError(404, 'unknown_sender', `No person has the number ${number}`);
  const r = await db.selectFrom('message_recipients').innerJoin('messages', 'messages.id', 'message_recipients.message_id')
    .select(['message_recipients.id', 'message_recipients.message_id', 'messages.response_options', 'messages.content'])
    .where('message_recipients.person_id', '=', person.person_id).where('messages.status', '=', 'sent').where('messages.response_options', 'is not', null)
    .orderBy('messages.sent_at', 'desc').limit(1).executeTakeFirst();
  if (!r) throw new AppError(404, 'no_open_question', 'No message is waiting for an answer from this number');
  const options = JSON.parse(r.response_options!) as string[];
  const translations = Object.values(JSON.parse(r.content) as Content).flatMap((t) => (t.options ? [t.options] : []));
  const answer = optionFromReply(options, body, translations);
  if (!answer) throw badRequest('The reply matches none of the answers', { Body: options.map((o, i) => `${i + 1} = ${o}`).join(', ') });
  return { ...(await responseWriter(db).record(r.id, r.message_id, answer, 'sms')), answer, messageId: r.message_id };
}

export async function messageFor(ctx: Ctx, db: Db, id: string) {
  const m = await db.selectFrom('messages').select(['id', 'title', 'response_options', 'drafted_by', 'status', 'channels', 'content', 'scope_type', 'scope_id', 'kind', 'sent_by']).where('id', '=', id).executeTakeFirst();
  if (!m || !canSeeMessage(ctx, m)) throw notFound('Message');
  return m;
}

const collator = new Intl.Collator();

export interface BoardRow { key: string | null; recipients: number; reached: number; noResponse: number; answers: Record<string, number> }

/** The accountability board: per duty station and per entity, how many were reached and what they answered. */
export async function board(ctx: Ctx, id: string) {
  const m = await messageFor(ctx, ctx.db, id);
  const options = m.response_options ? (JSON.parse(m.response_options) as string[]) : [];
  // Kept up to date with every answer and delivery (board-counts.ts): one row per station and entity, not one per recipient.
  const rows = await boardCounts(ctx.db, id);
  const empty = (key: string | null): BoardRow => ({ key, recipients: 0, reached: 0, noResponse: 0, answers: Object.fromEntries(options.map((o) => [o, 0])) });
  const total = empty(null);
  const byLocation = new Map<string | null, BoardRow>();
  const byEntity = new Map<string | null, BoardRow>();
  for (const r of rows) {
    const row = empty(r.key || null);
    (r.dim === 'location' ? byLocation : byEntity).set(row.key, row);
    // Every recipient has one location key ('' for none), so the location rows add up to the total.
    for (const x of r.dim === 'location' ? [row, total] : [row]) {
      x.recipients += Number(r.recipients);
      x.reached += Number(r.reached);
      options.forEach((o, i) => { x.answers[o]! += Number(r[ANSWER_COLUMNS[i]!]); });
    }
  }
  for (const row of [total, ...byLocation.values(), ...byEntity.values()]) row.noResponse = row.recipients - Object.values(row.answers).reduce((a, b) => a + b, 0);
  // The names of the stations and entities counted, found from the counts themselves (no list of ids sent).
  const names = async (table: 'locations' | 'entities', dim: 'location' | 'entity') => new Map((await ctx.db.selectFrom(table).select(['id', 'name'])
    .where('id', 'in', ctx.db.selectFrom('message_board_counts').select('key').where('message_id', '=', id).where('dim', '=', dim)).execute()).map((x) => [x.id, x.name]));
  const [locNames, entNames] = await Promise.all([names('locations', 'location'), names('entities', 'entity')]);
  const named = (map: Map<string | null, BoardRow>, n: Map<string, string>) =>
    [...map.values()].map((r) => ({ ...r, name: r.key ? n.get(r.key) ?? r.key : null })).sort((a, b) => b.noResponse - a.noResponse || collator.compare(a.name ?? '', b.name ?? ''));
  return { messageId: id, options, total, byLocation: named(byLocation, locNames), byEntity: named(byEntity, entNames), at: nowIso() };
}

export interface RecipientFilter { locationId?: string | undefined; entityId?: string | undefined; answer?: string | undefined; reached?: 'true' | 'false' | undefined; page: number; pageSize: number }

/** Drill-down from the board to people; `answer=none` lists those who have not answered. */
export async function recipients(ctx: Ctx, id: string, f: RecipientFilter) {
  await messageFor(ctx, ctx.db, id);
  let qb = ctx.db.selectFrom('message_recipients as r').innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['p.id as personId', 'p.given_name as givenName', 'p.family_name as familyName', 'r.location_id as locationId', 'r.entity_id as entityId', 'r.reached', 'r.latest_answer as answer', 'r.answered_at as answeredAt'])
    .where('r.message_id', '=', id);
  if (f.locationId) qb = qb.where('r.location_id', '=', f.locationId);
  if (f.entityId) qb = qb.where('r.entity_id', '=', f.entityId);
  if (f.answer === 'none') qb = qb.where('r.latest_answer', 'is', null);
  else if (f.answer) qb = qb.where('r.latest_answer', '=', f.answer);
  if (f.reached) qb = qb.where('r.reached', '=', f.reached === 'true' ? 1 : 0);
  const items = await qb.orderBy('p.family_name').orderBy('p.given_name').orderBy('p.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return items.map((i) => ({ ...i, reached: !!i.reached }));
}

/** Every answer a person gave to a message, oldest first, with its time and channel. */
export async function responseHistory(ctx: Ctx, id: string, personId: string) {
  await messageFor(ctx, ctx.db, id);
  const r = await ctx.db.selectFrom('message_recipients').select(['id', 'last_response_id']).where('message_id', '=', id).where('person_id', '=', personId).executeTakeFirst();
  if (!r) throw notFound('Recipient');
  // Back along the chain from the last response (migration 015), then in the chain's order: the
  // order the answers were decided in, which ends with the one on the board. (Two nodes may take
  // two answers of one person in the same millisecond; their times alone could not tell the order.)
  const { rows: answers } = await sql<{ answer: string; channel: string; receivedAt: string }>`with recursive chain (id, previous_id, answer, channel, received_at, depth) as (
      select id, previous_id, answer, channel, received_at, 0 from responses where id = ${r.last_response_id}
      union all select p.id, p.previous_id, p.answer, p.channel, p.received_at, c.depth + 1 from responses p join chain c on p.id = c.previous_id)
    select answer, channel, received_at as "receivedAt" from chain order by depth desc`.execute(ctx.db);
  const deliveries = await ctx.db.selectFrom('deliveries').select(['channel', 'address', 'round', 'status', 'attempts', 'last_error as lastError', 'sent_at as sentAt', 'updated_at as updatedAt'])
    // By message and person (the recipient's own key): the prefix of deliveries_unique on both databases.
    .where('message_id', '=', id).where('person_id', '=', personId).orderBy('round').orderBy('channel').orderBy('updated_at').execute();
  return { answers, deliveries };
}

/** Sends the message again, as a new round, to everyone who has not answered. */
export async function resendToNonResponders(ctx: Ctx, id: string) {
  if (!canNotify(ctx.principal, 'message.send')) throw forbidden('You may not send messages');
  return ctx.db.transaction().execute(async (trx) => {
    const m = await messageFor(ctx, trx, id);
    if (!rolesIn(ctx.principal, 'message.send', scopeOf(scopeRefOf(m.scope_type, m.scope_id))).length) throw forbidden('You may not send messages for this scope');
    if (m.status !== 'sent') throw conflict('Only a sent message can be sent again');
    if (!m.response_options) throw conflict('This message does not ask for an answer');
    const last = await trx.selectFrom('deliveries').select((eb) => eb.fn.max('round').as('round')).where('message_id', '=', id).executeTakeFirst();
    const round = Number(last?.round ?? 0) + 1;
    // The first address of each channel that was sent to in the first round, for each silent recipient.
    const targets = await trx.selectFrom('deliveries as d').innerJoin('message_recipients as r', 'r.id', 'd.recipient_id')
      .select(['d.recipient_id', 'd.person_id', 'd.channel', 'd.address']).where('d.message_id', '=', id).where('d.round', '=', 0)
      .where('d.status', 'in', ['sent', 'delivered']).where('r.latest_answer', 'is', null).execute();
    const now = nowIso();
    const rows = targets.map((t) => ({ id: newId(), message_id: id, recipient_id: t.recipient_id, person_id: t.person_id, channel: t.channel, address: t.address, round, status: 'queued', attempts: 0, next_attempt_at: now, lease_until: null, worker: null, provider_id: null, last_error: null, sent_at: null, updated_at: now }));
    await insertMany(trx, 'deliveries', rows);
    await recordAudit(trx, ctxActor(ctx), { action: 'resend', subjectType: 'message', subjectId: id, after: { round, queued: rows.length } });
    return { round, queued: rows.length };
  });
}
