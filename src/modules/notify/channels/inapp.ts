import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.js';
import { newId, nowIso } from '../../../domain/ids.js';
import type { ChannelSender, Outgoing } from './types.js';

/** Tells this process's open inbox streams that a user has something new (other nodes see it by polling). */
export const inboxEvents = new EventEmitter().setMaxListeners(0);

/**
 * The in-app channel: the message lands in the user's inbox in the web app, where the top bar's
 * badge and the inbox page update live. The delivery id is unique in the inbox, so a delivery
 * sent again after a crash is the same item, never a second one.
 */
export function inappChannel(db: Kysely<Database>, opts: { ratePerSecond?: number } = {}): ChannelSender {
  return {
    name: 'inapp',
    ratePerSecond: opts.ratePerSecond ?? 10_000,
    async send(o: Outgoing) {
      await db.insertInto('inbox_items').values({
        id: newId(), user_id: o.to, delivery_id: o.deliveryId, message_id: o.messageId, recipient_id: o.recipientId, severity: o.severity,
        language: o.language, subject: o.subject, body: o.body, created_at: nowIso(), delivered_at: null, read_at: null,
      }).onConflict((oc) => oc.column('delivery_id').doNothing()).execute();
      inboxEvents.emit('item', o.to);
      return `inbox:${o.deliveryId}`;
    },
    close: async () => {},
  };
}
