import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { freshDatabase, login } from '../../../test/helpers.js';
import type { Db } from '../../db/connect.js';
import { buildApp } from '../../server/app.js';
import { ADMIN_EMAIL, seedDemo } from '../../db/seed/seed.js';

let database: Db;
beforeAll(async () => { database = await freshDatabase(); await seedDemo(database.db, { scale: 'small', adminPassword: 'demo-admin-password' }); });
afterAll(async () => database.close());

describe('demo plans', () => {
  it('has an approved Nairobi BC plan that prints, a wallet card, and an exercise with its review and lessons', async () => {
    const app = await buildApp({ database });
    const c = await login(app, ADMIN_EMAIL, 'demo-admin-password');
    const plans = (await c.get('/api/v1/plans?status=approved')).json();
    const bc = plans.items.find((p: { title: string }) => p.title === 'UNON business continuity plan');
    expect(bc).toMatchObject({ planType: 'Business continuity plan', reviewOverdue: false });
    const versions = (await c.get(`/api/v1/plans/${bc.id}/versions`)).json();
    expect(versions.map((v: { status: string }) => v.status)).toEqual(['approved', 'superseded']);
    const pdf = await c.get(`/api/v1/plans/${bc.id}/pdf`);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true });
    expect(text).toContain('Critical organizational functions');
    expect(text).toContain('Call tree');
    const nairobi = (await c.get('/api/v1/locations?q=nairobi&kind=duty_station')).json().items[0];
    expect((await c.get(`/api/v1/wallet-cards/${nairobi.id}/pdf`)).statusCode).toBe(200);
    const reviews = (await c.get(`/api/v1/after-action-reviews?locationId=${nairobi.id}`)).json();
    expect(reviews.items[0].actions).toHaveLength(2);
    expect((await c.get('/api/v1/lessons?q=hotline')).json().total).toBeGreaterThan(0);
    await app.close();
  });
});
