import { sql, type Kysely } from 'kysely';
import type { Database, DeliveryTable } from '../db/types.js';
import type { Dialect } from '../db/connect.js';
import { newId } from '../domain/ids.js';
import { responseFooter, textFor, type Content } from '../domain/notify/template.js';
import { linkKey, signResponseToken } from '../modules/notify/tokens.js';
import { CHANNEL_CONTACT } from '../modules/notify/messages.service.js';
import { PermanentFailure, type ChannelSender } from '../modules/notify/channels/types.js';
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
}

type Claimed = DeliveryTable;

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
  private readonly messages = new Map<string, { content: Content; variables: Record<string, string>; options: string[] | null; sentAt: string }>();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly db: Kysely<Database>, private readonly dialect: Dialect, private readonly channels: Record<string, ChannelSender>, opts: DispatcherOptions = {}) {
    this.workerId = opts.workerId ?? `worker-${process.pid}-${newId().slice(-8)}`;
    this.opts = {
      batchSize: opts.batchSize ?? 500, leaseMs: opts.leaseMs ?? 60_000, maxAttempts: opts.maxAttempts ?? 5, concurrency: opts.concurrency ?? 16,
      idleMs: opts.idleMs ?? 250, publicUrl: (opts.publicUrl ?? 'http://localhost:8080').replace(/\/$/, ''), linkTtlMs: opts.linkTtlMs ?? 7 * 24 * 3600_000,
    };
    for (const c of Object.values(channels)) this.limiters.set(c.name, new RateLimiter(c.ratePerSecond));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const n = await this.runOnce().catch((e: unknown) => { console.error('dispatcher:', e); return 0; });
        if (n < this.opts.batchSize && this.running) await new Promise((r) => setTimeout(r, this.opts.idleMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** One round: requeue expired claims, claim a batch, send it. Returns how many were claimed. */
  async runOnce(): Promise<number> {
    await this.requeueExpired();
    const batch = await this.claim();
    if (!batch.length) return 0;
    const languages = new Map<string, string>();
    for (let i = 0; i < batch.length; i += 5000) {
      const ids = [...new Set(batch.slice(i, i + 5000).map((d) => d.recipient_id))];
      for (const r of await this.db.selectFrom('message_recipients').select(['id', 'language']).where('id', 'in', ids).execute()) languages.set(r.id, r.language);
    }
    const reached: string[] = [];
    let next = 0;
    const work = async () => {
      while (next < batch.length) {
        const d = batch[next++]!;
        if (await this.deliver(d, languages.get(d.recipient_id) ?? 'en')) reached.push(d.recipient_id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, batch.length) }, work));
    // Reached is a summary for the board; the delivery rows above are the record.
    for (let i = 0; i < reached.length; i += 5000) {
      await this.db.updateTable('message_recipients').set({ reached: 1 }).where('id', 'in', reached.slice(i, i + 5000)).execute();
    }
    return batch.length;
  }

  private async requeueExpired(): Promise<void> {
    const now = new Date().toISOString();
    await this.db.updateTable('deliveries').set({ status: 'queued', lease_until: null, worker: null, updated_at: now })
      .where('status', '=', 'sending').where('lease_until', '<', now).execute();
  }

  private async claim(): Promise<Claimed[]> {
    const now = new Date();
    const channels = Object.keys(this.channels);
    if (!channels.length) return [];
    let pick = this.db.selectFrom('deliveries').select('id').where('status', '=', 'queued').where('next_attempt_at', '<=', now.toISOString())
      .where('channel', 'in', channels).orderBy('next_attempt_at').orderBy('id').limit(this.opts.batchSize);
    if (this.dialect === 'postgres') pick = pick.forUpdate().skipLocked();
    return this.db.updateTable('deliveries')
      .set({ status: 'sending', worker: this.workerId, lease_until: new Date(now.getTime() + this.opts.leaseMs).toISOString(), attempts: sql`attempts + 1`, updated_at: now.toISOString() })
      .where('id', 'in', pick).returningAll().execute();
  }

  private async textOf(d: Claimed, language: string) {
    let m = this.messages.get(d.message_id);
    if (!m) {
      const row = await this.db.selectFrom('messages').select(['content', 'variables', 'response_options', 'sent_at']).where('id', '=', d.message_id).executeTakeFirstOrThrow();
      m = { content: JSON.parse(row.content) as Content, variables: JSON.parse(row.variables) as Record<string, string>, options: row.response_options ? (JSON.parse(row.response_options) as string[]) : null, sentAt: row.sent_at ?? new Date().toISOString() };
      this.messages.set(d.message_id, m);
    }
    const text = textFor(m.content, language, m.variables);
    if (!m.options) return text;
    // A message that asks for an answer carries the person's own signed link (or, by SMS, the reply keys).
    const channel = d.channel === 'sms' ? 'sms' : 'email';
    const link = channel === 'email'
      ? `${this.opts.publicUrl}/respond/${signResponseToken(await linkKey(this.db), d.recipient_id, new Date(Date.parse(m.sentAt) + this.opts.linkTtlMs))}`
      : undefined;
    return { ...text, body: `${text.body}\n\n${responseFooter(m.options, link, channel)}` };
  }

  /** Sends one delivery and records the outcome at once; true when it was sent. */
  private async deliver(d: Claimed, language: string): Promise<boolean> {
    const channel = this.channels[d.channel]!;
    try {
      const text = await this.textOf(d, language);
      await this.limiters.get(channel.name)!.take();
      const providerId = await channel.send({ deliveryId: d.id, to: d.address, ...text });
      const now = new Date().toISOString();
      // Only the claim holder records the outcome, so a slow worker cannot overwrite a later one.
      await this.db.updateTable('deliveries').set({ status: 'sent', provider_id: providerId, sent_at: now, lease_until: null, last_error: null, updated_at: now })
        .where('id', '=', d.id).where('worker', '=', this.workerId).execute();
      return true;
    } catch (e) {
      await this.failed(d, e);
      return false;
    }
  }

  private async failed(d: Claimed, e: unknown): Promise<void> {
    const now = Date.now();
    const error = e instanceof Error ? e.message : String(e);
    const permanent = e instanceof PermanentFailure || d.attempts >= this.opts.maxAttempts;
    if (!permanent) {
      const backoff = Math.min(300_000, 1000 * 2 ** (d.attempts - 1));
      await this.db.updateTable('deliveries').set({ status: 'queued', next_attempt_at: new Date(now + backoff).toISOString(), lease_until: null, worker: null, last_error: error, updated_at: new Date(now).toISOString() })
        .where('id', '=', d.id).where('worker', '=', this.workerId).execute();
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('deliveries').set({ status: 'failed', lease_until: null, last_error: error, updated_at: new Date(now).toISOString() })
        .where('id', '=', d.id).where('worker', '=', this.workerId).execute();
      // Fail over to the person's next contact point of the same kind that this message has not tried.
      const tried = trx.selectFrom('deliveries').select('address').where('message_id', '=', d.message_id).where('person_id', '=', d.person_id).where('channel', '=', d.channel).where('round', '=', d.round);
      const next = await trx.selectFrom('contact_points').select('value').where('person_id', '=', d.person_id)
        .where('kind', '=', CHANNEL_CONTACT[d.channel as keyof typeof CHANNEL_CONTACT]).where('value', 'not in', tried).orderBy('priority').limit(1).executeTakeFirst();
      if (next) {
        const at = new Date(now).toISOString();
        await trx.insertInto('deliveries').values({ id: newId(), message_id: d.message_id, recipient_id: d.recipient_id, person_id: d.person_id, channel: d.channel, address: next.value, round: d.round, status: 'queued', attempts: 0, next_attempt_at: at, lease_until: null, worker: null, provider_id: null, last_error: null, sent_at: null, updated_at: at }).execute();
      }
    });
  }
}
