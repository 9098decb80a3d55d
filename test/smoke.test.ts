import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); await createUser(s.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }]); });
afterAll(async () => s.close());

describe('health and a signed-in read', () => {
  it('reports the dialect and migration state without authentication', async () => {
    const res = await s.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { dialect: process.env.DATABASE_URL ? 'postgres' : 'sqlite', pending: [] } });
    expect(res.json().database.applied).toContain('001_core');
  });
  it('lists people for an admin', async () => {
    const c = await login(s.app, 'admin@t.org');
    const res = await c.get('/api/v1/people?sort=name');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { givenName: string }) => p.givenName).sort()).toEqual(['Alice', 'Anna', 'Bea', 'Bob']);
  });
});
