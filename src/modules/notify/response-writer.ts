import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { insertMany } from '../../db/bulk.js';
import { newId, nowIso } from '../../domain/ids.js';

interface Pending {
  recipientId: string;
  messageId: string;
  answer: string;
  channel: string;
  done: (r: { recorded: boolean }) => void;
  fail: (e: unknown) => void;
}

const MAX_BATCH = 500;
const MAX_WAIT_MS = 2;

/**
 * Group commit for answers: answers arriving within a couple of milliseconds are written in one
 * transaction, and each caller is answered only after it commits. The same answer as the latest
 * one is not written again; every different answer is kept and becomes the latest.
 */
export class ResponseWriter {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Kysely<Database>) {}

  record(recipientId: string, messageId: string, answer: string, channel: string): Promise<{ recorded: boolean }> {
    return new Promise((done, fail) => {
      this.queue.push({ recipientId, messageId, answer, channel, done, fail });
      if (this.queue.length >= MAX_BATCH) this.schedule(0);
      else this.schedule(MAX_WAIT_MS);
    });
  }

  private schedule(ms: number) {
    if (this.timer && ms > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const batch = this.queue;
      this.queue = [];
      // One flush at a time, in arrival order.
      this.flushing = this.flushing.then(() => this.flush(batch));
    }, ms);
  }

  private async flush(batch: Pending[]): Promise<void> {
    if (!batch.length) return;
    try {
      const results = await this.db.transaction().execute(async (trx) => {
        const ids = [...new Set(batch.map((p) => p.recipientId))];
        let q = trx.selectFrom('message_recipients').select(['id', 'latest_answer']).where('id', 'in', ids);
        // Several app nodes may take answers of the same person at once: lock their rows.
        if (trx.getExecutor().adapter instanceof PostgresAdapter) q = q.forUpdate();
        const latest = new Map((await q.execute()).map((r) => [r.id, r.latest_answer]));
        const rows: Database['responses'][] = [];
        const changed = new Map<string, { answer: string; at: string }>();
        const out = batch.map((p) => {
          if (latest.get(p.recipientId) === p.answer) return { recorded: false };
          const at = nowIso();
          latest.set(p.recipientId, p.answer);
          changed.set(p.recipientId, { answer: p.answer, at });
          rows.push({ id: newId(), message_id: p.messageId, recipient_id: p.recipientId, answer: p.answer, channel: p.channel, received_at: at });
          return { recorded: true };
        });
        await insertMany(trx, 'responses', rows);
        for (const [id, c] of changed) {
          await trx.updateTable('message_recipients').set({ latest_answer: c.answer, answered_at: c.at, reached: 1 }).where('id', '=', id).execute();
        }
        return out;
      });
      batch.forEach((p, i) => p.done(results[i]!));
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
