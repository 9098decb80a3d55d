import type { z } from 'zod';
import { newId, nowIso } from '../../domain/ids.js';
import type { PlanContent } from '../../domain/plans/content.js';
import type { Database } from '../../db/types.js';
import { badRequest, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canAdminPlanTypes } from './policy.js';
import { checkContent } from './content-check.js';
import type { planTypeInput, planTypePatch, templateInput } from './schema.js';

const presentType = (t: Database['plan_types']) => ({ id: t.id, key: t.key, name: t.name, reviewMonths: t.review_months, allowSelfApproval: !!t.allow_self_approval });
const presentTemplate = (t: Database['plan_templates']) => ({ id: t.id, name: t.name, planTypeId: t.plan_type_id, content: JSON.parse(t.content) as PlanContent, createdAt: t.created_at, updatedAt: t.updated_at });

export async function listPlanTypes(ctx: Ctx) {
  return (await ctx.db.selectFrom('plan_types').selectAll().orderBy('name').execute()).map(presentType);
}

function assertAdmin(ctx: Ctx) {
  if (!canAdminPlanTypes(ctx.principal)) throw forbidden('Only administrators define plan types and templates');
}

export async function createPlanType(ctx: Ctx, input: z.infer<typeof planTypeInput>) {
  assertAdmin(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('plan_types').select('id').where('key', '=', input.key).executeTakeFirst()) throw badRequest('Invalid plan type', { key: 'A plan type with this key exists' });
    const now = nowIso();
    const row = { id: newId(), key: input.key, name: input.name, review_months: input.reviewMonths, allow_self_approval: input.allowSelfApproval ? 1 : 0, created_at: now, updated_at: now };
    await trx.insertInto('plan_types').values(row).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'plan_type', subjectId: row.id, after: presentType(row) });
    return presentType(row);
  });
}

export async function updatePlanType(ctx: Ctx, id: string, patch: z.infer<typeof planTypePatch>) {
  assertAdmin(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('plan_types').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Plan type');
    const next = {
      ...row, name: patch.name ?? row.name, review_months: patch.reviewMonths ?? row.review_months,
      allow_self_approval: patch.allowSelfApproval === undefined ? row.allow_self_approval : patch.allowSelfApproval ? 1 : 0, updated_at: nowIso(),
    };
    await trx.updateTable('plan_types').set(next).where('id', '=', id).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'plan_type', subjectId: id, before: presentType(row), after: presentType(next) });
    return presentType(next);
  });
}

export async function listTemplates(ctx: Ctx) {
  return (await ctx.db.selectFrom('plan_templates').selectAll().orderBy('name').execute()).map(presentTemplate);
}

export async function createTemplate(ctx: Ctx, input: z.infer<typeof templateInput>) {
  assertAdmin(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const fields = await checkContent(trx, input.content);
    if (input.planTypeId && !(await trx.selectFrom('plan_types').select('id').where('id', '=', input.planTypeId).executeTakeFirst())) fields.planTypeId = 'No such plan type';
    if (Object.keys(fields).length) throw badRequest('Invalid template', fields);
    const now = nowIso();
    const row = { id: newId(), plan_type_id: input.planTypeId, name: input.name, content: JSON.stringify(input.content), created_at: now, updated_at: now };
    await trx.insertInto('plan_templates').values(row).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'plan_template', subjectId: row.id, after: presentTemplate(row) });
    return presentTemplate(row);
  });
}
