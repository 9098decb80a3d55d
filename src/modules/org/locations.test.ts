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

describe('locations CRUD', () => {
  let station: string;
  let premises: string;

  it('creates a duty station with coordinates and time zone, and premises under it', async () => {
    const res = await admin.post('/api/v1/locations', {
      externalId: 'BKK', kind: 'duty_station', name: 'Bangkok', countryCode: 'TH', city: 'Bangkok',
      latitude: 13.7563, longitude: 100.5018, timeZone: 'Asia/Bangkok',
    });
    expect(res.statusCode).toBe(201);
    station = res.json().id;
    expect(res.json()).toMatchObject({ externalId: 'BKK', kind: 'duty_station', parentId: null, countryCode: 'TH', latitude: 13.7563, longitude: 100.5018, timeZone: 'Asia/Bangkok', address: null });
    const p = await admin.post('/api/v1/locations', {
      externalId: 'BKK-UNCC', kind: 'premises', name: 'UN Conference Centre', parentId: station, countryCode: 'TH',
      address: 'Rajdamnern Nok Avenue', timeZone: 'Asia/Bangkok',
    });
    expect(p.statusCode).toBe(201);
    premises = p.json().id;
    expect(p.json()).toMatchObject({ kind: 'premises', parentId: station, latitude: null, longitude: null });
    expect((await admin.get(`/api/v1/locations/${premises}`)).json()).toEqual(p.json());
  });

  it('accepts current IANA names such as Europe/Kyiv and Asia/Kolkata', async () => {
    for (const [name, countryCode, timeZone] of [['Kyiv', 'UA', 'Europe/Kyiv'], ['New Delhi', 'IN', 'Asia/Kolkata'], ['Yangon', 'MM', 'Asia/Yangon']]) {
      const res = await admin.post('/api/v1/locations', { kind: 'duty_station', name, countryCode, timeZone });
      expect(res.statusCode, timeZone).toBe(201);
      expect(res.json().timeZone).toBe(timeZone);
      expect((await admin.delete(`/api/v1/locations/${res.json().id}`)).statusCode).toBe(204);
    }
  });

  it('updates a location; premises move between duty stations', async () => {
    const res = await admin.patch(`/api/v1/locations/${premises}`, { name: 'UNCC', latitude: 13.758, longitude: 100.505 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'UNCC', latitude: 13.758, longitude: 100.505, parentId: station });
    const moved = await admin.patch(`/api/v1/locations/${premises}`, { parentId: ids.y });
    expect(moved.json().parentId).toBe(ids.y);
    await admin.patch(`/api/v1/locations/${premises}`, { parentId: station });
  });

  it('a duty station with premises cannot be deleted or become premises', async () => {
    const before = await everything();
    const del = await admin.delete(`/api/v1/locations/${station}`);
    expect(del.statusCode).toBe(409);
    const demote = await admin.patch(`/api/v1/locations/${station}`, { kind: 'premises', parentId: ids.y });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().error.fields).toHaveProperty('kind');
    expect(await everything()).toEqual(before);
  });

  it('a duty station that is someone\'s home cannot become premises', async () => {
    const before = await everything();
    const res = await admin.patch(`/api/v1/locations/${ids.y}`, { kind: 'premises', parentId: ids.x });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('kind');
    expect(await everything()).toEqual(before);
    expect((await admin.get(`/api/v1/locations/${ids.y}`)).json()).toMatchObject({ kind: 'duty_station', parentId: null });
  });

  it('a location where people live cannot be deleted', async () => {
    const res = await admin.delete(`/api/v1/locations/${ids.y}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/people/);
  });

  it('deletes premises, then the empty duty station', async () => {
    expect((await admin.delete(`/api/v1/locations/${premises}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/locations/${station}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/locations/${station}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/locations/${station}`, { name: 'Ghost' })).statusCode).toBe(404);
  });
});

describe('location lists', () => {
  beforeAll(async () => {
    for (const [ext, country, name, tz] of [
      ['L-NBO', 'KE', 'Nairobi', 'Africa/Nairobi'], ['L-MBA', 'KE', 'Mombasa', 'Africa/Nairobi'], ['L-GVA', 'CH', 'Geneva', 'Europe/Zurich'],
      ['L-BRN', 'CH', 'Bern', 'Europe/Zurich'], ['L-NYC', 'US', 'New York', 'America/New_York'],
    ] as const) {
      expect((await admin.post('/api/v1/locations', { externalId: ext, kind: 'duty_station', name, countryCode: country, timeZone: tz })).statusCode).toBe(201);
    }
  });
  const namesOf = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((l) => l.name);

  it('filters by kind, country and parent', async () => {
    expect(namesOf(await admin.get('/api/v1/locations?countryCode=KE&kind=duty_station'))).toEqual(['Mombasa', 'Nairobi', 'Xville']);
    expect(namesOf(await admin.get('/api/v1/locations?kind=premises'))).toEqual(['Xville compound']);
    expect(namesOf(await admin.get(`/api/v1/locations?parentId=${ids.x}`))).toEqual(['Xville compound']);
  });

  it('sorts and pages', async () => {
    const page1 = await admin.get('/api/v1/locations?kind=duty_station&sort=-name&pageSize=3');
    expect(namesOf(page1)).toEqual(['Yburg', 'Xville', 'New York']);
    expect(page1.json().total).toBe(7);
    const page3 = await admin.get('/api/v1/locations?kind=duty_station&sort=-name&pageSize=3&page=3');
    expect(namesOf(page3)).toEqual(['Bern']);
    const byCountry = (await admin.get('/api/v1/locations?kind=duty_station&sort=countryCode')).json().items.map((l: { countryCode: string }) => l.countryCode);
    expect(byCountry).toEqual(['CH', 'CH', 'CH', 'KE', 'KE', 'KE', 'US']);
    const desc = (await admin.get('/api/v1/locations?kind=duty_station&sort=-countryCode&pageSize=1')).json().items;
    expect(desc.map((l: { name: string }) => l.name)).toEqual(['New York']);
  });

  it('searches name, city and external ID', async () => {
    expect(namesOf(await admin.get('/api/v1/locations?q=NAIRO'))).toEqual(['Nairobi']);
    expect(namesOf(await admin.get('/api/v1/locations?q=l-brn'))).toEqual(['Bern']);
    expect(namesOf(await admin.get('/api/v1/locations?q=compound'))).toEqual(['Xville compound']);
  });
});

describe('locations: bad input is refused, names the field and writes nothing', () => {
  const valid = () => ({ kind: 'duty_station', name: 'Valid', countryCode: 'KE', timeZone: 'Africa/Nairobi' });
  const cases: [string, () => Record<string, unknown>, string, RegExp?][] = [
    ['invalid time zone', () => ({ ...valid(), timeZone: 'Africa/Atlantis' }), 'timeZone', /IANA/],
    ['time zone abbreviation', () => ({ ...valid(), timeZone: 'EAT' }), 'timeZone'],
    ['latitude above 90', () => ({ ...valid(), latitude: 90.5, longitude: 10 }), 'latitude'],
    ['latitude below -90', () => ({ ...valid(), latitude: -91, longitude: 10 }), 'latitude'],
    ['longitude out of range', () => ({ ...valid(), latitude: 1, longitude: 180.01 }), 'longitude'],
    ['latitude without longitude', () => ({ ...valid(), latitude: 1 }), 'longitude', /both/],
    ['coordinate as text', () => ({ ...valid(), latitude: '1.5', longitude: 2 }), 'latitude'],
    ['premises without a parent', () => ({ ...valid(), kind: 'premises' }), 'parentId', /duty station/],
    ['duty station with a parent', () => ({ ...valid(), parentId: ids.x }), 'parentId'],
    ['premises under premises', () => ({ ...valid(), kind: 'premises', parentId: ids.x1 }), 'parentId', /duty station/],
    ['parent that does not exist', () => ({ ...valid(), kind: 'premises', parentId: '0190a0a0-0000-7000-8000-000000000000' }), 'parentId', /No such/],
    ['unknown country', () => ({ ...valid(), countryCode: 'ZZ' }), 'countryCode', /Unknown country/],
    ['country not in ISO form', () => ({ ...valid(), countryCode: 'Kenya' }), 'countryCode'],
    ['duplicate external ID', () => ({ ...valid(), externalId: 'X' }), 'externalId', /Already used/],
    ['unknown kind', () => ({ ...valid(), kind: 'campus' }), 'kind'],
    ['unknown field', () => ({ ...valid(), elevation: 1600 }), 'elevation', /Unknown field/],
    ['missing name', () => { const { name: _, ...rest } = valid(); return rest; }, 'name'],
  ];

  it.each(cases)('%s', async (_name, body, field, message) => {
    const before = await everything();
    const res = await admin.post('/api/v1/locations', body());
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(res.json().error.fields).toHaveProperty([field]);
    if (message) expect(res.json().error.fields[field]).toMatch(message);
    expect(await everything()).toEqual(before);
  });

  it('the same rules hold for updates', async () => {
    const before = await everything();
    for (const [patch, field] of [
      [{ timeZone: 'Nowhere/Town' }, 'timeZone'], [{ latitude: 100 }, 'latitude'], [{ externalId: 'Y' }, 'externalId'],
      [{ parentId: null }, 'parentId'], [{ parentId: ids.y, kind: 'duty_station' }, 'parentId'],
    ] as const) {
      const res = await admin.patch(`/api/v1/locations/${ids.x1}`, patch);
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().error.fields).toHaveProperty([field]);
    }
    expect(await everything()).toEqual(before);
    expect((await admin.get(`/api/v1/locations/${ids.x1}`)).json()).toMatchObject({ kind: 'premises', parentId: ids.x, timeZone: 'Africa/Nairobi' });
  });
});

describe('duty stations for maps', () => {
  it('lists every duty station compactly, without premises', async () => {
    const res = await admin.get('/api/v1/locations/duty-stations');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: string; name: string }[];
    expect(list.map((l) => l.id)).toContain(ids.x);
    expect(list.map((l) => l.id)).not.toContain(ids.x1);
    expect(Object.keys(list[0]!).sort()).toEqual(['city', 'countryCode', 'id', 'latitude', 'longitude', 'name', 'timeZone']);
  });
});
