import { describe, expect, it } from 'vitest';
import { ESCALATION_CONTENT, ESCALATION_NAME_LIMIT, escalationDue, escalationVariables } from './escalation.js';
import { textFor, undefinedVariables } from './template.js';

describe('escalation of non-responders', () => {
  it('is due once the delay has passed, only once, and only for sent messages', () => {
    const m = { status: 'sent', sentAt: '2026-01-01T10:00:00.000Z', escalateAfterMinutes: 30, escalatedAt: null };
    expect(escalationDue(m, new Date('2026-01-01T10:29:59Z'))).toBe(false);
    expect(escalationDue(m, new Date('2026-01-01T10:30:00Z'))).toBe(true);
    expect(escalationDue({ ...m, escalatedAt: '2026-01-01T10:30:01Z' }, new Date('2026-01-01T11:00:00Z'))).toBe(false);
    expect(escalationDue({ ...m, escalateAfterMinutes: null }, new Date('2026-01-02T00:00:00Z'))).toBe(false);
    expect(escalationDue({ ...m, status: 'approved' }, new Date('2026-01-02T00:00:00Z'))).toBe(false);
  });

  it('names the silent people in the warden\'s language, and counts those beyond the limit', () => {
    const names = Array.from({ length: ESCALATION_NAME_LIMIT + 3 }, (_, i) => `Person ${i}`);
    const vars = escalationVariables('Shelter in place', 'Gigiri', names);
    expect(undefinedVariables(ESCALATION_CONTENT, vars)).toEqual({}); // every language's placeholders are filled
    const fr = textFor(ESCALATION_CONTENT, 'fr', vars);
    expect(fr.subject).toBe(`Sans réponse : ${names.length} à Gigiri — Shelter in place`);
    expect(fr.body).toContain('- Person 0\n- Person 1');
    expect(fr.body).not.toContain(`Person ${ESCALATION_NAME_LIMIT}`);
    expect(fr.body).toMatch(/\(\+3\)$/);
    expect(Object.keys(ESCALATION_CONTENT).sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
  });
});
