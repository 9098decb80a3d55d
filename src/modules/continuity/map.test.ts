import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { addDataCentreStations, continuitySnapshot } from '../../../test/continuity.js';
import { DEFAULT_IMPACT_DIMENSIONS } from '../../domain/continuity/bia.js';

/** The dependency map as files, nodes and neighbourhoods; key people; minimum staff over time. */
let s: TestServer;
let ids: TestServer['fixture']['ids'];
let admin: Client;
let bcA: Client;
let bcB: Client;
let dc: Awaited<ReturnType<typeof addDataCentreStations>>;
const h = {} as Record<'valencia' | 'brindisi' | 'umoja' | 'campaign' | 'payroll' | 'travel' | 'bProcess', string>;

const api = (path: string) => `/api/v1/continuity${path}`;
async function created(res: { statusCode: number; body: string; json(): any }) {
  if (res.statusCode !== 201) throw new Error(`expected 201, got ${res.statusCode}: ${res.body}`);
  return res.json();
}
const curve = (intolerableAt: number) => Object.fromEntries(DEFAULT_IMPACT_DIMENSIONS.map((d) => [d, [0, 1, 2, 3, 4].map((i) => (i >= intolerableAt ? 4 : 2))]));
const csv = (c: Client, text: string, dryRun = false) => c.post(api(`/dependencies/import?dryRun=${dryRun}`), text, { 'content-type': 'text/csv' });

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  dc = await addDataCentreStations(s.database);
  await createUser(s.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'bc-a@t.org', [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ids.a }]);
  await createUser(s.database, 'bc-b@t.org', [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ids.b }]);
  admin = await login(s.app, 'admin@t.org');
  bcA = await login(s.app, 'bc-a@t.org');
  bcB = await login(s.app, 'bc-b@t.org');
  h.valencia = (await created(await admin.post(api('/data-centres'), { name: 'Valencia secondary data centre', locationId: dc.valenciaFacility }))).id;
  h.brindisi = (await created(await admin.post(api('/data-centres'), { name: 'Brindisi enterprise data centre', locationId: dc.brindisiGsc, failover: { dataCentreId: h.valencia, readiness: 'ready', activationHours: 4 } }))).id;
  h.umoja = (await created(await admin.post(api('/applications'), { name: 'Umoja (ERP)', criticality: 'critical', achievableRtoHours: 8, achievableRpoHours: 1, dataCentreIds: [h.brindisi] }))).id;
  h.campaign = (await created(await bcA.post(api('/campaigns'), { name: 'Map BIA', entityId: ids.a, locationId: ids.x }))).id;
  h.payroll = (await created(await bcA.post(api('/processes'), { campaignId: h.campaign, name: 'Payroll', impactRatings: curve(2), rtoHours: 24 }))).id;
  h.travel = (await created(await bcA.post(api('/processes'), { campaignId: h.campaign, name: 'Travel booking', impactRatings: curve(3) }))).id;
  const bCampaign = (await created(await bcB.post(api('/campaigns'), { name: 'B BIA', entityId: ids.b }))).id;
  h.bProcess = (await created(await bcB.post(api('/processes'), { campaignId: bCampaign, name: 'B payroll' }))).id;
});
afterAll(async () => s.close());

