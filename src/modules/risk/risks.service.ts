import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database, RiskRow } from '../../db/types.js';
import { contains, fetchPage, parseSort, searchText, type Page } from '../../db/paging.js';
import { newId, nowIso } from '../../domain/ids.js';
import { isReviewOverdue } from '../../domain/risk/components.js';
import { bandRank, type RiskBand } from '../../domain/risk/bands.js';
import { levelOf, ratingProblems, type Rating } from '../../domain/risk/matrix.js';
import { badRequest, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canOnRisk, canRateFor, riskScope, type RiskPlace } from './policy.js';
import { currentMatrix, matrixById, type StoredMatrix } from './matrices.service.js';
import { riskVisible } from './visibility.js';
import type { ratingInput, riskInput, riskListQuery, riskPatch } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
const today = () => new Date().toISOString().slice(0, 10);

function presentRating(m: StoredMatrix, r: Rating | null) {
  if (!r) return null;
  const level = levelOf(m.definition, r);
  return { likelihood: r.likelihood, impact: r.impact, level: level.key, band: level.band };
}

export async function presentRisk(db: Db, r: RiskRow) {
  const m = await matrixById(db, r.matrix_id);
  return {
    id: r.id, title: r.title, cause: r.cause, event: r.event, consequence: r.consequence,
    entityId: r.entity_id, locationId: r.location_id, jointAssessmentId: r.joint_assessment_id, ownerPersonId: r.owner_person_id,
    components: JSON.parse(r.components) as string[], status: r.status, matrixId: r.matrix_id,
    inherent: presentRating(m, { likelihood: r.inherent_likelihood, impact: r.inherent_impact })!,
    residual: r.residual_likelihood === null || r.residual_impact === null ? null : presentRating(m, { likelihood: r.residual_likelihood, impact: r.residual_impact }),
    reviewDue: r.review_due, reviewOverdue: isReviewOverdue({ status: r.status, reviewDue: r.review_due }, today()),
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
export type RiskOut = Awaited<ReturnType<typeof presentRisk>>;

async function participantsOf(db: Db, assessmentId: string | null): Promise<string[]> {
  if (!assessmentId) return [];
  return (await db.selectFrom('joint_assessment_entities').select('entity_id').where('assessment_id', '=', assessmentId).execute()).map((r) => r.entity_id);
}

async function placeOf(db: Db, r: Pick<RiskRow, 'entity_id' | 'location_id' | 'joint_assessment_id'>): Promise<RiskPlace> {
  return { entityId: r.entity_id, locationId: r.location_id, participants: await participantsOf(db, r.joint_assessment_id) };
}

export async function listRisks(ctx: Ctx, q: z.infer<typeof riskListQuery>): Promise<Page<RiskOut>> {
  const scope = riskScope(ctx.principal, 'risk.read');
  const { key, dir } = parseSort<'title' | 'residual' | 'reviewDue' | 'updatedAt'>(q.sort);
  let qb = ctx.db.selectFrom('risks').selectAll('risks').where((eb) => riskVisible(eb, scope));
  if (q.q) qb = qb.where(contains('risks.search_text', q.q));
  if (q.entityId) qb = qb.where('risks.entity_id', '=', q.entityId);
  if (q.locationId) qb = qb.where('risks.location_id', '=', q.locationId);
  if (q.jointAssessmentId) qb = qb.where('risks.joint_assessment_id', '=', q.jointAssessmentId);
  if (q.component) qb = qb.where('risks.id', 'in', ctx.db.selectFrom('risk_components').select('risk_id').where('component', '=', q.component));
  if (q.band) qb = qb.where('risks.residual_band', '=', q.band);
  if (q.status) qb = qb.where('risks.status', '=', q.status);
  if (q.reviewOverdue !== undefined) {
    qb = q.reviewOverdue
      ? qb.where('risks.review_due', '<', today()).where('risks.status', '!=', 'closed')
      : qb.where((eb) => eb.or([eb('risks.review_due', 'is', null), eb('risks.review_due', '>=', today()), eb('risks.status', '=', 'closed')]));
  }
  if (key === 'residual') {
    // Worst first when descending: order by band rank, then by likelihood × impact.
    qb = qb.orderBy((eb) => eb.case().when('risks.residual_band', 'is', null).then(-1)
      .when('risks.residual_band', '=', 'unacceptable').then(5).when('risks.residual_band', '=', 'very_high').then(4)
      .when('risks.residual_band', '=', 'high').then(3).when('risks.residual_band', '=', 'medium').then(2)
      .when('risks.residual_band', '=', 'low').then(1).else(0).end(), dir);
  } else {
    qb = qb.orderBy(key === 'title' ? 'risks.title' : key === 'reviewDue' ? 'risks.review_due' : 'risks.updated_at', dir);
  }
  const { items, total } = await fetchPage(qb.orderBy('risks.id'), q);
  return { items: await Promise.all(items.map((r) => presentRisk(ctx.db, r))), total, page: q.page, pageSize: q.pageSize };
}

async function getRow(db: Db, id: string): Promise<RiskRow> {
  const row = await db.selectFrom('risks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Risk');
  return row;
}

/** Reads a risk the caller may see; one they may not reads as absent. */
async function visibleRow(ctx: Ctx, db: Db, id: string): Promise<RiskRow> {
  const row = await getRow(db, id);
  if (!canOnRisk(ctx.principal, 'risk.read', await placeOf(db, row))) throw notFound('Risk');
  return row;
}

export async function getRisk(ctx: Ctx, id: string): Promise<RiskOut> {
  return presentRisk(ctx.db, await visibleRow(ctx, ctx.db, id));
}

function ratingFieldErrors(m: StoredMatrix, inherent: Rating | undefined, residual: Rating | null | undefined): FieldErrors {
  return {
    ...(inherent ? ratingProblems(m.definition, inherent, 'inherent.') : {}),
    ...(residual ? ratingProblems(m.definition, residual, 'residual.') : {}),
  };
}

async function referenceProblems(db: Db, r: { entityId: string | null; locationId: string | null; ownerPersonId: string | null }): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  if (r.entityId && !(await db.selectFrom('entities').select('id').where('id', '=', r.entityId).executeTakeFirst())) fields.entityId = 'No such entity';
  if (r.locationId && !(await db.selectFrom('locations').select('id').where('id', '=', r.locationId).executeTakeFirst())) fields.locationId = 'No such location';
  if (r.ownerPersonId && !(await db.selectFrom('people').select('id').where('id', '=', r.ownerPersonId).executeTakeFirst())) fields.ownerPersonId = 'No such person';
  return fields;
}

const bandOf = (m: StoredMatrix, r: Rating) => levelOf(m.definition, r).band;

async function recordRating(trx: Transaction<Database>, ctx: Ctx, riskId: string, kind: 'inherent' | 'residual', m: StoredMatrix, r: Rating, entityId: string | null, note: string | null) {
  const level = levelOf(m.definition, r);
  await trx.insertInto('risk_ratings').values({
    id: newId(), risk_id: riskId, kind, matrix_id: m.id, likelihood: r.likelihood, impact: r.impact, level: level.key, band: level.band,
    entity_id: entityId, note, rated_by: ctx.principal.email, rated_at: nowIso(),
  }).execute();
}

async function setComponents(trx: Transaction<Database>, riskId: string, components: string[]) {
  await trx.deleteFrom('risk_components').where('risk_id', '=', riskId).execute();
  await trx.insertInto('risk_components').values([...new Set(components)].map((component) => ({ risk_id: riskId, component }))).execute();
}

export async function createRisk(ctx: Ctx, input: z.infer<typeof riskInput>): Promise<RiskOut> {
  return ctx.db.transaction().execute(async (trx) => {
    let { entityId, locationId } = input;
    let matrix: StoredMatrix;
    if (input.jointAssessmentId) {
      const ja = await trx.selectFrom('joint_assessments').select(['location_id', 'matrix_id']).where('id', '=', input.jointAssessmentId).executeTakeFirst();
      if (!ja) throw badRequest('No such joint assessment', { jointAssessmentId: 'No such joint assessment' });
      if (entityId) throw badRequest('A joint-assessment scenario is shared: it has no owning entity', { entityId: 'Leave empty for a joint assessment' });
      if (locationId && locationId !== ja.location_id) throw badRequest('The scenario is at the assessment\'s duty station', { locationId: 'Must be the joint assessment\'s duty station' });
      locationId = ja.location_id;
      entityId = null;
      matrix = await matrixById(trx, ja.matrix_id);
    } else {
      if (!entityId && !locationId) throw badRequest('A risk belongs to an entity\'s register, a duty station, or a joint assessment', { entityId: 'Give an entity, a location or a joint assessment' });
      matrix = await currentMatrix(trx, input.matrixKey);
    }
    const fields = { ...ratingFieldErrors(matrix, input.inherent, input.residual), ...(await referenceProblems(trx, { entityId, locationId, ownerPersonId: input.ownerPersonId })) };
    if (Object.keys(fields).length) throw badRequest('Invalid risk', fields);
    const place: RiskPlace = { entityId, locationId, participants: await participantsOf(trx, input.jointAssessmentId) };
    if (!canOnRisk(ctx.principal, 'risk.write', place)) throw forbidden('You may not add risks here');
    const now = nowIso();
    const row: RiskRow = {
      id: newId(), title: input.title, cause: input.cause, event: input.event, consequence: input.consequence,
      entity_id: entityId, location_id: locationId, joint_assessment_id: input.jointAssessmentId, owner_person_id: input.ownerPersonId,
      components: JSON.stringify([...new Set(input.components)]), status: input.status, matrix_id: matrix.id,
      inherent_likelihood: input.inherent.likelihood, inherent_impact: input.inherent.impact, inherent_band: bandOf(matrix, input.inherent),
      residual_likelihood: input.residual?.likelihood ?? null, residual_impact: input.residual?.impact ?? null,
      residual_band: input.residual ? bandOf(matrix, input.residual) : null, review_due: input.reviewDue,
      search_text: searchText(input.title, input.cause, input.event, input.consequence), created_at: now, updated_at: now,
    };
    await trx.insertInto('risks').values(row).execute();
    await setComponents(trx, row.id, input.components);
    await recordRating(trx, ctx, row.id, 'inherent', matrix, input.inherent, null, null);
    if (input.residual) await recordRating(trx, ctx, row.id, 'residual', matrix, input.residual, null, null);
    const out = await presentRisk(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'risk', subjectId: row.id, entityId, locationId, after: out });
    return out;
  });
}

