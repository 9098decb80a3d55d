import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { searchTerms } from './lessons.service.js';

let s: TestServer;
let admin: Client;
let ids: TestServer['fixture']['ids'];
let planId: string;

const count = async (table: 'exercises' | 'exercise_objectives' | 'after_action_reviews' | 'corrective_actions' | 'lessons' | 'plan_review_triggers') =>
  Number((await s.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await createUser(s.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'fp-x@t.org', [{ role: 'orms_focal_point', scopeType: 'location', scopeId: ids.x }]);
  await createUser(s.database, 'bc-b@t.org', [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ids.b }]);
  await createUser(s.database, 'owner@t.org', [], ids.pBX);
  admin = await login(s.app, 'admin@t.org');
  planId = (await admin.post('/api/v1/plans', { title: 'Xville MCI plan', planTypeId: '00000000-0000-7000-8000-000000000804', locationId: ids.x, ownerPersonId: ids.pA })).json().id;
});
afterAll(async () => s.close());

const exerciseBody = (over: Record<string, unknown> = {}) => ({
  title: 'Mass-casualty drill 2026', kind: 'mass_casualty', locationId: ids.x, startsAt: '2026-05-04T09:00:00Z', endsAt: '2026-05-04T13:00:00+03:00',
  scenario: 'A bus accident at the compound gate', objectives: ['Activate the crisis hotline within 15 minutes', 'Identify and prioritize affected staff'],
  teamIds: [ids.tX], participants: [{ personId: ids.pA, role: 'controller' }, { personId: ids.pBX, role: 'participant', attended: true }], ...over,
});

