import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import { clearanceOnSubmit, itineraryProblems, statusFromClearances, tripSpan, type Clearance, type LegInput, type TripStatus } from '../../domain/travel/itinerary.js';
import { badRequest, conflict, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { levelsAtStations } from '../security/areas.service.js';
import { canManageTrip, canReadTrip, clearanceRefusal, travelScope, type Traveller } from './policy.js';
import type { decisionInput, tripInput, tripListQuery, tripPatch } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type TripRow = Database['trips'];
type LegRow = Database['trip_legs'];
type PersonRow = Pick<Database['people'], 'id' | 'given_name' | 'family_name' | 'entity_id' | 'home_location_id'>;

const EDITABLE: readonly TripStatus[] = ['draft', 'rejected'];
const traveller = (p: PersonRow): Traveller => ({ id: p.id, entityId: p.entity_id, homeLocationId: p.home_location_id });

/** Trips with their legs, places and the destinations' security levels, in a few queries for any number of trips. */
async function presentMany(ctx: Ctx, db: Db, trips: TripRow[]) {
  if (!trips.length) return [];
  const [legs, people] = await Promise.all([
    db.selectFrom('trip_legs').selectAll().where('trip_id', 'in', trips.map((t) => t.id)).orderBy('trip_id').orderBy('seq').execute(),
    db.selectFrom('people').select(['id', 'given_name', 'family_name', 'entity_id', 'home_location_id']).where('id', 'in', [...new Set(trips.map((t) => t.person_id))]).execute(),
  ]);
  const placeIds = [...new Set(legs.flatMap((l) => [l.from_location_id, l.to_location_id]))];
  const places = new Map((placeIds.length ? await db.selectFrom('locations').select(['id', 'name', 'country_code']).where('id', 'in', placeIds).execute() : [])
    .map((l) => [l.id, { id: l.id, name: l.name, countryCode: l.country_code }]));
  const levels = await levelsAtStations(db, legs.map((l) => ({ locationId: l.to_location_id, day: l.depart_on })));
  const levelOf = new Map(legs.map((l, i) => [l.id, levels[i] ?? null]));
  const personOf = new Map(people.map((p) => [p.id, p]));
  const unknownPlace = (id: string) => ({ id, name: id, countryCode: '' });
  return trips.map((t) => {
    const person = personOf.get(t.person_id)!;
    const manage = canManageTrip(ctx.principal, traveller(person));
    const mine = legs.filter((l) => l.trip_id === t.id);
    return {
      id: t.id, personId: t.person_id, traveller: { id: person.id, givenName: person.given_name, familyName: person.family_name, entityId: person.entity_id, homeLocationId: person.home_location_id },
      filedBy: t.filed_by, purpose: t.purpose, status: t.status as TripStatus, startOn: t.start_on, endOn: t.end_on, submittedAt: t.submitted_at, createdAt: t.created_at, updatedAt: t.updated_at,
      legs: mine.map((l) => {
        const level = levelOf.get(l.id);
        return {
          id: l.id, seq: l.seq, fromId: l.from_location_id, toId: l.to_location_id,
          from: places.get(l.from_location_id) ?? unknownPlace(l.from_location_id), to: places.get(l.to_location_id) ?? unknownPlace(l.to_location_id),
          departOn: l.depart_on, leaveOn: l.leave_on, clearance: l.clearance as Clearance | null, decidedBy: l.decided_by_email, decidedAt: l.decided_at, comment: l.comment,
          levelAtDecision: l.level_at_decision,
          securityLevel: level ? { level: level.level, name: level.name, areaId: level.areaId, areaName: level.areaName, effectiveFrom: level.effectiveFrom } : null,
          canDecide: t.status === 'submitted' && l.clearance === 'pending' && clearanceRefusal(ctx.principal, { personId: t.person_id, filedBy: t.filed_by }, l.to_location_id) === null,
        };
      }),
      can: { edit: manage && EDITABLE.includes(t.status as TripStatus), submit: manage && EDITABLE.includes(t.status as TripStatus), cancel: manage && t.status !== 'cancelled' },
    };
  });
}
export type TripOut = Awaited<ReturnType<typeof presentMany>>[number];
const present = async (ctx: Ctx, db: Db, t: TripRow) => (await presentMany(ctx, db, [t]))[0]!;

async function personRow(db: Db, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').select(['id', 'given_name', 'family_name', 'entity_id', 'home_location_id']).where('id', '=', id).executeTakeFirst();
}

/** The trip and its traveller, if this user may see it (otherwise it reads as absent). */
async function visibleTrip(ctx: Ctx, db: Db, id: string) {
  const trip = await db.selectFrom('trips').selectAll().where('id', '=', id).executeTakeFirst();
  if (!trip) throw notFound('Trip');
  const person = (await personRow(db, trip.person_id))!;
  const destinations = (await db.selectFrom('trip_legs').select('to_location_id').where('trip_id', '=', id).execute()).map((l) => l.to_location_id);
  if (!canReadTrip(ctx.principal, traveller(person), destinations) && trip.filed_by !== ctx.principal.userId) throw notFound('Trip');
  return { trip, person };
}

async function managedTrip(ctx: Ctx, db: Db, id: string) {
  const v = await visibleTrip(ctx, db, id);
  if (!canManageTrip(ctx.principal, traveller(v.person))) throw forbidden('Only the traveller or an administrator of their entity may change this request');
  return v;
}

/** Every leg's places must be known duty stations. */
async function placeProblems(db: Db, legs: readonly LegInput[]): Promise<FieldErrors> {
  const ids = [...new Set(legs.flatMap((l) => [l.fromId, l.toId]))];
  const known = new Set((ids.length ? await db.selectFrom('locations').select('id').where('id', 'in', ids).where('kind', '=', 'duty_station').execute() : []).map((l) => l.id));
  const out: FieldErrors = {};
  legs.forEach((l, i) => {
    if (!known.has(l.fromId)) out[`legs.${i}.fromId`] = 'No such duty station';
    if (!known.has(l.toId)) out[`legs.${i}.toId`] = 'No such duty station';
  });
  return out;
}

async function checkItinerary(db: Db, legs: readonly LegInput[]) {
  const fields = { ...itineraryProblems(legs), ...(await placeProblems(db, legs)) };
  if (Object.keys(fields).length) throw badRequest('The itinerary is not valid', fields);
}

const legRows = (tripId: string, legs: readonly LegInput[]): LegRow[] => legs.map((l, seq) => ({
  id: newId(), trip_id: tripId, seq, from_location_id: l.fromId, to_location_id: l.toId, depart_on: l.departOn, leave_on: l.leaveOn,
  clearance: null, decided_by: null, decided_by_email: null, decided_at: null, comment: null, level_at_decision: null,
}));

export async function createTrip(ctx: Ctx, input: z.infer<typeof tripInput>): Promise<TripOut> {
  const personId = input.personId ?? ctx.principal.personId;
  if (!personId) throw badRequest('Say who travels', { personId: 'Your account is not linked to a person: choose the traveller' });
  return ctx.db.transaction().execute(async (trx) => {
    const person = await personRow(trx, personId);
    if (!person) throw badRequest('Unknown traveller', { personId: 'No such person' });
    if (!canManageTrip(ctx.principal, traveller(person))) throw forbidden('You may file travel requests only for yourself or for people within your scope');
    await checkItinerary(trx, input.legs);
    const now = nowIso();
    const row: TripRow = { id: newId(), person_id: personId, filed_by: ctx.principal.userId, purpose: input.purpose, status: 'draft', ...spanCols(input.legs), submitted_at: null, created_at: now, updated_at: now };
    await trx.insertInto('trips').values(row).execute();
    await trx.insertInto('trip_legs').values(legRows(row.id, input.legs)).execute();
    const out = await present(ctx, trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'trip', subjectId: row.id, entityId: person.entity_id, locationId: person.home_location_id, after: out });
    return out;
  });
}

