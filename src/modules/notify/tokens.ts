import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';

/**
 * Signed, expiring response links: no login needed, and nothing in the link can be changed
 * without the key, which every app node reads from the database.
 */
const secrets = new WeakMap<object, Promise<Buffer>>();

export function linkKey(db: Kysely<Database>): Promise<Buffer> {
  let key = secrets.get(db);
  if (!key) {
    key = db.selectFrom('app_secrets').select('value').where('name', '=', 'response_links').executeTakeFirstOrThrow().then((r) => Buffer.from(r.value, 'base64url'));
    secrets.set(db, key);
  }
  return key;
}

const mac = (key: Buffer, payload: string) => crypto.createHmac('sha256', key).update(payload).digest('base64url');

export function signResponseToken(key: Buffer, recipientId: string, expiresAt: Date): string {
  const payload = Buffer.from(JSON.stringify({ r: recipientId, e: Math.floor(expiresAt.getTime() / 1000) })).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

export type TokenCheck = { ok: true; recipientId: string } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export function verifyResponseToken(key: Buffer, token: string, now = new Date()): TokenCheck {
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  let body: { r?: unknown; e?: unknown };
  try { body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body; } catch { return { ok: false, reason: 'malformed' }; }
  if (typeof body.r !== 'string' || typeof body.e !== 'number') return { ok: false, reason: 'malformed' };
  if (body.e * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, recipientId: body.r };
}

let waiting: { key: Buffer; token: string; done: (c: TokenCheck) => void }[] = [];

/**
 * verifyResponseToken() for the tokens that arrive together, verified one after another once the
 * requests being read have been (setImmediate): under a burst of answers, an HMAC computed between
 * the reading of two requests cost five times one computed in a run of them.
 */
export function verifyResponseTokenSoon(key: Buffer, token: string): Promise<TokenCheck> {
  return new Promise((done) => {
    if (!waiting.length) setImmediate(verifyWaiting);
    waiting.push({ key, token, done });
  });
}

function verifyWaiting() {
  const now = new Date();
  const batch = waiting;
  waiting = [];
  const checks = batch.map((w) => verifyResponseToken(w.key, w.token, now));
  batch.forEach((w, i) => w.done(checks[i]!));
}

/** Twilio's request signature: base64 HMAC-SHA1 over the URL followed by the sorted form fields. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
  return crypto.createHmac('sha1', authToken).update(data).digest('base64');
}
