import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { BENCH_EMAIL, BENCH_PASSWORD, orgBench } from './org.js';
import { notifyServerEnv, SMTP_SINK_PORT, startHelper } from './notify.js';
import { webBench } from './web.js';
import { continuityBench } from './continuity.js';
import { continuityApiBench } from './continuity-api.js';
import { plansBench } from './plans.js';

/**
 * `npm run bench`: the performance figures of the issues, printed. SQLite always; PostgreSQL when
 * BENCH_DATABASE_URL (or DATABASE_URL) names a server on which a scratch database may be created.
 */
async function main() {
  console.log(`ORMS benchmarks — ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orms-bench-'));
  const sink = await startHelper('smtp-sink.js', SMTP_SINK_PORT);
  process.on('exit', () => sink.kill());
  const sqlite = await orgBench('sqlite', { ORMS_DATA_DIR: dataDir, DATABASE_URL: '', ...notifyServerEnv }, 18091);
  try {
    await webBench({ baseUrl: sqlite.url, email: BENCH_EMAIL, password: BENCH_PASSWORD });
  } finally {
    await sqlite.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  await continuityBench();
  await continuityApiBench();
  await plansBench();

  const pgUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (!pgUrl) { console.log('postgres: skipped (set BENCH_DATABASE_URL to a server where a scratch database may be created)'); return; }
  const name = `orms_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  try {
    const server = await orgBench('postgres', { DATABASE_URL: url.toString(), ORMS_DATA_DIR: dataDir, ...notifyServerEnv }, 18092);
    await server.stop();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

// Exit explicitly: the SMTP sink's IPC channel would otherwise keep this process alive.
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
