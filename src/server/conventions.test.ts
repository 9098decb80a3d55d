import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, snapshotCounts, startTestServer, type Client, type TestServer } from '../../test/helpers.js';
import { connect } from '../db/connect.js';
import { buildApp } from './app.js';

let s: TestServer;
let admin: Client;
let ids: TestServer['fixture']['ids'];

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await createUser(s.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }]);
  admin = await login(s.app, 'admin@t.org');
});
afterAll(async () => s.close());

const auditCount = async () => Number((await s.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const everything = async () => ({ ...(await snapshotCounts(s.database)), audit: await auditCount() });
const raw = (method: 'POST' | 'PATCH', url: string, payload: string | Buffer, contentType = 'application/json') =>
  s.app.inject({ method, url, payload, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': contentType } });

/** Every error body has the same shape. */
function expectError(res: { statusCode: number; json(): any }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatchObject({ code, message: expect.any(String) });
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error as { code: string; message: string; fields?: Record<string, string> };
}

describe('system routes', () => {
  it('GET /api/health needs no sign-in and reports the dialect and migration state', async () => {
    const res = await s.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'ok', database: { dialect: s.database.dialect, pending: [] } });
    expect(body.database.applied).toEqual(expect.arrayContaining(['001_core', '002_countries', '003_trigram_search']));
    expect(body.database.applied).toEqual([...body.database.applied].sort());
  });

  it('GET /api/health reports 503 and the pending migrations on a database that is not migrated', async () => {
    const bare = connect({ dataDir: ':memory:' });
    const app = await buildApp({ database: bare });
    try {
      const res = await app.inject('/api/health');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'migrations_pending', database: { dialect: 'sqlite', applied: [] } });
      expect(res.json().database.pending).toEqual(expect.arrayContaining(['001_core', '002_countries']));
    } finally {
      await app.close();
      await bare.close();
    }
  });

  it('/api/openapi.json is an OpenAPI 3 document of the /api/v1 routes', async () => {
    const res = await s.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('ORMS API');
    for (const [path, methods] of Object.entries({
      '/api/v1/auth/login': ['post'], '/api/v1/auth/tokens': ['get', 'post'], '/api/v1/users': ['get', 'post'],
      '/api/v1/entities': ['get', 'post'], '/api/v1/entities/{id}': ['get', 'patch', 'delete'],
      '/api/v1/countries': ['get'], '/api/v1/countries/{code}': ['get'],
      '/api/v1/locations': ['get', 'post'], '/api/v1/locations/{id}': ['get', 'patch', 'delete'],
      '/api/v1/people': ['get', 'post'], '/api/v1/people/{id}': ['get', 'patch', 'delete'],
      '/api/v1/people/import': ['post'], '/api/v1/people/export.csv': ['get'], '/api/v1/locations/import': ['post'], '/api/v1/locations/export.csv': ['get'],
      '/api/v1/teams': ['get', 'post'], '/api/v1/teams/{id}': ['get', 'patch', 'delete'],
      '/api/v1/teams/{id}/members': ['post'], '/api/v1/teams/{id}/members/{personId}': ['patch', 'delete'],
      '/api/v1/audit': ['get'],
    })) {
      expect(doc.paths, path).toHaveProperty([path]);
      expect(Object.keys(doc.paths[path]).sort(), path).toEqual(expect.arrayContaining(methods));
    }
    expect(Object.keys(doc.paths['/api/v1/audit'])).toEqual(['get']);
    expect(doc.paths).not.toHaveProperty(['/api/openapi.json']);
    // Request schemas come from the zod schemas: fields, enums and the strictness are documented.
    const personBody = doc.paths['/api/v1/people'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(personBody.properties)).toEqual(expect.arrayContaining(['givenName', 'familyName', 'kind', 'contacts', 'sponsorId']));
    expect(personBody.properties.kind.enum).toEqual(['staff', 'non_staff', 'dependant']);
    expect(personBody.additionalProperties).toBe(false);
    expect(doc.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' } });
  });

  it('/api/docs serves the API documentation as HTML', async () => {
    let res = await s.app.inject('/api/docs');
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
      res = await s.app.inject(new URL(res.headers.location as string, 'http://localhost/api/docs').pathname);
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/<html/i);
    expect(res.body).toMatch(/swagger/i);
  });

  it('an unknown API route is a JSON 404', async () => {
    const res = await admin.get('/api/v1/no-such-thing');
    expectError(res, 404, 'not_found');
  });
});

