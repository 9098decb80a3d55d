import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Ctx } from '../../server/context.js';
import { UN_LANGUAGES } from '../../domain/org.js';
import { email, grantSchema, userOut } from '../auth/schema.js';
import * as users from './service.js';

const userInput = z.strictObject({
  email,
  displayName: z.string().trim().min(1).max(200),
  password: z.string().max(1000).optional().describe('Leave out to create an account that cannot sign in until a password is set'),
  personId: z.uuid().nullish(),
  language: z.enum(UN_LANGUAGES).default('en'),
  grants: z.array(grantSchema).max(50).default([]),
});
const userPatch = z.strictObject({
  displayName: z.string().trim().min(1).max(200),
  disabled: z.boolean(),
  personId: z.uuid().nullable(),
  grants: z.array(grantSchema).max(50),
  unlock: z.literal(true),
}).partial();
const params = z.strictObject({ id: z.uuid() });

export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { principal: unknown }): Ctx => ({ db: app.orms.db, principal: principalOf(req as never) });
  const tags = ['users'];
  r.get('/users', { schema: { tags, summary: 'All accounts (system admins)', response: { 200: z.array(userOut) } } }, (req) => users.listUsers(ctx(req)));
  r.post('/users', { schema: { tags, body: userInput, response: { 201: userOut } } },
    async (req, reply) => reply.code(201).send(await users.createUser(ctx(req), req.body)));
  r.patch('/users/:id', { schema: { tags, params, body: userPatch, response: { 200: userOut } } },
    (req) => users.updateUser(ctx(req), req.params.id, req.body));
  r.post('/users/:id/password', { schema: { tags, summary: 'Set a new password and end the user\'s sessions', params, body: z.strictObject({ password: z.string().max(1000) }), response: { 204: z.null() } } },
    async (req, reply) => { await users.resetPassword(ctx(req), req.params.id, req.body.password); return reply.code(204).send(null); });
}
