import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import { CHANNEL_CONTACT_KINDS, type Channel } from '../../domain/notify/channels.js';

type Db = Kysely<Database> | Transaction<Database>;
type DeliveryKey = Pick<Database['deliveries'], 'message_id' | 'recipient_id' | 'person_id' | 'channel' | 'round'>;

/**
 * Fails over to the person's next contact point for the channel that this round has not tried
 * (a second email address, mobile → satellite phone). Returns whether one was queued.
 */
export async function failOver(db: Db, d: DeliveryKey, now = nowIso()): Promise<boolean> {
  const kinds = CHANNEL_CONTACT_KINDS[d.channel as Channel];
  if (!kinds?.length) return false;
  const tried = db.selectFrom('deliveries').select('address').where('message_id', '=', d.message_id).where('person_id', '=', d.person_id).where('channel', '=', d.channel).where('round', '=', d.round);
  const next = await db.selectFrom('contact_points').select('value').where('person_id', '=', d.person_id)
    .where('kind', 'in', kinds).where('value', 'not in', tried).orderBy('priority').limit(1).executeTakeFirst();
  if (!next) return false;
  await db.insertInto('deliveries').values({
    id: newId(), message_id: d.message_id, recipient_id: d.recipient_id, person_id: d.person_id, channel: d.channel, address: next.value, round: d.round,
    status: 'queued', attempts: 0, next_attempt_at: now, lease_until: null, worker: null, provider_id: null, last_error: null, sent_at: null, updated_at: now,
  }).onConflict((oc) => oc.doNothing()).execute();
  return true;
}

export type LateStatus = 'delivered' | 'failed' | 'bounced';

/**
 * What a provider reports after sending: delivered, or failed / bounced (which fails over to the
 * next contact point). Only a sent delivery changes, so a repeated report changes nothing.
 */
export async function recordLateStatus(db: Kysely<Database>, where: { channel: Channel; providerId?: string; deliveryId?: string }, status: LateStatus, error?: string): Promise<{ updated: boolean; failedOver: boolean }> {
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('deliveries').select(['id', 'message_id', 'recipient_id', 'person_id', 'channel', 'round']).where('channel', '=', where.channel).where('status', '=', 'sent');
    if (where.providerId) q = q.where('provider_id', '=', where.providerId);
    else if (where.deliveryId) q = q.where('id', '=', where.deliveryId);
    else return { updated: false, failedOver: false };
    const d = await q.executeTakeFirst();
    if (!d) return { updated: false, failedOver: false };
    const now = nowIso();
    const r = await trx.updateTable('deliveries').set({ status, last_error: error ?? null, updated_at: now }).where('id', '=', d.id).where('status', '=', 'sent').executeTakeFirst();
    if (!Number(r.numUpdatedRows)) return { updated: false, failedOver: false };
    const failedOver = status === 'delivered' ? false : await failOver(trx, d, now);
    return { updated: true, failedOver };
  });
}

/** Twilio's message statuses mapped to ours; errors 30005/30006 (unknown handset, landline) are bounces. Others are interim. */
export function twilioStatus(messageStatus: string, errorCode?: string): LateStatus | undefined {
  if (messageStatus === 'delivered') return 'delivered';
  if (messageStatus === 'undelivered' || messageStatus === 'failed') return errorCode === '30005' || errorCode === '30006' ? 'bounced' : 'failed';
  return undefined;
}
