import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { insertMany } from '../../db/bulk.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, conflict, notFound } from '../../server/errors.js';
import { answerBucket, BoardDelta, REACHED } from './board-counts.js';

interface Pending {
  recipientId: string;
  /** Undefined for an answer by link: the writer finds the message and checks that it offers the answer. */
  messageId: string | undefined;
  answer: string;
  channel: string;
  done: (r: { recorded: boolean }) => void;
  fail: (e: unknown) => void;
}

const MAX_BATCH = 500;
const ROWS_PER_UPDATE = 1000;

// Response options never change once a message is sent, so they may be kept in memory.
const optionsCache = new Map<string, string[]>();
async function optionsOf(trx: Transaction<Database>, messageIds: string[]): Promise<Map<string, string[]>> {
  const missing = messageIds.filter((id) => !optionsCache.has(id));
  if (missing.length) {
    for (const m of await trx.selectFrom('messages').select(['id', 'response_options']).where('id', 'in', missing).execute()) {
      optionsCache.set(m.id, m.response_options ? (JSON.parse(m.response_options) as string[]) : []);
    }
  }
  return optionsCache;
}

/** Sets the latest answer of many recipients in one statement (UPDATE … FROM VALUES, on both databases). */
async function setLatest(trx: Transaction<Database>, changed: Map<string, { answer: string; at: string }>, postgres: boolean) {
  const all = [...changed];
  for (let i = 0; i < all.length; i += ROWS_PER_UPDATE) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const [id, c] of all.slice(i, i + ROWS_PER_UPDATE)) {
      params.push(id, c.answer, c.at);
      const n = params.length;
      tuples.push(postgres ? `($${n - 2}, $${n - 1}, $${n})` : '(?, ?, ?)');
    }
    await trx.executeQuery(CompiledQuery.raw(`update "message_recipients" set "latest_answer" = v.column2, "answered_at" = v.column3, "reached" = 1 from (values ${tuples.join(', ')}) as v where "message_recipients"."id" = v.column1`, params));
  }
}

/**
 * Group commit for answers: answers arriving within a couple of milliseconds are written in one
 * transaction, and each caller is answered only after it commits. The same answer as the latest
 * one is not written again; every different answer is kept and becomes the latest. The board's
 * counts change in the same transaction.
 */
export class ResponseWriter {
  private queue: Pending[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private busy = false;

  constructor(private readonly db: Kysely<Database>) {}

  /** Records an answer; without `messageId` (a response link) an unknown recipient or an answer the message does not offer is refused. */
  record(recipientId: string, messageId: string | undefined, answer: string, channel: string): Promise<{ recorded: boolean }> {
    return new Promise((done, fail) => {
      this.queue.push({ recipientId, messageId, answer, channel, done, fail });
      if (!this.busy) this.scheduled ??= setImmediate(() => void this.run());
    });
  }

  /**
   * Flushes what is queued once the requests that arrived together have been read (setImmediate
   * runs after the pending I/O), then, while answers keep arriving during a flush, the next batch
   * as soon as the last one commits. One flush at a time, in arrival order.
   */
  private async run(): Promise<void> {
    this.scheduled = undefined;
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length) await this.flush(this.queue.splice(0, MAX_BATCH));
    } finally {
      this.busy = false;
    }
  }

  private async flush(batch: Pending[]): Promise<void> {
    if (!batch.length) return;
    try {
      const results = await this.db.transaction().execute(async (trx) => {
        const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
        const ids = [...new Set(batch.map((p) => p.recipientId))];
        let q = trx.selectFrom('message_recipients').select(['id', 'message_id', 'location_id', 'entity_id', 'reached', 'latest_answer']).where('id', 'in', ids);
        // Several app nodes may take answers of the same person at once: lock their rows, in id order.
        if (postgres) q = q.orderBy('id').forUpdate();
        const current = new Map((await q.execute()).map((r) => [r.id, r]));
        const options = batch.some((p) => p.messageId === undefined) ? await optionsOf(trx, [...new Set([...current.values()].map((r) => r.message_id))]) : optionsCache;
        const rows: Database['responses'][] = [];
        const changed = new Map<string, { answer: string; at: string }>();
        const delta = new BoardDelta();
        const out = batch.map((p): { recorded: boolean } | Error => {
          const r = current.get(p.recipientId);
          if (!r) return notFound('Recipient');
          if (p.messageId === undefined) {
            const offered = options.get(r.message_id) ?? [];
            if (!offered.length) return conflict('This message does not ask for an answer');
            if (!offered.includes(p.answer)) return badRequest('Not one of the offered answers', { answer: `One of: ${offered.join(', ')}` });
          }
          if (r.latest_answer === p.answer) return { recorded: false };
          const at = nowIso();
          if (r.latest_answer !== null) delta.add(r, answerBucket(r.latest_answer), -1);
          delta.add(r, answerBucket(p.answer), 1);
          if (!r.reached) delta.add(r, REACHED, 1);
          r.latest_answer = p.answer;
          r.reached = 1;
          changed.set(r.id, { answer: p.answer, at });
          rows.push({ id: newId(), message_id: r.message_id, recipient_id: r.id, answer: p.answer, channel: p.channel, received_at: at });
          return { recorded: true };
        });
        await insertMany(trx, 'responses', rows);
        await setLatest(trx, changed, postgres);
        await delta.write(trx);
        return out;
      });
      batch.forEach((p, i) => {
        const r = results[i]!;
        if (r instanceof Error) p.fail(r);
        else p.done(r);
      });
    } catch (e) {
      for (const p of batch) p.fail(e);
    }
  }
}

const writers = new WeakMap<Kysely<Database>, ResponseWriter>();
export function responseWriter(db: Kysely<Database>): ResponseWriter {
  let w = writers.get(db);
  if (!w) { w = new ResponseWriter(db); writers.set(db, w); }
  return w;
}
