import type { z } from 'zod';
import type { Transaction } from 'kysely';
import type { BcStrategyTable, Database } from '../../db/types.js';
import { fetchPage, type Page } from '../../db/paging.js';
import type { StrategyKind } from '../../domain/continuity/recovery.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canSeeNode, continuityChanged, placeVisible, resolveNodes, throwIfProblems, type Db, type NodeRef } from './common.js';
import { canOnRecord, canReadProcess, continuityScope } from './policy.js';
import type { NodeType } from './model.js';
import type { strategyInput, strategyListQuery, strategyPatch } from './schema.js';

type Row = BcStrategyTable;

export const presentStrategy = (r: Row) => ({
  id: r.id, processId: r.process_id, kind: r.kind, readiness: r.readiness, activationHours: r.activation_hours, resourceId: r.resource_id,
  resourceType: r.resource_type, description: r.description, createdAt: r.created_at, updatedAt: r.updated_at,
});
export type StrategyOut = ReturnType<typeof presentStrategy>;

/** What each strategy may rely on; telecommuting and manual workarounds may name any supporting resource. */
const RESOURCE_TYPES: Partial<Record<StrategyKind, readonly NodeType[]>> = {
  alternate_site: ['premises', 'data_centre'],
  transfer_duty_station: ['duty_station'],
  mutual_support: ['process'],
};

async function processPlace(db: Db, processId: string) {
  const p = await db.selectFrom('bc_processes').select(['id', 'entity_id', 'location_id', 'owner_person_id']).where('id', '=', processId).executeTakeFirst();
  return p && { entityId: p.entity_id, locationId: p.location_id, ownerPersonId: p.owner_person_id };
}

async function visibleRow(ctx: Ctx, db: Db, id: string) {
  const row = await db.selectFrom('bc_strategies').selectAll().where('id', '=', id).executeTakeFirst();
  const place = row && await processPlace(db, row.process_id);
  if (!row || !place || !canReadProcess(ctx.principal, place)) throw notFound('Strategy');
  return { row, place };
}

async function writableRow(ctx: Ctx, trx: Transaction<Database>, id: string) {
  const found = await visibleRow(ctx, trx, id);
  if (!canOnRecord(ctx.principal, 'bc.write', found.place)) throw forbidden('You may not change the strategies of this process');
  return found;
}

export async function listStrategies(ctx: Ctx, q: z.infer<typeof strategyListQuery>): Promise<Page<StrategyOut>> {
  const scope = continuityScope(ctx.principal, 'bc.read');
  let qb = ctx.db.selectFrom('bc_strategies').selectAll();
  if (!scope.all) {
    qb = qb.where('process_id', 'in', ctx.db.selectFrom('bc_processes').select('bc_processes.id')
      .where(placeVisible('bc_processes', scope, { shared: false, ownerPersonId: ctx.principal.personId })));
  }
  if (q.processId) qb = qb.where('process_id', '=', q.processId);
  if (q.kind) qb = qb.where('kind', '=', q.kind);
  if (q.readiness) qb = qb.where('readiness', '=', q.readiness);
  const { items, total } = await fetchPage(qb.orderBy('process_id').orderBy('id'), q);
  return { items: items.map(presentStrategy), total, page: q.page, pageSize: q.pageSize };
}

export const getStrategy = async (ctx: Ctx, id: string) => presentStrategy((await visibleRow(ctx, ctx.db, id)).row);

async function resourceProblems(ctx: Ctx, db: Db, kind: StrategyKind, processId: string, resourceId: string | null): Promise<{ fields: FieldErrors; resource?: NodeRef }> {
  if (!resourceId) return { fields: {} };
  const r = (await resolveNodes(db, [resourceId])).get(resourceId);
  if (!r || !canSeeNode(ctx.principal, r)) return { fields: { resourceId: 'No such premises, data centre, duty station or process' } };
  if (r.id === processId) return { fields: { resourceId: 'A process cannot rely on itself' } };
  const allowed = RESOURCE_TYPES[kind];
  if (allowed && !allowed.includes(r.type)) return { fields: { resourceId: `A ${kind.replace(/_/g, ' ')} strategy relies on a ${allowed.join(' or ').replace(/_/g, ' ')}, not a ${r.type.replace('_', ' ')}` } };
  return { fields: {}, resource: r };
}

export async function createStrategy(ctx: Ctx, input: z.infer<typeof strategyInput>): Promise<StrategyOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const place = await processPlace(trx, input.processId);
    if (!place || !canReadProcess(ctx.principal, place)) throw badRequest('Invalid strategy', { processId: 'No such process' });
    if (!canOnRecord(ctx.principal, 'bc.write', place)) throw forbidden('You may not change the strategies of this process');
    const { fields, resource } = await resourceProblems(ctx, trx, input.kind, input.processId, input.resourceId);
    throwIfProblems('Invalid strategy', fields);
    const now = nowIso();
    const row: Row = {
      id: newId(), process_id: input.processId, kind: input.kind, readiness: input.readiness, activation_hours: input.activationHours,
      resource_id: resource?.id ?? null, resource_type: resource?.type ?? null, description: input.description, created_at: now, updated_at: now,
    };
    await trx.insertInto('bc_strategies').values(row).execute();
    await continuityChanged(trx);
    const out = presentStrategy(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'bc_strategy', subjectId: row.id, entityId: place.entityId, locationId: place.locationId, after: out });
    return out;
  });
}

export async function updateStrategy(ctx: Ctx, id: string, patch: z.infer<typeof strategyPatch>): Promise<StrategyOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row: before, place } = await writableRow(ctx, trx, id);
    const kind = (patch.kind ?? before.kind) as StrategyKind;
    const resourceId = patch.resourceId !== undefined ? patch.resourceId : before.resource_id;
    const { fields, resource } = await resourceProblems(ctx, trx, kind, before.process_id, resourceId);
    throwIfProblems('Invalid strategy', fields);
    const row: Row = {
      ...before, kind, readiness: patch.readiness ?? before.readiness, activation_hours: patch.activationHours ?? before.activation_hours,
      resource_id: resource?.id ?? null, resource_type: resource?.type ?? null, description: patch.description ?? before.description, updated_at: nowIso(),
    };
    await trx.updateTable('bc_strategies').set(row).where('id', '=', id).execute();
    await continuityChanged(trx);
    const out = presentStrategy(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'bc_strategy', subjectId: id, entityId: place.entityId, locationId: place.locationId, before: presentStrategy(before), after: out });
    return out;
  });
}

export async function deleteStrategy(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, place } = await writableRow(ctx, trx, id);
    await trx.deleteFrom('bc_strategies').where('id', '=', id).execute();
    await continuityChanged(trx);
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'bc_strategy', subjectId: id, entityId: place.entityId, locationId: place.locationId, before: presentStrategy(row) });
  });
}
