import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, snapshotCounts, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import ExcelJS from 'exceljs';
import { DEFAULT_MATRIX } from '../../domain/risk/matrix.js';

let s: TestServer;
let admin: Client;
let ids: TestServer['fixture']['ids'];

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await createUser(s.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'bc-a@t.org', [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ids.a }]);
  await createUser(s.database, 'bc-b@t.org', [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ids.b }]);
  await createUser(s.database, 'fp-x@t.org', [{ role: 'orms_focal_point', scopeType: 'location', scopeId: ids.x }]);
  await createUser(s.database, 'viewer-y@t.org', [{ role: 'viewer', scopeType: 'location', scopeId: ids.y }]);
  admin = await login(s.app, 'admin@t.org');
});
afterAll(async () => s.close());

const riskBody = (over: Record<string, unknown> = {}) => ({
  title: 'Flooding of the server room', cause: 'Heavy rain', event: 'Water enters the basement', consequence: 'ICT outage',
  components: ['itdr', 'premises'], inherent: { likelihood: 4, impact: 4 }, residual: { likelihood: 2, impact: 4 }, ...over,
});

describe('risk registers', () => {
  it('rates a risk on the matrix and keeps every rating', async () => {
    const c = await login(s.app, 'bc-a@t.org');
    const res = await c.post('/api/v1/risks', riskBody({ entityId: ids.a, locationId: ids.x, reviewDue: '2020-01-01' }));
    expect(res.statusCode).toBe(201);
    const risk = res.json();
    expect(risk.inherent).toEqual({ likelihood: 4, impact: 4, level: 'high', band: 'high' });
    expect(risk.residual).toEqual({ likelihood: 2, impact: 4, level: 'medium', band: 'medium' });
    expect(risk.reviewOverdue).toBe(true);
    const upd = await c.patch(`/api/v1/risks/${risk.id}`, { residual: { likelihood: 1, impact: 4 } });
    expect(upd.json().residual.band).toBe('low');
    const history = (await c.get(`/api/v1/risks/${risk.id}/ratings`)).json();
    expect(history.map((h: { kind: string; band: string }) => `${h.kind}:${h.band}`)).toEqual(['inherent:high', 'residual:medium', 'residual:low']);
    const audit = (await admin.get(`/api/v1/audit?subjectType=risk&subjectId=${risk.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
  });

  it('rejects ratings outside the matrix and writes nothing', async () => {
    const before = await snapshotCounts(s.database);
    const res = await admin.post('/api/v1/risks', riskBody({ entityId: ids.a, inherent: { likelihood: 6, impact: 0 } }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ 'inherent.likelihood': 'Must be an integer from 1 to 5', 'inherent.impact': 'Must be an integer from 1 to 5' });
    const noComponent = await admin.post('/api/v1/risks', riskBody({ entityId: ids.a, components: [] }));
    expect(noComponent.json().error.fields.components).toMatch(/at least one/);
    const nowhere = await admin.post('/api/v1/risks', riskBody());
    expect(nowhere.json().error.fields.entityId).toBeDefined();
    expect(await snapshotCounts(s.database)).toEqual(before);
    const risks = await s.database.db.selectFrom('risks').select('id').where('title', '=', 'x').execute();
    expect(risks).toEqual([]);
  });

  it('never re-scores a risk when its matrix gets a new version', async () => {
    const old = (await admin.post('/api/v1/risks', riskBody({ entityId: ids.b, inherent: { likelihood: 3, impact: 3 }, residual: null }))).json();
    expect(old.inherent.band).toBe('medium');
    const strict = structuredClone(DEFAULT_MATRIX);
    strict.cells[2]![2] = 'very_high';
    const v2 = await admin.post('/api/v1/risk/matrices', { key: 'default', name: 'Stricter', definition: strict });
    expect(v2.statusCode).toBe(201);
    expect(v2.json().version).toBe(2);
    expect((await admin.get(`/api/v1/risks/${old.id}`)).json().inherent.band).toBe('medium');
    const fresh = (await admin.post('/api/v1/risks', riskBody({ entityId: ids.b, inherent: { likelihood: 3, impact: 3 }, residual: null }))).json();
    expect(fresh.inherent.band).toBe('very_high');
    expect(fresh.matrixId).toBe(v2.json().id);
    const bad = await admin.post('/api/v1/risk/matrices', { key: 'default', name: 'Broken', definition: { ...strict, cells: [['nope']] } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toContain('definition.cells');
    const notAdmin = await (await login(s.app, 'bc-a@t.org')).post('/api/v1/risk/matrices', { key: 'mine', name: 'Mine', definition: strict });
    expect(notAdmin.statusCode).toBe(403);
    // Each version says how many risks were rated on it: they keep it.
    const versions = (await admin.get('/api/v1/risk/matrices')).json();
    expect(versions.map((m: { version: number }) => m.version)).toEqual([2, 1]);
    expect(versions[0].usage.risks).toBe(1);
    expect(versions[1].usage.risks).toBeGreaterThanOrEqual(2);
  });
});

describe('treatments', () => {
  let riskId: string;
  beforeAll(async () => { riskId = (await admin.post('/api/v1/risks', riskBody({ entityId: ids.a }))).json().id; });

  it('needs an owner and dates in order', async () => {
    const before = await snapshotCounts(s.database);
    const noOwner = await admin.post(`/api/v1/risks/${riskId}/treatments`, { action: 'Move servers upstairs' });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.json().error.fields.ownerPersonId).toBeDefined();
    const order = await admin.post(`/api/v1/risks/${riskId}/treatments`, { action: 'Pumps', ownerPersonId: ids.pA, startDate: '2026-05-01', dueDate: '2026-04-01' });
    expect(order.json().error.fields).toEqual({ dueDate: 'Must not be before the start date' });
    const cost = await admin.post(`/api/v1/risks/${riskId}/treatments`, { action: 'Pumps', ownerPersonId: ids.pA, cost: -5, currency: 'USD' });
    expect(cost.json().error.fields.cost).toBeDefined();
    expect(await snapshotCounts(s.database)).toEqual(before);
  });

  it('lists overdue treatments first', async () => {
    const later = await admin.post(`/api/v1/risks/${riskId}/treatments`, { action: 'Later', ownerPersonId: ids.pA, dueDate: '2999-01-01' });
    const late = await admin.post(`/api/v1/risks/${riskId}/treatments`, { action: 'Late', ownerPersonId: ids.pA, dueDate: '2001-01-01', cost: 1200, currency: 'USD' });
    await admin.post(`/api/v1/risks/${riskId}/treatments`, { action: 'Done long ago', ownerPersonId: ids.pA, dueDate: '2000-01-01', status: 'done', completedOn: '2000-01-01' });
    expect(late.json().overdue).toBe(true);
    const list = (await admin.get(`/api/v1/treatments?riskId=${riskId}`)).json();
    expect(list.items.map((t: { action: string }) => t.action)).toEqual(['Late', 'Done long ago', 'Later']);
    expect((await admin.get(`/api/v1/treatments?riskId=${riskId}&overdue=true`)).json().items.map((t: { action: string }) => t.action)).toEqual(['Late']);
    const done = await admin.patch(`/api/v1/treatments/${later.json().id}`, { status: 'done' });
    expect(done.json().error.fields.completedOn).toBeDefined();
  });

  it('exports the tracker in its order with the owner\'s name', async () => {
    const csv = await admin.get(`/api/v1/treatments/export.csv?riskId=${riskId}`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('id,risk_id,risk_title,action,owner_person_id,owner_name,start_date,due_date,status,cost,currency,completed_on,overdue');
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['Late', 'Done long ago', 'Later']);
    expect(lines[1]).toContain(',1200,USD,');
    expect(lines[1]).toMatch(/,1$/); // overdue
    const owner = (await admin.get(`/api/v1/people/${ids.pA}`)).json();
    expect(lines[1]).toContain(`"${owner.familyName}, ${owner.givenName}"`);
    const other = await (await login(s.app, 'bc-b@t.org')).get(`/api/v1/treatments/export.csv?riskId=${riskId}`);
    expect(other.body.trim().split('\n')).toHaveLength(1); // A's private risk: B exports nothing of it
  });
});

describe('joint risk assessment', () => {
  it('lets two entities rate the same scenario and shares it with them only', async () => {
    const ja = await admin.post('/api/v1/joint-assessments', { title: 'Xville 2026', locationId: ids.x, assessedOn: '2026-03-01', entityIds: [ids.a, ids.b] });
    expect(ja.statusCode).toBe(201);
    const scenario = (await admin.post('/api/v1/risks', riskBody({ title: 'Civil unrest near compound', jointAssessmentId: ja.json().id, components: ['security'], inherent: { likelihood: 2, impact: 2 }, residual: null }))).json();
    expect(scenario.locationId).toBe(ids.x);
    const a = await login(s.app, 'bc-a@t.org');
    const b = await login(s.app, 'bc-b@t.org');
    expect((await a.post(`/api/v1/risks/${scenario.id}/ratings`, { kind: 'inherent', likelihood: 3, impact: 4, entityId: ids.a })).statusCode).toBe(201);
    const rated = await b.post(`/api/v1/risks/${scenario.id}/ratings`, { kind: 'inherent', likelihood: 2, impact: 3, entityId: ids.b });
    expect(rated.json().inherent).toMatchObject({ likelihood: 3, impact: 4 }); // the worst of the two counts
    const forOther = await b.post(`/api/v1/risks/${scenario.id}/ratings`, { kind: 'inherent', likelihood: 1, impact: 1, entityId: ids.a });
    expect(forOther.statusCode).toBe(403);
    const noEntity = await b.post(`/api/v1/risks/${scenario.id}/ratings`, { kind: 'inherent', likelihood: 1, impact: 1 });
    expect(noEntity.json().error.fields.entityId).toBeDefined();

    // B sees the shared scenario but not A's private register; the station's focal point sees the scenario too.
    const privateA = (await a.post('/api/v1/risks', riskBody({ title: 'A private risk', entityId: ids.a, locationId: ids.x }))).json();
    const seenByB = (await b.get('/api/v1/risks?pageSize=200')).json().items.map((r: { id: string }) => r.id);
    expect(seenByB).toContain(scenario.id);
    expect(seenByB).not.toContain(privateA.id);
    expect((await b.get(`/api/v1/risks/${privateA.id}`)).statusCode).toBe(404);
    const seenByX = (await (await login(s.app, 'fp-x@t.org')).get('/api/v1/risks?pageSize=200')).json().items.map((r: { id: string }) => r.id);
    expect(seenByX).toContain(scenario.id);
    expect(seenByX).not.toContain(privateA.id);
    const seenByY = (await (await login(s.app, 'viewer-y@t.org')).get('/api/v1/risks?pageSize=200')).json();
    expect(seenByY.items).toEqual([]);
    const one = await admin.post('/api/v1/joint-assessments', { title: 'Solo', locationId: ids.x, assessedOn: '2026-03-01', entityIds: [ids.a] });
    expect(one.json().error.fields.entityIds).toBeDefined();

    // Side by side: each entity's latest rating of the scenario.
    await a.post(`/api/v1/risks/${scenario.id}/ratings`, { kind: 'inherent', likelihood: 4, impact: 4, entityId: ids.a, note: 'Revised after the workshop' });
    await a.post(`/api/v1/risks/${scenario.id}/ratings`, { kind: 'residual', likelihood: 2, impact: 4, entityId: ids.a });
    const side = (await b.get(`/api/v1/joint-assessments/${ja.json().id}/ratings`)).json();
    const cell = (entity: string, kind: string) => side.find((r: { entityId: string; kind: string }) => r.entityId === entity && r.kind === kind);
    expect(side).toHaveLength(3);
    expect(cell(ids.a, 'inherent')).toMatchObject({ riskId: scenario.id, likelihood: 4, impact: 4, band: 'high', note: 'Revised after the workshop' });
    expect(cell(ids.b, 'inherent')).toMatchObject({ likelihood: 2, impact: 3 });
    expect(cell(ids.a, 'residual')).toMatchObject({ likelihood: 2, impact: 4, band: 'medium' });
    expect((await (await login(s.app, 'viewer-y@t.org')).get(`/api/v1/joint-assessments/${ja.json().id}/ratings`)).statusCode).toBe(404);
  });

  it('changes status and participants, keeping every entity that has rated', async () => {
    const ja = (await admin.post('/api/v1/joint-assessments', { title: 'Xville 2027', locationId: ids.x, assessedOn: '2027-03-01', entityIds: [ids.a, ids.b] })).json();
    const scenario = (await admin.post('/api/v1/risks', riskBody({ jointAssessmentId: ja.id, inherent: { likelihood: 2, impact: 2 }, residual: null }))).json();
    await (await login(s.app, 'bc-b@t.org')).post(`/api/v1/risks/${scenario.id}/ratings`, { kind: 'inherent', likelihood: 2, impact: 2, entityId: ids.b });
    const fp = await login(s.app, 'fp-x@t.org');
    const before = await snapshotCounts(s.database);
    const drop = await fp.patch(`/api/v1/joint-assessments/${ja.id}`, { entityIds: [ids.a, ids.a1] });
    expect(drop.statusCode).toBe(400);
    expect(drop.json().error.fields.entityIds).toMatch(/already rated/);
    const bad = await fp.patch(`/api/v1/joint-assessments/${ja.id}`, { status: 'finished', assessedOn: '2027-13-01' });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['assessedOn', 'status']);
    expect(await snapshotCounts(s.database)).toEqual(before);
    const ok = await fp.patch(`/api/v1/joint-assessments/${ja.id}`, { status: 'completed', entityIds: [ids.a, ids.b, ids.a1] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'completed' });
    expect(ok.json().entityIds.sort()).toEqual([ids.a, ids.b, ids.a1].sort());
    expect((await (await login(s.app, 'viewer-y@t.org')).patch(`/api/v1/joint-assessments/${ja.id}`, { status: 'planned' })).statusCode).toBe(404);
    const listed = (await fp.get(`/api/v1/joint-assessments?locationId=${ids.x}&status=completed`)).json();
    expect(listed.items.map((j: { id: string }) => j.id)).toEqual([ja.id]);
    const audit = (await admin.get(`/api/v1/audit?subjectType=joint_assessment&subjectId=${ja.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
  });
});

describe('heat map', () => {
  it('counts visible open risks per cell and band', async () => {
    const all = (await admin.get('/api/v1/risk/heatmap?kind=inherent')).json();
    const listed = (await admin.get('/api/v1/risks?pageSize=500')).json().items.filter((r: { status: string }) => r.status !== 'closed');
    expect(all.total).toBe(listed.length);
    expect(all.cells.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(listed.length);
    const onlyB = (await (await login(s.app, 'bc-b@t.org')).get('/api/v1/risk/heatmap?kind=inherent')).json();
    expect(onlyB.total).toBeLessThan(all.total);
    const itdr = (await admin.get('/api/v1/risk/heatmap?kind=residual&component=itdr')).json();
    expect(itdr.total).toBeGreaterThan(0);
    expect((await admin.get('/api/v1/risk/heatmap?component=weather')).statusCode).toBe(400);
  });
});

describe('risk map and export', () => {
  it('gives each duty station its worst visible residual risk and exports the register', async () => {
    const summary = (await admin.get('/api/v1/risk/locations')).json();
    const x = summary.find((l: { locationId: string }) => l.locationId === ids.x);
    expect(x.openRisks).toBeGreaterThan(0);
    expect(['very_low', 'low', 'medium', 'high', 'very_high', 'unacceptable']).toContain(x.worstResidual);
    const b = (await (await login(s.app, 'bc-b@t.org')).get('/api/v1/risk/locations')).json();
    const bx = b.find((l: { locationId: string }) => l.locationId === ids.x);
    expect(bx.openRisks).toBeLessThan(x.openRisks); // A's private risks at X are not counted for B
    const csv = await admin.get('/api/v1/risks/export.csv?component=itdr');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toMatch(/^id,title,cause/);
    const listed = (await admin.get('/api/v1/risks?component=itdr&pageSize=500')).json();
    expect(lines.length - 1).toBe(listed.total);
    const xlsx = await admin.get('/api/v1/risks/export.xlsx?component=itdr');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Risk register')!;
    expect(sheet.rowCount).toBe(listed.total + 1);
    expect(sheet.getRow(1).getCell(2).value).toBe('title');
  });
});