const spanCols = (legs: readonly LegInput[]) => { const s = tripSpan(legs); return { start_on: s.startOn, end_on: s.endOn }; };

export async function updateTrip(ctx: Ctx, id: string, patch: z.infer<typeof tripPatch>): Promise<TripOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const { trip, person } = await managedTrip(ctx, trx, id);
    if (!EDITABLE.includes(trip.status as TripStatus)) throw conflict(`A ${trip.status} request cannot be changed${trip.status === 'cancelled' ? '' : '; cancel it and file a new one'}`);
    const before = await present(ctx, trx, trip);
    const legs = patch.legs ?? before.legs.map((l) => ({ fromId: l.fromId, toId: l.toId, departOn: l.departOn, leaveOn: l.leaveOn }));
    await checkItinerary(trx, legs);
    const next: TripRow = { ...trip, purpose: patch.purpose ?? trip.purpose, status: 'draft', ...spanCols(legs), updated_at: nowIso() };
    await trx.updateTable('trips').set(next).where('id', '=', id).execute();
    if (patch.legs) {
      await trx.deleteFrom('trip_legs').where('trip_id', '=', id).execute();
      await trx.insertInto('trip_legs').values(legRows(id, patch.legs)).execute();
    } else {
      await trx.updateTable('trip_legs').set({ clearance: null, decided_by: null, decided_by_email: null, decided_at: null, comment: null, level_at_decision: null }).where('trip_id', '=', id).execute();
    }
    const after = await present(ctx, trx, next);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'trip', subjectId: id, entityId: person.entity_id, locationId: person.home_location_id, before, after });
    return after;
  });
}