describe('minimum staff over time', () => {
  it('is saved with the questionnaire, one whole number per time point up to the head count', async () => {
    const r = await bcA.put(api(`/processes/${h.payroll}/questionnaire`), { staffCount: 10, minimumStaff: 2, minimumStaffOverTime: [2, 4, 6, 8, null] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ minimumStaffOverTime: [2, 4, 6, 8, null], minimumStaff: 2 });
    const before = await continuitySnapshot(s.database);
    const bad = await bcA.put(api(`/processes/${h.payroll}/questionnaire`), { minimumStaffOverTime: [2, 11, -1, 1.5, 0, 3] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({
      minimumStaffOverTime: 'One value per time point (5)', 'minimumStaffOverTime.1': 'Must not exceed the staff count (10)',
      'minimumStaffOverTime.2': 'Must be a whole number, zero or more', 'minimumStaffOverTime.3': 'Must be a whole number, zero or more',
    });
    expect(await continuitySnapshot(s.database)).toEqual(before);
    expect((await bcA.get(api('/processes/export.csv?q=payroll'))).body).toMatch(/minimum_staff_over_time[\s\S]*,2; 4; 6; 8; ,/);
  });

  it('makes a pandemic bite when the need rises above the staff left', async () => {
    // 50% of 10 leaves 5: enough until 6 are needed from 3 days (72 h); MTPD 72 h is then breached at once.
    const r = (await bcA.post(api('/simulate'), { staffLossPercent: 50 })).json();
    expect(r.processes.find((p: { id: string }) => p.id === h.payroll)).toMatchObject({ cause: 'staff', disruptedAtHours: 72, recoveredAtHours: null, breachesMtpd: true });
    const mild = (await bcA.post(api('/simulate'), { staffLossPercent: 10 })).json();
    expect(mild.processes.map((p: { id: string }) => p.id)).not.toContain(h.payroll);
  });
});

describe('key people', () => {
  it('are dependencies of processes, with deputies as alternates, lost in simulations and listed as SPOFs without one', async () => {
    const edge = await created(await bcA.post(api('/dependencies'), { fromId: h.travel, toId: ids.pA, neededWithinHours: 24 }));
    expect(edge).toMatchObject({ toType: 'person' });
    const lost = (await bcA.post(api('/simulate'), { lostNodeIds: [ids.pA] })).json();
    expect(lost.processes.find((p: { id: string }) => p.id === h.travel)).toMatchObject({ cause: 'role', disruptedAtHours: 24, recoveredAtHours: null });
    expect(lost.resources.find((p: { id: string }) => p.id === ids.pA)).toMatchObject({ kind: 'role', direct: true });
    expect((await bcA.get(api('/spof'))).json().find((x: { resourceId: string }) => x.resourceId === ids.pA)).toMatchObject({ kind: 'role', brokenProcessIds: [h.travel] });
    // A deputy (pA1, of sub-entity A1) stands in after 12 h, before travel booking needs them.
    expect((await bcA.patch(api(`/dependencies/${edge.id}`), { alternates: [{ nodeId: ids.pA1, readiness: 'ready', activationHours: 12 }] })).statusCode).toBe(200);
    const covered = (await bcA.post(api('/simulate'), { lostNodeIds: [ids.pA] })).json();
    expect(covered.processes.map((p: { id: string }) => p.id)).not.toContain(h.travel);
    expect((await bcA.get(api('/spof'))).json().map((x: { resourceId: string }) => x.resourceId)).not.toContain(ids.pA);
  });

  it('are lost with the duty station they work at', async () => {
    const r = (await bcA.post(api('/simulate'), { lostDutyStationIds: [ids.x] })).json();
    expect(r.resources.find((p: { id: string }) => p.id === ids.pA)).toMatchObject({ cause: 'duty_station', direct: true });
  });

  it('out of the caller\'s scope read as missing, and a deputy must be a person', async () => {
    const r = await bcB.post(api('/dependencies'), { fromId: h.bProcess, toId: ids.pA });
    expect(r.json().error.fields.toId).toMatch(/missing node/);
    const wrong = await bcA.post(api('/dependencies'), { fromId: h.payroll, toId: ids.pA, alternates: [{ nodeId: h.umoja, readiness: 'ready', activationHours: 0 }] });
    expect(wrong.json().error.fields['alternates.0.nodeId']).toMatch(/must be a role, not a application/);
    const fromPerson = await bcA.post(api('/dependencies'), { fromId: ids.pA, toId: h.umoja });
    expect(fromPerson.json().error.fields.fromId).toMatch(/Only processes and applications/);
  });
});

describe('nodes and neighbourhoods', () => {
  it('finds nodes by name and type, looks ids up, and hides what the caller may not read', async () => {
    const found = (await bcA.get(api('/nodes?q=brind&type=data_centre,application'))).json();
    expect(found.items.map((n: { name: string }) => n.name)).toEqual(['Brindisi enterprise data centre']);
    expect(found.items[0]).toMatchObject({ type: 'data_centre', kind: 'site', dutyStationId: dc.brindisi });
    const looked = (await bcA.get(api(`/nodes?ids=${h.payroll},${h.umoja},${h.bProcess}`))).json();
    expect(looked.items.map((n: { id: string }) => n.id).sort()).toEqual([h.payroll, h.umoja].sort());
    expect((await bcB.get(api('/nodes?q=payroll&type=process'))).json().items.map((n: { name: string }) => n.name)).toEqual(['B payroll']);
    expect((await bcA.get(api(`/nodes?type=process&dutyStationId=${ids.x}`))).json().total).toBe(2);
    expect((await bcA.get(api('/nodes?type=server'))).statusCode).toBe(400);
    expect((await bcA.get(api('/nodes?ids=nope'))).statusCode).toBe(400);
  });

  it('gives the neighbourhood of a node both ways, with hosting and failover edges', async () => {
    await created(await bcA.post(api('/dependencies'), { fromId: h.payroll, toId: h.umoja, neededWithinHours: 4 }));
    const one = (await bcA.get(api(`/graph?focusId=${h.umoja}&depth=1`))).json();
    expect(one.nodes.map((n: { id: string; depth: number }) => [n.id, n.depth]).sort()).toEqual([[h.umoja, 0], [h.payroll, 1], [h.brindisi, 1]].sort());
    expect(one.edges).toContainEqual({ from: h.payroll, to: h.umoja, kind: 'dependency', neededWithinHours: 4 });
    expect(one.edges).toContainEqual({ from: h.umoja, to: h.brindisi, kind: 'dependency', neededWithinHours: 0 });
    const two = (await bcA.get(api(`/graph?focusId=${h.umoja}&depth=2`))).json();
    expect(two.nodes.map((n: { id: string }) => n.id)).toContain(h.valencia);
    expect(two.edges).toContainEqual({ from: h.brindisi, to: h.valencia, kind: 'failover', neededWithinHours: null });
    const capped = (await bcA.get(api(`/graph?focusId=${h.umoja}&depth=2&limit=2`))).json();
    expect(capped).toMatchObject({ truncated: true });
    expect(capped.nodes).toHaveLength(2);
    expect((await bcB.get(api(`/graph?focusId=${h.umoja}&depth=1`))).json().nodes.map((n: { id: string }) => n.id)).not.toContain(h.payroll);
    expect((await bcB.get(api(`/graph?focusId=${h.payroll}`))).json().error.fields.focusId).toMatch(/Unknown node/);
    expect((await bcA.get(api(`/graph?focusId=${h.umoja}&depth=9`))).json().error.fields['querystring.depth']).toMatch(/1 to 4/);
  });
});

describe('dependencies from CSV', () => {
  const header = 'from,from_type,to,to_type,needed_within_hours,alternates,note';

  it('checks the whole file first and writes nothing when a row is bad', async () => {
    const before = await continuitySnapshot(s.database);
    const r = await csv(bcA, [header,
      'Payroll,,Umoja (ERP),,-1,,',
      'Payroll,,No such system,,4,,',
      'Payroll,,Payroll,,0,,',
      'Travel booking,,Brindisi enterprise data centre,,0,Valencia secondary data centre|sometimes|2,',
      `Travel booking,,${ids.y},,0,,`,
      'B payroll,,Umoja (ERP),,0,,',
      'Travel booking,,Umoja (ERP),,2,,',
      'Travel booking,,Umoja (ERP),,3,,',
    ].join('\n'));
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'invalid_csv', message: /7 row\(s\) are invalid/ });
    expect(r.json().error.rows).toEqual([
      { row: 2, field: 'needed_within_hours', message: 'Must be zero or a positive number of hours' },
      { row: 3, field: 'to', message: 'No process or application or data centre or premises or duty station or vendor or person named "No such system"' },
      { row: 4, field: 'to', message: expect.stringMatching(/cannot depend on itself/) },
      { row: 5, field: 'alternates', message: expect.stringMatching(/readiness is one of ready, partial, not_ready/) },
      { row: 6, field: 'to', message: expect.stringMatching(/a process cannot depend on a duty_station/) },
      { row: 7, field: 'from', message: 'No process or application named "B payroll"' },
      { row: 9, field: 'to', message: 'Same dependency as line 8' },
    ]);
    expect(await continuitySnapshot(s.database)).toEqual(before);
    const cols = await csv(bcA, 'from,to,colour\nPayroll,Umoja (ERP),red');
    expect(cols.json().error).toMatchObject({ code: 'invalid_csv', message: /unknown: colour/ });
    expect((await csv(bcA, 'from,to\n')).json().error.message).toMatch(/no data rows/);
  });

  it('imports by name or id with alternates, as a dry run first, and again changes nothing', async () => {
    const file = [header,
      'Travel booking,process,Brindisi enterprise data centre,data_centre,0,Valencia secondary data centre|partial|6,Booking tool runs there',
      `${h.travel},,${ids.x1},premises,24,,`,
      'Payroll,,"Umoja (ERP)",,8,,Changed tolerance',
    ].join('\n');
    const before = await continuitySnapshot(s.database);
    expect((await csv(bcA, file, true)).json()).toEqual({ total: 3, created: 2, updated: 1, unchanged: 0, dryRun: true });
    expect(await continuitySnapshot(s.database)).toEqual(before);
    expect((await csv(bcA, file)).json()).toEqual({ total: 3, created: 2, updated: 1, unchanged: 0, dryRun: false });
    const edges = (await bcA.get(api(`/dependencies?fromId=${h.travel}`))).json().items;
    expect(edges.find((e: { toId: string }) => e.toId === h.brindisi)).toMatchObject({ toType: 'data_centre', note: 'Booking tool runs there', alternates: [{ nodeId: h.valencia, nodeType: 'data_centre', readiness: 'partial', activationHours: 6 }] });
    expect((await bcA.get(api(`/dependencies?fromId=${h.payroll}&toId=${h.umoja}`))).json().items[0]).toMatchObject({ neededWithinHours: 8, note: 'Changed tolerance' });
    expect((await csv(bcA, file)).json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const audit = (await admin.get('/api/v1/audit?subjectType=bc_dependency&action=import&pageSize=50')).json();
    expect(audit.items.filter((e: { action: string }) => e.action === 'import')).toHaveLength(3);
  });

  it('exports in the import\'s columns, and the export imports back unchanged', async () => {
    const out = await bcA.get(api(`/dependencies/export.csv?fromId=${h.travel}`));
    expect(out.headers['content-type']).toMatch(/text\/csv/);
    const lines = out.body.trim().split('\n');
    expect(lines[0]).toBe(`${header},from_name,to_name`);
    expect(lines.length - 1).toBe((await bcA.get(api(`/dependencies?fromId=${h.travel}`))).json().total);
    expect(out.body).toMatch(/Travel booking,Brindisi enterprise data centre/);
    expect((await csv(bcA, out.body)).json()).toMatchObject({ created: 0, updated: 0, unchanged: lines.length - 1 });
  });

  it('refuses rows the caller may not change, and names shared by two nodes', async () => {
    const r = await csv(bcB, `${header}\nB payroll,,Umoja (ERP),,0,,\nPayroll,,Umoja (ERP),,0,,`);
    expect(r.json().error.rows).toEqual([{ row: 3, field: 'from', message: 'No process or application named "Payroll"' }]);
    await created(await admin.post(api('/vendors'), { name: 'Umoja (ERP)', service: 'A namesake' }));
    const twice = await csv(bcA, `${header}\nPayroll,,Umoja (ERP),,0,,`);
    expect(twice.json().error.rows[0]).toMatchObject({ field: 'to', message: '2 nodes are named "Umoja (ERP)": give the type or the id' });
    expect((await csv(bcA, `${header}\nPayroll,,Umoja (ERP),application,8,,Changed tolerance`)).json()).toMatchObject({ unchanged: 1 });
    await createUser(s.database, 'viewer-a@t.org', [{ role: 'viewer', scopeType: 'entity', scopeId: ids.a }]);
    const viewer = await csv(await login(s.app, 'viewer-a@t.org'), `${header}\nPayroll,,Umoja (ERP),application,9,,`);
    expect(viewer.json().error.rows).toEqual([{ row: 2, field: 'from', message: 'You may not change the dependencies of this process' }]);
  });
});
