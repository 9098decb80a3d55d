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

describe('people CRUD', () => {
  let id: string;

  it('creates a person with contacts in order of preference, normalized', async () => {
    const res = await admin.post('/api/v1/people', {
      externalId: 'EMP-100', kind: 'staff', givenName: ' Wanjiru ', familyName: 'Kamau', entityId: ids.a, homeLocationId: ids.x,
      jobTitle: 'Security officer', language: 'sw',
      contacts: [
        { kind: 'mobile', value: '+254 (700) 123-456', label: 'work' },
        { kind: 'email', value: 'W.Kamau@Example.ORG' },
        { kind: 'satellite', value: '+870 776 123 456' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const p = res.json();
    id = p.id;
    expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(p).toMatchObject({
      externalId: 'EMP-100', kind: 'staff', givenName: 'Wanjiru', familyName: 'Kamau', entityId: ids.a, homeLocationId: ids.x,
      sponsorId: null, jobTitle: 'Security officer', language: 'sw', status: 'active',
      contacts: [
        { kind: 'mobile', value: '+254700123456', label: 'work' },
        { kind: 'email', value: 'w.kamau@example.org', label: null },
        { kind: 'satellite', value: '+870776123456', label: null },
      ],
    });
    expect((await admin.get(`/api/v1/people/${id}`)).json()).toEqual(p);
  });

  it('updates fields and replaces contacts only when given', async () => {
    const res = await admin.patch(`/api/v1/people/${id}`, { jobTitle: 'Chief security officer', status: 'inactive', language: 'fr' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ jobTitle: 'Chief security officer', status: 'inactive', language: 'fr', givenName: 'Wanjiru' });
    expect(res.json().contacts).toHaveLength(3);
    const replaced = await admin.patch(`/api/v1/people/${id}`, { contacts: [{ kind: 'email', value: 'wk@t.org' }] });
    expect(replaced.json().contacts).toEqual([{ kind: 'email', value: 'wk@t.org', label: null }]);
    const cleared = await admin.patch(`/api/v1/people/${id}`, { jobTitle: null, contacts: [] });
    expect(cleared.json()).toMatchObject({ jobTitle: null, contacts: [] });
    // The email is searchable only while the person has it.
    expect((await admin.get('/api/v1/people?q=wk@t.org')).json().total).toBe(0);
  });

  it('a dependant needs a staff sponsor; a sponsor with dependants cannot be deleted', async () => {
    const child = await admin.post('/api/v1/people', { kind: 'dependant', givenName: 'Amani', familyName: 'Kamau', sponsorId: id, homeLocationId: ids.x });
    expect(child.statusCode).toBe(201);
    expect(child.json().sponsorId).toBe(id);
    const before = await everything();
    const del = await admin.delete(`/api/v1/people/${id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('conflict');
    expect(await everything()).toEqual(before);
    expect((await admin.delete(`/api/v1/people/${child.json().id}`)).statusCode).toBe(204);
  });

  it('deletes a person; then it is 404', async () => {
    expect((await admin.delete(`/api/v1/people/${id}`)).statusCode).toBe(204);
    const res = await admin.get(`/api/v1/people/${id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'not_found', message: 'Person not found' });
    expect((await admin.delete(`/api/v1/people/${id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/people/${id}`, { jobTitle: 'x' })).statusCode).toBe(404);
    expect(await s.database.db.selectFrom('contact_points').select('id').where('person_id', '=', id).execute()).toEqual([]);
  });
});

describe('people lists', () => {
  const made: string[] = [];
  beforeAll(async () => {
    // 12 people of entity B at Y, family names L01..L12, alternating kinds and statuses.
    for (let i = 1; i <= 12; i++) {
      const n = String(i).padStart(2, '0');
      const res = await admin.post('/api/v1/people', {
        externalId: `LIST-${n}`, kind: i % 3 === 0 ? 'non_staff' : 'staff', givenName: `Given${n}`, familyName: `L${n}`,
        entityId: ids.b, homeLocationId: ids.y, status: i % 4 === 0 ? 'separated' : 'active',
        contacts: i === 7 ? [{ kind: 'email', value: 'seven_100%@mail.example.org' }] : [],
      });
      expect(res.statusCode).toBe(201);
      made.push(res.json().id);
    }
  });

  const names = (res: { json(): { items: { familyName: string }[] } }) => res.json().items.map((p) => p.familyName);

  it('pages through a filtered list with a total', async () => {
    const p1 = await admin.get(`/api/v1/people?entityId=${ids.b}&q=given&pageSize=5&page=1`);
    expect(p1.statusCode).toBe(200);
    expect(p1.json()).toMatchObject({ total: 12, page: 1, pageSize: 5 });
    expect(names(p1)).toEqual(['L01', 'L02', 'L03', 'L04', 'L05']);
    const p3 = await admin.get(`/api/v1/people?entityId=${ids.b}&q=given&pageSize=5&page=3`);
    expect(p3.json()).toMatchObject({ total: 12, page: 3 });
    expect(names(p3)).toEqual(['L11', 'L12']);
    const beyond = await admin.get(`/api/v1/people?entityId=${ids.b}&q=given&pageSize=5&page=4`);
    expect(beyond.json()).toMatchObject({ items: [], total: 12 });
  });

  it('sorts by name either way and by last change', async () => {
    expect(names(await admin.get('/api/v1/people?q=given&sort=-name&pageSize=3'))).toEqual(['L12', 'L11', 'L10']);
    await admin.patch(`/api/v1/people/${made[4]}`, { jobTitle: 'Touched' });
    expect(names(await admin.get('/api/v1/people?q=given&sort=-updatedAt&pageSize=1'))).toEqual(['L05']);
    // Ties on the family name break on the given name.
    const all = (await admin.get('/api/v1/people?sort=name&pageSize=500')).json().items.filter((p: { familyName: string }) => p.familyName === 'Tester');
    expect(all.map((p: { givenName: string }) => p.givenName)).toEqual(['Alice', 'Anna', 'Bea', 'Bob']);
  });

  it('filters by kind, status, entity and duty station', async () => {
    expect(names(await admin.get('/api/v1/people?kind=non_staff&q=given'))).toEqual(['L03', 'L06', 'L09', 'L12']);
    expect(names(await admin.get('/api/v1/people?status=separated'))).toEqual(['L04', 'L08', 'L12']);
    const atX = (await admin.get(`/api/v1/people?locationId=${ids.x}`)).json().items.map((p: { givenName: string }) => p.givenName);
    expect(atX.sort()).toEqual(['Alice', 'Bea']);
    const ofA1 = (await admin.get(`/api/v1/people?entityId=${ids.a1}`)).json().items.map((p: { givenName: string }) => p.givenName);
    expect(ofA1).toEqual(['Anna']);
  });

  it('searches names, external IDs and emails, case-insensitively, with wildcards taken literally', async () => {
    expect(names(await admin.get('/api/v1/people?q=GIVEN07'))).toEqual(['L07']);
    expect(names(await admin.get('/api/v1/people?q=list-11'))).toEqual(['L11']);
    expect(names(await admin.get('/api/v1/people?q=seven_100%25@mail'))).toEqual(['L07']);
    expect((await admin.get('/api/v1/people?q=%25')).json().items.map((p: { familyName: string }) => p.familyName)).toEqual(['L07']);
    expect((await admin.get('/api/v1/people?q=_')).json().total).toBe(1);
    expect((await admin.get('/api/v1/people?q=nobody-has-this')).json()).toMatchObject({ items: [], total: 0 });
  });

  it('rejects bad list parameters, naming them', async () => {
    for (const [query, field] of [
      ['sort=salary', 'querystring.sort'], ['pageSize=501', 'querystring.pageSize'], ['page=0', 'querystring.page'],
      ['kind=robot', 'querystring.kind'], ['entityId=42', 'querystring.entityId'], ['colour=red', 'querystring.colour'],
    ] as const) {
      const res = await admin.get(`/api/v1/people?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(Object.keys(res.json().error.fields), query).toEqual([field]);
    }
  });
});

describe('people: bad input is refused, names the field and writes nothing', () => {
  const valid = () => ({ kind: 'staff', givenName: 'Valid', familyName: 'Person', entityId: ids.a, homeLocationId: ids.x });
  const cases: [string, () => Record<string, unknown>, string, RegExp?][] = [
    ['invalid email', () => ({ ...valid(), contacts: [{ kind: 'email', value: 'not-an-email' }] }), 'contacts.0.value', /email/],
    ['invalid phone', () => ({ ...valid(), contacts: [{ kind: 'email', value: 'ok@t.org' }, { kind: 'mobile', value: '0700 123 456' }] }), 'contacts.1.value', /international/],
    ['invalid satellite phone', () => ({ ...valid(), contacts: [{ kind: 'satellite', value: 'sat-phone' }] }), 'contacts.0.value'],
    ['unknown contact kind', () => ({ ...valid(), contacts: [{ kind: 'pager', value: '123' }] }), 'contacts.0.kind'],
    ['dependant without sponsor', () => ({ ...valid(), kind: 'dependant' }), 'sponsorId', /staff member/],
    ['sponsor on a staff member', () => ({ ...valid(), sponsorId: ids.pB }), 'sponsorId'],
    ['sponsor that does not exist', () => ({ ...valid(), kind: 'dependant', sponsorId: '0190a0a0-0000-7000-8000-000000000000' }), 'sponsorId', /No such person/],
    ['unknown entity', () => ({ ...valid(), entityId: '0190a0a0-0000-7000-8000-000000000000' }), 'entityId'],
    ['premises as home duty station', () => ({ ...valid(), homeLocationId: ids.x1 }), 'homeLocationId', /duty station/],
    ['duplicate external ID', () => ({ ...valid(), externalId: 'PA' }), 'externalId', /Already used/],
    ['bad external ID characters', () => ({ ...valid(), externalId: 'has space' }), 'externalId'],
    ['wrong type', () => ({ ...valid(), givenName: 42 }), 'givenName'],
    ['empty name', () => ({ ...valid(), familyName: '   ' }), 'familyName'],
    ['unknown field', () => ({ ...valid(), salary: 100 }), 'salary', /Unknown field/],
    ['bad language', () => ({ ...valid(), language: 'English' }), 'language'],
    ['bad status', () => ({ ...valid(), status: 'retired' }), 'status'],
    ['entity ID not a UUID', () => ({ ...valid(), entityId: 'A' }), 'entityId', /UUID/],
  ];

  it.each(cases)('%s', async (_name, body, field, message) => {
    const before = await everything();
    const res = await admin.post('/api/v1/people', body());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(res.json().error.fields).toHaveProperty([field]);
    if (message) expect(res.json().error.fields[field]).toMatch(message);
    expect(await everything()).toEqual(before);
  });

  it('the same rules hold for updates', async () => {
    const before = await everything();
    for (const [patch, field] of [
      [{ externalId: 'PB' }, 'externalId'], [{ kind: 'dependant' }, 'sponsorId'], [{ contacts: [{ kind: 'mobile', value: '12' }] }, 'contacts.0.value'],
      [{ homeLocationId: ids.x1 }, 'homeLocationId'], [{ id: ids.pB }, 'id'],
    ] as const) {
      const res = await admin.patch(`/api/v1/people/${ids.pA}`, patch);
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().error.fields).toHaveProperty([field]);
    }
    expect(await everything()).toEqual(before);
    expect((await admin.get(`/api/v1/people/${ids.pA}`)).json()).toMatchObject({ externalId: 'PA', kind: 'staff', homeLocationId: ids.x });
  });

  it('a person cannot sponsor themselves', async () => {
    const res = await admin.patch(`/api/v1/people/${ids.pA}`, { kind: 'dependant', sponsorId: ids.pA });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.sponsorId).toMatch(/themselves/);
  });
});

describe('sponsorship stays consistent', () => {
  it('a person who sponsors dependants cannot become a dependant', async () => {
    const sponsor = (await admin.post('/api/v1/people', { kind: 'staff', givenName: 'Spon', familyName: 'Sor', entityId: ids.b })).json();
    const child = await admin.post('/api/v1/people', { kind: 'dependant', givenName: 'Depen', familyName: 'Dant', sponsorId: sponsor.id });
    expect(child.statusCode).toBe(201);
    const before = await everything();
    const res = await admin.patch(`/api/v1/people/${sponsor.id}`, { kind: 'dependant', sponsorId: ids.pB });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('kind');
    expect(await everything()).toEqual(before);
    // A dependant cannot be made the sponsor of another either.
    const chained = await admin.post('/api/v1/people', { kind: 'dependant', givenName: 'Grand', familyName: 'Child', sponsorId: child.json().id });
    expect(chained.statusCode).toBe(400);
    expect(chained.json().error.fields.sponsorId).toMatch(/cannot be a dependant/);
  });
});
