import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/helpers.js';
import type { Db } from '../connect.js';
import { displacedOn, today } from '../../modules/travel/whereabouts.repo.js';
import { seedDemo } from './seed.js';

let database: Db;
beforeAll(async () => {
  database = await freshDatabase();
  await seedDemo(database.db, { scale: 'small', adminPassword: 'demo-admin-password' });
});
afterAll(async () => database.close());

describe('demo travel', () => {
  it('has missions under way today, requests waiting for clearance and staff who said where they are', async () => {
    const trips = await database.db.selectFrom('trips').select('status').execute();
    expect(trips.filter((t) => t.status === 'cleared')).toHaveLength(5);
    expect(trips.filter((t) => t.status === 'submitted')).toHaveLength(3);
    expect(await database.db.selectFrom('trip_legs').select('id').where('clearance', '=', 'pending').execute()).toHaveLength(3);
    const away = await displacedOn(database.db, today());
    expect(away.filter((a) => a.whereabouts.source === 'trip')).toHaveLength(5);
    expect(away.filter((a) => a.whereabouts.source === 'self')).toHaveLength(3);
  });
});
