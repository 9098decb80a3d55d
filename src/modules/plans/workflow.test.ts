import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createUser, login, startTestServer, type TestServer } from '../../../test/helpers.js';
import { newId } from '../../domain/ids.js';
import { runReviewReminders, scheduleReviewReminders } from './review.service.js';

let s: TestServer;
let ids: TestServer['fixture']['ids'];
const BC_TYPE = '00000000-0000-7000-8000-000000000801';

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await createUser(s.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'fp-x@t.org', [{ role: 'orms_focal_point', scopeType: 'location', scopeId: ids.x }], ids.pA);
  await createUser(s.database, 'cmt-x@t.org', [{ role: 'crisis_team_member', scopeType: 'location', scopeId: ids.x }], ids.pBX);
  await createUser(s.database, 'cmt-y@t.org', [{ role: 'crisis_team_member', scopeType: 'location', scopeId: ids.y }]);
  await createUser(s.database, 'staff-x@t.org', [], ids.pBX);
  await s.database.db.insertInto('contact_points').values({ id: newId(), person_id: ids.pA, kind: 'mobile', value: '+254700000009', label: null, priority: 0 }).execute();
});
afterAll(async () => s.close());

const plan = (over: Record<string, unknown> = {}) => ({ title: 'Xville BC plan', planTypeId: BC_TYPE, locationId: ids.x, ownerPersonId: ids.pA, ...over });

describe('approval inbox and what the caller may do', () => {
  it('lists versions in review for their approvers only, marking one the caller drafted', async () => {
    const fp = await login(s.app, 'fp-x@t.org');
    const admin = await login(s.app, 'admin@t.org');
    const p = (await fp.post('/api/v1/plans', plan())).json();
    const mine = (await admin.post('/api/v1/plans', plan({ title: 'Admin-drafted plan' }))).json();
    expect((await fp.get(`/api/v1/plans/${p.id}`)).json().allowed).toEqual({ history: true, write: true, approve: false, approveBlocked: null });
    await fp.post(`/api/v1/plans/${p.id}/versions/${p.workingVersion.id}/submit`, { comment: 'Please approve' });
    await admin.post(`/api/v1/plans/${mine.id}/versions/${mine.workingVersion.id}/submit`, {});

    const cmt = await login(s.app, 'cmt-x@t.org');
    const inbox = (await cmt.get('/api/v1/plan-approvals')).json();
    expect(inbox.map((i: { planTitle: string }) => i.planTitle)).toEqual(['Xville BC plan', 'Admin-drafted plan']);
    expect(inbox[0]).toMatchObject({ planType: 'Business continuity plan', selfApprovalForbidden: false, version: { number: 1, status: 'in_review', draftedBy: 'fp-x@t.org' } });
    expect((await cmt.get(`/api/v1/plans/${p.id}`)).json().allowed).toEqual({ history: true, write: false, approve: true, approveBlocked: null });
    expect((await (await login(s.app, 'cmt-y@t.org')).get('/api/v1/plan-approvals')).json()).toEqual([]);
    expect((await fp.get('/api/v1/plan-approvals')).json()).toEqual([]);

    const own = (await admin.get('/api/v1/plan-approvals')).json().find((i: { planId: string }) => i.planId === mine.id);
    expect(own.selfApprovalForbidden).toBe(true);
    expect((await admin.get(`/api/v1/plans/${mine.id}`)).json().allowed).toEqual({ history: true, write: true, approve: true, approveBlocked: 'own_draft' });
    expect((await admin.post(`/api/v1/plans/${mine.id}/versions/${mine.workingVersion.id}/approve`, {})).statusCode).toBe(409);

    expect((await cmt.post(`/api/v1/plans/${p.id}/versions/${p.workingVersion.id}/approve`, { comment: 'Fine' })).statusCode).toBe(200);
    expect((await cmt.get('/api/v1/plan-approvals')).json().map((i: { planId: string }) => i.planId)).toEqual([mine.id]);
  });

  it('resolves the people and teams a version names, as they are now', async () => {
    const fp = await login(s.app, 'fp-x@t.org');
    const p = (await fp.post('/api/v1/plans', plan({ title: 'Directory plan' }))).json();
    await fp.put(`/api/v1/plans/${p.id}/versions/${p.workingVersion.id}`, { content: { sections: [{ key: 'c', heading: 'Contacts', blocks: [{ type: 'contacts', title: 'Key', personIds: [ids.pA], teamIds: [ids.tX] }] }] } });
    const dir = (await fp.get(`/api/v1/plans/${p.id}/versions/${p.workingVersion.id}/directory`)).json();
    expect(dir.people.find((x: { id: string }) => x.id === ids.pA)).toMatchObject({ name: 'Alice Tester', contacts: [{ kind: 'mobile', value: '+254700000009' }] });
    expect(dir.teams).toEqual([{ id: ids.tX, name: 'Xville CMT', members: [{ role: 'Chair', personId: ids.pA }] }]);
    // A staff member who may read only the approved version cannot read a draft's directory, nor any history.
    const staff = await login(s.app, 'staff-x@t.org');
    expect((await staff.get(`/api/v1/plans/${p.id}/versions/${p.workingVersion.id}/directory`)).statusCode).toBe(404);
    const inForce = (await staff.get('/api/v1/plans')).json().items;
    expect(inForce.map((x: { title: string }) => x.title)).toEqual(['Xville BC plan']);
    expect((await staff.get(`/api/v1/plans/${inForce[0].id}`)).json().allowed).toEqual({ history: false, write: false, approve: false, approveBlocked: null });
  });
});

