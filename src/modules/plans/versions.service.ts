import type { z } from 'zod';
import type { AuditAction } from '../../domain/audit.js';
import type { Transaction } from 'kysely';
import { diffLines, createTwoFilesPatch } from 'diff';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import { addMonths } from '../../domain/plans/catalog.js';
import { contentLines, referencedIds, type PlanContent } from '../../domain/plans/content.js';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canApprovePlan, selfApprovalForbidden } from './policy.js';
import { checkContent } from './content-check.js';
import { presentPlan, presentVersion, readablePlan, today, workingVersion, writablePlan, type Db, type PlanRow } from './plans.service.js';
import type { decisionInput, draftInput, newVersionInput } from './schema.js';

type VersionRow = Database['plan_versions'];

async function versionRow(db: Db, planId: string, versionId: string): Promise<VersionRow> {
  const v = await db.selectFrom('plan_versions').selectAll().where('id', '=', versionId).where('plan_id', '=', planId).executeTakeFirst();
  if (!v) throw notFound('Plan version');
  return v;
}

/** A version the caller may read: any, for those who see the plan's history; else the one in force. */
export async function readableVersion(ctx: Ctx, db: Db, planId: string, versionId: string) {
  const { row, full } = await readablePlan(ctx, db, planId);
  if (!full && versionId !== row.current_version_id) throw notFound('Plan version');
  return { plan: row, version: await versionRow(db, planId, versionId) };
}

export const presentVersionDetail = (v: VersionRow) => ({ ...presentVersion(v), content: JSON.parse(v.content) as PlanContent });

export async function listVersions(ctx: Ctx, planId: string) {
  const { row, full } = await readablePlan(ctx, ctx.db, planId);
  let qb = ctx.db.selectFrom('plan_versions').selectAll().where('plan_id', '=', planId);
  if (!full) qb = qb.where('id', '=', row.current_version_id!);
  return (await qb.orderBy('number', 'desc').execute()).map(presentVersion);
}

export async function getVersion(ctx: Ctx, planId: string, versionId: string) {
  return presentVersionDetail((await readableVersion(ctx, ctx.db, planId, versionId)).version);
}

/** Submitted and approved versions are the record: they never change. */
function assertDraft(v: VersionRow) {
  if (v.status !== 'draft') {
    throw conflict(`Version ${v.number} is ${v.status.replace('_', ' ')} and can no longer change; start a new version`, { versionId: `Version ${v.number} is ${v.status.replace('_', ' ')}` });
  }
}

async function event(trx: Transaction<Database>, ctx: Ctx, versionId: string, action: string, comment: string) {
  await trx.insertInto('plan_approval_events').values({ id: newId(), version_id: versionId, user_id: ctx.principal.userId || null, email: ctx.principal.email, action, comment, at: nowIso() }).execute();
}

async function audit(trx: Transaction<Database>, ctx: Ctx, plan: PlanRow, action: AuditAction, before: unknown, after: unknown) {
  await recordAudit(trx, ctxActor(ctx), { action, subjectType: 'plan', subjectId: plan.id, entityId: plan.entity_id, locationId: plan.location_id, before, after });
}

export async function saveDraft(ctx: Ctx, planId: string, versionId: string, input: z.infer<typeof draftInput>) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row } = await writablePlan(ctx, trx, planId);
    const v = await versionRow(trx, planId, versionId);
    assertDraft(v);
    const fields = await checkContent(trx, input.content);
    if (Object.keys(fields).length) throw badRequest('Invalid plan content', fields);
    const next = { ...v, content: JSON.stringify(input.content), change_note: input.changeNote ?? v.change_note, updated_at: nowIso() };
    await trx.updateTable('plan_versions').set({ content: next.content, change_note: next.change_note, updated_at: next.updated_at }).where('id', '=', v.id).execute();
    await audit(trx, ctx, row, 'edit_draft', presentVersionDetail(v), presentVersionDetail(next));
    return presentVersionDetail(next);
  });
}

