import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { Dialect } from '../db/connect.js';
import type { Principal } from '../domain/access.js';
import type { Actor } from '../modules/audit/service.js';

export interface AppContext {
  db: Kysely<Database>;
  dialect: Dialect;
  sessionTtlMs: number;
  secureCookies: boolean;
}

declare module 'fastify' {
  interface FastifyInstance { orms: AppContext }
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when the request was authenticated by session cookie (then CSRF applies). */
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** Route needs no authentication. */
    public?: boolean;
  }
}

export const SESSION_COOKIE = 'orms_session';
export const CSRF_HEADER = 'x-csrf-token';

/** The principal of an authenticated route (the auth hook guarantees it is set). */
export function principalOf(req: { principal: Principal | null }): Principal {
  if (!req.principal) throw new Error('principalOf called on an unauthenticated request');
  return req.principal;
}

export function actorOf(req: { principal: Principal | null }): Actor {
  const p = principalOf(req);
  return { userId: p.userId, email: p.email };
}

/** What a service call needs: the database and who is acting. */
export interface Ctx { db: Kysely<Database>; principal: Principal }
/** The system principal has no user id: its events are recorded with a null actor. */
export const ctxActor = (ctx: Ctx): Actor => ({ userId: ctx.principal.userId || null, email: ctx.principal.email });
