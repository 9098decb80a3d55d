/** What a channel is asked to deliver: one text, to one address, identified by its delivery id. */
export interface Outgoing { deliveryId: string; to: string; subject: string; body: string; language: string }

/** A delivery channel (email, SMS, …). `send` resolves with the provider's id or throws. */
export interface ChannelSender {
  readonly name: string;
  /** Sends per second this channel may use (the provider's or the carrier's limit). */
  readonly ratePerSecond: number;
  send(o: Outgoing): Promise<string>;
  close(): Promise<void>;
}

/** A send failure the provider says is permanent (bad address, unknown number): not retried. */
export class PermanentFailure extends Error {}
