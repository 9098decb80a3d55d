import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { Channel } from '../domain/notify/channels.js';
import type { ChannelSender } from '../modules/notify/channels/types.js';
import { EMAIL_CONNECTIONS, emailChannel } from '../modules/notify/channels/email.js';
import { smsChannel } from '../modules/notify/channels/sms.js';
import { webhookChannel } from '../modules/notify/channels/webhook.js';
import { inappChannel } from '../modules/notify/channels/inapp.js';

/** The channels the environment configures; in-app needs nothing but the database. */
export function configuredChannels(env: NodeJS.ProcessEnv = process.env): Channel[] {
  return [
    ...(env.ORMS_SMTP_URL ? ['email' as const] : []),
    ...(env.ORMS_SMS_URL && env.ORMS_SMS_SID && env.ORMS_SMS_TOKEN ? ['sms' as const] : []),
    ...(env.ORMS_WEBHOOK_URL && env.ORMS_WEBHOOK_SECRET ? ['webhook' as const] : []),
    'inapp',
  ];
}

/**
 * The delivery channels configured in the environment:
 * ORMS_SMTP_URL (smtp://user:pass@host:port), ORMS_MAIL_FROM and ORMS_SMTP_CONNECTIONS for email;
 * ORMS_SMS_URL, ORMS_SMS_SID, ORMS_SMS_TOKEN, ORMS_SMS_FROM for a Twilio-style SMS provider;
 * ORMS_WEBHOOK_URL and ORMS_WEBHOOK_SECRET for the generic webhook;
 * with a database, the in-app inbox. ORMS_<CHANNEL>_RATE caps each channel's sends per second.
 */
export function channelsFromEnv(env: NodeJS.ProcessEnv = process.env, db?: Kysely<Database>): Record<string, ChannelSender> {
  const channels: Record<string, ChannelSender> = {};
  const on = configuredChannels(env);
  if (on.includes('email')) {
    channels.email = emailChannel({
      url: env.ORMS_SMTP_URL!, from: env.ORMS_MAIL_FROM ?? 'orms@orms.local', ratePerSecond: count(env, 'ORMS_EMAIL_RATE', 2000),
      maxConnections: count(env, 'ORMS_SMTP_CONNECTIONS', EMAIL_CONNECTIONS),
    });
  }
  if (on.includes('sms')) {
    const publicUrl = env.ORMS_PUBLIC_URL?.replace(/\/$/, '');
    channels.sms = smsChannel({
      baseUrl: env.ORMS_SMS_URL!, accountSid: env.ORMS_SMS_SID!, authToken: env.ORMS_SMS_TOKEN!, from: env.ORMS_SMS_FROM ?? 'ORMS', ratePerSecond: count(env, 'ORMS_SMS_RATE', 50),
      statusCallback: publicUrl ? `${publicUrl}/api/v1/notify/sms/status` : undefined,
    });
  }
  if (on.includes('webhook')) {
    channels.webhook = webhookChannel({ url: env.ORMS_WEBHOOK_URL!, secret: env.ORMS_WEBHOOK_SECRET!, ratePerSecond: count(env, 'ORMS_WEBHOOK_RATE', 200) });
  }
  if (db) channels.inapp = inappChannel(db, { ratePerSecond: count(env, 'ORMS_INAPP_RATE', 10_000) });
  return channels;
}

/** A whole number of at least 1 from the environment, or the default; anything else stops start-up naming the variable. */
function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, got "${v}"`);
  return n;
}
