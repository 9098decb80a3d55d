import { sql, type Kysely } from 'kysely';

/**
 * A recipient's answers as a chain: each response names the one before it, and the recipient row
 * names its last. The recipient row is written with every answer anyway (its latest answer), so
 * the history costs no index of its own: an index by recipient took one more randomly placed page
 * per answer, a third of what writing an answer cost when 150,000 people answer at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('responses').addColumn('previous_id', 'text').execute();
  await db.schema.alterTable('message_recipients').addColumn('last_response_id', 'text').execute();
  // Answers kept before this migration are linked in the order they were received.
  await sql`update responses set previous_id = (
      select p.id from responses p where p.recipient_id = responses.recipient_id
        and (p.received_at < responses.received_at or (p.received_at = responses.received_at and p.id < responses.id))
      order by p.received_at desc, p.id desc limit 1)`.execute(db);
  await sql`update message_recipients set last_response_id = (
      select r.id from responses r where r.recipient_id = message_recipients.id order by r.received_at desc, r.id desc limit 1)
    where exists (select 1 from responses r where r.recipient_id = message_recipients.id)`.execute(db);
  await db.schema.dropIndex('responses_recipient').execute();
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
