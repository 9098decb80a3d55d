import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database, PlanTable } from '../../db/types.js';
import { contains, fetchPage, parseSort, searchText, type Page } from '../../db/paging.js';
import { newId, nowIso } from '../../domain/ids.js';
import { isReviewOverdue } from '../../domain/plans/catalog.js';
import type { PlanContent } from '../../domain/plans/content.js';
import { badRequest, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canApprovePlan, canOnPlan, canReadApproved, planScope, selfApprovalForbidden, type PlanPlace } from './policy.js';
import { planVisible } from './visibility.js';
import { checkContent } from './content-check.js';
import type { planInput, planListQuery, planPatch } from './schema.js';

export type Db = Kysely<Database> | Transaction<Database>;
export type PlanRow = PlanTable;
export const today = () => new Date().toISOString().slice(0, 10);
const LINK_KINDS = { riskIds: 'risk', processIds: 'process', teamIds: 'team', contactPersonIds: 'person' } as const;
type LinkField = keyof typeof LINK_KINDS;

export async function planRow(db: Db, id: string): Promise<PlanRow> {
  const row = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Plan');
  return row;
}

export async function placeOf(db: Db, r: PlanRow): Promise<PlanPlace> {
  const participants = (await db.selectFrom('plan_entities').select('entity_id').where('plan_id', '=', r.id).orderBy('entity_id').execute()).map((x) => x.entity_id);
  return { entityId: r.entity_id, locationId: r.location_id, participants, ownerPersonId: r.owner_person_id, approverPersonId: r.approver_person_id };
}

/** The duty station of the caller's own person record (a premises counts as its duty station). */
export async function ownStation(db: Db, personId: string | null): Promise<string | null> {
  if (!personId) return null;
  const home = await db.selectFrom('people').innerJoin('locations', 'locations.id', 'people.home_location_id')
    .select(['locations.id', 'locations.kind', 'locations.parent_id']).where('people.id', '=', personId).executeTakeFirst();
  if (!home) return null;
  return home.kind === 'premises' && home.parent_id ? home.parent_id : home.id;
}

/**
 * A plan the caller may see: `full` when they may read drafts and history, otherwise only its
 * approved version in force. One they may not see reads as absent.
 */
export async function readablePlan(ctx: Ctx, db: Db, id: string): Promise<{ row: PlanRow; place: PlanPlace; full: boolean }> {
  const row = await planRow(db, id);
  const place = await placeOf(db, row);
  if (canOnPlan(ctx.principal, 'plan.read', place)) return { row, place, full: true };
  if (row.current_version_id && canReadApproved(ctx.principal, place, await ownStation(db, ctx.principal.personId))) return { row, place, full: false };
  throw notFound('Plan');
}

export async function writablePlan(ctx: Ctx, db: Db, id: string): Promise<{ row: PlanRow; place: PlanPlace }> {
  const { row, place, full } = await readablePlan(ctx, db, id);
  if (!full || !canOnPlan(ctx.principal, 'plan.write', place)) throw forbidden('Only the plan owner, or coordinators and focal points of its entity or duty station, may change this plan');
  return { row, place };
}

export const presentVersion = (v: Database['plan_versions']) => ({
  id: v.id, planId: v.plan_id, number: v.number, status: v.status, changeNote: v.change_note,
  draftedBy: v.drafted_by_email, submittedAt: v.submitted_at, approvedBy: v.approved_by_email, approvedAt: v.approved_at,
  createdAt: v.created_at, updatedAt: v.updated_at,
});

/** The version being worked on (draft or in review), if any. */
export async function workingVersion(db: Db, planId: string) {
  return db.selectFrom('plan_versions').selectAll().where('plan_id', '=', planId).where('status', 'in', ['draft', 'in_review'])
    .orderBy('number', 'desc').limit(1).executeTakeFirst();
}

