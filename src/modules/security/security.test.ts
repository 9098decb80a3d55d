import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, snapshotCounts, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';

let s: TestServer;
let sa: Client; // security adviser for duty station X (Kenya)
let ids: TestServer['fixture']['ids'];
let areaId: string;

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await createUser(s.database, 'sa-x@t.org', [{ role: 'security_adviser', scopeType: 'location', scopeId: ids.x }]);
  await createUser(s.database, 'sa-y@t.org', [{ role: 'security_adviser', scopeType: 'location', scopeId: ids.y }]);
  await createUser(s.database, 'sa-org@t.org', [{ role: 'security_adviser', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'bc-a@t.org', [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ids.a }]);
  sa = await login(s.app, 'sa-x@t.org');
});
afterAll(async () => s.close());

const count = async (table: 'security_levels' | 'sras' | 'programmes' | 'compliance_items') =>
  Number((await s.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('a security adviser assesses a country end to end', () => {
  it('defines the area, rates threats and sets the security level with history', async () => {
    const area = await sa.post('/api/v1/security/areas', { countryCode: 'KE', name: 'Xville area', locationIds: [ids.x] });
    expect(area.statusCode).toBe(201);
    areaId = area.json().id;
    const ta = await sa.post(`/api/v1/security/areas/${areaId}/threat-assessments`, {
      assessedOn: '2026-01-10', summary: 'Election period',
      threats: { crime: { level: 4, intent: 'Opportunistic', capability: 'Armed gangs', context: 'Urban' }, civil_unrest: { level: 3 } },
    });
    expect(ta.json().proposedLevel).toBe(4);
    expect((await sa.post(`/api/v1/security/areas/${areaId}/levels`, { level: 3, categories: { crime: 3 }, justification: 'Calm', effectiveFrom: '2025-06-01' })).statusCode).toBe(201);
    expect((await sa.post(`/api/v1/security/areas/${areaId}/levels`, { level: 4, categories: { crime: 4, civil_unrest: 3 }, justification: 'Election violence expected', effectiveFrom: '2026-01-15' })).statusCode).toBe(201);
    const got = (await sa.get(`/api/v1/security/areas/${areaId}`)).json();
    expect(got.currentLevel).toMatchObject({ level: 4, name: 'Substantial', justification: 'Election violence expected' });
    const history = (await sa.get(`/api/v1/security/areas/${areaId}/levels`)).json();
    expect(history.map((h: { level: number }) => h.level)).toEqual([4, 3]);
  });

  it('rejects a level outside 1–6 and writes nothing', async () => {
    const before = await count('security_levels');
    const res = await sa.post(`/api/v1/security/areas/${areaId}/levels`, { level: 7, justification: 'x', effectiveFrom: '2026-02-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.level).toMatch(/1 \(Minimal\) to 6 \(Extreme\)/);
    const cat = await sa.post(`/api/v1/security/areas/${areaId}/levels`, { level: 3, categories: { crime: 0 }, justification: 'x', effectiveFrom: '2026-02-01' });
    expect(Object.keys(cat.json().error.fields)).toEqual(['categories.crime']);
    expect(await count('security_levels')).toBe(before);
  });

  it('lets only the advisers of the area change it', async () => {
    const other = await login(s.app, 'sa-y@t.org');
    expect((await other.post(`/api/v1/security/areas/${areaId}/levels`, { level: 2, justification: 'x', effectiveFrom: '2026-02-01' })).statusCode).toBe(403);
    const bc = await login(s.app, 'bc-a@t.org');
    expect((await bc.post(`/api/v1/security/areas/${areaId}/levels`, { level: 2, justification: 'x', effectiveFrom: '2026-02-01' })).statusCode).toBe(403);
    expect((await bc.get(`/api/v1/security/areas/${areaId}`)).statusCode).toBe(200);
  });

  it('writes an SRA, records programme criticality and lists programmes whose risk is not acceptable', async () => {
    const scenario = (over: object) => ({ threatCategory: 'crime', description: 'Armed robbery of a convoy', inherent: { likelihood: 4, impact: 4 }, existingMeasures: 'Escorts', recommendedMeasures: 'Armoured vehicles', residual: { likelihood: 3, impact: 4 }, ...over });
    const wrong = await sa.post('/api/v1/security/sras', { areaId, title: 'SRA', assessedOn: '2026-02-01', validUntil: '2026-01-01', scenarios: [scenario({ residual: { likelihood: 9, impact: 1 } })] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual({ validUntil: 'Must not be before the assessment date', 'scenarios.0.residual.likelihood': 'Must be an integer from 1 to 5' });
    expect(await count('sras')).toBe(0);
    const sraRes = await sa.post('/api/v1/security/sras', { areaId, title: 'Xville SRA 2026', assessedOn: '2026-02-01', validUntil: '2027-02-01', scenarios: [scenario({}), scenario({ threatCategory: 'civil_unrest', residual: { likelihood: 2, impact: 2 } })] });
    expect(sraRes.statusCode).toBe(201);
    expect(sraRes.json().highestResidual).toBe('high');
    const sraId = sraRes.json().id;

    const bc = await login(s.app, 'bc-a@t.org');
    const pc5 = await bc.post('/api/v1/security/programmes', { name: 'x', entityId: ids.a, locationId: ids.x, sraId, criticality: 'PC5' });
    expect(pc5.json().error.fields.criticality).toBe('Programme criticality is PC1, PC2, PC3 or PC4');
    expect(await count('programmes')).toBe(0);
    for (const [name, pc] of [['Food distribution', 'PC1'], ['Vaccination', 'PC2'], ['Workshop', 'PC3'], ['Survey', 'PC4']] as const) {
      expect((await bc.post('/api/v1/security/programmes', { name, entityId: ids.a, locationId: ids.x, sraId, criticality: pc })).statusCode).toBe(201);
    }
    expect((await bc.post('/api/v1/security/programmes', { name: 'Not assessed yet', entityId: ids.a, locationId: ids.x, criticality: 'PC1' })).statusCode).toBe(201);
    expect((await bc.post('/api/v1/security/programmes', { name: 'Elsewhere', entityId: ids.b, locationId: ids.y, criticality: 'PC1' })).statusCode).toBe(403);
    const report = (await sa.get('/api/v1/security/acceptable-risk?countryCode=KE')).json();
    expect(report.unacceptable.map((v: { name: string }) => v.name).sort()).toEqual(['Survey', 'Workshop']);
    expect(report.verdicts.find((v: { name: string }) => v.name === 'Vaccination')).toMatchObject({ residual: 'high', acceptable: true, approver: 'head_of_entity_or_do' });
    expect(report.unassessed.map((v: { name: string }) => v.name)).toEqual(['Not assessed yet']);
    expect((await sa.get('/api/v1/security/acceptable-risk')).statusCode).toBe(400);
    const byArea = (await sa.get(`/api/v1/security/acceptable-risk?areaId=${areaId}`)).json();
    expect(byArea.verdicts).toHaveLength(report.verdicts.length);
    expect((await sa.get(`/api/v1/security/programmes?areaId=${areaId}`)).json()).toHaveLength(5);
    expect((await sa.get(`/api/v1/security/areas?locationId=${ids.x}`)).json().map((a: { id: string }) => a.id)).toEqual([areaId]);
    expect((await sa.get(`/api/v1/security/sras?locationId=${ids.y}`)).json()).toEqual([]);
  });

  it('assesses a programme only under an SRA of its duty station, and removes it', async () => {
    const sraId = (await sa.get(`/api/v1/security/sras?areaId=${areaId}`)).json()[0].id;
    const bc = await login(s.app, 'bc-a@t.org');
    const before = await count('programmes');
    const elsewhere = await (await login(s.app, 'sa-org@t.org')).post('/api/v1/security/programmes', { name: 'Geneva seminar', entityId: ids.a, locationId: ids.y, sraId, criticality: 'PC3' });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.fields).toEqual({ sraId: 'This SRA is of an area that does not include the duty station' });
    const p = (await bc.post('/api/v1/security/programmes', { name: 'Temporary', entityId: ids.a, locationId: ids.x, sraId, criticality: 'PC2' })).json();
    expect((await (await login(s.app, 'sa-y@t.org')).delete(`/api/v1/security/programmes/${p.id}`)).statusCode).toBe(403);
    expect((await bc.delete(`/api/v1/security/programmes/${p.id}`)).statusCode).toBe(204);
    expect(await count('programmes')).toBe(before);
    expect((await bc.delete(`/api/v1/security/programmes/${p.id}`)).statusCode).toBe(404);
  });

  it('tracks MOSS compliance per location and country', async () => {
    const org = await login(s.app, 'sa-org@t.org');
    expect((await sa.post('/api/v1/security/compliance/templates', { kind: 'moss', name: 'MOSS', items: [{ code: '1', text: 'x' }] })).statusCode).toBe(403);
    const dup = await org.post('/api/v1/security/compliance/templates', { kind: 'moss', name: 'MOSS', items: [{ code: '1', text: 'a' }, { code: '1', text: 'b' }] });
    expect(dup.json().error.fields).toEqual({ 'items.1.code': 'Duplicate code' });
    const t = (await org.post('/api/v1/security/compliance/templates', { kind: 'moss', name: 'MOSS 2026', items: [
      { code: 'C1', text: 'Emergency communications system tested monthly' },
      { code: 'C2', text: 'Warden system in place' },
      { code: 'C3', text: 'Perimeter protection' },
      { code: 'C4', text: 'Trauma kits in every vehicle' },
    ] })).json();
    const item = (code: string) => t.items.find((i: { code: string }) => i.code === code).id;
    const put = (code: string, body: object) => sa.put(`/api/v1/security/compliance/locations/${ids.x}/items/${item(code)}`, body);
    expect((await put('C1', { status: 'compliant', evidence: 'Radio log' })).statusCode).toBe(200);
    expect((await put('C2', { status: 'partial' })).statusCode).toBe(200);
    const noDue = await put('C3', { status: 'not_compliant' });
    expect(noDue.json().error.fields.dueDate).toBeDefined();
    const last = await put('C4', { status: 'not_applicable' });
    expect(last.json().percent).toBe(50); // (1 + 0.5) of 3 applicable; C3 unassessed counts as not met
    const other = await (await login(s.app, 'sa-y@t.org')).put(`/api/v1/security/compliance/locations/${ids.x}/items/${item('C1')}`, { status: 'not_applicable' });
    expect(other.statusCode).toBe(403);
    const summary = (await sa.get(`/api/v1/security/compliance/summary?templateId=${t.id}`)).json();
    expect(summary.countries).toEqual([{ countryCode: 'KE', percent: 50, locations: 1 }]);
    expect(await count('compliance_items')).toBe(3);
    const csv = (await sa.get(`/api/v1/security/compliance/locations/${ids.x}/templates/${t.id}/export.csv`)).body.trim().split('\n');
    expect(csv[0]).toBe('code,standard,status,evidence,due_date,assessed_at');
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['C1,Emergency communications system tested monthly,compliant', 'C2,Warden system in place,partial', 'C3,Perimeter protection,', 'C4,Trauma kits in every vehicle,not_applicable']);
  });
});

describe('bad input', () => {
  it('names unknown fields and writes nothing', async () => {
    const before = await snapshotCounts(s.database);
    const res = await sa.post('/api/v1/security/areas', { countryCode: 'KE', name: 'x', color: 'red' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ color: 'Unknown field' });
    const foreign = await sa.post('/api/v1/security/areas', { countryCode: 'CH', name: 'x', locationIds: [ids.y] });
    expect(foreign.statusCode).toBe(403);
    const wrongCountry = await sa.post('/api/v1/security/areas', { countryCode: 'CH', name: 'x', locationIds: [ids.x] });
    expect(wrongCountry.json().error.fields).toEqual({ 'locationIds.0': 'The duty station is in another country' });
    expect(await snapshotCounts(s.database)).toEqual(before);
  });
});
