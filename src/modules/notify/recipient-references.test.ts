import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, seedFixture, type Fixture } from '../../../test/helpers.js';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/types.js';
import { insertMany } from '../../db/bulk.js';
import { newId, nowIso } from '../../domain/ids.js';
import { sql } from 'kysely';

/**
 * A recipient belongs to a message, and a delivery and a response to a recipient, on SQLite by
 * foreign keys and on PostgreSQL by the per-statement checks of migrations 017 and 021: orphans are
 * refused (a whole bulk insert with them), and deleting a message takes its recipients, deliveries
 * and answers with it.
 */
let database: Db;
let fx: Fixture;
beforeAll(async () => {
  database = await freshDatabase();
  fx = await seedFixture(database);
}, 60_000);
afterAll(async () => database.close());

const now = nowIso();
const message = (): Database['messages'] => ({
  id: newId(), title: 'References', severity: 'info', content: '{}', variables: '{}', response_options: '["Safe"]', audience: '{}', channels: '["email"]', status: 'sent',
  approvals_required: 0, drafted_by: 'system', sent_by: null, sent_at: now, bypass_reason: null, recipient_count: 1, created_at: now, updated_at: now,
  scope_type: 'org', scope_id: null, template_id: null, kind: 'message', parent_id: null, escalate_after_minutes: null, escalated_at: null, policy: null,
});
const recipient = (messageId: string, personId: string): Database['message_recipients'] => ({
  id: newId(), message_id: messageId, person_id: personId, language: 'en', entity_id: null, location_id: null, reached: 0, latest_answer: null, answered_at: null, last_response_id: null,
});
const delivery = (r: Database['message_recipients']): Database['deliveries'] => ({
  id: newId(), message_id: r.message_id, recipient_id: r.id, person_id: r.person_id, channel: 'email', address: 'someone@example.org', round: 0, status: 'queued', attempts: 0,
  next_attempt_at: now, lease_until: null, worker: null, provider_id: null, last_error: null, sent_at: null, updated_at: now,
});
const response = (r: Database['message_recipients']): Database['responses'] => ({
  id: newId(), message_id: r.message_id, recipient_id: r.id, answer: 'Safe', channel: 'link', received_at: now, previous_id: null,
});
const count = async (table: 'message_recipients' | 'deliveries' | 'responses', messageId: string) =>
  Number((await database.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).where('message_id', '=', messageId).executeTakeFirstOrThrow()).n);

describe('recipients, deliveries and responses refer to what exists', () => {
  it('refuses a recipient of no message, and a delivery or a response to no recipient, in bulk as a whole', async () => {
    const m = message();
    await database.db.insertInto('messages').values(m).execute();
    const person = fx.ids.pA;
    await expect(insertMany(database.db, 'message_recipients', [recipient(newId(), person)])).rejects.toThrow();

    const good = recipient(m.id, person);
    await insertMany(database.db, 'message_recipients', [good]);
    const orphan = delivery({ ...good, id: newId() });
    await expect(database.db.transaction().execute((trx) => insertMany(trx, 'deliveries', [delivery(good), orphan]))).rejects.toThrow();
    expect(await count('deliveries', m.id)).toBe(0);
    await insertMany(database.db, 'deliveries', [delivery(good)]);
    await expect(database.db.updateTable('deliveries').set({ recipient_id: newId() }).where('message_id', '=', m.id).execute()).rejects.toThrow();
    expect(await count('deliveries', m.id)).toBe(1);

    await expect(database.db.insertInto('responses').values([response(good), response({ ...good, id: newId() })]).execute()).rejects.toThrow();
    expect(await count('responses', m.id)).toBe(0);
    await database.db.insertInto('responses').values(response(good)).execute();
    await expect(database.db.updateTable('responses').set({ recipient_id: newId() }).where('message_id', '=', m.id).execute()).rejects.toThrow();
    expect(await count('responses', m.id)).toBe(1);
  });

  it('deletes a message with its recipients, their deliveries and their answers', async () => {
    const m = message(), other = message();
    await database.db.insertInto('messages').values([m, other]).execute();
    const rs = [recipient(m.id, fx.ids.pA), recipient(m.id, fx.ids.pB)], kept = recipient(other.id, fx.ids.pA);
    await insertMany(database.db, 'message_recipients', [...rs, kept]);
    await insertMany(database.db, 'deliveries', [...rs, kept].map(delivery));
    await database.db.insertInto('responses').values([response(rs[0]!), response(kept)]).execute();

    await database.db.deleteFrom('messages').where('id', '=', m.id).execute();
    expect([await count('message_recipients', m.id), await count('deliveries', m.id), await count('responses', m.id)]).toEqual([0, 0, 0]);
    expect([await count('message_recipients', other.id), await count('deliveries', other.id), await count('responses', other.id)]).toEqual([1, 1, 1]);
  });

  it('checks the references of new rows by their keys, even when the statistics say there are no recipients', async () => {
    const m = message();
    await database.db.insertInto('messages').values(m).execute();
    // Statistics taken while the table was empty (after a purge), then a large blast.
    const gone = Array.from({ length: 500 }, () => recipient(m.id, newId()));
    await insertMany(database.db, 'message_recipients', gone);
    await database.db.deleteFrom('message_recipients').where('message_id', '=', m.id).execute();
    if (database.dialect === 'postgres') await sql`analyze message_recipients`.execute(database.db);
    const blast = Array.from({ length: 6000 }, () => recipient(m.id, newId()));
    const read = await database.db.transaction().execute(async (trx) => {
      const rowsRead = async () => database.dialect !== 'postgres' ? 0 : Number((await sql<{ n: string }>`select coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0) as n from pg_stat_xact_user_tables where relname = 'message_recipients'`.execute(trx)).rows[0]?.n ?? 0);
      await insertMany(trx, 'message_recipients', blast);
      const before = await rowsRead();
      for (let i = 0; i < 10; i++) await insertMany(trx, 'responses', blast.slice(i * 50, i * 50 + 50).map(response));
      return (await rowsRead()) - before;
    });
    expect(await count('responses', m.id)).toBe(500);
    // Each answer looks up its own recipient: 500 rows read. Checked as a join, these statistics made
    // PostgreSQL scan the recipients instead (2,770 rows read here, the whole table for larger statements).
    expect(read).toBeLessThanOrEqual(600);
  });
});
