import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import { nearestStation, type Whereabouts } from '../../domain/travel/whereabouts.js';
import { badRequest, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { renderTable, type Cell } from '../../server/tabular.js';
import { canReadWhereabouts, canWriteWhereabouts, type Traveller } from './policy.js';
import { displacedOn, personWhereabouts, today } from './whereabouts.repo.js';
import type { reportInput, travellersQuery } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type Place = { id: string; name: string; countryCode: string; latitude: number | null; longitude: number | null };

async function placesOf(db: Db, ids: (string | null)[]): Promise<Map<string, Place>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const out = new Map<string, Place>();
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db.selectFrom('locations').select(['id', 'name', 'country_code', 'latitude', 'longitude']).where('id', 'in', wanted.slice(i, i + 500)).execute();
    for (const l of rows) out.set(l.id, { id: l.id, name: l.name, countryCode: l.country_code, latitude: l.latitude, longitude: l.longitude });
  }
  return out;
}

/** The API shape of a person's whereabouts: the same fields whatever the source. */
function presentWhereabouts(w: Whereabouts, places: Map<string, Place>) {
  const place = w.locationId ? places.get(w.locationId) : undefined;
  const reported = w.source === 'self' && w.latitude !== null && w.longitude !== null;
  return {
    source: w.source, locationId: w.locationId,
    location: place ? { id: place.id, name: place.name, countryCode: place.countryCode } : null,
    latitude: reported ? w.latitude : place?.latitude ?? null, longitude: reported ? w.longitude : place?.longitude ?? null,
    tripId: w.source === 'trip' ? w.tripId : null, from: w.source === 'trip' ? w.from : null, until: w.source === 'trip' ? w.until : null,
    reportedAt: w.source === 'self' ? w.reportedAt : null, note: w.source === 'self' ? w.note : null,
  };
}

async function person(db: Db, id: string) {
  const p = await db.selectFrom('people').select(['id', 'entity_id', 'home_location_id']).where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('Person');
  return { id: p.id, entityId: p.entity_id, homeLocationId: p.home_location_id } satisfies Traveller;
}

export async function getWhereabouts(ctx: Ctx, personId: string, on = today()) {
  const t = await person(ctx.db, personId);
  const { whereabouts: w, lastReport } = await personWhereabouts(ctx.db, t, on);
  if (!canReadWhereabouts(ctx.principal, t, w.locationId)) throw notFound('Person');
  const places = await placesOf(ctx.db, [w.locationId]);
  return {
    personId, on, homeLocationId: t.homeLocationId, whereabouts: presentWhereabouts(w, places),
    lastReport: lastReport ? { locationId: lastReport.location_id, latitude: lastReport.latitude, longitude: lastReport.longitude, note: lastReport.note, reportedAt: lastReport.reported_at, reportedBy: lastReport.reported_by } : null,
    canReport: canWriteWhereabouts(ctx.principal, t),
  };
}

/** Records where a person is now: a duty station, coordinates, or both. */
export async function reportWhereabouts(ctx: Ctx, personId: string, input: z.infer<typeof reportInput>) {
  const t = await person(ctx.db, personId);
  if (!canWriteWhereabouts(ctx.principal, t)) {
    if (!canReadWhereabouts(ctx.principal, t, null)) throw notFound('Person');
    throw forbidden('You may record only your own location, or that of people within your scope');
  }
  const fields: FieldErrors = {};
  const hasLat = input.latitude !== null && input.latitude !== undefined;
  const hasLon = input.longitude !== null && input.longitude !== undefined;
  if (hasLat !== hasLon) fields[hasLat ? 'longitude' : 'latitude'] = 'Give both latitude and longitude';
  if (!input.locationId && !hasLat && !hasLon) fields.locationId = 'Choose a duty station or give coordinates';
  if (input.locationId && !(await ctx.db.selectFrom('locations').select('id').where('id', '=', input.locationId).where('kind', '=', 'duty_station').executeTakeFirst())) {
    fields.locationId = 'No such duty station';
  }
  if (Object.keys(fields).length) throw badRequest('Where are you?', fields);
  // Coordinates alone: at the duty station they are next to, if any, so alerts for it reach the person.
  let locationId = input.locationId ?? null;
  if (!locationId && hasLat && hasLon) {
    const stations = await ctx.db.selectFrom('locations').select(['id', 'latitude', 'longitude']).where('kind', '=', 'duty_station').where('latitude', 'is not', null).execute();
    locationId = nearestStation(stations, input.latitude!, input.longitude!)?.id ?? null;
  }
  await ctx.db.transaction().execute(async (trx) => {
    const row = {
      id: newId(), person_id: personId, location_id: locationId, latitude: hasLat ? input.latitude! : null, longitude: hasLon ? input.longitude! : null,
      note: input.note || null, reported_at: nowIso(), reported_by: ctx.principal.email,
    };
    await trx.insertInto('person_locations').values(row).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'report_location', subjectType: 'person', subjectId: personId, entityId: t.entityId, locationId: row.location_id ?? t.homeLocationId, after: row });
  });
  return getWhereabouts(ctx, personId);
}

