import type { Kysely } from 'kysely';

/**
 * A blast inserts its recipients in the order people were created; an index by duty station and
 * entity takes them in random order, which cost more to maintain than any other part of queueing
 * (about 0.7 s of a message to 150,000 people on PostgreSQL). The board reads its counts
 * (message_board_counts), not the recipients, so this index served only the drill-down from the
 * board to one station's or entity's people, which now reads the message's recipients through
 * message_recipients_unique (a few tens of milliseconds at the un scale; see `npm run bench:notify`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('message_recipients_place').execute();
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
