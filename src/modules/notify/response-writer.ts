import type SQLite from 'better-sqlite3';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { prepared, sqliteTransaction } from '../../db/sqlite-direct.js';
import { preparedQuery } from '../../db/pg-direct.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, conflict, notFound } from '../../server/errors.js';
import { addCountsFrom, ANSWER_PREFIX, answerBucket, BoardDelta, REACHED } from './board-counts.js';

interface Pending {
  recipientId: string;
  /** Undefined for an answer by link: the writer finds the message and checks that it offers the answer. */
  messageId: string | undefined;
  answer: string;
  channel: string;
  done: (r: { recorded: boolean }) => void;
  fail: (e: unknown) => void;
  /** How many times it was decided on a recipient another node had changed meanwhile. */
  attempts: number;
}

const MAX_BATCH = 500;

// Response options never change once a message is sent, so they may be kept in memory.
const optionsCache = new Map<string, string[]>();
/** The response options of these messages (read once per message). */
async function optionsOf(db: Kysely<Database>, messageIds: Iterable<string>): Promise<Map<string, string[]>> {
  const missing = [...new Set(messageIds)].filter((id) => !optionsCache.has(id));
  if (missing.length) {
    for (const m of await db.selectFrom('messages').select(['id', 'response_options']).where('id', 'in', missing).execute()) remember(m);
  }
  return optionsCache;
}
const remember = (m: { id: string; response_options: string | null }) => optionsCache.set(m.id, m.response_options ? (JSON.parse(m.response_options) as string[]) : []);

/**
 * SQLite's flush, on the driver (src/db/sqlite-direct.ts): a batch is a few dozen answers, for
 * which building and preparing multi-row statements cost more than running prepared one-row ones.
 */
function flushSqlite(sqlite: SQLite.Database, batch: Pending[]): Outcome[] {
  const current = new Map<string, Current>();
  const read = prepared(sqlite, 'select "id", "message_id", "location_id", "entity_id", "reached", "latest_answer", "last_response_id" from "message_recipients" where "id" = ?');
  for (const p of batch) {
    if (current.has(p.recipientId)) continue;
    const r = read.get(p.recipientId) as Current | undefined;
    if (r) current.set(r.id, r);
  }
  if (batch.some((p) => p.messageId === undefined)) {
    const options = prepared(sqlite, 'select "id", "response_options" from "messages" where "id" = ?');
    for (const r of current.values()) if (!optionsCache.has(r.message_id)) remember((options.get(r.message_id) as { id: string; response_options: string | null } | undefined) ?? { id: r.message_id, response_options: null });
  }
  const d = decide(batch, current, optionsCache);
  const insert = prepared(sqlite, 'insert into "responses" ("id", "message_id", "recipient_id", "answer", "channel", "received_at", "previous_id") values (?, ?, ?, ?, ?, ?, ?)');
  for (const r of d.rows) insert.run(r.id, r.message_id, r.recipient_id, r.answer, r.channel, r.received_at, r.previous_id);
  const latest = prepared(sqlite, 'update "message_recipients" set "latest_answer" = ?, "answered_at" = ?, "reached" = 1, "last_response_id" = ? where "id" = ?');
  for (const [id, c] of d.changed) latest.run(c.answer, c.at, c.lastId, id);
  d.delta.writeSqlite(sqlite);
  return d.out;
}

/**
 * Group commit for answers: answers arriving together are written at once (in one transaction on
 * SQLite, one statement on PostgreSQL), and each caller is answered only after it commits. The
 * same answer as the latest one is not written again; every different answer is kept and becomes
 * the latest. The board's counts change in the same commit.
 */
export class ResponseWriter {
  private queue: Pending[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private flushes = 0;
  /** Recipients whose answers are being written: their next answers wait, so they are written in order. */
  private readonly writing = new Set<string>();
  /** SQLite writes synchronously: one flush at a time. PostgreSQL reads the next batch while the last one's statement runs. */
  private readonly maxFlushes: number;

  constructor(private readonly db: Kysely<Database>) {
    this.maxFlushes = db.getExecutor().adapter instanceof PostgresAdapter ? 2 : 1;
  }

  /** Records an answer; without `messageId` (a response link) an unknown recipient or an answer the message does not offer is refused. */
  record(recipientId: string, messageId: string | undefined, answer: string, channel: string): Promise<{ recorded: boolean }> {
    return new Promise((done, fail) => {
      this.queue.push({ recipientId, messageId, answer, channel, done, fail, attempts: 0 });
      this.schedule();
    });
  }

  /**
   * Flushes what is queued once the requests that arrived together have been read (setImmediate
   * runs after the pending I/O); answers arriving during a flush go in the next one, which starts
   * as soon as a flush is free.
   */
  private schedule() {
    if (this.flushes < this.maxFlushes && this.queue.length) this.scheduled ??= setImmediate(() => this.run());
  }

  private run() {
    this.scheduled = undefined;
    while (this.flushes < this.maxFlushes) {
      const batch = this.take();
      if (!batch.length) return;
      this.flushes++;
      void this.flush(batch).finally(() => {
        this.flushes--;
        for (const p of batch) this.writing.delete(p.recipientId);
        this.schedule();
      });
    }
  }

  /** The next batch in arrival order, passing over (and keeping in order) recipients still being written. */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const held = new Set<string>();
    for (const p of this.queue) {
      if (batch.length < MAX_BATCH && !this.writing.has(p.recipientId) && !held.has(p.recipientId)) batch.push(p);
      else { held.add(p.recipientId); rest.push(p); }
    }
    this.queue = rest;
    for (const p of batch) this.writing.add(p.recipientId);
    return batch;
  }

