import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: the outbox's indexes, fewer and smaller. A delivery changes status twice on its way
 * out (queued → sending → sent), and as a status change is never a HOT update, every index on
 * deliveries gets a new entry each time.
 * - Claiming reads only queued rows, and re-queueing expired claims only sending ones: partial
 *   indexes hold just those, so a sent delivery leaves them instead of adding to them. The queries
 *   compare status with a literal, which the planner needs to use a partial index.
 * - A message's deliveries per channel and status are counted as they change, by statement
 *   triggers, in message_delivery_counts (as the board's counts are), instead of being counted from
 *   an index of their own every second a dashboard watches a blast.
 * SQLite updates only the index entries whose columns change, counts its index in-process at
 * little cost, and measured the same with either set of indexes: it keeps its own.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await db.schema.dropIndex('deliveries_claim').execute();
  await db.schema.createIndex('deliveries_due').on('deliveries').columns(['channel', 'next_attempt_at']).where(sql.ref('status'), '=', sql.lit('queued')).execute();
  await db.schema.createIndex('deliveries_leased').on('deliveries').column('lease_until').where(sql.ref('status'), '=', sql.lit('sending')).execute();

  // A few rows per message, changed by every claim and every batch of sends: room on their pages for HOT updates.
  await sql`create table message_delivery_counts (
    message_id text not null references messages (id) on delete cascade,
    channel text not null,
    status text not null,
    n integer not null,
    primary key (message_id, channel, status)
  ) with (fillfactor = 50)`.execute(db);
  await sql`insert into message_delivery_counts select message_id, channel, status, count(*) from deliveries group by 1, 2, 3`.execute(db);

  // Rows counted in key order, so that statements counting together lock the same rows in the same order.
  const add = (rows: string) => `insert into message_delivery_counts as c (message_id, channel, status, n)
    select message_id, channel, status, sum(n)::integer from (${rows}) as d group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3
    on conflict (message_id, channel, status) do update set n = c.n + excluded.n`;
  await trigger(db, 'insert', 'referencing new table as added', add('select message_id, channel, status, 1 as n from added'));
  await trigger(db, 'update', 'referencing old table as old_rows new table as new_rows',
    add('select message_id, channel, status, 1 as n from new_rows union all select message_id, channel, status, -1 from old_rows'));
  // Deleted with their message (whose counts go with it) or recipient: only counts still there change.
  await trigger(db, 'delete', 'referencing old table as gone', `update message_delivery_counts as c set n = c.n - g.n
    from (select message_id, channel, status, count(*)::integer as n from gone group by 1, 2, 3 order by 1, 2, 3) as g
    where c.message_id = g.message_id and c.channel = g.channel and c.status = g.status`);

  await db.schema.dropIndex('deliveries_message').execute();
}

async function trigger(db: Kysely<any>, event: 'insert' | 'update' | 'delete', transition: string, body: string): Promise<void> {
  const name = `deliveries_counted_${event}`;
  await sql.raw(`create function ${name}() returns trigger language plpgsql as $$
begin
  ${body};
  return null;
end $$`).execute(db);
  await sql.raw(`create trigger ${name} after ${event} on deliveries ${transition} for each statement execute function ${name}()`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
