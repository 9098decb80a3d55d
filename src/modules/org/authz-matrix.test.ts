import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { newId, nowIso } from '../../domain/ids.js';
import { searchText } from '../../db/paging.js';
import type { Role } from '../../domain/access.js';

/**
 * The authorization matrix of the organization area, written out by hand from the rules
 * (ORG_RIGHTS, AUDIT_RIGHTS, USER_RIGHTS) so that a change to a rule makes this test fail.
 *
 * Fixture:  entities ROOT ─ A ─ A1, B;  locations X (duty station) ─ X1 (premises), Y
 *           people pA (A @ X), pA1 (A1 @ Y), pB (B @ Y), pBX (B @ X);  teams tX (@ X), tA (entity A)
 * Scopes:   org; entity A (covers A and A1); location X (covers X and X1)
 *
 * Write targets are placed so that every scope covers them: a person of A1 at X, a team of A1 at X,
 * premises under X, a sub-entity of A. So whether a write succeeds depends only on the role,
 * except where a scope type cannot reach a resource at all: locations belong to no entity, so an
 * entity-scoped grant never writes locations; entities have no location, so a location-scoped
 * grant never writes entities.
 *
 * Outcomes: 'ok' = 2xx; 403 = refused; 404 = the user cannot even see the record.
 */
type Out = 'ok' | 403 | 404;
type Crud = [create: Out, update: Out, remove: Out];
type Scope = 'org' | 'entityA' | 'locationX';
type PersonKey = 'pA' | 'pA1' | 'pB' | 'pBX';
type TeamKey = 'tX' | 'tA';
interface Row {
  role: Role; scope: Scope;
  people: PersonKey[]; teams: TeamKey[];
  person: Crud; team: Crud; location: Crud; entity: Crud;
  /** PATCH of pB (entity B at duty station Y), outside both the entity and the location scope. */
  outsidePerson: Out;
  audit: boolean; users: boolean;
}

const W: Crud = ['ok', 'ok', 'ok'];      // may create, update, delete
const D: Crud = [403, 403, 403];         // sees it, may not change it
const H: Crud = [403, 404, 404];         // may not create; cannot see existing ones
const ALL_P: PersonKey[] = ['pA', 'pA1', 'pB', 'pBX'];
const A_P: PersonKey[] = ['pA', 'pA1'];
const X_P: PersonKey[] = ['pA', 'pBX'];

