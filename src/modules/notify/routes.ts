import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Ctx } from '../../server/context.js';
import * as S from './schema.js';
import * as messages from './messages.service.js';
import * as responses from './responses.service.js';
import { twilioSignature } from './tokens.js';
import { AppError } from '../../server/errors.js';
import { renderTable, sendTable } from '../../server/tabular.js';

export async function notifyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { principal: unknown }): Ctx => ({ db: app.orms.db, principal: principalOf(req as never) });
  const tags = ['notifications'];
  // SMS providers post replies as HTML forms.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

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

  // ---- responses and accountability
  const tokenParams = z.strictObject({ token: z.string().min(10).max(500) });
  r.get('/respond/:token', {
    config: { public: true },
    schema: { tags, summary: 'What a recipient sees behind their response link (no login)', params: tokenParams, response: { 200: S.responsePageOut } },
  }, (req) => responses.responsePage(app.orms.db, req.params.token));
  r.post('/respond/:token', {
    // Generous per address: a whole office may answer from behind one NAT address.
    config: { public: true, rateLimit: { max: Number(process.env.ORMS_RESPONSE_RATE_LIMIT ?? 600), timeWindow: '1 minute' } },
    schema: { tags, summary: 'Answer through the link; the same answer twice counts once', params: tokenParams, body: z.strictObject({ answer: z.string().min(1).max(50) }), response: { 200: S.respondOut } },
  }, (req) => responses.respondByLink(app.orms.db, req.params.token, req.body.answer));
  r.post('/notify/sms/inbound', {
    config: { public: true },
    schema: { tags, summary: 'SMS replies from the provider (Twilio-style form post, signed with X-Twilio-Signature)', body: z.object({ From: z.string().min(3).max(40), Body: z.string().max(1600) }).passthrough() },
  }, async (req) => {
    const token = process.env.ORMS_SMS_TOKEN;
    if (!token) throw new AppError(503, 'sms_not_configured', 'SMS replies are not configured (ORMS_SMS_TOKEN)');
    const url = `${(process.env.ORMS_PUBLIC_URL ?? '').replace(/\/$/, '')}${req.url}`;
    const expected = twilioSignature(token, url, req.body as Record<string, string>);
    if (req.headers['x-twilio-signature'] !== expected) throw new AppError(403, 'bad_signature', 'The request is not signed by the SMS provider');
    return responses.respondBySms(app.orms.db, req.body.From, req.body.Body);
  });
  r.get('/messages/:id/board', { schema: { tags, summary: 'Accountability board: reached, answers and no response per duty station and entity', params: S.idParams, response: { 200: S.boardOut } } },
    (req) => responses.board(ctx(req), req.params.id));
  r.get('/messages/:id/board/stream', { schema: { tags, summary: 'The board as server-sent events, pushed within a second of a change', params: S.idParams } }, async (req, reply) => {
    const c = ctx(req);
    const snapshot = async () => {
      const { at, ...counts } = await responses.board(c, req.params.id);
      return { counts: JSON.stringify(counts), event: `event: board\ndata: ${JSON.stringify({ ...counts, at })}\n\n` };
    };
    let last = await snapshot();
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    reply.raw.write(last.event);
    // Polling the database keeps every app node's stream current, whichever node took the answer.
    const timer = setInterval(async () => {
      try {
        const next = await snapshot();
        if (next.counts !== last.counts) reply.raw.write(next.event);
        last = next;
      } catch {
        clearInterval(timer);
        reply.raw.end();
      }
    }, 500);
    req.raw.on('close', () => clearInterval(timer));
  });
  const recipientQuery = z.strictObject({
    locationId: z.uuid().optional(), entityId: z.uuid().optional(), answer: z.string().max(50).optional().describe('An answer, or none for those who have not answered'),
    page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50),
  });
  r.get('/messages/:id/recipients', { schema: { tags, summary: 'Drill down from the board to people', params: S.idParams, querystring: recipientQuery, response: { 200: z.array(S.recipientOut) } } },
    (req) => responses.recipients(ctx(req), req.params.id, req.query));
  r.get('/messages/:id/recipients.csv', { schema: { tags, summary: 'Every recipient with their latest answer, for the crisis team', params: S.idParams } }, async (req, reply) => {
    const rows = [];
    for (let page = 1; page <= 1000; page++) {
      const batch = await responses.recipients(ctx(req), req.params.id, { page, pageSize: 500 });
      rows.push(...batch.map((p) => [p.personId, p.givenName, p.familyName, p.locationId, p.entityId, p.reached, p.answer, p.answeredAt]));
      if (batch.length < 500) break;
    }
    return sendTable(reply, 'csv', 'accountability', await renderTable('csv', ['person_id', 'given_name', 'family_name', 'location_id', 'entity_id', 'reached', 'answer', 'answered_at'], rows));
  });
  r.post('/messages/:id/resend', { schema: { tags, summary: 'Send again to everyone who has not answered', params: S.idParams, response: { 200: z.object({ round: z.number(), queued: z.number() }) } } },
    (req) => responses.resendToNonResponders(ctx(req), req.params.id));
}
