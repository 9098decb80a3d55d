import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database, UserRow } from '../../db/types.js';
import { allows, type Principal, type RightsTable } from '../../domain/access.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit, type Actor } from '../audit/service.js';
import { hashPassword } from '../auth/passwords.js';
import { checkPasswordStrength } from '../auth/service.js';
import type { grantSchema } from '../auth/schema.js';

/** User administration: accounts and role grants are managed organization-wide by system admins. */
export type UserAction = 'user.admin';
export const USER_RIGHTS: RightsTable<UserAction> = {
  system_admin: ['user.admin'], entity_admin: [], orms_focal_point: [], bc_coordinator: [], security_adviser: [],
  crisis_team_member: [], staff: [], viewer: [],
};
export const canAdminUsers = (p: Principal) => allows(p, USER_RIGHTS, 'user.admin', {});

type Db = Kysely<Database> | Transaction<Database>;
export type GrantInput = z.infer<typeof grantSchema>;

export async function grantsOf(db: Db, userId: string) {
  const rows = await db.selectFrom('role_grants')
    .leftJoin('entities', (j) => j.onRef('entities.id', '=', 'role_grants.scope_id').on('role_grants.scope_type', '=', 'entity'))
    .leftJoin('locations', (j) => j.onRef('locations.id', '=', 'role_grants.scope_id').on('role_grants.scope_type', '=', 'location'))
    .select(['role_grants.role', 'role_grants.scope_type', 'role_grants.scope_id', 'entities.name as entity_name', 'locations.name as location_name'])
    .where('role_grants.user_id', '=', userId).orderBy('role_grants.created_at').orderBy('role_grants.id').execute();
  return rows.map((r) => ({ role: r.role, scopeType: r.scope_type, scopeId: r.scope_id, scopeName: r.entity_name ?? r.location_name ?? null }));
}

export async function presentUser(db: Db, u: UserRow) {
  return {
    id: u.id, email: u.email, displayName: u.display_name, personId: u.person_id, language: u.language,
    disabled: !!u.disabled, lockedUntil: u.locked_until && Date.parse(u.locked_until) > Date.now() ? u.locked_until : null,
    grants: await grantsOf(db, u.id), createdAt: u.created_at,
  };
}
export type UserOut = Awaited<ReturnType<typeof presentUser>>;

async function checkGrantScopes(db: Db, grants: GrantInput[]) {
  for (const [i, g] of grants.entries()) {
    if (g.scopeType === 'entity' && !(await db.selectFrom('entities').select('id').where('id', '=', g.scopeId!).executeTakeFirst())) {
      throw badRequest('Unknown scope', { [`grants.${i}.scopeId`]: 'No such entity' });
    }
    if (g.scopeType === 'location' && !(await db.selectFrom('locations').select('id').where('id', '=', g.scopeId!).where('kind', '=', 'duty_station').executeTakeFirst())) {
      throw badRequest('Unknown scope', { [`grants.${i}.scopeId`]: 'No such duty station' });
    }
  }
}

async function replaceGrants(trx: Transaction<Database>, userId: string, grants: GrantInput[]) {
  await trx.deleteFrom('role_grants').where('user_id', '=', userId).execute();
  if (grants.length) {
    await trx.insertInto('role_grants').values(grants.map((g) => ({ id: newId(), user_id: userId, role: g.role, scope_type: g.scopeType, scope_id: g.scopeId, created_at: nowIso() }))).execute();
  }
}

export interface NewUser { email: string; displayName: string; password?: string | undefined; personId?: string | null | undefined; language?: string | undefined; grants: GrantInput[] }

