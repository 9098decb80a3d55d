import fs from 'node:fs';
import type { Worker } from 'node:worker_threads';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './types.js';
import { closeSqlite, registerSqlite } from './sqlite-direct.js';
import { configureSqlite } from './sqlite-setup.js';
import { CopyingClient } from './pg-copy.js';
import { registerPostgres } from './pg-direct.js';
import { siblingModule, startThread, stopThread } from '../threads.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Human-readable location of the data, without credentials. */
  where: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl?: string | undefined;
  /** Directory holding orms.sqlite, or ':memory:' for a private in-memory database. */
  dataDir: string;
}

export function connect(opts: ConnectOptions): Db {
  return opts.databaseUrl ? connectPostgres(opts.databaseUrl) : connectSqlite(opts.dataDir);
}

const CHECKPOINT_EVERY_MS = 1000;

function connectSqlite(dataDir: string): Db {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    fs.mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, 'orms.sqlite');
  }
  const sqlite = new SQLite(file);
  configureSqlite(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  registerSqlite(db, sqlite);
  // The WAL is copied back into the database once a second, by a thread of its own, rather than by
  // the commit that happens to cross a size: no request waits for a checkpoint (a blast's commit
  // would wait for some 100 MB), the main thread does not spend a twentieth of a burst of answers
  // copying pages, and a page written many times within the second is copied once.
  let checkpoints: Worker | undefined;
  if (file !== ':memory:') {
    checkpoints = startThread(siblingModule(import.meta.url, 'checkpoint-worker'), { file, everyMs: CHECKPOINT_EVERY_MS });
    checkpoints.unref();
  }
  return { db, dialect: 'sqlite', where: file, close: async () => { await closeSqlite(sqlite); if (checkpoints) await stopThread(checkpoints); await db.destroy(); } };
}

// COUNT(*) and other int8 values come back from pg as strings; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

function connectPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10, Client: CopyingClient });
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // the pool discards it and opens a new one on the next query.
  let closing = false;
  pool.on('error', (err) => { if (!closing) console.error(`postgres: idle connection lost: ${err.message}`); });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerPostgres(db, pool);
  const u = new URL(url);
  return { db, dialect: 'postgres', where: `${u.hostname}:${u.port || 5432}${u.pathname}`, close: () => { closing = true; return db.destroy(); } };
}
