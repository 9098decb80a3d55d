import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: room in each page of the tables every answer and delivery updates, so that an update
 * can stay on its page (a HOT update) and need not add an entry to each of the table's indexes.
 * Recipients are written full by a blast, then each is updated when reached and when it answers;
 * the board's counts are updated by every answer. SQLite updates rows in place and needs nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter table message_recipients set (fillfactor = 70)`.execute(db);
  await sql`alter table message_board_counts set (fillfactor = 50)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