const MATRIX: Row[] = [
  // ---- organization-wide grants
  { role: 'system_admin', scope: 'org', people: ALL_P, teams: ['tX', 'tA'], person: W, team: W, location: W, entity: W, outsidePerson: 'ok', audit: true, users: true },
  { role: 'entity_admin', scope: 'org', people: ALL_P, teams: ['tX', 'tA'], person: W, team: W, location: W, entity: W, outsidePerson: 'ok', audit: true, users: false },
  { role: 'orms_focal_point', scope: 'org', people: ALL_P, teams: ['tX', 'tA'], person: D, team: W, location: W, entity: D, outsidePerson: 403, audit: true, users: false },
  { role: 'bc_coordinator', scope: 'org', people: ALL_P, teams: ['tX', 'tA'], person: D, team: W, location: D, entity: D, outsidePerson: 403, audit: false, users: false },
  { role: 'security_adviser', scope: 'org', people: ALL_P, teams: ['tX', 'tA'], person: D, team: D, location: W, entity: D, outsidePerson: 403, audit: false, users: false },
  { role: 'crisis_team_member', scope: 'org', people: ALL_P, teams: ['tX', 'tA'], person: D, team: D, location: D, entity: D, outsidePerson: 403, audit: false, users: false },
  { role: 'staff', scope: 'org', people: [], teams: [], person: H, team: H, location: D, entity: D, outsidePerson: 404, audit: false, users: false },
  { role: 'viewer', scope: 'org', people: ALL_P, teams: ['tX', 'tA'], person: D, team: D, location: D, entity: D, outsidePerson: 403, audit: false, users: false },
  // ---- entity A (A and A1)
  { role: 'system_admin', scope: 'entityA', people: A_P, teams: ['tA'], person: W, team: W, location: D, entity: W, outsidePerson: 404, audit: true, users: false },
  { role: 'entity_admin', scope: 'entityA', people: A_P, teams: ['tA'], person: W, team: W, location: D, entity: W, outsidePerson: 404, audit: true, users: false },
  { role: 'orms_focal_point', scope: 'entityA', people: A_P, teams: ['tA'], person: D, team: W, location: D, entity: D, outsidePerson: 404, audit: true, users: false },
  { role: 'bc_coordinator', scope: 'entityA', people: A_P, teams: ['tA'], person: D, team: W, location: D, entity: D, outsidePerson: 404, audit: false, users: false },
  { role: 'security_adviser', scope: 'entityA', people: A_P, teams: ['tA'], person: D, team: D, location: D, entity: D, outsidePerson: 404, audit: false, users: false },
  { role: 'crisis_team_member', scope: 'entityA', people: A_P, teams: ['tA'], person: D, team: D, location: D, entity: D, outsidePerson: 404, audit: false, users: false },
  { role: 'staff', scope: 'entityA', people: [], teams: [], person: H, team: H, location: D, entity: D, outsidePerson: 404, audit: false, users: false },
  { role: 'viewer', scope: 'entityA', people: A_P, teams: ['tA'], person: D, team: D, location: D, entity: D, outsidePerson: 404, audit: false, users: false },
  // ---- duty station X (X and its premises X1)
  { role: 'system_admin', scope: 'locationX', people: X_P, teams: ['tX'], person: W, team: W, location: W, entity: D, outsidePerson: 404, audit: true, users: false },
  { role: 'entity_admin', scope: 'locationX', people: X_P, teams: ['tX'], person: W, team: W, location: W, entity: D, outsidePerson: 404, audit: true, users: false },
  { role: 'orms_focal_point', scope: 'locationX', people: X_P, teams: ['tX'], person: D, team: W, location: W, entity: D, outsidePerson: 404, audit: true, users: false },
  { role: 'bc_coordinator', scope: 'locationX', people: X_P, teams: ['tX'], person: D, team: W, location: D, entity: D, outsidePerson: 404, audit: false, users: false },
  { role: 'security_adviser', scope: 'locationX', people: X_P, teams: ['tX'], person: D, team: D, location: W, entity: D, outsidePerson: 404, audit: false, users: false },
  { role: 'crisis_team_member', scope: 'locationX', people: X_P, teams: ['tX'], person: D, team: D, location: D, entity: D, outsidePerson: 404, audit: false, users: false },
  { role: 'staff', scope: 'locationX', people: [], teams: [], person: H, team: H, location: D, entity: D, outsidePerson: 404, audit: false, users: false },
  { role: 'viewer', scope: 'locationX', people: X_P, teams: ['tX'], person: D, team: D, location: D, entity: D, outsidePerson: 404, audit: false, users: false },
];

/** Marker audit events, one per place; which of them a reader sees depends only on the scope. */
type MarkerKey = 'mA' | 'mA1' | 'mB' | 'mX' | 'mX1' | 'mY' | 'mNowhere';
const AUDIT_MARKERS: Record<Scope, MarkerKey[]> = {
  org: ['mA', 'mA1', 'mB', 'mX', 'mX1', 'mY', 'mNowhere'],
  entityA: ['mA', 'mA1'],
  locationX: ['mX', 'mX1'],
};

let s: TestServer;
let ids: TestServer['fixture']['ids'];
const markerIds = {} as Record<MarkerKey, string>;

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  const marker = (key: MarkerKey, entityId: string | null, locationId: string | null) => {
    markerIds[key] = newId();
    return { id: newId(), at: nowIso(), actor_id: null, actor_email: 'system', action: 'probe', subject_type: 'marker', subject_id: markerIds[key], entity_id: entityId, location_id: locationId, before: null, after: null };
  };
  await s.database.db.insertInto('audit_events').values([
    marker('mA', ids.a, null), marker('mA1', ids.a1, null), marker('mB', ids.b, null),
    marker('mX', null, ids.x), marker('mX1', null, ids.x1), marker('mY', ids.b, ids.y), marker('mNowhere', null, null),
  ]).execute();
});
afterAll(async () => s.close());

const scopeGrant = (scope: Scope) =>
  scope === 'org' ? { scopeType: 'org' as const, scopeId: null }
    : scope === 'entityA' ? { scopeType: 'entity' as const, scopeId: ids.a }
      : { scopeType: 'location' as const, scopeId: ids.x };

const status = (res: { statusCode: number }): Out => (res.statusCode >= 200 && res.statusCode < 300 ? 'ok' : res.statusCode as Out);

