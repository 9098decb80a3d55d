import type { Smtp, smtpFromUrl } from './smtp.js';
import { siblingModule, startThread } from '../threads.js';

export type SmtpReply = { id: number; messageId: string; error?: undefined } | { id: number; error: { message: string; responseCode?: number | undefined; command?: string | undefined } };
type Pending = Map<number, { resolve: (v: { messageId: string }) => void; reject: (e: Error) => void }>;

/**
 * smtpFromUrl() on a thread of its own. Composing and writing MIME is most of a blast's CPU; on
 * the main thread it would share one core with the outbox's database work and with the HTTP
 * requests (the answers coming in). An error keeps the SMTP response code and the command it
 * failed at, which tell a bounce from a passing failure.
 */
export function smtpThread(url: string, opts: Parameters<typeof smtpFromUrl>[1] = {}): Smtp {
  let thread: { post: (m: unknown) => void; pending: Pending } | undefined;
  let next = 0;
  const start = () => {
    const w = startThread(siblingModule(import.meta.url, 'smtp-worker'), { url, opts });
    const pending: Pending = new Map();
    const self = { post: (m: unknown) => { w.postMessage(m); w.ref(); }, pending };
    w.on('message', (r: SmtpReply) => {
      const p = pending.get(r.id);
      pending.delete(r.id);
      if (!pending.size) w.unref(); // an idle thread does not keep the process alive
      if (r.error) p?.reject(Object.assign(new Error(r.error.message), { responseCode: r.error.responseCode, command: r.error.command }));
      else p?.resolve({ messageId: r.messageId });
    });
    // A thread that dies fails the sends it had; the next send starts another.
    const fail = (e: Error) => {
      if (thread === self) thread = undefined;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`SMTP thread exited with code ${code}`)));
    return self;
  };
  return {
    send: (mail) => new Promise((resolve, reject) => {
      thread ??= start();
      const id = next++;
      thread.post({ id, mail }); // throws, rejecting the send, for a mail that cannot be copied to the thread
      thread.pending.set(id, { resolve, reject });
    }),
    close: () => { thread?.post('stop'); thread = undefined; },
  };
}
