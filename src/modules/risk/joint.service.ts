import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import { fetchPage, type Page } from '../../db/paging.js';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canOnRisk, riskScope } from './policy.js';
import { currentMatrix } from './matrices.service.js';
import type { jointAssessmentInput, jointAssessmentListQuery, jointAssessmentPatch } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

const present = (r: Database['joint_assessments'], entityIds: string[]) => ({
  id: r.id, title: r.title, locationId: r.location_id, assessedOn: r.assessed_on, status: r.status, matrixId: r.matrix_id,
  entityIds, createdAt: r.created_at, updatedAt: r.updated_at,
});
export type JointAssessmentOut = ReturnType<typeof present>;

/** A joint assessment is a dated exercise at a duty station in which several entities rate the same scenarios. */
export async function createJointAssessment(ctx: Ctx, input: z.infer<typeof jointAssessmentInput>): Promise<JointAssessmentOut> {
  const entityIds = [...new Set(input.entityIds)];
  if (!canOnRisk(ctx.principal, 'risk.write', { entityId: null, locationId: input.locationId, participants: entityIds })) {
    throw forbidden('You may not organize a joint assessment here');
  }
  return ctx.db.transaction().execute(async (trx) => {
    const loc = await trx.selectFrom('locations').select('kind').where('id', '=', input.locationId).executeTakeFirst();
    if (!loc || loc.kind !== 'duty_station') throw badRequest('Invalid joint assessment', { locationId: 'No such duty station' });
    const found = await trx.selectFrom('entities').select('id').where('id', 'in', entityIds).execute();
    if (found.length !== entityIds.length) {
      const missing = entityIds.findIndex((e) => !found.some((f) => f.id === e));
      throw badRequest('Invalid joint assessment', { [`entityIds.${missing}`]: 'No such entity' });
    }
    if (entityIds.length < 2) throw badRequest('Invalid joint assessment', { entityIds: 'At least two different entities' });
    const matrix = await currentMatrix(trx, input.matrixKey);
    const now = nowIso();
    const row = { id: newId(), title: input.title, location_id: input.locationId, assessed_on: input.assessedOn, status: input.status, matrix_id: matrix.id, created_at: now, updated_at: now };
    await trx.insertInto('joint_assessments').values(row).execute();
    await trx.insertInto('joint_assessment_entities').values(entityIds.map((entity_id) => ({ assessment_id: row.id, entity_id }))).execute();
    const out = present(row, entityIds);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'joint_assessment', subjectId: row.id, locationId: row.location_id, after: out });
    return out;
  });
}

export async function listJointAssessments(ctx: Ctx, q: z.infer<typeof jointAssessmentListQuery>): Promise<Page<JointAssessmentOut>> {
  const scope = riskScope(ctx.principal, 'risk.read');
  let qb = ctx.db.selectFrom('joint_assessments').selectAll();
  if (!scope.all) {
    qb = qb.where((eb) => eb.or([
      ...(scope.locationIds.length ? [eb('location_id', 'in', scope.locationIds)] : []),
      ...(scope.entityIds.length ? [eb('id', 'in', eb.selectFrom('joint_assessment_entities').select('assessment_id').where('entity_id', 'in', scope.entityIds))] : []),
      eb.lit(false),
    ]));
  }
  if (q.locationId) qb = qb.where('location_id', '=', q.locationId);
  if (q.status) qb = qb.where('status', '=', q.status);
  const { items, total } = await fetchPage(qb.orderBy('assessed_on', 'desc').orderBy('id'), q);
  const members = items.length
    ? await ctx.db.selectFrom('joint_assessment_entities').selectAll().where('assessment_id', 'in', items.map((i) => i.id)).execute()
    : [];
  return { items: items.map((r) => present(r, members.filter((m) => m.assessment_id === r.id).map((m) => m.entity_id))), total, page: q.page, pageSize: q.pageSize };
}

