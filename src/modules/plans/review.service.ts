import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import { reminderKind, type ReviewTrigger } from '../../domain/plans/catalog.js';
import type { PlanContent } from '../../domain/plans/content.js';
import { conflict, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit, type Actor } from '../audit/service.js';
import { canAdminPlanTypes } from './policy.js';
import { readablePlan, today, writablePlan, type Db } from './plans.service.js';
import type { activationInput, triggerInput } from './schema.js';

const presentTrigger = (t: Database['plan_review_triggers']) => ({ id: t.id, planId: t.plan_id, trigger: t.trigger, note: t.note, sourceType: t.source_type, sourceId: t.source_id, at: t.at });

/**
 * Flags a plan for review and records why. Called for a user's request, and by the exercises
 * module when a corrective action names the plan (in that module's transaction).
 */
export async function flagForReview(trx: Transaction<Database>, actor: Actor, planId: string, t: { trigger: ReviewTrigger; note: string; sourceType?: string; sourceId?: string }) {
  const plan = await trx.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) throw notFound('Plan');
  const now = nowIso();
  const row = { id: newId(), plan_id: planId, trigger: t.trigger, note: t.note, source_type: t.sourceType ?? null, source_id: t.sourceId ?? null, at: now };
  await trx.insertInto('plan_review_triggers').values(row).execute();
  await trx.updateTable('plans').set({ review_triggered_by: t.trigger, review_trigger_note: t.note, review_flagged_at: now, updated_at: now }).where('id', '=', planId).execute();
  await recordAudit(trx, actor, { action: 'flag_for_review', subjectType: 'plan', subjectId: planId, entityId: plan.entity_id, locationId: plan.location_id, after: presentTrigger(row) });
  return presentTrigger(row);
}

export async function triggerReview(ctx: Ctx, planId: string, input: z.infer<typeof triggerInput>) {
  return ctx.db.transaction().execute(async (trx) => {
    await writablePlan(ctx, trx, planId);
    return flagForReview(trx, ctxActor(ctx), planId, { trigger: input.trigger, note: input.note });
  });
}

export async function listTriggers(ctx: Ctx, planId: string) {
  const { full } = await readablePlan(ctx, ctx.db, planId);
  if (!full) throw notFound('Plan');
  return (await ctx.db.selectFrom('plan_review_triggers').selectAll().where('plan_id', '=', planId).orderBy('at', 'desc').orderBy('id', 'desc').execute()).map(presentTrigger);
}

/** Where review reminders go: an in-app notice always, an email when a mailer is configured. */
export interface Mailer { send(m: { to: string; subject: string; text: string }): Promise<void> }

/**
 * Reminds plan owners of reviews falling due within 30 days and of overdue reviews: one in-app
 * reminder per plan, kind and due date (so reruns send nothing twice), emailed to the owner's
 * first email contact. A failed email is recorded on the reminder, which stays in the app.
 */
