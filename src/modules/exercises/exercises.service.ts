import type { z } from 'zod';
import type { Kysely, Transaction, ExpressionBuilder } from 'kysely';
import ical from 'ical-generator';
import type { Database } from '../../db/types.js';
import { fetchPage, type Page } from '../../db/paging.js';
import type { ScopeFilter } from '../../domain/access.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canOnExercise, exerciseScope } from './policy.js';
import { linkKey } from '../notify/tokens.js';
import { loadPrincipal } from '../auth/principal.js';
import { signFeedToken, verifyFeedToken } from './feed-token.js';
import { renderTable, type Cell } from '../../server/tabular.js';
import type { calendarQuery, exerciseExportQuery, exerciseInput, exerciseListQuery, exercisePatch, resultInput } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type ExerciseRow = Database['exercises'];

/** The SQL form of canOnExercise for lists. */
export function inExerciseScope<T extends 'exercises' | 'after_action_reviews'>(eb: ExpressionBuilder<Database, T>, table: T, scope: ScopeFilter) {
  if (scope.all) return eb.lit(true);
  const e = eb as unknown as ExpressionBuilder<Database, 'exercises'>;
  const ors = [];
  if (scope.entityIds.length) ors.push(e(`${table}.entity_id` as 'exercises.entity_id', 'in', scope.entityIds));
  if (scope.locationIds.length) ors.push(e(`${table}.location_id` as 'exercises.location_id', 'in', scope.locationIds));
  return ors.length ? e.or(ors) : e.lit(false);
}

