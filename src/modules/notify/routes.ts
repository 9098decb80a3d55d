import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Ctx } from '../../server/context.js';
import * as S from './schema.js';
import * as T from './templates.schema.js';
import * as P from './policies.schema.js';
import * as I from './inbox.schema.js';
import * as messages from './messages.service.js';
import * as responses from './responses.service.js';
import * as templates from './templates.service.js';
import * as policies from './policies.service.js';
import * as inbox from './inbox.service.js';
import { escalateNow } from './escalation.service.js';
import { recordLateStatus, twilioStatus } from './delivery-status.js';
import { inboxEvents } from './channels/inapp.js';
import { webhookSignature } from './channels/webhook.js';
import { pollingStream } from './sse.js';
import { twilioSignature } from './tokens.js';
import { AppError, forbidden } from '../../server/errors.js';
import { renderTable, sendTable } from '../../server/tabular.js';
import { configuredChannels } from '../../jobs/channels-from-env.js';
import { canNotify } from './policy.js';

export async function notifyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { principal: unknown }): Ctx => ({ db: app.orms.db, principal: principalOf(req as never) });
  const tags = ['notifications'];
  // The hottest routes build their answers themselves in the documented shape: checking each of
  // 150,000 answers (or a board's 2,000 rows) against the schema again costs more than the work.
  const plainJson = () => (data: unknown) => JSON.stringify(data);
  // SMS providers post replies and status reports as HTML forms.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const publicUrlOf = (path: string) => `${(process.env.ORMS_PUBLIC_URL ?? '').replace(/\/$/, '')}${path}`;
  const checkTwilio = (req: { url: string; body: unknown; headers: Record<string, unknown> }) => {
    const token = process.env.ORMS_SMS_TOKEN;
    if (!token) throw new AppError(503, 'sms_not_configured', 'SMS is not configured (ORMS_SMS_TOKEN)');
    if (req.headers['x-twilio-signature'] !== twilioSignature(token, publicUrlOf(req.url), req.body as Record<string, string>)) {
      throw new AppError(403, 'bad_signature', 'The request is not signed by the SMS provider');
    }
  };

  r.get('/notify/channels', { schema: { tags, summary: 'The delivery channels this server is configured for', response: { 200: z.object({ available: z.array(z.enum(S.CHANNELS)) }) } } },
    (req) => {
      if (!canNotify(principalOf(req), 'message.draft')) throw forbidden('You may not draft messages');
      return { available: configuredChannels() };
    });
  r.post('/notify/audience/preview', {
    schema: { tags, summary: 'How many people an audience reaches (within your scope), where they are, and who cannot be reached', body: z.strictObject({ audience: S.audience, channels: z.array(z.enum(S.CHANNELS)).min(1).default(['email']) }), response: { 200: S.previewOut } },
  }, (req) => messages.previewAudience(ctx(req), req.body.audience, req.body.channels));

  // ---- templates
  r.get('/notify/templates', { schema: { tags, summary: 'The library of message templates', querystring: z.strictObject({ q: z.string().max(200).optional() }), response: { 200: z.array(T.templateOut) } } },
    (req) => templates.listTemplates(ctx(req), req.query.q));
  r.get('/notify/templates/:id', { schema: { tags, params: S.idParams, response: { 200: T.templateOut } } }, (req) => templates.getTemplate(ctx(req), req.params.id));
  r.post('/notify/templates', { schema: { tags, summary: 'Add a template; every {{placeholder}} must be declared', body: T.templateInput, response: { 201: T.templateOut } } },
    async (req, reply) => reply.code(201).send(await templates.createTemplate(ctx(req), req.body)));
  r.patch('/notify/templates/:id', { schema: { tags, params: S.idParams, body: T.templatePatch, response: { 200: T.templateOut } } },
    (req) => templates.updateTemplate(ctx(req), req.params.id, req.body));
  r.delete('/notify/templates/:id', { schema: { tags, params: S.idParams, response: { 204: z.null() } } },
    async (req, reply) => { await templates.deleteTemplate(ctx(req), req.params.id); return reply.code(204).send(null); });

  // ---- approval policies per scope
  r.get('/notify/policies', { schema: { tags, summary: 'Approval policies set for scopes (others use their parent\'s, then the default)', response: { 200: z.array(P.policyOut) } } },
    (req) => policies.listPolicies(ctx(req)));
  r.get('/notify/policies/effective', {
    schema: { tags, summary: 'The policy that applies to messages issued for a scope', querystring: z.strictObject({ scopeType: z.enum(['org', 'entity', 'location']), scopeId: z.uuid().optional() }).refine((q) => q.scopeType === 'org' || !!q.scopeId, { message: 'Give the scope id', path: ['scopeId'] }), response: { 200: P.effectivePolicyOut } },
  }, (req) => policies.getEffectivePolicy(ctx(req), req.query.scopeType === 'org' ? { type: 'org' } : { type: req.query.scopeType, id: req.query.scopeId! }));
  r.post('/notify/policies', { schema: { tags, body: P.policyInput, response: { 201: P.policyOut } } },
    async (req, reply) => reply.code(201).send(await policies.createPolicy(ctx(req), req.body)));
  r.patch('/notify/policies/:id', { schema: { tags, params: S.idParams, body: P.policyPatch, response: { 200: P.policyOut } } },
    (req) => policies.updatePolicy(ctx(req), req.params.id, req.body));
  r.delete('/notify/policies/:id', { schema: { tags, params: S.idParams, response: { 204: z.null() } } },
    async (req, reply) => { await policies.deletePolicy(ctx(req), req.params.id); return reply.code(204).send(null); });

  // ---- messages
  r.get('/messages', { schema: { tags, summary: 'Message history (the latest 200): yours, and those of scopes you approve or send for', querystring: S.messageListQuery, response: { 200: z.array(S.messageOut) } } },
    (req) => messages.listMessages(ctx(req), req.query));
  r.get('/messages/:id', { schema: { tags, params: S.idParams, response: { 200: S.messageOut } } }, (req) => messages.getMessage(ctx(req), req.params.id));
  r.post('/messages', { schema: { tags, summary: 'Draft a message', body: S.messageInput, response: { 201: S.messageOut } } },
    async (req, reply) => reply.code(201).send(await messages.createMessage(ctx(req), req.body)));
  r.patch('/messages/:id', { schema: { tags, summary: 'Edit a draft (clears earlier approvals)', params: S.idParams, body: S.messagePatch, response: { 200: S.messageOut } } },
    (req) => messages.updateMessage(ctx(req), req.params.id, req.body));
  r.post('/messages/:id/submit', { schema: { tags, summary: 'Ask for approval under the scope\'s policy', params: S.idParams, response: { 200: S.messageOut } } }, (req) => messages.submitMessage(ctx(req), req.params.id));
  r.post('/messages/:id/withdraw', { schema: { tags, summary: 'Take a submitted, approved or rejected message back to a draft', params: S.idParams, response: { 200: S.messageOut } } }, (req) => messages.withdrawMessage(ctx(req), req.params.id));
  r.post('/messages/:id/decision', { schema: { tags, summary: 'Approve or reject (not your own draft; a rejection needs a comment)', params: S.idParams, body: S.decisionInput, response: { 200: S.messageOut } } },
    (req) => messages.decideMessage(ctx(req), req.params.id, req.body));
  const unreachableOut = z.array(z.object({ personId: z.string(), name: z.string(), missing: z.array(z.string()) }));
  r.post('/messages/:id/send', { schema: { tags, summary: 'Send an approved message, or bypass approval in an emergency with a reason (audited)', params: S.idParams, body: S.sendInput, response: { 200: S.sendOut.extend({ unreachable: unreachableOut }) } } },
    (req) => messages.sendMessage(ctx(req), req.params.id, req.body));
  r.get('/messages/:id/deliveries', { schema: { tags, summary: 'Delivery status counts per channel', params: S.idParams, response: { 200: S.deliveryStatsOut } } },
    (req) => messages.deliveryStats(ctx(req), req.params.id));
  r.get('/messages/:id/deliveries/stream', { schema: { tags, summary: 'Delivery counts as server-sent events (event: deliveries)', params: S.idParams } }, async (req, reply) => {
    const c = ctx(req);
    await pollingStream(req, reply, { event: 'deliveries', snapshot: () => messages.deliveryStats(c, req.params.id), intervalMs: 1000 });
  });

  // ---- responses and accountability
  const tokenParams = z.strictObject({ token: z.string().min(10).max(500) });
  const NO_LIMIT_HEADERS = { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false };
  r.get('/respond/:token', {
    config: { public: true },
    schema: { tags, summary: 'What a recipient sees behind their response link (no login)', params: tokenParams, response: { 200: S.responsePageOut } },
  }, (req) => responses.responsePage(app.orms.db, req.params.token));
  r.post('/respond/:token', {
    // Generous per address: a whole office may answer from behind one NAT address. The limit's
    // headers go only with a refusal (429): a person answering has no use for them.
    config: { public: true, rateLimit: { max: Number(process.env.ORMS_RESPONSE_RATE_LIMIT ?? 600), timeWindow: '1 minute', addHeadersOnExceeding: NO_LIMIT_HEADERS } },
    schema: { tags, summary: 'Answer through the link; the same answer twice counts once', params: tokenParams, body: z.strictObject({ answer: z.string().min(1).max(50) }), response: { 200: S.respondOut } },
    serializerCompiler: plainJson,
    // Everyone answers within minutes, and every answer is kept with its time and channel; the two
    // request log lines would add about a quarter to an answer's cost. Warnings and errors are logged.
    logLevel: 'warn',
  }, (req) => responses.respondByLink(app.orms.db, req.params.token, req.body.answer));
  r.post('/notify/sms/inbound', {
    config: { public: true },
    schema: { tags, summary: 'SMS replies from the provider (Twilio-style form post, signed with X-Twilio-Signature)', body: z.object({ From: z.string().min(3).max(40), Body: z.string().max(1600) }).passthrough() },
  }, async (req) => {
    checkTwilio(req);
    return responses.respondBySms(app.orms.db, req.body.From, req.body.Body);
  });
  r.post('/notify/sms/status', {
    config: { public: true },
    schema: { tags, summary: 'SMS delivery reports from the provider (Twilio StatusCallback: delivered, undelivered, failed)', body: z.object({ MessageSid: z.string().min(2).max(64), MessageStatus: z.string().min(1).max(40), ErrorCode: z.string().max(10).optional() }).passthrough() },
  }, async (req) => {
    checkTwilio(req);
    const status = twilioStatus(req.body.MessageStatus, req.body.ErrorCode);
    if (!status) return { updated: false, failedOver: false };
    return recordLateStatus(app.orms.db, { channel: 'sms', providerId: req.body.MessageSid }, status, req.body.ErrorCode ? `Provider error ${req.body.ErrorCode}` : undefined);
  });
  // Webhook reports are signed over the raw body, so this route reads it as it came.
  await app.register(async (raw) => {
    raw.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (req, body, done) => {
      (req as unknown as { rawBody: string }).rawBody = body as string;
      try { done(null, JSON.parse(body as string)); } catch { done(Object.assign(new Error('The body is not JSON'), { statusCode: 400 }), undefined); }
    });
    raw.withTypeProvider<ZodTypeProvider>().post('/notify/webhook/status', {
      config: { public: true },
      schema: { tags, summary: 'Delivery reports from the webhook\'s receiver, signed like the webhook (x-orms-signature)', body: z.strictObject({ deliveryId: z.uuid(), status: z.enum(['delivered', 'failed', 'bounced']), error: z.string().max(500).optional() }) },
    }, async (req) => {
      const secret = process.env.ORMS_WEBHOOK_SECRET;
      if (!secret) throw new AppError(503, 'webhook_not_configured', 'The webhook is not configured (ORMS_WEBHOOK_SECRET)');
      if (req.headers['x-orms-signature'] !== webhookSignature(secret, (req as unknown as { rawBody: string }).rawBody)) throw new AppError(403, 'bad_signature', 'The report is not signed with the webhook secret');
      return recordLateStatus(app.orms.db, { channel: 'webhook', deliveryId: req.body.deliveryId }, req.body.status, req.body.error);
    });
  });

  r.get('/messages/:id/board', { schema: { tags, summary: 'Accountability board: reached, answers and no response per duty station and entity', params: S.idParams, response: { 200: S.boardOut } }, serializerCompiler: plainJson },
    (req) => responses.board(ctx(req), req.params.id));
  r.get('/messages/:id/board/stream', { schema: { tags, summary: 'The board as server-sent events, pushed within a second of a change', params: S.idParams } }, async (req, reply) => {
    const c = ctx(req);
    await pollingStream(req, reply, { event: 'board', snapshot: () => responses.board(c, req.params.id) });
  });
  const recipientQuery = z.strictObject({
    locationId: z.uuid().optional(), entityId: z.uuid().optional(), answer: z.string().max(50).optional().describe('An answer, or none for those who have not answered'),
    reached: z.enum(['true', 'false']).optional().describe('false: the people no channel reached (no contact point, or every delivery failed)'),
    page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50),
  });
  r.get('/messages/:id/recipients', { schema: { tags, summary: 'Drill down from the board to people', params: S.idParams, querystring: recipientQuery, response: { 200: z.array(S.recipientOut) } } },
    (req) => responses.recipients(ctx(req), req.params.id, req.query));
  r.get('/messages/:id/recipients/:personId/history', {
    schema: {
      tags, summary: 'Every answer of one recipient with its time and channel, and every delivery to them', params: z.strictObject({ id: z.uuid(), personId: z.uuid() }),
      response: { 200: z.object({ answers: z.array(z.object({ answer: z.string(), channel: z.string(), receivedAt: z.string() })), deliveries: z.array(z.object({ channel: z.string(), address: z.string(), round: z.number(), status: z.string(), attempts: z.number(), lastError: z.string().nullable(), sentAt: z.string().nullable(), updatedAt: z.string() })) }) },
    },
  }, (req) => responses.responseHistory(ctx(req), req.params.id, req.params.personId));
  r.get('/messages/:id/recipients.csv', { schema: { tags, summary: 'Every recipient with their latest answer, for the crisis team', params: S.idParams } }, async (req, reply) => {
    const c = ctx(req);
    const rows = [];
    const [stations, entities] = await Promise.all([
      c.db.selectFrom('locations').select(['id', 'name']).where('id', 'in', c.db.selectFrom('message_recipients').select('location_id').where('message_id', '=', req.params.id).where('location_id', 'is not', null).$castTo<{ location_id: string }>()).execute(),
      c.db.selectFrom('entities').select(['id', 'code']).execute(),
    ]);
    const stationName = new Map(stations.map((s) => [s.id, s.name]));
    const entityCode = new Map(entities.map((e) => [e.id, e.code]));
    for (let page = 1; page <= 1000; page++) {
      const batch = await responses.recipients(c, req.params.id, { page, pageSize: 500 });
      rows.push(...batch.map((p) => [p.personId, p.givenName, p.familyName, p.locationId, p.entityId, p.reached, p.answer, p.answeredAt,
        p.locationId ? stationName.get(p.locationId) ?? '' : '', p.entityId ? entityCode.get(p.entityId) ?? '' : '']));
      if (batch.length < 500) break;
    }
    return sendTable(reply, 'csv', 'accountability', await renderTable('csv', ['person_id', 'given_name', 'family_name', 'location_id', 'entity_id', 'reached', 'answer', 'answered_at', 'duty_station', 'entity'], rows));
  });
  r.post('/messages/:id/resend', { schema: { tags, summary: 'Send again to everyone who has not answered', params: S.idParams, response: { 200: z.object({ round: z.number(), queued: z.number() }) } } },
    (req) => responses.resendToNonResponders(ctx(req), req.params.id));
  r.post('/messages/:id/escalate', {
    schema: { tags, summary: 'Tell the wardens (else the crisis management team) of each duty station who there has not answered', params: S.idParams, response: { 200: z.object({ escalations: z.number(), notified: z.number(), listed: z.number(), withoutWarden: z.number() }) } },
  }, (req) => escalateNow(ctx(req), req.params.id));

  // ---- the signed-in user's in-app inbox
  r.get('/notify/inbox', { schema: { tags, summary: 'Your in-app notifications, newest first', querystring: I.inboxQuery, response: { 200: I.inboxPageOut } } },
    (req) => inbox.listInbox(ctx(req), req.query));
  r.get('/notify/inbox/unread', { schema: { tags, summary: 'How many of your notifications are unread', response: { 200: z.object({ unread: z.number() }) } } },
    async (req) => ({ unread: await inbox.unreadCount(app.orms.db, principalOf(req).userId) }));
  r.get('/notify/inbox/stream', { schema: { tags, summary: 'Your unread count and newest notification as server-sent events (event: inbox)' } }, async (req, reply) => {
    const userId = principalOf(req).userId;
    const db = app.orms.db;
    await pollingStream(req, reply, {
      event: 'inbox', intervalMs: 2000,
      snapshot: async () => {
        // The stream reaching the app is the notification reaching the person.
        await inbox.markDelivered(db, userId);
        const latest = await db.selectFrom('inbox_items').select(['id', 'subject', 'severity', 'created_at']).where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
        return { unread: await inbox.unreadCount(db, userId), latest: latest ? { id: latest.id, subject: latest.subject, severity: latest.severity, createdAt: latest.created_at } : null };
      },
      wake: (fire) => {
        const on = (u: string) => { if (u === userId) fire(); };
        inboxEvents.on('item', on);
        return () => inboxEvents.off('item', on);
      },
    });
  });
  r.post('/notify/inbox/:id/read', { schema: { tags, params: S.idParams, response: { 200: z.object({ unread: z.number() }) } } }, (req) => inbox.markRead(ctx(req), req.params.id));
  r.post('/notify/inbox/read-all', { schema: { tags, response: { 200: z.object({ unread: z.number() }) } } }, (req) => inbox.markAllRead(ctx(req)));
  r.post('/notify/inbox/:id/answer', { schema: { tags, summary: 'Answer a message from the inbox (idempotent, every change kept)', params: S.idParams, body: I.inboxAnswerInput, response: { 200: S.respondOut } } },
    (req) => inbox.answerFromInbox(ctx(req), req.params.id, req.body.answer));
}
