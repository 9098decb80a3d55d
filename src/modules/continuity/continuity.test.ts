import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createUser, login, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { addDataCentreStations, continuitySnapshot } from '../../../test/continuity.js';
import { DEFAULT_IMPACT_DIMENSIONS } from '../../domain/continuity/bia.js';

let s: TestServer;
let ids: TestServer['fixture']['ids'];
let admin: Client;
let bcA: Client;
let dc: Awaited<ReturnType<typeof addDataCentreStations>>;

/** Ratings of every dimension: 2 until the time point `intolerableAt` (index), 4 from then on. */
const curve = (intolerableAt: number) => Object.fromEntries(DEFAULT_IMPACT_DIMENSIONS.map((d) => [d, [0, 1, 2, 3, 4].map((i) => (i >= intolerableAt ? 4 : 2))]));
const complete = (intolerableAt: number, over: Record<string, unknown> = {}) => ({
  impactRatings: curve(intolerableAt), rtoHours: 12, rpoHours: 4, minimumStaff: 2, staffCount: 10, remoteWork: 'partial', ...over,
});

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  dc = await addDataCentreStations(s.database);
  await createUser(s.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'bc-a@t.org', [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ids.a }]);
  await createUser(s.database, 'bc-b@t.org', [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ids.b }]);
  await createUser(s.database, 'ea-b@t.org', [{ role: 'entity_admin', scopeType: 'entity', scopeId: ids.b }]);
  await createUser(s.database, 'fp-x@t.org', [{ role: 'orms_focal_point', scopeType: 'location', scopeId: ids.x }]);
  await createUser(s.database, 'viewer-a@t.org', [{ role: 'viewer', scopeType: 'entity', scopeId: ids.a }]);
  await createUser(s.database, 'cmt-a@t.org', [{ role: 'crisis_team_member', scopeType: 'entity', scopeId: ids.a }]);
  await createUser(s.database, 'staff-a@t.org', [{ role: 'staff', scopeType: 'entity', scopeId: ids.a }]);
  // The owner of the payroll process: a staff member linked to person pA.
  await createUser(s.database, 'owner@t.org', [{ role: 'staff', scopeType: 'entity', scopeId: ids.a }], ids.pA);
  admin = await login(s.app, 'admin@t.org');
  bcA = await login(s.app, 'bc-a@t.org');
});
afterAll(async () => s.close());

const api = (path: string) => `/api/v1/continuity${path}`;
async function created(res: { statusCode: number; body: string; json(): any }) {
  if (res.statusCode !== 201) throw new Error(`expected 201, got ${res.statusCode}: ${res.body}`);
  return res.json();
}

