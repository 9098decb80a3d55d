import type { AuditAction } from '../../domain/audit.js';
import type { z } from 'zod';
import type { Transaction } from 'kysely';
import type { BcCampaignTable, Database } from '../../db/types.js';
import { contains, fetchPage, parseSort, type Page } from '../../db/paging.js';
import { DEFAULT_TIME_POINTS_HOURS, timePointProblems } from '../../domain/continuity/bia.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, conflict, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { continuityChanged, forgetNode, placeVisible, referenceProblems, throwIfProblems, type Db } from './common.js';
import { canOnRecord, continuityScope, type ContinuityAction } from './policy.js';
import type { campaignInput, campaignListQuery, campaignPatch } from './schema.js';

type CampaignRow = BcCampaignTable;

export const presentCampaign = (r: CampaignRow) => ({
  id: r.id, name: r.name, entityId: r.entity_id, locationId: r.location_id, ownerPersonId: r.owner_person_id,
  periodStart: r.period_start, periodEnd: r.period_end, status: r.status, timePointsHours: JSON.parse(r.time_points) as number[],
  submittedBy: r.submitted_by, submittedAt: r.submitted_at, approvedBy: r.approved_by, approvedAt: r.approved_at,
  createdAt: r.created_at, updatedAt: r.updated_at,
});
export type CampaignOut = ReturnType<typeof presentCampaign>;

const place = (r: CampaignRow) => ({ entityId: r.entity_id, locationId: r.location_id });

export async function campaignRow(db: Db, id: string): Promise<CampaignRow> {
  const row = await db.selectFrom('bc_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('BIA campaign');
  return row;
}

/** A campaign the caller may see (also the owner of one of its processes); one they may not reads as absent. */
async function visibleCampaign(ctx: Ctx, db: Db, id: string): Promise<CampaignRow> {
  const row = await campaignRow(db, id);
  if (canOnRecord(ctx.principal, 'bc.read', place(row))) return row;
  const owned = ctx.principal.personId && await db.selectFrom('bc_processes').select('id').where('campaign_id', '=', id).where('owner_person_id', '=', ctx.principal.personId).executeTakeFirst();
  if (!owned) throw notFound('BIA campaign');
  return row;
}

async function campaignFor(ctx: Ctx, trx: Transaction<Database>, id: string, action: ContinuityAction, what: string): Promise<CampaignRow> {
  const row = await visibleCampaign(ctx, trx, id);
  if (!canOnRecord(ctx.principal, action, place(row))) throw forbidden(`You may not ${what} this BIA campaign`);
  return row;
}

export async function listCampaigns(ctx: Ctx, q: z.infer<typeof campaignListQuery>): Promise<Page<CampaignOut>> {
  const scope = continuityScope(ctx.principal, 'bc.read');
  const { key, dir } = parseSort<'name' | 'updatedAt'>(q.sort);
  let qb = ctx.db.selectFrom('bc_campaigns').selectAll('bc_campaigns').where(placeVisible('bc_campaigns', scope, { shared: false }));
  if (q.q) qb = qb.where(contains('bc_campaigns.name', q.q, { lower: true }));
  if (q.entityId) qb = qb.where('bc_campaigns.entity_id', '=', q.entityId);
  if (q.locationId) qb = qb.where('bc_campaigns.location_id', '=', q.locationId);
  if (q.status) qb = qb.where('bc_campaigns.status', '=', q.status);
  qb = qb.orderBy(key === 'name' ? 'bc_campaigns.name' : 'bc_campaigns.updated_at', dir).orderBy('bc_campaigns.id');
  const { items, total } = await fetchPage(qb, q);
  return { items: items.map(presentCampaign), total, page: q.page, pageSize: q.pageSize };
}

export const getCampaign = async (ctx: Ctx, id: string) => presentCampaign(await visibleCampaign(ctx, ctx.db, id));

const periodProblems = (start: string | null, end: string | null): FieldErrors => (start && end && end < start ? { periodEnd: 'Must not be before the start of the period' } : {});

export async function createCampaign(ctx: Ctx, input: z.infer<typeof campaignInput>): Promise<CampaignOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const timePoints = input.timePointsHours ?? [...DEFAULT_TIME_POINTS_HOURS];
    const fields: FieldErrors = {
      ...(await referenceProblems(trx, { entityId: input.entityId, locationId: input.locationId, ownerPersonId: input.ownerPersonId, stationOnly: true })),
      ...timePointProblems(timePoints), ...periodProblems(input.periodStart, input.periodEnd),
    };
    if (!input.entityId && !input.locationId) fields.entityId = 'A BIA belongs to an entity, a duty station, or both';
    throwIfProblems('Invalid BIA campaign', fields);
    if (!canOnRecord(ctx.principal, 'bc.write', { entityId: input.entityId, locationId: input.locationId })) throw forbidden('You may not run a BIA here');
    const now = nowIso();
    const row: CampaignRow = {
      id: newId(), name: input.name, entity_id: input.entityId, location_id: input.locationId, owner_person_id: input.ownerPersonId,
      period_start: input.periodStart, period_end: input.periodEnd, status: 'draft', time_points: JSON.stringify(timePoints),
      submitted_by: null, submitted_at: null, approved_by: null, approved_at: null, created_at: now, updated_at: now,
    };
    await trx.insertInto('bc_campaigns').values(row).execute();
    await continuityChanged(trx);
    const out = presentCampaign(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'bc_campaign', subjectId: row.id, entityId: row.entity_id, locationId: row.location_id, after: out });
    return out;
  });
}