describe('plan library export', () => {
  it('exports the filtered library as CSV and XLSX', async () => {
    const fp = await login(s.app, 'fp-x@t.org');
    const csv = await fp.get('/api/v1/plans/export.csv?status=approved');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.title)).toEqual(['Xville BC plan']);
    expect(rows[0]).toMatchObject({ plan_type: 'Business continuity plan', status: 'approved', duty_station: 'Xville', owner: 'Alice Tester', current_version: '1', review_overdue: 'false' });
    const xlsx = await fp.get('/api/v1/plans/export.xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await fp.get('/api/v1/plans/export.csv?status=nonsense')).statusCode).toBe(400);
    const due = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const soon = (await fp.get(`/api/v1/plans?reviewDueBefore=${due}&sort=reviewDue`)).json();
    expect(soon.items.map((p: { title: string }) => p.title)).toEqual(['Xville BC plan']);
    expect((await fp.get('/api/v1/plans?reviewDueBefore=2001-01-01')).json().items).toEqual([]);
  });
});

describe('reminders', () => {
  it('marks one of your own reminders read; others read as absent', async () => {
    const fp = await login(s.app, 'fp-x@t.org');
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const p = (await fp.post('/api/v1/plans', plan({ title: 'Reminder plan', reviewDue: soon }))).json();
    await runReviewReminders(s.database.db, null);
    const r = (await fp.get('/api/v1/plan-reminders')).json().find((x: { planId: string }) => x.planId === p.id);
    expect(r).toMatchObject({ kind: 'due_soon', readAt: null });
    expect((await (await login(s.app, 'cmt-x@t.org')).post(`/api/v1/plan-reminders/${r.id}/read`)).statusCode).toBe(404);
    const read = await fp.post(`/api/v1/plan-reminders/${r.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toEqual(expect.any(String));
  });

  it('runs on a schedule while the server is up, sending each reminder once', async () => {
    const fp = await login(s.app, 'fp-x@t.org');
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const p = (await fp.post('/api/v1/plans', plan({ title: 'Scheduled plan', reviewDue: soon }))).json();
    const errors: unknown[] = [];
    const stop = scheduleReviewReminders(s.database.db, () => null, { firstAfterMs: 1, everyMs: 20, onError: (e) => errors.push(e) });
    await new Promise((r) => setTimeout(r, 150));
    stop();
    expect(errors).toEqual([]);
    const n = await s.database.db.selectFrom('plan_reminders').select((eb) => eb.fn.countAll<number>().as('n')).where('plan_id', '=', p.id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });
});

describe('wallet cards list', () => {
  it('lists the cards the caller may read, with whether they may edit them', async () => {
    const admin = await login(s.app, 'admin@t.org');
    await admin.put(`/api/v1/wallet-cards/${ids.x}`, { title: 'Xville card', numbers: [{ label: 'Control room', number: '+254 20 1' }] });
    await admin.put(`/api/v1/wallet-cards/${ids.y}`, { title: 'Yburg card', numbers: [{ label: 'Police', number: '117' }] });
    expect((await (await login(s.app, 'fp-x@t.org')).get('/api/v1/wallet-cards')).json().map((c: { title: string; canEdit: boolean }) => [c.title, c.canEdit])).toEqual([['Xville card', true]]);
    expect((await (await login(s.app, 'staff-x@t.org')).get('/api/v1/wallet-cards')).json().map((c: { title: string; canEdit: boolean }) => [c.title, c.canEdit])).toEqual([['Xville card', false]]);
  });
});
