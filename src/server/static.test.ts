import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../test/helpers.js';
import type { Db } from '../db/connect.js';
import { buildApp } from './app.js';

let dir: string;
let database: Db;
let app: FastifyInstance;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orms-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>ORMS</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-1.js'), 'console.log(1)');
  database = await freshDatabase();
  app = await buildApp({ database, webDir: dir });
});
afterAll(async () => {
  await app.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the web app', () => {
  it('is served with index.html fresh and hashed assets cached for good', async () => {
    const index = await app.inject('/');
    expect(index.body).toContain('<title>ORMS</title>');
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject('/assets/app-1.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
  it('answers client-side routes with index.html and unknown API paths with JSON 404', async () => {
    const route = await app.inject('/org/people/123');
    expect(route.statusCode).toBe(200);
    expect(route.headers['content-type']).toMatch(/text\/html/);
    const api = await app.inject('/api/v1/nothing-here');
    expect(api.statusCode).toBe(401); // authentication comes first on the API
    const apiRoot = await app.inject('/api/nothing');
    expect(apiRoot.statusCode).toBe(404);
    expect(apiRoot.json().error.code).toBe('not_found');
  });
  it('serves files built after the server started', async () => {
    fs.writeFileSync(path.join(dir, 'assets', 'app-2.js'), 'console.log(2)');
    const res = await app.inject('/assets/app-2.js');
    expect(res.body).toBe('console.log(2)');
  });
});
