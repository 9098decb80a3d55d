import { describe, expect, it } from 'vitest';
import { approvalStatus, checkSend, DEFAULT_POLICY, nearestPolicy, type ApprovalPolicy } from './approval.js';

const strict: ApprovalPolicy = { approvalsRequired: 2, senderRoles: ['security_adviser'], senderMayBeDrafter: false, bypassAllowed: false };

describe('approval policy', () => {
  it('takes the most specific policy, else the default', () => {
    expect(nearestPolicy([undefined, strict, DEFAULT_POLICY])).toBe(strict);
    expect(nearestPolicy([undefined, undefined])).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.approvalsRequired).toBe(1);
  });

  it('approves once enough different people approved; one rejection sends the message back', () => {
    expect(approvalStatus(strict, [{ userId: 'a', decision: 'approve' }])).toBe('pending_approval');
    expect(approvalStatus(strict, [{ userId: 'a', decision: 'approve' }, { userId: 'a', decision: 'approve' }])).toBe('pending_approval');
    expect(approvalStatus(strict, [{ userId: 'a', decision: 'approve' }, { userId: 'b', decision: 'approve' }])).toBe('approved');
    expect(approvalStatus(strict, [{ userId: 'a', decision: 'approve' }, { userId: 'b', decision: 'reject' }])).toBe('rejected');
  });

  it('lets only the named roles send, the drafter only where allowed, and a bypass only with a reason where allowed', () => {
    const base = { status: 'approved', isDrafter: false, senderRoles: ['security_adviser'] as const };
    expect(checkSend(strict, { ...base, senderRoles: ['orms_focal_point'] })).toMatchObject({ ok: false, code: 'role' });
    expect(checkSend(strict, { ...base, isDrafter: true })).toMatchObject({ ok: false, code: 'drafter' });
    expect(checkSend(strict, base)).toEqual({ ok: true, bypass: false });
    expect(checkSend(strict, { ...base, status: 'pending_approval' })).toMatchObject({ ok: false, code: 'not_approved' });
    expect(checkSend(strict, { ...base, status: 'pending_approval', bypassReason: 'Gunfire at the gate' })).toMatchObject({ ok: false, code: 'bypass_disallowed' });
    expect(checkSend(DEFAULT_POLICY, { ...base, status: 'draft', bypassReason: 'Gunfire at the gate' })).toEqual({ ok: true, bypass: true });
    expect(checkSend(DEFAULT_POLICY, { ...base, status: 'draft', isDrafter: true })).toMatchObject({ ok: false, code: 'not_approved' });
  });

  it('sends a draft without bypass where the scope needs no approval', () => {
    const none = { ...DEFAULT_POLICY, approvalsRequired: 0 };
    expect(checkSend(none, { status: 'draft', isDrafter: true, senderRoles: ['orms_focal_point'] })).toEqual({ ok: true, bypass: false });
    expect(checkSend(none, { status: 'sent', isDrafter: true, senderRoles: ['orms_focal_point'] })).toMatchObject({ ok: false });
  });
});