/** Starts the next version from the latest one; only one version is worked on at a time. */
export async function newVersion(ctx: Ctx, planId: string, input: z.infer<typeof newVersionInput>) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row } = await writablePlan(ctx, trx, planId);
    const working = await workingVersion(trx, planId);
    if (working) throw conflict(`Version ${working.number} is still ${working.status.replace('_', ' ')}; finish it first`, { versionId: `Version ${working.number} is ${working.status.replace('_', ' ')}` });
    const latest = await trx.selectFrom('plan_versions').selectAll().where('plan_id', '=', planId).orderBy('number', 'desc').limit(1).executeTakeFirstOrThrow();
    const now = nowIso();
    const v: VersionRow = {
      id: newId(), plan_id: planId, number: latest.number + 1, status: 'draft', content: latest.content, change_note: input.changeNote,
      drafted_by: ctx.principal.userId || null, drafted_by_email: ctx.principal.email, submitted_at: null, approved_by: null, approved_by_email: null,
      approved_at: null, created_at: now, updated_at: now,
    };
    await trx.insertInto('plan_versions').values(v).execute();
    await audit(trx, ctx, row, 'new_version', undefined, presentVersion(v));
    return presentVersionDetail(v);
  });
}

export async function submitVersion(ctx: Ctx, planId: string, versionId: string, input: z.infer<typeof decisionInput>) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row } = await writablePlan(ctx, trx, planId);
    const v = await versionRow(trx, planId, versionId);
    assertDraft(v);
    const now = nowIso();
    await trx.updateTable('plan_versions').set({ status: 'in_review', submitted_at: now, updated_at: now }).where('id', '=', v.id).execute();
    if (row.status === 'draft') await trx.updateTable('plans').set({ status: 'in_review', updated_at: now }).where('id', '=', planId).execute();
    await event(trx, ctx, v.id, 'submit', input.comment);
    const after = presentVersion({ ...v, status: 'in_review', submitted_at: now, updated_at: now });
    await audit(trx, ctx, row, 'submit', presentVersion(v), after);
    return after;
  });
}

async function reviewable(ctx: Ctx, trx: Transaction<Database>, planId: string, versionId: string) {
  const { row, place, full } = await readablePlan(ctx, trx, planId);
  if (!full || !canApprovePlan(ctx.principal, place)) throw forbidden('Only the plan\'s approver, or approvers of its entity or duty station, may decide on it');
  const v = await versionRow(trx, planId, versionId);
  if (v.status !== 'in_review') throw conflict(`Version ${v.number} is ${v.status.replace('_', ' ')}, not in review`, { versionId: `Version ${v.number} is not in review` });
  return { row, v };
}

/**
 * Approves a version in review: it becomes the plan's version in force, the one before is
 * superseded, the next review falls due after the plan type's cycle, and any review flag is cleared.
 */
export async function approveVersion(ctx: Ctx, planId: string, versionId: string, input: z.infer<typeof decisionInput>) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, v } = await reviewable(ctx, trx, planId, versionId);
    const type = await trx.selectFrom('plan_types').selectAll().where('id', '=', row.plan_type_id).executeTakeFirstOrThrow();
    if (selfApprovalForbidden(ctx.principal, { allowSelfApproval: !!type.allow_self_approval }, { draftedBy: v.drafted_by })) {
      throw conflict(`The policy for ${type.name.toLowerCase()}s forbids approving a version you drafted`, { approver: 'The drafter of this version may not approve it' });
    }
    const before = await presentPlan(trx, row);
    const now = nowIso();
    if (row.current_version_id) await trx.updateTable('plan_versions').set({ status: 'superseded', updated_at: now }).where('id', '=', row.current_version_id).execute();
    await trx.updateTable('plan_versions').set({ status: 'approved', approved_by: ctx.principal.userId || null, approved_by_email: ctx.principal.email, approved_at: now, updated_at: now }).where('id', '=', v.id).execute();
    const next: PlanRow = {
      ...row, status: 'approved', current_version_id: v.id, review_due: addMonths(today(), type.review_months),
      review_triggered_by: null, review_trigger_note: null, review_flagged_at: null, updated_at: now,
    };
    await trx.updateTable('plans').set(next).where('id', '=', planId).execute();
    await event(trx, ctx, v.id, 'approve', input.comment);
    const after = await presentPlan(trx, next);
    await audit(trx, ctx, row, 'approve', before, { ...after, approvedVersion: v.number, comment: input.comment });
    return after;
  });
}

