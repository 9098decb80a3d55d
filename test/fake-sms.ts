import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentSms { to: string; from: string; body: string; sid: string }

/**
 * A local HTTP server speaking the shape of Twilio's Messages API (the one kind of fake allowed:
 * a carrier cannot exist on this machine). Numbers in `invalid` get Twilio's 400 for a bad 'To'.
 */
export async function startFakeSmsProvider(opts: { sid: string; token: string; invalid?: string[] }) {
  const sent: SentSms[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    const reply = (status: number, body: object) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    const expected = `Basic ${Buffer.from(`${opts.sid}:${opts.token}`).toString('base64')}`;
    if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${opts.sid}/Messages.json`) return reply(404, { code: 20404, message: 'Not found' });
    if (req.headers.authorization !== expected) return reply(401, { code: 20003, message: 'Authenticate' });
    let data = '';
    req.on('data', (c: Buffer) => { data += c.toString(); });
    req.on('end', () => {
      const form = new URLSearchParams(data);
      const to = form.get('To') ?? '';
      if (opts.invalid?.includes(to)) return reply(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.` });
      const sid = `SM${String(++n).padStart(32, '0')}`;
      sent.push({ to, from: form.get('From') ?? '', body: form.get('Body') ?? '', sid });
      reply(201, { sid, status: 'queued', to });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, sent, close: () => new Promise<void>((r) => server.close(() => r())) };
}
