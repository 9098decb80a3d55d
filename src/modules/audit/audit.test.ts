import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, PASSWORD, snapshotCounts, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';

let s: TestServer;
let admin: Client;
let adminId: string;
let ids: TestServer['fixture']['ids'];

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  adminId = (await createUser(s.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }])).id;
  admin = await login(s.app, 'admin@t.org');
});
afterAll(async () => s.close());

interface Event { id: string; at: string; actorId: string | null; actorEmail: string | null; action: string; subjectType: string; subjectId: string; entityId: string | null; locationId: string | null; before: unknown; after: unknown }

const auditCount = async () => Number((await s.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const eventsOf = async (subjectType: string, subjectId: string): Promise<Event[]> => {
  const res = await admin.get(`/api/v1/audit?subjectType=${subjectType}&subjectId=${subjectId}`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
};

/**
 * Runs a mutation and checks that it wrote exactly one audit event, with the acting user, the
 * action, the subject and the expected before/after. Returns the event.
 */
async function expectAudited(
  run: () => Promise<{ statusCode: number; json(): any }>,
  expected: { action: string; subjectType: string; subjectId?: (body: any) => string; before: boolean; after: boolean; actorId?: string; actorEmail?: string },
): Promise<Event> {
  const count = await auditCount();
  const res = await run();
  expect(res.statusCode, JSON.stringify(expected)).toBeLessThan(300);
  expect(await auditCount(), `one event for ${expected.action} ${expected.subjectType}`).toBe(count + 1);
  const newest = (await admin.get('/api/v1/audit?pageSize=1')).json().items[0] as Event;
  expect(newest).toMatchObject({
    action: expected.action, subjectType: expected.subjectType,
    actorId: expected.actorId ?? adminId, actorEmail: expected.actorEmail ?? 'admin@t.org',
  });
  if (expected.subjectId) expect(newest.subjectId).toBe(expected.subjectId(res.statusCode === 204 ? null : res.json()));
  expect(newest.before !== null, `before of ${expected.action}`).toBe(expected.before);
  expect(newest.after !== null, `after of ${expected.action}`).toBe(expected.after);
  expect(Date.now() - Date.parse(newest.at)).toBeLessThan(60_000);
  return newest;
}

describe('every mutation writes one audit event with actor, action, subject, before and after', () => {
  it('entities', async () => {
    const created = await expectAudited(() => admin.post('/api/v1/entities', { code: 'AUD', name: 'Audited', kind: 'office', parentId: ids.a }),
      { action: 'create', subjectType: 'entity', subjectId: (b) => b.id, before: false, after: true });
    expect(created.after).toMatchObject({ code: 'AUD', name: 'Audited' });
    const id = created.subjectId;
    const updated = await expectAudited(() => admin.patch(`/api/v1/entities/${id}`, { name: 'Audited twice' }), { action: 'update', subjectType: 'entity', before: true, after: true });
    expect(updated).toMatchObject({ subjectId: id, entityId: id, before: { name: 'Audited' }, after: { name: 'Audited twice' } });
    const deleted = await expectAudited(() => admin.delete(`/api/v1/entities/${id}`), { action: 'delete', subjectType: 'entity', before: true, after: false });
    expect(deleted).toMatchObject({ subjectId: id, before: { name: 'Audited twice' } });
  });

  it('locations', async () => {
    const created = await expectAudited(() => admin.post('/api/v1/locations', { kind: 'premises', name: 'Audit house', parentId: ids.x, countryCode: 'KE', timeZone: 'Africa/Nairobi' }),
      { action: 'create', subjectType: 'location', subjectId: (b) => b.id, before: false, after: true });
    // Premises are audited under their duty station, where location-scoped readers find them.
    expect(created.locationId).toBe(ids.x);
    const id = created.subjectId;
    const updated = await expectAudited(() => admin.patch(`/api/v1/locations/${id}`, { timeZone: 'UTC' }), { action: 'update', subjectType: 'location', before: true, after: true });
    expect(updated).toMatchObject({ before: { timeZone: 'Africa/Nairobi' }, after: { timeZone: 'UTC' } });
    await expectAudited(() => admin.delete(`/api/v1/locations/${id}`), { action: 'delete', subjectType: 'location', before: true, after: false });
  });

  it('people', async () => {
    const created = await expectAudited(() => admin.post('/api/v1/people', { kind: 'staff', givenName: 'Audrey', familyName: 'Trail', entityId: ids.a1, homeLocationId: ids.y, contacts: [{ kind: 'email', value: 'audrey@t.org' }] }),
      { action: 'create', subjectType: 'person', subjectId: (b) => b.id, before: false, after: true });
    expect(created).toMatchObject({ entityId: ids.a1, locationId: ids.y, after: { givenName: 'Audrey', contacts: [{ kind: 'email', value: 'audrey@t.org' }] } });
    const id = created.subjectId;
    const updated = await expectAudited(() => admin.patch(`/api/v1/people/${id}`, { contacts: [{ kind: 'mobile', value: '+41 79 000 00 00' }] }), { action: 'update', subjectType: 'person', before: true, after: true });
    expect(updated.before).toMatchObject({ contacts: [{ kind: 'email', value: 'audrey@t.org' }] });
    expect(updated.after).toMatchObject({ contacts: [{ kind: 'mobile', value: '+41790000000' }] });
    await expectAudited(() => admin.delete(`/api/v1/people/${id}`), { action: 'delete', subjectType: 'person', before: true, after: false });
    // The trail outlives its subject.
    expect((await eventsOf('person', id)).map((e) => e.action)).toEqual(['delete', 'update', 'create']);
  });

  it('teams and their members', async () => {
    const created = await expectAudited(() => admin.post('/api/v1/teams', { name: 'Audit team', kind: 'other', locationId: ids.y }),
      { action: 'create', subjectType: 'team', subjectId: (b) => b.id, before: false, after: true });
    const id = created.subjectId;
    await expectAudited(() => admin.patch(`/api/v1/teams/${id}`, { termsOfReference: 'New' }), { action: 'update', subjectType: 'team', before: true, after: true });
    const added = await expectAudited(() => admin.post(`/api/v1/teams/${id}/members`, { personId: ids.pB, role: 'Chair' }), { action: 'add_member', subjectType: 'team', before: false, after: true });
    expect(added).toMatchObject({ subjectId: id, after: { personId: ids.pB, role: 'Chair' } });
    const changed = await expectAudited(() => admin.patch(`/api/v1/teams/${id}/members/${ids.pB}`, { role: 'Member' }), { action: 'update_member', subjectType: 'team', before: true, after: true });
    expect(changed).toMatchObject({ before: { role: 'Chair' }, after: { role: 'Member' } });
    const removed = await expectAudited(() => admin.delete(`/api/v1/teams/${id}/members/${ids.pB}`), { action: 'remove_member', subjectType: 'team', before: true, after: false });
    expect(removed.before).toMatchObject({ personId: ids.pB, role: 'Member' });
    await expectAudited(() => admin.delete(`/api/v1/teams/${id}`), { action: 'delete', subjectType: 'team', before: true, after: false });
  });

  it('imports', async () => {
    const people = await expectAudited(() => admin.post('/api/v1/people/import', 'external_id,given_name,family_name,entity_code\nIMP-1,Imre,Port,B\n', { 'content-type': 'text/csv' }),
      { action: 'import', subjectType: 'person', before: false, after: true });
    expect(people.after).toMatchObject({ externalId: 'IMP-1', entityId: ids.b });
    const updated = await expectAudited(() => admin.post('/api/v1/people/import', 'external_id,given_name,family_name,entity_code\nIMP-1,Imre,Porter,B\n', { 'content-type': 'text/csv' }),
      { action: 'import', subjectType: 'person', before: true, after: true });
    expect(updated).toMatchObject({ before: { familyName: 'Port' }, after: { familyName: 'Porter' } });
    await expectAudited(() => admin.post('/api/v1/locations/import', 'external_id,kind,name,country_code,time_zone\nIMP-L,duty_station,Imported,KE,UTC\n', { 'content-type': 'text/csv' }),
      { action: 'import', subjectType: 'location', before: false, after: true });
  });

  it('users, sign-in, sign-out, passwords and API tokens', async () => {
    const created = await expectAudited(() => admin.post('/api/v1/users', { email: 'New.User@t.org', displayName: 'New user', password: PASSWORD, grants: [{ role: 'viewer', scopeType: 'entity', scopeId: ids.a }] }),
      { action: 'create', subjectType: 'user', subjectId: (b) => b.id, before: false, after: true });
    expect(created.after).toMatchObject({ email: 'new.user@t.org', grants: [{ role: 'viewer', scopeType: 'entity', scopeId: ids.a }] });
    expect(JSON.stringify(created.after)).not.toContain(PASSWORD);
    const userId = created.subjectId;
    const updated = await expectAudited(() => admin.patch(`/api/v1/users/${userId}`, { grants: [{ role: 'entity_admin', scopeType: 'entity', scopeId: ids.a }] }),
      { action: 'update', subjectType: 'user', before: true, after: true });
    expect(updated).toMatchObject({ before: { grants: [{ role: 'viewer' }] }, after: { grants: [{ role: 'entity_admin' }] } });
    await expectAudited(() => admin.post(`/api/v1/users/${userId}/password`, { password: 'reset-by-admin-1' }), { action: 'password_reset', subjectType: 'user', before: false, after: false });

    const me = { actorId: userId, actorEmail: 'new.user@t.org' };
    let user!: Client;
    await expectAudited(async () => {
      user = await login(s.app, 'new.user@t.org', 'reset-by-admin-1');
      return { statusCode: 200, json: () => ({}) };
    }, { action: 'login', subjectType: 'user', subjectId: () => userId, before: false, after: false, ...me });
    await expectAudited(() => user.post('/api/v1/auth/password', { currentPassword: 'reset-by-admin-1', newPassword: 'changed-by-user-1' }),
      { action: 'password_change', subjectType: 'user', subjectId: () => userId, before: false, after: false, ...me });
    await expectAudited(() => user.patch('/api/v1/auth/me', { language: 'ar' }), { action: 'update', subjectType: 'user', subjectId: () => userId, before: true, after: true, ...me });
    const token = await expectAudited(() => user.post('/api/v1/auth/tokens', { name: 'feed' }), { action: 'create', subjectType: 'api_token', subjectId: (b) => b.id, before: false, after: true, ...me });
    expect(token.after).toEqual({ userId, name: 'feed' });
    await expectAudited(() => user.delete(`/api/v1/auth/tokens/${token.subjectId}`), { action: 'revoke', subjectType: 'api_token', subjectId: () => token.subjectId, before: true, after: true, ...me });
    await expectAudited(() => user.post('/api/v1/auth/logout'), { action: 'logout', subjectType: 'user', subjectId: () => userId, before: false, after: false, ...me });
    // A failed sign-in is recorded too, against the account.
    const count = await auditCount();
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'new.user@t.org', password: 'wrong-password' } })).statusCode).toBe(401);
    expect(await auditCount()).toBe(count + 1);
    expect((await eventsOf('user', userId))[0]).toMatchObject({ action: 'login_failed' });
  });
});

