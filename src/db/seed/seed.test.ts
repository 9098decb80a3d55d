import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/helpers.js';
import type { Db } from '../connect.js';
import { login } from '../../../test/helpers.js';
import { buildApp } from '../../server/app.js';
import { ADMIN_EMAIL, isOrganizationEmpty, seedDemo } from './seed.js';

let database: Db;
beforeAll(async () => { database = await freshDatabase(); });
afterAll(async () => database.close());

describe('the small demo organization', () => {
  it('is seeded into an empty database with the duty stations of the source documents and an admin', async () => {
    expect(await isOrganizationEmpty(database.db)).toBe(true);
    const r = await seedDemo(database.db, { scale: 'small', adminPassword: 'demo-admin-password' });
    expect(r).toMatchObject({ entities: 28, people: 300 });
    expect(r.adminPassword).toBeUndefined(); // it was given, so it is not printed
    const stations = await database.db.selectFrom('locations').select(['name', 'latitude', 'time_zone']).where('kind', '=', 'duty_station').execute();
    expect(stations.map((s) => s.name)).toEqual(expect.arrayContaining(['New York', 'Geneva', 'Nairobi', 'Vienna', 'Addis Ababa', 'Santiago', 'Bangkok', 'Beirut', 'Rome', 'Brindisi']));
    const nairobi = stations.find((s) => s.name === 'Nairobi')!;
    expect(nairobi.latitude).toBeCloseTo(-1.23, 1);
    expect(nairobi.time_zone).toBe('Africa/Nairobi');
    const dependants = await database.db.selectFrom('people').select('sponsor_id').where('kind', '=', 'dependant').execute();
    expect(dependants.length).toBeGreaterThan(0);
    expect(dependants.every((d) => d.sponsor_id)).toBe(true);
    expect(await isOrganizationEmpty(database.db)).toBe(false);
  });

  it('lets the admin sign in with the configured password', async () => {
    const app = await buildApp({ database });
    const c = await login(app, ADMIN_EMAIL, 'demo-admin-password');
    const me = await c.get('/api/v1/auth/me');
    expect(me.json().user.grants).toEqual([{ role: 'system_admin', scopeType: 'org', scopeId: null, scopeName: null }]);
    await app.close();
  });

  it('refuses to seed over existing data', async () => {
    await expect(seedDemo(database.db, { scale: 'small' })).rejects.toThrow(/already has data/);
  });
});
