import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

// The checkpoint thread of an SQLite file database (connectSqlite in connect.ts): a connection of
// its own that copies the WAL back into the database every `everyMs`. PASSIVE never waits for
// readers or the writer; what it cannot copy now it copies next time.
const { file, everyMs } = workerData as { file: string; everyMs: number };
const sqlite = new SQLite(file);
sqlite.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try { sqlite.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: next time */ }
}, everyMs);
parentPort!.once('message', () => {
  clearInterval(timer);
  sqlite.close();
  parentPort!.close();
});
