import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { Database } from './types.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Inserts many rows with prepared multi-row statements, skipping the query builder: building a
 * syntax tree per value costs more than the database's own work at a hundred thousand rows.
 * Statements stay under both dialects' bound-parameter limits. On PostgreSQL the rows go as one
 * array per column (INSERT … SELECT FROM unnest(…)): a short statement to parse and plan,
 * whatever the number of rows.
 */
export async function insertMany<T extends keyof Database>(db: Db, table: T, rows: Database[T][]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0] as object);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const types = await columnTypes(db, table);
    if (columns.every((c) => ARRAY_SAFE.has(types.get(c) ?? ''))) return insertUnnest(db, table, columns, types, rows);
  }
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const marks: string[] = [];
      for (const c of columns) {
        params.push((row as unknown as Record<string, unknown>)[c]);
        marks.push(postgres ? `$${params.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    await db.executeQuery(CompiledQuery.raw(head + tuples.join(', '), params));
  }
}

// Column types whose values pass through a PostgreSQL array unchanged.
const ARRAY_SAFE = new Set(['text', 'integer', 'bigint', 'smallint', 'double precision', 'real', 'boolean']);
const ROWS_PER_UNNEST = 10_000;

async function insertUnnest(db: Db, table: string, columns: string[], types: Map<string, string>, rows: unknown[]) {
  const sql = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) select * from unnest(${columns.map((c, i) => `$${i + 1}::${types.get(c)}[]`).join(', ')})`;
  for (let i = 0; i < rows.length; i += ROWS_PER_UNNEST) {
    const chunk = rows.slice(i, i + ROWS_PER_UNNEST) as Record<string, unknown>[];
    await db.executeQuery(CompiledQuery.raw(sql, columns.map((c) => chunk.map((r) => r[c]))));
  }
}

// Per database (its Kysely instance) and table: column → type, read from the catalog once.
const typeCache = new WeakMap<object, Map<string, Promise<Map<string, string>>>>();
function columnTypes(db: Db, table: string): Promise<Map<string, string>> {
  const key = db.getExecutor().adapter;
  let tables = typeCache.get(key);
  if (!tables) { tables = new Map(); typeCache.set(key, tables); }
  let types = tables.get(table);
  if (!types) {
    types = db.executeQuery<{ name: string; type: string }>(CompiledQuery.raw(
      'select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped', [table],
    )).then((r) => new Map(r.rows.map((x) => [x.name, x.type])));
    tables.set(table, types);
  }
  return types;
}
