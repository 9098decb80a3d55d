import { RISK_BANDS, type RiskBand } from './bands.js';

/**
 * A likelihood × impact risk matrix. Cells name a level; each level belongs to a band, so an
 * organization may label and colour its levels freely while rules (acceptable risk, heat maps)
 * still compare bands. Assessments keep the matrix version they were rated on, so editing a
 * matrix never re-scores the past.
 */
export interface ScalePoint { value: number; label: string }
export interface RiskLevel { key: string; label: string; color: string; band: RiskBand }
export interface RiskMatrix {
  likelihoods: ScalePoint[];
  impacts: ScalePoint[];
  levels: RiskLevel[];
  /** cells[likelihood - 1][impact - 1] is a level key. */
  cells: string[][];
}

const L = (key: RiskBand, label: string, color: string): RiskLevel => ({ key, label, color, band: key });

/** The UN security risk management 5×5 matrix (DOMAIN §4), the default for every assessment. */
export const DEFAULT_MATRIX: RiskMatrix = {
  likelihoods: ['Very unlikely', 'Unlikely', 'Moderately likely', 'Likely', 'Very likely'].map((label, i) => ({ value: i + 1, label })),
  impacts: ['Negligible', 'Minor', 'Moderate', 'Severe', 'Critical'].map((label, i) => ({ value: i + 1, label })),
  levels: [
    L('very_low', 'Very low', '#1a9850'),
    L('low', 'Low', '#91cf60'),
    L('medium', 'Medium', '#fee08b'),
    L('high', 'High', '#fc8d59'),
    L('very_high', 'Very high', '#d73027'),
    L('unacceptable', 'Unacceptable', '#67001f'),
  ],
  cells: [
    ['very_low', 'very_low', 'very_low', 'low', 'low'], // very unlikely
    ['very_low', 'low', 'low', 'medium', 'medium'], // unlikely
    ['very_low', 'low', 'medium', 'high', 'high'], // moderately likely
    ['low', 'medium', 'high', 'high', 'very_high'], // likely
    ['low', 'medium', 'high', 'very_high', 'unacceptable'], // very likely
  ],
};

export interface Rating { likelihood: number; impact: number }

/** Field errors for a rating that does not fit the matrix (empty when it fits). */
export function ratingProblems(m: RiskMatrix, r: Rating, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Number.isInteger(r.likelihood) || r.likelihood < 1 || r.likelihood > m.likelihoods.length) {
    out[`${prefix}likelihood`] = `Must be an integer from 1 to ${m.likelihoods.length}`;
  }
  if (!Number.isInteger(r.impact) || r.impact < 1 || r.impact > m.impacts.length) {
    out[`${prefix}impact`] = `Must be an integer from 1 to ${m.impacts.length}`;
  }
  return out;
}

/** The level of a rating; throws on a rating outside the matrix (validate first with ratingProblems). */
export function levelOf(m: RiskMatrix, r: Rating): RiskLevel {
  const key = m.cells[r.likelihood - 1]?.[r.impact - 1];
  const level = key === undefined ? undefined : m.levels.find((l) => l.key === key);
  if (!level) throw new RangeError(`Rating ${r.likelihood}×${r.impact} is outside the matrix`);
  return level;
}

/** Field errors in a matrix definition (empty when it is usable). */
export function matrixProblems(m: RiskMatrix): Record<string, string> {
  const out: Record<string, string> = {};
  const scale = (name: 'likelihoods' | 'impacts') => {
    const s = m[name];
    if (s.length < 2 || s.length > 10) out[name] = 'Between 2 and 10 points';
    s.forEach((p, i) => {
      if (p.value !== i + 1) out[`${name}.${i}.value`] = `Must be ${i + 1}`;
      if (!p.label.trim()) out[`${name}.${i}.label`] = 'Required';
    });
  };
  scale('likelihoods');
  scale('impacts');
  const keys = new Set<string>();
  m.levels.forEach((l, i) => {
    if (!/^[a-z][a-z0-9_]*$/.test(l.key)) out[`levels.${i}.key`] = 'Lower-case letters, digits and _';
    if (keys.has(l.key)) out[`levels.${i}.key`] = 'Duplicate level';
    keys.add(l.key);
    if (!l.label.trim()) out[`levels.${i}.label`] = 'Required';
    if (!/^#[0-9a-fA-F]{6}$/.test(l.color)) out[`levels.${i}.color`] = 'A colour such as #d73027';
    if (!RISK_BANDS.includes(l.band)) out[`levels.${i}.band`] = `One of ${RISK_BANDS.join(', ')}`;
  });
  if (m.cells.length !== m.likelihoods.length) out.cells = `One row per likelihood (${m.likelihoods.length})`;
  m.cells.forEach((row, i) => {
    if (row.length !== m.impacts.length) out[`cells.${i}`] = `One cell per impact (${m.impacts.length})`;
    row.forEach((k, j) => { if (!keys.has(k)) out[`cells.${i}.${j}`] = `Unknown level ${k}`; });
  });
  return out;
}
