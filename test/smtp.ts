import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail { to: string[]; messageId: string; subject: string; raw: string; text: string }

/** The body of a single-part message, quoted-printable decoded. */
export function bodyText(raw: string, header: string): string {
  const body = raw.slice(raw.search(/\r?\n\r?\n/)).trim();
  if (!/^Content-Transfer-Encoding:\s*quoted-printable/im.test(header)) return body;
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

/** A real SMTP server on loopback that keeps what it receives; `reject` refuses recipients with 550. */
export async function startSmtpServer(opts: { reject?: (rcpt: string) => boolean; port?: number; onMail?: (m: ReceivedMail) => void } = {}) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, size: 1024 * 1024,
    onRcptTo(address, _session, cb) {
      if (opts.reject?.(address.address)) return cb(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const header = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
        const mail = {
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: /^Message-ID:\s*(.+)$/im.exec(header)?.[1]?.trim() ?? '',
          subject: /^Subject:\s*(.+)$/im.exec(header)?.[1]?.trim() ?? '',
          raw,
          text: bodyText(raw, header),
        };
        received.push(mail);
        opts.onMail?.(mail);
        cb();
      });
    },
  });
  // A client killed mid-session resets its connection; that is the point of some tests, not a failure.
  server.on('error', (e: NodeJS.ErrnoException) => { if (e.code !== 'ECONNRESET') throw e; });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, url: `smtp://127.0.0.1:${port}?tls=off`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