const LIST_LIMIT = 2000;

/**
 * People away from their home duty station on a day (on a trip leg or by their own report),
 * within the viewer's scope, with the number at each duty station for the map.
 */
export async function travellers(ctx: Ctx, q: z.infer<typeof travellersQuery>, limit = LIST_LIMIT) {
  const on = q.on ?? today();
  const displaced = (await displacedOn(ctx.db, on)).filter((r) => {
    const w = r.whereabouts;
    const moved = w.locationId !== r.homeLocationId || (w.source === 'self' && w.latitude !== null);
    return moved && canReadWhereabouts(ctx.principal, { id: r.personId, entityId: r.entityId, homeLocationId: r.homeLocationId }, w.locationId);
  });
  const places = await placesOf(ctx.db, displaced.map((r) => r.whereabouts.locationId));
  const wanted = displaced.filter((r) => {
    const place = r.whereabouts.locationId ? places.get(r.whereabouts.locationId) : undefined;
    if (q.locationId && r.whereabouts.locationId !== q.locationId) return false;
    if (q.countryCode && place?.countryCode !== q.countryCode) return false;
    return true;
  });
  const names = new Map<string, { given_name: string; family_name: string; status: string }>();
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await ctx.db.selectFrom('people').select(['id', 'given_name', 'family_name', 'status']).where('id', 'in', wanted.slice(i, i + 500).map((r) => r.personId)).execute();
    for (const p of rows) names.set(p.id, p);
  }
  const active = wanted.filter((r) => names.get(r.personId)?.status === 'active');
  const counts = new Map<string, number>();
  for (const r of active) if (r.whereabouts.locationId) counts.set(r.whereabouts.locationId, (counts.get(r.whereabouts.locationId) ?? 0) + 1);
  const rows = active.map((r) => {
    const n = names.get(r.personId)!;
    return { personId: r.personId, givenName: n.given_name, familyName: n.family_name, entityId: r.entityId, homeLocationId: r.homeLocationId, whereabouts: presentWhereabouts(r.whereabouts, places) };
  }).sort((a, b) => (a.whereabouts.location?.name ?? '').localeCompare(b.whereabouts.location?.name ?? '') || a.familyName.localeCompare(b.familyName) || a.givenName.localeCompare(b.givenName));
  const byStation = [...counts].map(([id, count]) => {
    const p = places.get(id);
    return { locationId: id, name: p?.name ?? id, countryCode: p?.countryCode ?? '', latitude: p?.latitude ?? null, longitude: p?.longitude ?? null, count };
  }).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  return { on, travellers: rows.slice(0, limit), total: rows.length, byStation };
}

export async function exportTravellers(ctx: Ctx, q: z.infer<typeof travellersQuery>, format: 'csv' | 'xlsx') {
  const { on, travellers: list } = await travellers(ctx, q, Infinity);
  const homes = await placesOf(ctx.db, list.map((t) => t.homeLocationId));
  const rows: Cell[][] = list.map((t) => [
    on, t.personId, t.givenName, t.familyName, t.homeLocationId ? homes.get(t.homeLocationId)?.name ?? t.homeLocationId : null,
    t.whereabouts.location?.name ?? null, t.whereabouts.location?.countryCode ?? null, t.whereabouts.latitude, t.whereabouts.longitude,
    t.whereabouts.source, t.whereabouts.tripId, t.whereabouts.from, t.whereabouts.until, t.whereabouts.reportedAt,
  ]);
  return renderTable(format, ['day', 'person_id', 'given_name', 'family_name', 'home_duty_station', 'current_duty_station', 'country', 'latitude', 'longitude', 'source', 'trip_id', 'from', 'until', 'reported_at'], rows, 'Travellers');
}
