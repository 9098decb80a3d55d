import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { LOCATING_STATUSES } from '../../domain/travel/itinerary.js';
import { addDays, lookbackStart, whereabouts, type SelfReport, type Stay, type Whereabouts } from '../../domain/travel/whereabouts.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface Resolved { personId: string; homeLocationId: string | null; entityId: string | null; whereabouts: Whereabouts }

/** Today as YYYY-MM-DD (UTC): the day audiences and boards are evaluated for unless told otherwise. */
export const today = () => new Date().toISOString().slice(0, 10);

/**
 * Everyone whose whereabouts on `on` are not simply their home duty station — travellers on a
 * leg and people with a recent self-report — resolved by the one rule (domain/travel/whereabouts).
 * Only legs and reports within the rule's look-back window are read, so the cost follows the
 * number of people travelling, not the size of the organization.
 */
export async function displacedOn(db: Db, on: string): Promise<Resolved[]> {
  const start = lookbackStart(on);
  const [legs, reports] = await Promise.all([
    db.selectFrom('trip_legs').innerJoin('trips', 'trips.id', 'trip_legs.trip_id').innerJoin('people', 'people.id', 'trips.person_id')
      .select(['trip_legs.trip_id', 'trip_legs.to_location_id', 'trip_legs.depart_on', 'trip_legs.leave_on', 'trips.person_id', 'people.home_location_id', 'people.entity_id'])
      // The trips' own span bounds the search (index trips_status), however many trips lie in the past.
      .where('trips.status', 'in', [...LOCATING_STATUSES]).where('trips.end_on', '>=', start).where('trips.start_on', '<=', on)
      .where('trip_legs.leave_on', '>=', start).where('trip_legs.depart_on', '<=', on)
      .execute(),
    db.selectFrom('person_locations').innerJoin('people', 'people.id', 'person_locations.person_id')
      .select(['person_locations.person_id', 'person_locations.location_id', 'person_locations.latitude', 'person_locations.longitude', 'person_locations.note',
        'person_locations.reported_at', 'people.home_location_id', 'people.entity_id'])
      .where('person_locations.reported_at', '>=', `${start}T00:00:00.000Z`).where('person_locations.reported_at', '<', `${addDays(on, 1)}T00:00:00.000Z`)
      .orderBy('person_locations.reported_at').orderBy('person_locations.id')
      .execute(),
  ]);
  const people = new Map<string, { home: string | null; entity: string | null; stays: Stay[]; report: SelfReport | null }>();
  const entry = (id: string, home: string | null, entity: string | null) => {
    let e = people.get(id);
    if (!e) people.set(id, (e = { home, entity, stays: [], report: null }));
    return e;
  };
  for (const l of legs) entry(l.person_id, l.home_location_id, l.entity_id).stays.push({ tripId: l.trip_id, locationId: l.to_location_id, from: l.depart_on, until: l.leave_on });
  // Ordered by time: the last one wins.
  for (const r of reports) entry(r.person_id, r.home_location_id, r.entity_id).report = { locationId: r.location_id, latitude: r.latitude, longitude: r.longitude, reportedAt: r.reported_at, note: r.note };
  const out: Resolved[] = [];
  for (const [personId, e] of people) {
    const w = whereabouts({ homeLocationId: e.home, stays: e.stays, selfReport: e.report }, on);
    if (w.source !== 'home') out.push({ personId, homeLocationId: e.home, entityId: e.entity, whereabouts: w });
  }
  return out;
}

/** One person's whereabouts on a day, with their latest report whatever its age. */
export async function personWhereabouts(db: Db, person: { id: string; homeLocationId: string | null }, on: string) {
  const start = lookbackStart(on);
  const [legs, report] = await Promise.all([
    db.selectFrom('trip_legs').innerJoin('trips', 'trips.id', 'trip_legs.trip_id')
      .select(['trip_legs.trip_id', 'trip_legs.to_location_id', 'trip_legs.depart_on', 'trip_legs.leave_on'])
      .where('trips.person_id', '=', person.id).where('trips.status', 'in', [...LOCATING_STATUSES]).where('trips.end_on', '>=', start)
      .where('trip_legs.leave_on', '>=', start).where('trip_legs.depart_on', '<=', on).execute(),
    db.selectFrom('person_locations').selectAll().where('person_id', '=', person.id).where('reported_at', '<', `${addDays(on, 1)}T00:00:00.000Z`)
      .orderBy('reported_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst(),
  ]);
  const w = whereabouts({
    homeLocationId: person.homeLocationId,
    stays: legs.map((l) => ({ tripId: l.trip_id, locationId: l.to_location_id, from: l.depart_on, until: l.leave_on })),
    selfReport: report ? { locationId: report.location_id, latitude: report.latitude, longitude: report.longitude, reportedAt: report.reported_at, note: report.note } : null,
  }, on);
  return { whereabouts: w, lastReport: report ?? null };
}
