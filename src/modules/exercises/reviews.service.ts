import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { fetchPage, type Page } from '../../db/paging.js';
import { CLOSED_ACTION_STATUSES } from '../../domain/plans/catalog.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { flagForReview } from '../plans/review.service.js';
import { canOnExercise, canUpdateAction, exerciseScope } from './policy.js';
import { inExerciseScope } from './exercises.service.js';
import { renderTable, type Cell } from '../../server/tabular.js';
import type { actionExportQuery, actionListQuery, actionPatch, findingOnlyInput, reviewInput, reviewListQuery, reviewPatch } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type ReviewRow = Database['after_action_reviews'];
type ActionRow = Database['corrective_actions'];
const today = () => new Date().toISOString().slice(0, 10);

const presentAction = (a: ActionRow) => ({
  id: a.id, reviewId: a.review_id, finding: a.finding, action: a.action, ownerPersonId: a.owner_person_id, dueDate: a.due_date, status: a.status,
  planId: a.plan_id, closedOn: a.closed_on, overdue: !CLOSED_ACTION_STATUSES.includes(a.status) && a.due_date < today(), createdAt: a.created_at, updatedAt: a.updated_at,
});

async function presentReview(db: Db, r: ReviewRow) {
  const actions = await db.selectFrom('corrective_actions').selectAll().where('review_id', '=', r.id).orderBy('created_at').orderBy('id').execute();
  return {
    id: r.id, kind: r.kind, exerciseId: r.exercise_id, title: r.title, eventDate: r.event_date, entityId: r.entity_id, locationId: r.location_id,
    whatHappened: r.what_happened, whatWorked: r.what_worked, whatDidNot: r.what_did_not, actions: actions.map(presentAction), createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
export type ReviewOut = Awaited<ReturnType<typeof presentReview>>;

async function reviewRow(ctx: Ctx, db: Db, id: string) {
  const r = await db.selectFrom('after_action_reviews').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r || !canOnExercise(ctx.principal, 'exercise.read', { entityId: r.entity_id, locationId: r.location_id })) throw notFound('After-action review');
  return r;
}

async function findingProblems(db: Db, findings: z.infer<typeof findingOnlyInput>[], prefix: string): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  const people = new Set((findings.length ? await db.selectFrom('people').select('id').where('id', 'in', findings.map((f) => f.ownerPersonId)).execute() : []).map((p) => p.id));
  const planIds = findings.map((f) => f.planId).filter((x): x is string => !!x);
  const plans = new Set((planIds.length ? await db.selectFrom('plans').select('id').where('id', 'in', planIds).execute() : []).map((p) => p.id));
  findings.forEach((f, i) => {
    if (!people.has(f.ownerPersonId)) fields[`${prefix}${i}.ownerPersonId`] = 'No such person';
    if (f.planId && !plans.has(f.planId)) fields[`${prefix}${i}.planId`] = 'No such plan';
  });
  return fields;
}

/** Inserts corrective actions; each one naming a plan flags that plan for review. */
async function addActions(trx: Transaction<Database>, ctx: Ctx, review: ReviewRow, findings: z.infer<typeof findingOnlyInput>[]) {
  const now = nowIso();
  const rows: ActionRow[] = findings.map((f) => ({
    id: newId(), review_id: review.id, finding: f.finding, action: f.action, owner_person_id: f.ownerPersonId, due_date: f.dueDate, status: 'open',
    plan_id: f.planId, closed_on: null, created_at: now, updated_at: now,
  }));
  if (rows.length) await trx.insertInto('corrective_actions').values(rows).execute();
  for (const a of rows) {
    if (!a.plan_id) continue;
    await flagForReview(trx, ctxActor(ctx), a.plan_id, {
      trigger: review.kind === 'exercise' ? 'exercise_finding' : 'real_event', note: `${review.title}: ${a.finding}`, sourceType: 'corrective_action', sourceId: a.id,
    });
  }
  return rows;
}

