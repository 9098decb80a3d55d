import { PostgresAdapter, sql, type Kysely } from 'kysely';

const ANSWERS = ['answer_1', 'answer_2', 'answer_3', 'answer_4', 'answer_5', 'answer_6'] as const;
const COUNTS = ['recipients', 'reached', ...ANSWERS] as const;
const ROWS_PER_INSERT = 100;

/**
 * The accountability board's counts, one row per message and duty station or entity with a column
 * per count (recipients, reached, and each offered answer by its place among the message's
 * options), where migration 014 kept a row per count. A first answer moved four counts, in four
 * rows; it now changes two rows (its station's and its entity's), a third of PostgreSQL's work per
 * answer. The counts are taken again from the recipients.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropTable('message_board_counts').execute();
  let table = db.schema.createTable('message_board_counts')
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    /** 'location' (the duty station) or 'entity'. */
    .addColumn('dim', 'text', (c) => c.notNull())
    /** The location or entity id; '' for recipients without one. */
    .addColumn('key', 'text', (c) => c.notNull());
  for (const c of COUNTS) table = table.addColumn(c, 'integer', (col) => col.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint('message_board_counts_pk', ['message_id', 'dim', 'key'])
    // SQLite: the rows live in their key's b-tree. PostgreSQL: room on each page for HOT updates.
    .$call((t) => (postgres ? t.modifyEnd(sql`with (fillfactor = 50)`) : t.modifyEnd(sql`without rowid`)))
    .execute();

  const options = new Map((await db.selectFrom('messages').select(['id', 'response_options']).execute())
    .map((m: { id: string; response_options: string | null }) => [m.id, m.response_options ? (JSON.parse(m.response_options) as string[]) : []]));
  const groups = await db.selectFrom('message_recipients')
    .select(['message_id', 'location_id', 'entity_id', 'reached', 'latest_answer', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['message_id', 'location_id', 'entity_id', 'reached', 'latest_answer']).execute();
  const rows = new Map<string, Record<string, string | number>>();
  for (const g of groups as { message_id: string; location_id: string | null; entity_id: string | null; reached: number; latest_answer: string | null; n: number | string }[]) {
    const n = Number(g.n);
    const answer = g.latest_answer === null ? -1 : (options.get(g.message_id) ?? []).indexOf(g.latest_answer);
    for (const [dim, key] of [['location', g.location_id ?? ''], ['entity', g.entity_id ?? '']] as const) {
      const id = `${g.message_id}\u0000${dim}\u0000${key}`;
      let row = rows.get(id);
      if (!row) { row = { message_id: g.message_id, dim, key, ...Object.fromEntries(COUNTS.map((c) => [c, 0])) }; rows.set(id, row); }
      (row.recipients as number) += n;
      if (Number(g.reached)) (row.reached as number) += n;
      if (answer >= 0 && answer < ANSWERS.length) (row[ANSWERS[answer]!] as number) += n;
    }
  }
  const all = [...rows.values()];
  for (let i = 0; i < all.length; i += ROWS_PER_INSERT) await db.insertInto('message_board_counts').values(all.slice(i, i + ROWS_PER_INSERT)).execute();
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