/** Asks each destination's security adviser for clearance; legs home need none. */
export async function submitTrip(ctx: Ctx, id: string): Promise<TripOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const { trip, person } = await managedTrip(ctx, trx, id);
    if (!EDITABLE.includes(trip.status as TripStatus)) throw conflict(`A ${trip.status} request cannot be submitted`);
    const before = await present(ctx, trx, trip);
    const clearances = before.legs.map((l) => clearanceOnSubmit(l.toId, person.home_location_id));
    for (const [i, l] of before.legs.entries()) {
      await trx.updateTable('trip_legs').set({ clearance: clearances[i]!, decided_by: null, decided_by_email: null, decided_at: null, comment: null, level_at_decision: null }).where('id', '=', l.id).execute();
    }
    const now = nowIso();
    const next: TripRow = { ...trip, status: statusFromClearances(clearances), submitted_at: now, updated_at: now };
    await trx.updateTable('trips').set(next).where('id', '=', id).execute();
    const after = await present(ctx, trx, next);
    await recordAudit(trx, ctxActor(ctx), { action: 'submit', subjectType: 'trip', subjectId: id, entityId: person.entity_id, locationId: person.home_location_id, before, after });
    return after;
  });
}

export async function cancelTrip(ctx: Ctx, id: string): Promise<TripOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const { trip, person } = await managedTrip(ctx, trx, id);
    if (trip.status === 'cancelled') throw conflict('The request is already cancelled');
    const before = await present(ctx, trx, trip);
    const next: TripRow = { ...trip, status: 'cancelled', updated_at: nowIso() };
    await trx.updateTable('trips').set(next).where('id', '=', id).execute();
    const after = await present(ctx, trx, next);
    await recordAudit(trx, ctxActor(ctx), { action: 'cancel', subjectType: 'trip', subjectId: id, entityId: person.entity_id, locationId: person.home_location_id, before, after });
    return after;
  });
}

const REFUSALS = {
  role: (place: string) => `Only a security adviser whose scope covers ${place} may clear this leg`,
  own: () => 'You cannot clear your own travel request',
  filed: () => 'You filed this request: another security adviser must clear it',
};

/** The destination's security adviser approves or refuses one leg; the request follows its legs. */
export async function decideLeg(ctx: Ctx, tripId: string, legId: string, d: z.infer<typeof decisionInput>): Promise<TripOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const leg = await trx.selectFrom('trip_legs').selectAll().where('id', '=', legId).where('trip_id', '=', tripId).executeTakeFirst();
    // A security adviser of the destination may read the trip; anyone else outside its scope sees nothing.
    const { trip, person } = await visibleTrip(ctx, trx, tripId);
    if (!leg) throw notFound('Leg');
    const refusal = clearanceRefusal(ctx.principal, { personId: trip.person_id, filedBy: trip.filed_by }, leg.to_location_id);
    if (refusal) {
      const place = (await trx.selectFrom('locations').select('name').where('id', '=', leg.to_location_id).executeTakeFirst())?.name ?? 'the destination';
      throw forbidden(REFUSALS[refusal](place));
    }
    if (trip.status !== 'submitted' || leg.clearance !== 'pending') {
      throw conflict(leg.clearance === 'approved' || leg.clearance === 'rejected' ? `This leg has already been ${leg.clearance}` : `The request is ${trip.status}; only a submitted request is cleared`);
    }
    if (d.decision === 'reject' && !d.comment) throw badRequest('Say why the clearance is refused', { comment: 'Required when refusing clearance' });
    const before = await present(ctx, trx, trip);
    const level = before.legs.find((l) => l.id === legId)!.securityLevel;
    const clearance: Clearance = d.decision === 'approve' ? 'approved' : 'rejected';
    const now = nowIso();
    await trx.updateTable('trip_legs').set({ clearance, decided_by: ctx.principal.userId, decided_by_email: ctx.principal.email, decided_at: now, comment: d.comment, level_at_decision: level?.level ?? null })
      .where('id', '=', legId).execute();
    const all = before.legs.map((l) => (l.id === legId ? clearance : l.clearance));
    const next: TripRow = { ...trip, status: statusFromClearances(all), updated_at: now };
    await trx.updateTable('trips').set(next).where('id', '=', tripId).execute();
    const after = await present(ctx, trx, next);
    await recordAudit(trx, ctxActor(ctx), {
      action: d.decision === 'approve' ? 'clear' : 'refuse_clearance', subjectType: 'trip', subjectId: tripId, entityId: person.entity_id, locationId: leg.to_location_id,
      before, after: { ...after, decidedLeg: legId, levelAtDecision: level?.level ?? null, comment: d.comment },
    });
    return after;
  });
}

