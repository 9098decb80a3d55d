import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, login, startTestServer, type Client, type TestServer } from '../../../test/helpers.js';
import { newId } from '../../domain/ids.js';
import { ROLES, type Principal } from '../../domain/access.js';
import { canNotify, canNotifyIn, type NotifyAction } from './policy.js';

let s: TestServer;
let ids: TestServer['fixture']['ids'];
let admin: Client;
let drafter: Client;
let fp: Client;
let fp2: Client;
let sa: Client;
let fpX: Client;

beforeAll(async () => {
  s = await startTestServer();
  ids = s.fixture.ids;
  await createUser(s.database, 'admin@t.org', [{ role: 'system_admin', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'cmt@t.org', [{ role: 'crisis_team_member', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'fp@t.org', [{ role: 'orms_focal_point', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'fp2@t.org', [{ role: 'orms_focal_point', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'sa@t.org', [{ role: 'security_adviser', scopeType: 'org', scopeId: null }]);
  await createUser(s.database, 'fp-x@t.org', [{ role: 'orms_focal_point', scopeType: 'location', scopeId: ids.x }]);
  await s.database.db.insertInto('contact_points').values([
    { id: newId(), person_id: ids.pA, kind: 'email', value: 'alice@a.example.org', label: null, priority: 0 },
    { id: newId(), person_id: ids.pBX, kind: 'email', value: 'bea@b.example.org', label: null, priority: 0 },
  ]).execute();
  admin = await login(s.app, 'admin@t.org');
  drafter = await login(s.app, 'cmt@t.org');
  fp = await login(s.app, 'fp@t.org');
  fp2 = await login(s.app, 'fp2@t.org');
  sa = await login(s.app, 'sa@t.org');
  fpX = await login(s.app, 'fp-x@t.org');
});
afterAll(async () => s.close());

const message = (scope: unknown, over: Record<string, unknown> = {}) => ({
  title: 'Road closed', severity: 'advisory', content: { en: { subject: 'Road closed', body: 'Avoid the airport road.' } },
  audience: { include: [{ type: 'location', id: ids.x }] }, scope, ...over,
});

describe('the notification rights table', () => {
  it('gives each role exactly its tier', () => {
    const principal = (role: (typeof ROLES)[number]): Principal => ({ userId: 'u', email: 'e', personId: null, grants: [{ role, scopeType: 'org', scopeId: null, entityIds: new Set(), locationIds: new Set() }] });
    const table: Record<NotifyAction, string[]> = {
      'message.draft': ['system_admin', 'entity_admin', 'orms_focal_point', 'bc_coordinator', 'security_adviser', 'crisis_team_member'],
      'message.approve': ['system_admin', 'entity_admin', 'orms_focal_point', 'security_adviser'],
      'message.send': ['system_admin', 'entity_admin', 'orms_focal_point', 'security_adviser'],
      'template.manage': ['system_admin', 'entity_admin', 'orms_focal_point', 'security_adviser'],
      'policy.manage': ['system_admin', 'entity_admin'],
    };
    for (const [action, roles] of Object.entries(table) as [NotifyAction, string[]][]) {
      expect(ROLES.filter((r) => canNotify(principal(r), action)), action).toEqual(roles);
    }
  });
  it('covers a scope only from a grant on it or above it', () => {
    const atX: Principal = { userId: 'u', email: 'e', personId: null, grants: [{ role: 'orms_focal_point', scopeType: 'location', scopeId: 'x', entityIds: new Set(), locationIds: new Set(['x', 'x1']) }] };
    expect(canNotifyIn(atX, 'message.approve', { type: 'location', id: 'x1' })).toBe(true);
    expect(canNotifyIn(atX, 'message.approve', { type: 'location', id: 'y' })).toBe(false);
    expect(canNotifyIn(atX, 'message.approve', { type: 'org', id: null })).toBe(false);
  });
});

describe('approval policies per scope', () => {
  it('refuses bad input, unknown scopes and non-administrators, and writes nothing', async () => {
    expect((await admin.post('/api/v1/notify/policies', { scope: { type: 'location', id: ids.x }, approvalsRequired: 9, senderRoles: [], senderMayBeDrafter: true, bypassAllowed: true })).json().error.fields)
      .toMatchObject({ approvalsRequired: expect.any(String), senderRoles: expect.any(String) });
    expect((await admin.post('/api/v1/notify/policies', { scope: { type: 'location', id: newId() }, approvalsRequired: 1, senderRoles: ['orms_focal_point'], senderMayBeDrafter: true, bypassAllowed: true })).json().error.fields)
      .toEqual({ 'scope.id': 'No such location' });
    expect((await fp.post('/api/v1/notify/policies', { scope: { type: 'org' }, approvalsRequired: 0, senderRoles: ['orms_focal_point'], senderMayBeDrafter: true, bypassAllowed: true })).statusCode).toBe(403);
    expect((await admin.get('/api/v1/notify/policies')).json()).toEqual([]);
  });

  it('asks for two approvals at Xville, lets only security advisers send, never the drafter, and allows no bypass', async () => {
    const created = await admin.post('/api/v1/notify/policies', { scope: { type: 'location', id: ids.x }, approvalsRequired: 2, senderRoles: ['security_adviser'], senderMayBeDrafter: false, bypassAllowed: false });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ scope: { type: 'location', id: ids.x }, scopeName: 'Xville', approvalsRequired: 2 });
    expect((await admin.post('/api/v1/notify/policies', { scope: { type: 'location', id: ids.x }, approvalsRequired: 1, senderRoles: ['security_adviser'], senderMayBeDrafter: false, bypassAllowed: false })).statusCode).toBe(409);
    // The premises inherit their duty station's policy; the organization keeps the default.
    expect((await drafter.get(`/api/v1/notify/policies/effective?scopeType=location&scopeId=${ids.x1}`)).json()).toMatchObject({ approvalsRequired: 2, source: `location:${ids.x}` });
    expect((await drafter.get('/api/v1/notify/policies/effective?scopeType=org')).json()).toMatchObject({ approvalsRequired: 1, source: null });
    expect((await drafter.get('/api/v1/notify/policies/effective?scopeType=entity')).json().error.fields).toHaveProperty('querystring.scopeId');

    const m = (await fp.post('/api/v1/messages', message({ type: 'location', id: ids.x }))).json();
    expect(m.policy).toMatchObject({ approvalsRequired: 2, senderRoles: ['security_adviser'] });
    const bypass = await sa.post(`/api/v1/messages/${m.id}/send`, { bypassReason: 'Gunfire at the airport road' });
    expect(bypass.statusCode).toBe(409);
    expect(bypass.json().error.code).toBe('bypass_disallowed');
    await fp.post(`/api/v1/messages/${m.id}/submit`);
    expect((await fp2.post(`/api/v1/messages/${m.id}/decision`, { decision: 'approve' })).json()).toMatchObject({ status: 'pending_approval', approvals: [{ decision: 'approve' }] });
    expect((await fp2.post(`/api/v1/messages/${m.id}/decision`, { decision: 'approve' })).statusCode).toBe(409); // one vote each
    expect((await fpX.post(`/api/v1/messages/${m.id}/decision`, { decision: 'approve' })).json().status).toBe('approved');
    expect((await fp.post(`/api/v1/messages/${m.id}/send`, {})).statusCode).toBe(403); // a focal point is not among the senders here
    expect((await sa.post(`/api/v1/messages/${m.id}/send`, {})).json()).toMatchObject({ queued: 2, message: { status: 'sent' } });

    // The drafter may not send their own, even as a security adviser.
    const own = (await sa.post('/api/v1/messages', message({ type: 'location', id: ids.x }))).json();
    await sa.post(`/api/v1/messages/${own.id}/submit`);
    await fp.post(`/api/v1/messages/${own.id}/decision`, { decision: 'approve' });
    await fp2.post(`/api/v1/messages/${own.id}/decision`, { decision: 'approve' });
    const res = await sa.post(`/api/v1/messages/${own.id}/send`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/drafter may not send/);
  });

  it('freezes the policy at submission: a later change does not move the goalposts', async () => {
    const m = (await fp.post('/api/v1/messages', message({ type: 'location', id: ids.x }))).json();
    expect((await fp.post(`/api/v1/messages/${m.id}/submit`)).json()).toMatchObject({ approvalsRequired: 2 });
    const policy = (await admin.get('/api/v1/notify/policies')).json()[0];
    expect((await admin.patch(`/api/v1/notify/policies/${policy.id}`, { approvalsRequired: 1 })).json().approvalsRequired).toBe(1);
    expect((await fp2.post(`/api/v1/messages/${m.id}/decision`, { decision: 'approve' })).json().status).toBe('pending_approval');
    const audit = (await admin.get(`/api/v1/audit?subjectId=${policy.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'update']);
  });

  it('approves at submission where a scope needs no approval, and sends without bypass', async () => {
    const p = (await admin.post('/api/v1/notify/policies', { scope: { type: 'entity', id: ids.a }, approvalsRequired: 0, senderRoles: ['orms_focal_point'], senderMayBeDrafter: true, bypassAllowed: true })).json();
    // A1 is below A: A's policy applies.
    const m = (await fp.post('/api/v1/messages', message({ type: 'entity', id: ids.a1 }, { audience: { include: [{ type: 'person', id: ids.pA }] } }))).json();
    expect((await fp.post(`/api/v1/messages/${m.id}/submit`)).json().status).toBe('approved');
    expect((await fp.post(`/api/v1/messages/${m.id}/send`, {})).json().message.bypassReason).toBeNull();
    expect((await admin.delete(`/api/v1/notify/policies/${p.id}`)).statusCode).toBe(204);
  });
});

describe('the approval workflow', () => {
  it('needs a comment to reject, lets the drafter withdraw and edit, and hides other scopes\' messages', async () => {
    const m = (await drafter.post('/api/v1/messages', message({ type: 'org' }))).json();
    expect(m.scope).toEqual({ type: 'org' });
    await drafter.post(`/api/v1/messages/${m.id}/submit`);
    const noComment = await fp.post(`/api/v1/messages/${m.id}/decision`, { decision: 'reject' });
    expect(noComment.json().error.fields).toEqual({ comment: 'Required when rejecting' });
    expect((await fp.get('/api/v1/messages?awaitingMe=true')).json().map((x: { id: string }) => x.id)).toContain(m.id);
    expect((await drafter.get('/api/v1/messages?awaitingMe=true')).json().map((x: { id: string }) => x.id)).not.toContain(m.id); // not one's own
    // A focal point of Xville neither sees nor decides an organization-wide message.
    expect((await fpX.get(`/api/v1/messages/${m.id}`)).statusCode).toBe(404);
    expect((await fpX.get('/api/v1/messages')).json().map((x: { id: string }) => x.id)).not.toContain(m.id);
    const rejected = (await fp.post(`/api/v1/messages/${m.id}/decision`, { decision: 'reject', comment: 'Say which road' })).json();
    expect(rejected).toMatchObject({ status: 'rejected', approvals: [{ decision: 'reject', comment: 'Say which road', name: 'fp@t.org' }] });
    const edited = (await drafter.patch(`/api/v1/messages/${m.id}`, { content: { en: { subject: 'Airport road closed', body: 'Avoid the airport road.' } } })).json();
    expect(edited).toMatchObject({ status: 'draft', approvals: [] });
    await drafter.post(`/api/v1/messages/${m.id}/submit`);
    expect((await drafter.post(`/api/v1/messages/${m.id}/withdraw`)).json().status).toBe('draft');
    expect((await fp.post(`/api/v1/messages/${m.id}/withdraw`)).statusCode).toBe(403);
    expect((await drafter.post(`/api/v1/messages/${m.id}/withdraw`)).statusCode).toBe(409);
  });

  it('refuses a scope the drafter may not draft for', async () => {
    const res = await fpX.post('/api/v1/messages', message({ type: 'location', id: ids.y }));
    expect(res.statusCode).toBe(403);
    const mine = (await fpX.post('/api/v1/messages', message(undefined))).json();
    expect(mine.scope).toEqual({ type: 'location', id: ids.x }); // their own scope by default
  });
});