async function presentExercise(db: Db, r: ExerciseRow) {
  const [objectives, plans, teams, people] = await Promise.all([
    db.selectFrom('exercise_objectives').selectAll().where('exercise_id', '=', r.id).orderBy('position').execute(),
    db.selectFrom('exercise_plans').select('plan_id').where('exercise_id', '=', r.id).orderBy('plan_id').execute(),
    db.selectFrom('exercise_teams').select('team_id').where('exercise_id', '=', r.id).orderBy('team_id').execute(),
    db.selectFrom('exercise_participants').selectAll().where('exercise_id', '=', r.id).orderBy('role').orderBy('person_id').execute(),
  ]);
  return {
    id: r.id, title: r.title, kind: r.kind, entityId: r.entity_id, locationId: r.location_id, startsAt: r.starts_at, endsAt: r.ends_at,
    scenario: r.scenario, status: r.status,
    objectives: objectives.map((o) => ({ id: o.id, text: o.text, result: o.result, resultNote: o.result_note })),
    planIds: plans.map((p) => p.plan_id), teamIds: teams.map((t) => t.team_id),
    participants: people.map((p) => ({ personId: p.person_id, role: p.role, attended: p.attended === null ? null : !!p.attended })),
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
export type ExerciseOut = Awaited<ReturnType<typeof presentExercise>>;

async function exerciseRow(db: Db, id: string) {
  const r = await db.selectFrom('exercises').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('Exercise');
  return r;
}

async function readable(ctx: Ctx, db: Db, id: string) {
  const r = await exerciseRow(db, id);
  if (!canOnExercise(ctx.principal, 'exercise.read', { entityId: r.entity_id, locationId: r.location_id })) throw notFound('Exercise');
  return r;
}

async function writable(ctx: Ctx, db: Db, id: string) {
  const r = await readable(ctx, db, id);
  if (!canOnExercise(ctx.principal, 'exercise.write', { entityId: r.entity_id, locationId: r.location_id })) throw forbidden('You may not change this exercise');
  return r;
}

export async function listExercises(ctx: Ctx, q: z.infer<typeof exerciseListQuery>): Promise<Page<ExerciseOut>> {
  const scope = exerciseScope(ctx.principal);
  let qb = ctx.db.selectFrom('exercises').selectAll().where((eb) => inExerciseScope(eb, 'exercises', scope));
  if (q.locationId) qb = qb.where('location_id', '=', q.locationId);
  if (q.entityId) qb = qb.where('entity_id', '=', q.entityId);
  if (q.kind) qb = qb.where('kind', '=', q.kind);
  if (q.status) qb = qb.where('status', '=', q.status);
  if (q.from) qb = qb.where('starts_at', '>=', q.from);
  if (q.to) qb = qb.where('starts_at', '<', `${q.to}T24`);
  const { items, total } = await fetchPage(qb.orderBy('starts_at', 'desc').orderBy('id'), q);
  return { items: await Promise.all(items.map((r) => presentExercise(ctx.db, r))), total, page: q.page, pageSize: q.pageSize };
}

export const getExercise = async (ctx: Ctx, id: string) => presentExercise(ctx.db, await readable(ctx, ctx.db, id));

type Refs = { entityId: string | null; locationId: string | null; startsAt: string; endsAt: string; planIds?: string[] | undefined; teamIds?: string[] | undefined; participants?: { personId: string }[] | undefined };

async function problems(db: Db, r: Refs): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  if (!r.entityId && !r.locationId) fields.locationId = 'An exercise is held by an entity, at a duty station, or both';
  if (r.entityId && !(await db.selectFrom('entities').select('id').where('id', '=', r.entityId).executeTakeFirst())) fields.entityId = 'No such entity';
  if (r.locationId && !(await db.selectFrom('locations').select('id').where('id', '=', r.locationId).executeTakeFirst())) fields.locationId = 'No such location';
  if (Date.parse(r.endsAt) < Date.parse(r.startsAt)) fields.endsAt = 'Must not be before the start';
  const check = async (field: string, table: 'plans' | 'teams' | 'people', ids: string[]) => {
    if (!ids.length) return;
    const found = new Set((await db.selectFrom(table).select('id').where('id', 'in', ids).execute()).map((x) => x.id));
    ids.forEach((x, i) => { if (!found.has(x)) fields[`${field}.${i}`] = `No such ${table === 'people' ? 'person' : table.slice(0, -1)}`; });
  };
  await check('planIds', 'plans', r.planIds ?? []);
  await check('teamIds', 'teams', r.teamIds ?? []);
  const people = (r.participants ?? []).map((p) => p.personId);
  await check('participants', 'people', people);
  for (const [k, v] of Object.entries(fields)) if (k.startsWith('participants.')) { delete fields[k]; fields[`${k}.personId`] = v; }
  if (new Set(people).size !== people.length) fields.participants = 'Each person takes part once';
  return fields;
}

const utc = (t: string) => new Date(t).toISOString();

async function setLinks(trx: Transaction<Database>, id: string, i: { planIds?: string[] | undefined; teamIds?: string[] | undefined; participants?: { personId: string; role: string; attended: boolean | null }[] | undefined }) {
  if (i.planIds) {
    await trx.deleteFrom('exercise_plans').where('exercise_id', '=', id).execute();
    const ids = [...new Set(i.planIds)];
    if (ids.length) await trx.insertInto('exercise_plans').values(ids.map((plan_id) => ({ exercise_id: id, plan_id }))).execute();
  }
  if (i.teamIds) {
    await trx.deleteFrom('exercise_teams').where('exercise_id', '=', id).execute();
    const ids = [...new Set(i.teamIds)];
    if (ids.length) await trx.insertInto('exercise_teams').values(ids.map((team_id) => ({ exercise_id: id, team_id }))).execute();
  }
  if (i.participants) {
    await trx.deleteFrom('exercise_participants').where('exercise_id', '=', id).execute();
    if (i.participants.length) await trx.insertInto('exercise_participants').values(i.participants.map((p) => ({ exercise_id: id, person_id: p.personId, role: p.role, attended: p.attended === null ? null : p.attended ? 1 : 0 }))).execute();
  }
}

/** Keeps the objectives named by id (with their results, text as given), adds new ones, removes the rest. */
async function setObjectives(trx: Transaction<Database>, exerciseId: string, existing: Database['exercise_objectives'][], wanted: { id?: string | undefined; text: string }[]) {
  const keep = new Set(wanted.map((o) => o.id).filter((x): x is string => !!x));
  const gone = existing.filter((o) => !keep.has(o.id)).map((o) => o.id);
  if (gone.length) await trx.deleteFrom('exercise_objectives').where('id', 'in', gone).execute();
  for (const [position, o] of wanted.entries()) {
    if (o.id) await trx.updateTable('exercise_objectives').set({ text: o.text, position }).where('id', '=', o.id).execute();
    else await trx.insertInto('exercise_objectives').values({ id: newId(), exercise_id: exerciseId, position, text: o.text, result: null, result_note: '' }).execute();
  }
}

export async function createExercise(ctx: Ctx, input: z.infer<typeof exerciseInput>): Promise<ExerciseOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const fields = await problems(trx, input);
    if (Object.keys(fields).length) throw badRequest('Invalid exercise', fields);
    if (!canOnExercise(ctx.principal, 'exercise.write', input)) throw forbidden('You may not plan exercises here');
    const now = nowIso();
    const row: ExerciseRow = {
      id: newId(), title: input.title, kind: input.kind, entity_id: input.entityId, location_id: input.locationId, starts_at: utc(input.startsAt), ends_at: utc(input.endsAt),
      scenario: input.scenario, status: input.status, created_at: now, updated_at: now,
    };
    await trx.insertInto('exercises').values(row).execute();
    await trx.insertInto('exercise_objectives').values(input.objectives.map((text, position) => ({ id: newId(), exercise_id: row.id, position, text, result: null, result_note: '' }))).execute();
    await setLinks(trx, row.id, input);
    const out = await presentExercise(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'exercise', subjectId: row.id, entityId: row.entity_id, locationId: row.location_id, after: out });
    return out;
  });
}