export async function updateRisk(ctx: Ctx, id: string, patch: z.infer<typeof riskPatch>): Promise<RiskOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const beforeRow = await visibleRow(ctx, trx, id);
    const place = await placeOf(trx, beforeRow);
    if (!canOnRisk(ctx.principal, 'risk.write', place)) throw forbidden('You may not change this risk');
    const joint = !!beforeRow.joint_assessment_id;
    if (joint && (patch.entityId || (patch.locationId && patch.locationId !== beforeRow.location_id))) {
      throw badRequest('A joint-assessment scenario stays at its assessment', { [patch.entityId ? 'entityId' : 'locationId']: 'Cannot change for a joint assessment' });
    }
    // Ratings are scored on the matrix version the risk was first rated on, never silently re-scored.
    const matrix = await matrixById(trx, beforeRow.matrix_id);
    const entityId = patch.entityId !== undefined ? patch.entityId : beforeRow.entity_id;
    const locationId = patch.locationId !== undefined ? patch.locationId : beforeRow.location_id;
    const fields = { ...ratingFieldErrors(matrix, patch.inherent, patch.residual), ...(await referenceProblems(trx, { entityId: patch.entityId ?? null, locationId: patch.locationId ?? null, ownerPersonId: patch.ownerPersonId ?? null })) };
    if (!joint && !entityId && !locationId) fields.entityId = 'Give an entity or a location';
    if (Object.keys(fields).length) throw badRequest('Invalid risk', fields);
    if (!canOnRisk(ctx.principal, 'risk.write', { ...place, entityId, locationId })) throw forbidden('You may not move the risk there');
    const residual = patch.residual !== undefined ? patch.residual
      : beforeRow.residual_likelihood === null ? null : { likelihood: beforeRow.residual_likelihood, impact: beforeRow.residual_impact! };
    const inherent = patch.inherent ?? { likelihood: beforeRow.inherent_likelihood, impact: beforeRow.inherent_impact };
    const row: RiskRow = {
      ...beforeRow,
      title: patch.title ?? beforeRow.title, cause: patch.cause ?? beforeRow.cause, event: patch.event ?? beforeRow.event,
      consequence: patch.consequence ?? beforeRow.consequence, entity_id: entityId, location_id: locationId,
      owner_person_id: patch.ownerPersonId !== undefined ? patch.ownerPersonId : beforeRow.owner_person_id,
      components: patch.components ? JSON.stringify([...new Set(patch.components)]) : beforeRow.components,
      status: patch.status ?? beforeRow.status,
      inherent_likelihood: inherent.likelihood, inherent_impact: inherent.impact, inherent_band: bandOf(matrix, inherent),
      residual_likelihood: residual?.likelihood ?? null, residual_impact: residual?.impact ?? null, residual_band: residual ? bandOf(matrix, residual) : null,
      review_due: patch.reviewDue !== undefined ? patch.reviewDue : beforeRow.review_due, updated_at: nowIso(),
    };
    row.search_text = searchText(row.title, row.cause, row.event, row.consequence);
    await trx.updateTable('risks').set(row).where('id', '=', id).execute();
    if (patch.components) await setComponents(trx, id, patch.components);
    if (patch.inherent) await recordRating(trx, ctx, id, 'inherent', matrix, patch.inherent, null, null);
    if (patch.residual) await recordRating(trx, ctx, id, 'residual', matrix, patch.residual, null, null);
    const after = await presentRisk(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'risk', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: await presentRisk(trx, beforeRow), after });
    return after;
  });
}

