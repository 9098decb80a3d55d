import { smtpThread } from '../../../server/smtp-thread.js';
import type { ChannelSender, Outgoing } from './types.js';
import { PermanentFailure } from './types.js';

export interface EmailOptions { url: string; from: string; ratePerSecond?: number; maxConnections?: number }

/**
 * Email over SMTP with a pooled nodemailer transport. The Message-ID is derived from the delivery
 * id, so a message re-sent after a crash is the same message to every mail system.
 */
export function emailChannel(opts: EmailOptions): ChannelSender {
  const transport = smtpThread(opts.url, { pool: true, maxConnections: opts.maxConnections ?? 4 });
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
