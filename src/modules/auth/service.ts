import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import { AppError, badRequest, notFound, unauthorized } from '../../server/errors.js';
import { recordAudit, type Actor } from '../audit/service.js';
import { hashPassword, MIN_PASSWORD_LENGTH, randomSecret, sha256, verifyPassword } from './passwords.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const TOKEN_PREFIX = 'orms_';

// Verified against when the email is unknown, so a miss costs as long as a hit.
let dummyHash: Promise<string> | undefined;

export interface LoginResult { sessionToken: string; csrfToken: string; userId: string; expiresAt: string }

export async function login(db: Kysely<Database>, email: string, password: string, ttlMs: number): Promise<LoginResult> {
  const user = await db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (!user) {
    await verifyPassword(await (dummyHash ??= hashPassword(randomSecret())), password);
    throw unauthorized('Invalid email or password');
  }
  const now = Date.now();
  if (user.locked_until && Date.parse(user.locked_until) > now) {
    throw new AppError(429, 'account_locked', `Too many failed attempts; try again after ${user.locked_until}`);
  }
  const ok = !user.disabled && (await verifyPassword(user.password_hash, password));
  const actor: Actor = { userId: user.id, email: user.email };
  if (!ok) {
    const failed = user.failed_logins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({
        failed_logins: lock ? 0 : failed,
        locked_until: lock ? new Date(now + LOCKOUT_MS).toISOString() : user.locked_until,
      }).where('id', '=', user.id).execute();
      await recordAudit(trx, actor, { action: lock ? 'lockout' : 'login_failed', subjectType: 'user', subjectId: user.id });
    });
    throw unauthorized('Invalid email or password');
  }
  const sessionToken = randomSecret();
  const csrfToken = randomSecret(18);
  const expiresAt = new Date(now + ttlMs).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await trx.insertInto('sessions').values({ id: sha256(sessionToken), user_id: user.id, csrf_token: csrfToken, created_at: nowIso(), expires_at: expiresAt }).execute();
    await recordAudit(trx, actor, { action: 'login', subjectType: 'user', subjectId: user.id });
  });
  return { sessionToken, csrfToken, userId: user.id, expiresAt };
}

export interface SessionInfo { userId: string; csrfToken: string; sessionId: string }

export async function resolveSession(db: Kysely<Database>, token: string): Promise<SessionInfo | undefined> {
  const row = await db.selectFrom('sessions').select(['id', 'user_id', 'csrf_token', 'expires_at'])
    .where('id', '=', sha256(token)).executeTakeFirst();
  if (!row || Date.parse(row.expires_at) <= Date.now()) return undefined;
  return { userId: row.user_id, csrfToken: row.csrf_token, sessionId: row.id };
}

export async function logout(db: Kysely<Database>, sessionId: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', sessionId).execute();
    await recordAudit(trx, actor, { action: 'logout', subjectType: 'user', subjectId: actor.userId ?? '' });
  });
}

export async function resolveApiToken(db: Kysely<Database>, token: string): Promise<string | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await db.selectFrom('api_tokens').select(['id', 'user_id', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!row || row.revoked_at) return undefined;
  // Touch at most once a minute: a busy integration should not write on every call.
  const now = Date.now();
  if (!row.last_used_at || now - Date.parse(row.last_used_at) > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: new Date(now).toISOString() }).where('id', '=', row.id).execute();
  }
  return row.user_id;
}

export async function createApiToken(db: Kysely<Database>, userId: string, name: string, actor: Actor): Promise<{ id: string; token: string }> {
  const token = TOKEN_PREFIX + randomSecret();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('api_tokens').values({ id, user_id: userId, name, token_hash: sha256(token), created_at: nowIso(), last_used_at: null, revoked_at: null }).execute();
    await recordAudit(trx, actor, { action: 'create', subjectType: 'api_token', subjectId: id, after: { userId, name } });
  });
  return { id, token };
}

export async function revokeApiToken(db: Kysely<Database>, userId: string, tokenId: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_tokens').select(['id', 'name', 'revoked_at']).where('id', '=', tokenId).where('user_id', '=', userId).executeTakeFirst();
    if (!row || row.revoked_at) throw notFound('API token');
    const at = nowIso();
    await trx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', tokenId).execute();
    await recordAudit(trx, actor, { action: 'revoke', subjectType: 'api_token', subjectId: tokenId, before: { name: row.name }, after: { revokedAt: at } });
  });
}

export function checkPasswordStrength(password: string, field = 'newPassword'): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw badRequest('Password too short', { [field]: `At least ${MIN_PASSWORD_LENGTH} characters` });
}

export async function changePassword(db: Kysely<Database>, userId: string, current: string, next: string, keepSessionId: string | undefined, actor: Actor): Promise<void> {
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, current))) throw badRequest('Current password is wrong', { currentPassword: 'Does not match' });
  checkPasswordStrength(next);
  const hashed = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hashed, updated_at: nowIso() }).where('id', '=', userId).execute();
    // Other sessions end: a changed password must lock out whoever else knew the old one.
    let del = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionId) del = del.where('id', '!=', keepSessionId);
    await del.execute();
    await recordAudit(trx, actor, { action: 'password_change', subjectType: 'user', subjectId: userId });
  });
}
