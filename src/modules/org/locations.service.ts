import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database, LocationRow } from '../../db/types.js';
import { contains, fetchPage, parseSort, searchText, type Page } from '../../db/paging.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, conflict, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { can } from './policy.js';
import type { locationInput, locationListQuery, locationPatch } from './schema.js';

export type LocationInput = z.infer<typeof locationInput>;

export const presentLocation = (r: LocationRow) => ({
  id: r.id, externalId: r.external_id, kind: r.kind, name: r.name, parentId: r.parent_id, countryCode: r.country_code,
  city: r.city, address: r.address, latitude: r.latitude, longitude: r.longitude, timeZone: r.time_zone,
  createdAt: r.created_at, updatedAt: r.updated_at,
});
export type LocationOut = ReturnType<typeof presentLocation>;

export async function listLocations(ctx: Ctx, q: z.infer<typeof locationListQuery>): Promise<Page<LocationOut>> {
  const { key, dir } = parseSort<'name' | 'countryCode' | 'updatedAt'>(q.sort);
  let qb = ctx.db.selectFrom('locations').selectAll();
  if (q.q) qb = qb.where(contains('search_text', q.q));
  if (q.kind) qb = qb.where('kind', '=', q.kind);
  if (q.countryCode) qb = qb.where('country_code', '=', q.countryCode);
  if (q.parentId) qb = qb.where('parent_id', '=', q.parentId);
  const column = key === 'countryCode' ? 'country_code' : key === 'updatedAt' ? 'updated_at' : 'name';
  const { items, total } = await fetchPage(qb.orderBy(column, dir).orderBy('id'), q);
  return { items: items.map(presentLocation), total, page: q.page, pageSize: q.pageSize };
}

/** Every duty station in a compact form, for maps and pickers (a few thousand rows, no paging). */
export async function dutyStationPoints(ctx: Ctx) {
  return ctx.db.selectFrom('locations')
    .select(['id', 'name', 'country_code as countryCode', 'city', 'latitude', 'longitude', 'time_zone as timeZone'])
    .where('kind', '=', 'duty_station').orderBy('name').orderBy('id').execute();
}

async function getRow(db: Kysely<Database> | Transaction<Database>, id: string): Promise<LocationRow> {
  const row = await db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Location');
  return row;
}

export const getLocation = async (ctx: Ctx, id: string) => presentLocation(await getRow(ctx.db, id));

/** The duty station a location belongs to: itself, or the parent of premises. Grants are on duty stations. */
const scopeOf = (l: { id: string | null; kind: string; parentId: string | null }) =>
  ({ locationId: l.kind === 'premises' ? l.parentId : l.id });

/**
 * Rules that need the database: the parent is a duty station (premises only), the country exists,
 * the external ID is unused. Shared by the API and the CSV import, which reports per row.
 */
export async function locationProblems(db: Kysely<Database> | Transaction<Database>, l: LocationInput, selfId?: string): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  if (l.kind === 'premises' && !l.parentId) fields.parentId = 'Premises must belong to a duty station';
  if (l.kind === 'duty_station' && l.parentId) fields.parentId = 'A duty station has no parent';
  if ((l.latitude === null) !== (l.longitude === null)) fields[l.latitude === null ? 'latitude' : 'longitude'] = 'Give both latitude and longitude, or neither';
  if (l.parentId) {
    const parent = await db.selectFrom('locations').select('kind').where('id', '=', l.parentId).executeTakeFirst();
    if (!parent) fields.parentId = 'No such location';
    else if (parent.kind !== 'duty_station') fields.parentId = 'The parent must be a duty station';
  }
  if (!(await db.selectFrom('countries').select('code').where('code', '=', l.countryCode).executeTakeFirst())) {
    fields.countryCode = 'Unknown country code';
  }
  if (l.externalId) {
    let qb = db.selectFrom('locations').select('id').where('external_id', '=', l.externalId);
    if (selfId) qb = qb.where('id', '!=', selfId);
    if (await qb.executeTakeFirst()) fields.externalId = 'Already used by another location';
  }
  return fields;
}

