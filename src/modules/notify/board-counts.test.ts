import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { freshDatabase, seedFixture, type Fixture } from '../../../test/helpers.js';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/types.js';
import { migrateToLatest, migrator } from '../../db/migrate.js';
import { connect } from '../../db/connect.js';
import { newId, nowIso } from '../../domain/ids.js';
import { systemCtx } from '../../cli/system.js';
import { Dispatcher } from '../../jobs/dispatcher.js';
import { createMessage, deliveryStats, sendMessage } from './messages.service.js';
import { recordLateStatus } from './delivery-status.js';
import { board, responseHistory } from './responses.service.js';
import { ResponseWriter, responseWriter } from './response-writer.js';
import { PermanentFailure, type ChannelSender } from './channels/types.js';
import { BoardDelta } from './board-counts.js';

/**
 * The board reads counts kept beside the recipients (board-counts.ts). Whatever happens to the
 * recipients — sending, deliveries that reach or fail, first answers, changed and repeated
 * answers, several in one group commit — the counts must equal an aggregate over the recipients.
 */
const PEOPLE = 120;
let database: Db;
let fx: Fixture;

beforeAll(async () => {
  database = await freshDatabase();
  fx = await seedFixture(database);
  const now = nowIso();
  const { a, b, x, y } = fx.ids;
  const people = Array.from({ length: PEOPLE }, (_, i) => ({
    id: newId(), external_id: `BC${i}`, kind: 'staff', given_name: 'Count', family_name: `Person ${i}`, entity_id: i % 3 === 0 ? a : b,
    home_location_id: i % 5 === 0 ? null : i % 2 ? x : y, sponsor_id: null, job_title: null, language: 'en', status: 'active', search_text: `count ${i}`, created_at: now, updated_at: now,
  }));
  await database.db.insertInto('people').values(people).execute();
  await database.db.insertInto('contact_points').values(people.map((p, i) => ({ id: newId(), person_id: p.id, kind: 'email', value: `count${i}@example.org`, label: null, priority: 0 }))).execute();
}, 60_000);
afterAll(async () => database.close());

type Tally = { recipients: number; reached: number; answers: Record<string, number> };
const tally = (): Tally => ({ recipients: 0, reached: 0, answers: {} });

/** The board computed the slow way, from every recipient row. */
async function aggregate(db: Kysely<Database>, messageId: string) {
  const rows = await db.selectFrom('message_recipients').select(['location_id', 'entity_id', 'reached', 'latest_answer']).where('message_id', '=', messageId).execute();
  const out = { total: tally(), location: new Map<string | null, Tally>(), entity: new Map<string | null, Tally>() };
  for (const r of rows) {
    for (const t of [out.total, out.location.get(r.location_id) ?? out.location.set(r.location_id, tally()).get(r.location_id)!, out.entity.get(r.entity_id) ?? out.entity.set(r.entity_id, tally()).get(r.entity_id)!]) {
      t.recipients++;
      if (r.reached) t.reached++;
      if (r.latest_answer) t.answers[r.latest_answer] = (t.answers[r.latest_answer] ?? 0) + 1;
    }
  }
  return out;
}

/** A recipient's answers as the API gives them (along the chain), checked against every row kept for them and their latest answer. */
async function answersOf(db: Kysely<Database>, messageId: string, r: { id: string; person_id: string }) {
  const chain = (await responseHistory(systemCtx(db), messageId, r.person_id)).answers.map((a) => a.answer);
  const kept = await db.selectFrom('responses').select('answer').where('recipient_id', '=', r.id).execute();
  expect([...chain].sort()).toEqual(kept.map((k) => k.answer).sort());
  const latest = await db.selectFrom('message_recipients').select('latest_answer').where('id', '=', r.id).executeTakeFirstOrThrow();
  expect(latest.latest_answer).toBe(chain.at(-1) ?? null);
  return chain;
}

