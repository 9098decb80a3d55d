import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, snapshotCounts, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';

let s: TestServer;
let admin: Client;
let ids: TestServer['fixture']['ids'];

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await createUser(s.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'ea-a@t.org', [{ role: 'entity_admin', scopeType: 'entity', scopeId: ids.a }]);
  await createUser(s.database, 'viewer@t.org', [{ role: 'viewer', scopeType: 'org', scopeId: null }]);
  admin = await login(s.app, 'admin@t.org');
});
afterAll(async () => s.close());

const CSV = { 'content-type': 'text/csv' };
const importPeople = (c: Client, text: string, query = '') => c.post(`/api/v1/people/import${query}`, text, CSV);
const importLocations = (c: Client, text: string, query = '') => c.post(`/api/v1/locations/import${query}`, text, CSV);
const auditCount = async () => Number((await s.database.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
/** Row counts plus the audit trail: proof that nothing at all was written. */
const everything = async () => ({ ...(await snapshotCounts(s.database)), audit: await auditCount() });

const PEOPLE_HEADER = 'external_id,kind,given_name,family_name,entity_code,duty_station_external_id,sponsor_external_id,job_title,language,status,email,mobile,satellite_phone,landline';
const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

describe('people import', () => {
  const file = lines(
    PEOPLE_HEADER,
    // A dependant before their sponsor: order within the file does not matter.
    'HR-3,dependant,Kim,Okafor,,X,HR-1,,en,active,,,,',
    'HR-1,staff,Grace,Okafor,A1,X,,Driver,fr,active,Grace.Okafor@Example.org;g.okafor@home.org,+254 700 000001,+8821 6 1234 5678,',
    'HR-2,non_staff,Ivan,Petrov,B,Y,,Consultant,ru,inactive,ivan@t.org,,,',
  );

  it('creates people with contacts, sponsors and languages, and audits each row', async () => {
    const before = await auditCount();
    const res = await importPeople(admin, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0, dryRun: false });
    const grace = (await admin.get('/api/v1/people?q=grace')).json().items[0];
    expect(grace).toMatchObject({ externalId: 'HR-1', kind: 'staff', entityId: ids.a1, homeLocationId: ids.x, jobTitle: 'Driver', language: 'fr', status: 'active' });
    const full = (await admin.get(`/api/v1/people/${grace.id}`)).json();
    expect(full.contacts).toEqual([
      { kind: 'email', value: 'grace.okafor@example.org', label: null },
      { kind: 'email', value: 'g.okafor@home.org', label: null },
      { kind: 'mobile', value: '+254700000001', label: null },
      { kind: 'satellite', value: '+8821612345678', label: null },
    ]);
    const kim = (await admin.get('/api/v1/people?q=kim')).json().items[0];
    expect(kim).toMatchObject({ kind: 'dependant', sponsorId: grace.id });
    const ivan = (await admin.get('/api/v1/people?q=ivan')).json().items[0];
    expect(ivan).toMatchObject({ kind: 'non_staff', entityId: ids.b, homeLocationId: ids.y, status: 'inactive', language: 'ru' });
    const events = (await admin.get('/api/v1/audit?action=import&subjectType=person')).json().items;
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ actorEmail: 'admin@t.org', before: null });
    expect(await auditCount()).toBe(before + 3);
  });

  it('importing the same file again changes nothing and writes no audit events', async () => {
    const before = await everything();
    const updatedAt = (await s.database.db.selectFrom('people').select(['external_id', 'updated_at']).execute());
    const res = await importPeople(admin, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ total: 3, created: 0, updated: 0, unchanged: 3, dryRun: false });
    expect(await everything()).toEqual(before);
    expect(await s.database.db.selectFrom('people').select(['external_id', 'updated_at']).execute()).toEqual(updatedAt);
  });

  it('updates changed rows only, with before and after in the audit trail', async () => {
    const changed = file.replace('Consultant,ru,inactive', 'Senior consultant,ru,active');
    const res = await importPeople(admin, changed);
    expect(res.json()).toEqual({ total: 3, created: 0, updated: 1, unchanged: 2, dryRun: false });
    const ivan = (await admin.get('/api/v1/people?q=ivan')).json().items[0];
    expect(ivan).toMatchObject({ jobTitle: 'Senior consultant', status: 'active' });
    const event = (await admin.get(`/api/v1/audit?action=import&subjectId=${ivan.id}`)).json().items[0];
    expect(event.before).toMatchObject({ jobTitle: 'Consultant', status: 'inactive' });
    expect(event.after).toMatchObject({ jobTitle: 'Senior consultant', status: 'active' });
  });

  it('a dry run validates and counts but writes nothing', async () => {
    const before = await everything();
    const res = await importPeople(admin, lines(PEOPLE_HEADER, 'HR-9,staff,Dry,Run,A,X,,,en,active,,,,', 'HR-1,staff,Grace,Okafor,A1,X,,Chief driver,fr,active,,,,'), '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ total: 2, created: 1, updated: 1, unchanged: 0, dryRun: true });
    expect(await everything()).toEqual(before);
    expect((await admin.get('/api/v1/people?q=dry')).json().total).toBe(0);
  });

  it('one bad row in the middle rejects the whole file, naming row and column, and writes nothing', async () => {
    const before = await everything();
    const res = await importPeople(admin, lines(
      PEOPLE_HEADER,
      'NEW-1,staff,First,Good,A,X,,,en,active,first@t.org,,,',
      'NEW-2,staff,Second,Bad,A,X,,,en,active,not-an-email,,,',
      'NEW-3,staff,Third,Good,A,X,,,en,active,third@t.org,,,',
    ));
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('invalid_csv');
    expect(error.message).toMatch(/nothing was imported/);
    expect(error.rows).toEqual([{ row: 3, field: 'email', message: 'Not a valid email address' }]);
    expect(await everything()).toEqual(before);
    expect((await admin.get('/api/v1/people?q=good')).json().total).toBe(0);
  });

  it('reports every bad row of a file at once', async () => {
    const before = await everything();
    const res = await importPeople(admin, lines(
      PEOPLE_HEADER,
      'E-1,staff,Unknown,Entity,NOPE,X,,,en,active,,,,',
      'E-2,dependant,No,Sponsor,A,X,,,en,active,,,,',
      'E-3,staff,Bad,Phone,A,X,,,en,active,,0700 123,,',
      'E-4,staff,Not,Station,A,X1,,,en,active,,,,',
      'E-1,staff,Twice,Listed,A,X,,,en,active,,,,',
      'E-6,alien,Bad,Kind,A,X,,,en,active,,,,',
      ',staff,No,Id,A,X,,,en,active,,,,',
      'E-8,staff,Has,Sponsor,A,X,HR-1,,en,active,,,,',
      'E-9,dependant,Sponsored,ByDependant,A,X,HR-3,,en,active,,,,',
      'E-10,staff,Bad,Satellite,A,X,,,en,active,ok@t.org;also-ok@t.org,+41 79 123 45 67,satphone,',
    ));
    expect(res.statusCode).toBe(400);
    const rows = res.json().error.rows as { row: number; field: string; message: string }[];
    const byRow = (n: number) => rows.filter((r) => r.row === n).map((r) => r.field);
    expect(byRow(2)).toEqual(['entity_code']);
    expect(byRow(3)).toEqual(['sponsor_external_id']);
    // A bad contact is reported on its own column.
    expect(byRow(4)).toEqual(['mobile']);
    expect(rows.find((r) => r.row === 4)!.message).toMatch(/international form/);
    expect(byRow(5)).toEqual(['duty_station_external_id']);
    expect(byRow(6)).toEqual(['external_id']);
    expect(rows.find((r) => r.row === 6)!.message).toMatch(/Duplicate of line 2/);
    expect(byRow(7)).toEqual(['kind']);
    expect(byRow(8)).toContain('external_id');
    expect(byRow(9)).toEqual(['sponsor_external_id']);
    expect(byRow(10)).toEqual(['sponsor_external_id']);
    expect(byRow(11)).toEqual(['satellite_phone']);
    expect(await everything()).toEqual(before);
  });

  it('a sponsor whose dependants stay with them cannot become a dependant through an import', async () => {
    const before = await everything();
    // HR-1 sponsors HR-3 (imported above); HR-3 is not in this file, so it would be left sponsored by a dependant.
    const res = await importPeople(admin, lines(PEOPLE_HEADER, 'HR-1,dependant,Grace,Okafor,A1,X,HR-2,Driver,fr,active,,,,'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.rows).toEqual([{ row: 2, field: 'kind', message: expect.stringMatching(/sponsors dependants/) }]);
    expect(await everything()).toEqual(before);
  });

  it('reads files as spreadsheets save them: BOM, CRLF, quoted headers in any order and case, charset parameter', async () => {
    const text = '\uFEFF"Family_Name","External_ID","Given_Name","Entity_Code"\r\n"Ng\u00F4","XL-1","Th\u1EA3o","B"\r\n';
    const res = await admin.post('/api/v1/people/import', text, { 'content-type': 'text/csv; charset=utf-8' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1 });
    const p = (await admin.get('/api/v1/people?q=xl-1')).json().items[0];
    expect(p).toMatchObject({ givenName: 'Th\u1EA3o', familyName: 'Ng\u00F4', entityId: ids.b, kind: 'staff', language: 'en', status: 'active' });
    expect((await admin.get(`/api/v1/people?q=${encodeURIComponent('TH\u1EA2O NG\u00D4')}`)).json().items.map((x: { id: string }) => x.id)).toEqual([p.id]);
  });

  it('rejects a file with unknown columns, no external_id column, no rows, or broken quoting', async () => {
    const before = await everything();
    const bad = [
      'external_id,given_name,family_name,salary\nZ-1,A,B,100\n',
      'given_name,family_name\nA,B\n',
      `${PEOPLE_HEADER}\n`,
      `${PEOPLE_HEADER}\n"Z-1,staff,Unclosed,Quote,A,X,,,en,active,,,,\n`,
    ];
    for (const text of bad) {
      const res = await importPeople(admin, text);
      expect(res.statusCode, text).toBe(400);
      expect(res.json().error.code).toBe('invalid_csv');
    }
    expect((await importPeople(admin, bad[0]!)).json().error.message).toMatch(/unknown: salary/);
    expect((await importPeople(admin, bad[1]!)).json().error.message).toMatch(/missing: external_id/);
    expect(await everything()).toEqual(before);
  });

  it('an entity admin may import only into their entities; a viewer may not import at all', async () => {
    const ea = await login(s.app, 'ea-a@t.org');
    const viewer = await login(s.app, 'viewer@t.org');
    const before = await everything();
    const res = await importPeople(ea, lines(PEOPLE_HEADER, 'EA-1,staff,Mine,Ok,A1,,,,en,active,,,,', 'EA-2,staff,Theirs,No,B,,,,en,active,,,,'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.rows).toEqual([{ row: 3, field: 'entity_code', message: expect.stringMatching(/may not/) }]);
    // Nor may they take over a person of another entity by its external ID.
    const takeover = await importPeople(ea, lines(PEOPLE_HEADER, 'PB,staff,Bob,Tester,A,,,,en,active,,,,'));
    expect(takeover.statusCode).toBe(400);
    const denied = await importPeople(viewer, lines(PEOPLE_HEADER, 'V-1,staff,View,Er,A,,,,en,active,,,,'));
    expect(denied.statusCode).toBe(403);
    expect(await everything()).toEqual(before);
    const ok = await importPeople(ea, lines(PEOPLE_HEADER, 'EA-1,staff,Mine,Ok,A1,,,,en,active,,,,'));
    expect(ok.json()).toMatchObject({ created: 1 });
  });

  it('export then re-import is a round trip that changes nothing', async () => {
    // Someone created through the API, without an external ID, is exported under their ID.
    // Contact labels have no column in the file; they must survive the round trip.
    const made = await admin.post('/api/v1/people', { kind: 'staff', givenName: 'No', familyName: 'Extid', entityId: ids.b, contacts: [{ kind: 'email', value: 'noext@t.org', label: 'work' }, { kind: 'mobile', value: '+41 79 111 22 33', label: 'personal' }] });
    expect(made.statusCode).toBe(201);
    const exported = await admin.get('/api/v1/people/export.csv');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename="people-.*\.csv"/);
    const text = exported.body;
    expect(text.split('\n')[0]).toBe(PEOPLE_HEADER);
    expect(text).toContain('HR-1,staff,Grace,Okafor,A1,X,,Driver,fr,active,grace.okafor@example.org;g.okafor@home.org,+254700000001,+8821612345678,');
    expect(text).toContain('HR-3,dependant,Kim,Okafor,,X,HR-1,');
    const total = (await admin.get('/api/v1/people')).json().total;
    expect(text.trim().split('\n')).toHaveLength(total + 1);

    const before = await everything();
    const res = await importPeople(admin, text);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ total, created: 0, updated: 0, unchanged: total, dryRun: false });
    expect(await everything()).toEqual(before);
    expect((await admin.get(`/api/v1/people/${made.json().id}`)).json()).toMatchObject({
      externalId: null, contacts: [{ kind: 'email', value: 'noext@t.org', label: 'work' }, { kind: 'mobile', value: '+41791112233', label: 'personal' }],
    });
  });

  it('export can be filtered by entity and location', async () => {
    const byEntity = (await admin.get(`/api/v1/people/export.csv?entityId=${ids.b}`)).body.trim().split('\n').slice(1);
    expect(byEntity.map((l) => l.split(',')[4])).toEqual(byEntity.map(() => 'B'));
    expect(byEntity.length).toBeGreaterThanOrEqual(3);
    const byLocation = (await admin.get(`/api/v1/people/export.csv?locationId=${ids.y}`)).body.trim().split('\n').slice(1);
    expect(byLocation.map((l) => l.split(',')[5])).toEqual(byLocation.map(() => 'Y'));
  });
});

