import { execFileSync } from 'node:child_process';
import { CLI, median, p95, rssMb, signIn, startServer, type Running } from './server.js';
import { riskBench } from './risk.js';
import { notifyBench } from './notify.js';

export const BENCH_EMAIL = 'admin@example.org';
export const BENCH_PASSWORD = 'bench-password-1';

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Seeds the un-scale organization with the CLI and returns the wall time in seconds. */
export function seedUn(env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  execFileSync(process.execPath, [CLI, 'seed', '--demo', '--scale', 'un'], { env: { ...process.env, ...env, ORMS_ADMIN_PASSWORD: BENCH_PASSWORD }, stdio: ['ignore', 'ignore', 'inherit'] });
  return (performance.now() - t0) / 1000;
}

/**
 * The issue-2 figures for one database: seed time, start-up to healthy, idle RSS, and the
 * people list filtered by duty station and searched by name (median of many requests over HTTP).
 * Leaves the server running for the web benchmark and returns it.
 */
export async function orgBench(label: string, env: NodeJS.ProcessEnv, port: number): Promise<Running> {
  const seedS = seedUn(env);
  console.log(`${label}: seed --demo --scale un            ${seedS.toFixed(1)} s (target < 60 s on SQLite; includes 100,000 risks and 300,000 treatments)`);
  const server = await startServer(env, port);
  console.log(`${label}: start to healthy /api/health       ${fmt(server.startMs)} (target < 2000 ms, database already migrated)`);
  await new Promise((r) => setTimeout(r, 1500));
  console.log(`${label}: idle RSS after start               ${rssMb(server.proc.pid!).toFixed(0)} MB (target < 250 MB)`);

  const { cookie, csrf } = await signIn(server.url, BENCH_EMAIL, BENCH_PASSWORD);
  const get = async (path: string) => {
    const t0 = performance.now();
    const res = await fetch(server.url + path, { headers: { cookie } });
    const body = (await res.json()) as { items: { id: string; familyName: string; homeLocationId: string }[]; total: number };
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return { ms: performance.now() - t0, body };
  };
  const stations = (await get('/api/v1/locations?kind=duty_station&pageSize=500')).body.items.map((l) => l.id);
  const names = ['chen', 'garc', 'okafor', 'ana', 'smith', 'ivan', 'has', 'mwangi', 'kim', 'lo'];
  for (let i = 0; i < 20; i++) await get(`/api/v1/people?locationId=${stations[i]}&q=${names[i % names.length]}`); // warm-up
  const filtered: number[] = [];
  let found = 0;
  const deadline = Date.now() + 60_000;
  for (let i = 0; i < 300 && Date.now() < deadline; i++) {
    const r = await get(`/api/v1/people?locationId=${stations[(i * 7) % stations.length]}&q=${names[i % names.length]}`);
    filtered.push(r.ms);
    found += r.body.items.length;
  }
  console.log(`${label}: people by duty station + name search  median ${fmt(median(filtered))}, p95 ${fmt(p95(filtered))} over ${filtered.length} requests, ${found} hits (target median < 20 ms)`);
  const search: number[] = [];
  for (let i = 0; i < 50 && Date.now() < deadline + 30_000; i++) search.push((await get(`/api/v1/people?q=${names[i % names.length]}`)).ms);
  console.log(`${label}: people name search, whole organization median ${fmt(median(search))}, p95 ${fmt(p95(search))} over ${search.length} requests`);
  const pages: number[] = [];
  for (let i = 0; i < 50; i++) pages.push((await get(`/api/v1/people?page=${1 + i * 37}&pageSize=50`)).ms);
  console.log(`${label}: people page (150,000, sorted by name)   median ${fmt(median(pages))}, p95 ${fmt(p95(pages))}`);
  await riskBench(label, server.url, cookie);
  await notifyBench(label, server.url, cookie, csrf, { dataDir: env.ORMS_DATA_DIR, databaseUrl: env.DATABASE_URL || undefined }, undefined, server.proc.pid);
  return server;
}
