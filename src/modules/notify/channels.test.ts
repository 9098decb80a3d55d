import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { startFakeSmsProvider } from '../../../test/fake-sms.js';
import { newId } from '../../domain/ids.js';
import { Dispatcher } from '../../jobs/dispatcher.js';
import { inappChannel } from './channels/inapp.js';
import { smsChannel } from './channels/sms.js';
import { webhookChannel, webhookSignature } from './channels/webhook.js';
import { twilioSignature } from './tokens.js';

let s: TestServer;
let ids: TestServer['fixture']['ids'];
let fp: Client;
let alice: Client;

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await createUser(s.database, 'fp@t.org', [{ role: 'orms_focal_point', scopeType: 'org', scopeId: null }]);
  // Alice has an account linked to her person record: she has an in-app inbox. Bea has none.
  await createUser(s.database, 'alice@t.org', [{ role: 'staff', scopeType: 'org', scopeId: null }], ids.pA);
  await s.database.db.insertInto('contact_points').values([
    { id: newId(), person_id: ids.pA, kind: 'mobile', value: '+254700000001', label: null, priority: 0 },
    { id: newId(), person_id: ids.pBX, kind: 'mobile', value: '+254700000002', label: null, priority: 0 },
    { id: newId(), person_id: ids.pBX, kind: 'satellite', value: '+881610000002', label: null, priority: 1 },
  ]).execute();
  fp = await login(s.app, 'fp@t.org');
  alice = await login(s.app, 'alice@t.org');
});
afterAll(async () => s.close());

async function send(channels: string[], over: Record<string, unknown> = {}) {
  const m = (await fp.post('/api/v1/messages', {
    title: 'Earthquake', severity: 'emergency', content: { en: { subject: 'Earthquake: are you safe?', body: 'Leave the building.' }, fr: { subject: 'Séisme', body: 'Quittez le bâtiment.', options: ['Je suis en sécurité', 'J’ai besoin d’aide'] } },
    responseOptions: ['I am safe', 'I need help'], audience: { include: [{ type: 'location', id: ids.x }] }, channels, ...over,
  })).json();
  const sent = await fp.post(`/api/v1/messages/${m.id}/send`, { bypassReason: 'Earthquake felt across the city' });
  expect(sent.statusCode, sent.body).toBe(200);
  return { id: m.id as string, ...sent.json() };
}

const drain = async (d: Dispatcher) => { for (let i = 0; i < 20 && (await d.runOnce()) > 0; i++); };

