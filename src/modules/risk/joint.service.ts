import type { z } from 'zod';
import { fetchPage, type Page } from '../../db/paging.js';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canOnRisk, riskScope } from './policy.js';
import { currentMatrix } from './matrices.service.js';
import type { jointAssessmentInput, jointAssessmentListQuery } from './schema.js';

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
  const { items, total } = await fetchPage(qb.orderBy('assessed_on', 'desc').orderBy('id'), q);
  const members = items.length
    ? await ctx.db.selectFrom('joint_assessment_entities').selectAll().where('assessment_id', 'in', items.map((i) => i.id)).execute()
    : [];
  return { items: items.map((r) => present(r, members.filter((m) => m.assessment_id === r.id).map((m) => m.entity_id))), total, page: q.page, pageSize: q.pageSize };
}

export async function getJointAssessment(ctx: Ctx, id: string): Promise<JointAssessmentOut> {
  const row = await ctx.db.selectFrom('joint_assessments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Joint assessment');
  const entityIds = (await ctx.db.selectFrom('joint_assessment_entities').select('entity_id').where('assessment_id', '=', id).execute()).map((r) => r.entity_id);
  if (!canOnRisk(ctx.principal, 'risk.read', { entityId: null, locationId: row.location_id, participants: entityIds })) throw notFound('Joint assessment');
  return present(row, entityIds);
}
