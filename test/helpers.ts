import crypto from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { connect, type Db } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { buildApp } from '../src/server/app.js';
import { SYSTEM_ACTOR } from '../src/modules/audit/service.js';
import { insertUser, type GrantInput } from '../src/modules/users/service.js';
import { newId, nowIso } from '../src/domain/ids.js';
import { searchText } from '../src/db/paging.js';

/**
 * A fresh, migrated database for one test file: in-memory SQLite by default, or a new database
 * on the PostgreSQL server named by DATABASE_URL (dropped again by close()).
 */
export async function freshDatabase(): Promise<Db & { url?: string }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const database = connect({ dataDir: ':memory:' });
    await migrateToLatest(database.db);
    return database;
  }
  const name = `orms_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = connect({ databaseUrl: url.toString(), dataDir: '' });
  await migrateToLatest(database.db);
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      // Let closing connections finish on their own; force only what is still there after a while.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name}${attempt < 20 ? '' : ' WITH (FORCE)'}`);
          break;
        } catch (e) {
          if ((e as { code?: string }).code !== '55006' || attempt >= 20) throw e; // 55006: still in use
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await c.end();
    },
  };
}

export const PASSWORD = 'correct-horse-battery';

/**
 * A small organization for tests:
 *   entities  ROOT ─┬─ A ── A1      B (separate tree)
 *   locations X (duty station, KE) ── X1 (premises);  Y (duty station, CH)
 *   people    pA (entity A, at X), pA1 (A1, at Y), pB (B, at Y), pBX (B, at X)
 *   teams     tX (at X, no entity), tA (entity A)
 */
export interface Fixture {
  ids: {
    root: string; a: string; a1: string; b: string;
    x: string; x1: string; y: string;
    pA: string; pA1: string; pB: string; pBX: string;
    tX: string; tA: string;
  };
}

export async function seedFixture(database: Db): Promise<Fixture> {
  const now = nowIso();
  const ids = {
    root: newId(), a: newId(), a1: newId(), b: newId(), x: newId(), x1: newId(), y: newId(),
    pA: newId(), pA1: newId(), pB: newId(), pBX: newId(), tX: newId(), tA: newId(),
  };
  const db = database.db;
  const entity = (id: string, code: string, parent: string | null, path: string) =>
    ({ id, code, name: `Entity ${code}`, kind: 'department', parent_id: parent, path, created_at: now, updated_at: now });
  await db.insertInto('entities').values([
    entity(ids.root, 'ROOT', null, `/${ids.root}/`),
    entity(ids.a, 'A', ids.root, `/${ids.root}/${ids.a}/`),
    entity(ids.a1, 'A1', ids.a, `/${ids.root}/${ids.a}/${ids.a1}/`),
    entity(ids.b, 'B', null, `/${ids.b}/`),
  ]).execute();
  const loc = (id: string, ext: string, kind: string, parent: string | null, country: string, name: string, tz: string) =>
    ({ id, external_id: ext, kind, name, parent_id: parent, country_code: country, city: name, address: null, latitude: 1, longitude: 2, time_zone: tz, search_text: searchText(name, ext), created_at: now, updated_at: now });
  await db.insertInto('locations').values([
    loc(ids.x, 'X', 'duty_station', null, 'KE', 'Xville', 'Africa/Nairobi'),
    loc(ids.x1, 'X1', 'premises', ids.x, 'KE', 'Xville compound', 'Africa/Nairobi'),
    loc(ids.y, 'Y', 'duty_station', null, 'CH', 'Yburg', 'Europe/Zurich'),
  ]).execute();
  const person = (id: string, ext: string, given: string, entityId: string, loc: string) =>
    ({ id, external_id: ext, kind: 'staff', given_name: given, family_name: 'Tester', entity_id: entityId, home_location_id: loc, sponsor_id: null, job_title: null, language: 'en', status: 'active', search_text: searchText(given, 'Tester', ext), created_at: now, updated_at: now });
  await db.insertInto('people').values([
    person(ids.pA, 'PA', 'Alice', ids.a, ids.x),
    person(ids.pA1, 'PA1', 'Anna', ids.a1, ids.y),
    person(ids.pB, 'PB', 'Bob', ids.b, ids.y),
    person(ids.pBX, 'PBX', 'Bea', ids.b, ids.x),
  ]).execute();
  await db.insertInto('teams').values([
    { id: ids.tX, name: 'Xville CMT', kind: 'crisis_management_team', entity_id: null, location_id: ids.x, terms_of_reference: 'ToR', created_at: now, updated_at: now },
    { id: ids.tA, name: 'A BC team', kind: 'bc_team', entity_id: ids.a, location_id: null, terms_of_reference: '', created_at: now, updated_at: now },
  ]).execute();
  await db.insertInto('team_members').values({ id: newId(), team_id: ids.tX, person_id: ids.pA, role: 'Chair' }).execute();
  return { ids };
}

export async function createUser(database: Db, email: string, grants: GrantInput[], personId: string | null = null) {
  return insertUser(database.db, { email, displayName: email, password: PASSWORD, personId, grants }, SYSTEM_ACTOR);
}

export interface TestServer { app: FastifyInstance; database: Db; fixture: Fixture; close(): Promise<void> }

export async function startTestServer(opts: { loginRateLimit?: number } = {}): Promise<TestServer> {
  const database = await freshDatabase();
  const fixture = await seedFixture(database);
  const app = await buildApp({ database, loginRateLimit: opts.loginRateLimit ?? 10_000 });
  await app.ready();
  return { app, database, fixture, close: async () => { await app.close(); await database.close(); } };
}

/** A signed-in client: sends the session cookie and the CSRF header like the web app does. */
export interface Client {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  cookie: string;
  csrf: string;
}

export async function login(app: FastifyInstance, email: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === 'orms_session')!;
  const cookie = `orms_session=${c.value}`;
  const csrf = res.json().csrfToken as string;
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method, url, headers: { cookie, 'x-csrf-token': csrf, ...headers },
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
    });
  return {
    cookie, csrf,
    get: (url) => send('GET', url),
    post: (url, body, headers) => send('POST', url, body, headers),
    patch: (url, body) => send('PATCH', url, body),
    put: (url, body) => send('PUT', url, body),
    delete: (url) => send('DELETE', url),
  };
}

/** Counts rows of every table but the audit log, to prove a rejected request wrote nothing. */
export async function snapshotCounts(database: Db): Promise<Record<string, number>> {
  const tables = ['entities', 'locations', 'people', 'contact_points', 'teams', 'team_members', 'users', 'role_grants', 'api_tokens'] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await database.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
