import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Database } from '../../db/types.js';
import { prepared } from '../../db/sqlite-direct.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What a board count is about: a recipient's message, duty station and entity. */
export interface Counted { message_id: string; location_id: string | null; entity_id: string | null }

export const RECIPIENTS = 'recipients';
export const REACHED = 'reached';
export const ANSWER_PREFIX = 'answer:';
export const answerBucket = (answer: string): string => ANSWER_PREFIX + answer;

const SEP = '\u0000';
const ROWS_PER_STATEMENT = 1000;

/**
 * Changes to the accountability board's counts (table message_board_counts), summed in memory and
 * written in the transaction that changes the recipients they count. Every change to a recipient's
 * `reached` or `latest_answer` goes through here, so the counts always equal an aggregate over the
 * recipients, on any number of app nodes.
 */
export class BoardDelta {
  private readonly sums = new Map<string, number>();

  add(r: Counted, bucket: string, n = 1): void {
    this.bump(`${r.message_id}${SEP}location${SEP}${r.location_id ?? ''}${SEP}${bucket}`, n);
    this.bump(`${r.message_id}${SEP}entity${SEP}${r.entity_id ?? ''}${SEP}${bucket}`, n);
  }

  private bump(k: string, n: number) {
    this.sums.set(k, (this.sums.get(k) ?? 0) + n);
  }

  /**
   * The non-zero changes as (message_id, dim, key, bucket, n), in key order (concurrent writers
   * lock the rows in the same order), and forgets them.
   */
  take(): [string, string, string, string, number][] {
    const rows = [...this.sums].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, n]) => [...(k.split(SEP) as [string, string, string, string]), n] as [string, string, string, string, number]);
    this.sums.clear();
    return rows;
  }

  /** Adds the changes to the stored counts. */
  async write(db: Db): Promise<void> {
    const rows = this.take();
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const params: unknown[] = [];
      const tuples: string[] = [];
      for (const row of rows.slice(i, i + ROWS_PER_STATEMENT)) {
        const at = params.length;
        params.push(...row);
        tuples.push(postgres ? `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}::integer)` : '(?, ?, ?, ?, ?)');
      }
      await db.executeQuery(CompiledQuery.raw(`${INSERT_COUNTS} values ${tuples.join(', ')} ${ADD_ON_CONFLICT}`, params));
    }
  }

  /** SQLite, inside a transaction on the driver (sqlite-direct.ts): one prepared upsert per count. */
  writeSqlite(sqlite: SQLite.Database): void {
    const upsert = prepared(sqlite, `${INSERT_COUNTS} values (?, ?, ?, ?, ?) ${ADD_ON_CONFLICT}`);
    for (const row of this.take()) upsert.run(row);
  }
}

const INSERT_COUNTS = 'insert into "message_board_counts" ("message_id", "dim", "key", "bucket", "n")';
const ADD_ON_CONFLICT = 'on conflict ("message_id", "dim", "key", "bucket") do update set "n" = "message_board_counts"."n" + excluded."n"';

/**
 * PostgreSQL: a statement part that adds to the counts from `source`, a set of rows (message_id,
 * location_id, entity_id, bucket, n) defined earlier in the same statement, summed per key and
 * written in key order. Used where the rows to count are only known inside the statement.
 */
export function addCountsFrom(source: string): string {
  return `${INSERT_COUNTS} `
    + 'select "message_id", "dim", "key", "bucket", sum("n")::integer from ('
    + `select "message_id", 'location' as "dim", coalesce("location_id", '') as "key", "bucket", "n" from ${source} `
    + `union all select "message_id", 'entity', coalesce("entity_id", ''), "bucket", "n" from ${source}) as "c" `
    + `group by "message_id", "dim", "key", "bucket" having sum("n") <> 0 order by "message_id", "dim", "key", "bucket" ${ADD_ON_CONFLICT}`;
}

/** The stored counts of one message. */
export function boardCounts(db: Db, messageId: string) {
  return db.selectFrom('message_board_counts').select(['dim', 'key', 'bucket', 'n']).where('message_id', '=', messageId).execute();
}