  private async flush(batch: Pending[]): Promise<void> {
    if (!batch.length) return;
    if (this.db.getExecutor().adapter instanceof PostgresAdapter) return this.flushPostgres(batch);
    try {
      settle(batch, await sqliteTransaction(this.db, (sqlite) => flushSqlite(sqlite, batch)));
    } catch (e) {
      for (const p of batch) p.fail(e);
    }
  }

  /**
   * PostgreSQL, where a round trip costs: read the recipients, then one statement (atomic on its own,
   * no transaction held open) writes the answers, the latest answers and the counts, but only for
   * recipients still as they were read. Another node may have changed one meanwhile: that
   * recipient's answers are decided again in the next flush.
   */
  private async flushPostgres(batch: Pending[]): Promise<void> {
    try {
      const current = await currentRows(this.db, batch);
      const p = decide(batch, current, await optionsFor(this.db, batch, current));
      const applied = p.changed.size ? await applyPostgres(this.db, p) : new Set<string>();
      const again: Pending[] = [];
      const settled: Pending[] = [];
      const out: Outcome[] = [];
      batch.forEach((x, i) => {
        if (p.changed.has(x.recipientId) && !applied.has(x.recipientId)) again.push(x);
        else { settled.push(x); out.push(p.out[i]!); }
      });
      settle(settled, out);
      this.retry(again, undefined);
    } catch (e) {
      // Deadlock or serialization failure: nothing was written; the batch is decided again.
      const code = (e as { code?: string }).code;
      if (code === '40P01' || code === '40001') this.retry(batch, e);
      else for (const x of batch) x.fail(e);
    }
  }

  private retry(again: Pending[], error: unknown) {
    const keep = again.filter((x) => {
      if (++x.attempts <= 10) return true;
      x.fail(error ?? new Error('The answer could not be recorded: the recipient kept changing'));
      return false;
    });
    this.queue.unshift(...keep);
  }
}

type Outcome = { recorded: boolean } | Error;
type Current = Pick<Database['message_recipients'], 'id' | 'message_id' | 'location_id' | 'entity_id' | 'reached' | 'latest_answer' | 'last_response_id'>;

/** What a batch of answers does to the recipients as they are now. */
interface Decision {
  out: Outcome[];
  rows: Database['responses'][];
  /** Per recipient that changes: the state it was decided on (its last response), the new latest answer and last response. */
  changed: Map<string, { prevLastId: string | null; prev: string | null; wasReached: number; answer: string; at: string; lastId: string }>;
  delta: BoardDelta;
}

/** PostgreSQL: the recipients of the batch as they are now, by a statement prepared once per connection. */
async function currentRows(db: Kysely<Database>, batch: Pending[]): Promise<Map<string, Current>> {
  const ids = [...new Set(batch.map((p) => p.recipientId))];
  const rows = await preparedQuery<Current>(db, 'orms_answering_recipients', READ_RECIPIENTS, [ids]);
  return new Map(rows.map((r) => [r.id, r]));
}
const READ_RECIPIENTS = 'select "id", "message_id", "location_id", "entity_id", "reached", "latest_answer", "last_response_id" from "message_recipients" where "id" = any($1::text[])';

/** Only answers by link are checked here; the other channels check theirs before. */
const optionsFor = (db: Kysely<Database>, batch: Pending[], current: Map<string, Current>) =>
  (batch.some((p) => p.messageId === undefined) ? optionsOf(db, [...current.values()].map((r) => r.message_id)) : Promise.resolve(optionsCache));

