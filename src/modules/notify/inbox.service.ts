import type { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { nowIso } from '../../domain/ids.js';
import { optionLabels, type Content } from '../../domain/notify/template.js';
import { notFound } from '../../server/errors.js';
import type { Ctx } from '../../server/context.js';
import { refusal, responseWriter } from './response-writer.js';
import type { inboxQuery } from './inbox.schema.js';

/**
 * The signed-in user's in-app notifications. Read marks are the user's own view state, not a
 * change to the organization's records, so they are not audited; answers are kept, with their
 * channel, in the responses like every other answer.
 */
export async function unreadCount(db: Kysely<Database>, userId: string): Promise<number> {
  const r = await db.selectFrom('inbox_items').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Items the user's app has now received count as delivered, on the item and on its delivery row. */
export async function markDelivered(db: Kysely<Database>, userId: string): Promise<number> {
  const pending = await db.selectFrom('inbox_items').select(['id', 'delivery_id']).where('user_id', '=', userId).where('delivered_at', 'is', null).limit(1000).execute();
  if (!pending.length) return 0;
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('inbox_items').set({ delivered_at: now }).where('id', 'in', pending.map((p) => p.id)).execute();
    // Still 'sending' when the app reads the item before the dispatcher records the send (which then keeps 'delivered').
    await trx.updateTable('deliveries').set({ status: 'delivered', updated_at: now }).where('id', 'in', pending.map((p) => p.delivery_id)).where('status', 'in', ['sending', 'sent']).execute();
  });
  return pending.length;
}

export async function listInbox(ctx: Ctx, q: z.infer<typeof inboxQuery>) {
  const userId = ctx.principal.userId;
  await markDelivered(ctx.db, userId);
  let base = ctx.db.selectFrom('inbox_items as i').where('i.user_id', '=', userId);
  if (q.unread === 'true') base = base.where('i.read_at', 'is', null);
  if (q.unread === 'false') base = base.where('i.read_at', 'is not', null);
  const [rows, total, unread] = await Promise.all([
    base.innerJoin('messages as m', 'm.id', 'i.message_id').leftJoin('message_recipients as r', 'r.id', 'i.recipient_id')
      .select(['i.id', 'i.message_id', 'i.severity', 'i.language', 'i.subject', 'i.body', 'i.created_at', 'i.read_at', 'm.response_options', 'm.content', 'r.latest_answer', 'r.answered_at'])
      .orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    unreadCount(ctx.db, userId),
  ]);
  return {
    items: rows.map((r) => {
      const options = r.response_options ? (JSON.parse(r.response_options) as string[]) : [];
      return {
        id: r.id, messageId: r.message_id, severity: r.severity, language: r.language, subject: r.subject, body: r.body, createdAt: r.created_at, readAt: r.read_at,
        options, labels: optionLabels(JSON.parse(r.content) as Content, r.language, options), latestAnswer: r.latest_answer ?? null, answeredAt: r.answered_at ?? null,
      };
    }),
    total: Number(total.n), unread, page: q.page, pageSize: q.pageSize,
  };
}

async function item(ctx: Ctx, id: string) {
  const i = await ctx.db.selectFrom('inbox_items').selectAll().where('id', '=', id).where('user_id', '=', ctx.principal.userId).executeTakeFirst();
  if (!i) throw notFound('Notification');
  return i;
}

export async function markRead(ctx: Ctx, id: string) {
  const i = await item(ctx, id);
  if (!i.read_at) await ctx.db.updateTable('inbox_items').set({ read_at: nowIso(), delivered_at: i.delivered_at ?? nowIso() }).where('id', '=', id).execute();
  return { unread: await unreadCount(ctx.db, ctx.principal.userId) };
}

export async function markAllRead(ctx: Ctx) {
  await ctx.db.updateTable('inbox_items').set({ read_at: nowIso() }).where('user_id', '=', ctx.principal.userId).where('read_at', 'is', null).execute();
  return { unread: 0 };
}

/** An answer from the inbox: the same rules as a response link (idempotent, every change kept). */
export async function answerFromInbox(ctx: Ctx, id: string, answer: string) {
  const i = await item(ctx, id);
  const m = await ctx.db.selectFrom('messages').select('response_options').where('id', '=', i.message_id).executeTakeFirstOrThrow();
  const options = m.response_options ? (JSON.parse(m.response_options) as string[]) : [];
  const refused = refusal(options, answer);
  if (refused) throw refused;
  const r = await responseWriter(ctx.db).record(i.recipient_id, i.message_id, answer, 'inapp');
  // Answered is read: this item and any resent copy of the same message.
  await ctx.db.updateTable('inbox_items').set({ read_at: nowIso() }).where('user_id', '=', ctx.principal.userId).where('message_id', '=', i.message_id).where('read_at', 'is', null).execute();
  return { ...r, answer };
}
