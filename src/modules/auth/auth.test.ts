import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, PASSWORD, snapshotCounts, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { sha256 } from './passwords.js';

let s: TestServer;
let admin: Client;

beforeAll(async () => {
  s = await startTestServer();
  await createUser(s.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }]);
  admin = await login(s.app, 'admin@t.org');
});
afterAll(async () => s.close());

const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, opts: { headers?: Record<string, string>; payload?: object } = {}) =>
  s.app.inject({ method, url, ...opts });
const signIn = (email: string, password: string) => inject('POST', '/api/v1/auth/login', { payload: { email, password } });
const auditCount = async () => Number((await s.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('sign-in', () => {
  it('sets an httpOnly SameSite session cookie, returns the CSRF token and the user with grants', async () => {
    const res = await signIn('admin@t.org', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'orms_session')!;
    expect(cookie).toBeDefined();
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    const body = res.json();
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.csrfToken.length).toBeGreaterThan(16);
    expect(body.user).toMatchObject({ email: 'admin@t.org', grants: [{ role: 'system_admin', scopeType: 'org', scopeId: null }] });
    // The session works for reads.
    const me = await inject('GET', '/api/v1/auth/me', { headers: { cookie: `orms_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: 'admin@t.org' }, csrfToken: body.csrfToken });
  });

  it('stores passwords as argon2 hashes', async () => {
    const row = await s.database.db.selectFrom('users').select('password_hash').where('email', '=', 'admin@t.org').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('accepts the email in any case', async () => {
    expect((await signIn('  Admin@T.org ', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a wrong password and an unknown email alike, with no cookie', async () => {
    for (const res of [await signIn('admin@t.org', 'wrong-password'), await signIn('nobody@t.org', PASSWORD)]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'unauthenticated', message: 'Invalid email or password' });
      expect(res.cookies.find((c) => c.name === 'orms_session')).toBeUndefined();
    }
  });

  it('a disabled user cannot sign in, and their open sessions end', async () => {
    const user = await createUser(s.database, 'leaver@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
    const c = await login(s.app, 'leaver@t.org');
    expect((await c.get('/api/v1/people')).statusCode).toBe(200);
    const res = await admin.patch(`/api/v1/users/${user.id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await c.get('/api/v1/people')).statusCode).toBe(401);
    expect((await signIn('leaver@t.org', PASSWORD)).statusCode).toBe(401);
    // and enabled again, they can
    await admin.patch(`/api/v1/users/${user.id}`, { disabled: false });
    expect((await signIn('leaver@t.org', PASSWORD)).statusCode).toBe(200);
  });

  it('a disabled user\'s API tokens stop working', async () => {
    const user = await createUser(s.database, 'integration@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
    const c = await login(s.app, 'integration@t.org');
    const { token } = (await c.post('/api/v1/auth/tokens', { name: 'hr sync' })).json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await inject('GET', '/api/v1/people', { headers: bearer })).statusCode).toBe(200);
    await admin.patch(`/api/v1/users/${user.id}`, { disabled: true });
    expect((await inject('GET', '/api/v1/people', { headers: bearer })).statusCode).toBe(401);
  });
});

describe('lockout and rate limiting', () => {
  it('locks the account after 5 wrong passwords; then even the right password gets 429 account_locked', async () => {
    const user = await createUser(s.database, 'victim@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
    for (let i = 1; i <= 5; i++) {
      const res = await signIn('victim@t.org', `wrong-${i}-password`);
      expect(res.statusCode, `attempt ${i}`).toBe(401);
    }
    const locked = await signIn('victim@t.org', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
    expect(locked.cookies.find((c) => c.name === 'orms_session')).toBeUndefined();
    const events = (await admin.get(`/api/v1/audit?subjectType=user&subjectId=${user.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(events.filter((a: string) => a === 'login_failed')).toHaveLength(4);
    expect(events).toContain('lockout');
    // An administrator unlocks it.
    const unlocked = await admin.patch(`/api/v1/users/${user.id}`, { unlock: true });
    expect(unlocked.json().lockedUntil).toBeNull();
    expect((await signIn('victim@t.org', PASSWORD)).statusCode).toBe(200);
  });

  it('the lock ends when its time is up', async () => {
    const user = await createUser(s.database, 'patient@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
    for (let i = 0; i < 5; i++) await signIn('patient@t.org', 'wrong-password');
    expect((await signIn('patient@t.org', PASSWORD)).statusCode).toBe(429);
    const row = await s.database.db.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    // Locked for about 15 minutes.
    expect(Date.parse(row.locked_until!) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(Date.parse(row.locked_until!) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    await s.database.db.updateTable('users').set({ locked_until: new Date(Date.now() - 1000).toISOString() }).where('id', '=', user.id).execute();
    expect((await signIn('patient@t.org', PASSWORD)).statusCode).toBe(200);
  });

  it('a successful sign-in resets the failure count', async () => {
    await createUser(s.database, 'forgetful@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
    for (let i = 0; i < 4; i++) expect((await signIn('forgetful@t.org', 'not-my-password')).statusCode).toBe(401);
    expect((await signIn('forgetful@t.org', PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn('forgetful@t.org', 'not-my-password')).statusCode).toBe(401);
    expect((await signIn('forgetful@t.org', PASSWORD)).statusCode).toBe(200);
  });

  it('limits sign-in attempts per client per minute', async () => {
    const limited = await startTestServer({ loginRateLimit: 3 });
    try {
      await createUser(limited.database, 'user@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
      const attempt = (password: string) => limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'user@t.org', password } });
      expect((await attempt('wrong-password-1')).statusCode).toBe(401);
      expect((await attempt('wrong-password-2')).statusCode).toBe(401);
      expect((await attempt(PASSWORD)).statusCode).toBe(200);
      const fourth = await attempt(PASSWORD);
      expect(fourth.statusCode).toBe(429);
      expect(fourth.json().error.code).toBe('rate_limited');
      expect(fourth.cookies.find((c) => c.name === 'orms_session')).toBeUndefined();
      // Other routes are not limited by it.
      expect((await limited.app.inject('/api/health')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('sessions and CSRF', () => {
  it('a cookie-authenticated change without the CSRF header is refused and writes nothing', async () => {
    const before = await snapshotCounts(s.database);
    const events = await auditCount();
    const body = { kind: 'staff', givenName: 'Csrf', familyName: 'Victim', entityId: s.fixture.ids.a };
    const attempts: Record<string, string>[] = [{ cookie: admin.cookie }, { cookie: admin.cookie, 'x-csrf-token': 'forged' }, { cookie: admin.cookie, 'x-csrf-token': '' }];
    for (const headers of attempts) {
      const res = await inject('POST', '/api/v1/people', { headers, payload: body });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf');
    }
    const del = await inject('DELETE', `/api/v1/teams/${s.fixture.ids.tA}`, { headers: { cookie: admin.cookie } });
    expect(del.statusCode).toBe(403);
    expect(await snapshotCounts(s.database)).toEqual(before);
    expect(await auditCount()).toBe(events);
    // The same request with the header succeeds.
    const ok = await admin.post('/api/v1/people', body);
    expect(ok.statusCode).toBe(201);
  });

  it('another session\'s CSRF token does not work', async () => {
    const other = await login(s.app, 'admin@t.org');
    const res = await inject('PATCH', '/api/v1/auth/me', { headers: { cookie: admin.cookie, 'x-csrf-token': other.csrf }, payload: { displayName: 'Hijacked' } });
    expect(res.statusCode).toBe(403);
  });

  it('logout ends the session', async () => {
    const c = await login(s.app, 'admin@t.org');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    const out = await c.post('/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((x) => x.name === 'orms_session');
    expect(cleared?.value).toBe('');
    const after = await c.get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    // Other sessions of the same user continue.
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('a session past its expiry is refused', async () => {
    const c = await login(s.app, 'admin@t.org');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    const id = sha256(c.cookie.replace('orms_session=', ''));
    await s.database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
    const res = await c.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/sign in again/);
  });

  it('an unknown or expired session cookie is 401', async () => {
    const res = await inject('GET', '/api/v1/people', { headers: { cookie: 'orms_session=not-a-session' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/sign in again/);
  });
});

describe('password change', () => {
  let c: Client;
  beforeAll(async () => {
    await createUser(s.database, 'changer@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
    c = await login(s.app, 'changer@t.org');
  });

  it('refuses a wrong current password with 400 naming currentPassword', async () => {
    const res = await c.post('/api/v1/auth/password', { currentPassword: 'not-the-password', newPassword: 'a-brand-new-password' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('currentPassword');
    expect((await signIn('changer@t.org', 'a-brand-new-password')).statusCode).toBe(401);
  });

  it('refuses a too short new password with 400 naming newPassword', async () => {
    const res = await c.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_input', fields: { newPassword: expect.stringMatching(/10/) } });
    expect((await signIn('changer@t.org', PASSWORD)).statusCode).toBe(200);
  });

  it('changes it, keeps this session and ends the others', async () => {
    const other = await login(s.app, 'changer@t.org');
    const res = await c.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'a-brand-new-password' });
    expect(res.statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await signIn('changer@t.org', PASSWORD)).statusCode).toBe(401);
    expect((await signIn('changer@t.org', 'a-brand-new-password')).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('are shown once, work with Bearer without CSRF, and stop working when revoked', async () => {
    const created = await admin.post('/api/v1/auth/tokens', { name: 'HR feed' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^orms_/);
    // The list never shows the secret again.
    const list = await admin.get('/api/v1/auth/tokens');
    expect(list.json()).toEqual([expect.objectContaining({ id, name: 'HR feed', revokedAt: null })]);
    expect(list.body).not.toContain(token);
    const stored = await s.database.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const read = await inject('GET', '/api/v1/people', { headers: bearer });
    expect(read.statusCode).toBe(200);
    expect(read.json().total).toBeGreaterThan(0);
    // Writes need no CSRF header with a token.
    const write = await inject('POST', '/api/v1/teams', { headers: bearer, payload: { name: 'Token team', kind: 'other', locationId: s.fixture.ids.y } });
    expect(write.statusCode).toBe(201);
    const audit = (await admin.get(`/api/v1/audit?subjectType=team&subjectId=${write.json().id}`)).json().items;
    expect(audit[0]).toMatchObject({ action: 'create', actorEmail: 'admin@t.org' });
    expect((await admin.get('/api/v1/auth/tokens')).json()[0].lastUsedAt).not.toBeNull();

    const revoke = await admin.delete(`/api/v1/auth/tokens/${id}`);
    expect(revoke.statusCode).toBe(204);
    const after = await inject('GET', '/api/v1/people', { headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    expect((await admin.delete(`/api/v1/auth/tokens/${id}`)).statusCode).toBe(404);
  });

  it('a made-up or malformed token is 401, and a bad Bearer header does not fall back to the cookie', async () => {
    for (const authorization of ['Bearer orms_madeup', 'Bearer nonsense', 'Basic YWRtaW46cGFzcw==']) {
      const res = await inject('GET', '/api/v1/people', { headers: { authorization, cookie: admin.cookie } });
      expect(res.statusCode, authorization).toBe(401);
    }
  });

  it('one user cannot revoke another user\'s token', async () => {
    await createUser(s.database, 'tokenowner@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
    const owner = await login(s.app, 'tokenowner@t.org');
    const { id, token } = (await owner.post('/api/v1/auth/tokens', { name: 'mine' })).json();
    expect((await admin.delete(`/api/v1/auth/tokens/${id}`)).statusCode).toBe(404);
    expect((await inject('GET', '/api/v1/people', { headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  });
});

describe('authentication is required', () => {
  it('every /api/v1 route but sign-in answers 401 without credentials, and writes nothing', async () => {
    const before = await snapshotCounts(s.database);
    const events = await auditCount();
    const spec = (await inject('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const uuid = '0190a0a0-0000-7000-8000-000000000000';
    let checked = 0;
    const publicRoutes: string[] = [];
    for (const [path, ops] of Object.entries(spec.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const method of Object.keys(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const url = path.replace(/\{code\}/g, 'KE').replace(/\{[^}]+\}/g, uuid);
        const res = await s.app.inject({ method: method.toUpperCase() as 'GET', url, ...(method === 'get' || method === 'delete' ? {} : { payload: {} }) });
        if (res.statusCode !== 401) {
          publicRoutes.push(`${method.toUpperCase()} ${path}`);
          continue;
        }
        expect(res.json().error.code).toBe('unauthenticated');
        checked++;
      }
    }
    // Sign-in, and the notification area's routes that authenticate otherwise: the per-recipient
    // response link; the signed callbacks of the SMS provider (replies, delivery reports) and of the
    // webhook's receiver (delivery reports); the exercise calendar's signed subscription link (calendar
    // applications cannot sign in); and the public alerts (Atom feed, CAP), which anyone may read.
    // Any other public route is a mistake.
    expect(publicRoutes.sort()).toEqual([
      'GET /api/v1/exercises/feed/{token}', 'GET /api/v1/public/alerts.atom', 'GET /api/v1/public/alerts/{id}/cap.xml',
      'GET /api/v1/respond/{token}', 'POST /api/v1/auth/login', 'POST /api/v1/notify/sms/inbound', 'POST /api/v1/notify/sms/status',
      'POST /api/v1/notify/webhook/status', 'POST /api/v1/respond/{token}',
    ]);
    expect(checked).toBeGreaterThan(30);
    expect(await snapshotCounts(s.database)).toEqual(before);
    expect(await auditCount()).toBe(events);
  });
});