describe('status codes and error bodies', () => {
  it('401 unauthenticated, 403 forbidden, 404 not_found, 409 conflict, 400 invalid_input with fields', async () => {
    expectError(await s.app.inject('/api/v1/people'), 401, 'unauthenticated');
    await createUser(s.database, 'viewer@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
    const viewer = await login(s.app, 'viewer@t.org');
    expectError(await viewer.post('/api/v1/entities', { code: 'V', name: 'V', kind: 'office' }), 403, 'forbidden');
    expectError(await admin.get('/api/v1/teams/0190a0a0-0000-7000-8000-000000000000'), 404, 'not_found');
    const clash = expectError(await admin.post('/api/v1/entities', { code: 'ROOT', name: 'Again', kind: 'office' }), 409, 'conflict');
    expect(clash.fields).toEqual({ code: 'Already in use' });
    const bad = expectError(await admin.post('/api/v1/entities', { code: 'OK', kind: 'office' }), 400, 'invalid_input');
    expect(bad.fields).toHaveProperty('name');
    expect(bad.message).toMatch(/name/);
  });
});

describe('bad input: a clear 4xx naming the problem, and the database unchanged', () => {
  let before: Awaited<ReturnType<typeof everything>>;
  beforeAll(async () => { before = await everything(); });

  it('malformed JSON is 400', async () => {
    for (const payload of ['{"givenName": "Half', '{givenName: "no quotes"}', 'null,', '']) {
      const res = await raw('POST', '/api/v1/people', payload);
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    expect(await everything()).toEqual(before);
  });

  it('a body that is not an object is 400', async () => {
    for (const payload of ['[]', '"text"', '42', 'null']) {
      const res = await raw('POST', '/api/v1/teams', payload);
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    expect(await everything()).toEqual(before);
  });

  it('an unsupported content type is 415', async () => {
    const res = await raw('POST', '/api/v1/teams', 'name=Team&kind=other', 'application/x-www-form-urlencoded');
    expectError(res, 415, 'unsupported_media_type');
    expect(await everything()).toEqual(before);
  });

  it('wrong types name each field', async () => {
    const res = await admin.post('/api/v1/locations', { kind: 'duty_station', name: ['list'], countryCode: 254, latitude: 'north', longitude: true, timeZone: null });
    const err = expectError(res, 400, 'invalid_input');
    expect(Object.keys(err.fields!).sort()).toEqual(['countryCode', 'latitude', 'longitude', 'name', 'timeZone']);
    expect(await everything()).toEqual(before);
  });

  it('unknown fields are refused by name, at any depth, on create and update', async () => {
    const create = expectError(await admin.post('/api/v1/teams', { name: 'T', kind: 'other', locationId: ids.x, colour: 'red', size: 3 }), 400, 'invalid_input');
    expect(create.fields).toEqual({ colour: 'Unknown field', size: 'Unknown field' });
    const nested = expectError(await admin.patch(`/api/v1/people/${ids.pA}`, { contacts: [{ kind: 'email', value: 'a@t.org', verified: true }] }), 400, 'invalid_input');
    expect(nested.fields).toEqual({ 'contacts.0.verified': 'Unknown field' });
    const update = expectError(await admin.patch(`/api/v1/entities/${ids.a}`, { path: '/hack/' }), 400, 'invalid_input');
    expect(update.fields).toEqual({ path: 'Unknown field' });
    expect(await everything()).toEqual(before);
  });

  it('a JSON body over 1 MiB is 413', async () => {
    const big = JSON.stringify({ name: 'Big', kind: 'other', locationId: ids.x, termsOfReference: 'x'.repeat(1024 * 1024 + 10) });
    const res = await raw('POST', '/api/v1/teams', big);
    expectError(res, 413, 'payload_too_large');
    expect(await everything()).toEqual(before);
  });

  it('an ID in the path that is not a UUID is 400 naming it; a well-formed unknown ID is 404', async () => {
    const missing = '0190a0a0-0000-7000-8000-000000000000';
    for (const resource of ['entities', 'locations', 'people', 'teams']) {
      for (const [method, send] of [['GET', () => admin.get(`/api/v1/${resource}/not-a-uuid`)], ['PATCH', () => admin.patch(`/api/v1/${resource}/not-a-uuid`, { name: 'x' })], ['DELETE', () => admin.delete(`/api/v1/${resource}/123`)]] as const) {
        const err = expectError(await send(), 400, 'invalid_input');
        expect(err.fields, `${method} ${resource}`).toEqual({ 'params.id': 'Must be a UUID' });
      }
      expectError(await admin.get(`/api/v1/${resource}/${missing}`), 404, 'not_found');
      expectError(await admin.delete(`/api/v1/${resource}/${missing}`), 404, 'not_found');
    }
    expectError(await admin.patch(`/api/v1/entities/${missing}`, { name: 'x' }), 404, 'not_found');
    expectError(await admin.patch(`/api/v1/locations/${missing}`, { name: 'x' }), 404, 'not_found');
    expectError(await admin.patch(`/api/v1/people/${missing}`, { givenName: 'x' }), 404, 'not_found');
    expectError(await admin.patch(`/api/v1/teams/${missing}`, { name: 'x' }), 404, 'not_found');
    expectError(await admin.post(`/api/v1/teams/${missing}/members`, { personId: ids.pA, role: 'x' }), 404, 'not_found');
    const member = expectError(await admin.delete(`/api/v1/teams/${ids.tX}/members/nobody`), 400, 'invalid_input');
    expect(member.fields).toHaveProperty(['params.personId']);
    expect(await everything()).toEqual(before);
  });

  it('a duplicate external ID is refused naming externalId', async () => {
    const person = expectError(await admin.post('/api/v1/people', { externalId: 'PB', kind: 'staff', givenName: 'Dup', familyName: 'Licate' }), 400, 'invalid_input');
    expect(person.fields).toHaveProperty('externalId');
    const location = expectError(await admin.post('/api/v1/locations', { externalId: 'Y', kind: 'duty_station', name: 'Dup', countryCode: 'CH', timeZone: 'Europe/Zurich' }), 400, 'invalid_input');
    expect(location.fields).toHaveProperty('externalId');
    expect(await everything()).toEqual(before);
  });
});
