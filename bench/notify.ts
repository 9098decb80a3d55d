import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import nodemailer from 'nodemailer';
import { connect } from '../src/db/connect.js';
import { linkKey, signResponseToken } from '../src/modules/notify/tokens.js';
import { responseFooter } from '../src/domain/notify/template.js';
import { EMAIL_CONNECTIONS } from '../src/modules/notify/channels/email.js';
import { median, p95 } from './server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

// Ports may be moved (BENCH_SMTP_PORT, BENCH_EMPTY_PORT) so that two benchmark runs do not collide.
export const SMTP_SINK_PORT = Number(process.env.BENCH_SMTP_PORT ?? 18025);
const EMPTY_PORT = Number(process.env.BENCH_EMPTY_PORT ?? 18099);

/** Starts a compiled helper script of this folder as a child process and waits for its 'ready'. */
export function startHelper(script: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, script), [String(port)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** Env for the app server so its dispatcher sends to the sink without a rate cap. */
export const notifyServerEnv = { ORMS_SMTP_URL: `smtp://127.0.0.1:${SMTP_SINK_PORT}?tls=off`, ORMS_EMAIL_RATE: '1000000', ORMS_RESPONSE_RATE_LIMIT: '100000000' };

interface Api { get<T>(p: string): Promise<T>; post<T>(p: string, body: unknown): Promise<T> }

export type NotifyPhase = 'dispatch' | 'ingest' | 'board';
export const NOTIFY_PHASES: readonly NotifyPhase[] = ['dispatch', 'ingest', 'board'];

/**
 * Issue-6 figures at the un scale: queue a message to everyone, dispatch it to a local SMTP server
 * against a bare nodemailer loop, ingest answers over HTTP against an empty Fastify route, and
 * read the accountability board. `phases` leaves some out (e.g. to profile one load alone); the
 * queueing always runs, as the others need its recipients.
 */
export async function notifyBench(label: string, url: string, cookie: string, csrf: string, database: { dataDir?: string; databaseUrl?: string }, phases: readonly NotifyPhase[] = NOTIFY_PHASES, serverPid?: number): Promise<void> {
  const api: Api = {
    get: async (p) => { const r = await fetch(url + p, { headers: { cookie } }); if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`); return r.json() as never; },
    post: async (p, body) => {
      const r = await fetch(url + p, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
      return r.json() as never;
    },
  };
  const m = await api.post<{ id: string }>('/api/v1/messages', {
    title: 'Benchmark: all staff', severity: 'warning', content: { en: { subject: 'Check in', body: 'Are you safe?' } },
    responseOptions: ['I am safe', 'I need help'], audience: { include: [{ type: 'everyone' }], includeDependants: true }, channels: ['email'],
  });
  // The dispatcher's links point at the server's own address (ORMS_PUBLIC_URL unset).
  const publicUrl = url.replace('127.0.0.1', 'localhost');
  const bareBefore = phases.includes('dispatch') ? await bareNodemailerRate(publicUrl, 30_000) : 0;
  const t0 = performance.now();
  const sent = await api.post<{ queued: number; message: { recipientCount: number } }>(`/api/v1/messages/${m.id}/send`, { bypassReason: 'Benchmark of a system-wide blast' });
  const queueMs = performance.now() - t0;
  console.log(`${label}: message to everyone resolved and queued  ${(queueMs / 1000).toFixed(2)} s for ${sent.message.recipientCount} people, ${sent.queued} emails (target < 5 s)`);

  if (phases.includes('dispatch')) await dispatchPhase(label, api, publicUrl, bareBefore, m.id, sent.queued, t0 + queueMs, queueMs);
  if (!phases.includes('ingest') && !phases.includes('board')) return;

  // Answers over HTTP: every recipient answers once through their own link.
  const db = connect({ dataDir: database.dataDir ?? '', databaseUrl: database.databaseUrl });
  const key = await linkKey(db.db);
  const ids = (await db.db.selectFrom('message_recipients').select('id').where('message_id', '=', m.id).execute()).map((r) => r.id);
  await db.close();
  const expires = new Date(Date.now() + 86_400_000);
  const tokens = ids.map((id) => signResponseToken(key, id, expires));
  if (phases.includes('ingest')) await ingestPhase(label, url, tokens, serverPid);
  if (phases.includes('board')) await boardPhase(label, url, cookie, api, m.id, tokens[0]!);
}

async function dispatchPhase(label: string, api: Api, publicUrl: string, bareBefore: number, messageId: string, queued: number, start: number, queueMs: number) {
  const deadline = Date.now() + 300_000;
  let delivered = 0;
  while (Date.now() < deadline) {
    const stats = await api.get<{ byStatus: Record<string, number> }>(`/api/v1/messages/${messageId}/deliveries`);
    delivered = (stats.byStatus.sent ?? 0) + (stats.byStatus.delivered ?? 0) + (stats.byStatus.failed ?? 0) + (stats.byStatus.bounced ?? 0);
    if (delivered >= queued) break;
    // Polled once a second: counting 150,000 rows more often would slow the server it measures.
    await new Promise((r) => setTimeout(r, 1000));
  }
  const dispatchS = (performance.now() - start) / 1000;
  const dispatchRate = delivered / dispatchS;

  // The bare loop ran before the blast and runs again now: the machine is shared, so the mean of both is the baseline.
  const bareAfter = await bareNodemailerRate(publicUrl, Math.min(30_000, queued));
  const baselineRate = (bareBefore + bareAfter) / 2;
  console.log(`${label}: dispatch to SMTP  ${dispatchRate.toFixed(0)} emails/s (${delivered} in ${dispatchS.toFixed(1)} s); bare nodemailer loop (same emails) ${baselineRate.toFixed(0)} emails/s (${bareBefore.toFixed(0)} before, ${bareAfter.toFixed(0)} after); ratio ${(dispatchRate / baselineRate * 100).toFixed(0)}% (target >= 70%)`);
  const reachAllS = queueMs / 1000 + dispatchS;
  console.log(`${label}: everyone (${queued} people) reached in ${reachAllS.toFixed(1)} s, ${(1800 / reachAllS).toFixed(0)}x faster than the 30 minutes of the source documents`);
  await entityReach(label, api, 'UNFPA');
}

/**
 * The task of 000 §44: UNFPA reached all its headquarters staff in 30 minutes. Here: a message to
 * every staff member of that entity in the un seed (headquarters and field), timed from the send
 * to the last email accepted by the SMTP server.
 */
async function entityReach(label: string, api: Api, code: string) {
  const entity = (await api.get<{ items: { id: string; code: string }[] }>(`/api/v1/entities?q=${code}&pageSize=100`)).items.find((e) => e.code === code);
  if (!entity) throw new Error(`No entity ${code} in the seed`);
  const m = await api.post<{ id: string }>('/api/v1/messages', {
    title: `Benchmark: all ${code} staff`, severity: 'warning', content: { en: { subject: 'Check in', body: 'Are you safe?' } },
    responseOptions: ['I am safe', 'I need help'], audience: { include: [{ type: 'entity', id: entity.id }] }, channels: ['email'],
  });
  const t0 = performance.now();
  const sent = await api.post<{ queued: number }>(`/api/v1/messages/${m.id}/send`, { bypassReason: 'Benchmark of an entity-wide blast' });
  const deadline = Date.now() + 120_000;
  let done = 0;
  while (Date.now() < deadline) {
    const stats = await api.get<{ byStatus: Record<string, number> }>(`/api/v1/messages/${m.id}/deliveries`);
    done = (stats.byStatus.sent ?? 0) + (stats.byStatus.delivered ?? 0) + (stats.byStatus.failed ?? 0) + (stats.byStatus.bounced ?? 0);
    if (done >= sent.queued) break;
    await new Promise((r) => setTimeout(r, 50)); // a few thousand rows: counting them often costs little
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`${label}: all ${code} staff (${done} of ${sent.queued} people, the entity of 000 §44) reached in ${s.toFixed(2)} s: ${(1800 / s).toFixed(0)}x faster than its 30 minutes for its headquarters staff`);
}

/**
 * Baseline: a bare pooled nodemailer loop with the same pool and in-flight limit, to the same sink,
 * sending the same emails (text with a response link of the same length, Message-ID, language),
 * made before the clock starts: the loop does nothing but hand them to nodemailer.
 */
async function bareNodemailerRate(publicUrl: string, count: number): Promise<number> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: SMTP_SINK_PORT, pool: true, maxConnections: EMAIL_CONNECTIONS, maxMessages: Infinity, ignoreTLS: true });
  const key = crypto.randomBytes(32);
  const expires = new Date(Date.now() + 7 * 86_400_000);
  const mails = Array.from({ length: count }, (_, i) => {
    const link = `${publicUrl}/respond/${signResponseToken(key, crypto.randomUUID(), expires)}`;
    return {
      from: 'orms@orms.local', to: `p${i}@bench.local`, subject: 'Check in', messageId: `<${crypto.randomUUID()}@orms.local>`, headers: { 'Content-Language': 'en' },
      text: `Are you safe?\n\n${responseFooter(['I am safe', 'I need help'], link, 'email', 'en')}`,
    };
  });
  const b0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < count) await transport.sendMail(mails[next++]!);
  }));
  const rate = count / ((performance.now() - b0) / 1000);
  transport.close();
  return rate;
}

/** Clients of the load generator at once, for the app and the empty route alike: many people answer at the same moment. */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);

/** The answers go in this many parts, each after a run of the empty route, and one more run of it ends them. */
const INGEST_PARTS = 3;

async function ingestPhase(label: string, url: string, tokens: string[], serverPid?: number) {
  // The same load generator settings for the app and for the empty route.
  const cannon = async (target: string, paths: string[]) => {
    let i = 0;
    const result = await autocannon({
      // autocannon ends a run on its next sample tick: ticks every 100 ms (not every second) keep a 5-second run's duration, and rate, exact to 2%.
      url: target, connections: CONNECTIONS, amount: paths.length, timeout: 30, sampleInt: 100,
      requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answer: 'I am safe' }), setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
    });
    return { seconds: result.duration, non2xx: result.non2xx, total: result.requests.total };
  };
  // The empty route runs between the parts of the answers and after them, on the same tokens: the
  // machine may be shared, and its speed change within seconds; alternating, both see the same.
  const empty = await startHelper('empty-server.js', EMPTY_PORT);
  const emptyCpu0 = cpuSeconds(empty.pid!);
  const part = Math.ceil(tokens.length / INGEST_PARTS);
  const app = { seconds: 0, non2xx: 0, total: 0, cpu: 0, pg: 0 };
  const bare = { seconds: 0, total: 0, rates: [] as number[] };
  const emptyRun = async (paths: string[]) => {
    const r = await cannon(`http://127.0.0.1:${EMPTY_PORT}`, paths.map((t) => `/empty/${t}`));
    bare.seconds += r.seconds;
    bare.total += r.total;
    bare.rates.push(r.total / r.seconds);
  };
  for (let p = 0; p < INGEST_PARTS; p++) {
    const answers = tokens.slice(p * part, (p + 1) * part);
    await emptyRun(answers);
    const cpu0 = serverPid ? cpuSeconds(serverPid) : 0;
    const pg0 = postgresCpuSeconds();
    const r = await cannon(url, answers.map((t) => `/api/v1/respond/${t}`));
    app.cpu += serverPid ? cpuSeconds(serverPid) - cpu0 : 0;
    app.pg += postgresCpuSeconds() - pg0;
    app.seconds += r.seconds;
    app.non2xx += r.non2xx;
    app.total += r.total;
  }
  await emptyRun(tokens.slice(0, part));
  const emptyCpu = ((cpuSeconds(empty.pid!) - emptyCpu0) / bare.total * 1e6).toFixed(0);
  empty.kill();
  const perAnswer = (s: number) => (s / app.total * 1e6).toFixed(0);
  const pgCpu = label === 'postgres' && app.pg > 0 ? ` ${perAnswer(app.pg)} µs PostgreSQL CPU;` : '';
  const cpuPerAnswer = serverPid ? ` ${perAnswer(app.cpu)} µs server CPU each;${pgCpu}` : '';
  const rate = app.total / app.seconds;
  const bareRate = bare.total / bare.seconds;
  console.log(`${label}: answers ingested  ${rate.toFixed(0)}/s (${app.total} posted by ${CONNECTIONS} clients in ${INGEST_PARTS} parts, ${app.non2xx} non-2xx;${cpuPerAnswer ? cpuPerAnswer.slice(0, -1) : ''}); `
    + `empty Fastify route ${bareRate.toFixed(0)}/s (runs between: ${bare.rates.map((x) => x.toFixed(0)).join(', ')}; ${emptyCpu} µs CPU each); ratio ${(rate / bareRate * 100).toFixed(0)}% (target >= 30%)`);
}

/** CPU seconds used by the PostgreSQL server processes on this machine (0 when it runs elsewhere). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      // The processes' own CPU, and (the postmaster's) that of its children that have ended: a
      // connection closed during the run keeps counting.
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(Number(pid), true);
    } catch { /* gone meanwhile */ }
  }
  return total;
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number, withEndedChildren = false): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime (then cutime and cstime, of the children it has waited for), in clock ticks of 1/100 s
  const own = Number(fields[11]) + Number(fields[12]);
  return (withEndedChildren ? own + Number(fields[13]) + Number(fields[14]) : own) / 100;
}