describe('the in-app channel', () => {
  it('puts the message in the user\'s inbox once, counts it unread, marks it delivered when the app gets it, and takes the answer', async () => {
    const sent = await send(['inapp']);
    expect(sent).toMatchObject({ queued: 1, unreachableCount: 1 }); // Bea has no account
    const dispatcher = new Dispatcher(s.database.db, s.database.dialect, { inapp: inappChannel(s.database.db) });
    await drain(dispatcher);
    // A delivery sent again (a worker died after sending, before recording) is the same inbox item.
    await s.database.db.updateTable('deliveries').set({ status: 'queued' }).where('message_id', '=', sent.id).execute();
    await drain(dispatcher);
    expect((await alice.get('/api/v1/notify/inbox/unread')).json()).toEqual({ unread: 1 });
    expect((await fp.get(`/api/v1/messages/${sent.id}/deliveries`)).json().byChannel).toEqual({ inapp: { sent: 1 } });

    const page = (await alice.get('/api/v1/notify/inbox')).json();
    expect(page).toMatchObject({ total: 1, unread: 1 });
    const item = page.items[0];
    expect(item).toMatchObject({ subject: 'Earthquake: are you safe?', body: 'Leave the building.', options: ['I am safe', 'I need help'], latestAnswer: null });
    expect((await fp.get(`/api/v1/messages/${sent.id}/deliveries`)).json().byChannel).toEqual({ inapp: { delivered: 1 } });
    expect((await fp.get('/api/v1/notify/inbox')).json().total).toBe(0); // nobody sees another's inbox
    expect((await fp.post(`/api/v1/notify/inbox/${item.id}/read`)).statusCode).toBe(404);

    expect((await alice.post(`/api/v1/notify/inbox/${item.id}/answer`, { answer: 'Maybe' })).statusCode).toBe(400);
    expect((await alice.post(`/api/v1/notify/inbox/${item.id}/answer`, { answer: 'I need help' })).json()).toEqual({ recorded: true, answer: 'I need help' });
    expect((await alice.post(`/api/v1/notify/inbox/${item.id}/answer`, { answer: 'I need help' })).json().recorded).toBe(false);
    expect((await alice.get('/api/v1/notify/inbox/unread')).json()).toEqual({ unread: 0 });
    const history = (await fp.get(`/api/v1/messages/${sent.id}/recipients/${ids.pA}/history`)).json();
    expect(history.answers).toEqual([{ answer: 'I need help', channel: 'inapp', receivedAt: expect.any(String) }]);
    expect(history.deliveries).toMatchObject([{ channel: 'inapp', status: 'delivered', round: 0 }]);
    expect((await fp.get(`/api/v1/messages/${sent.id}/board`)).json().total.answers).toEqual({ 'I am safe': 0, 'I need help': 1 });
  });

  it('counts a message answered from one of its items as read in all of them (a resend adds an item)', async () => {
    const sent = await send(['inapp']);
    const dispatcher = new Dispatcher(s.database.db, s.database.dialect, { inapp: inappChannel(s.database.db) });
    await drain(dispatcher);
    expect((await fp.post(`/api/v1/messages/${sent.id}/resend`)).statusCode).toBe(200);
    await drain(dispatcher);
    const items = (await alice.get('/api/v1/notify/inbox?unread=true')).json().items.filter((i: { messageId: string }) => i.messageId === sent.id);
    expect(items).toHaveLength(2);
    expect((await alice.post(`/api/v1/notify/inbox/${items[1].id}/answer`, { answer: 'I am safe' })).statusCode).toBe(200);
    expect((await alice.get('/api/v1/notify/inbox?unread=true')).json().items.filter((i: { messageId: string }) => i.messageId === sent.id)).toEqual([]);
  });

  it('streams the unread count to the app as it changes', async () => {
    const address = await s.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/v1/notify/inbox/stream`, { headers: { cookie: alice.cookie } });
    const reader = res.body!.getReader();
    try {
      const read = async () => JSON.parse(new TextDecoder().decode((await reader.read()).value).split('data: ')[1]!) as { unread: number; latest: { subject: string } | null };
      expect((await read()).unread).toBe(0);
      const sent = await send(['inapp'], { content: { en: { subject: 'Aftershock expected', body: 'Stay outside.' } }, responseOptions: null });
      const t0 = Date.now();
      await drain(new Dispatcher(s.database.db, s.database.dialect, { inapp: inappChannel(s.database.db) }));
      const next = await read();
      expect(Date.now() - t0).toBeLessThan(1500);
      expect(next).toMatchObject({ unread: 1, latest: { subject: 'Aftershock expected' } });
      expect((await fp.get(`/api/v1/messages/${sent.id}/deliveries`)).json().byStatus).toEqual({ delivered: 1 }); // the stream reached the app
      expect((await alice.post('/api/v1/notify/inbox/read-all')).json()).toEqual({ unread: 0 });
    } finally {
      await reader.cancel();
    }
  });
});

describe('the webhook channel', () => {
  it('posts signed JSON per recipient, retries with backoff on a server error, gives up on a refusal, and takes signed delivery reports', async () => {
    const received: { body: string; signature: string | undefined; key: string | undefined }[] = [];
    let failNext = 1;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        const payload = JSON.parse(body) as { personId: string };
        if (failNext-- > 0) { res.writeHead(503).end(); return; }
        if (payload.personId === ids.pBX) { res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Unknown person' })); return; }
        received.push({ body, signature: req.headers['x-orms-signature'] as string, key: req.headers['idempotency-key'] as string });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `hook-${received.length}` }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const sent = await send(['webhook']);
      expect(sent.queued).toBe(2); // the webhook knows everyone by id
      const dispatcher = new Dispatcher(s.database.db, s.database.dialect, { webhook: webhookChannel({ url, secret: 'hook-secret' }) }, { publicUrl: 'https://orms.example.org' });
      await dispatcher.runOnce();
      const retry = await s.database.db.selectFrom('deliveries').select(['status', 'attempts', 'next_attempt_at', 'last_error']).where('message_id', '=', sent.id).where('status', '=', 'queued').execute();
      expect(retry).toHaveLength(1); // the 503 waits for its turn, 1 s later
      expect(retry[0]!.last_error).toBe('Webhook error 503');
      expect(Date.parse(retry[0]!.next_attempt_at) - Date.now()).toBeGreaterThan(500);
      await s.database.db.updateTable('deliveries').set({ next_attempt_at: new Date(0).toISOString() }).where('message_id', '=', sent.id).where('status', '=', 'queued').execute();
      await drain(dispatcher);
      const rows = await s.database.db.selectFrom('deliveries').select(['id', 'person_id', 'status', 'provider_id', 'last_error']).where('message_id', '=', sent.id).execute();
      expect(rows.find((r) => r.person_id === ids.pA)).toMatchObject({ status: 'sent', provider_id: 'hook-1' });
      expect(rows.find((r) => r.person_id === ids.pBX)).toMatchObject({ status: 'failed', last_error: 'Unknown person' });
      const hook = received[0]!;
      expect(hook.signature).toBe(webhookSignature('hook-secret', hook.body));
      const payload = JSON.parse(hook.body);
      expect(payload).toMatchObject({ personId: ids.pA, subject: 'Earthquake: are you safe?', options: ['I am safe', 'I need help'], responseUrl: expect.stringMatching(/^https:\/\/orms\.example\.org\/respond\//) });
      expect(hook.key).toBe(payload.deliveryId);

      // The receiver reports back, signed with the same secret.
      process.env.ORMS_WEBHOOK_SECRET = 'hook-secret';
      try {
        const report = (body: object, signature?: string) => {
          const raw = JSON.stringify(body);
          return s.app.inject({ method: 'POST', url: '/api/v1/notify/webhook/status', payload: raw, headers: { 'content-type': 'application/json', 'x-orms-signature': signature ?? webhookSignature('hook-secret', raw) } });
        };
        expect((await report({ deliveryId: payload.deliveryId, status: 'delivered' }, 'sha256=forged')).statusCode).toBe(403);
        expect((await report({ deliveryId: payload.deliveryId, status: 'read' })).statusCode).toBe(400);
        expect((await report({ deliveryId: payload.deliveryId, status: 'delivered' })).json()).toEqual({ updated: true, failedOver: false });
        expect((await report({ deliveryId: payload.deliveryId, status: 'delivered' })).json()).toEqual({ updated: false, failedOver: false }); // once
      } finally {
        delete process.env.ORMS_WEBHOOK_SECRET;
      }
      expect((await fp.get(`/api/v1/messages/${sent.id}/deliveries`)).json().byChannel).toEqual({ webhook: { delivered: 1, failed: 1 } });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('SMS delivery reports', () => {
  it('marks a delivered SMS, and fails an undelivered one over to the next phone', async () => {
    const sms = await startFakeSmsProvider({ sid: 'AC1', token: 'tok' });
    try {
      const sent = await send(['sms']);
      const channel = smsChannel({ baseUrl: sms.url, accountSid: 'AC1', authToken: 'tok', from: 'UN', statusCallback: 'https://orms.example.org/api/v1/notify/sms/status' });
      const dispatcher = new Dispatcher(s.database.db, s.database.dialect, { sms: channel });
      await drain(dispatcher);
      expect(sms.sent.map((m) => m.to).sort()).toEqual(['+254700000001', '+254700000002']);
      expect(sms.sent.find((m) => m.to === '+254700000001')!.body).toMatch(/Reply 1 = I am safe, 2 = I need help\.$/);
      const sid = (to: string) => sms.sent.find((m) => m.to === to)!.sid;
      process.env.ORMS_SMS_TOKEN = 'tok';
      process.env.ORMS_PUBLIC_URL = 'https://orms.example.org';
      try {
        const report = (form: Record<string, string>) => s.app.inject({
          method: 'POST', url: '/api/v1/notify/sms/status', payload: new URLSearchParams(form).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature('tok', 'https://orms.example.org/api/v1/notify/sms/status', form) },
        });
        expect((await report({ MessageSid: sid('+254700000001'), MessageStatus: 'sent' })).json()).toEqual({ updated: false, failedOver: false }); // interim
        expect((await report({ MessageSid: sid('+254700000001'), MessageStatus: 'delivered' })).json()).toEqual({ updated: true, failedOver: false });
        expect((await report({ MessageSid: sid('+254700000002'), MessageStatus: 'undelivered', ErrorCode: '30005' })).json()).toEqual({ updated: true, failedOver: true });
        const forged = await s.app.inject({ method: 'POST', url: '/api/v1/notify/sms/status', payload: 'MessageSid=SM123&MessageStatus=delivered', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'nope' } });
        expect(forged.statusCode).toBe(403);
      } finally {
        delete process.env.ORMS_SMS_TOKEN;
        delete process.env.ORMS_PUBLIC_URL;
      }
      await drain(dispatcher);
      expect(sms.sent.map((m) => m.to)).toContain('+881610000002'); // Bea's satellite phone
      const rows = await s.database.db.selectFrom('deliveries').select(['address', 'status']).where('message_id', '=', sent.id).orderBy('address').execute();
      expect(rows).toEqual([{ address: '+254700000001', status: 'delivered' }, { address: '+254700000002', status: 'bounced' }, { address: '+881610000002', status: 'sent' }]);
    } finally {
      await sms.close();
    }
  });
});
