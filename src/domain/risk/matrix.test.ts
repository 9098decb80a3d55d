import { describe, expect, it } from 'vitest';
import { DEFAULT_MATRIX, levelOf, matrixProblems, ratingProblems, type RiskMatrix } from './matrix.js';

describe('the default 5×5 matrix', () => {
  it('is valid', () => expect(matrixProblems(DEFAULT_MATRIX)).toEqual({}));
  it('rates the corners and the centre', () => {
    expect(levelOf(DEFAULT_MATRIX, { likelihood: 1, impact: 1 }).key).toBe('very_low');
    expect(levelOf(DEFAULT_MATRIX, { likelihood: 5, impact: 5 }).key).toBe('unacceptable');
    expect(levelOf(DEFAULT_MATRIX, { likelihood: 3, impact: 3 }).key).toBe('medium');
    expect(levelOf(DEFAULT_MATRIX, { likelihood: 5, impact: 1 }).key).toBe('low');
    expect(levelOf(DEFAULT_MATRIX, { likelihood: 1, impact: 5 }).key).toBe('low');
  });
  it('never rates a likelier or worse event lower', () => {
    const rank = (l: number, i: number) => DEFAULT_MATRIX.levels.findIndex((x) => x.key === levelOf(DEFAULT_MATRIX, { likelihood: l, impact: i }).key);
    for (let l = 1; l <= 5; l++) for (let i = 1; i <= 5; i++) {
      if (l < 5) expect(rank(l + 1, i)).toBeGreaterThanOrEqual(rank(l, i));
      if (i < 5) expect(rank(l, i + 1)).toBeGreaterThanOrEqual(rank(l, i));
    }
  });
});

describe('ratings outside the matrix', () => {
  it('name the field', () => {
    expect(ratingProblems(DEFAULT_MATRIX, { likelihood: 6, impact: 0 })).toEqual({ likelihood: 'Must be an integer from 1 to 5', impact: 'Must be an integer from 1 to 5' });
    expect(ratingProblems(DEFAULT_MATRIX, { likelihood: 2.5, impact: 3 }, 'inherent.')).toEqual({ 'inherent.likelihood': 'Must be an integer from 1 to 5' });
    expect(ratingProblems(DEFAULT_MATRIX, { likelihood: 2, impact: 3 })).toEqual({});
  });
  it('cannot be rated', () => expect(() => levelOf(DEFAULT_MATRIX, { likelihood: 0, impact: 1 })).toThrow(RangeError));
});

describe('a custom matrix', () => {
  const three: RiskMatrix = {
    likelihoods: [{ value: 1, label: 'Rare' }, { value: 2, label: 'Possible' }, { value: 3, label: 'Frequent' }],
    impacts: [{ value: 1, label: 'Low' }, { value: 2, label: 'High' }, { value: 3, label: 'Severe' }],
    levels: [{ key: 'green', label: 'Green', color: '#00aa00', band: 'low' }, { key: 'red', label: 'Red', color: '#aa0000', band: 'very_high' }],
    cells: [['green', 'green', 'red'], ['green', 'red', 'red'], ['red', 'red', 'red']],
  };
  it('maps its own levels to bands', () => {
    expect(matrixProblems(three)).toEqual({});
    expect(levelOf(three, { likelihood: 2, impact: 2 })).toMatchObject({ key: 'red', band: 'very_high' });
  });
  it('reports each defect by path', () => {
    const bad: RiskMatrix = { ...three, levels: [...three.levels, { key: 'Red!', label: '', color: 'red', band: 'low' }], cells: [['green', 'blue'], ...three.cells.slice(1)] };
    expect(matrixProblems(bad)).toMatchObject({
      'levels.2.key': expect.any(String), 'levels.2.label': 'Required', 'levels.2.color': expect.any(String),
      'cells.0': 'One cell per impact (3)', 'cells.0.1': 'Unknown level blue',
    });
  });
});
