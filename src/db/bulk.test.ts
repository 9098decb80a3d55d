import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/helpers.js';
import type { Db } from './connect.js';
import { batchesOf, insertBatches, insertMany } from './bulk.js';
import type { Database } from './types.js';
import { newId, nowIso } from '../domain/ids.js';

// insertMany and insertBatches are how seeds and a blast's 300,000 rows are written: on PostgreSQL
// through one COPY, whose text format gives backslashes, tabs and line breaks a meaning of their own.
describe('insertMany and insertBatches', () => {
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

  it('writes batches made one by one, skipping empty ones', async () => {
    const names = Array.from({ length: 7_000 }, (_, i) => `Batch ${i}`);
    const made: number[] = [];
    const batches = batchesOf(names, 1000, (name, i, batch: Database['locations'][]) => {
      if (i % 1000 === 0) made.push(i);
      if (i < 1000 || i >= 2000) batch.push(location(name));
    });
    await insertBatches(database.db, 'locations', batches);
    expect(made).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000]);
    const got = await database.db.selectFrom('locations').select(({ fn }) => fn.countAll<number>().as('n')).where('name', 'like', 'Batch %').executeTakeFirstOrThrow();
    expect(Number(got.n)).toBe(6000);
    await insertBatches(database.db, 'locations', batchesOf([], 10, () => {}));
  });

  it('writes nothing when making a later batch fails, and the connection is usable again', async () => {
    function* failing(): Generator<Database['locations'][]> {
      yield Array.from({ length: 3000 }, (_, i) => location(`Doomed ${i}`));
      throw new Error('the audience could not be read');
    }
    await expect(insertBatches(database.db, 'locations', failing())).rejects.toThrow('the audience could not be read');
    expect(await database.db.selectFrom('locations').select('id').where('name', 'like', 'Doomed %').execute()).toEqual([]);
    await insertMany(database.db, 'locations', [location('After failing')]);
    expect(await database.db.selectFrom('locations').select('name').where('name', '=', 'After failing').execute()).toEqual([{ name: 'After failing' }]);
  });

  it('refuses a value that is not text, a number, a boolean or null, and writes nothing', async () => {
    const rows = [location('Fine'), location('Dated', { city: new Date() as unknown as string })];
    await expect(insertMany(database.db, 'locations', rows)).rejects.toThrow(database.dialect === 'postgres' ? /"locations".*not text, a number, a boolean or null/ : /bind|SQLite3 can only bind/i);
    expect(await database.db.selectFrom('locations').select('id').where('name', 'in', ['Fine', 'Dated']).execute()).toEqual([]);
  });
});