export async function presentPlan(db: Db, r: PlanRow, full = true) {
  const [type, place, links, working] = await Promise.all([
    db.selectFrom('plan_types').select('name').where('id', '=', r.plan_type_id).executeTakeFirstOrThrow(),
    placeOf(db, r),
    db.selectFrom('plan_links').select(['kind', 'target_id']).where('plan_id', '=', r.id).orderBy('kind').orderBy('target_id').execute(),
    full ? workingVersion(db, r.id) : Promise.resolve(undefined),
  ]);
  const linked = (kind: string) => links.filter((l) => l.kind === kind).map((l) => l.target_id);
  return {
    id: r.id, title: r.title, planTypeId: r.plan_type_id, planType: type.name, entityId: r.entity_id, locationId: r.location_id,
    participantEntityIds: [...place.participants], ownerPersonId: r.owner_person_id, approverPersonId: r.approver_person_id, status: r.status,
    activationCriteria: r.activation_criteria, currentVersionId: r.current_version_id, workingVersion: working ? presentVersion(working) : null,
    reviewDue: r.review_due, reviewOverdue: isReviewOverdue({ status: r.status, reviewDue: r.review_due }, today()),
    reviewTriggeredBy: r.review_triggered_by, reviewTriggerNote: r.review_trigger_note, reviewFlaggedAt: r.review_flagged_at,
    riskIds: linked('risk'), processIds: linked('process'), teamIds: linked('team'), contactPersonIds: linked('person'),
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
export type PlanOut = Awaited<ReturnType<typeof presentPlan>>;

export async function listPlans(ctx: Ctx, q: z.infer<typeof planListQuery>): Promise<Page<PlanOut>> {
  const v = {
    read: planScope(ctx.principal, 'plan.read'), approved: planScope(ctx.principal, 'plan.read_approved'),
    personId: ctx.principal.personId, ownStationId: await ownStation(ctx.db, ctx.principal.personId),
  };
  const { key, dir } = parseSort<'title' | 'reviewDue' | 'updatedAt'>(q.sort);
  let qb = ctx.db.selectFrom('plans').selectAll('plans').where((eb) => planVisible(eb, v));
  if (q.q) qb = qb.where(contains('plans.search_text', q.q));
  if (q.planTypeId) qb = qb.where('plans.plan_type_id', '=', q.planTypeId);
  if (q.entityId) qb = qb.where((eb) => eb.or([eb('plans.entity_id', '=', q.entityId!), eb('plans.id', 'in', eb.selectFrom('plan_entities').select('plan_id').where('entity_id', '=', q.entityId!))]));
  if (q.locationId) qb = qb.where('plans.location_id', '=', q.locationId);
  if (q.status) qb = qb.where('plans.status', '=', q.status);
  if (q.reviewOverdue !== undefined) {
    qb = q.reviewOverdue
      ? qb.where('plans.review_due', '<', today()).where('plans.status', 'not in', ['superseded', 'archived'])
      : qb.where((eb) => eb.or([eb('plans.review_due', 'is', null), eb('plans.review_due', '>=', today()), eb('plans.status', 'in', ['superseded', 'archived'])]));
  }
  if (q.reviewDueBefore) qb = qb.where('plans.review_due', '<=', q.reviewDueBefore).where('plans.status', 'not in', ['superseded', 'archived']);
  if (q.flaggedForReview !== undefined) qb = qb.where('plans.review_triggered_by', q.flaggedForReview ? 'is not' : 'is', null);
  qb = qb.orderBy(key === 'title' ? 'plans.title' : key === 'reviewDue' ? 'plans.review_due' : 'plans.updated_at', dir).orderBy('plans.id');
  const { items, total } = await fetchPage(qb, q);
  const out = await Promise.all(items.map(async (r) => presentPlan(ctx.db, r, canOnPlan(ctx.principal, 'plan.read', await placeOf(ctx.db, r)))));
  return { items: out, total, page: q.page, pageSize: q.pageSize };
}

/** What the caller may do with the plan, by the area's policy, so the web shows only what works. */
async function allowedOn(ctx: Ctx, row: PlanRow, place: PlanPlace, full: boolean, working: PlanOut['workingVersion']) {
  const approve = full && canApprovePlan(ctx.principal, place);
  let approveBlocked: 'own_draft' | null = null;
  if (approve && working?.status === 'in_review') {
    const [type, v] = await Promise.all([
      ctx.db.selectFrom('plan_types').select('allow_self_approval').where('id', '=', row.plan_type_id).executeTakeFirstOrThrow(),
      ctx.db.selectFrom('plan_versions').select('drafted_by').where('id', '=', working.id).executeTakeFirstOrThrow(),
    ]);
    if (selfApprovalForbidden(ctx.principal, { allowSelfApproval: !!type.allow_self_approval }, { draftedBy: v.drafted_by })) approveBlocked = 'own_draft';
  }
  return { history: full, write: full && canOnPlan(ctx.principal, 'plan.write', place), approve, approveBlocked };
}

export async function getPlan(ctx: Ctx, id: string): Promise<PlanOut & { allowed: Awaited<ReturnType<typeof allowedOn>> }> {
  const { row, place, full } = await readablePlan(ctx, ctx.db, id);
  const out = await presentPlan(ctx.db, row, full);
  return { ...out, allowed: await allowedOn(ctx, row, place, full, out.workingVersion) };
}

async function missing(db: Db, table: 'entities' | 'locations' | 'people' | 'teams' | 'risks' | 'bc_processes', ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const found = new Set((await db.selectFrom(table).select('id').where('id', 'in', [...ids]).execute()).map((r) => r.id));
  return new Set(ids.filter((i) => !found.has(i)));
}

type PlanRefs = { entityId: string | null; locationId: string | null; ownerPersonId?: string | undefined; approverPersonId?: string | null | undefined; participantEntityIds?: string[] | undefined } & Partial<Record<LinkField, string[]>>;

async function referenceProblems(db: Db, r: PlanRefs): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  if (r.entityId && (await missing(db, 'entities', [r.entityId])).size) fields.entityId = 'No such entity';
  if (r.locationId && (await missing(db, 'locations', [r.locationId])).size) fields.locationId = 'No such location';
  if (r.ownerPersonId && (await missing(db, 'people', [r.ownerPersonId])).size) fields.ownerPersonId = 'No such person';
  if (r.approverPersonId && (await missing(db, 'people', [r.approverPersonId])).size) fields.approverPersonId = 'No such person';
  const each = async (field: string, ids: string[] | undefined, gone: (ids: string[]) => Promise<Set<string>>, what: string) => {
    if (!ids?.length) return;
    const bad = await gone(ids);
    ids.forEach((x, i) => { if (bad.has(x)) fields[`${field}.${i}`] = `No such ${what}`; });
  };
  await each('participantEntityIds', r.participantEntityIds, (ids) => missing(db, 'entities', ids), 'entity');
  await each('riskIds', r.riskIds, (ids) => missing(db, 'risks', ids), 'risk');
  await each('processIds', r.processIds, (ids) => missing(db, 'bc_processes', ids), 'business process');
  await each('teamIds', r.teamIds, (ids) => missing(db, 'teams', ids), 'team');
  await each('contactPersonIds', r.contactPersonIds, (ids) => missing(db, 'people', ids), 'person');
  if (!r.entityId && !r.locationId) fields.entityId = 'A plan belongs to an entity, a duty station, or both';
  if (r.participantEntityIds?.length && !r.locationId) fields.locationId = 'An inter-agency plan is for one duty station';
  return fields;
}

async function setLinks(trx: Transaction<Database>, planId: string, input: Partial<Record<LinkField, string[]>>) {
  for (const [field, kind] of Object.entries(LINK_KINDS) as [LinkField, string][]) {
    const ids = input[field];
    if (!ids) continue;
    await trx.deleteFrom('plan_links').where('plan_id', '=', planId).where('kind', '=', kind).execute();
    const unique = [...new Set(ids)];
    if (unique.length) await trx.insertInto('plan_links').values(unique.map((target_id) => ({ plan_id: planId, kind, target_id }))).execute();
  }
}

async function setParticipants(trx: Transaction<Database>, planId: string, ids: string[] | undefined) {
  if (!ids) return;
  await trx.deleteFrom('plan_entities').where('plan_id', '=', planId).execute();
  const unique = [...new Set(ids)];
  if (unique.length) await trx.insertInto('plan_entities').values(unique.map((entity_id) => ({ plan_id: planId, entity_id }))).execute();
}

async function templateContent(db: Db, planTypeId: string, templateId: string | null): Promise<PlanContent> {
  if (templateId) {
    const t = await db.selectFrom('plan_templates').select('content').where('id', '=', templateId).executeTakeFirst();
    if (!t) throw badRequest('Invalid plan', { templateId: 'No such template' });
    return JSON.parse(t.content) as PlanContent;
  }
  const own = await db.selectFrom('plan_templates').select('content').where('plan_type_id', '=', planTypeId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  const orms = own ?? await db.selectFrom('plan_templates').select('content').where('plan_type_id', 'is', null).orderBy('created_at').limit(1).executeTakeFirst();
  return orms ? (JSON.parse(orms.content) as PlanContent) : { sections: [] };
}

const futureDay = (field: string, day: string | null | undefined): FieldErrors => (day && day < today() ? { [field]: 'The review date must not be in the past' } : {});

export async function createPlan(ctx: Ctx, input: z.infer<typeof planInput>): Promise<PlanOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const fields = { ...(await referenceProblems(trx, input)), ...futureDay('reviewDue', input.reviewDue) };
    const type = await trx.selectFrom('plan_types').select('id').where('id', '=', input.planTypeId).executeTakeFirst();
    if (!type) fields.planTypeId = 'No such plan type';
    if (Object.keys(fields).length) throw badRequest('Invalid plan', fields);
    if (!canOnPlan(ctx.principal, 'plan.write', { entityId: input.entityId, locationId: input.locationId, participants: input.participantEntityIds })) throw forbidden('You may not add plans here');
    const content = await templateContent(trx, input.planTypeId, input.templateId);
    const now = nowIso();
    const row: PlanRow = {
      id: newId(), plan_type_id: input.planTypeId, title: input.title, entity_id: input.entityId, location_id: input.locationId,
      owner_person_id: input.ownerPersonId, approver_person_id: input.approverPersonId, status: 'draft', activation_criteria: input.activationCriteria,
      current_version_id: null, review_due: input.reviewDue, review_triggered_by: null, review_trigger_note: null, review_flagged_at: null,
      search_text: searchText(input.title, input.activationCriteria), created_at: now, updated_at: now,
    };
    await trx.insertInto('plans').values(row).execute();
    await setParticipants(trx, row.id, input.participantEntityIds);
    await setLinks(trx, row.id, input);
    await trx.insertInto('plan_versions').values({
      id: newId(), plan_id: row.id, number: 1, status: 'draft', content: JSON.stringify(content), change_note: 'First draft',
      drafted_by: ctx.principal.userId || null, drafted_by_email: ctx.principal.email, submitted_at: null, approved_by: null, approved_by_email: null,
      approved_at: null, created_at: now, updated_at: now,
    }).execute();
    const out = await presentPlan(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'plan', subjectId: row.id, entityId: row.entity_id, locationId: row.location_id, after: out });
    return out;
  });
}

