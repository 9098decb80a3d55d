import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase, login, type Client } from '../../../test/helpers.js';
import type { Db } from '../connect.js';
import { buildApp } from '../../server/app.js';
import { ADMIN_EMAIL, seedDemo } from './seed.js';

let database: Db;
let app: FastifyInstance;
let admin: Client;
beforeAll(async () => {
  database = await freshDatabase();
  await seedDemo(database.db, { scale: 'small', adminPassword: 'demo-admin-password' });
  app = await buildApp({ database });
  admin = await login(app, ADMIN_EMAIL, 'demo-admin-password');
});
afterAll(async () => { await app.close(); await database.close(); });

describe('the demo risk and security data', () => {
  it('has Nairobi\'s joint assessment rated by UNON and UNICEF side by side', async () => {
    const stations = await database.db.selectFrom('locations').select(['id', 'name']).where('kind', '=', 'duty_station').execute();
    const nairobi = stations.find((s) => s.name === 'Nairobi')!;
    const list = (await admin.get(`/api/v1/joint-assessments?locationId=${nairobi.id}`)).json();
    expect(list.items).toHaveLength(1);
    const ja = list.items[0];
    expect(ja.entityIds).toHaveLength(2);
    const scenarios = (await admin.get(`/api/v1/risks?jointAssessmentId=${ja.id}`)).json();
    expect(scenarios.total).toBe(3);
    expect(scenarios.items.every((r: { residual: unknown }) => r.residual)).toBe(true);
    const side = (await admin.get(`/api/v1/joint-assessments/${ja.id}/ratings`)).json();
    expect(side).toHaveLength(3 * 2 * 2); // three scenarios, two entities, inherent and residual
    const rank = (b: string) => ['very_low', 'low', 'medium', 'high', 'very_high', 'unacceptable'].indexOf(b);
    for (const r of scenarios.items as { id: string; residual: { band: string } }[]) {
      const residuals = side.filter((x: { riskId: string; kind: string }) => x.riskId === r.id && x.kind === 'residual').map((x: { band: string }) => rank(x.band));
      expect(rank(r.residual.band)).toBe(Math.max(...residuals)); // the consolidated rating is the worst entity's
      for (const e of ja.entityIds) {
        const mine = (kind: string) => rank(side.find((x: { riskId: string; entityId: string; kind: string }) => x.riskId === r.id && x.entityId === e && x.kind === kind).band);
        expect(mine('residual')).toBeLessThanOrEqual(mine('inherent'));
      }
    }
  });

  it('has MOSS and MORSS templates assessed at the demo duty stations', async () => {
    const templates = (await admin.get('/api/v1/security/compliance/templates')).json();
    expect(templates.map((t: { kind: string }) => t.kind)).toEqual(['morss', 'moss']);
    const moss = templates.find((t: { kind: string }) => t.kind === 'moss');
    const summary = (await admin.get(`/api/v1/security/compliance/summary?templateId=${moss.id}`)).json();
    expect(summary.locations.length).toBe(13);
    expect(summary.percent).toBeGreaterThan(0);
    expect(summary.percent).toBeLessThan(100);
    const areas = (await admin.get('/api/v1/security/areas?countryCode=KE')).json();
    expect(areas.map((a: { name: string }) => a.name)).toEqual(['Nairobi security area']);
    const threats = (await admin.get(`/api/v1/security/areas/${areas[0].id}/threat-assessments`)).json();
    expect(threats[0].proposedLevel).toBe(areas[0].currentLevel.level);
  });
});
