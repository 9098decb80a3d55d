import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, principalOf, SESSION_COOKIE } from '../../server/context.js';
import { nowIso } from '../../domain/ids.js';
import { recordAudit } from '../audit/service.js';
import { presentUser } from '../users/service.js';
import * as S from './schema.js';
import * as auth from './service.js';

export interface AuthRouteOptions { loginRateLimit: number }

export async function authRoutes(app: FastifyInstance, opts: AuthRouteOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, sessionTtlMs, secureCookies } = app.orms;
  const tags = ['auth'];

  const me = async (userId: string, csrfToken: string | null) => {
    const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    return { user: await presentUser(db, user), csrfToken };
  };

  r.post('/auth/login', {
    config: { public: true, rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Sign in; sets the session cookie and returns the CSRF token', body: S.loginBody, response: { 200: S.meOut } },
  }, async (req, reply) => {
    const result = await auth.login(db, req.body.email, req.body.password, sessionTtlMs);
    reply.setCookie(SESSION_COOKIE, result.sessionToken, {
      httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/', expires: new Date(result.expiresAt),
    });
    return me(result.userId, result.csrfToken);
  });

  r.post('/auth/logout', { schema: { tags, response: { 204: z.null() } } }, async (req, reply) => {
    if (req.sessionId) await auth.logout(db, req.sessionId, actorOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  r.get('/auth/me', { schema: { tags, summary: 'The signed-in user, grants and CSRF token', response: { 200: S.meOut } } }, async (req) => {
    const csrf = req.sessionId ? (await db.selectFrom('sessions').select('csrf_token').where('id', '=', req.sessionId).executeTakeFirst())?.csrf_token ?? null : null;
    return me(principalOf(req).userId, csrf);
  });

  r.patch('/auth/me', { schema: { tags, summary: 'Change your display name or language', body: S.meBody, response: { 200: S.meOut } } }, async (req) => {
    const p = principalOf(req);
    await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('users').select(['display_name', 'language']).where('id', '=', p.userId).executeTakeFirstOrThrow();
      const after = { display_name: req.body.displayName ?? before.display_name, language: req.body.language ?? before.language };
      await trx.updateTable('users').set({ ...after, updated_at: nowIso() }).where('id', '=', p.userId).execute();
      await recordAudit(trx, actorOf(req), { action: 'update', subjectType: 'user', subjectId: p.userId, before, after });
    });
    const csrf = req.sessionId ? (await db.selectFrom('sessions').select('csrf_token').where('id', '=', req.sessionId).executeTakeFirst())?.csrf_token ?? null : null;
    return me(p.userId, csrf);
  });

  r.post('/auth/password', { schema: { tags, summary: 'Change your password; ends your other sessions', body: S.passwordBody, response: { 204: z.null() } } }, async (req, reply) => {
    await auth.changePassword(db, principalOf(req).userId, req.body.currentPassword, req.body.newPassword, req.sessionId ?? undefined, actorOf(req));
    return reply.code(204).send(null);
  });

  r.get('/auth/tokens', { schema: { tags, summary: 'Your API tokens (secrets are never shown again)', response: { 200: z.array(S.tokenOut) } } }, async (req) => {
    const rows = await db.selectFrom('api_tokens').select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', principalOf(req).userId).orderBy('created_at', 'desc').execute();
    return rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.created_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at }));
  });

  r.post('/auth/tokens', { schema: { tags, summary: 'Create an API token for an integration; the token is shown once', body: S.tokenBody, response: { 201: z.object({ id: z.string(), token: z.string() }) } } },
    async (req, reply) => reply.code(201).send(await auth.createApiToken(db, principalOf(req).userId, req.body.name, actorOf(req))));

  r.delete('/auth/tokens/:id', { schema: { tags, params: z.strictObject({ id: z.uuid() }), response: { 204: z.null() } } }, async (req, reply) => {
    await auth.revokeApiToken(db, principalOf(req).userId, req.params.id, actorOf(req));
    return reply.code(204).send(null);
  });
}
