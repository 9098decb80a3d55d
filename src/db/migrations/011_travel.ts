import type { Kysely } from 'kysely';

// Travel (issue 6, DOMAIN §4 TRIP): trips with itinerary legs, each leg's security clearance by
// the destination's security adviser; people's self-reported whereabouts; and which sent messages
// are published as public alerts (Atom feed, CAP).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('trips')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    /** The account that filed the request (the traveller or someone filing on their behalf). */
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    /** draft → submitted → cleared | rejected; cancelled at any time. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('end_on', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trips_person').on('trips').columns(['person_id', 'start_on']).execute();
  await db.schema.createIndex('trips_status').on('trips').columns(['status', 'end_on']).execute();

  // One row per leg: the traveller goes from → to on depart_on and stays at `to` until leave_on.
  await db.schema.createTable('trip_legs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('trip_id', 'text', (c) => c.notNull().references('trips.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('to_location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('depart_on', 'text', (c) => c.notNull())
    .addColumn('leave_on', 'text', (c) => c.notNull())
    /** null while the trip is a draft; not_required | pending | approved | rejected. */
    .addColumn('clearance', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_email', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('comment', 'text')
    /** The destination's security level the adviser saw when deciding. */
    .addColumn('level_at_decision', 'integer')
    .addUniqueConstraint('trip_legs_seq', ['trip_id', 'seq'])
    .execute();
  // Who is where on a day: legs overlapping the day, found from their end.
  await db.schema.createIndex('trip_legs_dates').on('trip_legs').columns(['leave_on', 'depart_on']).execute();
  await db.schema.createIndex('trip_legs_clearance').on('trip_legs').columns(['clearance', 'to_location_id']).execute();

  // Where people say they are: every report is kept; the latest recent one counts.
  await db.schema.createTable('person_locations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('latitude', 'real')
    .addColumn('longitude', 'real')
    .addColumn('note', 'text')
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text')
    .execute();
  await db.schema.createIndex('person_locations_person').on('person_locations').columns(['person_id', 'reported_at']).execute();
  await db.schema.createIndex('person_locations_time').on('person_locations').column('reported_at').execute();

  // A message published as a public alert appears in the unauthenticated Atom feed once sent.
  await db.schema.createTable('message_publications')
    .addColumn('message_id', 'text', (c) => c.primaryKey().references('messages.id').onDelete('cascade'))
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
