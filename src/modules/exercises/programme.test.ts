import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createUser, login, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { signFeedToken, verifyFeedToken } from './feed-token.js';

let s: TestServer;
let ids: TestServer['fixture']['ids'];
let fp: Client;
let planId: string;

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await createUser(s.database, 'fp-x@t.org', [{ role: 'orms_focal_point', scopeType: 'location', scopeId: ids.x }]);
  await createUser(s.database, 'bc-b@t.org', [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ids.b }]);
  fp = await login(s.app, 'fp-x@t.org');
  planId = (await fp.post('/api/v1/plans', { title: 'Xville BC plan', planTypeId: '00000000-0000-7000-8000-000000000801', locationId: ids.x, ownerPersonId: ids.pA })).json().id;
});
afterAll(async () => s.close());

const exercise = (over: Record<string, unknown> = {}) => ({
  title: 'Tabletop on the BC plan', kind: 'tabletop', locationId: ids.x, startsAt: '2026-06-01T07:00:00Z', endsAt: '2026-06-01T10:00:00Z',
  objectives: ['Walk through activation', 'Test the call tree'], planIds: [planId], ...over,
});

describe('exercise objectives and exports', () => {
  it('edits objectives: kept ones keep their results, new ones are added, left-out ones removed', async () => {
    const ex = (await fp.post('/api/v1/exercises', exercise())).json();
    const [a, b] = ex.objectives;
    await fp.put(`/api/v1/exercises/${ex.id}/objectives/${a.id}/result`, { result: 'met' });
    const res = await fp.patch(`/api/v1/exercises/${ex.id}`, { objectives: [{ id: a.id, text: 'Walk through activation and escalation' }, { text: 'Account for all staff' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().objectives.map((o: { id: string; text: string; result: string | null }) => [o.id === a.id, o.text, o.result]))
      .toEqual([[true, 'Walk through activation and escalation', 'met'], [false, 'Account for all staff', null]]);
    expect(res.json().objectives.some((o: { id: string }) => o.id === b.id)).toBe(false);
    const none = await fp.patch(`/api/v1/exercises/${ex.id}`, { objectives: [] });
    expect(none.json().error.fields.objectives).toBe('An exercise needs at least one objective');
    const foreign = await fp.patch(`/api/v1/exercises/${ex.id}`, { title: 'Changed', objectives: [{ id: b.id, text: 'Gone' }] });
    expect(foreign.json().error.fields['objectives.0.id']).toBe('No such objective in this exercise');
    expect((await fp.get(`/api/v1/exercises/${ex.id}`)).json().title).toBe('Tabletop on the BC plan'); // nothing written
  });

  it('exports the programme and the corrective actions with their review and plan', async () => {
    const ex = (await fp.post('/api/v1/exercises', exercise({ title: 'Call-tree test', kind: 'call_tree' }))).json();
    const aar = (await fp.post('/api/v1/after-action-reviews', {
      kind: 'exercise', exerciseId: ex.id, title: 'Call-tree test AAR', eventDate: '2026-06-01',
      findings: [{ finding: 'Three numbers out of date', action: 'Ask staff to update their numbers', ownerPersonId: ids.pA, dueDate: '2001-01-01', planId }],
    })).json();
    const list = (await fp.get('/api/v1/corrective-actions')).json();
    expect(list.items[0]).toMatchObject({ id: aar.actions[0].id, reviewTitle: 'Call-tree test AAR', planTitle: 'Xville BC plan', overdue: true });
    const csv = parse((await fp.get('/api/v1/corrective-actions/export.csv')).body, { columns: true }) as Record<string, string>[];
    expect(csv[0]).toMatchObject({ finding: 'Three numbers out of date', owner: 'Alice Tester', overdue: 'true', review: 'Call-tree test AAR', plan: 'Xville BC plan' });
    const programme = parse((await fp.get('/api/v1/exercises/export.csv?kind=call_tree')).body, { columns: true }) as Record<string, string>[];
    expect(programme.map((r) => [r.title, r.kind, r.duty_station, r.objectives])).toEqual([['Call-tree test', 'call_tree', 'Xville', '2']]);
    expect((await fp.get('/api/v1/exercises/export.xlsx')).rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('edits the narrative of an after-action review, not of one outside your scope', async () => {
    const aar = (await fp.post('/api/v1/after-action-reviews', { kind: 'real_event', title: 'Flood', eventDate: '2026-02-01', locationId: ids.x })).json();
    const res = await fp.patch(`/api/v1/after-action-reviews/${aar.id}`, { whatWorked: 'The alternate site', whatDidNot: 'Sandbags arrived late' });
    expect(res.json()).toMatchObject({ whatWorked: 'The alternate site', whatDidNot: 'Sandbags arrived late', title: 'Flood' });
    expect((await fp.patch(`/api/v1/after-action-reviews/${aar.id}`, { eventDate: 'yesterday' })).statusCode).toBe(400);
    expect((await (await login(s.app, 'bc-b@t.org')).patch(`/api/v1/after-action-reviews/${aar.id}`, { title: 'Mine' })).statusCode).toBe(404);
  });
});

describe('lesson tags', () => {
  it('counts the tags in use, most used first', async () => {
    for (const tags of [['hotline', 'mci'], ['hotline'], ['power']]) await fp.post('/api/v1/lessons', { title: 't', body: 'b', category: 'communications', tags, locationId: ids.x });
    const tags = (await fp.get('/api/v1/lessons/tags')).json();
    expect(tags.slice(0, 3)).toEqual([{ tag: 'hotline', count: 2 }, { tag: 'mci', count: 1 }, { tag: 'power', count: 1 }]);
    const aar = (await fp.post('/api/v1/after-action-reviews', { kind: 'real_event', title: 'Outage', eventDate: '2026-02-01', locationId: ids.x })).json();
    await fp.post('/api/v1/lessons', { title: 'Spare router', body: 'Keep a spare router on site', category: 'ict_provision_security', locationId: ids.x, reviewId: aar.id });
    expect((await fp.get(`/api/v1/lessons?reviewId=${aar.id}`)).json().items.map((l: { title: string }) => l.title)).toEqual(['Spare router']);
    expect((await fp.get(`/api/v1/lessons?reviewId=${aar.id}&q=router`)).json().total).toBe(1);
    expect((await fp.get(`/api/v1/lessons?reviewId=${aar.id}&q=hotline`)).json().total).toBe(0);
  });
});

describe('calendar subscription', () => {
  it('gives a signed link whose feed shows what the account may see, without signing in', async () => {
    await fp.post('/api/v1/exercises', exercise({ title: 'Feed exercise' }));
    const link = (await fp.get('/api/v1/exercises/calendar-link')).json();
    expect(link.path).toMatch(/^\/api\/v1\/exercises\/feed\/[\w-]+\.[\w-]+\.ics$/);
    const feed = await s.app.inject(link.path);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.body).toContain('SUMMARY:Feed exercise (tabletop)');
    const other = (await (await login(s.app, 'bc-b@t.org')).get('/api/v1/exercises/calendar-link')).json();
    expect((await s.app.inject(other.path)).body).not.toContain('Feed exercise');
    const forged = link.path.replace(/\.([\w-]+)\.ics$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics');
    expect((await s.app.inject(forged)).statusCode).toBe(404);
    expect((await s.app.inject('/api/v1/exercises/feed/not-a-token')).statusCode).toBe(400);
    // A disabled account's link stops working.
    await s.database.db.updateTable('users').set({ disabled: 1 }).where('email', '=', 'bc-b@t.org').execute();
    expect((await s.app.inject(other.path)).statusCode).toBe(404);
  });

  it('rejects expired tokens and tokens signed for another purpose', () => {
    const key = Buffer.alloc(32, 7);
    const t = signFeedToken(key, 'user-1', new Date(Date.now() + 1000));
    expect(verifyFeedToken(key, t)).toBe('user-1');
    expect(verifyFeedToken(key, t, new Date(Date.now() + 5000))).toBeNull();
    expect(verifyFeedToken(Buffer.alloc(32, 8), t)).toBeNull();
  });
});
