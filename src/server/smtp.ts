import type { SendMailOptions, Transporter } from 'nodemailer';

export interface Smtp {
  send(mail: SendMailOptions): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * An SMTP transport from a URL (smtp://user:pass@host:587; `?tls=off` for a plain local relay;
 * smtps:// for implicit TLS). nodemailer is loaded on first use, so start-up does not pay for it.
 */
export function smtpFromUrl(url: string, opts: { pool?: boolean; maxConnections?: number } = {}): Smtp {
  const u = new URL(url);
  let transport: Promise<Transporter> | undefined;
  const get = () => (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport({
    host: u.hostname, port: Number(u.port || 25), secure: u.protocol === 'smtps:',
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    ignoreTLS: u.searchParams.get('tls') === 'off',
    ...(opts.pool ? { pool: true, maxConnections: opts.maxConnections ?? 4, maxMessages: Infinity } : {}),
  })));
  return {
    send: async (mail) => (await get()).sendMail(mail),
    close: () => { void transport?.then((t) => t.close()); },
  };
}
