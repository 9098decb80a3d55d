import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { createUser, login, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { startSmtpServer } from '../../../test/smtp.js';
import { newId } from '../../domain/ids.js';
import { runReviewReminders } from './review.service.js';
import { smtpMailer } from './mailer.js';

let s: TestServer;
let admin: Client;
let ids: TestServer['fixture']['ids'];
const BC_TYPE = '00000000-0000-7000-8000-000000000801';

async function pdfText(buf: Buffer | string): Promise<{ pages: number; text: string }> {
  const doc = await getDocumentProxy(new Uint8Array(typeof buf === 'string' ? Buffer.from(buf, 'binary') : buf));
  const { totalPages, text } = await extractText(doc, { mergePages: true });
  return { pages: totalPages, text: text as unknown as string };
}
const countRows = async (table: 'plans' | 'plan_versions' | 'plan_approval_events' | 'plan_links') =>
  Number((await s.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await createUser(s.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'bc-a@t.org', [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ids.a }]);
  await createUser(s.database, 'bc-b@t.org', [{ role: 'bc_coordinator', scopeType: 'entity', scopeId: ids.b }]);
  await createUser(s.database, 'cmt-x@t.org', [{ role: 'crisis_team_member', scopeType: 'location', scopeId: ids.x }]);
  await createUser(s.database, 'fp-y@t.org', [{ role: 'orms_focal_point', scopeType: 'location', scopeId: ids.y }]);
  await createUser(s.database, 'staff-x@t.org', [], ids.pBX); // Bea of entity B works at Xville
  await createUser(s.database, 'staff-y@t.org', [], ids.pB);
  admin = await login(s.app, 'admin@t.org');
  await s.database.db.insertInto('contact_points').values([
    { id: newId(), person_id: ids.pA, kind: 'email', value: 'alice@a.example.org', label: null, priority: 0 },
    { id: newId(), person_id: ids.pA, kind: 'mobile', value: '+254700000001', label: null, priority: 1 },
  ]).execute();
});
afterAll(async () => s.close());

const planBody = (over: Record<string, unknown> = {}) => ({
  title: 'Xville business continuity plan', planTypeId: BC_TYPE, entityId: ids.a, locationId: ids.x, ownerPersonId: ids.pA,
  activationCriteria: 'Loss of the main building for more than 4 hours', teamIds: [ids.tX], ...over,
});

