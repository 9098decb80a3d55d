import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { newId } from '../../domain/ids.js';
import { addDays } from '../../domain/travel/whereabouts.js';
import { today } from './whereabouts.repo.js';

/**
 * Fixture (test/helpers): X duty station in Kenya (premises X1), Y duty station in Switzerland;
 * Alice (A @ X), Anna (A1 @ Y), Bob (B @ Y), Bea (B @ X). Y is moved to Geneva's coordinates here.
 */
let s: TestServer;
let ids: TestServer['fixture']['ids'];
let alice: Client; let saY: Client; let saX: Client; let cmt: Client; let bob: Client; let saAdmin: Client; let nolink: Client; let fpX: Client;
const d1 = addDays(today(), 10);
const d2 = addDays(today(), 14);
const during = addDays(today(), 12);

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await s.database.db.updateTable('locations').set({ latitude: 46.2, longitude: 6.14 }).where('id', '=', ids.y).execute();
  await s.database.db.updateTable('locations').set({ latitude: -1.29, longitude: 36.82 }).where('id', 'in', [ids.x, ids.x1]).execute();
  await createUser(s.database, 'alice@t.org', [{ role: 'staff', scopeType: 'org', scopeId: null }], ids.pA);
  await createUser(s.database, 'sa-y@t.org', [{ role: 'security_adviser', scopeType: 'location', scopeId: ids.y }]);
  await createUser(s.database, 'sa-x@t.org', [{ role: 'security_adviser', scopeType: 'location', scopeId: ids.x }]);
  await createUser(s.database, 'sa-org@t.org', [{ role: 'security_adviser', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'cmt@t.org', [{ role: 'crisis_team_member', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'fp-x@t.org', [{ role: 'orms_focal_point', scopeType: 'location', scopeId: ids.x }]);
  // Bob is himself an organization-wide security adviser; sa-admin both clears and administers entity A.
  await createUser(s.database, 'bob@t.org', [{ role: 'security_adviser', scopeType: 'org', scopeId: null }], ids.pB);
  await createUser(s.database, 'sa-admin@t.org', [{ role: 'security_adviser', scopeType: 'org', scopeId: null }, { role: 'entity_admin', scopeType: 'entity', scopeId: ids.a }]);
  await createUser(s.database, 'nolink@t.org', [{ role: 'staff', scopeType: 'org', scopeId: null }]);
  const as = (u: string) => login(s.app, `${u}@t.org`);
  [alice, saY, saX, cmt, bob, saAdmin, nolink, fpX] = [await as('alice'), await as('sa-y'), await as('sa-x'), await as('cmt'), await as('bob'), await as('sa-admin'), await as('nolink'), await as('fp-x')];
  // Geneva (Y) is at security level 3 (Moderate).
  const org = await login(s.app, 'sa-org@t.org');
  const area = (await org.post('/api/v1/security/areas', { countryCode: 'CH', name: 'Geneva area', locationIds: [ids.y] })).json();
  expect((await org.post(`/api/v1/security/areas/${area.id}/levels`, { level: 3, justification: 'Demonstrations', effectiveFrom: '2020-01-01' })).statusCode).toBe(201);
});
afterAll(async () => s.close());

const count = async (table: 'trips' | 'trip_legs' | 'person_locations' | 'audit_events') =>
  Number((await s.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const there = () => ({ fromId: ids.x, toId: ids.y, departOn: d1, leaveOn: d2 });
const back = () => ({ fromId: ids.y, toId: ids.x, departOn: d2, leaveOn: d2 });
const trip = (over: Record<string, unknown> = {}) => ({ purpose: 'Workshop in Geneva', legs: [there(), back()], ...over });
const preview = async (c: Client, include: unknown[], onDate?: string) => {
  const res = await c.post('/api/v1/notify/audience/preview', { audience: { include, ...(onDate ? { onDate } : {}) } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().recipients as number;
};

let tripId: string;

describe('a staff member files a trip and the destination clears it', () => {
  it('files a draft with the destination\'s security level shown', async () => {
    const res = await alice.post('/api/v1/travel/trips', trip());
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json();
    tripId = t.id;
    expect(t).toMatchObject({ personId: ids.pA, status: 'draft', startOn: d1, endOn: d2, traveller: { givenName: 'Alice' }, can: { edit: true, submit: true, cancel: true } });
    expect(t.legs.map((l: { to: { name: string } }) => l.to.name)).toEqual(['Yburg', 'Xville']);
    expect(t.legs[0].securityLevel).toMatchObject({ level: 3, name: 'Moderate', areaName: 'Geneva area' });
    expect(t.legs[1].securityLevel).toBeNull();
    expect(t.legs[0].clearance).toBeNull();
    const mine = (await alice.get('/api/v1/travel/trips?mine=true')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([tripId]);
  });

  it('refuses a bad itinerary with the field of each problem, writing nothing', async () => {
    const before = [await count('trips'), await count('trip_legs'), await count('audit_events')];
    const overlap = await alice.post('/api/v1/travel/trips', trip({ legs: [there(), { ...back(), departOn: d1 }] }));
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error.fields).toEqual({ 'legs.1.departOn': `Overlaps leg 1, which ends on ${d2}` });
    const reversed = await alice.post('/api/v1/travel/trips', trip({ legs: [{ ...there(), departOn: d2, leaveOn: d1 }] }));
    expect(reversed.json().error.fields).toEqual({ 'legs.0.leaveOn': `Must be on or after the departure (${d2})` });
    const unknown = await alice.post('/api/v1/travel/trips', trip({ legs: [{ ...there(), toId: newId() }] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual({ 'legs.0.toId': 'No such duty station' });
    const premises = await alice.post('/api/v1/travel/trips', trip({ legs: [{ ...there(), toId: ids.x1 }] }));
    expect(premises.json().error.fields).toEqual({ 'legs.0.toId': 'No such duty station' });
    const chain = await alice.post('/api/v1/travel/trips', trip({ legs: [there(), { ...back(), fromId: ids.x }] }));
    expect(chain.json().error.fields).toEqual({ 'legs.1.fromId': 'Must be where leg 1 arrives', 'legs.1.toId': 'The destination is the place of departure' });
    const malformed = await alice.post('/api/v1/travel/trips', { purpose: '', legs: [{ fromId: 'nope', toId: ids.y, departOn: '31/12/2026', leaveOn: d2, extra: 1 }] });
    expect(malformed.statusCode).toBe(400);
    expect(Object.keys(malformed.json().error.fields).sort()).toEqual(['legs.0.departOn', 'legs.0.extra', 'legs.0.fromId', 'purpose']);
    expect((await alice.post('/api/v1/travel/trips', trip({ legs: [] }))).json().error.fields).toEqual({ legs: 'Give at least one leg' });
    expect([await count('trips'), await count('trip_legs'), await count('audit_events')]).toEqual(before);
  });

  it('lets staff file only for themselves', async () => {
    expect((await alice.post('/api/v1/travel/trips', trip({ personId: ids.pB }))).statusCode).toBe(403);
    const unlinked = await nolink.post('/api/v1/travel/trips', trip());
    expect(unlinked.statusCode).toBe(400);
    expect(unlinked.json().error.fields.personId).toMatch(/not linked/);
    expect((await alice.post('/api/v1/travel/trips', trip({ personId: newId() }))).json().error.fields).toEqual({ personId: 'No such person' });
  });

  it('submits: the leg abroad waits for clearance, the leg home needs none', async () => {
    const t = (await alice.post(`/api/v1/travel/trips/${tripId}/submit`)).json();
    expect(t.status).toBe('submitted');
    expect(t.legs.map((l: { clearance: string }) => l.clearance)).toEqual(['pending', 'not_required']);
    expect(t.can).toEqual({ edit: false, submit: false, cancel: true });
    expect((await alice.patch(`/api/v1/travel/trips/${tripId}`, { purpose: 'Other' })).statusCode).toBe(409);
    expect((await alice.post(`/api/v1/travel/trips/${tripId}/submit`)).statusCode).toBe(409);
  });

  it('puts the leg in the inbox of the destination\'s security adviser only', async () => {
    const inbox = (await saY.get('/api/v1/travel/clearances')).json();
    expect(inbox).toHaveLength(1);
    expect(inbox[0].trip.id).toBe(tripId);
    expect(inbox[0].leg).toMatchObject({ toId: ids.y, canDecide: true, securityLevel: { level: 3 } });
    expect((await saX.get('/api/v1/travel/clearances')).json()).toEqual([]);
    expect((await alice.get('/api/v1/travel/clearances')).json()).toEqual([]);
    // sa-x sees the trip (Alice is of their duty station) but may not clear Geneva.
    const seen = (await saX.get(`/api/v1/travel/trips/${tripId}`)).json();
    expect(seen.legs[0].canDecide).toBe(false);
  });

  it('refuses clearance by anyone outside the destination\'s security scope, and a refusal without a reason', async () => {
    const legId = (await saY.get(`/api/v1/travel/trips/${tripId}`)).json().legs[0].id;
    const url = `/api/v1/travel/trips/${tripId}/legs/${legId}/clearance`;
    const outside = await saX.post(url, { decision: 'approve' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toBe('Only a security adviser whose scope covers Yburg may clear this leg');
    expect((await cmt.post(url, { decision: 'approve' })).statusCode).toBe(403);
    expect((await alice.post(url, { decision: 'approve' })).statusCode).toBe(403);
    expect((await fpX.post(url, { decision: 'approve' })).statusCode).toBe(403);
    const noReason = await saY.post(url, { decision: 'reject', comment: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual({ comment: 'Required when refusing clearance' });
    expect((await saY.post(url, { decision: 'maybe' })).json().error.fields).toHaveProperty('decision');
    expect((await saY.post(`/api/v1/travel/trips/${tripId}/legs/${newId()}/clearance`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await saY.get(`/api/v1/travel/trips/${tripId}`)).json().legs[0].clearance).toBe('pending');
  });

  it('clears the leg: the request is cleared, the level seen is recorded and audited', async () => {
    const legId = (await saY.get(`/api/v1/travel/trips/${tripId}`)).json().legs[0].id;
    const res = await saY.post(`/api/v1/travel/trips/${tripId}/legs/${legId}/clearance`, { decision: 'approve', comment: 'Register with the security office on arrival' });
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json();
    expect(t.status).toBe('cleared');
    expect(t.legs[0]).toMatchObject({ clearance: 'approved', decidedBy: 'sa-y@t.org', levelAtDecision: 3, comment: 'Register with the security office on arrival' });
    expect((await saY.post(`/api/v1/travel/trips/${tripId}/legs/${legId}/clearance`, { decision: 'approve' })).statusCode).toBe(409);
    const audit = await s.database.db.selectFrom('audit_events').select(['action', 'actor_email']).where('subject_id', '=', tripId).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'submit', 'clear']);
    expect((await saY.get('/api/v1/travel/clearances?status=decided')).json().map((i: { leg: { id: string } }) => i.leg.id)).toEqual([legId]);
  });

  it('never lets a traveller clear their own request, nor whoever filed it', async () => {
    const own = (await bob.post('/api/v1/travel/trips', { purpose: 'Mission', legs: [{ fromId: ids.y, toId: ids.x, departOn: d1, leaveOn: d2 }] })).json();
    await bob.post(`/api/v1/travel/trips/${own.id}/submit`);
    expect((await bob.get('/api/v1/travel/clearances')).json()).toEqual([]);
    const res = await bob.post(`/api/v1/travel/trips/${own.id}/legs/${own.legs[0].id}/clearance`, { decision: 'approve' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('You cannot clear your own travel request');
    // An administrator of entity A files for Anna (A1), and may not clear what they filed.
    const filed = await saAdmin.post('/api/v1/travel/trips', { personId: ids.pA1, purpose: 'Training', legs: [{ fromId: ids.y, toId: ids.x, departOn: d1, leaveOn: d2 }] });
    expect(filed.statusCode, filed.body).toBe(201);
    const f = (await saAdmin.post(`/api/v1/travel/trips/${filed.json().id}/submit`)).json();
    const refused = await saAdmin.post(`/api/v1/travel/trips/${f.id}/legs/${f.legs[0].id}/clearance`, { decision: 'approve' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/You filed this request/);
    // sa-x refuses Bob's visit to X with a reason: the request is refused and may be amended.
    const x = await saX.post(`/api/v1/travel/trips/${own.id}/legs/${own.legs[0].id}/clearance`, { decision: 'reject', comment: 'Curfew in force' });
    expect(x.json().status).toBe('rejected');
    const amended = (await bob.patch(`/api/v1/travel/trips/${own.id}`, { legs: [{ fromId: ids.y, toId: ids.x, departOn: d2, leaveOn: addDays(d2, 2) }] })).json();
    expect(amended).toMatchObject({ status: 'draft', startOn: d2 });
    expect(amended.legs[0].clearance).toBeNull();
    expect((await bob.post(`/api/v1/travel/trips/${own.id}/cancel`)).json().status).toBe('cancelled');
    expect((await bob.post(`/api/v1/travel/trips/${own.id}/cancel`)).statusCode).toBe(409);
    expect((await saAdmin.post(`/api/v1/travel/trips/${f.id}/cancel`)).json().status).toBe('cancelled');
  });

  it('shows trips only within scope', async () => {
    expect((await nolink.get(`/api/v1/travel/trips/${tripId}`)).statusCode).toBe(404);
    expect((await nolink.get('/api/v1/travel/trips')).json().total).toBe(0);
    expect((await nolink.post(`/api/v1/travel/trips/${tripId}/cancel`)).statusCode).toBe(404);
    expect((await cmt.post(`/api/v1/travel/trips/${tripId}/cancel`)).statusCode).toBe(403);
    const y = (await saY.get('/api/v1/travel/trips')).json();
    expect(y.items.map((t: { id: string }) => t.id)).toContain(tripId); // a destination of theirs
    const toX = (await cmt.get(`/api/v1/travel/trips?locationId=${ids.x}&status=cleared`)).json();
    expect(toX.items.map((t: { id: string }) => t.id)).toEqual([tripId]); // Alice's leg home
    expect((await cmt.get(`/api/v1/travel/trips?personId=${ids.pB}`)).json().items.map((t: { status: string }) => t.status)).toEqual(['cancelled']);
    expect((await saY.get('/api/v1/travel/trips?status=flying')).statusCode).toBe(400);
  });
});

describe('travellers are where their trip puts them', () => {
  it('counts Alice at Yburg on the trip\'s days, and at home otherwise', async () => {
    const w = (await alice.get(`/api/v1/travel/people/${ids.pA}/whereabouts?on=${during}`)).json();
    expect(w.whereabouts).toMatchObject({ source: 'trip', locationId: ids.y, tripId, from: d1, until: d2, location: { name: 'Yburg' } });
    expect((await alice.get(`/api/v1/travel/people/${ids.pA}/whereabouts`)).json().whereabouts).toMatchObject({ source: 'home', locationId: ids.x });
    // Alice, Anna and Bob are at Yburg then; Bea alone is left at Xville.
    expect(await preview(cmt, [{ type: 'location', id: ids.y }], during)).toBe(3);
    expect(await preview(cmt, [{ type: 'location', id: ids.x }], during)).toBe(1);
    expect(await preview(cmt, [{ type: 'country', code: 'CH' }], during)).toBe(3);
    expect(await preview(cmt, [{ type: 'radius', latitude: 46.2, longitude: 6.14, km: 50 }], during)).toBe(3);
    expect(await preview(cmt, [{ type: 'radius', latitude: -1.29, longitude: 36.82, km: 50 }], during)).toBe(1);
    expect(await preview(cmt, [{ type: 'location', id: ids.y }])).toBe(2);
    expect(await preview(cmt, [{ type: 'location', id: ids.y }], addDays(d2, 1))).toBe(2);
    // The preview's map places them where they are: all three at Yburg, none at their home Xville.
    const map = (await cmt.post('/api/v1/notify/audience/preview', { audience: { include: [{ type: 'location', id: ids.y }], onDate: during } })).json().byLocation;
    expect(map).toEqual([{ locationId: ids.y, count: 3 }]);
    // Exclusions follow whereabouts too: everyone but those at Yburg.
    const res = await cmt.post('/api/v1/notify/audience/preview', { audience: { include: [{ type: 'everyone' }], exclude: [{ type: 'location', id: ids.y }], onDate: during } });
    expect(res.json().recipients).toBe(1);
    expect((await cmt.post('/api/v1/notify/audience/preview', { audience: { include: [{ type: 'everyone' }], onDate: '2026-13-01' } })).json().error.fields).toHaveProperty(['audience.onDate']);
  });

  it('lets the security adviser of the destination reach the visitors present there', async () => {
    expect(await preview(saY, [{ type: 'everyone' }], during)).toBe(3);
    expect(await preview(saY, [{ type: 'everyone' }])).toBe(2);
  });

  it('lists the travellers of a day per duty station, within scope, with an export', async () => {
    const y = (await saY.get(`/api/v1/travel/travellers?on=${during}`)).json();
    expect(y.travellers.map((t: { givenName: string }) => t.givenName)).toEqual(['Alice']);
    expect(y.byStation).toEqual([expect.objectContaining({ locationId: ids.y, name: 'Yburg', count: 1, latitude: 46.2 })]);
    expect((await fpX.get(`/api/v1/travel/travellers?on=${during}`)).json().total).toBe(1); // Alice is of fp-x's duty station
    expect((await saY.get(`/api/v1/travel/travellers?on=${during}&locationId=${ids.x}`)).json().total).toBe(0);
    expect((await saY.get(`/api/v1/travel/travellers?on=${during}&countryCode=CH`)).json().total).toBe(1);
    expect((await nolink.get(`/api/v1/travel/travellers?on=${during}`)).json().total).toBe(0);
    expect((await saY.get('/api/v1/travel/travellers')).json().total).toBe(0);
    expect((await saY.get('/api/v1/travel/travellers?on=tomorrow')).statusCode).toBe(400);
    const csv = await saY.get(`/api/v1/travel/travellers/export.csv?on=${during}`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[0]).toMatch(/^day,person_id,given_name,family_name,home_duty_station,current_duty_station/);
    expect(csv.body).toContain(`${during},${ids.pA},Alice,Tester,Xville,Yburg,CH`);
    expect((await saY.get(`/api/v1/travel/travellers/export.xlsx?on=${during}`)).headers['content-type']).toMatch(/spreadsheetml/);
  });

  it('stops counting a cancelled trip', async () => {
    const other = (await alice.post('/api/v1/travel/trips', { purpose: 'Second visit', legs: [{ fromId: ids.x, toId: ids.y, departOn: addDays(d2, 5), leaveOn: addDays(d2, 6) }] })).json();
    await alice.post(`/api/v1/travel/trips/${other.id}/submit`);
    expect(await preview(cmt, [{ type: 'location', id: ids.y }], addDays(d2, 5))).toBe(3); // submitted trips count
    await alice.post(`/api/v1/travel/trips/${other.id}/cancel`);
    expect(await preview(cmt, [{ type: 'location', id: ids.y }], addDays(d2, 5))).toBe(2);
  });
});

describe('many travellers', () => {
  it('resolves audiences with hundreds of people away (id lists passed as one parameter)', async () => {
    const day = addDays(d2, 30);
    const now = new Date().toISOString();
    const people = Array.from({ length: 450 }, (_, i) => ({
      id: newId(), external_id: `BULK${i}`, kind: 'staff', given_name: `Bulk${i}`, family_name: 'Traveller', entity_id: ids.b, home_location_id: ids.x, sponsor_id: null,
      job_title: null, language: 'en', status: 'active', search_text: `bulk${i}`, created_at: now, updated_at: now,
    }));
    for (let i = 0; i < people.length; i += 150) await s.database.db.insertInto('people').values(people.slice(i, i + 150)).execute();
    // 300 go to Yburg on a submitted trip; 150 stay home.
    const trips = people.slice(0, 300).map((p) => ({ id: newId(), person_id: p.id, filed_by: 'bulk', purpose: 'Conference', status: 'submitted', start_on: day, end_on: day, submitted_at: now, created_at: now, updated_at: now }));
    const legs = trips.map((t) => ({ id: newId(), trip_id: t.id, seq: 0, from_location_id: ids.x, to_location_id: ids.y, depart_on: day, leave_on: day, clearance: 'pending', decided_by: null, decided_by_email: null, decided_at: null, comment: null, level_at_decision: null }));
    for (let i = 0; i < trips.length; i += 100) {
      await s.database.db.insertInto('trips').values(trips.slice(i, i + 100)).execute();
      await s.database.db.insertInto('trip_legs').values(legs.slice(i, i + 100)).execute();
    }
    const atY = await preview(cmt, [{ type: 'location', id: ids.y }], day);
    const atX = await preview(cmt, [{ type: 'location', id: ids.x }], day);
    expect(atY).toBe(2 + 300); // Anna and Bob, and the 300 visitors
    expect(atX).toBe(150 + 2);
    expect(await preview(saY, [{ type: 'everyone' }], day)).toBe(atY);
    await s.database.db.deleteFrom('trips').where('filed_by', '=', 'bulk').execute();
    await s.database.db.deleteFrom('people').where('external_id', 'like', 'BULK%').execute();
  });
});

describe('where I am now', () => {
  it('records a self-report, which places the person at once', async () => {
    const me = `/api/v1/travel/people/${ids.pBX}/whereabouts`;
    await createUser(s.database, 'bea@t.org', [], ids.pBX);
    const bea = await login(s.app, 'bea@t.org');
    const before = await count('person_locations');
    expect((await bea.post(me, {})).json().error.fields).toEqual({ locationId: 'Choose a duty station or give coordinates' });
    expect((await bea.post(me, { latitude: 1 })).json().error.fields).toEqual({ longitude: 'Give both latitude and longitude' });
    expect((await bea.post(me, { locationId: newId() })).json().error.fields).toEqual({ locationId: 'No such duty station' });
    expect((await bea.post(me, { locationId: ids.x1 })).json().error.fields).toEqual({ locationId: 'No such duty station' });
    expect((await bea.post(me, { latitude: 91, longitude: 0 })).statusCode).toBe(400);
    expect(await count('person_locations')).toBe(before);
    const res = await bea.post(me, { locationId: ids.y, note: 'Home leave' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ whereabouts: { source: 'self', locationId: ids.y, note: 'Home leave', latitude: 46.2 }, lastReport: { reportedBy: 'bea@t.org' }, canReport: true });
    expect(await preview(cmt, [{ type: 'location', id: ids.y }])).toBe(3);
    expect(await preview(cmt, [{ type: 'location', id: ids.x }])).toBe(1); // Alice only
    // Coordinates alone: at the duty station next to them (Xville), and within a radius.
    const near = (await bea.post(me, { latitude: -1.3, longitude: 36.8 })).json();
    expect(near.whereabouts).toMatchObject({ source: 'self', locationId: ids.x, latitude: -1.3, longitude: 36.8 });
    expect(await preview(cmt, [{ type: 'radius', latitude: -1.29, longitude: 36.82, km: 10 }])).toBe(2);
    expect(await preview(cmt, [{ type: 'location', id: ids.x }])).toBe(2);
    // …and in the field, far from any duty station: for radius rules only.
    await bea.post(me, { latitude: 0.5, longitude: 38 });
    expect(await preview(cmt, [{ type: 'location', id: ids.x }])).toBe(1);
    expect(await preview(cmt, [{ type: 'radius', latitude: 0.5, longitude: 38, km: 5 }])).toBe(1);
    const audit = await s.database.db.selectFrom('audit_events').select('action').where('subject_id', '=', ids.pBX).execute();
    expect(audit.map((a) => a.action)).toEqual(['report_location', 'report_location', 'report_location']);
  });

  it('lets people within scope record someone\'s location, and nobody else', async () => {
    const url = `/api/v1/travel/people/${ids.pA}/whereabouts`;
    expect((await nolink.post(url, { locationId: ids.x })).statusCode).toBe(404);
    expect((await nolink.get(url)).statusCode).toBe(404);
    expect((await cmt.post(url, { locationId: ids.x })).statusCode).toBe(403);
    expect((await cmt.get(url)).json().canReport).toBe(false);
    expect((await saX.post(url, { locationId: ids.x })).statusCode).toBe(201);
    expect((await saY.post(url, { locationId: ids.x })).statusCode).toBe(404); // Alice is neither of Y nor at Y today
    expect((await alice.get(`/api/v1/travel/people/${newId()}/whereabouts`)).statusCode).toBe(404);
  });
});