/** Records to update and delete, placed inside every scope (see the header). */
async function seedTargets(tag: string) {
  const db = s.database.db;
  const now = nowIso();
  const t = { person: newId(), team: newId(), location: newId(), entity: newId() };
  await db.insertInto('entities').values({ id: t.entity, code: `T-${tag}`, name: `Target ${tag}`, kind: 'office', parent_id: ids.a, path: `/${ids.root}/${ids.a}/${t.entity}/`, created_at: now, updated_at: now }).execute();
  await db.insertInto('locations').values({ id: t.location, external_id: `T-${tag}`, kind: 'premises', name: `Target ${tag}`, parent_id: ids.x, country_code: 'KE', city: null, address: null, latitude: null, longitude: null, time_zone: 'Africa/Nairobi', search_text: `target ${tag}`, created_at: now, updated_at: now }).execute();
  await db.insertInto('people').values({ id: t.person, external_id: `T-${tag}`, kind: 'staff', given_name: 'Target', family_name: tag, entity_id: ids.a1, home_location_id: ids.x, sponsor_id: null, job_title: null, language: 'en', status: 'active', search_text: searchText('Target', tag), created_at: now, updated_at: now }).execute();
  await db.insertInto('teams').values({ id: t.team, name: `Target ${tag}`, kind: 'bc_team', entity_id: ids.a1, location_id: ids.x, terms_of_reference: '', created_at: now, updated_at: now }).execute();
  return t;
}

/** Removes whatever a combination left behind, so each combination sees the fixture as seeded. */
async function cleanUp(people: string[], teams: string[], locations: string[], entities: string[]) {
  const db = s.database.db;
  if (teams.length) await db.deleteFrom('teams').where('id', 'in', teams).execute();
  if (people.length) await db.deleteFrom('people').where('id', 'in', people).execute();
  if (locations.length) await db.deleteFrom('locations').where('id', 'in', locations).execute();
  if (entities.length) await db.deleteFrom('entities').where('id', 'in', entities).execute();
}

