import type SQLite from 'better-sqlite3';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database, DeliveryTable } from '../db/types.js';
import type { Dialect } from '../db/connect.js';
import { newId } from '../domain/ids.js';
import { optionLabels, responseFooter, textFor, type Content } from '../domain/notify/template.js';
import { backoffMs } from '../domain/notify/channels.js';
import { linkKey, signResponseToken } from '../modules/notify/tokens.js';
import { failOver } from '../modules/notify/delivery-status.js';
import { PermanentFailure, type ChannelSender, type Outgoing } from '../modules/notify/channels/types.js';
import { addCountsFrom, BoardDelta, type Counted } from '../modules/notify/board-counts.js';
import { prepared, sqliteTransaction } from '../db/sqlite-direct.js';
import { preparedQuery } from '../db/pg-direct.js';
import { RateLimiter } from './rate-limiter.js';

export interface DispatcherOptions {
  workerId?: string;
  /** Deliveries claimed per round. */
  batchSize?: number;
  /** How long a claim lasts; a worker that dies releases its claims when they expire. */
  leaseMs?: number;
  maxAttempts?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  idleMs?: number;
  /** Where people open their response links, e.g. https://orms.example.org */
  publicUrl?: string;
  /** How long response links stay valid after the message is sent. */
  linkTtlMs?: number;
  /** How long a finished send may wait to be recorded with others in one transaction. */
  recordWithinMs?: number;
}

type Claimed = DeliveryTable;
interface Batch { deliveries: Claimed[]; languages: Map<string, string> }

// A delivery the in-app inbox already reported delivered (its reader was quicker than the record) stays so.
const KEEP_DELIVERED = `case when "deliveries"."status" = 'delivered' then 'delivered' else 'sent' end`;

/**
 * Works the delivery outbox: claims queued rows under a lease (FOR UPDATE SKIP LOCKED on
 * PostgreSQL, so several nodes share the work), sends each through its channel, and records the
 * outcome. A claim whose worker died expires and is queued again: a delivery is never lost, and a
 * re-sent email carries the same Message-ID, so it is the same message to the mail system.
 */
