import type { ChannelSender, Outgoing } from './types.js';
import { PermanentFailure } from './types.js';

export interface SmsOptions {
  /** Base URL of a Twilio-style REST API, e.g. https://api.twilio.com */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  ratePerSecond?: number;
  /** Where the provider reports delivered / undelivered (Twilio's StatusCallback). */
  statusCallback?: string | undefined;
}

/**
 * SMS through a provider speaking Twilio's Messages API:
 * POST {base}/2010-04-01/Accounts/{sid}/Messages.json, form fields To, From, Body, basic auth.
 */
export function smsChannel(opts: SmsOptions): ChannelSender {
  const url = `${opts.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(opts.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
  return {
    name: 'sms',
    ratePerSecond: opts.ratePerSecond ?? 50,
    async send(o: Outgoing) {
      const text = o.subject ? `${o.subject}: ${o.body}` : o.body;
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ To: o.to, From: opts.from, Body: text.slice(0, 1600), ...(opts.statusCallback ? { StatusCallback: opts.statusCallback } : {}) }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await res.json().catch(() => ({}))) as { sid?: string; message?: string; code?: number };
      if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new PermanentFailure(body.message ?? `SMS provider refused: ${res.status}`);
      if (!res.ok || !body.sid) throw new Error(body.message ?? `SMS provider error ${res.status}`);
      return body.sid;
    },
    close: async () => {},
  };
}
