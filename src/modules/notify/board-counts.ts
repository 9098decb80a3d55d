import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { Database } from '../../db/types.js';
import { prepared } from '../../db/sqlite-direct.js';
import { MAX_RESPONSE_OPTIONS } from '../../domain/notify/channels.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What a board count is about: a recipient's message, duty station and entity. */
export interface Counted { message_id: string; location_id: string | null; entity_id: string | null }


/**
 * The counts of one row of the board (table message_board_counts), in column order: recipients,
 * those reached, and per offered answer (answer_1 is the message's first option) those whose
 * latest answer it is. One row per message and duty station or entity: an answer changes one row
 * of each, however many counts it moves.
 */
export const ANSWER_COLUMNS = ['answer_1', 'answer_2', 'answer_3', 'answer_4', 'answer_5', 'answer_6'] as const satisfies { length: typeof MAX_RESPONSE_OPTIONS };
export const COUNT_COLUMNS = ['recipients', 'reached', ...ANSWER_COLUMNS] as const;
export type CountColumn = typeof COUNT_COLUMNS[number];
const COLUMN_INDEX = new Map<CountColumn, number>(COUNT_COLUMNS.map((c, i) => [c, i]));

/** The column that counts an answer among the message's options (undefined for one it does not offer). */
export function answerColumn(options: readonly string[], answer: string): CountColumn | undefined {
  const i = options.indexOf(answer);
  return ANSWER_COLUMNS[i];
}

const SEP = '\u0000';
const ROWS_PER_STATEMENT = 500;

/**
 * Changes to the accountability board's counts, summed in memory and written in the transaction
 * that changes the recipients they count. Every change to a recipient's `reached` or
 * `latest_answer` goes through here (or addCountsFrom), so the counts always equal an aggregate
 * over the recipients, on any number of app nodes.
 */
export class BoardDelta {
  private readonly sums = new Map<string, number[]>();

  add(r: Counted, column: CountColumn | undefined, n = 1): void {
    if (!column) return;
    const c = COLUMN_INDEX.get(column)!;
    this.bump(`${r.message_id}${SEP}location${SEP}${r.location_id ?? ''}`, c, n);
    this.bump(`${r.message_id}${SEP}entity${SEP}${r.entity_id ?? ''}`, c, n);
  }

  private bump(k: string, c: number, n: number) {
    let row = this.sums.get(k);
    if (!row) { row = new Array<number>(COUNT_COLUMNS.length).fill(0); this.sums.set(k, row); }
    row[c]! += n;
  }

  /**
   * The rows that change, as (message_id, dim, key, ...counts), in key order (concurrent writers
   * lock the rows in the same order), and forgets them.
   */
  take(): (string | number)[][] {
    const rows = [...this.sums].filter(([, n]) => n.some((x) => x !== 0)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, n]) => [...k.split(SEP), ...n]);
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
        tuples.push(`(${row.map((_, j) => (!postgres ? '?' : j < 3 ? `$${at + j + 1}` : `$${at + j + 1}::integer`)).join(', ')})`);
      }
      await db.executeQuery(CompiledQuery.raw(`${INSERT_COUNTS} values ${tuples.join(', ')} ${ADD_ON_CONFLICT}`, params));
    }
  }

  /** SQLite, inside a transaction on the driver (sqlite-direct.ts): one prepared upsert per row. */
  writeSqlite(sqlite: SQLite.Database): void {
    const upsert = prepared(sqlite, `${INSERT_COUNTS} values (?, ?, ?, ${COUNT_COLUMNS.map(() => '?').join(', ')}) ${ADD_ON_CONFLICT}`);
    for (const row of this.take()) upsert.run(row);
  }
}

const quoted = (c: string) => `"${c}"`;
const INSERT_COUNTS = `insert into "message_board_counts" ("message_id", "dim", "key", ${COUNT_COLUMNS.map(quoted).join(', ')})`;
const ADD_ON_CONFLICT = `on conflict ("message_id", "dim", "key") do update set ${COUNT_COLUMNS.map((c) => `"${c}" = "message_board_counts"."${c}" + excluded."${c}"`).join(', ')}`;

/**
 * PostgreSQL: a statement part that adds to the counts from `source`, a set of rows (message_id,
 * location_id, entity_id, and the count columns given) defined earlier in the same statement,
 * summed per row of the board and written in key order. Used where the rows to count are only
 * known inside the statement.
 */
export function addCountsFrom(source: string, columns: readonly CountColumn[]): string {
  const values = COUNT_COLUMNS.map((c) => (columns.includes(c) ? quoted(c) : '0'));
  const sums = COUNT_COLUMNS.map((c) => (columns.includes(c) ? `sum(${quoted(c)})::integer` : '0'));
  return `${INSERT_COUNTS} `
    + `select "message_id", "dim", "key", ${sums.join(', ')} from (`
    + `select "message_id", 'location' as "dim", coalesce("location_id", '') as "key", ${values.map((v, i) => `${v} as ${quoted(COUNT_COLUMNS[i]!)}`).join(', ')} from ${source} `
    + `union all select "message_id", 'entity', coalesce("entity_id", ''), ${values.join(', ')} from ${source}) as "c" `
    + `group by "message_id", "dim", "key" having ${sums.filter((s) => s !== '0').map((s) => `${s} <> 0`).join(' or ')} order by "message_id", "dim", "key" ${ADD_ON_CONFLICT}`;
}

/** The stored counts of one message. */
export function boardCounts(db: Db, messageId: string) {
  return db.selectFrom('message_board_counts').selectAll().where('message_id', '=', messageId).execute();
}
