import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { newId, nowIso } from '../../domain/ids.js';
import { textFor, type Content } from '../../domain/notify/template.js';
import { escalateDue } from './escalation.service.js';

let s: TestServer;
let ids: TestServer['fixture']['ids'];
let fp: Client;
let cmt: Client;
const wardens = newId();

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await createUser(s.database, 'fp@t.org', [{ role: 'orms_focal_point', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'cmt@t.org', [{ role: 'crisis_team_member', scopeType: 'org', scopeId: null }]);
  const now = nowIso();
  // Xville's wardens serve entity B (Bob is the warden); entity A's people there fall back to the CMT (Alice chairs it).
  await s.database.db.insertInto('teams').values({ id: wardens, name: 'Xville wardens (B)', kind: 'wardens', entity_id: ids.b, location_id: ids.x, terms_of_reference: '', created_at: now, updated_at: now }).execute();
  await s.database.db.insertInto('team_members').values({ id: newId(), team_id: wardens, person_id: ids.pB, role: 'Chief warden' }).execute();
  await s.database.db.insertInto('contact_points').values([ids.pA, ids.pBX, ids.pB].map((p, i) => ({ id: newId(), person_id: p, kind: 'email', value: `p${i}@example.org`, label: null, priority: 0 }))).execute();
  fp = await login(s.app, 'fp@t.org');
  cmt = await login(s.app, 'cmt@t.org');
});
afterAll(async () => s.close());

async function sent(over: Record<string, unknown> = {}) {
  const m = (await cmt.post('/api/v1/messages', {
    title: 'Headcount', content: { en: { subject: 'Headcount', body: 'Are you safe?' } }, responseOptions: ['I am safe', 'I need help'],
    audience: { include: [{ type: 'location', id: ids.x }, { type: 'person', id: ids.pB }] }, channels: ['email'], ...over,
  })).json();
  await cmt.post(`/api/v1/messages/${m.id}/submit`);
  await fp.post(`/api/v1/messages/${m.id}/decision`, { decision: 'approve' });
  expect((await fp.post(`/api/v1/messages/${m.id}/send`, {})).statusCode).toBe(200);
  return m.id as string;
}

const children = (parentId: string) => s.database.db.selectFrom('messages').selectAll().where('parent_id', '=', parentId).orderBy('title').execute();

describe('escalation of non-responders to their wardens', () => {
  it('tells each duty station\'s wardens (else its crisis team) who there is silent, by the parent\'s channels', async () => {
    const id = await sent();
    // Alice answers; Bea and Bob stay silent.
    const alice = await s.database.db.selectFrom('message_recipients').select('id').where('message_id', '=', id).where('person_id', '=', ids.pA).executeTakeFirstOrThrow();
    await s.database.db.updateTable('message_recipients').set({ latest_answer: 'I am safe', answered_at: nowIso() }).where('id', '=', alice.id).execute();
    expect((await cmt.post(`/api/v1/messages/${id}/escalate`)).statusCode).toBe(403); // a drafter does not send
    const res = (await fp.post(`/api/v1/messages/${id}/escalate`)).json();
    // Bea (B, at Xville) goes to the B wardens; Bob lives at Yburg, which has no wardens and no CMT.
    expect(res).toEqual({ escalations: 1, notified: 1, listed: 1, withoutWarden: 1 });
    const [child] = await children(id);
    expect(child).toMatchObject({ kind: 'escalation', status: 'sent', recipient_count: 1, title: 'Headcount — Xville: 1' });
    const text = textFor(JSON.parse(child!.content) as Content, 'en', JSON.parse(child!.variables) as Record<string, string>);
    expect(text.subject).toBe('No answer yet: 1 at Xville — Headcount');
    expect(text.body).toContain('- Bea Tester');
    const queued = await s.database.db.selectFrom('deliveries').select(['person_id', 'channel', 'address']).where('message_id', '=', child!.id).execute();
    expect(queued).toEqual([{ person_id: ids.pB, channel: 'email', address: 'p2@example.org' }]);
    expect((await fp.get('/api/v1/messages?kind=escalation')).json().map((m: { parentId: string }) => m.parentId)).toEqual([id]);
    const audit = await s.database.db.selectFrom('audit_events').select(['action', 'after']).where('subject_id', '=', id).where('action', '=', 'escalate').execute();
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ escalations: 1, silent: 2 });
  });

  it('falls back to the crisis management team where no wardens team serves the person\'s entity', async () => {
    const id = await sent({ audience: { include: [{ type: 'person', id: ids.pA }] } });
    expect((await fp.post(`/api/v1/messages/${id}/escalate`)).json()).toEqual({ escalations: 1, notified: 1, listed: 1, withoutWarden: 0 });
    const [child] = await children(id);
    expect(JSON.parse(child!.audience)).toEqual({ include: [{ type: 'team', id: ids.tX }], exclude: [], includeDependants: false });
  });

  it('escalates by itself once the delay has passed, and only once', async () => {
    const id = await sent({ escalateAfterMinutes: 30 });
    expect(await escalateDue(s.database.db, new Date(Date.now() + 29 * 60_000))).toBe(0);
    const later = new Date(Date.now() + 31 * 60_000);
    const [a, b] = await Promise.all([escalateDue(s.database.db, later), escalateDue(s.database.db, later)]);
    expect(a + b).toBe(1);
    expect(await escalateDue(s.database.db, later)).toBe(0);
    expect(await children(id)).toHaveLength(2); // Bea to the B wardens, Alice to the CMT: one round
    expect(await s.database.db.selectFrom('audit_events').select('id').where('subject_id', '=', id).where('action', '=', 'escalate').execute()).toHaveLength(1);
    expect((await fp.get(`/api/v1/messages/${id}`)).json().escalatedAt).toBe(later.toISOString());
  });

  it('refuses to escalate a message that asks for no answer', async () => {
    const id = await sent({ responseOptions: null });
    expect((await fp.post(`/api/v1/messages/${id}/escalate`)).statusCode).toBe(409);
  });
});
