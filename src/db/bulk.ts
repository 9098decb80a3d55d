import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { Database } from './types.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Inserts many rows, skipping the query builder: building a syntax tree per value costs more than
 * the database's own work at a hundred thousand rows. On PostgreSQL the rows are bulk-loaded with
 * COPY (see pg-copy.ts); on SQLite, and for values COPY's text cannot carry here, they go as
 * multi-row statements under both dialects' bound-parameter limits.
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
      if (data === undefined) await insertValues(db, table, columns, chunk, true);
      else await db.executeQuery(CompiledQuery.raw(copy, [data]));
    }
    return;
  }
  await insertValues(db, table, columns, list, false);
}

const ROWS_PER_COPY = 10_000;

async function insertValues(db: Db, table: string, columns: string[], rows: Record<string, unknown>[], postgres: boolean): Promise<void> {
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  for (let i = 0; i < rows.length; i += perStatement) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of rows.slice(i, i + perStatement)) {
      const marks: string[] = [];
      for (const c of columns) {
        params.push(row[c]);
        marks.push(postgres ? `$${params.length}` : '?');
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
