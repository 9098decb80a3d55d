import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, snapshotCounts, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { startSmtpServer } from '../../../test/smtp.js';
import { startFakeSmsProvider } from '../../../test/fake-sms.js';
import { newId } from '../../domain/ids.js';
import { Dispatcher } from '../../jobs/dispatcher.js';
import { emailChannel } from './channels/email.js';
import { smsChannel } from './channels/sms.js';

let s: TestServer;
let ids: TestServer['fixture']['ids'];
let drafter: Client;
let approver: Client;

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await createUser(s.database, 'cmt@t.org', [{ role: 'crisis_team_member', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'fp@t.org', [{ role: 'orms_focal_point', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'fp-x@t.org', [{ role: 'orms_focal_point', scopeType: 'location', scopeId: ids.x }]);
  await createUser(s.database, 'staff@t.org', [{ role: 'staff', scopeType: 'org', scopeId: null }]);
  // Contacts: Alice (X) has two emails; Bea (X) a mobile only; Anna and Bob (Y) one email each.
  const contact = (person: string, kind: string, value: string, priority: number) => ({ id: newId(), person_id: person, kind, value, label: null, priority });
  await s.database.db.insertInto('contact_points').values([
    contact(ids.pA, 'email', 'alice.old@a.example.org', 0), contact(ids.pA, 'email', 'alice@a.example.org', 1), contact(ids.pA, 'mobile', '+254700000001', 2),
    contact(ids.pBX, 'mobile', '+254700000002', 0),
    contact(ids.pA1, 'email', 'anna@a1.example.org', 0), contact(ids.pB, 'email', 'bob@b.example.org', 0),
  ]).execute();
  drafter = await login(s.app, 'cmt@t.org');
  approver = await login(s.app, 'fp@t.org');
});
afterAll(async () => s.close());

const message = (over: Record<string, unknown> = {}) => ({
  title: 'Shelter in place',
  severity: 'emergency',
  content: { en: { subject: 'Shelter in place at {{place}}', body: 'Stay indoors until further notice.' }, fr: { subject: 'Confinement à {{place}}', body: 'Restez à l’intérieur.' } },
  variables: { place: 'Xville' },
  responseOptions: ['I am safe', 'I need help'],
  audience: { include: [{ type: 'location', id: ids.x }] },
  channels: ['email'],
  ...over,
});

describe('drafting and approval', () => {
  it('refuses a template with an undefined variable and writes nothing', async () => {
    const before = await snapshotCounts(s.database);
    const res = await drafter.post('/api/v1/messages', message({ variables: {} }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ 'content.en.subject': 'Undefined variable: place', 'content.fr.subject': 'Undefined variable: place' });
    expect(await snapshotCounts(s.database)).toEqual(before);
    expect((await s.database.db.selectFrom('messages').select('id').execute()).length).toBe(0);
  });

  it('refuses the same answer offered twice, or more answers than the board counts, and writes nothing', async () => {
    const before = await snapshotCounts(s.database);
    const twice = await drafter.post('/api/v1/messages', message({ responseOptions: ['I am safe', 'I need help', 'I am safe'] }));
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields.responseOptions).toBe('Each answer must be different');
    const many = await drafter.post('/api/v1/messages', message({ responseOptions: ['1', '2', '3', '4', '5', '6', '7'] }));
    expect(many.statusCode).toBe(400);
    expect(many.json().error.fields.responseOptions).toBeDefined();
    expect(await snapshotCounts(s.database)).toEqual(before);
  });

  it('shows the audience size and who cannot be reached before sending', async () => {
    const preview = (await drafter.post('/api/v1/notify/audience/preview', { audience: { include: [{ type: 'location', id: ids.x }] }, channels: ['email'] })).json();
    expect(preview.recipients).toBe(2);
    expect(preview.unreachable).toEqual([{ personId: ids.pBX, name: 'Bea Tester', missing: ['email'] }]);
    expect(preview.byLocation).toEqual([{ locationId: ids.x, count: 2 }]); // for the map
    expect(preview.languages).toEqual({ en: 2 });
    expect(preview.sample.map((p: { name: string }) => p.name).sort()).toEqual(['Alice Tester', 'Bea Tester']);
    const both = (await drafter.post('/api/v1/notify/audience/preview', { audience: { include: [{ type: 'country', code: 'CH' }, { type: 'person', id: ids.pA }], exclude: [{ type: 'person', id: ids.pB }] } })).json();
    expect(both.recipients).toBe(2); // Anna (Y) and Alice; Bob excluded
    const scoped = (await (await login(s.app, 'fp-x@t.org')).post('/api/v1/notify/audience/preview', { audience: { include: [{ type: 'country', code: 'CH' }] } })).json();
    expect(scoped.recipients).toBe(0); // a focal point of X reaches nobody in Switzerland
    const near = (await drafter.post('/api/v1/notify/audience/preview', { audience: { include: [{ type: 'radius', latitude: 1, longitude: 2, km: 5 }] } })).json();
    expect(near.recipients).toBe(4); // the fixture puts every station at (1, 2)
    const team = (await drafter.post('/api/v1/notify/audience/preview', { audience: { include: [{ type: 'teamKind', kind: 'crisis_management_team', locationId: ids.x }] } })).json();
    expect(team.recipients).toBe(1);
    expect((await (await login(s.app, 'staff@t.org')).post('/api/v1/notify/audience/preview', { audience: { include: [{ type: 'location', id: ids.x }] } })).statusCode).toBe(403);
  });

  it('needs an approver other than the drafter, or an audited emergency bypass', async () => {
    const m = (await drafter.post('/api/v1/messages', message())).json();
    expect(m.status).toBe('draft');
    const early = await approver.post(`/api/v1/messages/${m.id}/send`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.fields.bypassReason).toBeDefined();
    expect((await drafter.post(`/api/v1/messages/${m.id}/submit`)).json().status).toBe('pending_approval');
    expect((await drafter.post(`/api/v1/messages/${m.id}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    const approved = await approver.post(`/api/v1/messages/${m.id}/decision`, { decision: 'approve', comment: 'Go' });
    expect(approved.json().status).toBe('approved');
    expect((await drafter.post(`/api/v1/messages/${m.id}/send`, {})).statusCode).toBe(403); // a drafter is not a sender
    const sent = await approver.post(`/api/v1/messages/${m.id}/send`, {});
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ queued: 1, unreachableCount: 1, message: { status: 'sent', recipientCount: 2 } });
    expect(sent.json().unreachable).toEqual([{ personId: ids.pBX, name: 'Bea Tester', missing: ['email'] }]); // the report of unreachable people
    expect((await approver.post(`/api/v1/messages/${m.id}/send`, {})).statusCode).toBe(409);

    const urgent = (await drafter.post('/api/v1/messages', message({ channels: ['email', 'sms'] }))).json();
    const short = await approver.post(`/api/v1/messages/${urgent.id}/send`, { bypassReason: 'now' });
    expect(short.json().error.fields.bypassReason).toBeDefined();
    const bypass = await approver.post(`/api/v1/messages/${urgent.id}/send`, { bypassReason: 'Gunfire reported at the compound gate' });
    expect(bypass.json().queued).toBe(3); // Alice by email and SMS, Bea by SMS
    const audit = (await approver.get(`/api/v1/audit?subjectId=${urgent.id}&action=send_bypass`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].after.bypassReason).toBe('Gunfire reported at the compound gate');
  });

  it('refuses to send when nobody can be reached on the chosen channels, and writes nothing', async () => {
    const m = (await drafter.post('/api/v1/messages', message({ audience: { include: [{ type: 'person', id: ids.pBX }] } }))).json();
    const res = await approver.post(`/api/v1/messages/${m.id}/send`, { bypassReason: 'Nobody has email here' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.channels).toMatch(/None of the 1 people/);
    expect(await s.database.db.selectFrom('message_recipients').select('id').where('message_id', '=', m.id).execute()).toEqual([]);
    expect((await drafter.get(`/api/v1/messages/${m.id}`)).json().status).toBe('draft');
  });

  it('refuses an empty audience and writes nothing', async () => {
    const m = (await drafter.post('/api/v1/messages', message({ audience: { include: [{ type: 'team', id: ids.tA }] } }))).json();
    const before = await s.database.db.selectFrom('deliveries').select('id').execute();
    const res = await approver.post(`/api/v1/messages/${m.id}/send`, { bypassReason: 'Testing an empty team' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.audience).toBeDefined();
    expect((await s.database.db.selectFrom('deliveries').select('id').execute()).length).toBe(before.length);
    expect((await drafter.get(`/api/v1/messages/${m.id}`)).json().status).toBe('draft');
  });
});

describe('dispatch', () => {
  it('delivers email over SMTP and SMS through the provider, failing over to the next contact point', async () => {
    const smtp = await startSmtpServer({ reject: (rcpt) => rcpt === 'alice.old@a.example.org' });
    const sms = await startFakeSmsProvider({ sid: 'AC123', token: 'secret' });
    const channels = {
      email: emailChannel({ url: smtp.url, from: 'alerts@orms.example.org' }),
      sms: smsChannel({ baseUrl: sms.url, accountSid: 'AC123', authToken: 'secret', from: 'UN-ALERT' }),
    };
    const dispatcher = new Dispatcher(s.database.db, s.database.dialect, channels, { idleMs: 10 });
    try {
      for (let round = 0; round < 10 && (await dispatcher.runOnce()) > 0; round++);
      const rows = await s.database.db.selectFrom('deliveries').select(['address', 'status', 'channel']).orderBy('address').execute();
      expect(rows.filter((r) => r.status !== 'sent').map((r) => `${r.address}:${r.status}`)).toEqual(['alice.old@a.example.org:bounced', 'alice.old@a.example.org:bounced']); // refused at RCPT TO: a bounce
      expect(smtp.received.flatMap((m) => m.to).sort()).toEqual(['alice@a.example.org', 'alice@a.example.org']);
      expect(smtp.received[0]!.subject).toBe('Shelter in place at Xville');
      expect(sms.sent.map((m) => m.to).sort()).toEqual(['+254700000001', '+254700000002']);
      expect(sms.sent[0]!.body).toMatch(/^Shelter in place at Xville: Stay indoors/);
      const urgent = await s.database.db.selectFrom('messages').select('id').where('channels', 'like', '%sms%').executeTakeFirstOrThrow();
      const stats = (await approver.get(`/api/v1/messages/${urgent.id}/deliveries`)).json();
      expect(stats.byChannel).toEqual({ email: { bounced: 1, sent: 1 }, sms: { sent: 2 } });
    } finally {
      await dispatcher.stop();
      for (const c of Object.values(channels)) await c.close();
      await smtp.close();
      await sms.close();
    }
  });
});

describe('responses and the accountability board', () => {
  let messageId: string;
  let token: string;
  beforeAll(async () => {
    // The first test message (email to Xville) was delivered above; take Alice's link from her email.
    const m = (await approver.get('/api/v1/messages?status=sent')).json().find((x: { channels: string[] }) => x.channels.length === 1);
    messageId = m.id;
    const smtp = await startSmtpServer();
    const channels = { email: emailChannel({ url: smtp.url, from: 'alerts@orms.example.org' }) };
    const dispatcher = new Dispatcher(s.database.db, s.database.dialect, channels, { publicUrl: 'https://orms.example.org' });
    await s.database.db.updateTable('deliveries').set({ status: 'queued', next_attempt_at: new Date(0).toISOString() }).where('message_id', '=', messageId).where('status', '=', 'sent').execute();
    await dispatcher.runOnce();
    for (const c of Object.values(channels)) await c.close();
    await smtp.close();
    const body = smtp.received[0]!.text;
    token = /https:\/\/orms\.example\.org\/respond\/([\w.-]+)/.exec(body)![1]!;
    expect(body).toMatch(/1 = I am safe, 2 = I need help/);
  });

  it('records an answer by link once, keeps every change, and shows the latest on the board', async () => {
    const page = await s.app.inject(`/api/v1/respond/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ subject: 'Shelter in place at Xville', options: ['I am safe', 'I need help'], latestAnswer: null });
    const answer = (a: string) => s.app.inject({ method: 'POST', url: `/api/v1/respond/${token}`, payload: { answer: a } });
    expect((await answer('I am safe')).json()).toEqual({ recorded: true, answer: 'I am safe' });
    expect((await answer('I am safe')).json()).toEqual({ recorded: false, answer: 'I am safe' });
    expect((await answer('I need help')).json()).toEqual({ recorded: true, answer: 'I need help' });
    const maybe = await answer('Maybe');
    expect(maybe.statusCode).toBe(400);
    expect(maybe.json().error.fields).toEqual({ answer: 'One of: I am safe, I need help' });
    const kept = await s.database.db.selectFrom('responses').select(['answer', 'channel']).where('message_id', '=', messageId).orderBy('received_at').execute();
    expect(kept).toEqual([{ answer: 'I am safe', channel: 'link' }, { answer: 'I need help', channel: 'link' }]);
    const board = (await approver.get(`/api/v1/messages/${messageId}/board`)).json();
    expect(board.total).toMatchObject({ recipients: 2, reached: 1, noResponse: 1, answers: { 'I am safe': 0, 'I need help': 1 } });
    expect(board.byLocation).toHaveLength(1);
    expect(board.byLocation[0]).toMatchObject({ key: ids.x, name: 'Xville' });
    const silent = (await approver.get(`/api/v1/messages/${messageId}/recipients?answer=none`)).json();
    expect(silent.map((p: { givenName: string }) => p.givenName)).toEqual(['Bea']);
    const csv = await approver.get(`/api/v1/messages/${messageId}/recipients.csv`);
    expect(csv.body.split('\n')[0]).toBe('person_id,given_name,family_name,location_id,entity_id,reached,answer,answered_at,duty_station,entity');
    expect(csv.body).toMatch(/Alice,Tester,.*,I need help,.*,Xville,A/);
  });

  it('refuses forged and expired links', async () => {
    const [payload, sig] = token.split('.');
    const forged = await s.app.inject({ method: 'POST', url: `/api/v1/respond/${payload}x.${sig}`, payload: { answer: 'I am safe' } });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('token_forged');
    const { linkKey, signResponseToken } = await import('./tokens.js');
    const recipient = await s.database.db.selectFrom('message_recipients').select('id').where('message_id', '=', messageId).where('person_id', '=', ids.pA).executeTakeFirstOrThrow();
    const old = signResponseToken(await linkKey(s.database.db), recipient.id, new Date(Date.now() - 1000));
    const expired = await s.app.inject({ method: 'POST', url: `/api/v1/respond/${old}`, payload: { answer: 'I am safe' } });
    expect(expired.statusCode).toBe(410);
  });

  it('refuses an answer to a message that asks for none, and writes nothing', async () => {
    const info = (await drafter.post('/api/v1/messages', message({ responseOptions: null }))).json();
    expect((await approver.post(`/api/v1/messages/${info.id}/send`, { bypassReason: 'Information only, for the test' })).statusCode).toBe(200);
    const { linkKey, signResponseToken } = await import('./tokens.js');
    const recipient = await s.database.db.selectFrom('message_recipients').select('id').where('message_id', '=', info.id).where('person_id', '=', ids.pA).executeTakeFirstOrThrow();
    const link = signResponseToken(await linkKey(s.database.db), recipient.id, new Date(Date.now() + 60_000));
    const res = await s.app.inject({ method: 'POST', url: `/api/v1/respond/${link}`, payload: { answer: 'I am safe' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('This message does not ask for an answer');
    expect(await s.database.db.selectFrom('responses').select('id').where('message_id', '=', info.id).execute()).toEqual([]);
  });

  it('takes SMS replies signed by the provider and refuses unknown numbers', async () => {
    const { twilioSignature } = await import('./tokens.js');
    process.env.ORMS_SMS_TOKEN = 'secret';
    process.env.ORMS_PUBLIC_URL = 'https://orms.example.org';
    try {
      const post = (form: Record<string, string>, signature?: string) => s.app.inject({
        method: 'POST', url: '/api/v1/notify/sms/inbound', payload: new URLSearchParams(form).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature ?? twilioSignature('secret', 'https://orms.example.org/api/v1/notify/sms/inbound', form) },
      });
      const reply = await post({ From: '+254 700 000 002', Body: '1' });
      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toMatchObject({ recorded: true, answer: 'I am safe' });
      expect((await post({ From: '+41000000000', Body: '1' })).json().error.code).toBe('unknown_sender');
      expect((await post({ From: '+254700000002', Body: 'what?' })).statusCode).toBe(400);
      expect((await post({ From: '+254700000002', Body: '2' }, 'forged')).statusCode).toBe(403);
    } finally {
      delete process.env.ORMS_SMS_TOKEN;
      delete process.env.ORMS_PUBLIC_URL;
    }
  });

  it('resends to non-responders as a new round', async () => {
    await s.database.db.updateTable('message_recipients').set({ latest_answer: null }).where('message_id', '=', messageId).where('person_id', '=', ids.pA).execute();
    const res = (await approver.post(`/api/v1/messages/${messageId}/resend`)).json();
    expect(res).toEqual({ round: 1, queued: 1 });
    const rounds = await s.database.db.selectFrom('deliveries').select(['round', 'address']).where('message_id', '=', messageId).where('round', '=', 1).execute();
    expect(rounds).toEqual([{ round: 1, address: 'alice@a.example.org' }]);
    expect((await drafter.post(`/api/v1/messages/${messageId}/resend`)).statusCode).toBe(403);
  });

  it('streams the board and reflects an answer within a second', async () => {
    const address = await s.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/v1/messages/${messageId}/board/stream`, { headers: { cookie: approver.cookie } });
    const reader = res.body!.getReader();
    try {
      const events: string[] = [];
      const read = async () => { const { value } = await reader.read(); events.push(new TextDecoder().decode(value)); };
      await read();
      expect(events[0]).toMatch(/^event: board/);
      const t0 = Date.now();
      await s.app.inject({ method: 'POST', url: `/api/v1/respond/${token}`, payload: { answer: 'I am safe' } });
      await read();
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(JSON.parse(events[1]!.split('data: ')[1]!).total.answers['I am safe']).toBe(1);
    } finally {
      await reader.cancel();
    }
  });

  it('counts the same answer sent many times at once only once', async () => {
    const posts = await Promise.all(Array.from({ length: 6 }, () => s.app.inject({ method: 'POST', url: `/api/v1/respond/${token}`, payload: { answer: 'I need help' } })));
    expect(posts.map((p) => p.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(posts.filter((p) => p.json().recorded)).toHaveLength(1);
    const latest = await s.database.db.selectFrom('responses').select('answer').where('message_id', '=', messageId).orderBy('id', 'desc').limit(2).execute();
    expect(latest.map((r) => r.answer)).toEqual(['I need help', 'I am safe']);
  });
});
