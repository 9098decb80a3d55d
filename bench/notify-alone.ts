import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_EMAIL, BENCH_PASSWORD, seedUn } from './org.js';
import { notifyBench, notifyServerEnv, SMTP_SINK_PORT, startHelper } from './notify.js';
import { signIn, startServer } from './server.js';

/**
 * The notification benchmark alone (`node dist/bench/notify-alone.js` after `npm run build`):
 * seeds the un-scale organization on SQLite and prints the issue-6 figures and ratios.
 */
async function main() {
  console.log(`ORMS notification benchmark — ${os.cpus().length} cores, load ${(os.loadavg()[0] ?? 0).toFixed(1)}, node ${process.version}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orms-bench-notify-'));
  const sink = await startHelper('smtp-sink.js', SMTP_SINK_PORT);
  const env = { ORMS_DATA_DIR: dataDir, DATABASE_URL: '', ...notifyServerEnv };
  try {
    console.log(`sqlite: seed --demo --scale un  ${seedUn(env).toFixed(1)} s`);
    const server = await startServer(env, Number(process.env.BENCH_SERVER_PORT ?? 18093));
    try {
      const { cookie, csrf } = await signIn(server.url, BENCH_EMAIL, BENCH_PASSWORD);
      await notifyBench('sqlite', server.url, cookie, csrf, { dataDir });
    } finally {
      await server.stop();
    }
  } finally {
    sink.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
