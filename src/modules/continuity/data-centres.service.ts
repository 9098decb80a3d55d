import type { z } from 'zod';
import type { Transaction } from 'kysely';
import type { BcDataCentreTable, Database } from '../../db/types.js';
import { contains, fetchPage, type Page } from '../../db/paging.js';
import { newId, nowIso } from '../../domain/ids.js';
import { forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { continuityChanged, forgetNode, locationInfo, placeVisible, referenceProblems, throwIfProblems, type Db } from './common.js';
import { canOnRecord, continuityScope } from './policy.js';
import type { dataCentreInput, dataCentreListQuery, dataCentrePatch } from './schema.js';

type Row = BcDataCentreTable;

/** A data centre is owned by its entity, or shared (enterprise) when it has none; where it stands does not scope it. */
const placeOf = (r: Pick<Row, 'entity_id'>) => ({ entityId: r.entity_id, locationId: null });

async function present(db: Db, r: Row) {
  const where = await locationInfo(db, r.location_id);
  return {
    id: r.id, name: r.name, locationId: r.location_id, dutyStationId: where?.dutyStationId ?? null, entityId: r.entity_id, tier: r.tier,
    failover: r.failover_data_centre_id ? { dataCentreId: r.failover_data_centre_id, readiness: r.failover_readiness!, activationHours: r.failover_activation_hours! } : null,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
export type DataCentreOut = Awaited<ReturnType<typeof present>>;

async function visibleRow(ctx: Ctx, db: Db, id: string): Promise<Row> {
  const row = await db.selectFrom('bc_data_centres').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !canOnRecord(ctx.principal, 'bc.read', placeOf(row))) throw notFound('Data centre');
  return row;
}

async function writableRow(ctx: Ctx, trx: Transaction<Database>, id: string): Promise<Row> {
  const row = await visibleRow(ctx, trx, id);
  if (!canOnRecord(ctx.principal, 'bc.write', placeOf(row))) throw forbidden('You may not change this data centre');
  return row;
}

export async function listDataCentres(ctx: Ctx, q: z.infer<typeof dataCentreListQuery>): Promise<Page<DataCentreOut>> {
  const scope = continuityScope(ctx.principal, 'bc.read');
  let qb = ctx.db.selectFrom('bc_data_centres').selectAll().where(placeVisible('bc_data_centres', scope, { shared: true }));
  if (q.q) qb = qb.where(contains('bc_data_centres.name', q.q, { lower: true }));
  if (q.entityId) qb = qb.where('entity_id', '=', q.entityId);
  if (q.locationId) qb = qb.where('location_id', '=', q.locationId);
  const { items, total } = await fetchPage(qb.orderBy('name').orderBy('id'), q);
  return { items: await Promise.all(items.map((r) => present(ctx.db, r))), total, page: q.page, pageSize: q.pageSize };
}

export const getDataCentre = async (ctx: Ctx, id: string) => present(ctx.db, await visibleRow(ctx, ctx.db, id));

async function failoverProblems(ctx: Ctx, trx: Transaction<Database>, selfId: string, f: z.infer<typeof dataCentreInput>['failover']): Promise<FieldErrors> {
  if (!f) return {};
  if (f.dataCentreId === selfId) return { 'failover.dataCentreId': 'A data centre cannot fail over to itself' };
  const other = await trx.selectFrom('bc_data_centres').select(['id', 'entity_id']).where('id', '=', f.dataCentreId).executeTakeFirst();
  if (!other || !canOnRecord(ctx.principal, 'bc.read', placeOf(other))) return { 'failover.dataCentreId': 'No such data centre' };
  return {};
}

export async function createDataCentre(ctx: Ctx, input: z.infer<typeof dataCentreInput>): Promise<DataCentreOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const id = newId();
    throwIfProblems('Invalid data centre', { ...(await referenceProblems(trx, { entityId: input.entityId, locationId: input.locationId })), ...(await failoverProblems(ctx, trx, id, input.failover)) });
    if (!canOnRecord(ctx.principal, 'bc.write', placeOf({ entity_id: input.entityId }))) throw forbidden(input.entityId ? 'You may not add data centres of this entity' : 'Only organization-wide administrators add shared data centres');
    const now = nowIso();
    const row: Row = {
      id, name: input.name, location_id: input.locationId, entity_id: input.entityId, tier: input.tier,
      failover_data_centre_id: input.failover?.dataCentreId ?? null, failover_readiness: input.failover?.readiness ?? null,
      failover_activation_hours: input.failover?.activationHours ?? null, created_at: now, updated_at: now,
    };
    await trx.insertInto('bc_data_centres').values(row).execute();
    await continuityChanged(trx);
    const out = await present(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'bc_data_centre', subjectId: id, entityId: row.entity_id, locationId: row.location_id, after: out });
    return out;
  });
}

export async function updateDataCentre(ctx: Ctx, id: string, patch: z.infer<typeof dataCentrePatch>): Promise<DataCentreOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await writableRow(ctx, trx, id);
    throwIfProblems('Invalid data centre', { ...(await referenceProblems(trx, { locationId: patch.locationId })), ...(await failoverProblems(ctx, trx, id, patch.failover ?? null)) });
    const row: Row = { ...before, name: patch.name ?? before.name, location_id: patch.locationId ?? before.location_id, tier: patch.tier !== undefined ? patch.tier : before.tier, updated_at: nowIso() };
    if (patch.failover !== undefined) {
      row.failover_data_centre_id = patch.failover?.dataCentreId ?? null;
      row.failover_readiness = patch.failover?.readiness ?? null;
      row.failover_activation_hours = patch.failover?.activationHours ?? null;
    }
    await trx.updateTable('bc_data_centres').set(row).where('id', '=', id).execute();
    await continuityChanged(trx);
    const out = await present(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'bc_data_centre', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: await present(trx, before), after: out });
    return out;
  });
}

export async function deleteDataCentre(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await writableRow(ctx, trx, id);
    const before = await present(trx, row);
    const edges = await forgetNode(trx, id);
    await trx.updateTable('bc_data_centres').set({ failover_data_centre_id: null, failover_readiness: null, failover_activation_hours: null }).where('failover_data_centre_id', '=', id).execute();
    await trx.deleteFrom('bc_application_hosting').where('data_centre_id', '=', id).execute();
    await trx.deleteFrom('bc_data_centres').where('id', '=', id).execute();
    await continuityChanged(trx);
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'bc_data_centre', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: { ...before, dependenciesRemoved: edges } });
  });
}