export class Dispatcher {
  private readonly workerId: string;
  private readonly opts: Required<Omit<DispatcherOptions, 'workerId'>>;
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly messages = new Map<string, { content: Content; variables: Record<string, string>; options: string[] | null; sentAt: string; severity: string }>();
  /** The text of a message in one language, rendered once for all its recipients. */
  private readonly texts = new Map<string, { subject: string; body: string; language: string; labels: string[] | null }>();
  private key: Buffer | undefined;
  /** Sends accepted by their channel, waiting to be recorded together (see markSent). */
  private marks: { d: Claimed; providerId: string; done: () => void; fail: (e: unknown) => void }[] = [];
  private marking = false;
  private markTimer: NodeJS.Timeout | undefined;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly db: Kysely<Database>, private readonly dialect: Dialect, private readonly channels: Record<string, ChannelSender>, opts: DispatcherOptions = {}) {
    this.workerId = opts.workerId ?? `worker-${process.pid}-${newId().slice(-8)}`;
    this.opts = {
      batchSize: opts.batchSize ?? 500, leaseMs: opts.leaseMs ?? 60_000, maxAttempts: opts.maxAttempts ?? 5, concurrency: opts.concurrency ?? 16,
      idleMs: opts.idleMs ?? 250, recordWithinMs: opts.recordWithinMs ?? 10, publicUrl: (opts.publicUrl ?? 'http://localhost:8080').replace(/\/$/, ''), linkTtlMs: opts.linkTtlMs ?? 7 * 24 * 3600_000,
    };
    for (const c of Object.values(channels)) this.limiters.set(c.name, new RateLimiter(c.ratePerSecond));
  }

  /**
   * Works the outbox until stopped: `concurrency` senders take deliveries one by one from the
   * claimed batch, and the next batch is claimed while the last sends of this one are still out,
   * so the senders never wait for a claim while there is work.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    let current: Batch = { deliveries: [], languages: new Map() };
    let taken = 0;
    let prefetched: Promise<Batch> | undefined;
    let refill: Promise<void> | undefined;
    const fetch = () => this.fetch().catch((e: unknown): Batch => { console.error('dispatcher:', e); return { deliveries: [], languages: new Map() }; });
    const take = async (): Promise<{ d: Claimed; language: string } | undefined> => {
      while (this.running) {
        if (taken < current.deliveries.length) {
          const d = current.deliveries[taken++]!;
          if (current.deliveries.length - taken <= this.opts.concurrency) prefetched ??= fetch();
          return { d, language: current.languages.get(d.recipient_id) ?? 'en' };
        }
        refill ??= (async () => {
          const next = await (prefetched ?? fetch());
          prefetched = undefined;
          current = next;
          taken = 0;
          if (!next.deliveries.length && this.running) await new Promise((r) => setTimeout(r, this.opts.idleMs));
        })().finally(() => { refill = undefined; });
        await refill;
      }
      return undefined;
    };
    const sender = async () => {
      for (let job = await take(); job; job = await take()) await this.deliver(job.d, job.language).catch((e: unknown) => console.error('dispatcher:', e));
    };
    this.loop = (async () => {
      await Promise.all(Array.from({ length: this.opts.concurrency }, sender));
      // Stopped: what was claimed but not begun goes back to the queue at once rather than when its lease ends.
      const unstarted = [...current.deliveries.slice(taken), ...(prefetched ? (await prefetched).deliveries : [])];
      for (let i = 0; i < unstarted.length; i += 5000) {
        await this.db.updateTable('deliveries').set({ status: 'queued', lease_until: null, worker: null, attempts: sql`attempts - 1`, updated_at: new Date().toISOString() })
          .where('id', 'in', unstarted.slice(i, i + 5000).map((d) => d.id)).where('worker', '=', this.workerId).where('status', '=', 'sending').execute()
          .catch((e: unknown) => console.error('dispatcher:', e));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** One round: requeue expired claims, claim a batch, send it. Returns how many were claimed. */
  async runOnce(): Promise<number> {
    const batch = await this.fetch();
    let next = 0;
    const work = async () => {
      while (next < batch.deliveries.length) {
        const d = batch.deliveries[next++]!;
        await this.deliver(d, batch.languages.get(d.recipient_id) ?? 'en');
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, batch.deliveries.length) }, work));
    return batch.deliveries.length;
  }

  /** Requeues expired claims, claims a batch and looks up its recipients' languages. */
  private async fetch(): Promise<Batch> {
    await this.requeueExpired();
    const deliveries = await this.claim();
    const languages = new Map<string, string>();
    for (let i = 0; i < deliveries.length; i += 5000) {
      const ids = [...new Set(deliveries.slice(i, i + 5000).map((d) => d.recipient_id))];
      for (const r of await this.db.selectFrom('message_recipients').select(['id', 'language']).where('id', 'in', ids).execute()) languages.set(r.id, r.language);
    }
    return { deliveries, languages };
  }

  /** Claims whose worker died go back to the queue; this worker's own are still being worked (the next batch is claimed before the last is done). */
  private async requeueExpired(): Promise<void> {
    const now = new Date().toISOString();
    await this.db.updateTable('deliveries').set({ status: 'queued', lease_until: null, worker: null, updated_at: now })
      .where('status', '=', sql.lit('sending')).where('lease_until', '<', now).where('worker', '!=', this.workerId).execute();
  }

  /**
   * Claims up to a batch of each channel's due deliveries, oldest first (one index range per channel,
   * nothing sorted). Status is compared with literals: PostgreSQL's indexes hold only queued or
   * sending rows (migration 019).
   */
  private async claim(): Promise<Claimed[]> {
    const now = new Date();
    const claimed: Claimed[] = [];
    for (const channel of Object.keys(this.channels)) {
      let pick = this.db.selectFrom('deliveries').select('id').where('status', '=', sql.lit('queued')).where('channel', '=', channel)
        .where('next_attempt_at', '<=', now.toISOString()).orderBy('next_attempt_at').limit(this.opts.batchSize);
      if (this.dialect === 'postgres') pick = pick.forUpdate().skipLocked();
      claimed.push(...await this.db.updateTable('deliveries')
        .set({ status: 'sending', worker: this.workerId, lease_until: new Date(now.getTime() + this.opts.leaseMs).toISOString(), attempts: sql`attempts + 1`, updated_at: now.toISOString() })
        .where('id', 'in', pick).returningAll().execute());
    }
    return claimed.sort((a, b) => (a.next_attempt_at < b.next_attempt_at ? -1 : a.next_attempt_at > b.next_attempt_at ? 1 : a.id < b.id ? -1 : 1));
  }

  /** What goes out for one delivery: the text in the recipient's language, and for a question their own answers and link. */
  private async outgoing(d: Claimed, language: string): Promise<Outgoing> {
    let m = this.messages.get(d.message_id);
    if (!m) {
      const row = await this.db.selectFrom('messages').select(['content', 'variables', 'response_options', 'sent_at', 'severity']).where('id', '=', d.message_id).executeTakeFirstOrThrow();
      m = { content: JSON.parse(row.content) as Content, variables: JSON.parse(row.variables) as Record<string, string>, options: row.response_options ? (JSON.parse(row.response_options) as string[]) : null, sentAt: row.sent_at ?? new Date().toISOString(), severity: row.severity };
      this.messages.set(d.message_id, m);
    }
    const textKey = `${d.message_id}:${language}`;
    let text = this.texts.get(textKey);
    if (!text) {
      text = { ...textFor(m.content, language, m.variables), labels: m.options ? optionLabels(m.content, language, m.options) : null };
      this.texts.set(textKey, text);
    }
    const base = { deliveryId: d.id, to: d.address, subject: text.subject, language: text.language, messageId: d.message_id, recipientId: d.recipient_id, personId: d.person_id, severity: m.severity };
    if (!m.options) return { ...base, body: text.body, options: null, labels: null, responseUrl: null };
    // A message that asks for an answer carries the person's own signed link (or, by SMS, the reply keys).
    const labels = text.labels!;
    this.key ??= await linkKey(this.db);
    const link = `${this.opts.publicUrl}/respond/${signResponseToken(this.key, d.recipient_id, new Date(Date.parse(m.sentAt) + this.opts.linkTtlMs))}`;
    // The in-app inbox and the webhook show the answers themselves; email and SMS say them in words.
    const body = d.channel === 'inapp' || d.channel === 'webhook' ? text.body
      : `${text.body}\n\n${responseFooter(labels, d.channel === 'sms' ? undefined : link, d.channel === 'sms' ? 'sms' : 'email', text.language)}`;
    return { ...base, body, options: m.options, labels, responseUrl: link };
  }

  /** Sends one delivery and records the outcome at once; true when it was sent. */
  private async deliver(d: Claimed, language: string): Promise<boolean> {
    const channel = this.channels[d.channel]!;
    try {
      const out = await this.outgoing(d, language);
      await this.limiters.get(channel.name)!.take();
      const providerId = await channel.send(out);
      await this.markSent(d, providerId);
      return true;
    } catch (e) {
      await this.failed(d, e);
      return false;
    }
  }

  /**
   * Records a send, together with the others that finish meanwhile (one transaction for all). Each
   * sender waits for its record before it takes the next delivery, so no more sends than
   * `concurrency` are ever unrecorded, and a crash re-sends no more than that.
   */
  private markSent(d: Claimed, providerId: string): Promise<void> {
    // The in-app inbox is this database: its reader may report the delivery at once, so the send is recorded at once.
    if (d.channel === 'inapp') return this.writeMarks([{ d, providerId }]);
    return new Promise((done, fail) => {
      this.marks.push({ d, providerId, done, fail });
      if (this.marking) return; // the running flush takes it next
      // Half the senders waiting is a batch worth writing; otherwise wait a little for more.
      if (this.marks.length >= Math.max(1, this.opts.concurrency >> 1)) this.flushMarks();
      else this.markTimer ??= setTimeout(() => this.flushMarks(), this.opts.recordWithinMs);
    });
  }

  private flushMarks(): void {
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    if (this.marking) return;
    this.marking = true;
    void (async () => {
      // Sends that finish while one batch commits are recorded by the next.
      while (this.marks.length) {
        const batch = this.marks;
        this.marks = [];
        try {
          await this.writeMarks(batch);
          for (const m of batch) m.done();
        } catch (e) {
          for (const m of batch) m.fail(e);
        }
      }
      this.marking = false;
    })();
  }

  private async writeMarks(batch: { d: Claimed; providerId: string }[]): Promise<void> {
    if (this.dialect === 'sqlite') return sqliteTransaction(this.db, (sqlite) => this.writeMarksSqlite(sqlite, batch));
    // An in-app delivery's status goes first on its own, before its reader can report it delivered.
    if (batch.length === 1 && batch[0]!.d.channel === 'inapp') {
      await this.markDeliveries(this.db, batch);
      return this.writeMarksPostgres(batch, false);
    }
    return this.writeMarksPostgres(batch, true);
  }

  /**
   * SQLite: the sends and the recipients newly reached, with their counts, in one transaction of
   * prepared one-row statements on the driver (src/db/sqlite-direct.ts): no reader can come between.
   */
  private writeMarksSqlite(sqlite: SQLite.Database, batch: { d: Claimed; providerId: string }[]): void {
    const now = new Date().toISOString();
    const sent = prepared(sqlite, `update "deliveries" set "status" = ${KEEP_DELIVERED}, "provider_id" = ?, "sent_at" = ?, "lease_until" = null, "last_error" = null, "updated_at" = ? where "id" = ? and "worker" = ?`);
    for (const m of batch) sent.run(m.providerId, now, now, m.d.id, this.workerId);
    // Reached is a summary for the board; the delivery rows are the record.
    const reach = prepared(sqlite, 'update "message_recipients" set "reached" = 1 where "id" = ? and "reached" = 0 returning "message_id", "location_id", "entity_id"');
    const delta = new BoardDelta();
    for (const id of new Set(batch.map((m) => m.d.recipient_id))) {
      const r = reach.get(id) as Counted | undefined;
      if (r) delta.add(r, 'reached');
    }
    delta.writeSqlite(sqlite);
  }

  /**
   * PostgreSQL: in one statement (one round trip, atomic on its own) the sends, the recipients newly
   * reached (locked in id order) and their counts; prepared once per connection (src/db/pg-direct.ts).
   */
  private async writeMarksPostgres(batch: { d: Claimed; providerId: string }[], withDeliveries: boolean): Promise<void> {
    const recipients = [...new Set(batch.map((m) => m.d.recipient_id))];
    if (!withDeliveries) {
      await preparedQuery(this.db, 'orms_mark_reached', MARK_REACHED, [recipients]);
      return;
    }
    const now = new Date().toISOString();
    await preparedQuery(this.db, 'orms_mark_sent', MARK_SENT, [now, this.workerId, batch.map((m) => m.d.id), batch.map((m) => m.providerId), recipients]);
  }

  /** PostgreSQL: the sends alone. Only the claim holder records the outcome, so a slow worker cannot overwrite a later one. */
  private async markDeliveries(db: Kysely<Database>, batch: { d: Claimed; providerId: string }[]): Promise<void> {
    const now = new Date().toISOString();
    const params: unknown[] = [now, now];
    const tuples = batch.map((m) => {
      params.push(m.d.id, m.providerId);
      return `($${params.length - 1}, $${params.length})`;
    });
    params.push(this.workerId);
    await db.executeQuery(CompiledQuery.raw(`update "deliveries" set "status" = ${KEEP_DELIVERED}, "provider_id" = v.column2, "sent_at" = $1, "lease_until" = null, "last_error" = null, "updated_at" = $2 `
      + `from (values ${tuples.join(', ')}) as v where "deliveries"."id" = v.column1 and "deliveries"."worker" = $${params.length}`, params));
  }

  private async failed(d: Claimed, e: unknown): Promise<void> {
    const now = Date.now();
    const error = e instanceof Error ? e.message : String(e);
    const permanent = e instanceof PermanentFailure || d.attempts >= this.opts.maxAttempts;
    if (!permanent) {
      await this.db.updateTable('deliveries').set({ status: 'queued', next_attempt_at: new Date(now + backoffMs(d.attempts)).toISOString(), lease_until: null, worker: null, last_error: error, updated_at: new Date(now).toISOString() })
        .where('id', '=', d.id).where('worker', '=', this.workerId).execute();
      return;
    }
    const status = e instanceof PermanentFailure && e.bounced ? 'bounced' : 'failed';
    await this.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('deliveries').set({ status, lease_until: null, last_error: error, updated_at: new Date(now).toISOString() })
        .where('id', '=', d.id).where('worker', '=', this.workerId).executeTakeFirst();
      // Fail over to the person's next contact point of the channel that this message has not tried.
      if (Number(r.numUpdatedRows)) await failOver(trx, d, new Date(now).toISOString());
    });
  }
}

// PostgreSQL: the recipients newly reached (ids: the text[] parameter named), locked in id order, and their counts.
const reachedParts = (ids: string) => `"r" as (update "message_recipients" set "reached" = 1 where "id" in (select "id" from "message_recipients" where "id" = any(${ids}::text[]) and "reached" = 0 order by "id" for update) `
  + `returning "message_id", "location_id", "entity_id", 1 as "reached"), "c" as (${addCountsFrom('"r"', ['reached'])})`;
const MARK_REACHED = `with ${reachedParts('$1')} select 1`;
const MARK_SENT = `with "d" as (update "deliveries" set "status" = ${KEEP_DELIVERED}, "provider_id" = "v"."provider_id", "sent_at" = $1, "lease_until" = null, "last_error" = null, "updated_at" = $1 `
  + 'from unnest($3::text[], $4::text[]) as "v" ("id", "provider_id") where "deliveries"."id" = "v"."id" and "deliveries"."worker" = $2), '
  + `${reachedParts('$5')} select 1`;
