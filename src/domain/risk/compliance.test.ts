import { describe, expect, it } from 'vitest';
import { isGapOverdue } from './compliance.js';

describe('an overdue MOSS gap', () => {
  const today = '2026-06-15';
  it('is a gap whose closing date has passed', () => {
    expect(isGapOverdue({ status: 'not_compliant', dueDate: '2026-06-14' }, today)).toBe(true);
    expect(isGapOverdue({ status: 'partial', dueDate: '2026-01-01' }, today)).toBe(true);
  });
  it('is not due yet on its closing date or later', () => {
    expect(isGapOverdue({ status: 'not_compliant', dueDate: '2026-06-15' }, today)).toBe(false);
    expect(isGapOverdue({ status: 'partial', dueDate: null }, today)).toBe(false);
  });
  it('is never a met or not applicable standard, whatever its date', () => {
    expect(isGapOverdue({ status: 'compliant', dueDate: '2020-01-01' }, today)).toBe(false);
    expect(isGapOverdue({ status: 'not_applicable', dueDate: '2020-01-01' }, today)).toBe(false);
    expect(isGapOverdue({ status: null, dueDate: '2020-01-01' }, today)).toBe(false);
  });
});
