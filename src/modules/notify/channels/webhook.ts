import crypto from 'node:crypto';
import type { ChannelSender, Outgoing } from './types.js';
import { PermanentFailure } from './types.js';

export interface WebhookOptions { url: string; secret: string; ratePerSecond?: number }

/** The signature of a webhook body: `sha256=` and the hex HMAC-SHA256 of the raw body with the shared secret. */
export const webhookSignature = (secret: string, body: string): string => `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * A generic webhook: one signed JSON POST per recipient to a system of the organization's (a
 * pager, a chat bot, a push gateway), which knows people by id. The delivery id travels as the
 * idempotency key, so a re-sent delivery after a crash is recognisably the same one.
 */
export function webhookChannel(opts: WebhookOptions): ChannelSender {
  return {
    name: 'webhook',
    ratePerSecond: opts.ratePerSecond ?? 200,
    async send(o: Outgoing) {
      const body = JSON.stringify({
        deliveryId: o.deliveryId, messageId: o.messageId, recipientId: o.recipientId, personId: o.personId, severity: o.severity,
        language: o.language, subject: o.subject, body: o.body, options: o.options, labels: o.labels, responseUrl: o.responseUrl,
      });
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-orms-signature': webhookSignature(opts.secret, body), 'idempotency-key': o.deliveryId },
        body, signal: AbortSignal.timeout(15_000),
      });
      const reply = (await res.json().catch(() => ({}))) as { id?: unknown; message?: unknown };
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
        throw new PermanentFailure(typeof reply.message === 'string' ? reply.message : `Webhook refused: ${res.status}`, res.status === 404 || res.status === 410);
      }
      if (!res.ok) throw new Error(`Webhook error ${res.status}`);
      return typeof reply.id === 'string' ? reply.id : o.deliveryId;
    },
    close: async () => {},
  };
}