/** Creates an account; used by the API (checked) and the CLI and seeding (system actor). */
export async function insertUser(db: Kysely<Database>, u: NewUser, actor: Actor): Promise<UserRow> {
  if (u.password !== undefined) checkPasswordStrength(u.password, 'password');
  const hashed = u.password ? await hashPassword(u.password) : null;
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('users').select('id').where('email', '=', u.email).executeTakeFirst()) throw conflict('Email already in use', { email: 'Already in use' });
    if (u.personId && !(await trx.selectFrom('people').select('id').where('id', '=', u.personId).executeTakeFirst())) throw badRequest('No such person', { personId: 'No such person' });
    await checkGrantScopes(trx, u.grants);
    const now = nowIso();
    const row: UserRow = {
      id: newId(), email: u.email, display_name: u.displayName, password_hash: hashed, person_id: u.personId ?? null,
      language: u.language ?? 'en', failed_logins: 0, locked_until: null, disabled: 0, created_at: now, updated_at: now,
    };
    await trx.insertInto('users').values(row).execute();
    await replaceGrants(trx, row.id, u.grants);
    await recordAudit(trx, actor, { action: 'create', subjectType: 'user', subjectId: row.id, after: await presentUser(trx, row) });
    return row;
  });
}

export async function listUsers(ctx: Ctx): Promise<UserOut[]> {
  if (!canAdminUsers(ctx.principal)) throw forbidden('Only system administrators manage accounts');
  const rows = await ctx.db.selectFrom('users').selectAll().orderBy('email').execute();
  return Promise.all(rows.map((u) => presentUser(ctx.db, u)));
}

async function getRow(db: Db, id: string) {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('User');
  return row;
}

export async function createUser(ctx: Ctx, u: NewUser): Promise<UserOut> {
  if (!canAdminUsers(ctx.principal)) throw forbidden('Only system administrators manage accounts');
  return presentUser(ctx.db, await insertUser(ctx.db, u, ctxActor(ctx)));
}

export interface UserPatch { displayName?: string | undefined; disabled?: boolean | undefined; personId?: string | null | undefined; grants?: GrantInput[] | undefined; unlock?: boolean | undefined }

export async function updateUser(ctx: Ctx, id: string, patch: UserPatch): Promise<UserOut> {
  if (!canAdminUsers(ctx.principal)) throw forbidden('Only system administrators manage accounts');
  if (id === ctx.principal.userId && (patch.disabled || patch.grants)) throw badRequest('You cannot disable yourself or change your own roles', { id: 'Your own account' });
  return ctx.db.transaction().execute(async (trx) => {
    const beforeRow = await getRow(trx, id);
    const before = await presentUser(trx, beforeRow);
    if (patch.personId && !(await trx.selectFrom('people').select('id').where('id', '=', patch.personId).executeTakeFirst())) throw badRequest('No such person', { personId: 'No such person' });
    const row: UserRow = {
      ...beforeRow,
      display_name: patch.displayName ?? beforeRow.display_name,
      disabled: patch.disabled === undefined ? beforeRow.disabled : Number(patch.disabled),
      person_id: patch.personId === undefined ? beforeRow.person_id : patch.personId,
      locked_until: patch.unlock ? null : beforeRow.locked_until,
      failed_logins: patch.unlock ? 0 : beforeRow.failed_logins,
      updated_at: nowIso(),
    };
    await trx.updateTable('users').set(row).where('id', '=', id).execute();
    if (patch.grants) { await checkGrantScopes(trx, patch.grants); await replaceGrants(trx, id, patch.grants); }
    if (row.disabled) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const after = await presentUser(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'user', subjectId: id, before, after });
    return after;
  });
}

/** Sets a new password (admin reset or CLI) and ends the user's sessions. */
export async function setPassword(db: Kysely<Database>, id: string, password: string, actor: Actor): Promise<void> {
  checkPasswordStrength(password, 'password');
  const hashed = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await getRow(trx, id);
    await trx.updateTable('users').set({ password_hash: hashed, failed_logins: 0, locked_until: null, updated_at: nowIso() }).where('id', '=', id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'password_reset', subjectType: 'user', subjectId: id });
  });
}

export async function resetPassword(ctx: Ctx, id: string, password: string): Promise<void> {
  if (!canAdminUsers(ctx.principal)) throw forbidden('Only system administrators manage accounts');
  await setPassword(ctx.db, id, password, ctxActor(ctx));
}
