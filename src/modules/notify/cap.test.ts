import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createUser, login, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { newId } from '../../domain/ids.js';
import { capAlert, capTime, unexportable, type CapMessage } from './cap.js';

// The official OASIS CAP 1.2 schema and RFC 4287's Atom schema, validated by libxml2 (compiled to WebAssembly).
const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures');
const CAP_XSD = fs.readFileSync(path.join(fixtures, 'CAP-v1.2.xsd'), 'utf8');
const ATOM_RNG = fs.readFileSync(path.join(fixtures, 'atom.rng'), 'utf8');
async function capErrors(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: { fileName: 'alert.xml', contents: xml }, schema: { fileName: 'CAP-v1.2.xsd', contents: CAP_XSD } });
  return r.errors.map((e) => e.message);
}
async function atomErrors(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: { fileName: 'feed.xml', contents: xml }, schema: { fileName: 'atom.rng', contents: ATOM_RNG }, extension: 'relaxng' });
  return r.errors.map((e) => e.message);
}
const tags = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);

const message: CapMessage = {
  id: '01900000-0000-7000-8000-000000000001', title: 'Shelter in place', severity: 'emergency',
  content: { en: { subject: 'Shelter at {{place}} & stay in', body: 'Stay indoors <now>.' }, fr: { subject: 'Confinement à {{place}}', body: 'Restez à l’intérieur.' }, zh: { subject: '就地避难', body: '请留在室内。' } },
  variables: { place: 'Nairobi' }, responseOptions: ['I am safe', 'I need help'], status: 'sent', sentAt: '2026-03-01T10:15:30.123Z', updatedAt: '2026-03-01T10:00:00.000Z',
};

describe('CAP 1.2 alerts', () => {
  it('builds a valid alert with one <info> per language and the audience\'s places', async () => {
    const xml = capAlert(message, {
      senderHost: 'orms.example.org', senderName: 'ORMS', public: false,
      areas: [
        { kind: 'station', name: 'Nairobi', code: 'NBO', countryCode: 'KE', latitude: -1.2921, longitude: 36.8219 },
        { kind: 'circle', latitude: -1.29, longitude: 36.82, km: 25 },
        { kind: 'country', name: 'Kenya', code: 'KE', stations: [{ latitude: -1.2921, longitude: 36.8219 }, { latitude: -4.04, longitude: 39.67 }] },
      ],
    });
    expect(await capErrors(xml)).toEqual([]);
    expect(tags(xml, 'language')).toEqual(['en', 'fr', 'zh']);
    expect(tags(xml, 'headline')).toEqual(['Shelter at Nairobi &amp; stay in', 'Confinement à Nairobi', '就地避难']);
    expect(tags(xml, 'description')[0]).toBe('Stay indoors &lt;now&gt;.');
    expect(tags(xml, 'sent')).toEqual(['2026-03-01T10:15:30+00:00']);
    expect(tags(xml, 'status')).toEqual(['Actual']);
    expect(tags(xml, 'scope')).toEqual(['Restricted']);
    expect([tags(xml, 'urgency')[0], tags(xml, 'severity')[0], tags(xml, 'certainty')[0]]).toEqual(['Immediate', 'Extreme', 'Observed']);
    expect(tags(xml, 'circle').slice(0, 4)).toEqual(['-1.2921,36.8219 0', '-1.29,36.82 25', '-1.2921,36.8219 0', '-4.04,39.67 0']);
    expect(tags(xml, 'value').slice(0, 2)).toEqual(['NBO', 'KE']);
    expect(tags(xml, 'instruction')[0]).toBe('Answer: 1 = I am safe, 2 = I need help');
  });

  it('maps each severity onto CAP\'s scales, and exports an unsent message as a draft', async () => {
    const scales = (severity: string) => {
      const xml = capAlert({ ...message, severity, status: 'draft', sentAt: null }, { senderHost: 'h', senderName: 'ORMS', public: true, areas: [] });
      return [tags(xml, 'status')[0], tags(xml, 'sent')[0], tags(xml, 'urgency')[0], tags(xml, 'severity')[0], tags(xml, 'certainty')[0]];
    };
    expect(scales('warning')).toEqual(['Draft', '2026-03-01T10:00:00+00:00', 'Expected', 'Severe', 'Likely']);
    expect(scales('advisory')).toEqual(['Draft', '2026-03-01T10:00:00+00:00', 'Future', 'Moderate', 'Possible']);
    expect(scales('info')).toEqual(['Draft', '2026-03-01T10:00:00+00:00', 'Unknown', 'Minor', 'Unknown']);
    expect(await capErrors(capAlert({ ...message, severity: 'info' }, { senderHost: 'h', senderName: 'ORMS', public: true, areas: [] }))).toEqual([]);
    expect(capTime('2026-03-01T23:59:59.999+02:00')).toBe('2026-03-01T21:59:59+00:00');
  });

  it('is checked by the schema: a wrong value or a missing element is caught', async () => {
    const xml = capAlert(message, { senderHost: 'h', senderName: 'ORMS', public: true, areas: [] });
    expect((await capErrors(xml.replace('<severity>Extreme</severity>', '<severity>Catastrophic</severity>'))).join('\n')).toMatch(/severity/);
    expect((await capErrors(xml.replace(/<sent>[^<]*<\/sent>/, '<sent>2026-03-01T10:15:30Z</sent>'))).length).toBeGreaterThan(0);
    expect((await capErrors(xml.replace(/<identifier>[^<]*<\/identifier>/, ''))).length).toBeGreaterThan(0);
  });

  it('names the fields whose text XML cannot carry', () => {
    expect(unexportable(message)).toEqual({});
    expect(unexportable({ ...message, title: 'Bell\u0007', content: { en: { subject: 'ok', body: 'a\u0000b' } }, responseOptions: ['ok', 'x\uFFFF'] }))
      .toEqual({ title: expect.any(String), 'content.en.body': 'Contains a control character that an XML alert cannot carry', 'responseOptions.1': expect.any(String) });
  });
});

