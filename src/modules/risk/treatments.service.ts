import type { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Database, TreatmentRow } from '../../db/types.js';
import { fetchPage, type Page } from '../../db/paging.js';
import { newId, nowIso } from '../../domain/ids.js';
import { isTreatmentOverdue } from '../../domain/risk/components.js';
import { badRequest, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canOnRisk, riskScope } from './policy.js';
import { placeOf, visibleRow } from './risks.service.js';
import { riskVisible } from './visibility.js';
import { renderTable, type Cell } from '../../server/tabular.js';
import type { treatmentInput, treatmentListQuery, treatmentPatch } from './schema.js';

type TreatmentInput = z.infer<typeof treatmentInput>;
const today = () => new Date().toISOString().slice(0, 10);

export const presentTreatment = (t: TreatmentRow, riskTitle?: string, ownerName?: string) => ({
  id: t.id, riskId: t.risk_id, ...(riskTitle === undefined ? {} : { riskTitle }), action: t.action, ownerPersonId: t.owner_person_id,
  ...(ownerName === undefined ? {} : { ownerName }),
  startDate: t.start_date, dueDate: t.due_date, status: t.status, cost: t.cost, currency: t.currency, completedOn: t.completed_on,
  overdue: isTreatmentOverdue({ status: t.status, dueDate: t.due_date }, today()), createdAt: t.created_at, updatedAt: t.updated_at,
});
export type TreatmentOut = ReturnType<typeof presentTreatment>;

async function problems(trx: Transaction<Database>, t: TreatmentInput): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  if (!(await trx.selectFrom('people').select('id').where('id', '=', t.ownerPersonId).executeTakeFirst())) fields.ownerPersonId = 'No such person';
  if (t.startDate && t.dueDate && t.dueDate < t.startDate) fields.dueDate = 'Must not be before the start date';
  if (t.completedOn && t.startDate && t.completedOn < t.startDate) fields.completedOn = 'Must not be before the start date';
  if (t.status === 'done' && !t.completedOn) fields.completedOn = 'Say when a done treatment was completed';
  if (t.status !== 'done' && t.completedOn) fields.completedOn = 'Only a done treatment has a completion date';
  if (t.cost !== null && !t.currency) fields.currency = 'Give the currency of the cost';
  return fields;
}

/** The tracker: treatments of visible risks, overdue first, then by due date. */
export async function listTreatments(ctx: Ctx, q: z.infer<typeof treatmentListQuery>): Promise<Page<TreatmentOut>> {
  const scope = riskScope(ctx.principal, 'risk.read');
  const day = today();
  let qb = ctx.db.selectFrom('treatments').innerJoin('risks', 'risks.id', 'treatments.risk_id')
    .innerJoin('people', 'people.id', 'treatments.owner_person_id')
    .selectAll('treatments').select(['risks.title as risk_title', 'people.family_name', 'people.given_name']).where((eb) => riskVisible(eb, scope));
  if (q.riskId) qb = qb.where('treatments.risk_id', '=', q.riskId);
  if (q.ownerPersonId) qb = qb.where('treatments.owner_person_id', '=', q.ownerPersonId);
  if (q.status) qb = qb.where('treatments.status', '=', q.status);
  if (q.entityId) qb = qb.where('risks.entity_id', '=', q.entityId);
  if (q.locationId) qb = qb.where('risks.location_id', '=', q.locationId);
  const open = ['planned', 'in_progress'];
  if (q.overdue !== undefined) {
    qb = q.overdue
      ? qb.where('treatments.due_date', '<', day).where('treatments.status', 'in', open)
      : qb.where((eb) => eb.or([eb('treatments.due_date', 'is', null), eb('treatments.due_date', '>=', day), eb('treatments.status', 'not in', open)]));
  }
  qb = qb.orderBy((eb) => eb.case().when(eb.and([eb('treatments.due_date', '<', day), eb('treatments.status', 'in', open)])).then(0).else(1).end())
    .orderBy((eb) => eb.case().when('treatments.due_date', 'is', null).then(1).else(0).end())
    .orderBy('treatments.due_date').orderBy('treatments.id');
  const { items, total } = await fetchPage(qb, q);
  return { items: items.map((t) => presentTreatment(t, t.risk_title, `${t.family_name}, ${t.given_name}`)), total, page: q.page, pageSize: q.pageSize };
}

