import crypto from 'node:crypto';

/**
 * Calendar subscription links: calendar applications fetch the iCalendar feed without a session,
 * so the link carries a signed, expiring token naming the account; the feed then shows what that
 * account may see now (a disabled account's link stops working). The purpose is part of the
 * signed text, so a token signed for another purpose with the same key never passes here.
 */
const PURPOSE = 'exercise-calendar';
const mac = (key: Buffer, payload: string) => crypto.createHmac('sha256', key).update(`${PURPOSE}:${payload}`).digest('base64url');

export function signFeedToken(key: Buffer, userId: string, expiresAt: Date): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, e: Math.floor(expiresAt.getTime() / 1000) })).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

export function verifyFeedToken(key: Buffer, token: string, now = new Date()): string | null {
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return null;
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  let body: { u?: unknown; e?: unknown };
  try { body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body; } catch { return null; }
  if (typeof body.u !== 'string' || typeof body.e !== 'number' || body.e * 1000 < now.getTime()) return null;
  return body.u;
}