describe('plan library and approval', () => {
  let planId: string;
  let v1: string;

  it('creates a plan from the ORMS template with the standard sections', async () => {
    const c = await login(s.app, 'bc-a@t.org');
    const res = await c.post('/api/v1/plans', planBody());
    expect(res.statusCode).toBe(201);
    const plan = res.json();
    planId = plan.id;
    expect(plan).toMatchObject({ status: 'draft', planType: 'Business continuity plan', teamIds: [ids.tX], workingVersion: { number: 1, status: 'draft' } });
    v1 = plan.workingVersion.id;
    const v = (await c.get(`/api/v1/plans/${planId}/versions/${v1}`)).json();
    expect(v.content.sections.map((x: { key: string }) => x.key)).toEqual(['authority', 'roles', 'external_links', 'resources', 'incident_reporting', 'critical_functions', 'activation', 'after_action']);
  });

  it('rejects bad input naming the field and writes nothing', async () => {
    const c = await login(s.app, 'bc-a@t.org');
    const before = await Promise.all([countRows('plans'), countRows('plan_versions'), countRows('plan_links')]);
    const past = await c.post('/api/v1/plans', planBody({ reviewDue: '2001-01-01' }));
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toEqual({ reviewDue: 'The review date must not be in the past' });
    const noOwner = await c.post('/api/v1/plans', planBody({ ownerPersonId: undefined }));
    expect(noOwner.json().error.fields.ownerPersonId).toBeDefined();
    const badTeam = await c.post('/api/v1/plans', planBody({ teamIds: [newId()] }));
    expect(badTeam.json().error.fields).toEqual({ 'teamIds.0': 'No such team' });
    const badProcess = await c.post('/api/v1/plans', planBody({ processIds: [newId()] }));
    expect(badProcess.json().error.fields).toEqual({ 'processIds.0': 'No such business process' });
    const elsewhere = await c.post('/api/v1/plans', planBody({ entityId: ids.b, locationId: null }));
    expect(elsewhere.statusCode).toBe(403);
    const pastPatch = await c.patch(`/api/v1/plans/${planId}`, { reviewDue: '2001-01-01' });
    expect(pastPatch.json().error.fields.reviewDue).toBeDefined();
    expect(await Promise.all([countRows('plans'), countRows('plan_versions'), countRows('plan_links')])).toEqual(before);
  });

  it('saves structured content, runs the approval workflow and keeps approved versions immutable', async () => {
    const c = await login(s.app, 'bc-a@t.org');
    const content = {
      sections: [
        { key: 'authority', heading: 'Authority', blocks: [{ type: 'paragraph', text: 'Issued by the head of entity A.' }] },
        { key: 'contacts', heading: 'Contacts', blocks: [{ type: 'contacts', title: 'Key people', personIds: [ids.pA], teamIds: [ids.tX] }, { type: 'call_tree', nodes: [{ personId: ids.pA, callerPersonId: null }, { personId: ids.pBX, callerPersonId: ids.pA }] }] },
        { key: 'activation', heading: 'Activation', blocks: [{ type: 'checklist', title: 'First hour', items: [{ text: 'Convene the CMT', role: 'Chair' }, { text: 'Headcount', role: 'Wardens' }] }] },
      ],
    };
    const loop = await c.put(`/api/v1/plans/${planId}/versions/${v1}`, { content: { sections: [{ key: 'ct', heading: 'Calls', blocks: [{ type: 'call_tree', nodes: [{ personId: ids.pA, callerPersonId: ids.pBX }, { personId: ids.pBX, callerPersonId: ids.pA }] }] }] } });
    expect(loop.json().error.fields['content.sections.0.blocks.0.nodes']).toMatch(/loop/);
    expect((await c.put(`/api/v1/plans/${planId}/versions/${v1}`, { content })).statusCode).toBe(200);
    expect((await c.post(`/api/v1/plans/${planId}/versions/${v1}/submit`, { comment: 'Ready' })).json().status).toBe('in_review');
    expect((await c.get(`/api/v1/plans/${planId}`)).json().status).toBe('in_review');

    // The drafter may not approve (bc-a has no approve right anyway: give it by making Alice the approver).
    await c.patch(`/api/v1/plans/${planId}`, { approverPersonId: ids.pA });
    const events = await countRows('plan_approval_events');
    await s.database.db.updateTable('users').set({ person_id: ids.pA }).where('email', '=', 'bc-a@t.org').execute();
    const self = await (await login(s.app, 'bc-a@t.org')).post(`/api/v1/plans/${planId}/versions/${v1}/approve`, {});
    expect(self.statusCode).toBe(409);
    expect(self.json().error.fields).toEqual({ approver: 'The drafter of this version may not approve it' });
    expect(await countRows('plan_approval_events')).toBe(events);

    const cmt = await login(s.app, 'cmt-x@t.org');
    expect((await cmt.post(`/api/v1/plans/${planId}/versions/${v1}/comments`, { comment: 'Add the host-country contacts next time' })).statusCode).toBe(201);
    const approved = await cmt.post(`/api/v1/plans/${planId}/versions/${v1}/approve`, { comment: 'Approved by the CMT' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', currentVersionId: v1, workingVersion: null, reviewOverdue: false });
    expect(approved.json().reviewDue > new Date().toISOString().slice(0, 10)).toBe(true);
    const log = (await cmt.get(`/api/v1/plans/${planId}/versions/${v1}/comments`)).json();
    expect(log.map((e: { action: string }) => e.action)).toEqual(['submit', 'comment', 'approve']);

    const edit = await c.put(`/api/v1/plans/${planId}/versions/${v1}`, { content: { sections: [] } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.fields.versionId).toMatch(/approved/);
    const v2 = (await c.post(`/api/v1/plans/${planId}/versions`, { changeNote: 'Annual update' })).json();
    expect(v2.number).toBe(2);
    expect((await c.post(`/api/v1/plans/${planId}/versions`, {})).statusCode).toBe(409);
    content.sections[0]!.blocks = [{ type: 'paragraph', text: 'Issued by the head of entity A and the Designated Official.' }];
    await c.put(`/api/v1/plans/${planId}/versions/${v2.id}`, { content });
    const diff = (await c.get(`/api/v1/plans/${planId}/diff?from=${v1}&to=${v2.id}`)).json();
    expect(diff).toMatchObject({ added: 1, removed: 1 });
    expect(diff.unified).toContain('-Issued by the head of entity A.');
    expect(diff.unified).toContain('+Issued by the head of entity A and the Designated Official.');
    const stored = (await c.get(`/api/v1/plans/${planId}/versions/${v1}`)).json();
    expect(stored.content.sections[0].blocks[0].text).toBe('Issued by the head of entity A.');

    const audit = (await admin.get(`/api/v1/audit?subjectType=plan&subjectId=${planId}&pageSize=100`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['create', 'edit_draft', 'submit', 'approve', 'new_version']));
  });

  it('activates the approved plan: checklist items become tasks', async () => {
    const c = await login(s.app, 'bc-a@t.org');
    const a = await c.post(`/api/v1/plans/${planId}/activations`, { reason: 'Flooding of the main building' });
    expect(a.statusCode).toBe(201);
    expect(a.json().tasks.map((t: { text: string; status: string }) => `${t.text}:${t.status}`)).toEqual(['Convene the CMT:open', 'Headcount:open']);
    const done = await c.patch(`/api/v1/plans/${planId}/tasks/${a.json().tasks[0].id}`, { status: 'done' });
    expect(done.json().tasks[0]).toMatchObject({ status: 'done', doneBy: 'bc-a@t.org' });
  });

  it('lets staff read the approved plan of their duty station only, and not its drafts', async () => {
    const bea = await login(s.app, 'staff-x@t.org');
    const seen = (await bea.get('/api/v1/plans')).json();
    expect(seen.items.map((p: { id: string }) => p.id)).toEqual([planId]);
    expect(seen.items[0].workingVersion).toBeNull();
    const versions = (await bea.get(`/api/v1/plans/${planId}/versions`)).json();
    expect(versions.map((v: { status: string }) => v.status)).toEqual(['approved']);
    const draft = (await admin.get(`/api/v1/plans/${planId}`)).json().workingVersion.id;
    expect((await bea.get(`/api/v1/plans/${planId}/versions/${draft}`)).statusCode).toBe(404);
    expect((await bea.patch(`/api/v1/plans/${planId}`, { title: 'Mine' })).statusCode).toBe(403);
    const bob = await login(s.app, 'staff-y@t.org');
    expect((await bob.get('/api/v1/plans')).json().items).toEqual([]);
    expect((await bob.get(`/api/v1/plans/${planId}`)).statusCode).toBe(404);
    const other = await login(s.app, 'bc-b@t.org');
    expect((await other.get(`/api/v1/plans/${planId}`)).statusCode).toBe(404);
  });

  it('shares an inter-agency plan with each participating entity', async () => {
    const res = await admin.post('/api/v1/plans', planBody({ title: 'Xville joint crisis management plan', planTypeId: '00000000-0000-7000-8000-000000000800', entityId: null, participantEntityIds: [ids.a, ids.b] }));
    expect(res.statusCode).toBe(201);
    const b = await login(s.app, 'bc-b@t.org');
    expect((await b.get(`/api/v1/plans/${res.json().id}`)).json().participantEntityIds.sort()).toEqual([ids.a, ids.b].sort());
    expect((await b.patch(`/api/v1/plans/${res.json().id}`, { activationCriteria: 'Any mass-casualty event' })).statusCode).toBe(200);
    expect((await (await login(s.app, 'fp-y@t.org')).get(`/api/v1/plans/${res.json().id}`)).statusCode).toBe(404);
    const noStation = await admin.post('/api/v1/plans', planBody({ locationId: null, participantEntityIds: [ids.b] }));
    expect(noStation.json().error.fields.locationId).toMatch(/one duty station/);
  });

  it('prints the plan with Chinese and Arabic text, contacts resolved at print time and page numbers', async () => {
    const c = await login(s.app, 'bc-a@t.org');
    const plan = (await c.post('/api/v1/plans', planBody({ title: 'Plan multilingue' }))).json();
    const content = { sections: [
      { key: 'zh', heading: '业务连续性计划', blocks: [{ type: 'paragraph', text: '内罗毕办事处危机管理手册' }] },
      { key: 'ar', heading: 'خطة استمرارية الأعمال', blocks: [{ type: 'paragraph', text: 'مرحبا بكم في نيروبي' }] },
      { key: 'contacts', heading: 'Contacts', blocks: [{ type: 'contacts', title: 'Key people', personIds: [ids.pA], teamIds: [] }] },
    ] };
    await c.put(`/api/v1/plans/${plan.id}/versions/${plan.workingVersion.id}`, { content });
    await s.database.db.updateTable('contact_points').set({ value: '+254711111111' }).where('person_id', '=', ids.pA).where('kind', '=', 'mobile').execute();
    const res = await c.get(`/api/v1/plans/${plan.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { pages, text } = await pdfText(res.rawPayload);
    expect(pages).toBeGreaterThanOrEqual(5); // cover, contents, three sections
    expect(text).toContain('业务连续性计划');
    expect(text).toContain('内罗毕办事处危机管理手册');
    expect(text).toContain('Contents');
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain('+254711111111'); // the number as on record now
    // pdf.js gives Arabic back in logical order; whole words prove the glyphs map back to their letters.
    // Shaped glyphs map back to letters (NFKC folds presentation forms); the extractor puts spaces and
    // control characters between some joined glyphs.
    const arabic = text.normalize('NFKC').replace(/[\s\p{Cc}]+/gu, '');
    expect(arabic).toContain('مرحبا');
    expect(arabic).toContain('بكم');
    expect(arabic).toContain('الأعمال');
  });
});

describe('wallet cards', () => {
  it('prints a credit-card-size card for the duty station, for its staff', async () => {
    const bad = await admin.put(`/api/v1/wallet-cards/${ids.x}`, { numbers: [] });
    expect(bad.json().error.fields.numbers).toMatch(/At least one/);
    const put = await admin.put(`/api/v1/wallet-cards/${ids.x}`, { title: 'UN Xville emergency card', numbers: [{ label: 'Security control room', number: '+254 20 762 2222' }, { label: '救护车', number: '999' }], firstActions: ['Stay calm', 'Call the control room'] });
    expect(put.statusCode).toBe(200);
    const bea = await login(s.app, 'staff-x@t.org');
    const card = await bea.get('/api/v1/wallet-cards/mine.pdf');
    expect(card.statusCode).toBe(200);
    const doc = await getDocumentProxy(new Uint8Array(card.rawPayload));
    const page = await doc.getPage(1);
    const [, , w, h] = page.view;
    expect([Math.round(w! / 72 * 25.4 * 10) / 10, Math.round(h! / 72 * 25.4 * 10) / 10]).toEqual([85.6, 54]);
    const { text } = await pdfText(card.rawPayload);
    expect(text).toContain('+254 20 762 2222');
    expect(text).toContain('救护车');
    expect(text).toContain('Call the control room');
    expect((await (await login(s.app, 'staff-y@t.org')).get(`/api/v1/wallet-cards/${ids.x}/pdf`)).statusCode).toBe(404);
  });
});

describe('review cycle', () => {
  it('flags overdue reviews and reminds owners in the app and by email, once', async () => {
    const c = await login(s.app, 'bc-a@t.org');
    const plan = (await c.post('/api/v1/plans', planBody({ title: 'Fire plan', reviewDue: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10) }))).json();
    const smtp = await startSmtpServer();
    try {
      const mailer = smtpMailer(smtp.url, 'orms@t.org');
      const soon = await runReviewReminders(s.database.db, mailer);
      expect(soon.created).toBeGreaterThanOrEqual(1);
      const later = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
      const overdue = await runReviewReminders(s.database.db, mailer, later);
      expect(overdue.emailed).toBeGreaterThanOrEqual(1);
      expect((await runReviewReminders(s.database.db, mailer, later)).created).toBe(0);
      mailer.close();
      const mine = smtp.received.filter((m) => m.to.includes('alice@a.example.org') && m.subject.includes('Fire plan'));
      expect(mine.map((m) => m.subject.split(':')[0])).toEqual(['Review due on ' + plan.reviewDue, 'Review overdue']);
    } finally { await smtp.close(); }
    const reminders = (await c.get('/api/v1/plan-reminders')).json();
    expect(reminders.filter((r: { planId: string }) => r.planId === plan.id).map((r: { kind: string }) => r.kind).sort()).toEqual(['due_soon', 'overdue']);
    const flagged = await c.post(`/api/v1/plans/${plan.id}/review-triggers`, { trigger: 'organizational_change', note: 'New office layout' });
    expect(flagged.statusCode).toBe(201);
    const list = (await c.get('/api/v1/plans?flaggedForReview=true')).json();
    expect(list.items.find((p: { id: string }) => p.id === plan.id).reviewTriggeredBy).toBe('organizational_change');
    expect((await c.post(`/api/v1/plans/${plan.id}/review-triggers`, { trigger: 'whim' })).statusCode).toBe(400);
  });

  it('lets administrators add plan types with their own review cycle and self-approval rule', async () => {
    const t = await admin.post('/api/v1/plan-types', { key: 'flood', name: 'Flood response plan', reviewMonths: 6, allowSelfApproval: true });
    expect(t.statusCode).toBe(201);
    expect((await admin.post('/api/v1/plan-types', { key: 'flood', name: 'Again' })).json().error.fields.key).toBeDefined();
    expect((await (await login(s.app, 'bc-a@t.org')).post('/api/v1/plan-types', { key: 'mine', name: 'Mine' })).statusCode).toBe(403);
    const plan = (await admin.post('/api/v1/plans', planBody({ planTypeId: t.json().id, title: 'Flood plan' }))).json();
    await admin.post(`/api/v1/plans/${plan.id}/versions/${plan.workingVersion.id}/submit`, {});
    const ok = await admin.post(`/api/v1/plans/${plan.id}/versions/${plan.workingVersion.id}/approve`, {});
    expect(ok.statusCode).toBe(200);
    const due = new Date();
    due.setUTCMonth(due.getUTCMonth() + 6);
    expect(ok.json().reviewDue.slice(0, 7)).toBe(due.toISOString().slice(0, 7));
  });
});
