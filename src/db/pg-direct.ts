import type pg from 'pg';
import type { Kysely } from 'kysely';

/**
 * PostgreSQL's pool under Kysely, for hot statements run on their own (outside a transaction) that
 * are worth preparing once per connection: the server then parses and plans them once, not on
 * every run — for a statement of a few CTEs that is most of its cost on a small batch.
 */
const pools = new WeakMap<Kysely<any>, pg.Pool>();

/** Called by connect() for every PostgreSQL database it opens. */
export function registerPostgres(db: Kysely<any>, pool: pg.Pool): void {
  pools.set(db, pool);
}

/** Runs a named prepared statement (prepared on each connection's first use of that name). */
export async function preparedQuery<R extends pg.QueryResultRow>(db: Kysely<any>, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = pools.get(db);
  if (!pool) throw new Error('Not a PostgreSQL database opened by connect()');
  return (await pool.query<R>({ name, text, values })).rows;
}
