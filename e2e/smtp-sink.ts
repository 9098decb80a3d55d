import fs from 'node:fs';
import path from 'node:path';
import { startSmtpServer, type ReceivedMail } from '../test/smtp';

/**
 * The e2e server's email goes to a real SMTP server on loopback (port E2E_PORT + 1000), started
 * before the tests; each message is appended to a file the specs read (e.g. for response links).
 */
export const smtpSinkPort = (e2ePort: number) => e2ePort + 1000;
export const smtpSinkFile = (dataDir: string) => path.join(dataDir, 'smtp-sink.jsonl');

export function readSink(dataDir = process.env.E2E_DATA_DIR!): ReceivedMail[] {
  const file = smtpSinkFile(dataDir);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ReceivedMail);
}

export default async function globalSetup() {
  const port = smtpSinkPort(Number(process.env.E2E_PORT ?? 8181));
  const file = smtpSinkFile(process.env.E2E_DATA_DIR!);
  const sink = await startSmtpServer({ port, onMail: (m) => fs.appendFileSync(file, `${JSON.stringify(m)}\n`) });
  return () => sink.close();
}