export async function runReviewReminders(db: Kysely<Database>, mailer: Mailer | null, day = today()) {
  const plans = await db.selectFrom('plans').select(['id', 'title', 'status', 'review_due', 'owner_person_id', 'entity_id', 'location_id'])
    .where('review_due', 'is not', null).where('status', 'not in', ['superseded', 'archived']).execute();
  let created = 0, emailed = 0, failed = 0;
  for (const p of plans) {
    const kind = reminderKind({ status: p.status, reviewDue: p.review_due }, day);
    if (!kind) continue;
    const seen = (q: Db = db) => q.selectFrom('plan_reminders').select('id').where('plan_id', '=', p.id).where('kind', '=', kind).where('review_due', '=', p.review_due!).executeTakeFirst();
    let reminder;
    try {
      reminder = await db.transaction().execute(async (trx) => {
        if (await seen(trx)) return null;
        const row = { id: newId(), plan_id: p.id, person_id: p.owner_person_id, kind, review_due: p.review_due!, emailed_to: null, email_error: null, read_at: null, created_at: nowIso() };
        await trx.insertInto('plan_reminders').values(row).execute();
        await recordAudit(trx, { userId: null, email: 'system' }, { action: 'remind', subjectType: 'plan', subjectId: p.id, entityId: p.entity_id, locationId: p.location_id, after: { kind, reviewDue: p.review_due } });
        return row;
      });
    } catch (e) {
      // Another node sent this reminder at the same moment (the unique key stopped the second); anything else is real.
      if (await seen()) continue;
      throw e;
    }
    if (!reminder) continue;
    created++;
    const email = await db.selectFrom('contact_points').select('value').where('person_id', '=', p.owner_person_id).where('kind', '=', 'email').orderBy('priority').limit(1).executeTakeFirst();
    if (!mailer || !email) continue;
    const subject = kind === 'overdue' ? `Review overdue: ${p.title}` : `Review due on ${p.review_due}: ${p.title}`;
    const text = kind === 'overdue'
      ? `The review of "${p.title}" was due on ${p.review_due}. Please review the plan and submit a new version for approval.`
      : `The review of "${p.title}" is due on ${p.review_due}. Please review the plan and submit a new version for approval before then.`;
    try {
      await mailer.send({ to: email.value, subject, text });
      await db.updateTable('plan_reminders').set({ emailed_to: email.value }).where('id', '=', reminder.id).execute();
      emailed++;
    } catch (e) {
      await db.updateTable('plan_reminders').set({ email_error: String((e as Error).message).slice(0, 500) }).where('id', '=', reminder.id).execute();
      failed++;
    }
  }
  return { created, emailed, failed };
}

export function assertCanRunReminders(ctx: Ctx) {
  if (!canAdminPlanTypes(ctx.principal)) throw forbidden('Only administrators run the reminders by hand');
}

/**
 * Runs the reminders every `everyMs` (hourly by default) while the server is up; each reminder is
 * sent once whatever the number of runs or nodes. Returns a function that stops the schedule.
 */
export function scheduleReviewReminders(db: Kysely<Database>, makeMailer: () => (Mailer & { close(): void }) | null, opts: { everyMs?: number; firstAfterMs?: number; onError?(e: unknown): void } = {}) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    const mailer = makeMailer();
    try { await runReviewReminders(db, mailer); } catch (e) { opts.onError?.(e); } finally { mailer?.close(); running = false; }
  };
  const first = setTimeout(() => void run(), opts.firstAfterMs ?? 60_000);
  const every = setInterval(() => void run(), opts.everyMs ?? 3600_000);
  first.unref();
  every.unref();
  return () => { clearTimeout(first); clearInterval(every); };
}

/** Marks one of the caller's own reminders as read. */
export async function markReminderRead(ctx: Ctx, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('plan_reminders').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r || !ctx.principal.personId || r.person_id !== ctx.principal.personId) throw notFound('Reminder');
    if (!r.read_at) {
      const at = nowIso();
      await trx.updateTable('plan_reminders').set({ read_at: at }).where('id', '=', id).execute();
      await recordAudit(trx, ctxActor(ctx), { action: 'read_reminder', subjectType: 'plan', subjectId: r.plan_id, before: { reminderId: id, readAt: null }, after: { reminderId: id, readAt: at } });
    }
  });
  return (await myReminders(ctx, id))[0]!;
}

/** The caller's own in-app reminders (as a plan owner), newest first. */
export async function myReminders(ctx: Ctx, onlyId?: string) {
  if (!ctx.principal.personId) return [];
  let qb = ctx.db.selectFrom('plan_reminders').innerJoin('plans', 'plans.id', 'plan_reminders.plan_id')
    .select(['plan_reminders.id', 'plan_reminders.plan_id', 'plans.title', 'plan_reminders.kind', 'plan_reminders.review_due', 'plan_reminders.emailed_to', 'plan_reminders.read_at', 'plan_reminders.created_at'])
    .where('plan_reminders.person_id', '=', ctx.principal.personId);
  if (onlyId) qb = qb.where('plan_reminders.id', '=', onlyId);
  const rows = await qb.orderBy('plan_reminders.created_at', 'desc').limit(200).execute();
  return rows.map((r) => ({ id: r.id, planId: r.plan_id, planTitle: r.title, kind: r.kind, reviewDue: r.review_due, emailedTo: r.emailed_to, readAt: r.read_at, createdAt: r.created_at }));
}

