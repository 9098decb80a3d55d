import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { preparedQuery } from '../../db/pg-direct.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, conflict, notFound } from '../../server/errors.js';
import { addCountsFrom, ANSWER_COLUMNS } from './board-counts.js';
import { offeredIn, type AnswerIn, type AnswerOutcome } from './sqlite-answers.js';
import { answersOnThread, recordAnswers } from './answers-thread.js';

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

/** Why an answer by link is refused, if it is: the message asks for none, or not for this one. */
export function refusal(offered: string[], answer: string): Error | undefined {
  if (!offered.length) return conflict('This message does not ask for an answer');
  if (!offered.includes(answer)) return badRequest('Not one of the offered answers', { answer: `One of: ${offered.join(', ')}` });
  return undefined;
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
  private flushing = false;

  private readonly postgres: boolean;
  /** PostgreSQL, or SQLite's answers thread: the next batch is sent before this one's replies are written. */
  private readonly overlapReplies: boolean;

  constructor(private readonly db: Kysely<Database>) {
    this.postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    this.overlapReplies = this.postgres || answersOnThread(db);
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
   * runs after the pending I/O). One flush at a time: the answers that arrive meanwhile make the
   * next batch, which grows with the load. (On PostgreSQL two statements at once measured slower:
   * each took as long as one twice its size, their batches were smaller, and the server's work per
   * answer rose by a tenth.)
   */
  private schedule() {
    if (!this.flushing && this.queue.length) this.scheduled ??= setImmediate(() => this.run());
  }

  private run() {
    this.scheduled = undefined;
    const batch = this.take();
    if (!batch.length) return;
    this.flushing = true;
    void this.flush(batch).then((reply) => {
      this.flushing = false;
      // PostgreSQL (or SQLite's answers thread) works on another core: the answers that came in
      // meanwhile go to it now, and this batch is replied to while it writes them (SQLite's writes
      // on the main thread would hold up the replies).
      if (this.overlapReplies && this.queue.length) this.run();
      else this.schedule();
      reply();
    });
  }

  /**
   * The next batch in arrival order, at most one answer per recipient: a recipient's later answers
   * keep their order for the batches after, so that each is decided on the one before.
   */
  private take(): Pending[] {
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const taken = new Set<string>();
    for (const p of this.queue) {
      if (batch.length < MAX_BATCH && !taken.has(p.recipientId)) { batch.push(p); taken.add(p.recipientId); }
      else rest.push(p);
    }
    this.queue = rest;
    return batch;
  }

  /** Writes a batch; returns what replies to its callers (the answers to decide again are already queued). */
  private async flush(batch: Pending[]): Promise<() => void> {
    if (this.postgres) return this.flushPostgres(batch);
    try {
      const answers = batch.map((p): AnswerIn => [p.recipientId, p.messageId ?? null, p.answer, p.channel]);
      return this.settle(batch, await recordAnswers(this.db, answers));
    } catch (e) {
      return () => { for (const p of batch) p.fail(e); };
    }
  }

  /** Queues again the answers on recipients another node changed meanwhile; returns what answers the others (an answer not offered is told what is). */
  private settle(batch: Pending[], outcomes: Outcome[]): () => void {
    const again = batch.filter((_, i) => outcomes[i]![0] === 'changed');
    this.retry(again, undefined);
    return () => {
      for (const [i, [outcome, offered]] of outcomes.entries()) {
        const p = batch[i]!;
        if (outcome === 'recorded' || outcome === 'same') p.done({ recorded: outcome === 'recorded' });
        else if (outcome === 'unknown') p.fail(notFound('Recipient'));
        else if (outcome !== 'changed') p.fail(refusal(offered ?? [], p.answer));
      }
    };
  }

  /**
   * PostgreSQL, where a round trip costs: one statement (atomic on its own, no transaction held
   * open) reads the recipients, decides and writes the answers, the latest answers and the counts.
   * Another node may change a recipient between that read and the update: its answer is decided
   * again in the next flush.
   */
  private async flushPostgres(batch: Pending[]): Promise<() => void> {
    try {
      // In id order, so that concurrent statements lock the recipients in the same order.
      const sorted = [...batch].sort((a, b) => (a.recipientId < b.recipientId ? -1 : 1));
      const rows = await preparedQuery<{ i: string; outcome: Outcome[0]; offered: string | null }>(
        this.db, 'orms_record_answers', RECORD_ANSWERS,
        [sorted.map((p) => p.recipientId), sorted.map((p) => p.messageId ?? null), sorted.map((p) => p.answer), sorted.map((p) => p.channel), sorted.map(() => newId()), nowIso()],
      );
      const outcomes = new Array<Outcome>(sorted.length);
      for (const r of rows) outcomes[Number(r.i) - 1] = [r.outcome, r.outcome === 'not_offered' ? offeredIn(r.offered) : undefined];
      return this.settle(sorted, outcomes);
    } catch (e) {
      // Deadlock or serialization failure: nothing was written; the batch is decided again.
      const code = (e as { code?: string }).code;
      if (code === '40P01' || code === '40001') {
        this.retry(batch, e);
        return () => {};
      }
      return () => { for (const x of batch) x.fail(e); };
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

/** What became of an answer: as SQLite's writer says, or 'changed' (PostgreSQL: another node changed the recipient first). */
type Outcome = [outcome: AnswerOutcome[0] | 'changed', offered?: string[]];

/** Per answer column (answer_1 is the message's first option): +1 for the new answer, -1 for the latest it replaces. */
const ANSWER_COUNTS = ANSWER_COLUMNS.map((column, i) =>
  `coalesce(("answer" = ("options" ->> ${i}))::integer, 0) - coalesce(("latest_answer" = ("options" ->> ${i}))::integer, 0) as "${column}"`).join(', ');

/**
 * PostgreSQL's flush in one statement, the same rules as recordAnswersSqlite's (sqlite-answers.ts) in SQL: the batch goes as one
 * array per column (one answer per recipient), so the text never changes and is prepared once per
 * connection. An answer by link ($2 null) must be one its message offers; the same answer as the
 * latest is not written again; the update takes only recipients still as they were read (their
 * last response and reached mark), and the rest come back as 'changed'. Returns each answer's
 * outcome by its position (i, from 1).
 */
const RECORD_ANSWERS = 'with "v" as (select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) with ordinality '
  + 'as "v" ("recipient_id", "message_id", "answer", "channel", "response_id", "i")), '
  + '"cur" as (select "v"."i", "r"."id", "r"."message_id", "r"."location_id", "r"."entity_id", "r"."reached", "r"."latest_answer", "r"."last_response_id", '
  + '"m"."response_options", "m"."response_options"::jsonb as "options", ("v"."message_id" is not null or coalesce("m"."response_options"::jsonb ? "v"."answer", false)) as "is_offered" '
  + 'from "v" join "message_recipients" as "r" on "r"."id" = "v"."recipient_id" left join "messages" as "m" on "m"."id" = "r"."message_id"), '
  + '"todo" as (select "cur".*, "v"."answer", "v"."channel", "v"."response_id" from "cur" join "v" using ("i") '
  + 'where "cur"."is_offered" and "cur"."latest_answer" is distinct from "v"."answer"), '
  + '"u" as (update "message_recipients" as "r" set "latest_answer" = "t"."answer", "answered_at" = $6, "reached" = 1, "last_response_id" = "t"."response_id" from "todo" as "t" '
  + 'where "r"."id" = "t"."id" and "r"."last_response_id" is not distinct from "t"."last_response_id" and "r"."reached" = "t"."reached" returning "t".*), '
  + '"ins" as (insert into "responses" ("id", "message_id", "recipient_id", "answer", "channel", "received_at", "previous_id") '
  + 'select "response_id", "message_id", "id", "answer", "channel", $6, "last_response_id" from "u"), '
  + `"k" as (select "message_id", "location_id", "entity_id", 1 - "reached" as "reached", ${ANSWER_COUNTS} from "u"), `
  + `"c" as (${addCountsFrom('"k"', ['reached', ...ANSWER_COLUMNS])}) `
  + 'select "v"."i", case when "cur"."id" is null then \'unknown\' when not "cur"."is_offered" then \'not_offered\' '
  + 'when "cur"."latest_answer" = "v"."answer" then \'same\' when exists (select 1 from "u" where "u"."i" = "v"."i") then \'recorded\' else \'changed\' end as "outcome", case when not "cur"."is_offered" then "cur"."response_options" end as "offered" '
  + 'from "v" left join "cur" using ("i")';

const writers = new WeakMap<Kysely<Database>, ResponseWriter>();
export function responseWriter(db: Kysely<Database>): ResponseWriter {
  let w = writers.get(db);
  if (!w) { w = new ResponseWriter(db); writers.set(db, w); }
  return w;
}
