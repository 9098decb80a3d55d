import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { BENCH_EMAIL, BENCH_PASSWORD, seedUn } from './org.js';
import { NOTIFY_PHASES, notifyBench, notifyServerEnv, SMTP_SINK_PORT, startHelper, type NotifyPhase } from './notify.js';
import { signIn, startServer } from './server.js';

/**
 * `npm run bench:notify`: the issue-6 figures alone, on SQLite and (with BENCH_DATABASE_URL) on
 * PostgreSQL. The un scale is seeded into a scratch directory or database that is removed after.
 *
 * BENCH_DB          sqlite, postgres or both (default: sqlite, and postgres when BENCH_DATABASE_URL is set)
 * BENCH_PHASES      some of dispatch,ingest,board (default all; the queueing always runs)
 * BENCH_PORT        the app server's port (18191); BENCH_SMTP_PORT and BENCH_EMPTY_PORT move the helpers
 * BENCH_CONNECTIONS  concurrent clients of the load generator, for the app and the empty route alike (100)
 * BENCH_SEED_CACHE  1: keep the seeded organization (SQLite file in the temp dir, PostgreSQL template
 *                   database orms_bench_notify_seed) and copy it for the next runs instead of seeding again
 * BENCH_SERVER_NODE_ARGS  node options for the app server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 */
const SEED_NAME = 'orms_bench_notify_seed';
const cache = process.env.BENCH_SEED_CACHE === '1';
const port = Number(process.env.BENCH_PORT ?? 18191);
const phases = (process.env.BENCH_PHASES ? process.env.BENCH_PHASES.split(',') : NOTIFY_PHASES) as NotifyPhase[];
const pgUrl = process.env.BENCH_DATABASE_URL;
const which = process.env.BENCH_DB ?? (pgUrl ? 'both' : 'sqlite');
// Without the dispatch phase no email channel is configured, so the deliveries stay queued.
const serverEnv = phases.includes('dispatch') ? notifyServerEnv : { ...notifyServerEnv, ORMS_SMTP_URL: '' };
const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

async function run(label: string, env: NodeJS.ProcessEnv) {
  const server = await startServer({ ...env, ...serverEnv }, port, nodeArgs);
  try {
    const { cookie, csrf } = await signIn(server.url, BENCH_EMAIL, BENCH_PASSWORD);
    await notifyBench(label, server.url, cookie, csrf, { dataDir: env.ORMS_DATA_DIR, databaseUrl: env.DATABASE_URL || undefined }, phases, server.proc.pid);
  } finally {
    await server.stop();
  }
}

async function sqlite() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orms-bench-notify-'));
  const seeded = path.join(os.tmpdir(), SEED_NAME);
  try {
    if (cache && fs.existsSync(path.join(seeded, 'orms.sqlite'))) {
      fs.copyFileSync(path.join(seeded, 'orms.sqlite'), path.join(dataDir, 'orms.sqlite'));
    } else {
      console.log(`sqlite: seeded the un scale in ${seedUn({ ORMS_DATA_DIR: dataDir, DATABASE_URL: '' }).toFixed(1)} s`);
      if (cache) {
        fs.mkdirSync(seeded, { recursive: true });
        fs.copyFileSync(path.join(dataDir, 'orms.sqlite'), path.join(seeded, 'orms.sqlite'));
      }
    }
    await run('sqlite', { ORMS_DATA_DIR: dataDir, DATABASE_URL: '' });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgres(url: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const dbUrl = (name: string) => { const u = new URL(url); u.pathname = `/${name}`; return u.toString(); };
  const name = `orms_bench_notify_${Date.now()}`;
  try {
    const hasSeed = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [SEED_NAME])).rowCount;
    if (cache && hasSeed) {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${SEED_NAME}`);
    } else {
      await admin.query(`CREATE DATABASE ${name}`);
      console.log(`postgres: seeded the un scale in ${seedUn({ DATABASE_URL: dbUrl(name) }).toFixed(1)} s`);
      if (cache) await admin.query(`CREATE DATABASE ${SEED_NAME} TEMPLATE ${name}`);
    }
    // Seeding or cloning the seed writes half a gigabyte of WAL or more, and the checkpoint it calls
    // for would otherwise start in the middle of the blast being timed, which then writes a full
    // image of every page it touches first. The blast starts after a checkpoint instead.
    await admin.query('CHECKPOINT');
    await run('postgres', { DATABASE_URL: dbUrl(name), ORMS_DATA_DIR: os.tmpdir() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function main() {
  console.log(`ORMS notification benchmark — ${os.cpus().length} cores, node ${process.version}, phases: queue,${phases.join(',')}`);
  const sink = phases.includes('dispatch') ? await startHelper('smtp-sink.js', SMTP_SINK_PORT) : undefined;
  process.on('exit', () => sink?.kill());
  if (which === 'sqlite' || which === 'both') await sqlite();
  if (which === 'postgres' || which === 'both') {
    if (!pgUrl) throw new Error('Set BENCH_DATABASE_URL to a PostgreSQL server where a scratch database may be created');
    await postgres(pgUrl);
  }
}

// Exit explicitly: the SMTP sink's IPC channel would otherwise keep this process alive.
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
