import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/helpers.js';
import type { Db } from './connect.js';
import { insertMany } from './bulk.js';
import type { Database } from './types.js';
import { newId, nowIso } from '../domain/ids.js';

// insertMany is how seeds and a blast's 300,000 rows are written: on PostgreSQL through COPY, whose
// text format gives backslashes, tabs and line breaks a meaning of their own.
describe('insertMany', () => {
  let database: Db;
  let country: string;
  beforeAll(async () => {
    database = await freshDatabase();
    country = (await database.db.selectFrom('countries').select('code').orderBy('code').executeTakeFirstOrThrow()).code;
  });
  afterAll(() => database.close());

  const location = (name: string, more: Partial<Database['locations']> = {}): Database['locations'] => {
    const now = nowIso();
    return { id: newId(), external_id: null, kind: 'office', name, parent_id: null, country_code: country, city: null, address: null, latitude: null, longitude: null, time_zone: 'UTC', search_text: name.toLowerCase(), created_at: now, updated_at: now, ...more };
  };

  it('stores every value as given: nulls, numbers, and text with backslashes, tabs, line breaks and \\N', async () => {
    const rows = [
      location('Back\\slash \\N and \\\\N', { address: 'Line one\nLine two\r\nTabbed\there', latitude: -33.918861, longitude: 18.4233 }),
      location('Nairobi — 内罗毕 — نيروبي', { city: '', external_id: '\\', latitude: 0, longitude: 1e-7 }),
      location('Plain'),
    ];
    await insertMany(database.db, 'locations', rows);
    const back = await database.db.selectFrom('locations').selectAll().where('id', 'in', rows.map((r) => r.id)).execute();
    expect(back.sort((a, b) => a.id.localeCompare(b.id))).toEqual([...rows].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('writes many rows in chunks', async () => {
    const rows = Array.from({ length: 12_345 }, (_, i) => location(`Bulk ${i}`, { latitude: i / 7 }));
    await insertMany(database.db, 'locations', rows);
    const got = await database.db.selectFrom('locations').select(({ fn }) => fn.countAll<number>().as('n')).where('name', 'like', 'Bulk %').executeTakeFirstOrThrow();
    expect(Number(got.n)).toBe(rows.length);
  });

  it('fails as a whole inside a transaction when a row breaks a constraint, and writes nothing', async () => {
    const taken = location('Taken');
    await insertMany(database.db, 'locations', [taken]);
    const rows = [location('Fresh A'), { ...location('Duplicate'), id: taken.id }, location('Fresh B')];
    await expect(database.db.transaction().execute((trx) => insertMany(trx, 'locations', rows))).rejects.toThrow();
    const fresh = await database.db.selectFrom('locations').select('id').where('name', 'in', ['Fresh A', 'Fresh B', 'Duplicate']).execute();
    expect(fresh).toEqual([]);
    // The connection is usable again afterwards.
    await insertMany(database.db, 'locations', [location('After')]);
    expect(await database.db.selectFrom('locations').select('name').where('name', '=', 'After').execute()).toEqual([{ name: 'After' }]);
  });

  it('fails as a whole outside a transaction too, whether the bad row is among the first rows or the last', async () => {
    const taken = location('Taken again');
    await insertMany(database.db, 'locations', [taken]);
    for (const at of [17, 249]) {
      const rows = Array.from({ length: 250 }, (_, i) => (i === at ? { ...location('Clash'), id: taken.id } : location(`Whole ${at} ${i}`)));
      await expect(insertMany(database.db, 'locations', rows)).rejects.toThrow(/unique|duplicate/i);
      const written = await database.db.selectFrom('locations').select('id').where('name', 'like', `Whole ${at} %`).execute();
      expect(written).toEqual([]);
    }
  });
});