async function presentActivation(db: Db, a: Database['plan_activations']) {
  const tasks = await db.selectFrom('plan_tasks').selectAll().where('activation_id', '=', a.id).orderBy('position').execute();
  return {
    id: a.id, planId: a.plan_id, versionId: a.version_id, reason: a.reason, activatedBy: a.activated_by, activatedAt: a.activated_at, deactivatedAt: a.deactivated_at,
    tasks: tasks.map((t) => ({ id: t.id, section: t.section, text: t.text, role: t.role, position: t.position, status: t.status, doneBy: t.done_by, doneAt: t.done_at })),
  };
}

/** Activates the approved version in force: each checklist item becomes an open task. */
export async function activatePlan(ctx: Ctx, planId: string, input: z.infer<typeof activationInput>) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row } = await writablePlan(ctx, trx, planId);
    if (!row.current_version_id) throw conflict('Only an approved plan can be activated', { planId: 'The plan has no approved version' });
    const v = await trx.selectFrom('plan_versions').select('content').where('id', '=', row.current_version_id).executeTakeFirstOrThrow();
    const content = JSON.parse(v.content) as PlanContent;
    const a = { id: newId(), plan_id: planId, version_id: row.current_version_id, reason: input.reason, activated_by: ctx.principal.email, activated_at: nowIso(), deactivated_at: null };
    await trx.insertInto('plan_activations').values(a).execute();
    const tasks: Database['plan_tasks'][] = [];
    for (const s of content.sections) {
      for (const b of s.blocks) {
        if (b.type !== 'checklist') continue;
        for (const it of b.items) tasks.push({ id: newId(), activation_id: a.id, plan_id: planId, section: s.heading, text: it.text, role: it.role, position: tasks.length, status: 'open', done_by: null, done_at: null });
      }
    }
    if (tasks.length) await trx.insertInto('plan_tasks').values(tasks).execute();
    const out = await presentActivation(trx, a);
    await recordAudit(trx, ctxActor(ctx), { action: 'activate', subjectType: 'plan', subjectId: planId, entityId: row.entity_id, locationId: row.location_id, after: out });
    return out;
  });
}

export async function listActivations(ctx: Ctx, planId: string) {
  await readablePlan(ctx, ctx.db, planId);
  const rows = await ctx.db.selectFrom('plan_activations').selectAll().where('plan_id', '=', planId).orderBy('activated_at', 'desc').execute();
  return Promise.all(rows.map((a) => presentActivation(ctx.db, a)));
}

export async function setTaskStatus(ctx: Ctx, planId: string, taskId: string, status: 'open' | 'done') {
  return ctx.db.transaction().execute(async (trx) => {
    const { row } = await writablePlan(ctx, trx, planId);
    const t = await trx.selectFrom('plan_tasks').selectAll().where('id', '=', taskId).where('plan_id', '=', planId).executeTakeFirst();
    if (!t) throw notFound('Task');
    const next = status === 'done' ? { status, done_by: ctx.principal.email, done_at: nowIso() } : { status, done_by: null, done_at: null };
    await trx.updateTable('plan_tasks').set(next).where('id', '=', taskId).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'task', subjectType: 'plan', subjectId: planId, entityId: row.entity_id, locationId: row.location_id, before: { taskId, status: t.status }, after: { taskId, status } });
    const a = await trx.selectFrom('plan_activations').selectAll().where('id', '=', t.activation_id).executeTakeFirstOrThrow();
    return presentActivation(trx, a);
  });
}
