import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_POINTS_HOURS, deriveMtpd, impactCurveProblems, mtpdOfAnswers, objectiveProblems, staffNeedSteps, staffingProblems, timePointProblems, type ImpactCurve } from './bia.js';

const T = DEFAULT_TIME_POINTS_HOURS; // 4, 24, 72, 168, 720
const curve = (ratings: Record<string, number[]>): ImpactCurve => ({ timePointsHours: T, ratings });

describe('deriveMtpd', () => {
  it('is the first time point where one dimension reaches the intolerable level', () => {
    expect(deriveMtpd(curve({ mandate_delivery: [1, 2, 3, 4, 5], safety: [1, 1, 1, 1, 1] }), 4)).toBe(168);
    expect(deriveMtpd(curve({ financial: [2, 5, 5, 5, 5] }), 5)).toBe(24);
  });
  it('takes the earliest dimension, not the first listed', () => {
    expect(deriveMtpd(curve({ mandate_delivery: [1, 1, 3, 3, 3], legal: [1, 3, 3, 3, 3] }), 3)).toBe(24);
  });
  it('can be the first time point', () => expect(deriveMtpd(curve({ safety: [4, 4, 4, 4, 4] }), 4)).toBe(4));
  it('counts exceeding the level, not only reaching it', () => expect(deriveMtpd(curve({ safety: [1, 2, 5, 5, 5] }), 4)).toBe(72));
  it('is undefined when nothing ever becomes intolerable', () => {
    expect(deriveMtpd(curve({ mandate_delivery: [1, 2, 3, 3, 3], reputational: [1, 1, 2, 3, 3] }), 4)).toBeUndefined();
    expect(deriveMtpd(curve({}), 1)).toBeUndefined();
  });
  it('follows custom time points', () => {
    expect(deriveMtpd({ timePointsHours: [1, 2, 8], ratings: { financial: [1, 3, 5] } }, 3)).toBe(2);
  });
});

describe('validation', () => {
  it('names ratings outside the scale', () => {
    expect(impactCurveProblems(curve({ safety: [0, 2, 6, 2.5, 5] }))).toEqual({
      'ratings.safety.0': 'Must be an integer from 1 to 5',
      'ratings.safety.2': 'Must be an integer from 1 to 5',
      'ratings.safety.3': 'Must be an integer from 1 to 5',
    });
    expect(impactCurveProblems(curve({ safety: [1, 2, 3, 4, 5] }))).toEqual({});
  });
  it('names unknown dimensions and short rows, with a prefix', () => {
    expect(impactCurveProblems(curve({ weather: [1, 1, 1, 1, 1], legal: [1, 2] }), undefined, undefined, 'impact.')).toEqual({
      'impact.ratings.weather': 'Unknown impact dimension; one of mandate_delivery, safety, financial, reputational, legal',
      'impact.ratings.legal': 'One rating per time point (5)',
    });
  });
  it('names non-monotonic and non-positive time points', () => {
    expect(timePointProblems([4, 24, 24, 12])).toEqual({
      'timePointsHours.2': 'Must be later than the previous time point (24 h)',
      'timePointsHours.3': 'Must be later than the previous time point (24 h)',
    });
    expect(timePointProblems([0, 4])).toEqual({ 'timePointsHours.0': 'Must be a positive number of hours' });
    expect(timePointProblems([])).toEqual({ timePointsHours: 'At least one time point' });
    expect(timePointProblems(T)).toEqual({});
  });
  it('rejects RTO > MTPD and a negative RPO, by field', () => {
    expect(objectiveProblems({ mtpdHours: 24, rtoHours: 48, rpoHours: -1 })).toEqual({
      rtoHours: 'RTO (48 h) must not exceed the MTPD (24 h)',
      rpoHours: 'Must be zero or a positive number of hours',
    });
    expect(objectiveProblems({ mtpdHours: 24, rtoHours: 24, rpoHours: 0 })).toEqual({});
    expect(objectiveProblems({ rtoHours: 48 })).toEqual({}); // no MTPD yet: nothing to compare
    expect(objectiveProblems({ mtpdHours: Number.NaN }, 'p.')).toEqual({ 'p.mtpdHours': 'Must be zero or a positive number of hours' });
  });
});

describe('answers in progress', () => {
  it('derives the MTPD with unanswered cells counted as tolerable', () => {
    expect(mtpdOfAnswers(T, { financial: [2, null, 4, null, null] }, 4)).toBe(72);
    expect(mtpdOfAnswers(T, { financial: [null, null, null, null, null] }, 4)).toBeNull();
    expect(mtpdOfAnswers(T, { financial: [1, 2, 3, 3, 3], safety: [1, 5, null, null, null] }, 5)).toBe(24);
  });
  it('checks staffing against the head count, one whole number per time point', () => {
    expect(staffingProblems(T, { staffCount: 10, minimumStaff: 3, minimumStaffOverTime: [3, 5, null, 10, 10] })).toEqual({});
    expect(staffingProblems(T, { staffCount: 10, minimumStaff: 11, minimumStaffOverTime: [3, 12, -1, 2.5, 1, 1] })).toEqual({
      minimumStaff: 'Must not exceed the staff count (10)',
      minimumStaffOverTime: 'One value per time point (5)',
      'minimumStaffOverTime.1': 'Must not exceed the staff count (10)',
      'minimumStaffOverTime.2': 'Must be a whole number, zero or more',
      'minimumStaffOverTime.3': 'Must be a whole number, zero or more',
    });
  });
  it('turns the minimum over time into rising steps from the minimum to keep running', () => {
    expect(staffNeedSteps(T, 2, [2, 4, 3, 6, null])).toEqual([{ fromHours: 0, staff: 2 }, { fromHours: 24, staff: 4 }, { fromHours: 168, staff: 6 }]);
    expect(staffNeedSteps(T, null, [null, 3])).toEqual([{ fromHours: 24, staff: 3 }]);
    expect(staffNeedSteps(T, null, [])).toEqual([]);
  });
});
