import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { reference } from './017_notify_bulk_integrity.js';

/**
 * PostgreSQL: a response's reference to its recipient is checked once per statement, over all the
 * answers it wrote, as migration 017 does for a blast's rows. A foreign key checked each answer on
 * its own, with a query and a row lock: a quarter of PostgreSQL's work per answer when 150,000
 * people answer at once (see `npm run bench:notify`). Deleting a recipient still deletes its
 * responses, now in one statement rather than a search of them per recipient (they have no index by
 * recipient: migration 015). SQLite checks foreign keys cheaply in-process and keeps its own.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter table responses drop constraint responses_recipient_id_fkey`.execute(db);
  await reference(db, { child: 'responses', column: 'recipient_id', parent: 'message_recipients' });
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
