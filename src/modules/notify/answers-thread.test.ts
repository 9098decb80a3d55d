import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { newId, nowIso } from '../../domain/ids.js';
import { systemCtx } from '../../cli/system.js';
import { seedFixture } from '../../../test/helpers.js';
import { createMessage, sendMessage } from './messages.service.js';
import { board } from './responses.service.js';
import { ResponseWriter } from './response-writer.js';
import { answersOnThread } from './answers-thread.js';

/**
 * An SQLite database file writes answers on a thread with its own connection (answers-thread.ts);
 * the rest of the suite runs on in-memory databases, which write them in-process. This runs on
 * SQLite whatever DATABASE_URL says.
 */
const PEOPLE = 60;
const OPTIONS = ['I am safe', 'I need help'];
let dir: string;
let database: Db;
let messageId: string;
let recipients: { id: string }[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orms-answers-'));
  database = connect({ dataDir: dir });
  await migrateToLatest(database.db);
  const fx = await seedFixture(database);
  const now = nowIso();
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    id: newId(), external_id: `AT${i}`, kind: 'staff', given_name: 'Thread', family_name: `Person ${i}`, entity_id: i % 2 ? fx.ids.a : fx.ids.b,
    home_location_id: i % 3 ? fx.ids.x : fx.ids.y, sponsor_id: null, job_title: null, language: 'en', status: 'active', search_text: `thread ${i}`, created_at: now, updated_at: now,
  }));
  await database.db.insertInto('people').values(people).execute();
  await database.db.insertInto('contact_points').values(people.map((p, i) => ({ id: newId(), person_id: p.id, kind: 'email', value: `thread${i}@example.org`, label: null, priority: 0 }))).execute();
  const ctx = systemCtx(database.db);
  const m = await createMessage(ctx, {
    title: 'Headcount', severity: 'warning', content: { en: { subject: 'Headcount', body: 'Are you safe?' } }, variables: {}, responseOptions: OPTIONS,
    audience: { include: people.map((p) => ({ type: 'person' as const, id: p.id })), exclude: [], includeDependants: false },
    channels: ['email'], templateId: null, escalateAfterMinutes: null,
  });
  await sendMessage(ctx, m.id, { bypassReason: 'Test of the answers thread' });
  messageId = m.id;
  recipients = await database.db.selectFrom('message_recipients').select('id').where('message_id', '=', m.id).orderBy('id').execute();
}, 60_000);
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The board's totals against the recipients themselves. */
async function expectTotalsMatch() {
  const rows = await database.db.selectFrom('message_recipients').select(['reached', 'latest_answer']).where('message_id', '=', messageId).execute();
  const b = await board(systemCtx(database.db), messageId);
  expect(b.total).toMatchObject({
    recipients: rows.length, reached: rows.filter((r) => r.reached).length, noResponse: rows.filter((r) => !r.latest_answer).length,
    answers: Object.fromEntries(OPTIONS.map((o) => [o, rows.filter((r) => r.latest_answer === o).length])),
  });
  return b;
}

describe('answers on an SQLite file', () => {
  it('are written by the answers thread, with the same rules and counts', async () => {
    expect(answersOnThread(database.db)).toBe(true);
    const w = new ResponseWriter(database.db);
    const first = await Promise.all(recipients.map((r, i) => w.record(r.id, undefined, OPTIONS[i % 2]!, 'link')));
    expect(first.every((x) => x.recorded)).toBe(true);
    const again = await Promise.all(recipients.slice(0, 10).map((r, i) => w.record(r.id, undefined, OPTIONS[(i + 1) % 2]!, 'link')));
    expect(again.every((x) => x.recorded)).toBe(true);
    expect(await w.record(recipients[20]!.id, undefined, OPTIONS[0]!, 'link')).toEqual({ recorded: false }); // the same answer again
    await expect(w.record(recipients[21]!.id, undefined, 'Maybe', 'link')).rejects.toMatchObject({ status: 400 });
    await expect(w.record(newId(), undefined, OPTIONS[0]!, 'link')).rejects.toMatchObject({ status: 404 });
    expect((await expectTotalsMatch()).total).toMatchObject({ noResponse: 0, answers: { 'I am safe': 30, 'I need help': 30 } });
    expect(await database.db.selectFrom('responses').select('id').where('message_id', '=', messageId).execute()).toHaveLength(PEOPLE + 10);
  });

  it('never come between the reads and writes of a transaction of the main thread', async () => {
    const w = new ResponseWriter(database.db);
    let answering: Promise<unknown> | undefined;
    await database.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('message_recipients').select('id').where('message_id', '=', messageId).where('latest_answer', '=', 'I am safe').execute();
      // Answers arrive while the transaction is open; they wait for it rather than commit in its midst (which would make its write fail as busy).
      answering = Promise.all(recipients.slice(30, 50).map((r) => w.record(r.id, undefined, 'I need help', 'link')));
      await new Promise((r) => setTimeout(r, 100));
      await trx.updateTable('messages').set({ updated_at: nowIso() }).where('id', '=', messageId).execute();
      expect(before.length).toBeGreaterThan(0);
    });
    await answering;
    await expectTotalsMatch();
  });
});
