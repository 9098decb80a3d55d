import type { ChannelSender } from '../modules/notify/channels/types.js';
import { emailChannel } from '../modules/notify/channels/email.js';
import { smsChannel } from '../modules/notify/channels/sms.js';

/**
 * The delivery channels configured in the environment:
 * ORMS_SMTP_URL (smtp://user:pass@host:port) and ORMS_MAIL_FROM for email;
 * ORMS_SMS_URL, ORMS_SMS_SID, ORMS_SMS_TOKEN, ORMS_SMS_FROM for a Twilio-style SMS provider.
 */
export function channelsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, ChannelSender> {
  const channels: Record<string, ChannelSender> = {};
  if (env.ORMS_SMTP_URL) {
    channels.email = emailChannel({ url: env.ORMS_SMTP_URL, from: env.ORMS_MAIL_FROM ?? 'orms@orms.local', ratePerSecond: Number(env.ORMS_EMAIL_RATE ?? 2000) });
  }
  if (env.ORMS_SMS_URL && env.ORMS_SMS_SID && env.ORMS_SMS_TOKEN) {
    channels.sms = smsChannel({ baseUrl: env.ORMS_SMS_URL, accountSid: env.ORMS_SMS_SID, authToken: env.ORMS_SMS_TOKEN, from: env.ORMS_SMS_FROM ?? 'ORMS', ratePerSecond: Number(env.ORMS_SMS_RATE ?? 50) });
  }
  return channels;
}