export const locationRow = (id: string, l: LocationInput, createdAt: string, updatedAt: string): LocationRow => ({
  id, external_id: l.externalId, kind: l.kind, name: l.name, parent_id: l.parentId, country_code: l.countryCode,
  city: l.city, address: l.address, latitude: l.latitude, longitude: l.longitude, time_zone: l.timeZone,
  search_text: searchText(l.name, l.city, l.externalId, l.countryCode), created_at: createdAt, updated_at: updatedAt,
});

export async function createLocation(ctx: Ctx, input: LocationInput): Promise<LocationOut> {
  if (!can(ctx.principal, 'location.write', scopeOf({ id: null, kind: input.kind, parentId: input.parentId }))) {
    throw forbidden(input.kind === 'premises' ? 'You may not add premises to this duty station' : 'You may not add duty stations');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const problems = await locationProblems(trx, input);
    if (Object.keys(problems).length) throw badRequest('Invalid location', problems);
    const now = nowIso();
    const row = locationRow(newId(), input, now, now);
    await trx.insertInto('locations').values(row).execute();
    const out = presentLocation(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'location', subjectId: row.id, locationId: scopeOf(out).locationId, after: out });
    return out;
  });
}

export async function updateLocation(ctx: Ctx, id: string, patch: z.infer<typeof locationPatch>): Promise<LocationOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const beforeRow = await getRow(trx, id);
    const before = presentLocation(beforeRow);
    if (!can(ctx.principal, 'location.write', scopeOf(before))) throw forbidden('You may not change this location');
    const merged = { ...before, ...patch } as LocationInput;
    if (!can(ctx.principal, 'location.write', scopeOf({ ...merged, id }))) throw forbidden('You may not move the location there');
    if (merged.kind === 'duty_station' && before.kind === 'premises') merged.parentId = patch.parentId ?? null;
    const problems = await locationProblems(trx, merged, id);
    if (merged.kind === 'premises' && before.kind === 'duty_station'
      && await trx.selectFrom('locations').select('id').where('parent_id', '=', id).executeTakeFirst()) {
      problems.kind = 'This duty station has premises; it cannot become premises';
    } else if (merged.kind === 'premises' && before.kind === 'duty_station'
      && await trx.selectFrom('people').select('id').where('home_location_id', '=', id).executeTakeFirst()) {
      problems.kind = 'This duty station is people\'s home duty station; it cannot become premises';
    }
    if (Object.keys(problems).length) throw badRequest('Invalid location', problems);
    const row = locationRow(id, merged, beforeRow.created_at, nowIso());
    await trx.updateTable('locations').set(row).where('id', '=', id).execute();
    const out = presentLocation(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'location', subjectId: id, locationId: scopeOf(out).locationId, before, after: out });
    return out;
  });
}

export async function deleteLocation(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = presentLocation(await getRow(trx, id));
    if (!can(ctx.principal, 'location.write', scopeOf(before))) throw forbidden('You may not delete this location');
    const [child, person, team, grant] = await Promise.all([
      trx.selectFrom('locations').select('id').where('parent_id', '=', id).executeTakeFirst(),
      trx.selectFrom('people').select('id').where('home_location_id', '=', id).executeTakeFirst(),
      trx.selectFrom('teams').select('id').where('location_id', '=', id).executeTakeFirst(),
      trx.selectFrom('role_grants').select('id').where('scope_type', '=', 'location').where('scope_id', '=', id).executeTakeFirst(),
    ]);
    if (child || person || team) throw conflict('The location still has premises, people or teams; move or delete them first');
    if (grant) throw conflict('Roles are granted on this duty station; withdraw those grants first');
    await trx.deleteFrom('locations').where('id', '=', id).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'location', subjectId: id, locationId: scopeOf(before).locationId, before });
  });
}