async function writableRisk(ctx: Ctx, trx: Transaction<Database>, riskId: string) {
  const risk = await visibleRow(ctx, trx, riskId);
  if (!canOnRisk(ctx.principal, 'risk.write', await placeOf(trx, risk))) throw forbidden('You may not change the treatments of this risk');
  return risk;
}

export async function createTreatment(ctx: Ctx, riskId: string, input: TreatmentInput): Promise<TreatmentOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const risk = await writableRisk(ctx, trx, riskId);
    const fields = await problems(trx, input);
    if (Object.keys(fields).length) throw badRequest('Invalid treatment', fields);
    const now = nowIso();
    const row: TreatmentRow = {
      id: newId(), risk_id: riskId, action: input.action, owner_person_id: input.ownerPersonId, start_date: input.startDate, due_date: input.dueDate,
      status: input.status, cost: input.cost, currency: input.currency, completed_on: input.completedOn, created_at: now, updated_at: now,
    };
    await trx.insertInto('treatments').values(row).execute();
    const out = presentTreatment(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'treatment', subjectId: row.id, entityId: risk.entity_id, locationId: risk.location_id, after: out });
    return out;
  });
}

async function getRow(trx: Transaction<Database>, id: string): Promise<TreatmentRow> {
  const row = await trx.selectFrom('treatments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Treatment');
  return row;
}

export async function updateTreatment(ctx: Ctx, id: string, patch: z.infer<typeof treatmentPatch>): Promise<TreatmentOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getRow(trx, id);
    const risk = await writableRisk(ctx, trx, before.risk_id);
    const merged: TreatmentInput = {
      action: patch.action ?? before.action, ownerPersonId: patch.ownerPersonId ?? before.owner_person_id,
      startDate: patch.startDate !== undefined ? patch.startDate : before.start_date, dueDate: patch.dueDate !== undefined ? patch.dueDate : before.due_date,
      status: (patch.status ?? before.status) as TreatmentInput['status'], cost: patch.cost !== undefined ? patch.cost : before.cost,
      currency: patch.currency !== undefined ? patch.currency : before.currency, completedOn: patch.completedOn !== undefined ? patch.completedOn : before.completed_on,
    };
    const fields = await problems(trx, merged);
    if (Object.keys(fields).length) throw badRequest('Invalid treatment', fields);
    const row: TreatmentRow = {
      ...before, action: merged.action, owner_person_id: merged.ownerPersonId, start_date: merged.startDate, due_date: merged.dueDate,
      status: merged.status, cost: merged.cost, currency: merged.currency, completed_on: merged.completedOn, updated_at: nowIso(),
    };
    await trx.updateTable('treatments').set(row).where('id', '=', id).execute();
    const out = presentTreatment(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'treatment', subjectId: id, entityId: risk.entity_id, locationId: risk.location_id, before: presentTreatment(before), after: out });
    return out;
  });
}

export async function deleteTreatment(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getRow(trx, id);
    const risk = await writableRisk(ctx, trx, before.risk_id);
    await trx.deleteFrom('treatments').where('id', '=', id).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'treatment', subjectId: id, entityId: risk.entity_id, locationId: risk.location_id, before: presentTreatment(before) });
  });
}

export const TREATMENT_COLUMNS = ['id', 'risk_id', 'risk_title', 'action', 'owner_person_id', 'owner_name', 'start_date', 'due_date', 'status', 'cost', 'currency', 'completed_on', 'overdue'] as const;

/** The tracker as CSV or XLSX, in the tracker's order (overdue first), with its filters. */
export async function exportTreatments(ctx: Ctx, q: z.infer<typeof treatmentListQuery>, format: 'csv' | 'xlsx') {
  const rows: Cell[][] = [];
  for (let page = 1; page <= 200; page++) {
    const { items } = await listTreatments(ctx, { ...q, page, pageSize: 500 });
    for (const t of items) {
      rows.push([t.id, t.riskId, t.riskTitle ?? '', t.action, t.ownerPersonId, t.ownerName ?? '', t.startDate ?? '', t.dueDate ?? '', t.status, t.cost, t.currency ?? '', t.completedOn ?? '', t.overdue]);
    }
    if (items.length < 500) break;
  }
  return renderTable(format, TREATMENT_COLUMNS, rows, 'Treatments');
}