describe('exercise programme', () => {
  let exerciseId: string;

  it('plans an exercise with objectives, teams, plans and participants, and records results', async () => {
    const fp = await login(s.app, 'fp-x@t.org');
    const res = await fp.post('/api/v1/exercises', exerciseBody({ planIds: [planId] }));
    expect(res.statusCode).toBe(201);
    const ex = res.json();
    exerciseId = ex.id;
    expect(ex).toMatchObject({ kind: 'mass_casualty', startsAt: '2026-05-04T09:00:00.000Z', endsAt: '2026-05-04T10:00:00.000Z', planIds: [planId], teamIds: [ids.tX] });
    expect(ex.objectives.map((o: { result: null }) => o.result)).toEqual([null, null]);
    expect(ex.participants).toEqual(expect.arrayContaining([{ personId: ids.pA, role: 'controller', attended: null }, { personId: ids.pBX, role: 'participant', attended: true }]));
    const r = await fp.put(`/api/v1/exercises/${exerciseId}/objectives/${ex.objectives[1].id}/result`, { result: 'partly', note: 'Two staff unaccounted for 40 minutes' });
    expect(r.json().objectives[1]).toMatchObject({ result: 'partly', resultNote: 'Two staff unaccounted for 40 minutes' });
    expect((await fp.put(`/api/v1/exercises/${exerciseId}/objectives/${ex.objectives[0].id}/result`, { result: 'maybe' })).statusCode).toBe(400);
    const att = await fp.patch(`/api/v1/exercises/${exerciseId}`, { status: 'conducted', participants: [{ personId: ids.pA, role: 'controller', attended: true }] });
    expect(att.json()).toMatchObject({ status: 'conducted', participants: [{ personId: ids.pA, role: 'controller', attended: true }] });
    expect((await (await login(s.app, 'bc-b@t.org')).get(`/api/v1/exercises/${exerciseId}`)).statusCode).toBe(404);
  });

  it('rejects an exercise without objectives, or ending before it starts, and writes nothing', async () => {
    const before = await Promise.all([count('exercises'), count('exercise_objectives')]);
    const none = await admin.post('/api/v1/exercises', exerciseBody({ objectives: [] }));
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields.objectives).toBe('An exercise needs at least one objective');
    const backwards = await admin.post('/api/v1/exercises', exerciseBody({ endsAt: '2026-05-03T09:00:00Z' }));
    expect(backwards.json().error.fields).toEqual({ endsAt: 'Must not be before the start' });
    const kind = await admin.post('/api/v1/exercises', exerciseBody({ kind: 'picnic' }));
    expect(kind.json().error.fields.kind).toBeDefined();
    expect(await Promise.all([count('exercises'), count('exercise_objectives')])).toEqual(before);
  });

  it('publishes the programme as an iCalendar feed', async () => {
    const res = await admin.get(`/api/v1/exercises/calendar.ics?locationId=${ids.x}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.body).toContain('BEGIN:VCALENDAR');
    expect(res.body).toContain(`UID:${exerciseId}@orms`);
    expect(res.body).toContain('DTSTART:20260504T090000Z');
    expect(res.body).toContain('LOCATION:Xville');
    expect((await (await login(s.app, 'bc-b@t.org')).get('/api/v1/exercises/calendar.ics')).body).not.toContain('BEGIN:VEVENT');
  });

  it('turns after-action findings into corrective actions; one naming a plan flags it for review', async () => {
    const fp = await login(s.app, 'fp-x@t.org');
    const before = await Promise.all([count('after_action_reviews'), count('corrective_actions'), count('plan_review_triggers')]);
    const noOwner = await fp.post('/api/v1/after-action-reviews', { kind: 'exercise', exerciseId, title: 'MCI drill AAR', eventDate: '2026-05-04', findings: [{ finding: 'Hotline opened late', action: 'Pre-assign hotline staff', dueDate: '2026-07-01' }] });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().error.fields['findings.0.ownerPersonId']).toBeDefined();
    const noExercise = await fp.post('/api/v1/after-action-reviews', { kind: 'exercise', title: 'AAR', eventDate: '2026-05-04' });
    expect(noExercise.json().error.fields.exerciseId).toBeDefined();
    expect(await Promise.all([count('after_action_reviews'), count('corrective_actions'), count('plan_review_triggers')])).toEqual(before);

    const res = await fp.post('/api/v1/after-action-reviews', {
      kind: 'exercise', exerciseId, title: 'MCI drill AAR', eventDate: '2026-05-04',
      whatHappened: 'Simulated bus accident', whatWorked: 'Security control room', whatDidNot: 'Hotline staffing',
      findings: [
        { finding: 'Hotline opened late', action: 'Pre-assign hotline staff in the MCI plan', ownerPersonId: ids.pBX, dueDate: '2001-07-01', planId },
        { finding: 'Radios had flat batteries', action: 'Monthly radio check', ownerPersonId: ids.pA, dueDate: '2999-01-01' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const aar = res.json();
    expect(aar.locationId).toBe(ids.x); // from the exercise
    expect(aar.actions.map((a: { status: string; overdue: boolean }) => [a.status, a.overdue])).toEqual([['open', true], ['open', false]]);
    const plan = (await admin.get(`/api/v1/plans/${planId}`)).json();
    expect(plan).toMatchObject({ reviewTriggeredBy: 'exercise_finding', reviewTriggerNote: 'MCI drill AAR: Hotline opened late' });
    const triggers = (await admin.get(`/api/v1/plans/${planId}/review-triggers`)).json();
    expect(triggers[0]).toMatchObject({ trigger: 'exercise_finding', sourceType: 'corrective_action', sourceId: aar.actions[0].id });

    const list = (await fp.get('/api/v1/corrective-actions?overdue=true')).json();
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([aar.actions[0].id]);
    // The owner closes the action; the closing date defaults to today.
    const owner = await login(s.app, 'owner@t.org');
    const closed = await owner.patch(`/api/v1/corrective-actions/${aar.actions[0].id}`, { status: 'done' });
    expect(closed.json()).toMatchObject({ status: 'done', overdue: false, closedOn: new Date().toISOString().slice(0, 10) });
    expect((await owner.patch(`/api/v1/corrective-actions/${aar.actions[1].id}`, { status: 'done' })).statusCode).toBe(404);
    const reopen = await fp.patch(`/api/v1/corrective-actions/${aar.actions[1].id}`, { closedOn: '2026-01-01' });
    expect(reopen.json().error.fields.closedOn).toBeDefined();
    const audit = (await admin.get(`/api/v1/audit?subjectType=corrective_action&subjectId=${aar.actions[0].id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['update']);
  });

  it('reviews a real event without an exercise', async () => {
    const res = await admin.post('/api/v1/after-action-reviews', { kind: 'real_event', title: 'Power cut of 3 March', eventDate: '2026-03-03', entityId: ids.a, findings: [{ finding: 'Generator did not start', action: 'Service contract', ownerPersonId: ids.pA, dueDate: '2026-09-01', planId }] });
    expect(res.statusCode).toBe(201);
    expect((await admin.get(`/api/v1/plans/${planId}`)).json().reviewTriggeredBy).toBe('real_event');
  });
});