describe('rejected mutations write no event', () => {
  it('400, 403, 404 and 409 leave the trail and the data as they were', async () => {
    await createUser(s.database, 'viewer@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
    const viewer = await login(s.app, 'viewer@t.org');
    const count = await auditCount();
    const counts = await snapshotCounts(s.database);
    const attempts = [
      [400, await admin.post('/api/v1/people', { kind: 'dependant', givenName: 'No', familyName: 'Sponsor' })],
      [400, await admin.patch(`/api/v1/entities/${ids.root}`, { parentId: ids.a1 })],
      [400, await admin.post('/api/v1/people/import', 'external_id,given_name,family_name\nOK-1,Ok,Row\nBAD-1,,Row\n', { 'content-type': 'text/csv' })],
      [403, await viewer.post('/api/v1/teams', { name: 'Nope', kind: 'other', locationId: ids.x })],
      [403, await viewer.delete(`/api/v1/people/${ids.pA}`)],
      [403, await viewer.post('/api/v1/users', { email: 'x@t.org', displayName: 'X' })],
      [404, await admin.patch('/api/v1/teams/0190a0a0-0000-7000-8000-000000000000', { name: 'Ghost' })],
      [409, await admin.post('/api/v1/entities', { code: 'A', name: 'Clash', kind: 'office' })],
      [409, await admin.delete(`/api/v1/entities/${ids.a}`)],
      [409, await admin.post('/api/v1/users', { email: 'viewer@t.org', displayName: 'Dup' })],
    ] as const;
    for (const [status, res] of attempts) expect(res.statusCode, res.body).toBe(status);
    expect(await auditCount()).toBe(count);
    expect(await snapshotCounts(s.database)).toEqual(counts);
  });

  it('the event is written in the same transaction: when it cannot be recorded, the change is undone', async () => {
    const db = s.database.db;
    if (s.database.dialect === 'sqlite') {
      await sql`create trigger audit_refuses before insert on audit_events when new.subject_type = 'person' begin select raise(abort, 'audit unavailable'); end`.execute(db);
    } else {
      await sql`create function audit_refuses() returns trigger language plpgsql as $$ begin raise exception 'audit unavailable'; end $$`.execute(db);
      await sql`create trigger audit_refuses before insert on audit_events for each row when (new.subject_type = 'person') execute function audit_refuses()`.execute(db);
    }
    try {
      const counts = await snapshotCounts(s.database);
      const created = await admin.post('/api/v1/people', { kind: 'staff', givenName: 'Unrecorded', familyName: 'Change', entityId: ids.b, contacts: [{ kind: 'email', value: 'u@t.org' }] });
      expect(created.statusCode).toBe(500);
      expect(created.json().error.code).toBe('internal');
      const updated = await admin.patch(`/api/v1/people/${ids.pB}`, { jobTitle: 'Unrecorded', contacts: [{ kind: 'email', value: 'u@t.org' }] });
      expect(updated.statusCode).toBe(500);
      const deleted = await admin.delete(`/api/v1/people/${ids.pBX}`);
      expect(deleted.statusCode).toBe(500);
      const imported = await admin.post('/api/v1/people/import', 'external_id,given_name,family_name\nUNREC-1,Un,Recorded\n', { 'content-type': 'text/csv' });
      expect(imported.statusCode).toBe(500);
      expect(await snapshotCounts(s.database)).toEqual(counts);
      expect((await admin.get(`/api/v1/people/${ids.pB}`)).json()).toMatchObject({ jobTitle: null, contacts: [] });
      expect((await admin.get('/api/v1/people?q=unrecorded')).json().total).toBe(0);
    } finally {
      await sql`drop trigger audit_refuses${s.database.dialect === 'postgres' ? sql` on audit_events` : sql``}`.execute(db);
    }
  });
});

describe('the trail is append-only', () => {
  it('has no route to change or delete events', async () => {
    const event = (await admin.get('/api/v1/audit?pageSize=1')).json().items[0] as Event;
    const count = await auditCount();
    for (const res of [
      await admin.put('/api/v1/audit', {}), await admin.patch('/api/v1/audit', {}), await admin.delete('/api/v1/audit'), await admin.post('/api/v1/audit', {}),
      await admin.put(`/api/v1/audit/${event.id}`, { action: 'nothing' }), await admin.patch(`/api/v1/audit/${event.id}`, { action: 'nothing' }),
      await admin.delete(`/api/v1/audit/${event.id}`),
    ]) {
      expect([404, 405]).toContain(res.statusCode);
      expect(res.json().error.code).toBeDefined();
    }
    expect(await auditCount()).toBe(count);
    expect((await admin.get('/api/v1/audit?pageSize=500')).json().items.find((e: Event) => e.id === event.id)).toEqual(event);
  });
});

describe('filters', () => {
  let viewerId: string;
  beforeAll(async () => {
    viewerId = (await createUser(s.database, 'filter-viewer@t.org', [])).id;
    await login(s.app, 'filter-viewer@t.org');
  });

  it('by subject type and ID, actor, action, newest first', async () => {
    const byActor = (await admin.get(`/api/v1/audit?actorId=${viewerId}`)).json().items as Event[];
    expect(byActor.map((e) => e.action)).toEqual(['login']);
    const bySubject = (await admin.get(`/api/v1/audit?subjectType=user&subjectId=${viewerId}`)).json().items as Event[];
    expect(bySubject.map((e) => e.action)).toEqual(['login', 'create']);
    expect(bySubject[1]!.actorEmail).toBe('system');
    const logins = (await admin.get('/api/v1/audit?action=login&pageSize=500')).json().items as Event[];
    expect(logins.length).toBeGreaterThanOrEqual(3);
    expect(new Set(logins.map((e) => e.action))).toEqual(new Set(['login']));
    const sorted = [...logins].sort((a, b) => (a.id < b.id ? 1 : -1));
    expect(logins.map((e) => e.id)).toEqual(sorted.map((e) => e.id));
    const ofEntities = (await admin.get('/api/v1/audit?subjectType=entity&pageSize=500')).json().items as Event[];
    expect(ofEntities.length).toBeGreaterThan(0);
    expect(new Set(ofEntities.map((e) => e.subjectType))).toEqual(new Set(['entity']));
    const byPlace = (await admin.get(`/api/v1/audit?entityId=${ids.a1}&pageSize=500`)).json().items as Event[];
    expect(byPlace.length).toBeGreaterThan(0);
    for (const e of byPlace) expect(e.entityId).toBe(ids.a1);
  });

  it('by time range, inclusive, dates or date-times', async () => {
    const all = (await admin.get('/api/v1/audit?pageSize=500')).json();
    const items = all.items as Event[];
    const oldest = items[items.length - 1]!;
    const newest = items[0]!;
    expect((await admin.get(`/api/v1/audit?from=${encodeURIComponent(newest.at)}&pageSize=500`)).json().items.map((e: Event) => e.id)).toContain(newest.id);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await admin.get(`/api/v1/audit?from=${encodeURIComponent(future)}`)).json()).toMatchObject({ items: [], total: 0 });
    const past = new Date(Date.parse(oldest.at) - 1).toISOString();
    expect((await admin.get(`/api/v1/audit?to=${encodeURIComponent(past)}`)).json().total).toBe(0);
    const window = (await admin.get(`/api/v1/audit?from=${encodeURIComponent(oldest.at)}&to=${encodeURIComponent(newest.at)}&pageSize=500`)).json();
    expect(window.total).toBe(all.total);
    expect((await admin.get('/api/v1/audit?from=2000-01-01&to=2000-12-31')).json().total).toBe(0);
    // A date as the end of the range includes that whole (UTC) day.
    const today = newest.at.slice(0, 10);
    const sameDay = (await admin.get(`/api/v1/audit?from=${today}&to=${today}&pageSize=500`)).json();
    const ofToday = items.filter((e) => e.at.startsWith(today)).length;
    expect(ofToday).toBeGreaterThan(0);
    expect(sameDay.total).toBe(ofToday);
  });

  it('refuses from after to, malformed dates and unknown parameters with 400 naming them', async () => {
    const swapped = await admin.get('/api/v1/audit?from=2026-02-01&to=2026-01-01');
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().error).toMatchObject({ code: 'invalid_input', fields: { from: expect.any(String) } });
    for (const [query, field] of [['from=yesterday', 'querystring.from'], ['to=2026-13-45', 'querystring.to'], ['actorId=admin', 'querystring.actorId'], ['who=me', 'querystring.who']] as const) {
      const res = await admin.get(`/api/v1/audit?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.fields).toHaveProperty([field]);
    }
  });

  it('pages', async () => {
    const p1 = (await admin.get('/api/v1/audit?pageSize=2')).json();
    const p2 = (await admin.get('/api/v1/audit?pageSize=2&page=2')).json();
    expect(p1.items).toHaveLength(2);
    expect(p1.total).toBe(await auditCount());
    expect(p2.items[0].id < p1.items[1].id).toBe(true);
  });
});
