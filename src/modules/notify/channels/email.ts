import { smtpThread } from '../../../server/smtp-thread.js';
import type { ChannelSender, Outgoing } from './types.js';
import { PermanentFailure } from './types.js';

export interface EmailOptions { url: string; from: string; ratePerSecond?: number; maxConnections?: number }

/**
 * SMTP connections open at once to the relay. Each carries one message at a time, waiting for the
 * relay's reply at every step; with 8 a blast measured 2,110 emails/s against 1,808 with 4 (the
 * same loop without the outbox: 2,239 and 2,375), and relays accept many more from one client.
 */
export const EMAIL_CONNECTIONS = 8;

/**
 * Email over SMTP with a pooled nodemailer transport. The Message-ID is derived from the delivery
 * id, so a message re-sent after a crash is the same message to every mail system.
 */
export function emailChannel(opts: EmailOptions): ChannelSender {
  const transport = smtpThread(opts.url, { pool: true, maxConnections: opts.maxConnections ?? EMAIL_CONNECTIONS });
  const domain = opts.from.split('@')[1] ?? 'orms.local';
  return {
    name: 'email',
    ratePerSecond: opts.ratePerSecond ?? 2000,
    async send(o: Outgoing) {
      try {
        const info = await transport.send({
          from: opts.from, to: o.to, subject: o.subject, text: o.body,
          messageId: `<${o.deliveryId}@${domain}>`, headers: { 'Content-Language': o.language },
        });
        return info.messageId;
      } catch (e) {
        const { responseCode: code, command } = e as { responseCode?: number; command?: string };
        // 5xx is a permanent refusal; refused at RCPT TO it is the mailbox itself (a bounce). Anything else may pass later.
        if (code && code >= 500 && code < 600) throw new PermanentFailure((e as Error).message, command === 'RCPT TO');
        throw e;
      }
    },
    close: async () => transport.close(),
  };
}
