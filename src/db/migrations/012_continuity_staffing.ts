import type { Kysely } from 'kysely';

/**
 * BIA: the minimum staff a critical process needs at each time point of its campaign (issue 5 §1,
 * "minimum staff over time"), beside the minimum to keep it running at all. JSON array, one whole
 * number or null per time point.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bc_processes').addColumn('minimum_staff_over_time', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bc_processes').dropColumn('minimum_staff_over_time').execute();
}
