import { describe, expect, it } from 'vitest';
import { acceptableRisk, evaluateProgrammes } from './acceptable-risk.js';
import type { RiskBand } from './bands.js';

// The table of DOMAIN §4, cell by cell: [residual, PC1, PC2, PC3, PC4, approver].
const TABLE: [RiskBand, boolean, boolean, boolean, boolean, string | null][] = [
  ['unacceptable', false, false, false, false, null],
  ['very_high', true, false, false, false, 'executive_head'],
  ['high', true, true, false, false, 'head_of_entity_or_do'],
  ['medium', true, true, true, false, 'country_management'],
  ['low', true, true, true, true, 'normal_management'],
  ['very_low', true, true, true, true, 'normal_management'],
];

describe('acceptable risk for programme criticality', () => {
  for (const [band, ...rest] of TABLE) {
    const approver = rest[4] as string | null;
    (['PC1', 'PC2', 'PC3', 'PC4'] as const).forEach((pc, i) => {
      const expected = rest[i] as boolean;
      it(`${band} residual risk is ${expected ? '' : 'not '}acceptable for ${pc}`, () => {
        expect(acceptableRisk(band, pc)).toEqual({ acceptable: expected, approver: expected ? approver : null });
      });
    });
  }

  it('uses a configured approver but never changes whether a cell is acceptable', () => {
    expect(acceptableRisk('high', 'PC2', { high: 'executive_head' })).toEqual({ acceptable: true, approver: 'executive_head' });
    expect(acceptableRisk('high', 'PC3', { high: 'executive_head' })).toEqual({ acceptable: false, approver: null });
  });

  it('lists the programmes that must stop or be changed', () => {
    const r = evaluateProgrammes([
      { id: 'food', criticality: 'PC1', residual: 'very_high' },
      { id: 'training', criticality: 'PC4', residual: 'medium' },
      { id: 'survey', criticality: 'PC3', residual: 'high' },
      { id: 'office', criticality: 'PC2', residual: 'low' },
    ]);
    expect(r.unacceptable.map((p) => p.id)).toEqual(['training', 'survey']);
    expect(r.verdicts.find((v) => v.id === 'food')).toMatchObject({ acceptable: true, approver: 'executive_head' });
  });
});