export async function getTrip(ctx: Ctx, id: string): Promise<TripOut> {
  const { trip } = await visibleTrip(ctx, ctx.db, id);
  return present(ctx, ctx.db, trip);
}

/** Trips the user may see: their own, those they filed, and those within scope of the traveller or of a destination. */
export async function listTrips(ctx: Ctx, q: z.infer<typeof tripListQuery>) {
  const scope = travelScope(ctx.principal, 'trip.read');
  const self = ctx.principal.personId;
  let qb = ctx.db.selectFrom('trips').innerJoin('people', 'people.id', 'trips.person_id').selectAll('trips');
  if (q.mine) {
    if (!self) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    qb = qb.where('trips.person_id', '=', self);
  } else if (!scope.all) {
    qb = qb.where((eb) => eb.or([
      ...(self ? [eb('trips.person_id', '=', self)] : []),
      eb('trips.filed_by', '=', ctx.principal.userId),
      ...(scope.entityIds.length ? [eb('people.entity_id', 'in', scope.entityIds)] : []),
      ...(scope.locationIds.length ? [
        eb('people.home_location_id', 'in', scope.locationIds),
        eb.exists(eb.selectFrom('trip_legs').select('trip_legs.id').whereRef('trip_legs.trip_id', '=', 'trips.id').where('trip_legs.to_location_id', 'in', scope.locationIds)),
      ] : []),
    ]));
  }
  if (q.status) qb = qb.where('trips.status', '=', q.status);
  if (q.personId) qb = qb.where('trips.person_id', '=', q.personId);
  if (q.locationId) qb = qb.where((eb) => eb.exists(eb.selectFrom('trip_legs').select('trip_legs.id').whereRef('trip_legs.trip_id', '=', 'trips.id').where('trip_legs.to_location_id', '=', q.locationId!)));
  const total = Number((await qb.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await qb.orderBy('trips.start_on', 'desc').orderBy('trips.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { items: await presentMany(ctx, ctx.db, rows), total, page: q.page, pageSize: q.pageSize };
}

/**
 * The clearance inbox of a security adviser: legs waiting for a decision whose destination lies in
 * their scope (earliest departure first), or the legs they decided (latest first). Their own
 * requests and those they filed are not theirs to decide and are left out.
 */
export async function clearanceInbox(ctx: Ctx, status: 'pending' | 'decided') {
  const scope = travelScope(ctx.principal, 'clearance.decide');
  if (!scope.all && !scope.locationIds.length) return [];
  let qb = ctx.db.selectFrom('trip_legs').innerJoin('trips', 'trips.id', 'trip_legs.trip_id').select(['trip_legs.id as leg_id', 'trip_legs.trip_id']);
  if (status === 'pending') {
    qb = qb.where('trip_legs.clearance', '=', 'pending').where('trips.status', '=', 'submitted').where('trips.filed_by', '!=', ctx.principal.userId);
    if (ctx.principal.personId) qb = qb.where('trips.person_id', '!=', ctx.principal.personId);
    if (!scope.all) qb = qb.where('trip_legs.to_location_id', 'in', scope.locationIds);
    qb = qb.orderBy('trip_legs.depart_on').orderBy('trip_legs.id');
  } else {
    qb = qb.where('trip_legs.decided_by', '=', ctx.principal.userId).orderBy('trip_legs.decided_at', 'desc');
  }
  const rows = await qb.limit(500).execute();
  if (!rows.length) return [];
  const trips = await ctx.db.selectFrom('trips').selectAll().where('id', 'in', [...new Set(rows.map((r) => r.trip_id))]).execute();
  const presented = new Map((await presentMany(ctx, ctx.db, trips)).map((t) => [t.id, t]));
  return rows.map((r) => { const trip = presented.get(r.trip_id)!; return { trip, leg: trip.legs.find((l) => l.id === r.leg_id)! }; });
}

