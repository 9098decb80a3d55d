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

describe('teams', () => {
  let team: string;

  it('creates a team with terms of reference', async () => {
    const res = await admin.post('/api/v1/teams', {
      name: 'Yburg security management team', kind: 'security_management_team', locationId: ids.y, entityId: ids.b,
      termsOfReference: 'Meets weekly; chaired by the designated official.',
    });
    expect(res.statusCode).toBe(201);
    team = res.json().id;
    expect(res.json()).toMatchObject({ kind: 'security_management_team', locationId: ids.y, entityId: ids.b, termsOfReference: 'Meets weekly; chaired by the designated official.', members: [] });
  });

  it('adds members with roles, changes a role and removes a member', async () => {
    const add1 = await admin.post(`/api/v1/teams/${team}/members`, { personId: ids.pB, role: 'Chair' });
    expect(add1.statusCode).toBe(201);
    const add2 = await admin.post(`/api/v1/teams/${team}/members`, { personId: ids.pA1, role: 'Member' });
    expect(add2.json()).toEqual([
      { personId: ids.pA1, givenName: 'Anna', familyName: 'Tester', role: 'Member' },
      { personId: ids.pB, givenName: 'Bob', familyName: 'Tester', role: 'Chair' },
    ]);
    const changed = await admin.patch(`/api/v1/teams/${team}/members/${ids.pA1}`, { role: 'Alternate chair' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().find((m: { personId: string }) => m.personId === ids.pA1).role).toBe('Alternate chair');
    const got = (await admin.get(`/api/v1/teams/${team}`)).json();
    expect(got.members.map((m: { role: string }) => m.role).sort()).toEqual(['Alternate chair', 'Chair']);
    expect((await admin.delete(`/api/v1/teams/${team}/members/${ids.pA1}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/teams/${team}`)).json().members.map((m: { personId: string }) => m.personId)).toEqual([ids.pB]);
    expect((await admin.delete(`/api/v1/teams/${team}/members/${ids.pA1}`)).statusCode).toBe(404);
  });

  it('refuses a duplicate member (409), an unknown person (400) and a blank role (400), writing nothing', async () => {
    const before = await everything();
    const dup = await admin.post(`/api/v1/teams/${team}/members`, { personId: ids.pB, role: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toHaveProperty('personId');
    const ghost = await admin.post(`/api/v1/teams/${team}/members`, { personId: '0190a0a0-0000-7000-8000-000000000000', role: 'Member' });
    expect(ghost.statusCode).toBe(400);
    expect(ghost.json().error.fields).toHaveProperty('personId');
    const blank = await admin.post(`/api/v1/teams/${team}/members`, { personId: ids.pA, role: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields).toHaveProperty('role');
    expect(await everything()).toEqual(before);
  });

  it('updates name and terms of reference, and lists teams with filters', async () => {
    const upd = await admin.patch(`/api/v1/teams/${team}`, { name: 'Yburg SMT', termsOfReference: 'Revised ToR' });
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ name: 'Yburg SMT', termsOfReference: 'Revised ToR', members: [{ personId: ids.pB }] });
    const byPerson = (await admin.get(`/api/v1/teams?personId=${ids.pB}`)).json();
    expect(byPerson.items.map((t: { id: string }) => t.id)).toEqual([team]);
    expect(byPerson.items[0].memberCount).toBe(1);
    expect((await admin.get('/api/v1/teams?kind=bc_team')).json().items.map((t: { id: string }) => t.id)).toEqual([ids.tA]);
    expect((await admin.get(`/api/v1/teams?locationId=${ids.x}`)).json().items.map((t: { id: string }) => t.id)).toEqual([ids.tX]);
    expect((await admin.get('/api/v1/teams?q=SMT')).json().items.map((t: { id: string }) => t.id)).toEqual([team]);
    const sorted = (await admin.get('/api/v1/teams?sort=-name')).json().items.map((t: { name: string }) => t.name);
    expect(sorted).toEqual(['Yburg SMT', 'Xville CMT', 'A BC team']);
    const paged = await admin.get('/api/v1/teams?sort=name&pageSize=1&page=2');
    expect(paged.json()).toMatchObject({ total: 3, items: [{ name: 'Xville CMT' }] });
  });

  it('a team belongs somewhere; bad input names the field and writes nothing', async () => {
    const before = await everything();
    for (const [body, field] of [
      [{ name: 'Floating', kind: 'other' }, 'locationId'],
      [{ name: 'Bad kind', kind: 'band', locationId: ids.x }, 'kind'],
      [{ name: '', kind: 'other', locationId: ids.x }, 'name'],
      [{ name: 'Ghost place', kind: 'other', locationId: '0190a0a0-0000-7000-8000-000000000000' }, 'locationId'],
      [{ name: 'Ghost entity', kind: 'other', entityId: '0190a0a0-0000-7000-8000-000000000000' }, 'entityId'],
      [{ name: 'Extra', kind: 'other', locationId: ids.x, members: [] }, 'members'],
      [{ name: 'Long', kind: 'other', locationId: ids.x, termsOfReference: 'x'.repeat(20_001) }, 'termsOfReference'],
    ] as const) {
      const res = await admin.post('/api/v1/teams', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields).toHaveProperty([field]);
    }
    const unplace = await admin.patch(`/api/v1/teams/${ids.tA}`, { entityId: null });
    expect(unplace.statusCode).toBe(400);
    expect(await everything()).toEqual(before);
  });

  it('deleting a team removes its memberships, not the people', async () => {
    const people = (await snapshotCounts(s.database)).people;
    expect((await admin.delete(`/api/v1/teams/${team}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/teams/${team}`)).statusCode).toBe(404);
    expect(await s.database.db.selectFrom('team_members').select('id').where('team_id', '=', team).execute()).toEqual([]);
    expect((await snapshotCounts(s.database)).people).toBe(people);
  });

  it('deleting a person removes them from their teams', async () => {
    const p = (await admin.post('/api/v1/people', { kind: 'staff', givenName: 'Short', familyName: 'Stay', homeLocationId: ids.x })).json();
    await admin.post(`/api/v1/teams/${ids.tX}/members`, { personId: p.id, role: 'Warden' });
    expect((await admin.get(`/api/v1/teams/${ids.tX}`)).json().members.map((m: { personId: string }) => m.personId)).toContain(p.id);
    expect((await admin.delete(`/api/v1/people/${p.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/teams/${ids.tX}`)).json().members.map((m: { personId: string }) => m.personId)).toEqual([ids.pA]);
  });
});
