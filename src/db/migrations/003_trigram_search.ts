import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Text search is `search_text LIKE '%q%'` on both databases. On PostgreSQL a trigram index makes
 * that an index scan; SQLite scans, which its speed allows at the sizes it is meant for.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const available = await sql<{ n: number }>`select count(*) as n from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  if (!Number(available.rows[0]?.n)) return;
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index people_search_trgm on people using gin (search_text gin_trgm_ops)`.execute(db);
  await sql`create index locations_search_trgm on locations using gin (search_text gin_trgm_ops)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