describe('organization authorization matrix', () => {
  it('covers every role on every scope type', () => {
    const roles: Role[] = ['system_admin', 'entity_admin', 'orms_focal_point', 'bc_coordinator', 'security_adviser', 'crisis_team_member', 'staff', 'viewer'];
    for (const scope of ['org', 'entityA', 'locationX'] as const) {
      expect(MATRIX.filter((r) => r.scope === scope).map((r) => r.role).sort()).toEqual([...roles].sort());
    }
  });

  it.each(MATRIX.map((r) => [`${r.role} @ ${r.scope}`, r] as const))('%s', async (_name, row) => {
    const tag = `${row.role}-${row.scope}`.replace(/_/g, '-').toLowerCase();
    const email = `${tag}@t.org`;
    await createUser(s.database, email, [{ role: row.role, ...scopeGrant(row.scope) }]);
    const c: Client = await login(s.app, email);
    const personId = (k: PersonKey) => ids[k];
    const keyOfPerson = new Map(ALL_P.map((k) => [ids[k], k]));
    const keyOfTeam = new Map((['tX', 'tA'] as const).map((k) => [ids[k], k]));

    // ---- reads: exactly the expected people and teams, nothing from outside the scope
    const people = await c.get('/api/v1/people?pageSize=500');
    expect(people.statusCode).toBe(200);
    expect(people.json().items.map((p: { id: string }) => keyOfPerson.get(p.id) ?? p.id).sort()).toEqual([...row.people].sort());
    expect(people.json().total).toBe(row.people.length);
    // Filters and search narrow the visible set; they never widen it.
    const ofB = (await c.get(`/api/v1/people?entityId=${ids.b}`)).json().items.map((p: { id: string }) => keyOfPerson.get(p.id));
    expect(ofB.sort()).toEqual(row.people.filter((k) => k === 'pB' || k === 'pBX').sort());
    const searched = (await c.get('/api/v1/people?q=tester&pageSize=500')).json().items.map((p: { id: string }) => keyOfPerson.get(p.id));
    expect(searched.sort()).toEqual([...row.people].sort());
    for (const k of ALL_P) {
      const res = await c.get(`/api/v1/people/${personId(k)}`);
      expect(res.statusCode, `GET ${k}`).toBe(row.people.includes(k) ? 200 : 404);
    }
    // The CSV export shows the same people as the list.
    const exported = await c.get('/api/v1/people/export.csv');
    expect(exported.statusCode).toBe(200);
    const exportedIds = exported.body.trim().split('\n').slice(1).map((line) => line.split(',')[0]);
    expect(exportedIds.sort()).toEqual(row.people.map((k) => k.toUpperCase()).sort());

    const teams = await c.get('/api/v1/teams?pageSize=500');
    expect(teams.statusCode).toBe(200);
    expect(teams.json().items.map((t: { id: string }) => keyOfTeam.get(t.id) ?? t.id).sort()).toEqual([...row.teams].sort());
    for (const k of ['tX', 'tA'] as const) {
      const res = await c.get(`/api/v1/teams/${ids[k]}`);
      expect(res.statusCode, `GET ${k}`).toBe(row.teams.includes(k) ? 200 : 404);
    }

    // ---- writes
    const t = await seedTargets(tag);
    const created = { people: [] as string[], teams: [] as string[], locations: [] as string[], entities: [] as string[] };
    try {
      const pc = await c.post('/api/v1/people', { kind: 'staff', givenName: 'New', familyName: tag, entityId: ids.a1, homeLocationId: ids.x });
      if (pc.statusCode === 201) created.people.push(pc.json().id);
      const pu = await c.patch(`/api/v1/people/${t.person}`, { jobTitle: 'Updated' });
      const pd = await c.delete(`/api/v1/people/${t.person}`);
      expect([status(pc), status(pu), status(pd)], 'person create/update/delete').toEqual(row.person);

      const outside = await c.patch(`/api/v1/people/${ids.pB}`, { jobTitle: 'Probe' });
      expect(status(outside), 'PATCH of a person outside the scope').toBe(row.outsidePerson);

      const tc = await c.post('/api/v1/teams', { name: `New ${tag}`, kind: 'bc_team', entityId: ids.a1, locationId: ids.x });
      if (tc.statusCode === 201) created.teams.push(tc.json().id);
      const tu = await c.patch(`/api/v1/teams/${t.team}`, { termsOfReference: 'Updated' });
      const td = await c.delete(`/api/v1/teams/${t.team}`);
      expect([status(tc), status(tu), status(td)], 'team create/update/delete').toEqual(row.team);

      const lc = await c.post('/api/v1/locations', { kind: 'premises', name: `New ${tag}`, parentId: ids.x, countryCode: 'KE', timeZone: 'Africa/Nairobi' });
      if (lc.statusCode === 201) created.locations.push(lc.json().id);
      const lu = await c.patch(`/api/v1/locations/${t.location}`, { name: 'Updated' });
      const ld = await c.delete(`/api/v1/locations/${t.location}`);
      expect([status(lc), status(lu), status(ld)], 'location create/update/delete').toEqual(row.location);

      const ec = await c.post('/api/v1/entities', { code: `N-${tag}`, name: `New ${tag}`, kind: 'office', parentId: ids.a });
      if (ec.statusCode === 201) created.entities.push(ec.json().id);
      const eu = await c.patch(`/api/v1/entities/${t.entity}`, { name: 'Updated' });
      const ed = await c.delete(`/api/v1/entities/${t.entity}`);
      expect([status(ec), status(eu), status(ed)], 'entity create/update/delete').toEqual(row.entity);

      // A refused write changed nothing.
      const db = s.database.db;
      if (row.person[1] !== 'ok') expect((await db.selectFrom('people').select('job_title').where('id', '=', t.person).executeTakeFirstOrThrow()).job_title).toBeNull();
      if (row.outsidePerson !== 'ok') expect((await db.selectFrom('people').select('job_title').where('id', '=', ids.pB).executeTakeFirstOrThrow()).job_title).toBeNull();
      if (row.team[1] !== 'ok') expect((await db.selectFrom('teams').select('terms_of_reference').where('id', '=', t.team).executeTakeFirstOrThrow()).terms_of_reference).toBe('');
      if (row.location[1] !== 'ok') expect((await db.selectFrom('locations').select('name').where('id', '=', t.location).executeTakeFirstOrThrow()).name).toBe(`Target ${tag}`);
      if (row.entity[1] !== 'ok') expect((await db.selectFrom('entities').select('name').where('id', '=', t.entity).executeTakeFirstOrThrow()).name).toBe(`Target ${tag}`);
    } finally {
      await s.database.db.updateTable('people').set({ job_title: null }).where('id', '=', ids.pB).execute();
      await cleanUp([...created.people, t.person], [...created.teams, t.team], [...created.locations, t.location], [...created.entities, t.entity]);
    }

    // ---- audit: readable or not, and only events in scope
    const markers = await c.get('/api/v1/audit?subjectType=marker&pageSize=500');
    if (!row.audit) {
      expect(markers.statusCode).toBe(403);
      expect(markers.json().error.code).toBe('forbidden');
    } else {
      expect(markers.statusCode).toBe(200);
      const keyOf = new Map(Object.entries(markerIds).map(([k, v]) => [v, k]));
      expect(markers.json().items.map((e: { subjectId: string }) => keyOf.get(e.subjectId)).sort()).toEqual([...AUDIT_MARKERS[row.scope]].sort());
      const everything = (await c.get('/api/v1/audit?pageSize=500')).json().items as { entityId: string | null; locationId: string | null }[];
      expect(everything.length).toBeGreaterThan(0);
      if (row.scope === 'entityA') for (const e of everything) expect([ids.a, ids.a1]).toContain(e.entityId);
      if (row.scope === 'locationX') for (const e of everything) expect([ids.x, ids.x1]).toContain(e.locationId);
    }

    // ---- user administration
    const users = await c.get('/api/v1/users');
    expect(users.statusCode).toBe(row.users ? 200 : 403);
    const newUser = await c.post('/api/v1/users', { email: `made-by-${tag}@t.org`, displayName: 'Made' });
    expect(newUser.statusCode).toBe(row.users ? 201 : 403);
  });
});

