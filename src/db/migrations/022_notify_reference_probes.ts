import { PostgresAdapter, type Kysely } from 'kysely';
import { referenceCheck } from './017_notify_bulk_integrity.js';

/**
 * PostgreSQL: the per-statement reference checks of migrations 017 and 021 look up each new row's
 * parent by its key, whatever the planner's statistics say. As written before, statistics taken
 * while message_recipients was empty (analyzed between blasts, or after a purge) made each check
 * read the whole table: with 150,000 recipients, 500 answers took 85 ms instead of 11, and a blast
 * written 10,000 deliveries per statement took 2 s for the first statement, then 6, 11, 15, 25, 42 s.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await referenceCheck(db, { child: 'message_recipients', column: 'message_id', parent: 'messages' });
  await referenceCheck(db, { child: 'deliveries', column: 'recipient_id', parent: 'message_recipients' });
  await referenceCheck(db, { child: 'responses', column: 'recipient_id', parent: 'message_recipients' });
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
