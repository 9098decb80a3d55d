import type SQLite from 'better-sqlite3';
import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { Database } from './types.js';
import { prepared, sqliteTransaction } from './sqlite-direct.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Inserts many rows, skipping the query builder: building a syntax tree per value costs more than
 * the database's own work at a hundred thousand rows. On PostgreSQL the rows are bulk-loaded with
 * COPY (see pg-copy.ts), or for values COPY's text cannot carry here, go as multi-row statements
 * under the bound-parameter limit. On SQLite they go through the driver, a few rows per prepared
 * statement, all or none.
 */
export async function insertMany<T extends keyof Database>(db: Db, table: T, rows: Database[T][]): Promise<void> {
  if (!rows.length) return;
  const list = rows as unknown as Record<string, unknown>[];
  const columns = Object.keys(list[0]!);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    const copy = `copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`;
    for (let i = 0; i < rows.length; i += ROWS_PER_COPY) {
      const chunk = list.slice(i, i + ROWS_PER_COPY);
      const data = copyData(columns, chunk);
      if (data === undefined) await insertValues(db, table, columns, chunk);
      else await db.executeQuery(CompiledQuery.raw(copy, [data]));
    }
    return;
  }
  await sqliteTransaction(db, (sqlite) => insertPrepared(sqlite, table, columns, list));
}

const ROWS_PER_COPY = 10_000;

/**
 * SQLite: ROWS_PER_INSERT rows per run of one statement prepared once per connection, the rest one
 * by one. A statement of its own for every few thousand rows (as on PostgreSQL) spends a third of
 * a 150,000-person send preparing them.
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

async function insertValues(db: Db, table: string, columns: string[], rows: Record<string, unknown>[]): Promise<void> {
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  for (let i = 0; i < rows.length; i += perStatement) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of rows.slice(i, i + perStatement)) {
      const marks: string[] = [];
      for (const c of columns) {
        params.push(row[c]);
        marks.push(`$${params.length}`);
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    await db.executeQuery(CompiledQuery.raw(head + tuples.join(', '), params));
  }
}

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