async function visibleAssessment(ctx: Ctx, db: Db, id: string) {
  const row = await db.selectFrom('joint_assessments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Joint assessment');
  const entityIds = (await db.selectFrom('joint_assessment_entities').select('entity_id').where('assessment_id', '=', id).orderBy('entity_id').execute()).map((r) => r.entity_id);
  if (!canOnRisk(ctx.principal, 'risk.read', { entityId: null, locationId: row.location_id, participants: entityIds })) throw notFound('Joint assessment');
  return { row, entityIds };
}

export async function getJointAssessment(ctx: Ctx, id: string): Promise<JointAssessmentOut> {
  const { row, entityIds } = await visibleAssessment(ctx, ctx.db, id);
  return present(row, entityIds);
}

/**
 * Changes the title, date, status or participants. An entity that has already rated a scenario
 * stays: its ratings are part of the record.
 */
export async function updateJointAssessment(ctx: Ctx, id: string, patch: z.infer<typeof jointAssessmentPatch>): Promise<JointAssessmentOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, entityIds: beforeIds } = await visibleAssessment(ctx, trx, id);
    const entityIds = patch.entityIds ? [...new Set(patch.entityIds)] : beforeIds;
    const place = (ids: string[]) => ({ entityId: null, locationId: row.location_id, participants: ids });
    if (!canOnRisk(ctx.principal, 'risk.write', place(beforeIds))) throw forbidden('You may not change this joint assessment');
    if (patch.entityIds) {
      if (entityIds.length < 2) throw badRequest('Invalid joint assessment', { entityIds: 'At least two different entities' });
      const found = await trx.selectFrom('entities').select('id').where('id', 'in', entityIds).execute();
      const missing = entityIds.findIndex((e) => !found.some((f) => f.id === e));
      if (missing >= 0) throw badRequest('Invalid joint assessment', { [`entityIds.${missing}`]: 'No such entity' });
      const removed = beforeIds.filter((e) => !entityIds.includes(e));
      if (removed.length) {
        const rated = await trx.selectFrom('risk_ratings').innerJoin('risks', 'risks.id', 'risk_ratings.risk_id').select('risk_ratings.entity_id')
          .where('risks.joint_assessment_id', '=', id).where('risk_ratings.entity_id', 'in', removed).limit(1).executeTakeFirst();
        if (rated) throw badRequest('An entity that has rated stays in the assessment', { entityIds: 'An entity that has already rated a scenario cannot be removed' });
      }
      // Who changes the participants must still be one of them (or cover the duty station) afterwards.
      if (!canOnRisk(ctx.principal, 'risk.write', place(entityIds))) throw forbidden('You may not change this joint assessment');
    }
    const next = { ...row, title: patch.title ?? row.title, assessed_on: patch.assessedOn ?? row.assessed_on, status: patch.status ?? row.status, updated_at: nowIso() };
    await trx.updateTable('joint_assessments').set(next).where('id', '=', id).execute();
    if (patch.entityIds) {
      await trx.deleteFrom('joint_assessment_entities').where('assessment_id', '=', id).execute();
      await trx.insertInto('joint_assessment_entities').values(entityIds.map((entity_id) => ({ assessment_id: id, entity_id }))).execute();
    }
    const after = present(next, entityIds);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'joint_assessment', subjectId: id, locationId: row.location_id, before: present(row, beforeIds), after });
    return after;
  });
}

/** Side by side: the latest rating each participating entity gave each scenario, inherent and residual. */
export async function jointRatings(ctx: Ctx, id: string) {
  await visibleAssessment(ctx, ctx.db, id);
  const rows = await ctx.db.selectFrom('risk_ratings').innerJoin('risks', 'risks.id', 'risk_ratings.risk_id').selectAll('risk_ratings')
    .where('risks.joint_assessment_id', '=', id).where('risk_ratings.entity_id', 'is not', null).orderBy('risk_ratings.id', 'desc').execute();
  const seen = new Set<string>();
  const out = [];
  for (const r of rows) {
    const key = `${r.risk_id}:${r.entity_id}:${r.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ riskId: r.risk_id, entityId: r.entity_id!, kind: r.kind, likelihood: r.likelihood, impact: r.impact, level: r.level, band: r.band, note: r.note, ratedBy: r.rated_by, ratedAt: r.rated_at });
  }
  return out;
}
