import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../test/helpers.js';
import type { Db } from '../db/connect.js';
import { linkKey, signResponseToken } from '../modules/notify/tokens.js';
import { newId } from '../domain/ids.js';
import { buildApp } from './app.js';

let database: Db;
let app: FastifyInstance;
const lines: { msg: string; level: number; req?: { url: string } }[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp({ database, logger: { level: 'info', stream: { write: (line) => lines.push(JSON.parse(line) as (typeof lines)[number]) } } });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('the request log', () => {
  it('never holds the token of a response link or a calendar feed', async () => {
    const token = signResponseToken(await linkKey(database.db), newId(), new Date(Date.now() + 60_000));
    const paths = [`/api/v1/respond/${token}`, `/respond/${token}`, `/api/v1/exercises/feed/${token}.ics`];
    for (const url of paths) await app.inject(url);
    await app.inject({ method: 'POST', url: `/api/v1/respond/${token}`, payload: { answer: 'I am safe' } });

    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.stringify(line)).not.toContain(token.split('.')[1]);
    const logged = lines.filter((l) => l.msg === 'incoming request').map((l) => l.req!.url);
    expect(logged).toEqual(['/api/v1/respond/…', '/respond/…', '/api/v1/exercises/feed/…']);
  });

  it('keeps answers out of the info log, but not their failures', async () => {
    lines.length = 0;
    // An answer for a recipient that does not exist: refused (404, logged at info and so left out).
    const token = signResponseToken(await linkKey(database.db), newId(), new Date(Date.now() + 60_000));
    expect((await app.inject({ method: 'POST', url: `/api/v1/respond/${token}`, payload: { answer: 'I am safe' } })).statusCode).toBe(404);
    expect(lines).toEqual([]);
    // A failure of the server is an error, and is logged.
    await database.close();
    expect((await app.inject({ method: 'POST', url: `/api/v1/respond/${token}`, payload: { answer: 'I am safe' } })).statusCode).toBe(500);
    expect(lines.some((l) => l.level >= 50)).toBe(true);
    database = await freshDatabase();
  });
});
