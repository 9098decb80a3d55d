import nodemailer from 'nodemailer';
import type { Mailer } from './review.service.js';

/** Review reminders by email over SMTP (ORMS_SMTP_URL, e.g. smtp://user:pass@host:587, `?tls=off` for plain). */
export function smtpMailer(url: string, from: string): Mailer & { close(): void } {
  const u = new URL(url);
  const transport = nodemailer.createTransport({
    host: u.hostname, port: Number(u.port || 25), secure: u.protocol === 'smtps:',
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    ignoreTLS: u.searchParams.get('tls') === 'off',
  });
  return {
    send: async (m) => { await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text }); },
    close: () => transport.close(),
  };
}

export const mailerFromEnv = (env: NodeJS.ProcessEnv = process.env) =>
  (env.ORMS_SMTP_URL ? smtpMailer(env.ORMS_SMTP_URL, env.ORMS_MAIL_FROM ?? 'orms@orms.local') : null);
