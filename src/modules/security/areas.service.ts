import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { dateIn } from '../../domain/org.js';
import { newId, nowIso } from '../../domain/ids.js';
import { proposedAggregate, SECURITY_LEVELS, type SecurityLevel, type ThreatCategory } from '../../domain/risk/security-level.js';
import { badRequest, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canOnArea } from './policy.js';
import type { areaInput, areaListQuery, areaPatch, levelInput, threatAssessmentInput } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
const today = () => new Date().toISOString().slice(0, 10);

const presentLevel = (r: Database['security_levels']) => ({
  id: r.id, level: r.level, name: SECURITY_LEVELS[r.level - 1]!.name, categories: JSON.parse(r.categories) as Record<string, number>,
  justification: r.justification, effectiveFrom: r.effective_from, approvedBy: r.approved_by, createdAt: r.created_at,
});

export async function stationsOf(db: Db, areaId: string): Promise<string[]> {
  return (await db.selectFrom('security_area_locations').select('location_id').where('area_id', '=', areaId).execute()).map((r) => r.location_id);
}

/** The level in force on a day: the latest decision effective by then. */
async function levelOn(db: Db, areaId: string, day: string) {
  const row = await db.selectFrom('security_levels').selectAll().where('area_id', '=', areaId).where('effective_from', '<=', day)
    .orderBy('effective_from', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? presentLevel(row) : null;
}

export type StationLevel = NonNullable<Awaited<ReturnType<typeof levelOn>>> & { areaId: string; areaName: string };

/**
 * The security level in force on a day at each duty station (travel clearance shows the
 * destination's): the level of the station's security area, the highest if it lies in several.
 */
export async function levelsAtStations(db: Db, stations: readonly { locationId: string; day: string }[]): Promise<(StationLevel | null)[]> {
  const ids = [...new Set(stations.map((s) => s.locationId))];
  if (!ids.length) return [];
  const links = await db.selectFrom('security_area_locations').innerJoin('security_areas', 'security_areas.id', 'security_area_locations.area_id')
    .select(['security_area_locations.location_id', 'security_areas.id', 'security_areas.name']).where('security_area_locations.location_id', 'in', ids).execute();
  const cache = new Map<string, Promise<Awaited<ReturnType<typeof levelOn>>>>();
  return Promise.all(stations.map(async ({ locationId, day }) => {
    let best: StationLevel | null = null;
    for (const l of links.filter((x) => x.location_id === locationId)) {
      const key = `${l.id}|${day}`;
      if (!cache.has(key)) cache.set(key, levelOn(db, l.id, day));
      const level = await cache.get(key)!;
      if (level && (!best || level.level > best.level)) best = { ...level, areaId: l.id, areaName: l.name };
    }
    return best;
  }));
}

/** Today where the area is: a level takes effect on its date at the area's duty stations (their first one's time zone; UTC without one). */
async function todayAt(db: Db, areaId: string): Promise<string> {
  const station = await db.selectFrom('security_area_locations').innerJoin('locations', 'locations.id', 'security_area_locations.location_id')
    .select('locations.time_zone').where('security_area_locations.area_id', '=', areaId).orderBy('locations.name').limit(1).executeTakeFirst();
  return station ? dateIn(station.time_zone) : today();
}

async function presentArea(db: Db, r: Database['security_areas']) {
  return { id: r.id, countryCode: r.country_code, name: r.name, locationIds: await stationsOf(db, r.id), currentLevel: await levelOn(db, r.id, await todayAt(db, r.id)), createdAt: r.created_at, updatedAt: r.updated_at };
}
export type AreaOut = Awaited<ReturnType<typeof presentArea>>;

async function areaRow(db: Db, id: string) {
  const row = await db.selectFrom('security_areas').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Security area');
  return row;
}

export async function listAreas(ctx: Ctx, q: z.infer<typeof areaListQuery>): Promise<AreaOut[]> {
  let qb = ctx.db.selectFrom('security_areas').selectAll();
  if (q.countryCode) qb = qb.where('country_code', '=', q.countryCode);
  if (q.locationId) qb = qb.where('id', 'in', ctx.db.selectFrom('security_area_locations').select('area_id').where('location_id', '=', q.locationId));
  const rows = await qb.orderBy('country_code').orderBy('name').execute();
  return Promise.all(rows.map((r) => presentArea(ctx.db, r)));
}

export const getArea = async (ctx: Ctx, id: string) => presentArea(ctx.db, await areaRow(ctx.db, id));

async function checkStations(db: Db, countryCode: string, ids: string[]) {
  if (!ids.length) return;
  const rows = await db.selectFrom('locations').select(['id', 'kind', 'country_code']).where('id', 'in', ids).execute();
  ids.forEach((id, i) => {
    const l = rows.find((r) => r.id === id);
    if (!l || l.kind !== 'duty_station') throw badRequest('Invalid security area', { [`locationIds.${i}`]: 'No such duty station' });
    if (l.country_code !== countryCode) throw badRequest('Invalid security area', { [`locationIds.${i}`]: 'The duty station is in another country' });
  });
}

export async function createArea(ctx: Ctx, input: z.infer<typeof areaInput>): Promise<AreaOut> {
  const stations = [...new Set(input.locationIds)];
  if (!canOnArea(ctx.principal, 'srm.write', stations)) throw forbidden('You may not define security areas here');
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('countries').select('code').where('code', '=', input.countryCode).executeTakeFirst())) throw badRequest('Invalid security area', { countryCode: 'Unknown country code' });
    await checkStations(trx, input.countryCode, stations);
    const now = nowIso();
    const row = { id: newId(), country_code: input.countryCode, name: input.name, created_at: now, updated_at: now };
    await trx.insertInto('security_areas').values(row).execute();
    if (stations.length) await trx.insertInto('security_area_locations').values(stations.map((location_id) => ({ area_id: row.id, location_id }))).execute();
    const out = await presentArea(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'security_area', subjectId: row.id, after: out });
    return out;
  });
}