export async function createReview(ctx: Ctx, input: z.infer<typeof reviewInput>): Promise<ReviewOut> {
  return ctx.db.transaction().execute(async (trx) => {
    let { entityId, locationId } = input;
    const fields: FieldErrors = {};
    if (input.kind === 'exercise') {
      const ex = input.exerciseId ? await trx.selectFrom('exercises').selectAll().where('id', '=', input.exerciseId).executeTakeFirst() : undefined;
      if (!ex) fields.exerciseId = input.exerciseId ? 'No such exercise' : 'An exercise review names its exercise';
      else { entityId ??= ex.entity_id; locationId ??= ex.location_id; }
    } else if (input.exerciseId) fields.exerciseId = 'A review of a real event has no exercise';
    if (!entityId && !locationId) fields.locationId = 'Give the entity or duty station the review is for';
    if (entityId && !(await trx.selectFrom('entities').select('id').where('id', '=', entityId).executeTakeFirst())) fields.entityId = 'No such entity';
    if (locationId && !(await trx.selectFrom('locations').select('id').where('id', '=', locationId).executeTakeFirst())) fields.locationId = 'No such location';
    Object.assign(fields, await findingProblems(trx, input.findings, 'findings.'));
    if (Object.keys(fields).length) throw badRequest('Invalid after-action review', fields);
    if (!canOnExercise(ctx.principal, 'exercise.write', { entityId, locationId })) throw forbidden('You may not review events here');
    const now = nowIso();
    const row: ReviewRow = {
      id: newId(), kind: input.kind, exercise_id: input.exerciseId, title: input.title, event_date: input.eventDate, entity_id: entityId, location_id: locationId,
      what_happened: input.whatHappened, what_worked: input.whatWorked, what_did_not: input.whatDidNot, created_at: now, updated_at: now,
    };
    await trx.insertInto('after_action_reviews').values(row).execute();
    await addActions(trx, ctx, row, input.findings);
    const out = await presentReview(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'after_action_review', subjectId: row.id, entityId, locationId, after: out });
    return out;
  });
}

export async function addFinding(ctx: Ctx, reviewId: string, input: z.infer<typeof findingOnlyInput>): Promise<ReviewOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await reviewRow(ctx, trx, reviewId);
    if (!canOnExercise(ctx.principal, 'exercise.write', { entityId: r.entity_id, locationId: r.location_id })) throw forbidden('You may not change this review');
    const fields = await findingProblems(trx, [input], '');
    if (Object.keys(fields).length) throw badRequest('Invalid finding', Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^0\./, ''), v])));
    const [a] = await addActions(trx, ctx, r, [input]);
    await recordAudit(trx, ctxActor(ctx), { action: 'add_finding', subjectType: 'after_action_review', subjectId: r.id, entityId: r.entity_id, locationId: r.location_id, after: presentAction(a!) });
    return presentReview(trx, r);
  });
}

/** Changes the narrative of a review (its findings change through their corrective actions). */
export async function updateReview(ctx: Ctx, id: string, patch: z.infer<typeof reviewPatch>): Promise<ReviewOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await reviewRow(ctx, trx, id);
    if (!canOnExercise(ctx.principal, 'exercise.write', { entityId: r.entity_id, locationId: r.location_id })) throw forbidden('You may not change this review');
    const before = await presentReview(trx, r);
    const next: ReviewRow = {
      ...r, title: patch.title ?? r.title, event_date: patch.eventDate ?? r.event_date, what_happened: patch.whatHappened ?? r.what_happened,
      what_worked: patch.whatWorked ?? r.what_worked, what_did_not: patch.whatDidNot ?? r.what_did_not, updated_at: nowIso(),
    };
    await trx.updateTable('after_action_reviews').set(next).where('id', '=', id).execute();
    const after = await presentReview(trx, next);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'after_action_review', subjectId: id, entityId: r.entity_id, locationId: r.location_id, before, after });
    return after;
  });
}