export async function updateExercise(ctx: Ctx, id: string, patch: z.infer<typeof exercisePatch>): Promise<ExerciseOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await writable(ctx, trx, id);
    const next: ExerciseRow = {
      ...before, title: patch.title ?? before.title, kind: patch.kind ?? before.kind,
      entity_id: patch.entityId !== undefined ? patch.entityId : before.entity_id, location_id: patch.locationId !== undefined ? patch.locationId : before.location_id,
      starts_at: patch.startsAt ? utc(patch.startsAt) : before.starts_at, ends_at: patch.endsAt ? utc(patch.endsAt) : before.ends_at,
      scenario: patch.scenario ?? before.scenario, status: patch.status ?? before.status, updated_at: nowIso(),
    };
    const fields = await problems(trx, { entityId: next.entity_id, locationId: next.location_id, startsAt: next.starts_at, endsAt: next.ends_at, planIds: patch.planIds, teamIds: patch.teamIds, participants: patch.participants });
    const existing = await trx.selectFrom('exercise_objectives').selectAll().where('exercise_id', '=', id).execute();
    const mine = new Set(existing.map((o) => o.id));
    patch.objectives?.forEach((o, i) => { if (o.id && !mine.has(o.id)) fields[`objectives.${i}.id`] = 'No such objective in this exercise'; });
    if (patch.objectives && new Set(patch.objectives.filter((o) => o.id).map((o) => o.id)).size !== patch.objectives.filter((o) => o.id).length) fields.objectives = 'Each objective appears once';
    if (Object.keys(fields).length) throw badRequest('Invalid exercise', fields);
    if (!canOnExercise(ctx.principal, 'exercise.write', { entityId: next.entity_id, locationId: next.location_id })) throw forbidden('You may not move the exercise there');
    const beforeOut = await presentExercise(trx, before);
    await trx.updateTable('exercises').set(next).where('id', '=', id).execute();
    await setLinks(trx, id, patch);
    if (patch.objectives) await setObjectives(trx, id, existing, patch.objectives);
    const out = await presentExercise(trx, next);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'exercise', subjectId: id, entityId: next.entity_id, locationId: next.location_id, before: beforeOut, after: out });
    return out;
  });
}

/** Records whether an objective was met, partly met or not met. */
export async function setResult(ctx: Ctx, id: string, objectiveId: string, input: z.infer<typeof resultInput>): Promise<ExerciseOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await writable(ctx, trx, id);
    const o = await trx.selectFrom('exercise_objectives').selectAll().where('id', '=', objectiveId).where('exercise_id', '=', id).executeTakeFirst();
    if (!o) throw notFound('Objective');
    await trx.updateTable('exercise_objectives').set({ result: input.result, result_note: input.note }).where('id', '=', objectiveId).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'result', subjectType: 'exercise', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: { objectiveId, result: o.result, note: o.result_note }, after: { objectiveId, ...input } });
    return presentExercise(trx, row);
  });
}