export async function deleteRisk(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await visibleRow(ctx, trx, id);
    if (!canOnRisk(ctx.principal, 'risk.write', await placeOf(trx, row))) throw forbidden('You may not delete this risk');
    const before = await presentRisk(trx, row);
    await trx.deleteFrom('risks').where('id', '=', id).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'risk', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before });
  });
}

/**
 * Adds a rating to the history. In a joint assessment each participating entity rates the
 * scenario; the risk's current rating is the worst of the entities' latest ratings.
 */
export async function rateRisk(ctx: Ctx, id: string, input: z.infer<typeof ratingInput>): Promise<RiskOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await visibleRow(ctx, trx, id);
    const place = await placeOf(trx, row);
    const matrix = await matrixById(trx, row.matrix_id);
    const fields: FieldErrors = ratingProblems(matrix.definition, input);
    if (place.participants.length) {
      if (!input.entityId) fields.entityId = 'In a joint assessment, say which participating entity gives the rating';
      else if (!place.participants.includes(input.entityId)) fields.entityId = 'Not a participant of this joint assessment';
    } else if (input.entityId) fields.entityId = 'Only joint-assessment ratings name an entity';
    if (Object.keys(fields).length) throw badRequest('Invalid rating', fields);
    if (!canRateFor(ctx.principal, place, input.entityId)) throw forbidden('You may not rate this risk for that entity');
    const before = await presentRisk(trx, row);
    await recordRating(trx, ctx, id, input.kind, matrix, input, input.entityId, input.note);
    const current = place.participants.length ? await worstLatest(trx, id, input.kind, matrix) : { likelihood: input.likelihood, impact: input.impact };
    const band = bandOf(matrix, current);
    const set = input.kind === 'inherent'
      ? { inherent_likelihood: current.likelihood, inherent_impact: current.impact, inherent_band: band }
      : { residual_likelihood: current.likelihood, residual_impact: current.impact, residual_band: band };
    await trx.updateTable('risks').set({ ...set, updated_at: nowIso() }).where('id', '=', id).execute();
    const after = await presentRisk(trx, await getRow(trx, id));
    await recordAudit(trx, ctxActor(ctx), { action: 'rate', subjectType: 'risk', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before, after: { ...after, ratedFor: input.entityId, note: input.note } });
    return after;
  });
}