export const getReview = async (ctx: Ctx, id: string) => presentReview(ctx.db, await reviewRow(ctx, ctx.db, id));

export async function listReviews(ctx: Ctx, q: z.infer<typeof reviewListQuery>): Promise<Page<ReviewOut>> {
  let qb = ctx.db.selectFrom('after_action_reviews').selectAll().where((eb) => inExerciseScope(eb, 'after_action_reviews', exerciseScope(ctx.principal)));
  if (q.exerciseId) qb = qb.where('exercise_id', '=', q.exerciseId);
  if (q.locationId) qb = qb.where('location_id', '=', q.locationId);
  if (q.kind) qb = qb.where('kind', '=', q.kind);
  const { items, total } = await fetchPage(qb.orderBy('event_date', 'desc').orderBy('id'), q);
  return { items: await Promise.all(items.map((r) => presentReview(ctx.db, r))), total, page: q.page, pageSize: q.pageSize };
}

/** Corrective actions visible to the caller, overdue first, then by due date. */
export async function listActions(ctx: Ctx, q: z.infer<typeof actionListQuery>) {
  const scope = exerciseScope(ctx.principal);
  let qb = ctx.db.selectFrom('corrective_actions').innerJoin('after_action_reviews as r', 'r.id', 'corrective_actions.review_id').selectAll('corrective_actions')
    .where((eb) => {
      const mine = ctx.principal.personId ? [eb('corrective_actions.owner_person_id', '=', ctx.principal.personId)] : [];
      if (scope.all) return eb.lit(true);
      const ors = [...mine];
      if (scope.entityIds.length) ors.push(eb('r.entity_id', 'in', scope.entityIds));
      if (scope.locationIds.length) ors.push(eb('r.location_id', 'in', scope.locationIds));
      return ors.length ? eb.or(ors) : eb.lit(false);
    });
  if (q.status) qb = qb.where('corrective_actions.status', '=', q.status);
  if (q.planId) qb = qb.where('corrective_actions.plan_id', '=', q.planId);
  if (q.ownerPersonId) qb = qb.where('corrective_actions.owner_person_id', '=', q.ownerPersonId);
  if (q.reviewId) qb = qb.where('corrective_actions.review_id', '=', q.reviewId);
  if (q.overdue !== undefined) {
    qb = q.overdue
      ? qb.where('corrective_actions.due_date', '<', today()).where('corrective_actions.status', 'not in', CLOSED_ACTION_STATUSES)
      : qb.where((eb) => eb.or([eb('corrective_actions.due_date', '>=', today()), eb('corrective_actions.status', 'in', CLOSED_ACTION_STATUSES)]));
  }
  qb = qb.orderBy((eb) => eb.case().when(eb.and([eb('corrective_actions.due_date', '<', today()), eb('corrective_actions.status', 'not in', CLOSED_ACTION_STATUSES)])).then(0).else(1).end())
    .orderBy('corrective_actions.due_date').orderBy('corrective_actions.id');
  const { items, total } = await fetchPage(qb, q);
  const reviewIds = [...new Set(items.map((a) => a.review_id))];
  const planIds = [...new Set(items.map((a) => a.plan_id).filter((x): x is string => !!x))];
  const [reviews, plans] = await Promise.all([
    reviewIds.length ? ctx.db.selectFrom('after_action_reviews').select(['id', 'title']).where('id', 'in', reviewIds).execute() : [],
    planIds.length ? ctx.db.selectFrom('plans').select(['id', 'title']).where('id', 'in', planIds).execute() : [],
  ]);
  const rt = new Map(reviews.map((r) => [r.id, r.title]));
  const pt = new Map(plans.map((p) => [p.id, p.title]));
  return {
    items: items.map((a) => ({ ...presentAction(a), reviewTitle: rt.get(a.review_id) ?? '', planTitle: a.plan_id ? pt.get(a.plan_id) ?? null : null })),
    total, page: q.page, pageSize: q.pageSize,
  };
}

