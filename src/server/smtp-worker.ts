import { parentPort, workerData } from 'node:worker_threads';
import type { SendMailOptions } from 'nodemailer';
import { smtpFromUrl } from './smtp.js';
import type { SmtpReply } from './smtp-thread.js';

// The thread of smtpThread(): one transport, a reply for every mail, in the order they finish.
const { url, opts } = workerData as { url: string; opts: Parameters<typeof smtpFromUrl>[1] };
const smtp = smtpFromUrl(url, opts);
const reply = (r: SmtpReply) => parentPort!.postMessage(r);
parentPort!.on('message', (m: { id: number; mail: SendMailOptions } | 'stop') => {
  if (m === 'stop') { smtp.close(); parentPort!.close(); return; }
  smtp.send(m.mail).then(
    (info) => reply({ id: m.id, messageId: info.messageId }),
    (e: Error & { responseCode?: number; command?: string }) => reply({ id: m.id, error: { message: e.message, responseCode: e.responseCode, command: e.command } }),
  );
});
