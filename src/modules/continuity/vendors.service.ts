import type { z } from 'zod';
import type { Transaction } from 'kysely';
import type { BcVendorTable, Database } from '../../db/types.js';
import { contains, fetchPage, searchText, type Page } from '../../db/paging.js';
import { newId, nowIso } from '../../domain/ids.js';
import { forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { continuityChanged, forgetNode, placeVisible, referenceProblems, throwIfProblems, type Db } from './common.js';
import { canOnRecord, continuityScope } from './policy.js';
import type { vendorInput, vendorListQuery, vendorPatch } from './schema.js';

type Row = BcVendorTable;
const placeOf = (r: Pick<Row, 'entity_id' | 'location_id'>) => ({ entityId: r.entity_id, locationId: r.location_id });

export const presentVendor = (r: Row) => ({
  id: r.id, name: r.name, service: r.service, entityId: r.entity_id, locationId: r.location_id, slaHours: r.sla_hours, contact: r.contact,
  createdAt: r.created_at, updatedAt: r.updated_at,
});
export type VendorOut = ReturnType<typeof presentVendor>;

async function visibleRow(ctx: Ctx, db: Db, id: string): Promise<Row> {
  const row = await db.selectFrom('bc_vendors').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !canOnRecord(ctx.principal, 'bc.read', placeOf(row))) throw notFound('Vendor');
  return row;
}

async function writableRow(ctx: Ctx, trx: Transaction<Database>, id: string): Promise<Row> {
  const row = await visibleRow(ctx, trx, id);
  if (!canOnRecord(ctx.principal, 'bc.write', placeOf(row))) throw forbidden('You may not change this vendor');
  return row;
}

export async function listVendors(ctx: Ctx, q: z.infer<typeof vendorListQuery>): Promise<Page<VendorOut>> {
  const scope = continuityScope(ctx.principal, 'bc.read');
  let qb = ctx.db.selectFrom('bc_vendors').selectAll().where(placeVisible('bc_vendors', scope, { shared: true }));
  if (q.q) qb = qb.where(contains('bc_vendors.search_text', q.q));
  if (q.entityId) qb = qb.where('entity_id', '=', q.entityId);
  if (q.locationId) qb = qb.where('location_id', '=', q.locationId);
  const { items, total } = await fetchPage(qb.orderBy('name').orderBy('id'), q);
  return { items: items.map(presentVendor), total, page: q.page, pageSize: q.pageSize };
}

export const getVendor = async (ctx: Ctx, id: string) => presentVendor(await visibleRow(ctx, ctx.db, id));

export async function createVendor(ctx: Ctx, input: z.infer<typeof vendorInput>): Promise<VendorOut> {
  return ctx.db.transaction().execute(async (trx) => {
    throwIfProblems('Invalid vendor', await referenceProblems(trx, { entityId: input.entityId, locationId: input.locationId, stationOnly: true }));
    if (!canOnRecord(ctx.principal, 'bc.write', placeOf({ entity_id: input.entityId, location_id: input.locationId }))) throw forbidden('You may not add vendors here');
    const now = nowIso();
    const row: Row = {
      id: newId(), name: input.name, service: input.service, entity_id: input.entityId, location_id: input.locationId, sla_hours: input.slaHours,
      contact: input.contact, search_text: searchText(input.name, input.service), created_at: now, updated_at: now,
    };
    await trx.insertInto('bc_vendors').values(row).execute();
    await continuityChanged(trx);
    const out = presentVendor(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'bc_vendor', subjectId: row.id, entityId: row.entity_id, locationId: row.location_id, after: out });
    return out;
  });
}

export async function updateVendor(ctx: Ctx, id: string, patch: z.infer<typeof vendorPatch>): Promise<VendorOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await writableRow(ctx, trx, id);
    throwIfProblems('Invalid vendor', await referenceProblems(trx, { locationId: patch.locationId, stationOnly: true }));
    const row: Row = {
      ...before, name: patch.name ?? before.name, service: patch.service ?? before.service, contact: patch.contact ?? before.contact,
      location_id: patch.locationId !== undefined ? patch.locationId : before.location_id, sla_hours: patch.slaHours !== undefined ? patch.slaHours : before.sla_hours,
      updated_at: nowIso(),
    };
    if (!canOnRecord(ctx.principal, 'bc.write', placeOf(row))) throw forbidden('You may not move the vendor there');
    row.search_text = searchText(row.name, row.service);
    await trx.updateTable('bc_vendors').set(row).where('id', '=', id).execute();
    await continuityChanged(trx);
    const out = presentVendor(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'bc_vendor', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: presentVendor(before), after: out });
    return out;
  });
}

export async function deleteVendor(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await writableRow(ctx, trx, id);
    const edges = await forgetNode(trx, id);
    await trx.deleteFrom('bc_vendors').where('id', '=', id).execute();
    await continuityChanged(trx);
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'bc_vendor', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: { ...presentVendor(row), dependenciesRemoved: edges } });
  });
}
