import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { Database } from './types.js';

/**
 * Inserts many rows with prepared multi-row statements, skipping the query builder: building a
 * syntax tree per value costs more than the database's own work at a hundred thousand rows.
 * Statements stay under both dialects' bound-parameter limits.
 */
export async function insertMany<T extends keyof Database>(db: Kysely<Database> | Transaction<Database>, table: T, rows: Database[T][]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0] as object);
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