describe('CAP export and the public Atom feed through the API', () => {
  let s: TestServer;
  let drafter: Client; let sender: Client; let staff: Client;
  let ids: TestServer['fixture']['ids'];
  const create = async (over: Record<string, unknown> = {}) => {
    const res = await drafter.post('/api/v1/messages', {
      title: 'Road closure', severity: 'warning', content: { en: { subject: 'Road closed near {{place}}', body: 'Avoid the area <until> further notice.' }, fr: { subject: 'Route fermée près de {{place}}', body: 'Évitez le secteur.' } },
      variables: { place: 'Xville' }, audience: { include: [{ type: 'location', id: ids.x }, { type: 'radius', latitude: 1, longitude: 2, km: 5 }, { type: 'country', code: 'CH' }] }, ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const send = async (id: string) => {
    const res = await sender.post(`/api/v1/messages/${id}/send`, { bypassReason: 'Road closed by the police this morning' });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    s = await startTestServer();
    ids = s.fixture.ids;
    await createUser(s.database, 'cmt@t.org', [{ role: 'crisis_team_member', scopeType: 'org', scopeId: null }]);
    await createUser(s.database, 'fp@t.org', [{ role: 'orms_focal_point', scopeType: 'org', scopeId: null }]);
    await createUser(s.database, 'staff@t.org', [{ role: 'staff', scopeType: 'org', scopeId: null }]);
    // Somebody in the audience must be reachable, or nothing is sent.
    const people = await s.database.db.selectFrom('people').select('id').execute();
    await s.database.db.insertInto('contact_points').values(people.map((p, i) => ({ id: newId(), person_id: p.id, kind: 'email', value: `p${i}@t.example.org`, label: null, priority: 0 }))).execute();
    drafter = await login(s.app, 'cmt@t.org');
    sender = await login(s.app, 'fp@t.org');
    staff = await login(s.app, 'staff@t.org');
  });
  afterAll(async () => s.close());

  it('exports a message as a draft alert, then as the actual alert once sent, with its places', async () => {
    const id = await create();
    const draft = await drafter.get(`/api/v1/messages/${id}/cap.xml`);
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.headers['content-type']).toMatch(/^application\/cap\+xml/);
    expect(await capErrors(draft.body)).toEqual([]);
    expect(tags(draft.body, 'status')).toEqual(['Draft']);
    await send(id);
    const actual = (await sender.get(`/api/v1/messages/${id}/cap.xml`)).body;
    expect(await capErrors(actual)).toEqual([]);
    expect(tags(actual, 'status')).toEqual(['Actual']);
    expect(tags(actual, 'language')).toEqual(['en', 'fr']);
    expect(tags(actual, 'areaDesc').slice(0, 3)).toEqual(['Xville (KE)', 'Switzerland', 'Within 5 km of 1, 2']);
    expect(tags(actual, 'circle').slice(0, 3)).toEqual(['1,2 0', '1,2 0', '1,2 5']); // Xville; Yburg, the Swiss station; the radius
    expect(tags(actual, 'value').slice(0, 2)).toEqual(['X', 'CH']);
    expect(tags(actual, 'sender')[0]).toBe('orms@localhost');
  });

  it('refuses a message whose text XML cannot carry, and messages the user may not see', async () => {
    const id = await create({ content: { en: { subject: 'Alarm', body: 'Bell\u0007 rings' } }, variables: {} });
    const res = await drafter.get(`/api/v1/messages/${id}/cap.xml`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'not_exportable', fields: { 'content.en.body': 'Contains a control character that an XML alert cannot carry' } });
    expect((await staff.get(`/api/v1/messages/${id}/cap.xml`)).statusCode).toBe(404);
    expect((await drafter.get('/api/v1/messages/not-a-uuid/cap.xml')).statusCode).toBe(400);
  });

  it('publishes sent public alerts in a valid Atom feed, readable without signing in', async () => {
    const pub = await create({ title: 'Public', content: { en: { subject: 'Flood <warning>', body: 'Move to <script>higher</script> ground.' } }, variables: {} });
    const privateOne = await create({ title: 'Internal' });
    const unsent = await create({ title: 'Not yet' });
    expect((await staff.post(`/api/v1/messages/${pub}/publication`, { public: true })).statusCode).toBe(403);
    expect((await drafter.post(`/api/v1/messages/${pub}/publication`, { public: true })).statusCode).toBe(403);
    expect((await sender.post(`/api/v1/messages/${pub}/publication`, { public: 'yes' })).statusCode).toBe(400);
    const marked = await sender.post(`/api/v1/messages/${pub}/publication`, { public: true });
    expect(marked.json()).toMatchObject({ messageId: pub, public: true, changedBy: 'fp@t.org' });
    await sender.post(`/api/v1/messages/${unsent}/publication`, { public: true });
    await send(pub);
    await send(privateOne);
    expect((await drafter.get(`/api/v1/messages/${pub}/publication`)).json().public).toBe(true);

    const anon = (url: string) => s.app.inject({ url, headers: { host: 'alerts.example.org' } });
    const feed = await anon('/api/v1/public/alerts.atom');
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(await atomErrors(feed.body)).toEqual([]);
    expect(feed.body.match(/<entry>/g)).toHaveLength(1);
    expect(feed.body).toContain(`<id>urn:uuid:${pub}</id>`);
    expect(feed.body).toContain('Move to &lt;script&gt;higher&lt;/script&gt; ground.');
    expect(feed.body).not.toContain('<script>');
    expect(feed.body).toContain(`<link href="http://alerts.example.org/api/v1/public/alerts/${pub}/cap.xml" rel="alternate" type="application/cap+xml"/>`);
    expect(feed.body).toContain('<link rel="self" href="http://alerts.example.org/api/v1/public/alerts.atom"/>');

    const cap = await anon(`/api/v1/public/alerts/${pub}/cap.xml`);
    expect(cap.statusCode).toBe(200);
    expect(await capErrors(cap.body)).toEqual([]);
    expect(tags(cap.body, 'scope')).toEqual(['Public']);
    expect(tags(cap.body, 'web')[0]).toBe(`http://alerts.example.org/api/v1/public/alerts/${pub}/cap.xml`);
    expect(tags(cap.body, 'sender')[0]).toBe('orms@alerts.example.org');
    expect((await s.app.inject(`/api/v1/public/alerts/${privateOne}/cap.xml`)).statusCode).toBe(404);
    expect((await s.app.inject(`/api/v1/public/alerts/${unsent}/cap.xml`)).statusCode).toBe(404);

    // Withdrawn: out of the feed, audited both ways.
    await sender.post(`/api/v1/messages/${pub}/publication`, { public: false });
    expect((await s.app.inject('/api/v1/public/alerts.atom')).body).not.toContain('<entry>');
    expect(await atomErrors((await s.app.inject('/api/v1/public/alerts.atom')).body)).toEqual([]);
    const audit = await s.database.db.selectFrom('audit_events').select('action').where('subject_id', '=', pub).where('action', 'in', ['publish', 'unpublish']).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['publish', 'unpublish']);
  });
});