async function expectBoardMatches(db: Kysely<Database>, messageId: string) {
  const b = await board(systemCtx(db), messageId);
  const want = await aggregate(db, messageId);
  const shape = (t: Tally, options: string[]) => ({
    recipients: t.recipients, reached: t.reached, noResponse: t.recipients - Object.values(t.answers).reduce((x, y) => x + y, 0),
    answers: Object.fromEntries(options.map((o) => [o, t.answers[o] ?? 0])),
  });
  const got = (row: { recipients: number; reached: number; noResponse: number; answers: Record<string, number> }) =>
    ({ recipients: row.recipients, reached: row.reached, noResponse: row.noResponse, answers: row.answers });
  expect(got(b.total)).toEqual(shape(want.total, b.options));
  expect(new Map(b.byLocation.map((r) => [r.key, got(r)]))).toEqual(new Map([...want.location].map(([k, t]) => [k, shape(t, b.options)])));
  expect(new Map(b.byEntity.map((r) => [r.key, got(r)]))).toEqual(new Map([...want.entity].map(([k, t]) => [k, shape(t, b.options)])));
  return b;
}

describe('the accountability board\'s counts', () => {
  it('equal an aggregate over the recipients through sending, delivery and answers', async () => {
    const ctx = systemCtx(database.db);
    const m = await createMessage(ctx, {
      title: 'Headcount', severity: 'warning', content: { en: { subject: 'Headcount', body: 'Are you safe?' } }, variables: {},
      responseOptions: ['I am safe', 'I need help', 'Not at my duty station'], audience: { include: [{ type: 'everyone' }], exclude: [], includeDependants: false },
      channels: ['email'], templateId: null, escalateAfterMinutes: null,
    });
    await sendMessage(ctx, m.id, { bypassReason: 'Test of the board counts' });
    const first = await expectBoardMatches(database.db, m.id);
    expect(first.total).toMatchObject({ recipients: PEOPLE + 4, reached: 0, noResponse: PEOPLE + 4 }); // the fixture's four people have no email but are recipients
    expect(first.byLocation.find((r) => r.key === null)?.recipients).toBe(PEOPLE / 5); // people without a duty station are a row of their own

    // Every seventh address bounces: those people stay unreached.
    const email: ChannelSender = {
      name: 'email', ratePerSecond: 1_000_000, close: async () => {},
      send: async (o) => { if (Number(/\d+/.exec(o.to)?.[0]) % 7 === 0) throw new PermanentFailure('550 no such user', true); return `ok-${o.deliveryId}`; },
    };
    const dispatcher = new Dispatcher(database.db, database.dialect, { email }, { batchSize: 25 });
    while ((await dispatcher.runOnce()) > 0);
    const delivered = await expectBoardMatches(database.db, m.id);
    expect(delivered.total.reached).toBe(PEOPLE - Math.ceil(PEOPLE / 7));

    // Answers: first ones (some from people no email reached), changes, repeats, and two answers of one person in one group commit.
    const recipients = await database.db.selectFrom('message_recipients').select(['id', 'person_id']).where('message_id', '=', m.id).orderBy('id').execute();
    const w = responseWriter(database.db);
    const options = ['I am safe', 'I need help', 'Not at my duty station'];
    await Promise.all(recipients.slice(0, 90).map((r, i) => w.record(r.id, undefined, options[i % 3]!, 'link')));
    await expectBoardMatches(database.db, m.id);
    const again = await Promise.all(recipients.slice(0, 40).map((r, i) => w.record(r.id, undefined, options[(i + (i % 2)) % 3]!, 'link')));
    expect(again.filter((x) => x.recorded)).toHaveLength(20); // the even ones repeated their answer
    const [x1, x2] = await Promise.all([w.record(recipients[100]!.id, undefined, 'I am safe', 'link'), w.record(recipients[100]!.id, undefined, 'I need help', 'link')]);
    expect([x1.recorded, x2.recorded]).toEqual([true, true]);
    await expect(w.record(recipients[101]!.id, undefined, 'Maybe', 'link')).rejects.toMatchObject({ status: 400 });
    await expect(w.record(newId(), undefined, 'I am safe', 'link')).rejects.toMatchObject({ status: 404 });
    const answered = await expectBoardMatches(database.db, m.id);
    expect(answered.total.noResponse).toBe(PEOPLE + 4 - 91);
    expect(answered.total.reached).toBeGreaterThan(delivered.total.reached); // an answer proves the person was reached
    expect(await answersOf(database.db, m.id, recipients[100]!)).toEqual(['I am safe', 'I need help']);

    // One person changes their mind quickly while others answer: every change is kept, in the order it came.
    const changing = recipients[122]!;
    const sequence = ['I am safe', 'I need help', 'I am safe', 'Not at my duty station'];
    const pending: Promise<unknown>[] = [];
    for (const [i, a] of sequence.entries()) {
      pending.push(w.record(changing.id, undefined, a, 'link'));
      pending.push(...recipients.slice(0, 30).map((r) => w.record(r.id, undefined, options[(i + 1) % 3]!, 'link')));
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(pending);
    expect(await answersOf(database.db, m.id, changing)).toEqual(sequence);
    expect((await database.db.selectFrom('message_recipients').select('latest_answer').where('id', '=', changing.id).executeTakeFirstOrThrow()).latest_answer).toBe('Not at my duty station');
    await expectBoardMatches(database.db, m.id);

    // Two app nodes take different answers of the same people at the same moment: both are kept, one is the latest.
    const nodes = [new ResponseWriter(database.db), new ResponseWriter(database.db)];
    const silent = recipients.slice(102, 122);
    const both = await Promise.all(silent.flatMap((r) => [nodes[0]!.record(r.id, undefined, 'I am safe', 'link'), nodes[1]!.record(r.id, undefined, 'I need help', 'link')]));
    expect(both.every((x) => x.recorded)).toBe(true);
    for (const r of silent) {
      expect([...(await answersOf(database.db, m.id, r))].sort()).toEqual(['I am safe', 'I need help']); // and the latest is the chain's last
    }
    await expectBoardMatches(database.db, m.id);

    // A delivery reaches someone while their first answer is being written: the answer is decided
    // on the recipient as the delivery left them (on PostgreSQL it waits for the row, finds it
    // changed and is decided again), so they are counted reached once.
    const unreached = await database.db.selectFrom('message_recipients').select(['id', 'message_id', 'location_id', 'entity_id'])
      .where('message_id', '=', m.id).where('reached', '=', 0).where('latest_answer', 'is', null).executeTakeFirstOrThrow();
    let answering: Promise<{ recorded: boolean }> | undefined;
    await database.db.transaction().execute(async (trx) => {
      await trx.updateTable('message_recipients').set({ reached: 1 }).where('id', '=', unreached.id).execute();
      const reached = new BoardDelta();
      reached.add(unreached, 'reached');
      await reached.write(trx);
      answering = w.record(unreached.id, undefined, 'I need help', 'link');
      await new Promise((r) => setTimeout(r, 200));
    });
    expect(await answering).toEqual({ recorded: true });
    await expectBoardMatches(database.db, m.id);
  });
});

/** A message's delivery counts (kept by triggers on PostgreSQL) against the deliveries themselves. */
async function expectDeliveryStatsMatch(db: Kysely<Database>, messageId: string) {
  const rows = await db.selectFrom('deliveries').select(['channel', 'status']).where('message_id', '=', messageId).execute();
  const want: Record<string, Record<string, number>> = {};
  for (const r of rows) (want[r.channel] ??= {})[r.status] = (want[r.channel]![r.status] ?? 0) + 1;
  const stats = await deliveryStats(systemCtx(db), messageId);
  expect(stats.byChannel).toEqual(want);
  expect(stats.total).toBe(rows.length);
  return stats;
}

describe('a message\'s delivery counts', () => {
  it('equal an aggregate over its deliveries through claims, sends, retries, failovers, late reports and deletions', async () => {
    const ctx = systemCtx(database.db);
    const m = await createMessage(ctx, {
      title: 'Delivery count', severity: 'info', content: { en: { subject: 'Count', body: 'Counted' } }, variables: {},
      responseOptions: [], audience: { include: [{ type: 'everyone' }], exclude: [], includeDependants: false },
      channels: ['email'], templateId: null, escalateAfterMinutes: null,
    });
    await sendMessage(ctx, m.id, { bypassReason: 'Test of the delivery counts' });
    expect((await expectDeliveryStatsMatch(database.db, m.id)).byStatus).toEqual({ queued: PEOPLE });

    // Every seventh address bounces, every eleventh fails once and waits to be tried again.
    const failedOnce = new Set<string>();
    const email: ChannelSender = {
      name: 'email', ratePerSecond: 1_000_000, close: async () => {},
      send: async (o) => {
        const n = Number(/\d+/.exec(o.to)?.[0]);
        if (n % 7 === 0) throw new PermanentFailure('550 no such user', true);
        if (n % 11 === 0 && !failedOnce.has(o.to)) { failedOnce.add(o.to); throw new Error('421 try again later'); }
        return `ok-${o.deliveryId}`;
      },
    };
    const dispatcher = new Dispatcher(database.db, database.dialect, { email }, { batchSize: 25 });
    while ((await dispatcher.runOnce()) > 0);
    const bounced = Math.ceil(PEOPLE / 7);
    expect((await expectDeliveryStatsMatch(database.db, m.id)).byStatus).toMatchObject({ bounced, queued: failedOnce.size });
    await database.db.updateTable('deliveries').set({ next_attempt_at: new Date(0).toISOString() }).where('message_id', '=', m.id).where('status', '=', 'queued').execute();
    while ((await dispatcher.runOnce()) > 0);
    expect((await expectDeliveryStatsMatch(database.db, m.id)).byStatus).toEqual({ bounced, sent: PEOPLE - bounced });

    // A worker that died holding claims: they go back to the queue and out again.
    const some = await database.db.selectFrom('deliveries').select('id').where('message_id', '=', m.id).where('status', '=', 'sent').limit(5).execute();
    await database.db.updateTable('deliveries').set({ status: 'sending', worker: 'gone', lease_until: new Date(0).toISOString() }).where('id', 'in', some.map((d) => d.id)).execute();
    expect((await expectDeliveryStatsMatch(database.db, m.id)).byStatus).toMatchObject({ sending: 5 });
    while ((await dispatcher.runOnce()) > 0);
    await expectDeliveryStatsMatch(database.db, m.id);

    // Late reports from the provider, a failover to a second address, and a recipient deleted with its deliveries.
    const sent = await database.db.selectFrom('deliveries').select(['id', 'person_id']).where('message_id', '=', m.id).where('status', '=', 'sent').orderBy('id').limit(3).execute();
    await database.db.insertInto('contact_points').values({ id: newId(), person_id: sent[1]!.person_id, kind: 'email', value: 'second@example.org', label: null, priority: 1 }).execute();
    await recordLateStatus(database.db, { channel: 'email', deliveryId: sent[0]!.id }, 'delivered');
    expect(await recordLateStatus(database.db, { channel: 'email', deliveryId: sent[1]!.id }, 'bounced', '550 gone')).toEqual({ updated: true, failedOver: true });
    expect((await expectDeliveryStatsMatch(database.db, m.id)).byStatus).toMatchObject({ delivered: 1, bounced: bounced + 1, queued: 1 });
    const recipient = await database.db.selectFrom('deliveries').select('recipient_id').where('id', '=', sent[2]!.id).executeTakeFirstOrThrow();
    await database.db.deleteFrom('message_recipients').where('id', '=', recipient.recipient_id).execute();
    expect((await expectDeliveryStatsMatch(database.db, m.id)).total).toBe(PEOPLE);
  });
});

/** A database with no migrations applied: in-memory SQLite, or a new database on the DATABASE_URL server. */
async function emptyDatabase(): Promise<Db> {
  const base = process.env.DATABASE_URL;
  if (!base) return connect({ dataDir: ':memory:' });
  const name = `orms_test_${newId().replace(/-/g, '').slice(-12)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = connect({ databaseUrl: url.toString(), dataDir: '' });
  return { ...db, close: async () => { await db.close(); await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); await admin.end(); } };
}

/** Runs a test on a database migrated only up to `migration`, with the fixture seeded. */
async function at(migration: string, test: (old: Db, f: Fixture) => Promise<void>): Promise<void> {
  const old = await emptyDatabase();
  try {
    const { error } = await migrator(old.db).migrateTo(migration);
    expect(error).toBeUndefined();
    await test(old, await seedFixture(old));
  } finally {
    await old.close();
  }
}

/** A sent message asking Yes or No, inserted as it was stored before the migrations under test. */
async function sentMessage(db: Kysely<Database>, recipients: number): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db.insertInto('messages').values({
    id, title: 'Old', severity: 'info', content: '{}', variables: '{}', response_options: '["Yes","No"]', audience: '{}', channels: '["email"]', status: 'sent',
    approvals_required: 0, drafted_by: 'u', sent_by: 'u', sent_at: now, bypass_reason: null, recipient_count: recipients, created_at: now, updated_at: now,
    scope_type: 'org', scope_id: null, template_id: null, kind: 'message', parent_id: null, escalate_after_minutes: null, escalated_at: null, policy: null,
  }).execute();
  return id;
}

describe('migration 014', () => {
  it('counts the recipients of messages sent before it', () => at('010_notify_accountability', async (old, f) => {
    const now = nowIso();
    const messageId = await sentMessage(old.db, 4);
    const r = (person: string, loc: string | null, entity: string, reached: number, answer: string | null) =>
      ({ id: newId(), message_id: messageId, person_id: person, language: 'en', entity_id: entity, location_id: loc, reached, latest_answer: answer, answered_at: answer ? now : null });
    await old.db.insertInto('message_recipients').values([
      r(f.ids.pA, f.ids.x, f.ids.a, 1, 'Yes'), r(f.ids.pA1, f.ids.y, f.ids.a1, 1, null), r(f.ids.pB, f.ids.y, f.ids.b, 0, null), r(f.ids.pBX, null, f.ids.b, 1, 'No'),
    ]).execute();
    await migrateToLatest(old.db);
    const b = await expectBoardMatches(old.db, messageId);
    expect(b.total).toMatchObject({ recipients: 4, reached: 3, noResponse: 2, answers: { Yes: 1, No: 1 } });
  }));
});

describe('migration 015', () => {
  it('links the answers kept before it into each recipient\'s chain, in the order they came', () => at('014_notify_counts', async (old, f) => {
    const now = nowIso();
    const messageId = await sentMessage(old.db, 2);
    const [alice, bob] = [newId(), newId()];
    // Inserted before the column existed, so without it.
    await old.db.insertInto('message_recipients').values([
      { id: alice, message_id: messageId, person_id: f.ids.pA, language: 'en', entity_id: f.ids.a, location_id: f.ids.x, reached: 1, latest_answer: 'Yes', answered_at: now },
      { id: bob, message_id: messageId, person_id: f.ids.pB, language: 'en', entity_id: f.ids.b, location_id: f.ids.y, reached: 0, latest_answer: null, answered_at: null },
    ] as never).execute();
    const at = (minute: number) => `2026-11-30T10:0${minute}:00.000Z`;
    // Stored out of order: the chain follows the time received, then the id.
    await old.db.insertInto('responses').values([
      { id: '0003', message_id: messageId, recipient_id: alice, answer: 'Yes', channel: 'sms', received_at: at(5) },
      { id: '0001', message_id: messageId, recipient_id: alice, answer: 'Yes', channel: 'link', received_at: at(1) },
      { id: '0002', message_id: messageId, recipient_id: alice, answer: 'No', channel: 'link', received_at: at(1) },
    ] as never).execute();
    await migrateToLatest(old.db);
    const history = await responseHistory(systemCtx(old.db), messageId, f.ids.pA);
    expect(history.answers).toEqual([
      { answer: 'Yes', channel: 'link', receivedAt: at(1) }, { answer: 'No', channel: 'link', receivedAt: at(1) }, { answer: 'Yes', channel: 'sms', receivedAt: at(5) },
    ]);
    expect((await responseHistory(systemCtx(old.db), messageId, f.ids.pB)).answers).toEqual([]);
    // A new answer continues the chain.
    await new ResponseWriter(old.db).record(alice, undefined, 'No', 'link');
    expect((await responseHistory(systemCtx(old.db), messageId, f.ids.pA)).answers.map((a) => a.answer)).toEqual(['Yes', 'No', 'Yes', 'No']);
  }));
});

describe('migration 019', () => {
  it('counts the deliveries of messages sent before it, then follows their changes', () => at('018_notify_no_place_index', async (old, f) => {
    const now = nowIso();
    const messageId = await sentMessage(old.db, 2);
    const [alice, bob] = [newId(), newId()];
    await old.db.insertInto('message_recipients').values([
      { id: alice, message_id: messageId, person_id: f.ids.pA, language: 'en', entity_id: f.ids.a, location_id: f.ids.x, reached: 1, latest_answer: null, answered_at: null, last_response_id: null },
      { id: bob, message_id: messageId, person_id: f.ids.pB, language: 'en', entity_id: f.ids.b, location_id: f.ids.y, reached: 0, latest_answer: null, answered_at: null, last_response_id: null },
    ]).execute();
    const delivery = (recipient: string, person: string, channel: string, status: string): Database['deliveries'] => ({
      id: newId(), message_id: messageId, recipient_id: recipient, person_id: person, channel, address: `${person}-${channel}`, round: 0, status, attempts: 1,
      next_attempt_at: now, lease_until: null, worker: null, provider_id: null, last_error: null, sent_at: null, updated_at: now,
    });
    await old.db.insertInto('deliveries').values([
      delivery(alice, f.ids.pA, 'email', 'sent'), delivery(alice, f.ids.pA, 'sms', 'delivered'), delivery(bob, f.ids.pB, 'email', 'queued'), delivery(bob, f.ids.pB, 'sms', 'queued'),
    ]).execute();
    await migrateToLatest(old.db);
    expect((await expectDeliveryStatsMatch(old.db, messageId)).byChannel).toEqual({ email: { sent: 1, queued: 1 }, sms: { delivered: 1, queued: 1 } });
    await old.db.updateTable('deliveries').set({ status: 'failed' }).where('recipient_id', '=', bob).execute();
    expect((await expectDeliveryStatsMatch(old.db, messageId)).byStatus).toEqual({ sent: 1, delivered: 1, failed: 2 });
  }));
});

describe('migration 020', () => {
  it('counts each station\'s and entity\'s recipients in one row, each answer in its option\'s column', () => at('019_notify_lean_outbox', async (old, f) => {
    const messageId = await sentMessage(old.db, 4);
    const r = (person: string, loc: string | null, entity: string, reached: number, answer: string | null) =>
      ({ id: newId(), message_id: messageId, person_id: person, language: 'en', entity_id: entity, location_id: loc, reached, latest_answer: answer, answered_at: answer ? nowIso() : null, last_response_id: null });
    await old.db.insertInto('message_recipients').values([
      r(f.ids.pA, f.ids.x, f.ids.a, 1, 'No'), r(f.ids.pA1, f.ids.x, f.ids.a1, 1, 'Yes'), r(f.ids.pB, f.ids.y, f.ids.a, 0, null), r(f.ids.pBX, null, f.ids.b, 1, 'No'),
    ]).execute();
    await migrateToLatest(old.db);
    const b = await expectBoardMatches(old.db, messageId);
    expect(b.total).toMatchObject({ recipients: 4, reached: 3, noResponse: 1, answers: { Yes: 1, No: 2 } });
    const rows = await old.db.selectFrom('message_board_counts').selectAll().where('message_id', '=', messageId).where('dim', '=', 'location').where('key', '=', f.ids.x).execute();
    expect(rows).toEqual([expect.objectContaining({ recipients: 2, reached: 2, answer_1: 1, answer_2: 1, answer_3: 0 })]);
    // Counting goes on from there.
    const silent = await old.db.selectFrom('message_recipients').select('id').where('message_id', '=', messageId).where('person_id', '=', f.ids.pB).executeTakeFirstOrThrow();
    await new ResponseWriter(old.db).record(silent.id, undefined, 'Yes', 'link');
    expect((await expectBoardMatches(old.db, messageId)).total).toMatchObject({ reached: 4, noResponse: 0, answers: { Yes: 2, No: 2 } });
  }));
});
