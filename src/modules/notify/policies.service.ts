import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import type { Role } from '../../domain/access.js';
import { newId, nowIso } from '../../domain/ids.js';
import { DEFAULT_POLICY, type ApprovalPolicy } from '../../domain/notify/approval.js';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canNotify, canNotifyIn, type Scope } from './policy.js';
import type { ScopeRef } from './schema.js';
import type { policyInput, policyPatch } from './policies.schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type PolicyRow = Database['notify_policies'];

export const scopeKey = (s: Scope): string => (s.type === 'org' ? 'org' : `${s.type}:${s.id}`);
export const scopeOf = (ref: ScopeRef): Scope => (ref.type === 'org' ? { type: 'org', id: null } : { type: ref.type, id: ref.id });
export const scopeRefOf = (type: string, id: string | null): ScopeRef => (type === 'entity' || type === 'location' ? { type, id: id! } : { type: 'org' });

/** The scopes whose policy may apply, most specific first: a location, its duty station, then the organization; an entity, its parents, then the organization. */
export async function scopeChain(db: Db, s: Scope): Promise<string[]> {
  if (s.type === 'location') {
    const loc = await db.selectFrom('locations').select(['id', 'parent_id']).where('id', '=', s.id!).executeTakeFirst();
    return [`location:${s.id}`, ...(loc?.parent_id ? [`location:${loc.parent_id}`] : []), 'org'];
  }
  if (s.type === 'entity') {
    const e = await db.selectFrom('entities').select('path').where('id', '=', s.id!).executeTakeFirst();
    const ids = (e?.path ?? `/${s.id}/`).split('/').filter(Boolean).reverse();
    return [...ids.map((id) => `entity:${id}`), 'org'];
  }
  return ['org'];
}

const toPolicy = (r: PolicyRow): ApprovalPolicy => ({
  approvalsRequired: r.approvals_required, senderRoles: JSON.parse(r.sender_roles) as Role[], senderMayBeDrafter: !!r.sender_may_be_drafter, bypassAllowed: !!r.bypass_allowed,
});

/** The policy in force for a scope, and the scope it comes from (null: the built-in default). */
export async function effectivePolicy(db: Db, s: Scope): Promise<ApprovalPolicy & { source: string | null }> {
  const chain = await scopeChain(db, s);
  const rows = await db.selectFrom('notify_policies').selectAll().where('scope_key', 'in', chain).execute();
  for (const key of chain) {
    const r = rows.find((x) => x.scope_key === key);
    if (r) return { ...toPolicy(r), source: key };
  }
  return { ...DEFAULT_POLICY, source: null };
}

/** The name of a scope for display: the entity's code and name, the location's name. */
export async function scopeName(db: Db, s: Scope): Promise<string | null> {
  if (s.type === 'entity') {
    const e = await db.selectFrom('entities').select(['code', 'name']).where('id', '=', s.id!).executeTakeFirst();
    return e ? `${e.code} — ${e.name}` : null;
  }
  if (s.type === 'location') return (await db.selectFrom('locations').select('name').where('id', '=', s.id!).executeTakeFirst())?.name ?? null;
  return null;
}

async function present(db: Db, r: PolicyRow) {
  const scope = scopeRefOf(r.scope_type, r.scope_id);
  return { id: r.id, scope, scopeName: await scopeName(db, scopeOf(scope)), ...toPolicy(r), updatedAt: r.updated_at };
}

async function checkScopeExists(db: Db, s: Scope) {
  if (s.type === 'org') return;
  const table = s.type === 'entity' ? 'entities' : 'locations';
  if (!(await db.selectFrom(table).select('id').where('id', '=', s.id!).executeTakeFirst())) throw badRequest(`No such ${s.type}`, { 'scope.id': `No such ${s.type}` });
}

export async function listPolicies(ctx: Ctx) {
  if (!canNotify(ctx.principal, 'message.draft') && !canNotify(ctx.principal, 'policy.manage')) throw forbidden('You may not see approval policies');
  const rows = await ctx.db.selectFrom('notify_policies').selectAll().orderBy('scope_type').orderBy('created_at').execute();
  return Promise.all(rows.map((r) => present(ctx.db, r)));
}

export async function getEffectivePolicy(ctx: Ctx, ref: ScopeRef) {
  if (!canNotify(ctx.principal, 'message.draft')) throw forbidden('You may not draft messages');
  return effectivePolicy(ctx.db, scopeOf(ref));
}

export async function createPolicy(ctx: Ctx, input: z.infer<typeof policyInput>) {
  const s = scopeOf(input.scope);
  if (!canNotifyIn(ctx.principal, 'policy.manage', s)) throw forbidden('You may not set the approval policy of this scope');
  return ctx.db.transaction().execute(async (trx) => {
    await checkScopeExists(trx, s);
    if (await trx.selectFrom('notify_policies').select('id').where('scope_key', '=', scopeKey(s)).executeTakeFirst()) {
      throw conflict('This scope already has a policy; change it instead', { scope: 'Already has a policy' });
    }
    const now = nowIso();
    const row: PolicyRow = {
      id: newId(), scope_key: scopeKey(s), scope_type: s.type, scope_id: s.id, approvals_required: input.approvalsRequired, sender_roles: JSON.stringify(input.senderRoles),
      sender_may_be_drafter: input.senderMayBeDrafter ? 1 : 0, bypass_allowed: input.bypassAllowed ? 1 : 0, updated_by: ctx.principal.userId, created_at: now, updated_at: now,
    };
    await trx.insertInto('notify_policies').values(row).execute();
    const out = await present(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'notify_policy', subjectId: row.id, ...auditScope(s), after: out });
    return out;
  });
}

const auditScope = (s: Scope) => ({ entityId: s.type === 'entity' ? s.id : null, locationId: s.type === 'location' ? s.id : null });

async function policyRow(db: Db, id: string): Promise<PolicyRow> {
  const r = await db.selectFrom('notify_policies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('Policy');
  return r;
}

export async function updatePolicy(ctx: Ctx, id: string, patch: z.infer<typeof policyPatch>) {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await policyRow(trx, id);
    const s: Scope = { type: r.scope_type as Scope['type'], id: r.scope_id };
    if (!canNotifyIn(ctx.principal, 'policy.manage', s)) throw forbidden('You may not set the approval policy of this scope');
    const before = await present(trx, r);
    const next: PolicyRow = {
      ...r,
      approvals_required: patch.approvalsRequired ?? r.approvals_required,
      sender_roles: patch.senderRoles ? JSON.stringify(patch.senderRoles) : r.sender_roles,
      sender_may_be_drafter: patch.senderMayBeDrafter === undefined ? r.sender_may_be_drafter : patch.senderMayBeDrafter ? 1 : 0,
      bypass_allowed: patch.bypassAllowed === undefined ? r.bypass_allowed : patch.bypassAllowed ? 1 : 0,
      updated_by: ctx.principal.userId, updated_at: nowIso(),
    };
    await trx.updateTable('notify_policies').set(next).where('id', '=', id).execute();
    const after = await present(trx, next);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'notify_policy', subjectId: id, ...auditScope(s), before, after });
    return after;
  });
}

export async function deletePolicy(ctx: Ctx, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await policyRow(trx, id);
    const s: Scope = { type: r.scope_type as Scope['type'], id: r.scope_id };
    if (!canNotifyIn(ctx.principal, 'policy.manage', s)) throw forbidden('You may not set the approval policy of this scope');
    const before = await present(trx, r);
    await trx.deleteFrom('notify_policies').where('id', '=', id).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'notify_policy', subjectId: id, ...auditScope(s), before });
  });
}
