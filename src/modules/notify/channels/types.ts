/** What a channel is asked to deliver: one text, to one address, identified by its delivery id. */
export interface Outgoing {
  deliveryId: string;
  to: string;
  subject: string;
  body: string;
  language: string;
  /** Context some channels carry along (the in-app inbox, the webhook). */
  messageId: string;
  recipientId: string;
  personId: string;
  severity: string;
  /** The answers asked for (as recorded), their labels in the recipient's language, and the person's response link. */
  options: string[] | null;
  labels: string[] | null;
  responseUrl: string | null;
}

/** A delivery channel (email, SMS, …). `send` resolves with the provider's id or throws. */
export interface ChannelSender {
  readonly name: string;
  /** Sends per second this channel may use (the provider's or the carrier's limit). */
  readonly ratePerSecond: number;
  send(o: Outgoing): Promise<string>;
  close(): Promise<void>;
}

/** A send failure the provider says is permanent (bad address, unknown number): not retried. */
export class PermanentFailure extends Error {
  /** True when the receiving system refused the address itself (a hard bounce). */
  constructor(message: string, readonly bounced = false) {
    super(message);
  }
}