const LOCATION_HEADER = 'external_id,kind,name,parent_external_id,country_code,city,address,latitude,longitude,time_zone';

describe('locations import', () => {
  const file = lines(
    LOCATION_HEADER,
    // Premises before their duty station, and premises of an existing duty station.
    'GVA-P1,premises,Palais des Nations,GVA,CH,Geneva,"Avenue de la Paix 8, 1211 Geneva",46.2266,6.1404,Europe/Zurich',
    'GVA,duty_station,Geneva,,CH,Geneva,,46.2044,6.1432,Europe/Zurich',
    'X-2,premises,Xville annex,X,KE,Xville,,,,Africa/Nairobi',
  );

  it('creates duty stations and premises with coordinates and time zones', async () => {
    const res = await importLocations(admin, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0, dryRun: false });
    const gva = (await admin.get('/api/v1/locations?q=geneva&kind=duty_station')).json().items[0];
    expect(gva).toMatchObject({ externalId: 'GVA', parentId: null, countryCode: 'CH', latitude: 46.2044, longitude: 6.1432, timeZone: 'Europe/Zurich' });
    const palais = (await admin.get('/api/v1/locations?q=palais')).json().items[0];
    expect(palais).toMatchObject({ kind: 'premises', parentId: gva.id, address: 'Avenue de la Paix 8, 1211 Geneva' });
    const annex = (await admin.get('/api/v1/locations?q=annex')).json().items[0];
    expect(annex).toMatchObject({ parentId: ids.x, latitude: null, longitude: null });
    expect((await admin.get('/api/v1/audit?action=import&subjectType=location')).json().total).toBe(3);
  });

  it('is idempotent', async () => {
    const before = await everything();
    const res = await importLocations(admin, file);
    expect(res.json()).toEqual({ total: 3, created: 0, updated: 0, unchanged: 3, dryRun: false });
    expect(await everything()).toEqual(before);
  });

  it('a dry run writes nothing', async () => {
    const before = await everything();
    const res = await importLocations(admin, lines(LOCATION_HEADER, 'NBO,duty_station,Nairobi,,KE,Nairobi,,-1.2921,36.8219,Africa/Nairobi'), '?dryRun=true');
    expect(res.json()).toEqual({ total: 1, created: 1, updated: 0, unchanged: 0, dryRun: true });
    expect(await everything()).toEqual(before);
  });

  it('rejects the whole file for one bad row, reporting each problem', async () => {
    const before = await everything();
    const res = await importLocations(admin, lines(
      LOCATION_HEADER,
      'OK-1,duty_station,Fine,,KE,,,,,Africa/Nairobi',
      'BAD-TZ,duty_station,Bad zone,,KE,,,,,Mars/Olympus',
      'BAD-LAT,duty_station,Bad latitude,,KE,,,123,36.8,Africa/Nairobi',
      'ORPHAN,premises,No parent,,KE,,,,,Africa/Nairobi',
      'BAD-CC,duty_station,Bad country,,ZZ,,,,,UTC',
      'DEEP,premises,Under premises,X1,KE,,,,,Africa/Nairobi',
      'HALF,duty_station,Half coordinates,,KE,,,1.5,,Africa/Nairobi',
    ));
    expect(res.statusCode).toBe(400);
    const rows = res.json().error.rows as { row: number; field: string }[];
    expect(rows.map((r) => `${r.row}:${r.field}`)).toEqual([
      '3:time_zone', '4:latitude', '5:parent_external_id', '6:country_code', '7:parent_external_id', '8:latitude',
    ]);
    expect(await everything()).toEqual(before);
  });

  it('export then re-import changes nothing, including locations without an external ID', async () => {
    const made = await admin.post('/api/v1/locations', { kind: 'duty_station', name: 'No extid', countryCode: 'FR', timeZone: 'Europe/Paris', latitude: 48.85, longitude: 2.35 });
    expect(made.statusCode).toBe(201);
    const exported = await admin.get('/api/v1/locations/export.csv');
    expect(exported.statusCode).toBe(200);
    const text = exported.body;
    expect(text.split('\n')[0]).toBe(LOCATION_HEADER);
    expect(text).toContain('GVA-P1,premises,Palais des Nations,GVA,CH,Geneva,"Avenue de la Paix 8, 1211 Geneva",46.2266,6.1404,Europe/Zurich');
    const total = (await admin.get('/api/v1/locations')).json().total;
    const before = await everything();
    const res = await importLocations(admin, text);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ total, created: 0, updated: 0, unchanged: total, dryRun: false });
    expect(await everything()).toEqual(before);
    expect((await admin.get(`/api/v1/locations/${made.json().id}`)).json().externalId).toBeNull();
  });

  it('a duty station with premises or residents cannot become premises through an import', async () => {
    const before = await everything();
    // X has premises X1 and is home to people; GVA has premises GVA-P1.
    for (const row of ['X,premises,Xville,Y,KE,,,1,2,Africa/Nairobi', 'GVA,premises,Geneva,Y,CH,Geneva,,46.2044,6.1432,Europe/Zurich']) {
      const res = await importLocations(admin, lines(LOCATION_HEADER, row));
      expect(res.statusCode, row).toBe(400);
      expect(res.json().error.rows).toEqual([{ row: 2, field: 'kind', message: expect.any(String) }]);
    }
    expect(await everything()).toEqual(before);
  });

  it('only users who may write locations can import them', async () => {
    const viewer = await login(s.app, 'viewer@t.org');
    const res = await importLocations(viewer, lines(LOCATION_HEADER, 'V,duty_station,V,,KE,,,,,UTC'));
    expect(res.statusCode).toBe(403);
    // An entity admin may write locations only where granted on a duty station; an entity grant
    // reaches no location, so every row is refused.
    const ea = await login(s.app, 'ea-a@t.org');
    expect((await importLocations(ea, lines(LOCATION_HEADER, 'V,duty_station,V,,KE,,,,,UTC'))).statusCode).toBe(400);
  });
});

describe('spreadsheet formulas in exports', () => {
  it('are defused with an apostrophe and import back unchanged, while phone numbers stay as they are', async () => {
    const s2 = await startTestServer();
    try {
      await createUser(s2.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }]);
      const c = await login(s2.app, 'admin@t.org');
      const created = await c.post('/api/v1/people', { externalId: 'F1', kind: 'staff', givenName: '=HYPERLINK("http://x")', familyName: '@SUM(A1)', contacts: [{ kind: 'mobile', value: '+41 22 917 1234' }] });
      expect(created.statusCode).toBe(201);
      const csv = (await c.get('/api/v1/people/export.csv')).body;
      const line = csv.split('\n').find((l) => l.startsWith('F1,'))!;
      expect(line).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(line).toContain("'@SUM(A1)");
      expect(line).toContain('+41229171234');
      expect(line).not.toContain("'+41");
      const again = await c.post('/api/v1/people/import', csv, { 'content-type': 'text/csv' });
      expect(again.json()).toMatchObject({ unchanged: again.json().total, created: 0, updated: 0 });
    } finally {
      await s2.close();
    }
  });
});
