import type SQLite from 'better-sqlite3';
import type { Database } from '../../db/types.js';
import { prepared } from '../../db/sqlite-direct.js';
import { newId, nowIso } from '../../domain/ids.js';
import { answerColumn, BoardDelta } from './board-counts.js';

/** An answer to write: recipient, message (null for an answer by link, checked against what its message offers), answer, channel. */
export type AnswerIn = [recipientId: string, messageId: string | null, answer: string, channel: string];
/** What became of it, with the answers its message offers when it is not one of them. PostgreSQL's RECORD_ANSWERS gives the same. */
export type AnswerOutcome = [outcome: 'unknown' | 'not_offered' | 'same' | 'recorded', offered?: string[]];

type Current = Pick<Database['message_recipients'], 'id' | 'message_id' | 'location_id' | 'entity_id' | 'reached' | 'latest_answer' | 'last_response_id'>;

// Response options never change once a message is sent, so they may be kept in memory (they also
// say which count column an answer is in).
const offeredBy = new Map<string, string[]>();
export const offeredIn = (responseOptions: string | null): string[] => (responseOptions ? (JSON.parse(responseOptions) as string[]) : []);

/**
 * Writes a batch of answers (at most one per recipient) on SQLite's driver, inside the caller's
 * transaction: prepared one-row statements, which for a few dozen answers cost less than building
 * multi-row ones. The board's counts change with them.
 */
export function recordAnswersSqlite(sqlite: SQLite.Database, batch: AnswerIn[]): AnswerOutcome[] {
  const read = prepared(sqlite, 'select "id", "message_id", "location_id", "entity_id", "reached", "latest_answer", "last_response_id" from "message_recipients" where "id" = ?');
  const options = prepared(sqlite, 'select "response_options" from "messages" where "id" = ?');
  const insert = prepared(sqlite, 'insert into "responses" ("id", "message_id", "recipient_id", "answer", "channel", "received_at", "previous_id") values (?, ?, ?, ?, ?, ?, ?)');
  const latest = prepared(sqlite, 'update "message_recipients" set "latest_answer" = ?, "answered_at" = ?, "reached" = 1, "last_response_id" = ? where "id" = ?');
  const delta = new BoardDelta();
  const at = nowIso();
  const out = batch.map(([recipientId, messageId, answer, channel]): AnswerOutcome => {
    const r = read.get(recipientId) as Current | undefined;
    if (!r) return ['unknown'];
    let offered = offeredBy.get(r.message_id);
    if (!offered) {
      const m = options.get(r.message_id) as { response_options: string | null } | undefined;
      offered = offeredIn(m?.response_options ?? null);
      offeredBy.set(r.message_id, offered);
    }
    if (messageId === null && !offered.includes(answer)) return ['not_offered', offered];
    if (r.latest_answer === answer) return ['same'];
    const id = newId();
    insert.run(id, r.message_id, r.id, answer, channel, at, r.last_response_id);
    latest.run(answer, at, id, r.id);
    if (r.latest_answer !== null) delta.add(r, answerColumn(offered, r.latest_answer), -1);
    delta.add(r, answerColumn(offered, answer));
    if (!r.reached) delta.add(r, 'reached');
    return ['recorded'];
  });
  delta.writeSqlite(sqlite);
  return out;
}
