import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, snapshotCounts, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';

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
const create = async (code: string, parentId: string | null = null, kind = 'department') => {
  const res = await admin.post('/api/v1/entities', { code, name: `Entity ${code}`, kind, parentId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};

describe('entities CRUD and hierarchy', () => {
  it('creates, reads, updates and deletes an entity', async () => {
    const res = await admin.post('/api/v1/entities', { code: 'OCHA', name: 'Office for the Coordination of Humanitarian Affairs', kind: 'office', parentId: ids.root });
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({ code: 'OCHA', kind: 'office', parentId: ids.root });
    expect((await admin.get(`/api/v1/entities/${e.id}`)).json()).toEqual(e);
    const upd = await admin.patch(`/api/v1/entities/${e.id}`, { name: 'OCHA', code: 'OCHA-HQ' });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ name: 'OCHA', code: 'OCHA-HQ', parentId: ids.root });
    expect((await admin.delete(`/api/v1/entities/${e.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/entities/${e.id}`)).statusCode).toBe(404);
  });

  it('refuses to move an entity under itself or its own descendant, and writes nothing', async () => {
    const top = await create('TOP');
    const mid = await create('MID', top);
    const leaf = await create('LEAF', mid);
    const before = await everything();
    for (const parentId of [top, mid, leaf]) {
      const res = await admin.patch(`/api/v1/entities/${top}`, { parentId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ parentId: expect.stringMatching(/cycle/) });
    }
    expect(await everything()).toEqual(before);
    expect((await admin.get(`/api/v1/entities/${top}`)).json().parentId).toBeNull();
  });

  it('moving an entity carries its whole subtree: grants on the new parent then cover it', async () => {
    const newHome = await create('NEWHOME');
    const branch = await create('BRANCH', ids.b);
    const twig = await create('TWIG', branch);
    const person = await admin.post('/api/v1/people', { kind: 'staff', givenName: 'Twiggy', familyName: 'Deep', entityId: twig });
    expect(person.statusCode).toBe(201);
    await createUser(s.database, 'home-admin@t.org', [{ role: 'entity_admin', scopeType: 'entity', scopeId: newHome }]);
    const homeAdmin = await login(s.app, 'home-admin@t.org');
    expect((await homeAdmin.get(`/api/v1/people/${person.json().id}`)).statusCode).toBe(404);

    const moved = await admin.patch(`/api/v1/entities/${branch}`, { parentId: newHome });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().parentId).toBe(newHome);
    // A fresh sign-in computes the grant's subtree anew: the grandchild's person is now in scope.
    const again = await login(s.app, 'home-admin@t.org');
    expect((await again.get(`/api/v1/people/${person.json().id}`)).statusCode).toBe(200);
    expect((await again.get('/api/v1/people')).json().items.map((p: { givenName: string }) => p.givenName)).toEqual(['Twiggy']);
    // ...and the move is not a way around the cycle rule afterwards.
    expect((await admin.patch(`/api/v1/entities/${newHome}`, { parentId: twig })).statusCode).toBe(400);
  });

  it('refuses to delete an entity that has sub-entities, people or teams', async () => {
    const before = await everything();
    for (const id of [ids.a, ids.a1, ids.b]) {
      const res = await admin.delete(`/api/v1/entities/${id}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('conflict');
    }
    expect(await everything()).toEqual(before);
  });

  it('an entity code clash is 409 naming code, on create and on update', async () => {
    const before = await everything();
    const dup = await admin.post('/api/v1/entities', { code: 'A1', name: 'Another A1', kind: 'office' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'conflict', fields: { code: expect.any(String) } });
    const rename = await admin.patch(`/api/v1/entities/${ids.b}`, { code: 'A' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.fields).toHaveProperty('code');
    expect(await everything()).toEqual(before);
    // Keeping one's own code is not a clash.
    expect((await admin.patch(`/api/v1/entities/${ids.b}`, { code: 'B', name: 'Entity B' })).statusCode).toBe(200);
  });

  it('refuses bad input, naming the field', async () => {
    const before = await everything();
    for (const [body, field] of [
      [{ code: 'has space', name: 'X', kind: 'office' }, 'code'],
      [{ code: 'OK', name: '', kind: 'office' }, 'name'],
      [{ code: 'OK', name: 'X', kind: 'club' }, 'kind'],
      [{ code: 'OK', name: 'X', kind: 'office', parentId: '0190a0a0-0000-7000-8000-000000000000' }, 'parentId'],
      [{ code: 'OK', name: 'X', kind: 'office', parentId: 'root' }, 'parentId'],
      [{ code: 'OK', name: 'X', kind: 'office', budget: 1 }, 'budget'],
    ] as const) {
      const res = await admin.post('/api/v1/entities', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields).toHaveProperty([field]);
    }
    expect((await admin.patch(`/api/v1/entities/${ids.a}`, { parentId: '0190a0a0-0000-7000-8000-000000000000' })).json().error.fields).toHaveProperty('parentId');
    expect(await everything()).toEqual(before);
  });

  it('lists with filters, search, sorting and paging', async () => {
    const children = (await admin.get(`/api/v1/entities?parentId=${ids.root}`)).json().items.map((e: { code: string }) => e.code);
    expect(children).toEqual(['A']);
    const offices = (await admin.get('/api/v1/entities?kind=office&pageSize=500')).json().items.map((e: { code: string }) => e.code);
    expect(offices).toEqual([]);
    const search = (await admin.get('/api/v1/entities?q=entity a')).json().items.map((e: { code: string }) => e.code);
    expect(search).toEqual(['A', 'A1']);
    const byCode = await admin.get('/api/v1/entities?sort=-code&pageSize=2');
    expect(byCode.json().items.map((e: { code: string }) => e.code)).toEqual(['TWIG', 'TOP']);
    expect(byCode.json().total).toBe((await admin.get('/api/v1/entities?pageSize=500')).json().items.length);
  });
});

describe('countries (ISO reference data, read-only)', () => {
  it('lists every ISO 3166 country with names in the six UN languages', async () => {
    const res = await admin.get('/api/v1/countries?pageSize=500');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBeGreaterThanOrEqual(249);
    const ke = res.json().items.find((c: { code: string }) => c.code === 'KE');
    expect(ke).toEqual({ code: 'KE', alpha3: 'KEN', names: { en: 'Kenya', fr: 'Kenya', es: 'Kenia', ru: 'Кения', zh: '肯尼亚', ar: 'كينيا' } });
    for (const c of res.json().items) for (const lang of ['en', 'fr', 'es', 'ru', 'zh', 'ar']) expect(c.names[lang], `${c.code} ${lang}`).toBeTruthy();
  });

  it('reads one country, searches in any language, sorts and pages', async () => {
    expect((await admin.get('/api/v1/countries/CH')).json()).toMatchObject({ code: 'CH', alpha3: 'CHE', names: { fr: 'Suisse' } });
    expect((await admin.get('/api/v1/countries?q=suisse')).json().items.map((c: { code: string }) => c.code)).toEqual(['CH']);
    // Case-insensitive beyond ASCII, on both databases.
    for (const q of ['Кения', 'кения', 'КЕНИЯ']) {
      expect((await admin.get(`/api/v1/countries?q=${encodeURIComponent(q)}`)).json().items.map((c: { code: string }) => c.code), q).toEqual(['KE']);
    }
    expect((await admin.get('/api/v1/countries?q=ke')).json().items.map((c: { code: string }) => c.code)).toContain('KE');
    expect((await admin.get('/api/v1/countries?sort=code&pageSize=2')).json().items.map((c: { code: string }) => c.code)).toEqual(['AD', 'AE']);
    expect((await admin.get('/api/v1/countries?sort=-code&pageSize=1')).json().items.map((c: { code: string }) => c.code)).toEqual(['ZW']);
    expect((await admin.get('/api/v1/countries?sort=code&pageSize=2&page=2')).json().items.map((c: { code: string }) => c.code)).toEqual(['AF', 'AG']);
  });

  it('unknown codes are 404, malformed codes 400, and there is no way to change countries', async () => {
    expect((await admin.get('/api/v1/countries/ZZ')).statusCode).toBe(404);
    const bad = await admin.get('/api/v1/countries/kenya');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty(['params.code']);
    const before = await everything();
    for (const res of [
      await admin.post('/api/v1/countries', { code: 'XK', alpha3: 'XKX' }),
      await admin.patch('/api/v1/countries/KE', { names: { en: 'Renamed' } }),
      await admin.put('/api/v1/countries/KE', { names: { en: 'Renamed' } }),
      await admin.delete('/api/v1/countries/KE'),
    ]) expect([404, 405]).toContain(res.statusCode);
    expect(await everything()).toEqual(before);
    expect((await admin.get('/api/v1/countries/KE')).json().names.en).toBe('Kenya');
  });
});

describe('entity codes', () => {
  it('are unique regardless of case, since imports match them case-insensitively', async () => {
    const before = await everything();
    const res = await admin.post('/api/v1/entities', { code: 'a1', name: 'Lower-case A1', kind: 'office' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toHaveProperty('code');
    expect((await admin.patch(`/api/v1/entities/${ids.b}`, { code: 'root' })).statusCode).toBe(409);
    expect(await everything()).toEqual(before);
    // Changing the case of one's own code is fine.
    expect((await admin.patch(`/api/v1/entities/${ids.b}`, { code: 'b' })).json().code).toBe('b');
    await admin.patch(`/api/v1/entities/${ids.b}`, { code: 'B' });
  });
});

describe('grants keep their scope', () => {
  it('refuses to delete an entity or duty station that a role is granted on', async () => {
    const id = await create('GRANTED');
    await createUser(s.database, 'granted@t.org', [{ role: 'viewer', scopeType: 'entity', scopeId: id }]);
    const res = await admin.delete(`/api/v1/entities/${id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/granted/);
    const station = (await admin.post('/api/v1/locations', { kind: 'duty_station', name: 'Granted town', countryCode: 'KE', timeZone: 'Africa/Nairobi' })).json();
    await createUser(s.database, 'granted-loc@t.org', [{ role: 'viewer', scopeType: 'location', scopeId: station.id }]);
    expect((await admin.delete(`/api/v1/locations/${station.id}`)).statusCode).toBe(409);
    expect((await admin.get(`/api/v1/entities/${id}`)).statusCode).toBe(200);
  });
});
