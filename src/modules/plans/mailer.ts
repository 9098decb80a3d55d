import type { Mailer } from './review.service.js';
import { smtpFromUrl } from '../../server/smtp.js';

/** Review reminders by email over SMTP (ORMS_SMTP_URL, e.g. smtp://user:pass@host:587, `?tls=off` for plain). */
export function smtpMailer(url: string, from: string): Mailer & { close(): void } {
  const transport = smtpFromUrl(url);
  return {
    send: async (m) => { await transport.send({ from, to: m.to, subject: m.subject, text: m.text }); },
    close: () => transport.close(),
  };
}

export const mailerFromEnv = (env: NodeJS.ProcessEnv = process.env) =>
  (env.ORMS_SMTP_URL ? smtpMailer(env.ORMS_SMTP_URL, env.ORMS_MAIL_FROM ?? 'orms@orms.local') : null);