/** The exercise programme as an iCalendar feed (RFC 5545), for calendar applications. */
export async function calendar(ctx: Ctx, q: z.infer<typeof calendarQuery>): Promise<string> {
  const scope = exerciseScope(ctx.principal);
  let qb = ctx.db.selectFrom('exercises').selectAll().where((eb) => inExerciseScope(eb, 'exercises', scope)).where('status', '!=', 'cancelled');
  if (q.locationId) qb = qb.where('location_id', '=', q.locationId);
  if (q.entityId) qb = qb.where('entity_id', '=', q.entityId);
  const rows = await qb.orderBy('starts_at').limit(5000).execute();
  const places = new Map((rows.length ? await ctx.db.selectFrom('locations').select(['id', 'name']).where('id', 'in', [...new Set(rows.map((r) => r.location_id).filter((x): x is string => !!x))].concat([''])).execute() : []).map((l) => [l.id, l.name]));
  const cal = ical({ name: 'ORMS exercise programme', prodId: { company: 'ORMS', product: 'exercises', language: 'EN' } });
  for (const r of rows) {
    cal.createEvent({
      id: `${r.id}@orms`, start: new Date(r.starts_at), end: new Date(r.ends_at), summary: `${r.title} (${r.kind.replace('_', ' ')})`,
      description: r.scenario, location: r.location_id ? places.get(r.location_id) ?? null : null, stamp: new Date(r.updated_at),
    });
  }
  return cal.toString();
}

const FEED_DAYS = 365;

/** A subscription link to the caller's exercise calendar, valid for a year. */
export async function calendarLink(ctx: Ctx) {
  const expiresAt = new Date(Date.now() + FEED_DAYS * 86_400_000);
  const token = signFeedToken(await linkKey(ctx.db), ctx.principal.userId, expiresAt);
  return { path: `/api/v1/exercises/feed/${token}.ics`, expiresAt: expiresAt.toISOString() };
}

/** The feed behind a subscription link, as the link's account may see it now; a bad or expired link reads as absent. */
export async function calendarFeed(db: Kysely<Database>, tokenWithSuffix: string): Promise<string> {
  const userId = verifyFeedToken(await linkKey(db), tokenWithSuffix.replace(/\.ics$/, ''));
  const principal = userId ? await loadPrincipal(db, userId) : undefined;
  if (!principal) throw notFound('Calendar');
  return calendar({ db, principal }, {});
}

export const EXERCISE_COLUMNS = ['id', 'title', 'kind', 'status', 'entity_code', 'duty_station', 'starts_at', 'ends_at', 'objectives', 'objectives_met', 'objectives_partly', 'objectives_not_met', 'participants', 'attended'] as const;

/** The programme as CSV or XLSX, with the list filters. */
export async function exportExercises(ctx: Ctx, q: z.infer<typeof exerciseExportQuery>, format: 'csv' | 'xlsx') {
  const all: ExerciseOut[] = [];
  for (let page = 1; page <= 100; page++) {
    const { items } = await listExercises(ctx, { ...q, page, pageSize: 500 });
    all.push(...items);
    if (items.length < 500) break;
  }
  const ent = new Map((await ctx.db.selectFrom('entities').select(['id', 'code']).execute()).map((e) => [e.id, e.code]));
  const locIds = [...new Set(all.map((e) => e.locationId).filter((x): x is string => !!x))];
  const loc = new Map((locIds.length ? await ctx.db.selectFrom('locations').select(['id', 'name']).where('id', 'in', locIds).execute() : []).map((l) => [l.id, l.name]));
  const count = (e: ExerciseOut, r: string) => e.objectives.filter((o) => o.result === r).length;
  const rows: Cell[][] = all.map((e) => [
    e.id, e.title, e.kind, e.status, e.entityId ? ent.get(e.entityId) ?? '' : '', e.locationId ? loc.get(e.locationId) ?? '' : '', e.startsAt, e.endsAt,
    e.objectives.length, count(e, 'met'), count(e, 'partly'), count(e, 'not_met'), e.participants.length, e.participants.filter((p) => p.attended).length,
  ]);
  return renderTable(format, EXERCISE_COLUMNS, rows, 'Exercises');
}