describe('staff self-service', () => {
  let me: Client;
  beforeAll(async () => {
    await createUser(s.database, 'self@t.org', [{ role: 'staff', scopeType: 'org', scopeId: null }], ids.pA1);
    me = await login(s.app, 'self@t.org');
  });

  it('reads only their own record', async () => {
    const own = await me.get(`/api/v1/people/${ids.pA1}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: ids.pA1, givenName: 'Anna', contacts: [] });
    const list = (await me.get('/api/v1/people')).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([ids.pA1]);
    for (const other of [ids.pA, ids.pB, ids.pBX]) expect((await me.get(`/api/v1/people/${other}`)).statusCode).toBe(404);
  });

  it('changes their own contacts and language', async () => {
    const res = await me.patch(`/api/v1/people/${ids.pA1}`, {
      language: 'fr', contacts: [{ kind: 'email', value: 'Anna@Example.org' }, { kind: 'mobile', value: '+41 79 123 45 67' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ language: 'fr', contacts: [{ kind: 'email', value: 'anna@example.org', label: null }, { kind: 'mobile', value: '+41791234567', label: null }] });
    expect((await me.get(`/api/v1/people/${ids.pA1}`)).json().language).toBe('fr');
  });

  it('may not change their own entity, name or other fields', async () => {
    for (const patch of [{ entityId: ids.b }, { givenName: 'Annabelle' }, { language: 'es', status: 'inactive' }]) {
      const res = await me.patch(`/api/v1/people/${ids.pA1}`, patch);
      expect(res.statusCode, JSON.stringify(patch)).toBe(403);
    }
    const row = await s.database.db.selectFrom('people').selectAll().where('id', '=', ids.pA1).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ entity_id: ids.a1, given_name: 'Anna', status: 'active', language: 'fr' });
  });

  it('may not change or delete other people', async () => {
    expect((await me.patch(`/api/v1/people/${ids.pA}`, { language: 'fr' })).statusCode).toBe(404);
    expect((await me.delete(`/api/v1/people/${ids.pA}`)).statusCode).toBe(404);
    expect((await me.delete(`/api/v1/people/${ids.pA1}`)).statusCode).toBe(403);
  });

  it('sees the teams they belong to', async () => {
    await s.database.db.insertInto('team_members').values({ id: newId(), team_id: ids.tA, person_id: ids.pA1, role: 'Member' }).execute();
    const list = (await me.get('/api/v1/teams')).json();
    expect(list.items.map((t: { id: string }) => t.id)).toEqual([ids.tA]);
    expect((await me.get(`/api/v1/teams/${ids.tA}`)).statusCode).toBe(200);
    expect((await me.get(`/api/v1/teams/${ids.tX}`)).statusCode).toBe(404);
    // Membership gives sight, not management.
    expect((await me.patch(`/api/v1/teams/${ids.tA}`, { name: 'Mine now' })).statusCode).toBe(403);
  });
});

describe('scope boundaries: nothing can be moved or reached outside the grant', () => {
  let entityAdmin: Client;
  let stationAdmin: Client;
  let coordinator: Client;
  beforeAll(async () => {
    await createUser(s.database, 'bound-ea@t.org', [{ role: 'entity_admin', scopeType: 'entity', scopeId: ids.a }]);
    await createUser(s.database, 'bound-ex@t.org', [{ role: 'entity_admin', scopeType: 'location', scopeId: ids.x }]);
    await createUser(s.database, 'bound-bc@t.org', [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ids.a }]);
    entityAdmin = await login(s.app, 'bound-ea@t.org');
    stationAdmin = await login(s.app, 'bound-ex@t.org');
    coordinator = await login(s.app, 'bound-bc@t.org');
  });

  it('an entity admin cannot move people, teams or entities out of their entities', async () => {
    const before = await snapshotRows();
    expect((await entityAdmin.patch(`/api/v1/people/${ids.pA}`, { entityId: ids.b })).statusCode).toBe(403);
    expect((await entityAdmin.post('/api/v1/people', { kind: 'staff', givenName: 'Else', familyName: 'Where', entityId: ids.b })).statusCode).toBe(403);
    expect((await entityAdmin.patch(`/api/v1/teams/${ids.tA}`, { entityId: ids.b })).statusCode).toBe(403);
    expect((await entityAdmin.patch(`/api/v1/entities/${ids.a1}`, { parentId: ids.b })).statusCode).toBe(403);
    expect((await entityAdmin.patch(`/api/v1/entities/${ids.a}`, { parentId: null })).statusCode).toBe(403);
    expect((await entityAdmin.post('/api/v1/entities', { code: 'TOPLEVEL', name: 'Top', kind: 'office' })).statusCode).toBe(403);
    expect(await snapshotRows()).toEqual(before);
    // Within the entities it is fine.
    const moved = await entityAdmin.patch(`/api/v1/people/${ids.pA}`, { entityId: ids.a1 });
    expect(moved.statusCode).toBe(200);
    await entityAdmin.patch(`/api/v1/people/${ids.pA}`, { entityId: ids.a });
  });

  it('a duty-station admin cannot move premises or people to another duty station', async () => {
    const before = await snapshotRows();
    expect((await stationAdmin.patch(`/api/v1/locations/${ids.x1}`, { parentId: ids.y })).statusCode).toBe(403);
    expect((await stationAdmin.patch(`/api/v1/people/${ids.pBX}`, { homeLocationId: ids.y })).statusCode).toBe(403);
    expect((await stationAdmin.post('/api/v1/locations', { kind: 'premises', name: 'Y annex', parentId: ids.y, countryCode: 'CH', timeZone: 'Europe/Zurich' })).statusCode).toBe(403);
    expect((await stationAdmin.post('/api/v1/locations', { kind: 'duty_station', name: 'New station', countryCode: 'KE', timeZone: 'Africa/Nairobi' })).statusCode).toBe(403);
    expect(await snapshotRows()).toEqual(before);
  });

  it('a team manager cannot add, and so reveal, a person outside their scope', async () => {
    const before = await snapshotRows();
    const res = await coordinator.post(`/api/v1/teams/${ids.tA}/members`, { personId: ids.pB, role: 'Liaison' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ personId: 'No such person' });
    expect(res.body).not.toContain('Bob');
    expect(await snapshotRows()).toEqual(before);
    const ok = await coordinator.post(`/api/v1/teams/${ids.tA}/members`, { personId: ids.pA, role: 'Member' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().map((m: { givenName: string }) => m.givenName)).toContain('Alice');
  });
});

/** People, teams, members and locations as they stand, to prove a refused request changed nothing. */
async function snapshotRows() {
  const db = s.database.db;
  return {
    people: await db.selectFrom('people').select(['id', 'entity_id', 'home_location_id', 'updated_at']).orderBy('id').execute(),
    teams: await db.selectFrom('teams').select(['id', 'entity_id', 'location_id', 'updated_at']).orderBy('id').execute(),
    members: await db.selectFrom('team_members').select(['team_id', 'person_id', 'role']).orderBy('team_id').orderBy('person_id').execute(),
    locations: await db.selectFrom('locations').select(['id', 'parent_id', 'updated_at']).orderBy('id').execute(),
    entities: await db.selectFrom('entities').select(['id', 'parent_id', 'path', 'updated_at']).orderBy('id').execute(),
  };
}
