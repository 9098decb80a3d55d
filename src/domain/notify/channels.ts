import type { ContactKind } from '../org.js';

/** The most answers a message may offer (the board keeps a count column for each). */
export const MAX_RESPONSE_OPTIONS = 6;

/** The delivery channels of a message. */
export const CHANNELS = ['email', 'sms', 'webhook', 'inapp'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The contact point kinds each contact-point channel sends to. A person's contact points are tried
 * in their own order of priority; a failed one fails over to the next (mobile → satellite phone).
 * The webhook addresses the person (the receiving system knows them by id, external id or email);
 * the in-app channel addresses the person's user account.
 */
export const CHANNEL_CONTACT_KINDS: Readonly<Partial<Record<Channel, readonly ContactKind[]>>> = {
  email: ['email'],
  sms: ['mobile', 'satellite'],
};

/**
 * What happened to one delivery: queued → sending (claimed under a lease) → sent, then possibly
 * delivered (the provider or the person's app confirmed it) or bounced (the mail system refused
 * the address); failed when retries ran out or the provider refused for good.
 */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'bounced'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** Statuses after which nothing more will be sent for a delivery row. */
export const FINAL_STATUSES: readonly DeliveryStatus[] = ['sent', 'delivered', 'failed', 'bounced'];

export const SEVERITIES = ['info', 'advisory', 'warning', 'emergency'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const MESSAGE_STATUSES = ['draft', 'pending_approval', 'approved', 'rejected', 'sent'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The retry delay after a failed attempt: 1 s, 2 s, 4 s … capped at 5 minutes. */
export const backoffMs = (attempts: number): number => Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));