async function boardPhase(label: string, url: string, cookie: string, api: Api, messageId: string, token: string) {
  const boardTimes: number[] = [];
  let board: { total: { recipients: number; answers: Record<string, number> }; byLocation: { key: string | null }[] } | undefined;
  for (let i = 0; i < 20; i++) {
    const b0 = performance.now();
    board = await api.get(`/api/v1/messages/${messageId}/board`);
    boardTimes.push(performance.now() - b0);
  }
  console.log(`${label}: accountability board  median ${fmt(median(boardTimes))}, p95 ${fmt(p95(boardTimes))} for ${board!.total.recipients} recipients, ${board!.total.answers['I am safe']} safe (target < 100 ms)`);

  // From the board to the people of one duty station (the first page, as the UI asks for it).
  const stations = board!.byLocation.filter((l) => l.key).slice(0, 20);
  const drillTimes: number[] = [];
  let listed = 0;
  for (const s of stations) {
    const d0 = performance.now();
    listed += (await api.get<unknown[]>(`/api/v1/messages/${messageId}/recipients?locationId=${s.key}&pageSize=50`)).length;
    drillTimes.push(performance.now() - d0);
  }
  console.log(`${label}: drill-down to one duty station's people  median ${fmt(median(drillTimes))}, p95 ${fmt(p95(drillTimes))} over ${stations.length} stations (${(listed / stations.length).toFixed(0)} people each)`);

  // From an answer to the board stream: open the stream, change one answer, time the event.
  const res = await fetch(`${url}/api/v1/messages/${messageId}/board/stream`, { headers: { cookie } });
  const reader = res.body!.getReader();
  await reader.read();
  const a0 = performance.now();
  await fetch(`${url}/api/v1/respond/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answer: 'I need help' }) });
  const timer = setTimeout(() => reader.cancel(), 5000);
  await reader.read();
  clearTimeout(timer);
  console.log(`${label}: answer shown on the live board after ${fmt(performance.now() - a0)} (target < 1000 ms)`);
  await reader.cancel();
}
