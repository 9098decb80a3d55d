import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { escalateDue } from '../modules/notify/escalation.service.js';

/** Checks every `intervalMs` for messages whose non-responders are due to be escalated to their wardens. */
export class Escalator {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Kysely<Database>, private readonly intervalMs = Number(process.env.ORMS_ESCALATION_POLL_MS ?? 30_000)) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running = this.running.then(() => escalateDue(this.db)).catch((e: unknown) => console.error('escalator:', e));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
