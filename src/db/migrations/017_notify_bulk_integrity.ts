import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: a blast writes a recipient and a delivery per person, and a foreign key checks each
 * row on its own — a query and a row lock per row, a fifth of the time it takes to queue a message
 * to 150,000 people. Here the two references of the blast's rows (recipient → message, delivery →
 * recipient) are checked once per statement instead, over all the rows it wrote, and deleting a
 * message or a recipient still removes what hangs from it. The rows referred to are never deleted
 * while a blast is queued (messages and recipients are kept for the record), so the row lock a
 * foreign key takes to guard against that is not needed; the references themselves never change.
 * SQLite checks foreign keys cheaply in-process and keeps them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`alter table deliveries drop constraint deliveries_recipient_id_fkey`.execute(db);
  await sql`alter table message_recipients drop constraint message_recipients_message_id_fkey`.execute(db);
  await reference(db, { child: 'message_recipients', column: 'message_id', parent: 'messages' });
  await reference(db, { child: 'deliveries', column: 'recipient_id', parent: 'message_recipients' });
}

/** child.column refers to parent.id: checked per statement on insert, never updated, deleted with its parent. */
export async function reference(db: Kysely<any>, r: { child: string; column: string; parent: string }): Promise<void> {
  const name = `${r.child}_${r.column}`;
  await referenceCheck(db, r);
  await sql.raw(`create trigger ${name}_exists after insert on ${r.child} referencing new table as added for each statement execute function ${name}_exists()`).execute(db);

  // The reference is fixed once written (ORMS never changes it). Refused per statement: a row-level
  // update trigger, even one that never fires, would make PostgreSQL lock every row an update touches
  // before updating it — every delivery claimed, sent and reached, every answer.
  await sql.raw(`create function ${name}_fixed() returns trigger language plpgsql as $$
begin
  raise foreign_key_violation using message = '${r.child}.${r.column} cannot be changed';
end $$`).execute(db);
  await sql.raw(`create trigger ${name}_fixed before update of ${r.column} on ${r.child} for each statement execute function ${name}_fixed()`).execute(db);

  await sql.raw(`create function ${name}_cascade() returns trigger language plpgsql as $$
begin
  delete from ${r.child} c using gone g where c.${r.column} = g.id;
  return null;
end $$`).execute(db);
  await sql.raw(`create trigger ${name}_cascade after delete on ${r.parent} referencing old table as gone for each statement execute function ${name}_cascade()`).execute(db);
}

/**
 * The check of a statement's new rows: each row's parent is looked up by its key. Written as a
 * subquery per row so that the plan cannot depend on statistics: as a join (`not exists`),
 * PostgreSQL read the whole parent table for every statement when its statistics, taken while the
 * table was empty, said it held nothing (migration 022).
 */
export async function referenceCheck(db: Kysely<any>, r: { child: string; column: string; parent: string }): Promise<void> {
  await sql.raw(`create or replace function ${r.child}_${r.column}_exists() returns trigger language plpgsql as $$
begin
  if exists (select 1 from added a where (select true from ${r.parent} p where p.id = a.${r.column}) is null) then
    raise foreign_key_violation using message = 'insert on table "${r.child}" violates its reference to "${r.parent}": ${r.column} not found';
  end if;
  return null;
end $$`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
