import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Db } from '../db/connect.js';
import { migrationState } from '../db/migrate.js';
import { errorHandler } from './errors.js';
import { authPlugin } from './auth-plugin.js';
import './context.js';
import { authRoutes } from '../modules/auth/routes.js';
import { userRoutes } from '../modules/users/routes.js';
import { orgRoutes } from '../modules/org/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { riskRoutes } from '../modules/risk/routes.js';
import { securityRoutes } from '../modules/security/routes.js';
import { notifyRoutes } from '../modules/notify/routes.js';
import { planRoutes } from '../modules/plans/routes.js';
import { exerciseRoutes } from '../modules/exercises/routes.js';
import { continuityRoutes } from '../modules/continuity/routes.js';
import { travelRoutes } from '../modules/travel/routes.js';
import { capRoutes } from '../modules/notify/cap.routes.js';
import { logSerializers } from './log.js';

export interface AppOptions {
  database: Db;
  sessionTtlMs?: number;
  secureCookies?: boolean;
  /** Sign-in attempts allowed per client address per minute. */
  loginRateLimit?: number;
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** Directory of the built web app; served at / when it exists. */
  webDir?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** web/dist relative to this file, whether running from src/ (tests) or dist/src/ (built). */
export const defaultWebDir = [path.resolve(here, '../../web/dist'), path.resolve(here, '../../../web/dist')].find((d) => fs.existsSync(d));

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { ...(opts.logger === true ? {} : opts.logger), serializers: logSerializers } : false,
    bodyLimit: 1024 * 1024,
    // Response links carry a signed token in the path.
    routerOptions: { maxParamLength: 500 },
    // Live streams (server-sent events) must not hold a shutdown open.
    forceCloseConnections: true,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorate('orms', {
    db: opts.database.db,
    dialect: opts.database.dialect,
    sessionTtlMs: opts.sessionTtlMs ?? 12 * 3600_000,
    secureCookies: opts.secureCookies ?? false,
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'ORMS API', version: '1', description: 'Organizational Resilience Management System. Authenticate with the session cookie from POST /api/v1/auth/login (and send x-csrf-token on changes) or with `Authorization: Bearer <API token>`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'orms_session' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', { config: { public: true }, schema: { tags: ['system'], summary: 'Liveness, database dialect and migration state' } }, async (_req, reply) => {
    const state = await migrationState(opts.database.db);
    const ok = state.pending.length === 0;
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'migrations_pending', database: { dialect: opts.database.dialect, ...state } });
  });

  await app.register(async (api) => {
    await api.register(authRoutes, { loginRateLimit: opts.loginRateLimit ?? 20 });
    await api.register(userRoutes);
    await api.register(orgRoutes);
    await api.register(auditRoutes);
    await api.register(riskRoutes);
    await api.register(securityRoutes);
    await api.register(notifyRoutes);
    await api.register(planRoutes);
    await api.register(exerciseRoutes);
    await api.register(continuityRoutes);
    await api.register(travelRoutes);
    await api.register(capRoutes);
  }, { prefix: '/api/v1' });

  const webDir = opts.webDir ?? defaultWebDir;
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    // Built assets have content hashes in their names and never change; index.html must be fetched fresh
    // after each deploy. Files are looked up per request, so a rebuild is served without a restart.
    await app.register(fastifyStatic, {
      root: webDir, wildcard: true, cacheControl: false,
      setHeaders: (res, file) => res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // The single-page app owns every non-API path.
    if (webDir && req.method === 'GET' && !req.url.startsWith('/api/') && fs.existsSync(path.join(webDir, 'index.html'))) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
  });
  return app;
}