describe('BIA campaign and questionnaire flow', () => {
  let campaign: { id: string };
  let payroll: { id: string };

  it('creates a campaign and a process owned by a person linked to a user, and audits both', async () => {
    campaign = await created(await bcA.post(api('/campaigns'), { name: 'Entity A BIA 2026', entityId: ids.a, locationId: ids.x, periodStart: '2026-01-01', periodEnd: '2026-06-30' }));
    expect(campaign).toMatchObject({ status: 'draft', timePointsHours: [4, 24, 72, 168, 720] });
    payroll = await created(await bcA.post(api('/processes'), { campaignId: campaign.id, name: 'Payroll', description: 'Monthly salaries', ownerPersonId: ids.pA }));
    expect(payroll).toMatchObject({ locationId: ids.x, entityId: ids.a, questionnaireStatus: 'not_started', questionnaireProgress: 0, mtpdHours: null });
    const audit = (await admin.get(`/api/v1/audit?subjectType=bc_process&subjectId=${payroll.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('lets the owner save progress; MTPD is derived from the impact curve and RTO ≤ MTPD holds', async () => {
    const owner = await login(s.app, 'owner@t.org');
    expect((await owner.get(api(`/processes/${payroll.id}`))).statusCode).toBe(200);
    const partial = await owner.put(api(`/processes/${payroll.id}/questionnaire`), { impactRatings: { financial: [2, 3, 4, null, null] } });
    expect(partial.statusCode).toBe(200);
    expect(partial.json()).toMatchObject({ mtpdHours: 72, questionnaireStatus: 'in_progress', incompleteSections: ['impacts', 'objectives', 'staffing'] });
    expect(partial.json().questionnaireProgress).toBeGreaterThan(0);
    const early = await owner.post(api(`/processes/${payroll.id}/submit`));
    expect(early.statusCode).toBe(400);
    expect(Object.keys(early.json().error.fields)).toEqual(['impactRatings', 'rtoHours', 'minimumStaff']);
    const full = await owner.put(api(`/processes/${payroll.id}/questionnaire`), complete(1, { peakPeriods: ['month end'], vitalRecords: ['Payroll master file'] }));
    expect(full.json()).toMatchObject({ mtpdHours: 24, rtoHours: 12, questionnaireProgress: 100, incompleteSections: [] });
    // The owner may answer, not manage: renaming or deleting is for BC editors.
    expect((await owner.patch(api(`/processes/${payroll.id}`), { name: 'Mine' })).statusCode).toBe(403);
    expect((await owner.delete(api(`/processes/${payroll.id}`))).statusCode).toBe(403);
    expect((await owner.post(api(`/processes/${payroll.id}/submit`))).json().questionnaireStatus).toBe('submitted');
    const audit = (await admin.get(`/api/v1/audit?subjectType=bc_process&subjectId=${payroll.id}`)).json();
    expect(audit.items.map((e: { action: string; actorEmail: string }) => `${e.action}:${e.actorEmail}`)).toEqual(['submit:owner@t.org', 'answer:owner@t.org', 'answer:owner@t.org', 'create:bc-a@t.org']);
  });

  it('submits the campaign only when every questionnaire is in, approves it and locks the answers', async () => {
    const other = await created(await bcA.post(api('/processes'), { campaignId: campaign.id, name: 'Security communications' }));
    const early = await bcA.post(api(`/campaigns/${campaign.id}/submit`));
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields.processes).toMatch(/Security communications/);
    await bcA.put(api(`/processes/${other.id}/questionnaire`), complete(0, { rtoHours: 2 }));
    expect((await bcA.post(api(`/processes/${other.id}/submit`))).statusCode).toBe(200);
    expect((await bcA.post(api(`/campaigns/${campaign.id}/approve`))).statusCode).toBe(409);
    expect((await bcA.post(api(`/campaigns/${campaign.id}/submit`))).json()).toMatchObject({ status: 'in_review', submittedBy: 'bc-a@t.org' });
    const locked = await (await login(s.app, 'owner@t.org')).put(api(`/processes/${payroll.id}/questionnaire`), { rtoHours: 1 });
    expect(locked.statusCode).toBe(409);
    expect((await (await login(s.app, 'viewer-a@t.org')).post(api(`/campaigns/${campaign.id}/approve`))).statusCode).toBe(403);
    const approved = (await bcA.post(api(`/campaigns/${campaign.id}/approve`))).json();
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'bc-a@t.org' });
    expect(approved.approvedAt).toBeTruthy();
    expect((await bcA.post(api(`/campaigns/${campaign.id}/reopen`))).json().status).toBe('draft');
    const audit = (await admin.get(`/api/v1/audit?subjectType=bc_campaign&subjectId=${campaign.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['reopen', 'approve', 'submit', 'create']);
  });

  it('re-derives every MTPD when the organization changes its intolerable level, never breaking RTO ≤ MTPD', async () => {
    expect((await bcA.put(api('/settings'), { intolerableLevel: 3 })).statusCode).toBe(403);
    const bad = await admin.put(api('/settings'), { intolerableLevel: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.intolerableLevel).toMatch(/RTO of \d+ process/);
    expect((await admin.put(api('/settings'), { intolerableLevel: 5 })).json().intolerableLevel).toBe(5);
    expect((await bcA.get(api(`/processes/${payroll.id}`))).json().mtpdHours).toBeNull(); // nothing is ever rated 5
    expect((await admin.put(api('/settings'), { intolerableLevel: 4 })).statusCode).toBe(200);
    expect((await bcA.get(api(`/processes/${payroll.id}`))).json().mtpdHours).toBe(24);
    expect((await admin.put(api('/settings'), { intolerableLevel: 6 })).statusCode).toBe(400);
  });

  it('lists processes with filters and sorts', async () => {
    const list = (await bcA.get(api(`/processes?campaignId=${campaign.id}&sort=-mtpd`))).json();
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(['Payroll', 'Security communications']);
    expect((await bcA.get(api('/processes?q=payroll'))).json().total).toBe(1);
    expect((await bcA.get(api(`/processes?ownerPersonId=${ids.pA}`))).json().items.map((p: { id: string }) => p.id)).toEqual([payroll.id]);
    expect((await bcA.get(api('/processes?questionnaireStatus=submitted'))).json().total).toBe(2);
    expect((await bcA.get(api('/processes?sort=nope'))).statusCode).toBe(400);
  });
});

describe('bad input: a clear 400 naming the field, nothing written', () => {
  let campaignId: string;
  let processId: string;
  beforeAll(async () => {
    campaignId = (await created(await bcA.post(api('/campaigns'), { name: 'Bad input BIA', entityId: ids.a }))).id;
    processId = (await created(await bcA.post(api('/processes'), { campaignId, name: 'Procurement', impactRatings: curve(2) }))).id;
  });

  const rejects = async (res: Promise<{ statusCode: number; json(): any }>, fields: Record<string, RegExp | string>) => {
    const before = await continuitySnapshot(s.database);
    const r = await res;
    expect(r.statusCode).toBe(400);
    const got = r.json().error.fields;
    for (const [k, v] of Object.entries(fields)) expect(got[k], `${k} in ${JSON.stringify(got)}`).toMatch(v);
    expect(await continuitySnapshot(s.database)).toEqual(before);
  };

  it('RTO beyond the MTPD', () => rejects(bcA.put(api(`/processes/${processId}/questionnaire`), { rtoHours: 100 }), { rtoHours: /must not exceed the MTPD \(72 h\)/ }));
  it('RTO beyond the MTPD on creation', () => rejects(bcA.post(api('/processes'), { campaignId, name: 'X', impactRatings: curve(0), rtoHours: 5 }), { rtoHours: /MTPD \(4 h\)/ }));
  it('a negative RPO', () => rejects(bcA.patch(api(`/processes/${processId}`), { rpoHours: -1 }), { rpoHours: /zero or a positive/ }));
  it('impact ratings off the 1–5 scale', () => rejects(
    bcA.put(api(`/processes/${processId}/questionnaire`), { impactRatings: { financial: [1, 6, 0, 2.5, 3], weather: [1, 1, 1, 1, 1], safety: [1, 2] } }),
    { 'impactRatings.financial.1': /integer from 1 to 5/, 'impactRatings.financial.2': /1 to 5/, 'impactRatings.financial.3': /1 to 5/, 'impactRatings.weather': /Unknown impact dimension/, 'impactRatings.safety': /One rating per time point/ },
  ));
  it('a dependency on a missing node', () => rejects(bcA.post(api('/dependencies'), { fromId: processId, toId: '01900000-0000-7000-8000-000000000000' }), { toId: /missing node/ }));
  it('a dependency on a node of another entity (reads as missing)', async () => {
    const bProcess = await created(await (await login(s.app, 'bc-b@t.org')).post(api('/processes'), {
      campaignId: (await created(await (await login(s.app, 'bc-b@t.org')).post(api('/campaigns'), { name: 'B BIA', entityId: ids.b }))).id, name: 'B secret process',
    }));
    await rejects(bcA.post(api('/dependencies'), { fromId: processId, toId: bProcess.id }), { toId: /missing node/ });
  });
  it('a self-loop', () => rejects(bcA.post(api('/dependencies'), { fromId: processId, toId: processId }), { toId: /cannot depend on itself/ }));
  it('a negative tolerance and a bad alternate', () => rejects(
    bcA.post(api('/dependencies'), { fromId: processId, toId: ids.x1, neededWithinHours: -2, alternates: [{ nodeId: processId, readiness: 'ready', activationHours: 0 }] }),
    { neededWithinHours: /zero or a positive/, 'alternates.0.nodeId': /another node/ },
  ));
  it('a process depending on a duty station', () => rejects(bcA.post(api('/dependencies'), { fromId: processId, toId: ids.y }), { toId: /cannot depend on a duty_station/ }));
  it('a campaign with neither entity nor duty station', () => rejects(bcA.post(api('/campaigns'), { name: 'Nowhere' }), { entityId: /entity, a duty station/ }));
  it('a campaign at premises instead of a duty station', () => rejects(admin.post(api('/campaigns'), { name: 'Compound', locationId: ids.x1, timePointsHours: [4, 2] }), { locationId: /duty station/, 'timePointsHours.1': /later than/ }));
  it('a DR test without the recovery time', async () => {
    const app = await created(await bcA.post(api('/applications'), { name: 'Local file server', entityId: ids.a, criticality: 'medium' }));
    await rejects(bcA.post(api(`/applications/${app.id}/dr-tests`), { testedOn: '2026-01-10', result: 'pass' }), { achievedRtoHours: /how long/ });
  });
  it('a staff loss beyond 100 % and an unknown node in a scenario', () => rejects(
    admin.post(api('/simulate'), { staffLossPercent: 120, lostNodeIds: ['nope'] }), { staffLossPercent: /0 to 100/, 'lostNodeIds.0': /Unknown node/ },
  ));
  it('allows cycles', async () => {
    const other = await created(await bcA.post(api('/processes'), { campaignId, name: 'Procurement approvals' }));
    expect((await bcA.post(api('/dependencies'), { fromId: processId, toId: other.id, neededWithinHours: 24 })).statusCode).toBe(201);
    expect((await bcA.post(api('/dependencies'), { fromId: other.id, toId: processId, neededWithinHours: 24 })).statusCode).toBe(201);
    const dup = await bcA.post(api('/dependencies'), { fromId: other.id, toId: processId });
    expect(dup.json().error.fields.toId).toMatch(/Already/);
  });
});

describe('authorization matrix', () => {
  let campaignA: string, processA: string, campaignX: string, campaignB: string;
  beforeAll(async () => {
    campaignA = (await created(await bcA.post(api('/campaigns'), { name: 'Matrix A', entityId: ids.a, locationId: ids.x }))).id;
    processA = (await created(await bcA.post(api('/processes'), { campaignId: campaignA, name: 'Matrix process A' }))).id;
    campaignX = (await created(await (await login(s.app, 'fp-x@t.org')).post(api('/campaigns'), { name: 'Xville joint BIA', locationId: ids.x }))).id;
    campaignB = (await created(await (await login(s.app, 'bc-b@t.org')).post(api('/campaigns'), { name: 'Matrix B', entityId: ids.b, locationId: ids.x }))).id;
  });

  // [user, reads A, writes A, reads station-only X, reads B]
  const matrix: [string, boolean, boolean, boolean, boolean][] = [
    ['admin@t.org', true, true, true, true],
    ['bc-a@t.org', true, true, false, false],
    ['bc-b@t.org', false, false, false, true],
    ['ea-b@t.org', false, false, false, true],
    ['fp-x@t.org', false, false, true, false],
    ['viewer-a@t.org', true, false, false, false],
    ['cmt-a@t.org', true, false, false, false],
    ['staff-a@t.org', false, false, false, false],
  ];
  it.each(matrix)('%s', async (email, readA, writeA, readX, readB) => {
    const c = await login(s.app, email);
    expect((await c.get(api(`/campaigns/${campaignA}`))).statusCode).toBe(readA ? 200 : 404);
    expect((await c.get(api(`/processes/${processA}`))).statusCode).toBe(readA ? 200 : 404);
    expect((await c.get(api(`/campaigns/${campaignX}`))).statusCode).toBe(readX ? 200 : 404);
    expect((await c.get(api(`/campaigns/${campaignB}`))).statusCode).toBe(readB ? 200 : 404);
    const rename = await c.patch(api(`/processes/${processA}`), { description: `edited by ${email}` });
    expect(rename.statusCode).toBe(writeA ? 200 : readA ? 403 : 404);
    const listed = (await c.get(api('/campaigns?pageSize=500'))).json().items?.map((x: { id: string }) => x.id) ?? [];
    expect(listed.includes(campaignA)).toBe(readA);
    expect(listed.includes(campaignB)).toBe(readB);
    const processes = (await c.get(api('/processes?pageSize=500'))).json().items ?? [];
    expect(processes.every((p: { entityId: string | null; locationId: string | null }) => email === 'admin@t.org' || (readA && p.entityId === ids.a) || (readB && p.entityId === ids.b) || (readX && !p.entityId && p.locationId === ids.x))).toBe(true);
    const create = await c.post(api('/campaigns'), { name: `By ${email}`, entityId: ids.a });
    expect(create.statusCode).toBe(writeA ? 201 : 403);
    expect((await c.get(api('/gaps'))).statusCode).toBe(readA || readB || readX ? 200 : 403);
  });

  it('keeps shared enterprise inventory readable by all readers and writable only organization-wide', async () => {
    const shared = await created(await admin.post(api('/applications'), { name: 'Shared e-mail', criticality: 'critical' }));
    expect((await (await login(s.app, 'viewer-a@t.org')).get(api(`/applications/${shared.id}`))).statusCode).toBe(200);
    expect((await (await login(s.app, 'staff-a@t.org')).get(api(`/applications/${shared.id}`))).statusCode).toBe(404);
    expect((await bcA.patch(api(`/applications/${shared.id}`), { criticality: 'low' })).statusCode).toBe(403);
    expect((await bcA.post(api('/applications'), { name: 'Rogue shared system', criticality: 'low' })).statusCode).toBe(403);
    const own = await created(await bcA.post(api('/applications'), { name: 'A case tracker', entityId: ids.a, criticality: 'high' }));
    expect((await (await login(s.app, 'bc-b@t.org')).get(api(`/applications/${own.id}`))).statusCode).toBe(404);
  });
});

describe('the Brindisi data centre and its Valencia failover', () => {
  const h = {} as Record<'valencia' | 'brindisi' | 'umoja' | 'ecm' | 'ineed' | 'vendor' | 'pay' | 'mail' | 'desk', string>;
  beforeAll(async () => {
    h.valencia = (await created(await admin.post(api('/data-centres'), { name: 'Valencia secondary data centre', locationId: dc.valenciaFacility, tier: 'III' }))).id;
    h.brindisi = (await created(await admin.post(api('/data-centres'), {
      name: 'Brindisi enterprise data centre', locationId: dc.brindisiGsc, tier: 'III', failover: { dataCentreId: h.valencia, readiness: 'ready', activationHours: 4 },
    }))).id;
    const app = async (name: string, rto: number | null, extra: Record<string, unknown> = {}) =>
      (await created(await admin.post(api('/applications'), { name, criticality: 'critical', replication: 'asynchronous', achievableRtoHours: rto, achievableRpoHours: 1, dataCentreIds: [h.brindisi], ...extra }))).id;
    h.umoja = await app('Umoja (ERP)', 8);
    h.ecm = await app('Enterprise content management', 24);
    h.ineed = await app('iNeed service desk (CRM)', null); // never DR-tested
    h.vendor = (await created(await admin.post(api('/vendors'), { name: 'Bank', service: 'Salary payments', slaHours: 48 }))).id;
    const campaign = (await created(await bcA.post(api('/campaigns'), { name: 'DR scenario BIA', entityId: ids.a }))).id;
    const proc = async (name: string, intolerableAt: number, rto: number) =>
      (await created(await bcA.post(api('/processes'), { campaignId: campaign, name, locationId: ids.x, ...complete(intolerableAt, { rtoHours: rto, rpoHours: 0.5 }) }))).id;
    h.pay = await proc('Payroll run', 2, 24); // MTPD 72 h
    h.mail = await proc('E-mail to staff', 1, 12); // MTPD 24 h
    h.desk = await proc('Service desk', 1, 4); // MTPD 24 h
    const dep = async (fromId: string, toId: string, neededWithinHours = 0) => created(await bcA.post(api('/dependencies'), { fromId, toId, neededWithinHours }));
    await dep(h.pay, h.umoja, 2);
    await dep(h.pay, h.vendor, 24);
    await dep(h.mail, h.ecm);
    await dep(h.desk, h.ineed);
    await dep(h.pay, ids.x1);
    await created(await bcA.post(api('/strategies'), { processId: h.desk, kind: 'manual_workaround', readiness: 'partial', activationHours: 6, description: 'Phone and spreadsheet' }));
    await created(await bcA.post(api('/strategies'), { processId: h.pay, kind: 'transfer_duty_station', readiness: 'ready', activationHours: 48, resourceId: ids.y }));
  });

  const byId = (list: { id: string }[]) => Object.fromEntries(list.map((x) => [x.id, x]));

  it('recovers at Valencia when Brindisi is lost', async () => {
    const r = await admin.post(api('/simulate'), { lostNodeIds: [h.brindisi] });
    expect(r.statusCode).toBe(200);
    const p = byId(r.json().processes);
    expect(p[h.pay]).toMatchObject({ name: 'Payroll run', disruptedAtHours: 2, recoveredAtHours: 8, breachesMtpd: false, hoursToMtpdBreach: 66, cause: 'application', path: [h.pay, h.umoja, h.brindisi] });
    expect(p[h.mail]).toMatchObject({ disruptedAtHours: 0, recoveredAtHours: 24, breachesMtpd: false, rtoMet: false });
    // iNeed was never DR-tested: only the partly ready manual workaround (2 × 6 h) brings the desk back.
    expect(p[h.desk]).toMatchObject({ recoveredAtHours: 12, recoveredBy: 'manual_workaround', breachesMtpd: false });
    const res = byId(r.json().resources);
    expect(res[h.umoja]).toMatchObject({ recoveredBy: 'alternate', recoveredAtHours: 8 });
    expect(res[h.ineed]).toMatchObject({ recoveredAtHours: null });
    expect(r.json().timeline[0]).toEqual({ atHours: 0, kind: 'lost', nodeId: h.brindisi });
    expect(r.json().summary).toEqual({ processes: 3, breachingMtpd: 0, neverRecovered: 0 });
  });

  it('breaches the MTPD without the failover (the cached model follows the change)', async () => {
    expect((await admin.patch(api(`/data-centres/${h.brindisi}`), { failover: null })).json().failover).toBeNull();
    try {
      const r = (await admin.post(api('/simulate'), { lostNodeIds: [h.brindisi] })).json();
      const p = byId(r.processes);
      // Moving payroll to another duty station does not bring Umoja back; e-mail has no way back either.
      expect(p[h.pay]).toMatchObject({ recoveredAtHours: null, recoveredBy: null, breachesMtpd: true });
      expect(p[h.mail]).toMatchObject({ recoveredAtHours: null, breachesMtpd: true, hoursToMtpdBreach: null });
      expect(p[h.desk]).toMatchObject({ recoveredAtHours: 12, breachesMtpd: false });
      expect(r.processes.map((x: { id: string }) => x.id).slice(-1)).toEqual([h.desk]); // never recovered come first
      expect(r.timeline).toContainEqual({ atHours: 24, kind: 'mtpd_breached', nodeId: h.mail });
      expect(r.timeline).toContainEqual({ atHours: 74, kind: 'mtpd_breached', nodeId: h.pay });
      expect(r.summary).toMatchObject({ processes: 3, breachingMtpd: 2, neverRecovered: 2 });
    } finally {
      await admin.patch(api(`/data-centres/${h.brindisi}`), { failover: { dataCentreId: h.valencia, readiness: 'ready', activationHours: 4 } });
    }
  });

  it('loses everything at a duty station, and a share of staff', async () => {
    const station = (await admin.post(api('/simulate'), { lostDutyStationIds: [dc.brindisi] })).json();
    expect(byId(station.resources)[h.brindisi]).toMatchObject({ direct: true, cause: 'duty_station' });
    expect(byId(station.processes)[h.pay]).toMatchObject({ recoveredAtHours: 8 });
    const x = (await admin.post(api('/simulate'), { lostDutyStationIds: [ids.x] })).json();
    expect(byId(x.processes)[h.pay]).toMatchObject({ direct: true, recoveredBy: 'transfer_duty_station', recoveredAtHours: 48 });
    const flu = (await admin.post(api('/simulate'), { staffLossPercent: 90 })).json();
    expect(byId(flu.processes)[h.pay]).toMatchObject({ cause: 'staff', direct: true });
    expect((await admin.post(api('/simulate'), { lostDutyStationIds: [ids.x1] })).json().error.fields['lostDutyStationIds.0']).toMatch(/not a duty station/);
  });

  it('shows each reader only what they may see', async () => {
    const b = (await (await login(s.app, 'bc-b@t.org')).post(api('/simulate'), { lostNodeIds: [h.brindisi] })).json();
    expect(b.processes.map((p: { id: string }) => p.id)).not.toContain(h.pay);
    expect(b.resources.map((p: { id: string }) => p.id)).toContain(h.umoja); // shared enterprise systems
    const bad = await (await login(s.app, 'bc-b@t.org')).post(api('/simulate'), { lostNodeIds: [h.pay] });
    expect(bad.json().error.fields['lostNodeIds.0']).toMatch(/Unknown node/);
  });

  it('reports RTO/RPO gaps worst first, and single points of failure', async () => {
    const gaps = (await bcA.get(api('/gaps?pageSize=500'))).json();
    const of = (pid: string) => gaps.items.filter((g: { processId: string }) => g.processId === pid);
    expect(of(h.desk)).toContainEqual(expect.objectContaining({ measure: 'rto', dependencyId: h.ineed, deliverableHours: 12, requiredHours: 4, gapHours: 8, limitingId: h.ineed }));
    expect(of(h.mail)).toContainEqual(expect.objectContaining({ measure: 'rto', dependencyId: h.ecm, deliverableHours: 24, gapHours: 12, dependencyName: 'Enterprise content management' }));
    expect(of(h.pay).find((g: { measure: string }) => g.measure === 'rpo')).toMatchObject({ dependencyId: h.umoja, requiredHours: 0.5, deliverableHours: 1 });
    const sizes = gaps.items.map((g: { gapHours: number | null }) => g.gapHours ?? Infinity);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect((await bcA.get(api(`/gaps?processId=${h.mail}&measure=rto`))).json().total).toBe(1);
    expect((await (await login(s.app, 'bc-b@t.org')).get(api(`/gaps?processId=${h.mail}`))).json().total).toBe(0);
    const spof = (await bcA.get(api('/spof'))).json();
    // Premises X1 have no alternate: payroll moves to Yburg only after 48 h, but it does come back, so X1 is no SPOF.
    expect(spof.map((x: { resourceId: string }) => x.resourceId)).not.toContain(ids.x1);
    await admin.patch(api(`/data-centres/${h.brindisi}`), { failover: null });
    const without = (await bcA.get(api('/spof'))).json();
    expect(without.find((x: { resourceId: string }) => x.resourceId === h.brindisi)).toMatchObject({ kind: 'site', brokenProcessIds: [h.mail, h.pay].sort() });
    await admin.patch(api(`/data-centres/${h.brindisi}`), { failover: { dataCentreId: h.valencia, readiness: 'ready', activationHours: 4 } });
  });

  it('updates the achievable RTO from DR tests', async () => {
    const t = await created(await admin.post(api(`/applications/${h.ineed}/dr-tests`), { testedOn: '2026-02-01', achievedRtoHours: 3, achievedRpoHours: 0.25, result: 'pass', notes: 'Failover drill' }));
    expect(t.result).toBe('pass');
    expect((await admin.get(api(`/applications/${h.ineed}`))).json()).toMatchObject({ achievableRtoHours: 3, lastTestedOn: '2026-02-01' });
    const gaps = (await bcA.get(api(`/gaps?processId=${h.desk}&measure=rto`))).json();
    expect(gaps.items).toEqual([]); // at Valencia after max(4 h fail-over, 3 h tested RTO) = 4 h, within the desk's 4 h RTO
    expect((await admin.get(api(`/applications/${h.ineed}/dr-tests`))).json()).toHaveLength(1);
    const audit = (await admin.get(`/api/v1/audit?subjectType=bc_application&subjectId=${h.ineed}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['dr_test', 'create']);
  });

  it('exports processes, applications and gaps as CSV and XLSX', async () => {
    const csv = await bcA.get(api('/processes/export.csv'));
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toMatch(/^id,name,campaign_id/);
    expect(lines.length - 1).toBe((await bcA.get(api('/processes?pageSize=500'))).json().total);
    const apps = await admin.get(api('/applications/export.csv?criticality=critical'));
    expect(apps.body).toMatch(/Umoja \(ERP\)/);
    const gapsCsv = await bcA.get(api('/gaps/export.csv'));
    expect(gapsCsv.body.trim().split('\n').length - 1).toBe((await bcA.get(api('/gaps'))).json().total);
    const xlsx = await bcA.get(api('/gaps/export.xlsx'));
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('Continuity gaps')!.getRow(1).getCell(1).value).toBe('process_id');
    const pxlsx = await bcA.get(api('/processes/export.xlsx'));
    await book.xlsx.load(pxlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.getWorksheet('Critical processes')).toBeDefined();
  });

  it('deletes a node with its edges, audited', async () => {
    const before = (await admin.get(api(`/dependencies?toId=${h.vendor}`))).json().total;
    expect(before).toBe(1);
    expect((await admin.delete(api(`/vendors/${h.vendor}`))).statusCode).toBe(204);
    expect((await admin.get(api(`/dependencies?toId=${h.vendor}`))).json().total).toBe(0);
    const audit = (await admin.get(`/api/v1/audit?subjectType=bc_vendor&subjectId=${h.vendor}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'delete' });
    expect((await admin.post(api('/simulate'), { lostNodeIds: [h.vendor] })).statusCode).toBe(400);
  });
});

describe('CRUD of the inventory, dependencies and strategies', () => {
  it('creates, reads, updates, lists and deletes each kind of record with an audit event', async () => {
    const dcId = (await created(await bcA.post(api('/data-centres'), { name: 'A server room', locationId: ids.x1, entityId: ids.a }))).id;
    expect((await bcA.get(api(`/data-centres/${dcId}`))).json()).toMatchObject({ dutyStationId: ids.x, entityId: ids.a });
    expect((await bcA.patch(api(`/data-centres/${dcId}`), { tier: 'I' })).json().tier).toBe('I');
    const appId = (await created(await bcA.post(api('/applications'), { name: 'A finance app', entityId: ids.a, criticality: 'high', kind: 'ict_service', dataCentreIds: [dcId] }))).id;
    expect((await bcA.get(api(`/applications?dataCentreId=${dcId}`))).json().items.map((a: { id: string }) => a.id)).toEqual([appId]);
    expect((await bcA.patch(api(`/applications/${appId}`), { achievableRtoHours: 6, dataCentreIds: [] })).json()).toMatchObject({ achievableRtoHours: 6, dataCentreIds: [] });
    expect((await bcA.get(api('/applications?untested=false&kind=ict_service'))).json().items.map((a: { id: string }) => a.id)).toContain(appId);
    const vendorId = (await created(await bcA.post(api('/vendors'), { name: 'A courier', entityId: ids.a, locationId: ids.x, slaHours: 24 }))).id;
    expect((await bcA.patch(api(`/vendors/${vendorId}`), { slaHours: 12 })).json().slaHours).toBe(12);
    const campaign = (await created(await bcA.post(api('/campaigns'), { name: 'CRUD BIA', entityId: ids.a }))).id;
    const proc = (await created(await bcA.post(api('/processes'), { campaignId: campaign, name: 'CRUD process' }))).id;
    const edge = await created(await bcA.post(api('/dependencies'), { fromId: proc, toId: appId, neededWithinHours: 4, alternates: [] }));
    expect(edge).toMatchObject({ fromType: 'process', toType: 'application' });
    const patched = (await bcA.patch(api(`/dependencies/${edge.id}`), { alternates: [{ nodeId: h2(), readiness: 'partial', activationHours: 2 }] }));
    expect(patched.statusCode).toBe(400); // the alternate must exist
    const strategy = await created(await bcA.post(api('/strategies'), { processId: proc, kind: 'alternate_site', readiness: 'ready', activationHours: 24, resourceId: ids.x1 }));
    expect(strategy.resourceType).toBe('premises');
    const wrong = await bcA.patch(api(`/strategies/${strategy.id}`), { kind: 'transfer_duty_station' });
    expect(wrong.json().error.fields.resourceId).toMatch(/duty station/);
    expect((await bcA.patch(api(`/strategies/${strategy.id}`), { readiness: 'partial' })).json().readiness).toBe('partial');
    expect((await bcA.get(api(`/strategies?processId=${proc}`))).json().total).toBe(1);
    for (const path of [`/strategies/${strategy.id}`, `/dependencies/${edge.id}`, `/processes/${proc}`, `/campaigns/${campaign}`, `/vendors/${vendorId}`, `/applications/${appId}`, `/data-centres/${dcId}`]) {
      expect((await bcA.delete(api(path))).statusCode, path).toBe(204);
      expect((await bcA.get(api(path))).statusCode, path).toBe(404);
    }
    const types = ['bc_strategy', 'bc_dependency', 'bc_process', 'bc_campaign', 'bc_vendor', 'bc_application', 'bc_data_centre'];
    for (const t of types) {
      const actions = (await admin.get(`/api/v1/audit?subjectType=${t}&pageSize=200`)).json().items.map((e: { action: string }) => e.action);
      expect(actions, t).toContain('delete');
      expect(actions, t).toContain('create');
    }
  });
});

const h2 = () => '01900000-0000-7000-8000-00000000abcd';