/** Returns a version in review to its drafters with the reviewer's comment. */
export async function returnVersion(ctx: Ctx, planId: string, versionId: string, input: z.infer<typeof decisionInput>) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, v } = await reviewable(ctx, trx, planId, versionId);
    if (!input.comment) throw badRequest('Say what must change', { comment: 'Required when returning a version' });
    const now = nowIso();
    await trx.updateTable('plan_versions').set({ status: 'draft', submitted_at: null, updated_at: now }).where('id', '=', v.id).execute();
    if (row.status === 'in_review') await trx.updateTable('plans').set({ status: 'draft', updated_at: now }).where('id', '=', planId).execute();
    await event(trx, ctx, v.id, 'return', input.comment);
    const after = presentVersion({ ...v, status: 'draft', submitted_at: null, updated_at: now });
    await audit(trx, ctx, row, 'return', presentVersion(v), { ...after, comment: input.comment });
    return after;
  });
}

export async function commentVersion(ctx: Ctx, planId: string, versionId: string, comment: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const { row, full } = await readablePlan(ctx, trx, planId);
    if (!full) throw forbidden('Only those who work on or approve the plan may comment');
    const v = await versionRow(trx, planId, versionId);
    await event(trx, ctx, v.id, 'comment', comment);
    await audit(trx, ctx, row, 'comment', undefined, { versionId: v.id, comment });
    return listEvents(ctx, planId, versionId, trx);
  });
}

export async function listEvents(ctx: Ctx, planId: string, versionId: string, db: Db = ctx.db) {
  const { full } = await readablePlan(ctx, db, planId);
  if (!full) throw forbidden('Only those who work on or approve the plan may see its review');
  await versionRow(db, planId, versionId);
  const rows = await db.selectFrom('plan_approval_events').selectAll().where('version_id', '=', versionId).orderBy('at').orderBy('id').execute();
  return rows.map((e) => ({ id: e.id, versionId: e.version_id, email: e.email, action: e.action, comment: e.comment, at: e.at }));
}

/** Names of the people and teams a content refers to, as of now. */
export async function namesFor(db: Db, contents: PlanContent[]) {
  const personIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const c of contents) { const r = referencedIds(c); r.personIds.forEach((x) => personIds.add(x)); r.teamIds.forEach((x) => teamIds.add(x)); }
  const people = personIds.size ? await db.selectFrom('people').select(['id', 'given_name', 'family_name']).where('id', 'in', [...personIds]).execute() : [];
  const teams = teamIds.size ? await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', [...teamIds]).execute() : [];
  const p = new Map(people.map((x) => [x.id, `${x.given_name} ${x.family_name}`]));
  const t = new Map(teams.map((x) => [x.id, x.name]));
  return { person: (id: string) => p.get(id) ?? '(removed person)', team: (id: string) => t.get(id) ?? '(removed team)' };
}

/** Line-by-line comparison of two versions of a plan. */
export async function diffVersions(ctx: Ctx, planId: string, fromId: string, toId: string) {
  const [a, b] = [(await readableVersion(ctx, ctx.db, planId, fromId)).version, (await readableVersion(ctx, ctx.db, planId, toId)).version];
  const [ca, cb] = [JSON.parse(a.content) as PlanContent, JSON.parse(b.content) as PlanContent];
  const names = await namesFor(ctx.db, [ca, cb]);
  const ta = `${contentLines(ca, names).join('\n')}\n`;
  const tb = `${contentLines(cb, names).join('\n')}\n`;
  const parts = diffLines(ta, tb);
  const lines = (s: string) => s.replace(/\n$/, '').split('\n');
  const changes = parts.map((p) => ({ kind: p.added ? 'added' as const : p.removed ? 'removed' as const : 'same' as const, lines: lines(p.value) }));
  return {
    from: presentVersion(a), to: presentVersion(b),
    unified: createTwoFilesPatch(`version ${a.number}`, `version ${b.number}`, ta, tb, a.status, b.status),
    added: changes.filter((c) => c.kind === 'added').reduce((n, c) => n + c.lines.length, 0),
    removed: changes.filter((c) => c.kind === 'removed').reduce((n, c) => n + c.lines.length, 0),
    changes,
  };
}
