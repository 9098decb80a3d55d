import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, seedFixture } from '../../test/helpers.js';
import type { Db } from '../db/connect.js';
import { newId, nowIso } from '../domain/ids.js';
import { systemCtx } from '../cli/system.js';
import { createMessage, sendMessage } from '../modules/notify/messages.service.js';
import type { ChannelSender } from '../modules/notify/channels/types.js';
import { Dispatcher } from './dispatcher.js';

/**
 * The running dispatcher (start/stop): it claims the next batch while the last sends of the
 * current one are out. Whatever the timing, every address gets the message once, and stopping
 * hands back what was claimed but not begun.
 */
let database: Db;
let messageNo = 0;

beforeAll(async () => {
  database = await freshDatabase();
  await seedFixture(database);
}, 60_000);
afterAll(async () => database.close());

/** A message to `n` new people, each with one email address; returns the addresses. */
async function blast(n: number): Promise<string[]> {
  const now = nowIso();
  const tag = `d${++messageNo}`;
  const people = Array.from({ length: n }, (_, i) => ({
    id: newId(), external_id: `${tag}-${i}`, kind: 'staff', given_name: 'Dispatch', family_name: `${tag} ${i}`, entity_id: null, home_location_id: null,
    sponsor_id: null, job_title: null, language: 'en', status: 'active', search_text: `${tag} ${i}`, created_at: now, updated_at: now,
  }));
  await database.db.insertInto('people').values(people).execute();
  const addresses = people.map((_, i) => `${tag}-${i}@example.org`);
  await database.db.insertInto('contact_points').values(people.map((p, i) => ({ id: newId(), person_id: p.id, kind: 'email', value: addresses[i]!, label: null, priority: 0 }))).execute();
  const ctx = systemCtx(database.db);
  const m = await createMessage(ctx, {
    title: tag, severity: 'info', content: { en: { subject: tag, body: 'Test' } }, variables: {}, responseOptions: null,
    audience: { include: people.map((p) => ({ type: 'person' as const, id: p.id })), exclude: [], includeDependants: false }, channels: ['email'], templateId: null, escalateAfterMinutes: null,
  });
  await sendMessage(ctx, m.id, { bypassReason: 'Test of the dispatcher' });
  return addresses;
}

/** An email channel that takes `ms` per send and remembers what it sent. */
function slowEmail(ms: number) {
  const sent: string[] = [];
  const channel: ChannelSender = {
    name: 'email', ratePerSecond: 1_000_000, close: async () => {},
    send: async (o) => { await new Promise((r) => setTimeout(r, ms)); sent.push(o.to); return `ok-${o.deliveryId}`; },
  };
  return { channel, sent };
}

const until = async (cond: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const statuses = async () => Object.fromEntries((await database.db.selectFrom('deliveries').select(['status']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('status').execute()).map((r) => [r.status, Number(r.n)]));

describe('the running dispatcher', () => {
  it('hands back what it claimed but did not begin when stopped, and the next one sends the rest once', async () => {
    const addresses = await blast(60);
    const first = slowEmail(20);
    const d1 = new Dispatcher(database.db, database.dialect, { email: first.channel }, { batchSize: 10, concurrency: 3, idleMs: 10 });
    d1.start();
    await until(() => first.sent.length >= 12, 10_000);
    await d1.stop();
    const after = await statuses();
    expect(after.sending ?? 0).toBe(0);
    expect(after.sent).toBe(first.sent.length);
    expect(after.queued).toBe(60 - first.sent.length);
    // Handed back, not tried: nothing counts as an attempt.
    const attempts = await database.db.selectFrom('deliveries').select('attempts').where('status', '=', 'queued').execute();
    expect(attempts.every((a) => a.attempts === 0)).toBe(true);

    const second = slowEmail(1);
    const d2 = new Dispatcher(database.db, database.dialect, { email: second.channel }, { batchSize: 10, concurrency: 3, idleMs: 10 });
    d2.start();
    await until(() => first.sent.length + second.sent.length >= 60, 10_000);
    await d2.stop();
    expect([...first.sent, ...second.sent].sort()).toEqual([...addresses].sort());
  });

  it('does not take back and send again its own claims when a batch outlasts the lease', async () => {
    const addresses = await blast(40);
    const { channel, sent } = slowEmail(30);
    // 20 sends of 30 ms, two at a time, take 300 ms: longer than the 150 ms lease.
    const d = new Dispatcher(database.db, database.dialect, { email: channel }, { batchSize: 20, concurrency: 2, leaseMs: 150, idleMs: 10 });
    d.start();
    await until(() => sent.filter((a) => addresses.includes(a)).length >= 40, 15_000);
    await new Promise((r) => setTimeout(r, 300));
    await d.stop();
    const mine = sent.filter((a) => addresses.includes(a));
    expect(mine.sort()).toEqual([...addresses].sort());
  });
});
