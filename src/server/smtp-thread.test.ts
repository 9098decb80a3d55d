import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { smtpThread } from './smtp-thread.js';
import { startSmtpServer } from '../../test/smtp.js';

describe('SMTP on a thread of its own', () => {
  it('hands mail to a real SMTP server and answers each send with its Message-ID, in any order', async () => {
    const smtp = await startSmtpServer();
    const thread = smtpThread(smtp.url, { pool: true, maxConnections: 2 });
    try {
      const sent = await Promise.all(Array.from({ length: 20 }, (_, i) => thread.send({ from: 'orms@orms.local', to: `p${i}@example.org`, subject: `Mail ${i}`, text: 'Are you safe?', messageId: `<m${i}@orms.local>` })));
      expect(sent.map((s) => s.messageId)).toEqual(Array.from({ length: 20 }, (_, i) => `<m${i}@orms.local>`));
      expect(smtp.received.map((m) => `${m.to.join()} ${m.subject}`).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `p${i}@example.org Mail ${i}`).sort());
    } finally {
      thread.close();
      await smtp.close();
    }
  });

  it('keeps the SMTP code and command of a refusal, which tell a bounce from a passing failure', async () => {
    const smtp = await startSmtpServer({ reject: (rcpt) => rcpt === 'gone@example.org' });
    const thread = smtpThread(smtp.url);
    try {
      const refused = await thread.send({ from: 'orms@orms.local', to: 'gone@example.org', text: 'x' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Error);
      expect(refused).toMatchObject({ responseCode: 550, command: 'RCPT TO', message: expect.stringContaining('No such mailbox') });
      // The thread carries on after a refusal.
      await expect(thread.send({ from: 'orms@orms.local', to: 'here@example.org', text: 'x' })).resolves.toMatchObject({ messageId: expect.any(String) });
    } finally {
      thread.close();
      await smtp.close();
    }
  });

  it('refuses a mail that cannot be handed to the thread, and goes on with the others', async () => {
    const smtp = await startSmtpServer();
    const thread = smtpThread(smtp.url);
    try {
      await expect(thread.send({ from: 'orms@orms.local', to: 'x@example.org', text: 'x', headers: { 'X-Bad': (() => 'no') as never } })).rejects.toThrow(/could not be cloned/);
      await expect(thread.send({ from: 'orms@orms.local', to: 'y@example.org', text: 'y' })).resolves.toMatchObject({ messageId: expect.any(String) });
      expect(smtp.received.map((m) => m.to.join())).toEqual(['y@example.org']);
    } finally {
      thread.close();
      await smtp.close();
    }
  });

  it('fails a send when the server cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); }); });
    const thread = smtpThread(`smtp://127.0.0.1:${port}?tls=off`);
    try {
      await expect(thread.send({ from: 'orms@orms.local', to: 'x@example.org', text: 'x' })).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      thread.close();
    }
  });
});