export async function updateCampaign(ctx: Ctx, id: string, patch: z.infer<typeof campaignPatch>): Promise<CampaignOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await campaignFor(ctx, trx, id, 'bc.write', 'change');
    const row: CampaignRow = {
      ...before, name: patch.name ?? before.name,
      owner_person_id: patch.ownerPersonId !== undefined ? patch.ownerPersonId : before.owner_person_id,
      period_start: patch.periodStart !== undefined ? patch.periodStart : before.period_start,
      period_end: patch.periodEnd !== undefined ? patch.periodEnd : before.period_end, updated_at: nowIso(),
    };
    throwIfProblems('Invalid BIA campaign', { ...(await referenceProblems(trx, { ownerPersonId: patch.ownerPersonId })), ...periodProblems(row.period_start, row.period_end) });
    await trx.updateTable('bc_campaigns').set(row).where('id', '=', id).execute();
    await continuityChanged(trx);
    const out = presentCampaign(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'bc_campaign', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: presentCampaign(before), after: out });
    return out;
  });
}

export async function deleteCampaign(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await campaignFor(ctx, trx, id, 'bc.write', 'delete');
    const processes = await trx.selectFrom('bc_processes').select('id').where('campaign_id', '=', id).execute();
    for (const p of processes) await forgetNode(trx, p.id);
    await trx.deleteFrom('bc_processes').where('campaign_id', '=', id).execute();
    await trx.deleteFrom('bc_campaigns').where('id', '=', id).execute();
    await continuityChanged(trx);
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'bc_campaign', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: { ...presentCampaign(row), processes: processes.length } });
  });
}

/**
 * draft → in_review once every process's questionnaire is submitted; in_review → approved by an
 * approver in scope; reopen sends it back to draft for changes. Answers are locked outside draft.
 */
export async function submitCampaign(ctx: Ctx, id: string): Promise<CampaignOut> {
  return transition(ctx, id, 'bc.write', 'submit', async (trx, row) => {
    if (row.status !== 'draft') throw conflict(`The campaign is ${row.status.replace('_', ' ')}, not a draft`);
    const open = await trx.selectFrom('bc_processes').select('name').where('campaign_id', '=', id).where('questionnaire_status', '!=', 'submitted').orderBy('name').execute();
    const count = await trx.selectFrom('bc_processes').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', id).executeTakeFirstOrThrow();
    if (!Number(count.n)) throw badRequest('Nothing to review', { processes: 'Add the critical processes of the campaign first' });
    if (open.length) throw badRequest('Questionnaires are not all submitted', { processes: `Not yet submitted: ${open.map((p) => p.name).join(', ')}` });
    return { status: 'in_review', submitted_by: ctx.principal.email, submitted_at: nowIso() };
  });
}

export async function approveCampaign(ctx: Ctx, id: string): Promise<CampaignOut> {
  return transition(ctx, id, 'bc.approve', 'approve', async (_trx, row) => {
    if (row.status !== 'in_review') throw conflict('Only a campaign in review can be approved');
    return { status: 'approved', approved_by: ctx.principal.email, approved_at: nowIso() };
  });
}

export async function reopenCampaign(ctx: Ctx, id: string): Promise<CampaignOut> {
  return transition(ctx, id, 'bc.write', 'reopen', async (_trx, row) => {
    if (row.status === 'draft') throw conflict('The campaign is already a draft');
    return { status: 'draft', approved_by: null, approved_at: null };
  });
}

async function transition(ctx: Ctx, id: string, action: ContinuityAction, verb: AuditAction, next: (trx: Transaction<Database>, row: CampaignRow) => Promise<Partial<CampaignRow>>): Promise<CampaignOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await campaignFor(ctx, trx, id, action, verb);
    const row: CampaignRow = { ...before, ...(await next(trx, before)), updated_at: nowIso() };
    await trx.updateTable('bc_campaigns').set(row).where('id', '=', id).execute();
    await continuityChanged(trx);
    const out = presentCampaign(row);
    await recordAudit(trx, ctxActor(ctx), { action: verb, subjectType: 'bc_campaign', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: presentCampaign(before), after: out });
    return out;
  });
}

