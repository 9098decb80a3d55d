import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Notification performance (issue 6): the accountability board's counts, kept in the same
 * transactions as the recipients they count, so the board of 150,000 recipients reads a few
 * thousand rows instead of aggregating all of them; and outbox indexes that let a worker claim
 * one channel's queue without sorting it, and count a message's deliveries from the index alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('message_board_counts')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    /** 'location' (the duty station) or 'entity'. */
    .addColumn('dim', 'text', (c) => c.notNull())
    /** The location or entity id; '' for recipients without one. */
    .addColumn('key', 'text', (c) => c.notNull())
    /** 'recipients', 'reached', or 'answer:<answer>' for those whose latest answer it is. */
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_board_counts_pk', ['message_id', 'dim', 'key', 'bucket'])
    // On SQLite the rows live in their key's b-tree: one page written per count changed, not two.
    .$call((t) => (db.getExecutor().adapter instanceof PostgresAdapter ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
  // Messages sent before this migration get their counts from their recipients.
  for (const [dim, column] of [['location', 'location_id'], ['entity', 'entity_id']] as const) {
    const key = sql.raw(`coalesce(${column}, '')`);
    await sql`insert into message_board_counts (message_id, dim, key, bucket, n)
      select message_id, ${sql.lit(dim)}, ${key}, 'recipients', count(*) from message_recipients group by message_id, ${key}
      union all
      select message_id, ${sql.lit(dim)}, ${key}, 'reached', count(*) from message_recipients where reached = 1 group by message_id, ${key}
      union all
      select message_id, ${sql.lit(dim)}, ${key}, 'answer:' || latest_answer, count(*) from message_recipients where latest_answer is not null group by message_id, ${key}, latest_answer`.execute(db);
  }

  // The board no longer aggregates recipients, so answers need not rewrite an index entry each: the
  // drill-down by station or entity keeps an index that answers do not change.
  await db.schema.dropIndex('message_recipients_board').execute();
  await db.schema.createIndex('message_recipients_place').on('message_recipients').columns(['message_id', 'location_id', 'entity_id']).execute();

  // Claiming reads one channel's due rows in order straight from the index (was: status, next_attempt_at).
  await db.schema.dropIndex('deliveries_queue').execute();
  await db.schema.createIndex('deliveries_claim').on('deliveries').columns(['status', 'channel', 'next_attempt_at']).execute();
  // Delivery counts per status and channel come from the index alone (was: message_id, status).
  await db.schema.dropIndex('deliveries_message').execute();
  await db.schema.createIndex('deliveries_message').on('deliveries').columns(['message_id', 'status', 'channel']).execute();
  // Only sent deliveries have a provider's id: queueing 150,000 need not index 150,000 nulls.
  await db.schema.dropIndex('deliveries_provider').execute();
  await db.schema.createIndex('deliveries_provider').on('deliveries').column('provider_id').where(sql.ref('provider_id'), 'is not', null).execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // A delivery's and a response's message is their recipient's, whose own key already holds them to
    // it (and deletes them with it): checking the message again for every row costs PostgreSQL a
    // trigger per row, a sixth of queueing a blast. SQLite checks keys in-process at little cost.
    await sql`alter table deliveries drop constraint if exists deliveries_message_id_fkey`.execute(db);
    await sql`alter table responses drop constraint if exists responses_message_id_fkey`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