export async function updatePlan(ctx: Ctx, id: string, patch: z.infer<typeof planPatch>): Promise<PlanOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row: beforeRow, place } = await writablePlan(ctx, trx, id);
    const entityId = patch.entityId !== undefined ? patch.entityId : beforeRow.entity_id;
    const locationId = patch.locationId !== undefined ? patch.locationId : beforeRow.location_id;
    const participants = patch.participantEntityIds ?? [...place.participants];
    const fields = {
      ...(await referenceProblems(trx, { ...patch, entityId, locationId, participantEntityIds: participants })),
      ...(patch.reviewDue !== beforeRow.review_due ? futureDay('reviewDue', patch.reviewDue) : {}),
    };
    if (Object.keys(fields).length) throw badRequest('Invalid plan', fields);
    if (!canOnPlan(ctx.principal, 'plan.write', { ...place, entityId, locationId, participants })) throw forbidden('You may not move the plan there');
    const before = await presentPlan(trx, beforeRow);
    const row: PlanRow = {
      ...beforeRow, title: patch.title ?? beforeRow.title, entity_id: entityId, location_id: locationId,
      owner_person_id: patch.ownerPersonId ?? beforeRow.owner_person_id,
      approver_person_id: patch.approverPersonId !== undefined ? patch.approverPersonId : beforeRow.approver_person_id,
      activation_criteria: patch.activationCriteria ?? beforeRow.activation_criteria,
      review_due: patch.reviewDue !== undefined ? patch.reviewDue : beforeRow.review_due,
      status: patch.status ?? beforeRow.status, updated_at: nowIso(),
    };
    row.search_text = searchText(row.title, row.activation_criteria);
    await trx.updateTable('plans').set(row).where('id', '=', id).execute();
    await setParticipants(trx, id, patch.participantEntityIds);
    await setLinks(trx, id, patch);
    const after = await presentPlan(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'plan', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before, after });
    return after;
  });
}

export { checkContent };