describe('lessons-learned library', () => {
  it('is shared across entities, taggable and searchable with the database full-text index', async () => {
    const fp = await login(s.app, 'fp-x@t.org');
    const bad = await fp.post('/api/v1/lessons', { title: 'x', body: 'y', category: 'gossip' });
    expect(bad.json().error.fields.category).toBeDefined();
    const mk = (title: string, body: string, category: string, tags: string[]) => fp.post('/api/v1/lessons', { title, body, category, tags, locationId: ids.x });
    const a = (await mk('Pre-assign hotline staff', 'The crisis hotline opened 40 minutes late because nobody was rostered.', 'communications', ['hotline', 'mci'])).json();
    await mk('Test generators monthly', 'The generator failed during the power cut; monthly tests would have found the flat battery.', 'internal_capacity', ['power']);
    await mk('Télétravail', 'Les équipes ont poursuivi le travail à distance grâce au VPN.', 'remote_working', ['vpn']);
    const b = await login(s.app, 'bc-b@t.org');
    const found = (await b.get('/api/v1/lessons?q=hotline')).json();
    expect(found.items.map((l: { id: string }) => l.id)).toEqual([a.id]);
    expect((await b.get('/api/v1/lessons?q=gener')).json().items[0].title).toBe('Test generators monthly'); // prefix
    expect((await b.get('/api/v1/lessons?q=equipes')).json().items[0].title).toBe('Télétravail'); // accents folded
    expect((await b.get('/api/v1/lessons?q=hotline%20generator')).json().items).toEqual([]); // every word must match
    expect((await b.get('/api/v1/lessons?q=%22OR%20*%3A')).statusCode).toBe(200); // FTS syntax is not injected
    expect((await b.get('/api/v1/lessons?tag=power')).json().items.map((l: { title: string }) => l.title)).toEqual(['Test generators monthly']);
    expect((await b.get('/api/v1/lessons?category=remote_working&q=vpn')).json().total).toBe(1);
    const upd = await fp.patch(`/api/v1/lessons/${a.id}`, { body: 'Rosters for the call centre now exist.', tags: ['callcentre'] });
    expect(upd.json().tags).toEqual(['callcentre']);
    expect((await b.get('/api/v1/lessons?q=hotline')).json().items.map((l: { id: string }) => l.id)).toEqual([a.id]); // title still matches
    expect((await b.get('/api/v1/lessons?q=rostered')).json().items).toEqual([]); // the old body is gone from the index
    expect((await b.get('/api/v1/lessons?q=rosters')).json().items.map((l: { id: string }) => l.id)).toEqual([a.id]);
    expect((await b.post('/api/v1/lessons', { title: 'x', body: 'y', category: 'communications', locationId: ids.x })).statusCode).toBe(403);
    expect(searchTerms('Crisis-hotline, "staff" *')).toEqual(['crisis', 'hotline', 'staff']);
  });
});