export const ACTION_COLUMNS = ['id', 'finding', 'action', 'owner', 'due_date', 'status', 'overdue', 'closed_on', 'review', 'plan'] as const;

/** The corrective-action tracker as CSV or XLSX, overdue first, with the list filters. */
export async function exportActions(ctx: Ctx, q: z.infer<typeof actionExportQuery>, format: 'csv' | 'xlsx') {
  const all = [];
  for (let page = 1; page <= 200; page++) {
    const { items } = await listActions(ctx, { ...q, page, pageSize: 500 });
    all.push(...items);
    if (items.length < 500) break;
  }
  const ownerIds = [...new Set(all.map((a) => a.ownerPersonId))];
  const owners = new Map<string, string>();
  for (let i = 0; i < ownerIds.length; i += 500) {
    (await ctx.db.selectFrom('people').select(['id', 'given_name', 'family_name']).where('id', 'in', ownerIds.slice(i, i + 500)).execute()).forEach((p) => owners.set(p.id, `${p.given_name} ${p.family_name}`));
  }
  const rows: Cell[][] = all.map((a) => [a.id, a.finding, a.action, owners.get(a.ownerPersonId) ?? '', a.dueDate, a.status, String(a.overdue), a.closedOn ?? '', a.reviewTitle, a.planTitle ?? '']);
  return renderTable(format, ACTION_COLUMNS, rows, 'Corrective actions');
}

/** Tracks an action to closure: done or cancelled closes it (today unless a date is given). */
export async function updateAction(ctx: Ctx, id: string, patch: z.infer<typeof actionPatch>) {
  return ctx.db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('corrective_actions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a) throw notFound('Corrective action');
    const r = await trx.selectFrom('after_action_reviews').selectAll().where('id', '=', a.review_id).executeTakeFirstOrThrow();
    const place = { entityId: r.entity_id, locationId: r.location_id };
    if (!canUpdateAction(ctx.principal, place, a.owner_person_id)) {
      if (!canOnExercise(ctx.principal, 'exercise.read', place)) throw notFound('Corrective action');
      throw forbidden('Only the action\'s owner or the review\'s coordinators may update it');
    }
    const fields = await findingProblems(trx, [{ finding: a.finding, action: a.action, ownerPersonId: patch.ownerPersonId ?? a.owner_person_id, dueDate: a.due_date, planId: patch.planId ?? null }], '');
    const status = patch.status ?? a.status;
    const closed = CLOSED_ACTION_STATUSES.includes(status);
    if (patch.closedOn && !closed) fields.closedOn = 'Only a done or cancelled action has a closing date';
    if (Object.keys(fields).length) throw badRequest('Invalid corrective action', Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^0\./, ''), v])));
    const next: ActionRow = {
      ...a, status, action: patch.action ?? a.action, owner_person_id: patch.ownerPersonId ?? a.owner_person_id, due_date: patch.dueDate ?? a.due_date,
      plan_id: patch.planId !== undefined ? patch.planId : a.plan_id, closed_on: closed ? patch.closedOn ?? a.closed_on ?? today() : null, updated_at: nowIso(),
    };
    await trx.updateTable('corrective_actions').set(next).where('id', '=', id).execute();
    if (next.plan_id && next.plan_id !== a.plan_id) {
      await flagForReview(trx, ctxActor(ctx), next.plan_id, { trigger: r.kind === 'exercise' ? 'exercise_finding' : 'real_event', note: `${r.title}: ${a.finding}`, sourceType: 'corrective_action', sourceId: id });
    }
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'corrective_action', subjectId: id, entityId: r.entity_id, locationId: r.location_id, before: presentAction(a), after: presentAction(next) });
    return presentAction(next);
  });
}
