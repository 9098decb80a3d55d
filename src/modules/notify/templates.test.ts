import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';

let s: TestServer;
let fp: Client;
let cmt: Client;

beforeAll(async () => {
  s = await startTestServer();
  await createUser(s.database, 'fp@t.org', [{ role: 'orms_focal_point', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'cmt@t.org', [{ role: 'crisis_team_member', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'staff@t.org', [{ role: 'staff', scopeType: 'org', scopeId: null }]);
  fp = await login(s.app, 'fp@t.org');
  cmt = await login(s.app, 'cmt@t.org');
});
afterAll(async () => s.close());

const template = (over: Record<string, unknown> = {}) => ({
  name: 'Shelter in place',
  severity: 'emergency',
  content: {
    en: { subject: 'Shelter in place at {{place}}', body: 'Stay indoors until {{until}}.', options: ['I am safe', 'I need help'] },
    zh: { subject: '{{place}}：原地避险', body: '请留在室内，直至{{until}}。', options: ['我安全', '我需要帮助'] },
  },
  variables: { place: '', until: 'further notice' },
  responseOptions: ['I am safe', 'I need help'],
  channels: ['email', 'inapp'],
  ...over,
});

describe('message templates', () => {
  it('refuses a template with an undeclared variable, naming the field, and writes nothing', async () => {
    const res = await fp.post('/api/v1/notify/templates', template({ variables: { place: '' } }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({
      'content.en.body': 'Undefined variable: until (declare it under variables)',
      'content.zh.body': 'Undefined variable: until (declare it under variables)',
    });
    const mismatched = await fp.post('/api/v1/notify/templates', template({ content: { en: { subject: 'x', body: 'y', options: ['Only one'] } }, variables: {} }));
    expect(mismatched.json().error.fields).toEqual({ 'content.en.options': 'Give 2 translated answers, in the order of the answers' });
    expect((await fp.post('/api/v1/notify/templates', { ...template(), name: '' })).json().error.fields).toHaveProperty('name');
    expect((await fp.get('/api/v1/notify/templates')).json()).toEqual([]);
  });

  it('keeps a library that drafters read and focal points manage, every change audited', async () => {
    const created = await fp.post('/api/v1/notify/templates', template());
    expect(created.statusCode).toBe(201);
    const t = created.json();
    expect(t).toMatchObject({ name: 'Shelter in place', variables: { place: '', until: 'further notice' }, channels: ['email', 'inapp'] });
    expect((await cmt.post('/api/v1/notify/templates', template({ name: 'Mine' }))).statusCode).toBe(403);
    expect((await cmt.get('/api/v1/notify/templates?q=SHELTER')).json().map((x: { id: string }) => x.id)).toEqual([t.id]);
    expect((await (await login(s.app, 'staff@t.org')).get('/api/v1/notify/templates')).statusCode).toBe(403);
    const updated = (await fp.patch(`/api/v1/notify/templates/${t.id}`, { name: 'Shelter in place (HQ)' })).json();
    expect(updated.name).toBe('Shelter in place (HQ)');
    expect((await fp.patch(`/api/v1/notify/templates/${t.id}`, { variables: {} })).statusCode).toBe(400); // the text still uses them

    // A message drafted from it keeps the link; the drafter fills the variables.
    const noValue = await cmt.post('/api/v1/messages', { title: 'Flood', content: t.content, variables: { place: 'Gigiri' }, responseOptions: t.responseOptions, audience: { include: [{ type: 'everyone' }] }, templateId: t.id });
    expect(noValue.json().error.fields).toMatchObject({ 'content.en.body': 'Undefined variable: until' });
    const m = (await cmt.post('/api/v1/messages', { title: 'Flood', content: t.content, variables: { place: 'Gigiri', until: '18:00' }, responseOptions: t.responseOptions, audience: { include: [{ type: 'everyone' }] }, templateId: t.id })).json();
    expect(m.templateId).toBe(t.id);
    expect((await cmt.post('/api/v1/messages', { title: 'x', content: t.content, variables: { place: 'a', until: 'b' }, responseOptions: t.responseOptions, audience: { include: [{ type: 'everyone' }] }, templateId: '00000000-0000-7000-8000-000000000000' })).json().error.fields)
      .toEqual({ templateId: 'No such template' });

    expect((await fp.delete(`/api/v1/notify/templates/${t.id}`)).statusCode).toBe(204);
    expect((await cmt.get(`/api/v1/messages/${m.id}`)).json()).toMatchObject({ templateId: null, content: t.content });
    const events = await s.database.db.selectFrom('audit_events').select('action').where('subject_id', '=', t.id).orderBy('at').execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
  });
});
