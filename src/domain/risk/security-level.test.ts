import { describe, expect, it } from 'vitest';
import { isSecurityLevel, proposedAggregate } from './security-level.js';
import { compliancePercent, sumTallies, tally } from './compliance.js';

describe('security levels', () => {
  it('accept only 1 to 6', () => {
    expect([1, 6].every(isSecurityLevel)).toBe(true);
    expect([0, 7, 3.5, '3', null].some(isSecurityLevel)).toBe(false);
  });
  it('propose the highest category level as the aggregate', () => {
    expect(proposedAggregate({ crime: 3, terrorism: 5, hazards: 2 })).toBe(5);
    expect(proposedAggregate({})).toBeUndefined();
  });
});

describe('MOSS compliance', () => {
  it('counts a partial item half and ignores items that do not apply', () => {
    const t = tally(['compliant', 'partial', 'not_compliant', 'not_applicable', 'compliant']);
    expect(t).toEqual({ compliant: 2, partial: 1, notCompliant: 1, applicable: 4 });
    expect(compliancePercent(t)).toBe(62.5);
  });
  it('rolls locations up to a country by items', () => {
    const country = sumTallies([tally(['compliant', 'compliant']), tally(['not_compliant', 'not_compliant', 'not_compliant', 'compliant'])]);
    expect(compliancePercent(country)).toBe(50);
    expect(compliancePercent(tally(['not_applicable']))).toBeUndefined();
  });
});
