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

describe('the demo business impact analysis', () => {
  it('has the enterprise systems at Brindisi with Valencia as failover', async () => {
    const dcs = (await admin.get('/api/v1/continuity/data-centres')).json().items;
    const brindisi = dcs.find((d: { name: string }) => /Brindisi/.test(d.name));
    const valencia = dcs.find((d: { name: string }) => /Valencia/.test(d.name));
    expect(brindisi.failover).toMatchObject({ dataCentreId: valencia.id, readiness: 'ready' });
    const hosted = (await admin.get(`/api/v1/continuity/applications?dataCentreId=${brindisi.id}`)).json().items.map((a: { name: string }) => a.name);
    expect(hosted).toEqual(expect.arrayContaining(['Umoja (ERP)', 'Enterprise content management (ECM)', 'iNeed (CRM service desk)']));
    const processes = (await admin.get('/api/v1/continuity/processes?pageSize=100')).json().items.map((p: { name: string }) => p.name);
    expect(processes).toEqual(expect.arrayContaining(['Payroll', 'Security communications', 'Procurement', 'Service desk (iNeed)']));
  });

  it('simulates the loss of Brindisi, and finds gaps and single points of failure', async () => {
    const brindisi = (await admin.get('/api/v1/continuity/data-centres?q=brindisi')).json().items[0];
    const r = await admin.post('/api/v1/continuity/simulate', { lostNodeIds: [brindisi.id] });
    expect(r.statusCode).toBe(200);
    expect(r.json().processes.map((p: { name: string }) => p.name)).toContain('Service desk (iNeed)');
    const gaps = (await admin.get('/api/v1/continuity/gaps?pageSize=500')).json();
    expect(gaps.total).toBeGreaterThan(0);
    expect((await admin.get('/api/v1/continuity/spof')).statusCode).toBe(200);
    const station = (await admin.get('/api/v1/locations?kind=duty_station&q=Nairobi')).json().items[0];
    const nbo = (await admin.post('/api/v1/continuity/simulate', { lostDutyStationIds: [station.id] })).json();
    expect(nbo.processes.find((p: { name: string }) => p.name === 'Payroll')).toMatchObject({ direct: true });
  });
});
