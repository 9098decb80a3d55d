import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveApiToken, resolveSession } from '../modules/auth/service.js';
import { loadPrincipal } from '../modules/auth/principal.js';
import { AppError, unauthorized } from './errors.js';
import { CSRF_HEADER, SESSION_COOKIE } from './context.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function authenticate(app: FastifyInstance, req: FastifyRequest): Promise<void> {
  const { db } = app.orms;
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const userId = m?.[1] ? await resolveApiToken(db, m[1]) : undefined;
    if (!userId) throw unauthorized('Invalid or revoked API token');
    req.principal = (await loadPrincipal(db, userId)) ?? null;
    if (!req.principal) throw unauthorized('Account disabled');
    return;
  }
  const cookie = req.cookies[SESSION_COOKIE];
  const session = cookie ? await resolveSession(db, cookie) : undefined;
  if (!session) throw unauthorized(cookie ? 'Session expired; sign in again' : 'Authentication required');
  // Cookies ride along on cross-site requests; a header a foreign page cannot read proves intent.
  if (!SAFE_METHODS.has(req.method) && req.headers[CSRF_HEADER] !== session.csrfToken) {
    throw new AppError(403, 'csrf', `Missing or wrong ${CSRF_HEADER} header`);
  }
  req.principal = (await loadPrincipal(db, session.userId)) ?? null;
  if (!req.principal) throw unauthorized('Account disabled');
  req.sessionId = session.sessionId;
}

/** Authenticates every API route except those whose config says `public: true`. */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/') || req.routeOptions.config?.public) return;
    await authenticate(app, req);
  });
});