export async function updateArea(ctx: Ctx, id: string, patch: z.infer<typeof areaPatch>): Promise<AreaOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await areaRow(trx, id);
    const before = await presentArea(trx, row);
    const stations = patch.locationIds ? [...new Set(patch.locationIds)] : before.locationIds;
    if (!canOnArea(ctx.principal, 'srm.write', before.locationIds) || !canOnArea(ctx.principal, 'srm.write', stations)) throw forbidden('You may not change this security area');
    await checkStations(trx, row.country_code, stations);
    const next = { ...row, name: patch.name ?? row.name, updated_at: nowIso() };
    await trx.updateTable('security_areas').set(next).where('id', '=', id).execute();
    if (patch.locationIds) {
      await trx.deleteFrom('security_area_locations').where('area_id', '=', id).execute();
      if (stations.length) await trx.insertInto('security_area_locations').values(stations.map((location_id) => ({ area_id: id, location_id }))).execute();
    }
    const after = await presentArea(trx, next);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'security_area', subjectId: id, before, after });
    return after;
  });
}

async function writableArea(ctx: Ctx, db: Db, id: string) {
  const row = await areaRow(db, id);
  if (!canOnArea(ctx.principal, 'srm.write', await stationsOf(db, id))) throw forbidden('Only the security advisers of this area may do this');
  return row;
}

/** Sets the area's security level from a date, with its justification; earlier decisions stay as history. */
export async function setLevel(ctx: Ctx, areaId: string, input: z.infer<typeof levelInput>) {
  return ctx.db.transaction().execute(async (trx) => {
    await writableArea(ctx, trx, areaId);
    const row = {
      id: newId(), area_id: areaId, level: input.level, categories: JSON.stringify(input.categories), justification: input.justification,
      effective_from: input.effectiveFrom, approved_by: ctx.principal.email, created_at: nowIso(),
    };
    await trx.insertInto('security_levels').values(row).execute();
    const out = presentLevel(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'set_level', subjectType: 'security_area', subjectId: areaId, after: out });
    return out;
  });
}

export async function levelHistory(ctx: Ctx, areaId: string) {
  await areaRow(ctx.db, areaId);
  const rows = await ctx.db.selectFrom('security_levels').selectAll().where('area_id', '=', areaId).orderBy('effective_from', 'desc').orderBy('id', 'desc').execute();
  return rows.map(presentLevel);
}

const presentThreats = (r: Database['threat_assessments']) => {
  const threats = JSON.parse(r.threats) as Record<ThreatCategory, { level: SecurityLevel; intent: string; capability: string; context: string }>;
  const levels = Object.fromEntries(Object.entries(threats).map(([k, v]) => [k, v.level])) as Partial<Record<ThreatCategory, SecurityLevel>>;
  return { id: r.id, areaId: r.area_id, assessedOn: r.assessed_on, summary: r.summary, threats, proposedLevel: proposedAggregate(levels) ?? null, createdAt: r.created_at };
};

export async function addThreatAssessment(ctx: Ctx, areaId: string, input: z.infer<typeof threatAssessmentInput>) {
  return ctx.db.transaction().execute(async (trx) => {
    await writableArea(ctx, trx, areaId);
    const row = { id: newId(), area_id: areaId, assessed_on: input.assessedOn, summary: input.summary, threats: JSON.stringify(input.threats), created_at: nowIso() };
    await trx.insertInto('threat_assessments').values(row).execute();
    const out = presentThreats(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'threat_assessment', subjectId: row.id, after: out });
    return out;
  });
}

export async function listThreatAssessments(ctx: Ctx, areaId: string) {
  await areaRow(ctx.db, areaId);
  const rows = await ctx.db.selectFrom('threat_assessments').selectAll().where('area_id', '=', areaId).orderBy('assessed_on', 'desc').execute();
  return rows.map(presentThreats);
}
