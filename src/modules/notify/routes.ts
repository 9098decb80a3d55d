import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Ctx } from '../../server/context.js';
import * as S from './schema.js';
import * as messages from './messages.service.js';

export async function notifyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { principal: unknown }): Ctx => ({ db: app.orms.db, principal: principalOf(req as never) });
  const tags = ['notifications'];

  r.post('/notify/audience/preview', {
    schema: { tags, summary: 'How many people an audience reaches (within your scope), and who cannot be reached', body: z.strictObject({ audience: S.audience, channels: z.array(z.enum(S.CHANNELS)).min(1).default(['email']) }), response: { 200: S.previewOut } },
  }, (req) => messages.previewAudience(ctx(req), req.body.audience, req.body.channels));
  r.get('/messages', { schema: { tags, querystring: z.strictObject({ status: z.enum(['draft', 'pending_approval', 'approved', 'rejected', 'sent']).optional() }), response: { 200: z.array(S.messageOut) } } },
    (req) => messages.listMessages(ctx(req), req.query.status));
  r.get('/messages/:id', { schema: { tags, params: S.idParams, response: { 200: S.messageOut } } }, (req) => messages.getMessage(ctx(req), req.params.id));
  r.post('/messages', { schema: { tags, summary: 'Draft a message', body: S.messageInput, response: { 201: S.messageOut } } },
    async (req, reply) => reply.code(201).send(await messages.createMessage(ctx(req), req.body)));
  r.patch('/messages/:id', { schema: { tags, summary: 'Edit a draft (clears earlier approvals)', params: S.idParams, body: S.messagePatch, response: { 200: S.messageOut } } },
    (req) => messages.updateMessage(ctx(req), req.params.id, req.body));
  r.post('/messages/:id/submit', { schema: { tags, summary: 'Ask for approval', params: S.idParams, response: { 200: S.messageOut } } }, (req) => messages.submitMessage(ctx(req), req.params.id));
  r.post('/messages/:id/decision', { schema: { tags, summary: 'Approve or reject (not your own draft)', params: S.idParams, body: S.decisionInput, response: { 200: S.messageOut } } },
    (req) => messages.decideMessage(ctx(req), req.params.id, req.body));
  r.post('/messages/:id/send', { schema: { tags, summary: 'Send an approved message, or bypass approval in an emergency with a reason (audited)', params: S.idParams, body: S.sendInput, response: { 200: S.sendOut } } },
    (req) => messages.sendMessage(ctx(req), req.params.id, req.body));
  r.get('/messages/:id/deliveries', { schema: { tags, summary: 'Delivery status counts per channel', params: S.idParams, response: { 200: S.deliveryStatsOut } } },
    (req) => messages.deliveryStats(ctx(req), req.params.id));
}
