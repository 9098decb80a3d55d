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

const auditCount = async () => Number((await s.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const everything = async () => ({ ...(await snapshotCounts(s.database)), audit: await auditCount() });
const signIn = (email: string, password: string) => s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('user administration', () => {
  it('creates an account with grants on each scope type, linked to a person', async () => {
    const res = await admin.post('/api/v1/users', {
      email: 'Focal.Point@T.org', displayName: 'Focal point', password: 'long-enough-password', personId: ids.pA, language: 'fr',
      grants: [
        { role: 'orms_focal_point', scopeType: 'location', scopeId: ids.x },
        { role: 'viewer', scopeType: 'entity', scopeId: ids.b },
        { role: 'staff', scopeType: 'org' },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      email: 'focal.point@t.org', displayName: 'Focal point', personId: ids.pA, language: 'fr', disabled: false, lockedUntil: null,
      grants: [
        { role: 'orms_focal_point', scopeType: 'location', scopeId: ids.x, scopeName: 'Xville' },
        { role: 'viewer', scopeType: 'entity', scopeId: ids.b, scopeName: 'Entity B' },
        { role: 'staff', scopeType: 'org', scopeId: null, scopeName: null },
      ],
    });
    expect(res.body).not.toMatch(/password|hash/i);
    expect((await signIn('focal.point@t.org', 'long-enough-password')).statusCode).toBe(200);
    const list = (await admin.get('/api/v1/users')).json();
    expect(list.map((u: { email: string }) => u.email)).toEqual(['admin@t.org', 'focal.point@t.org']);
  });

  it('an account created without a password cannot sign in until one is set', async () => {
    const res = await admin.post('/api/v1/users', { email: 'later@t.org', displayName: 'Later' });
    expect(res.statusCode).toBe(201);
    expect((await signIn('later@t.org', '')).statusCode).toBe(400);
    expect((await signIn('later@t.org', 'anything-at-all')).statusCode).toBe(401);
    const set = await admin.post(`/api/v1/users/${res.json().id}/password`, { password: 'now-it-is-set' });
    expect(set.statusCode).toBe(204);
    expect((await signIn('later@t.org', 'now-it-is-set')).statusCode).toBe(200);
  });

  it('an admin password reset ends the user\'s sessions', async () => {
    const user = await createUser(s.database, 'reset-me@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
    const c = await login(s.app, 'reset-me@t.org');
    expect((await admin.post(`/api/v1/users/${user.id}/password`, { password: 'short' })).json().error.fields).toHaveProperty('password');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/users/${user.id}/password`, { password: 'a-new-long-password' })).statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await signIn('reset-me@t.org', PASSWORD)).statusCode).toBe(401);
  });

  it('changing grants takes effect on the next request', async () => {
    const user = await createUser(s.database, 'promoted@t.org', [{ role: 'viewer', scopeType: 'entity', scopeId: ids.b }]);
    const c = await login(s.app, 'promoted@t.org');
    expect((await c.get('/api/v1/people')).json().total).toBe(2);
    expect((await c.post('/api/v1/teams', { name: 'B team', kind: 'other', entityId: ids.b })).statusCode).toBe(403);
    const res = await admin.patch(`/api/v1/users/${user.id}`, { grants: [{ role: 'bc_coordinator', scopeType: 'org' }] });
    expect(res.statusCode).toBe(200);
    expect((await c.get('/api/v1/people')).json().total).toBe(4);
    expect((await c.post('/api/v1/teams', { name: 'B team', kind: 'other', entityId: ids.b })).statusCode).toBe(201);
    const revoked = await admin.patch(`/api/v1/users/${user.id}`, { grants: [] });
    expect(revoked.json().grants).toEqual([]);
    expect((await c.get('/api/v1/people')).json().total).toBe(0);
  });

  it('refuses bad accounts, naming the field, and writes nothing', async () => {
    const before = await everything();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ email: 'not-an-email', displayName: 'X' }, 400, 'email'],
      [{ email: 'admin@t.org', displayName: 'Dup' }, 409, 'email'],
      [{ email: 'ADMIN@T.ORG', displayName: 'Dup' }, 409, 'email'],
      [{ email: 'x@t.org', displayName: 'X', password: 'short' }, 400, 'password'],
      [{ email: 'x@t.org', displayName: '' }, 400, 'displayName'],
      [{ email: 'x@t.org', displayName: 'X', personId: '0190a0a0-0000-7000-8000-000000000000' }, 400, 'personId'],
      [{ email: 'x@t.org', displayName: 'X', grants: [{ role: 'emperor', scopeType: 'org' }] }, 400, 'grants.0.role'],
      [{ email: 'x@t.org', displayName: 'X', grants: [{ role: 'viewer', scopeType: 'org', scopeId: ids.a }] }, 400, 'grants.0.scopeId'],
      [{ email: 'x@t.org', displayName: 'X', grants: [{ role: 'viewer', scopeType: 'entity' }] }, 400, 'grants.0.scopeId'],
      [{ email: 'x@t.org', displayName: 'X', grants: [{ role: 'viewer', scopeType: 'entity', scopeId: ids.x }] }, 400, 'grants.0.scopeId'],
      [{ email: 'x@t.org', displayName: 'X', grants: [{ role: 'viewer', scopeType: 'location', scopeId: ids.x1 }] }, 400, 'grants.0.scopeId'],
      [{ email: 'x@t.org', displayName: 'X', isAdmin: true }, 400, 'isAdmin'],
    ];
    for (const [body, status, field] of cases) {
      const res = await admin.post('/api/v1/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.fields, JSON.stringify(body)).toHaveProperty([field]);
    }
    expect(await everything()).toEqual(before);
  });

  it('an admin cannot disable themselves or change their own roles', async () => {
    const before = await everything();
    expect((await admin.patch(`/api/v1/users/${adminId}`, { disabled: true })).statusCode).toBe(400);
    expect((await admin.patch(`/api/v1/users/${adminId}`, { grants: [] })).statusCode).toBe(400);
    expect(await everything()).toEqual(before);
    expect((await admin.patch(`/api/v1/users/${adminId}`, { displayName: 'Chief admin' })).json().displayName).toBe('Chief admin');
  });

  it('unknown users are 404 and bad grants on update leave the account as it was', async () => {
    expect((await admin.patch('/api/v1/users/0190a0a0-0000-7000-8000-000000000000', { displayName: 'Ghost' })).statusCode).toBe(404);
    const user = await createUser(s.database, 'stable@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
    const before = await everything();
    const res = await admin.patch(`/api/v1/users/${user.id}`, { displayName: 'Changed', grants: [{ role: 'viewer', scopeType: 'entity', scopeId: '0190a0a0-0000-7000-8000-000000000000' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty(['grants.0.scopeId']);
    expect(await everything()).toEqual(before);
    const row = (await admin.get('/api/v1/users')).json().find((u: { id: string }) => u.id === user.id);
    expect(row).toMatchObject({ displayName: 'stable@t.org', grants: [{ role: 'viewer', scopeType: 'org' }] });
  });
});

describe('email addresses', () => {
  it('are stored trimmed and lower-cased, as sign-in reads them', async () => {
    const res = await admin.post('/api/v1/users', { email: '  Spaced.Out@T.org ', displayName: 'Spaced', password: 'long-enough-password' });
    expect(res.statusCode).toBe(201);
    expect(res.json().email).toBe('spaced.out@t.org');
    expect((await signIn(' SPACED.OUT@t.org', 'long-enough-password')).statusCode).toBe(200);
  });
});

describe('your own account', () => {
  it('shows your grants and lets you change your display name and language only', async () => {
    await createUser(s.database, 'me@t.org', [{ role: 'viewer', scopeType: 'entity', scopeId: ids.a }]);
    const me = await login(s.app, 'me@t.org');
    const got = (await me.get('/api/v1/auth/me')).json();
    expect(got.user).toMatchObject({ email: 'me@t.org', grants: [{ role: 'viewer', scopeType: 'entity', scopeId: ids.a, scopeName: 'Entity A' }] });
    const res = await me.patch('/api/v1/auth/me', { displayName: 'Me Myself', language: 'zh' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ displayName: 'Me Myself', language: 'zh' });
    for (const patch of [{ language: 'de' }, { grants: [] }, { email: 'other@t.org' }, { disabled: false }]) {
      const bad = await me.patch('/api/v1/auth/me', patch);
      expect(bad.statusCode, JSON.stringify(patch)).toBe(400);
      expect(Object.keys(bad.json().error.fields)).toEqual(Object.keys(patch));
    }
  });
});
