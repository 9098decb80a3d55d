import type SQLite from 'better-sqlite3';
import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { Database } from './types.js';
import { prepared, sqliteTransaction } from './sqlite-direct.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Inserts many rows, skipping the query builder: building a syntax tree per value costs more than
 * the database's own work at a hundred thousand rows. On PostgreSQL the rows are bulk-loaded with
 * one COPY (see pg-copy.ts); on SQLite they go through the driver, a few rows per prepared
 * statement. All or none are written.
 */
export async function insertMany<T extends keyof Database>(db: Db, table: T, rows: Database[T][]): Promise<void> {
  await insertBatches(db, table, batchesOf(rows, ROWS_PER_BATCH, (row, _i, batch) => batch.push(row)));
}

/**
 * Inserts rows made batch by batch, each when the database is ready for it, so that a few
 * thousand rows at a time are alive rather than all of them. On PostgreSQL one COPY streams every
 * batch: while the server writes one, the next is made and waits in the socket. Every row has the
 * columns of the first and only values COPY's text carries (strings, numbers, booleans, null).
 */
export async function insertBatches<T extends keyof Database>(db: Db, table: T, batches: Iterable<Database[T][]>): Promise<void> {
  if (!isPostgres(db)) {
    await sqliteTransaction(db, (sqlite) => {
      for (const batch of batches) {
        const list = batch as unknown as Record<string, unknown>[];
        if (list.length) insertPrepared(sqlite, table, Object.keys(list[0]!), list);
      }
    });
    return;
  }
  const iterator = batches[Symbol.iterator]();
  let first = iterator.next();
  while (!first.done && !first.value.length) first = iterator.next();
  if (first.done) return;
  const columns = Object.keys(first.value[0]!);
  function* parts(): Generator<string> {
    for (let batch = first; !batch.done; batch = iterator.next()) {
      if (!batch.value.length) continue;
      const data = copyData(columns, batch.value as unknown as Record<string, unknown>[]);
      if (data === undefined) throw new TypeError(`insertBatches: a value in "${table}" is not text, a number, a boolean or null`);
      yield data;
    }
  }
  const copy = `copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`;
  await db.executeQuery(CompiledQuery.raw(copy, [parts()]));
}

/** Batches of rows made from consecutive slices of `size` items: `add` puts an item's rows (any number) in its batch. */
export function* batchesOf<I, R>(items: readonly I[], size: number, add: (item: I, index: number, batch: R[]) => void): Generator<R[]> {
  for (let start = 0; start < items.length; start += size) {
    const batch: R[] = [];
    for (let i = start; i < Math.min(items.length, start + size); i++) add(items[i]!, i, batch);
    yield batch;
  }
}

const ROWS_PER_BATCH = 10_000;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * SQLite: ROWS_PER_INSERT rows per run of one statement prepared once per connection, the rest one
 * by one. A statement prepared for each batch of a few thousand rows spends a third of a
 * 150,000-person send preparing them.
 */
function insertPrepared(sqlite: SQLite.Database, table: string, columns: string[], rows: Record<string, unknown>[]): void {
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const one = prepared(sqlite, head + tuple);
  const many = prepared(sqlite, head + Array<string>(ROWS_PER_INSERT).fill(tuple).join(', '));
  const params: unknown[] = new Array(ROWS_PER_INSERT * columns.length);
  let r = 0;
  for (; r + ROWS_PER_INSERT <= rows.length; r += ROWS_PER_INSERT) {
    let p = 0;
    for (let i = r; i < r + ROWS_PER_INSERT; i++) for (const c of columns) params[p++] = rows[i]![c];
    many.run(params);
  }
  for (; r < rows.length; r++) one.run(columns.map((c) => rows[r]![c]));
}

const ROWS_PER_INSERT = 100;

/** The rows in COPY's text format (tab-separated, \N for null); undefined when a value is not a string, number, boolean or null. */
function copyData(columns: string[], rows: Record<string, unknown>[]): string | undefined {
  const lines: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      const v = row[columns[c]!];
      let text: string;
      if (v === null || v === undefined) text = '\\N';
      else if (typeof v === 'string') text = SPECIAL.test(v) ? v.replace(SPECIALS, (ch) => ESCAPES[ch]!) : v;
      else if (typeof v === 'number' || typeof v === 'bigint') text = String(v);
      else if (typeof v === 'boolean') text = v ? 't' : 'f';
      else return undefined;
      line += c === 0 ? text : '\t' + text;
    }
    lines[r] = line;
  }
  return lines.join('\n') + '\n';
}

// COPY's text format gives a meaning to backslash, tab, newline and carriage return: those are escaped.
const SPECIAL = /[\\\t\n\r]/, SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
