import crypto from 'node:crypto';
import type { Kysely } from 'kysely';

// Emergency notification (issue 6): message templates, messages with approvals, the recipient list
// frozen at sending, and the delivery outbox that workers claim.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('message_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    /** JSON: language → { subject, body }. */
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('response_options', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('variables', 'text', (c) => c.notNull())
    .addColumn('response_options', 'text')
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approvals_required', 'integer', (c) => c.notNull())
    .addColumn('drafted_by', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('bypass_reason', 'text')
    .addColumn('recipient_count', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('messages_status').on('messages').columns(['status', 'created_at']).execute();

  await db.schema.createTable('message_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('message_approvals_unique', ['message_id', 'user_id'])
    .execute();

  // The audience frozen when the message is sent: one row per person.
  await db.schema.createTable('message_recipients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('location_id', 'text')
    .addColumn('reached', 'integer', (c) => c.notNull())
    .addColumn('latest_answer', 'text')
    .addColumn('answered_at', 'text')
    .addUniqueConstraint('message_recipients_unique', ['message_id', 'person_id'])
    .execute();
  // Every answer, with its time and channel; the recipient row keeps the latest for the board.
  await db.schema.createTable('responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('message_recipients.id').onDelete('cascade'))
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('responses_recipient').on('responses').columns(['recipient_id', 'received_at']).execute();

  // Secrets shared by every app node (e.g. the key that signs response links).
  await db.schema.createTable('app_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('app_secrets').values({ name: 'response_links', value: crypto.randomBytes(32).toString('base64url') }).execute();

  // Covering: the board counts 150,000 recipients from the index alone.
  await db.schema.createIndex('message_recipients_board').on('message_recipients').columns(['message_id', 'location_id', 'entity_id', 'reached', 'latest_answer']).execute();

  // The outbox. A row is claimed (status sending, lease) by one worker at a time.
  await db.schema.createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('message_recipients.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('worker', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // One send per address per round: a resend to non-responders is the next round.
    .addUniqueConstraint('deliveries_unique', ['message_id', 'person_id', 'channel', 'address', 'round'])
    .execute();
  await db.schema.createIndex('deliveries_queue').on('deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('deliveries_message').on('deliveries').columns(['message_id', 'status']).execute();

}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