/** In arrival order: an unknown recipient or an answer not offered is refused; the same answer as the latest is not recorded again. */
function decide(batch: Pending[], current: Map<string, Current>, options: Map<string, string[]>): Decision {
  const d: Decision = { out: [], rows: [], changed: new Map(), delta: new BoardDelta() };
  const state = new Map<string, { latest: string | null; reached: number; lastId: string | null }>();
  for (const p of batch) {
    const r = current.get(p.recipientId);
    if (!r) { d.out.push(notFound('Recipient')); continue; }
    if (p.messageId === undefined) {
      const offered = options.get(r.message_id) ?? [];
      if (!offered.length) { d.out.push(conflict('This message does not ask for an answer')); continue; }
      if (!offered.includes(p.answer)) { d.out.push(badRequest('Not one of the offered answers', { answer: `One of: ${offered.join(', ')}` })); continue; }
    }
    const now = state.get(r.id) ?? { latest: r.latest_answer, reached: r.reached, lastId: r.last_response_id };
    state.set(r.id, now);
    if (now.latest === p.answer) { d.out.push({ recorded: false }); continue; }
    const at = nowIso();
    if (now.latest !== null) d.delta.add(r, answerBucket(now.latest), -1);
    d.delta.add(r, answerBucket(p.answer), 1);
    if (!now.reached) d.delta.add(r, REACHED, 1);
    const id = newId();
    d.rows.push({ id, message_id: r.message_id, recipient_id: r.id, answer: p.answer, channel: p.channel, received_at: at, previous_id: now.lastId });
    now.latest = p.answer;
    now.reached = 1;
    now.lastId = id;
    d.changed.set(r.id, { prevLastId: r.last_response_id, prev: r.latest_answer, wasReached: r.reached, answer: p.answer, at, lastId: id });
    d.out.push({ recorded: true });
  }
  return d;
}

function settle(batch: Pending[], out: Outcome[]) {
  batch.forEach((p, i) => {
    const r = out[i]!;
    if (r instanceof Error) p.fail(r);
    else p.done(r);
  });
}

/**
 * The PostgreSQL statement of flushPostgres: the batch's changes and responses go as one array per
 * column, so the text never changes and is prepared once per connection. Returns the recipients it changed.
 */
async function applyPostgres(db: Kysely<Database>, d: Decision): Promise<Set<string>> {
  // In id order, so that concurrent statements lock the recipients in the same order.
  const changed = [...d.changed].sort(([a], [b]) => (a < b ? -1 : 1));
  const rows = await preparedQuery<{ id: string }>(db, 'orms_record_answers', APPLY_ANSWERS, [
    changed.map(([id]) => id), changed.map(([, c]) => c.prevLastId), changed.map(([, c]) => c.prev), changed.map(([, c]) => c.wasReached),
    changed.map(([, c]) => c.answer), changed.map(([, c]) => c.at), changed.map(([, c]) => c.lastId),
    d.rows.map((r) => r.id), d.rows.map((r) => r.recipient_id), d.rows.map((r) => r.answer), d.rows.map((r) => r.channel), d.rows.map((r) => r.received_at), d.rows.map((r) => r.previous_id),
  ]);
  return new Set(rows.map((r) => r.id));
}

const APPLY_ANSWERS = 'with "v" as (select * from unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::text[], $7::text[]) '
  + 'as "v" ("id", "prev_last", "prev", "was_reached", "answer", "at", "last")), '
  + '"u" as (update "message_recipients" as "r" set "latest_answer" = "v"."answer", "answered_at" = "v"."at", "reached" = 1, "last_response_id" = "v"."last" from "v" '
  // Its last response identifies the state the recipient was decided on (answers change it, deliveries do not).
  + 'where "r"."id" = "v"."id" and "r"."last_response_id" is not distinct from "v"."prev_last" and "r"."reached" = "v"."was_reached" '
  + 'returning "r"."id", "r"."message_id", "r"."location_id", "r"."entity_id", "v"."prev", "v"."was_reached", "v"."answer"), '
  + '"i" as (insert into "responses" ("id", "message_id", "recipient_id", "answer", "channel", "received_at", "previous_id") '
  + 'select "x"."id", "u"."message_id", "x"."recipient_id", "x"."answer", "x"."channel", "x"."received_at", "x"."previous_id" '
  + 'from unnest($8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]) as "x" ("id", "recipient_id", "answer", "channel", "received_at", "previous_id") '
  + 'join "u" on "u"."id" = "x"."recipient_id"), '
  + `"k" as (select "message_id", "location_id", "entity_id", '${ANSWER_PREFIX}' || "answer" as "bucket", 1 as "n" from "u" `
  + `union all select "message_id", "location_id", "entity_id", '${ANSWER_PREFIX}' || "prev", -1 from "u" where "prev" is not null `
  + `union all select "message_id", "location_id", "entity_id", '${REACHED}', 1 from "u" where "was_reached" = 0), `
  + `"c" as (${addCountsFrom('"k"')}) select "id" from "u"`;

const writers = new WeakMap<Kysely<Database>, ResponseWriter>();
export function responseWriter(db: Kysely<Database>): ResponseWriter {
  let w = writers.get(db);
  if (!w) { w = new ResponseWriter(db); writers.set(db, w); }
  return w;
}
