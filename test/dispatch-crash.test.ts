import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { newId, nowIso } from '../src/domain/ids.js';
import { systemCtx } from '../src/cli/system.js';
import { createMessage, sendMessage } from '../src/modules/notify/messages.service.js';
import { freshDatabase, seedFixture } from './helpers.js';
import { startSmtpServer } from './smtp.js';

/**
 * The outbox survives a worker killed with SIGKILL in the middle of a blast: after a restart
 * every recipient has the message, and nobody has two different messages. A message the dead
 * worker had handed to the SMTP server but not yet recorded is sent again under the same
 * Message-ID (the crash window cannot be closed for SMTP), so it is the same message.
 */
const RECIPIENTS = 3000;
let database: Db & { url?: string };
let dataDir: string | undefined;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    database = await freshDatabase();
    env = { DATABASE_URL: database.url };
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orms-crash-'));
    database = connect({ dataDir });
    await migrateToLatest(database.db);
    env = { DATABASE_URL: '', ORMS_DATA_DIR: dataDir };
  }
  const { ids } = await seedFixture(database);
  const now = nowIso();
  const people = Array.from({ length: RECIPIENTS }, (_, i) => ({
    id: newId(), external_id: `C${i}`, kind: 'staff', given_name: 'Crash', family_name: `Test ${i}`, entity_id: ids.b, home_location_id: ids.y,
    sponsor_id: null, job_title: null, language: 'en', status: 'active', search_text: `crash ${i}`, created_at: now, updated_at: now,
  }));
  for (let i = 0; i < people.length; i += 500) await database.db.insertInto('people').values(people.slice(i, i + 500)).execute();
  const contacts = people.map((p, i) => ({ id: newId(), person_id: p.id, kind: 'email', value: `crash${i}@example.org`, label: null, priority: 0 }));
  for (let i = 0; i < contacts.length; i += 500) await database.db.insertInto('contact_points').values(contacts.slice(i, i + 500)).execute();
  const ctx = systemCtx(database.db);
  const m = await createMessage(ctx, {
    title: 'Evacuation', severity: 'emergency', content: { en: { subject: 'Evacuate Yburg', body: 'Go to the assembly point.' } }, variables: {},
    responseOptions: null, audience: { include: [{ type: 'location', id: ids.y }], exclude: [], includeDependants: false }, channels: ['email'], templateId: null, escalateAfterMinutes: null,
  });
  const sent = await sendMessage(ctx, m.id, { bypassReason: 'Crash test of the outbox' });
  expect(sent.queued).toBe(RECIPIENTS); // the fixture's Anna and Bob have no email: not queued
}, 120_000);

afterAll(async () => {
  // A test that failed half-way must not leave a worker running.
  for (const w of workers) if (w.exitCode === null && !w.signalCode) { w.kill('SIGKILL'); await exited(w); }
  await database.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const workers: ChildProcess[] = [];
function startWorker(smtpUrl: string): ChildProcess {
  const worker = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
    env: { ...process.env, ...env, ORMS_SMTP_URL: smtpUrl, ORMS_LEASE_MS: '2000', ORMS_EMAIL_RATE: '100000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  workers.push(worker);
  return worker;
}

const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode ? r() : p.once('exit', () => r())));

async function until(cond: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a worker killed in the middle of a blast', () => {
  it('loses nothing and gives nobody the message twice after a restart', async () => {
    const smtp = await startSmtpServer();
    const pending = async () => Number((await database.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '!=', 'sent').executeTakeFirstOrThrow()).n);
    try {
      const first = startWorker(smtp.url);
      await until(() => smtp.received.length >= RECIPIENTS * 0.3, 60_000, 'the blast to get going');
      first.kill('SIGKILL');
      await exited(first);
      const atKill = smtp.received.length;
      expect(atKill).toBeLessThan(RECIPIENTS); // killed in the middle, not after the end
      expect(await pending()).toBeGreaterThan(0);

      const second = startWorker(smtp.url);
      await until(async () => (await pending()) === 0, 90_000, 'the restarted worker to finish');
      second.kill('SIGTERM');
      await exited(second);

      const byRecipient = new Map<string, Set<string>>();
      for (const m of smtp.received) for (const to of m.to) byRecipient.set(to, (byRecipient.get(to) ?? new Set()).add(m.messageId));
      const expected = Array.from({ length: RECIPIENTS }, (_, i) => `crash${i}@example.org`);
      expect(expected.filter((a) => !byRecipient.has(a))).toEqual([]); // nothing lost
      expect([...byRecipient].filter(([, ids]) => ids.size > 1)).toEqual([]); // nobody got two different messages
      const retransmitted = smtp.received.length - RECIPIENTS;
      console.log(`crash test (${database.dialect}): killed after ${atKill} of ${RECIPIENTS}; ${retransmitted} in-flight message(s) re-sent under the same Message-ID`);
      expect(retransmitted).toBeLessThanOrEqual(16); // at most the sends in flight at the kill
    } finally {
      await smtp.close();
    }
  }, 180_000);
});