async function worstLatest(trx: Transaction<Database>, riskId: string, kind: string, m: StoredMatrix): Promise<Rating> {
  const rows = await trx.selectFrom('risk_ratings').select(['entity_id', 'likelihood', 'impact', 'rated_at', 'id'])
    .where('risk_id', '=', riskId).where('kind', '=', kind).where('entity_id', 'is not', null).orderBy('id', 'desc').execute();
  const latest = new Map<string, Rating>();
  for (const r of rows) if (!latest.has(r.entity_id!)) latest.set(r.entity_id!, { likelihood: r.likelihood, impact: r.impact });
  const score = (r: Rating) => bandRank(bandOf(m, r) as RiskBand) * 1000 + r.likelihood * r.impact;
  return [...latest.values()].reduce((a, b) => (score(b) > score(a) ? b : a));
}

export async function ratingHistory(ctx: Ctx, id: string) {
  await visibleRow(ctx, ctx.db, id);
  const rows = await ctx.db.selectFrom('risk_ratings').selectAll().where('risk_id', '=', id).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, matrixId: r.matrix_id, likelihood: r.likelihood, impact: r.impact, level: r.level, band: r.band,
    entityId: r.entity_id, note: r.note, ratedBy: r.rated_by, ratedAt: r.rated_at,
  }));
}

export { placeOf, visibleRow };
