import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from './connect.js';
import { migrateToLatest } from './migrate.js';

// SQLite whatever DATABASE_URL says: the connection is opened on a directory.
describe('SQLite file databases', () => {
  it('copy the WAL back into the database on a thread of their own, and stop it on close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orms-checkpoint-'));
    const file = path.join(dir, 'orms.sqlite');
    try {
      const database = connect({ dataDir: dir });
      const before = fs.statSync(file).size;
      // The connection itself never checkpoints (wal_autocheckpoint = 0): the migrations' pages stay in the WAL until the thread copies them.
      await migrateToLatest(database.db);
      const deadline = Date.now() + 10_000;
      while (fs.statSync(file).size <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(fs.statSync(file).size).toBeGreaterThan(before);
      await database.close();
      // Closed, nothing holds the files: they can go at once, and a new connection reads what was written.
      const again = connect({ dataDir: dir });
      expect((await again.db.selectFrom('countries').select('code').limit(1).execute()).length).toBe(1);
      await again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
