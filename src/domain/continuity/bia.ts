/**
 * Business impact analysis (DOMAIN §5): how badly a disruption of a process hurts on each impact
 * dimension as time passes, and the objectives derived from it. MTPD is read off the curve (the
 * first time point where any dimension becomes intolerable) so it cannot drift from the ratings;
 * RTO and RPO are set by the process owner and checked against it.
 */

/** Field errors keyed by the path of the offending field (empty when the input is usable). */
export type FieldErrors = Record<string, string>;

export interface ImpactLevel { value: number; label: string }

/** An ordinal impact scale: values 1..n, higher is worse. */
export interface ImpactScale { levels: ImpactLevel[] }

export const DEFAULT_IMPACT_SCALE: ImpactScale = {
  levels: ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'].map((label, i) => ({ value: i + 1, label })),
};

/** Impact dimensions offered by default; organizations may configure their own list. */
export const DEFAULT_IMPACT_DIMENSIONS: readonly string[] = ['mandate_delivery', 'safety', 'financial', 'reputational', 'legal'];

export const HOURS = { day: 24, week: 168, month: 720 } as const;

/** Default time points of a BIA: 4 h, 1 d, 3 d, 1 w, 1 m — in hours, the unit used everywhere here. */
export const DEFAULT_TIME_POINTS_HOURS: readonly number[] = [4, HOURS.day, 3 * HOURS.day, HOURS.week, HOURS.month];

/**
 * Impact ratings over time: `ratings[dimension][i]` is the rating `timePointsHours[i]` hours after
 * the disruption starts. A service fills it from (dimension, time point, rating) rows.
 */
export interface ImpactCurve {
  timePointsHours: readonly number[];
  ratings: Readonly<Record<string, readonly number[]>>;
}

/**
 * The maximum tolerable period of disruption: the first time point (hours) at which any dimension
 * reaches `intolerableLevel`; undefined when no rating ever does (the process tolerates the whole
 * horizon of the analysis). Assumes a valid curve (see impactCurveProblems).
 */
export function deriveMtpd(curve: ImpactCurve, intolerableLevel: number): number | undefined {
  const ratings = Object.values(curve.ratings);
  for (let i = 0; i < curve.timePointsHours.length; i++) {
    if (ratings.some((r) => (r[i] ?? -Infinity) >= intolerableLevel)) return curve.timePointsHours[i];
  }
  return undefined;
}

/** Errors in a list of time points: finite, positive, strictly increasing. */
export function timePointProblems(hours: readonly number[], prefix = 'timePointsHours'): FieldErrors {
  const out: FieldErrors = {};
  if (hours.length === 0) out[prefix] = 'At least one time point';
  hours.forEach((h, i) => {
    if (!Number.isFinite(h) || h <= 0) out[`${prefix}.${i}`] = 'Must be a positive number of hours';
    else if (i > 0 && !(h > hours[i - 1]!)) out[`${prefix}.${i}`] = `Must be later than the previous time point (${hours[i - 1]} h)`;
  });
  return out;
}

/**
 * Errors in an impact curve: bad time points, a dimension outside the configured list, a rating
 * row of the wrong length, or a rating that is not a whole value of the scale.
 */
export function impactCurveProblems(
  curve: ImpactCurve,
  scale: ImpactScale = DEFAULT_IMPACT_SCALE,
  dimensions: readonly string[] = DEFAULT_IMPACT_DIMENSIONS,
  prefix = '',
): FieldErrors {
  const out = timePointProblems(curve.timePointsHours, `${prefix}timePointsHours`);
  const max = scale.levels.length;
  for (const [dim, row] of Object.entries(curve.ratings)) {
    const key = `${prefix}ratings.${dim}`;
    if (!dimensions.includes(dim)) { out[key] = `Unknown impact dimension; one of ${dimensions.join(', ')}`; continue; }
    if (row.length !== curve.timePointsHours.length) out[key] = `One rating per time point (${curve.timePointsHours.length})`;
    row.forEach((r, i) => {
      if (!Number.isInteger(r) || r < 1 || r > max) out[`${key}.${i}`] = `Must be an integer from 1 to ${max}`;
    });
  }
  return out;
}

/** The recovery objectives of a process, in hours from the start of a disruption. */
export interface RecoveryObjectives { mtpdHours?: number; rtoHours?: number; rpoHours?: number }

/** Errors in objectives: non-negative hours, and RTO ≤ MTPD (recovery must come before the intolerable point). */
export function objectiveProblems(o: RecoveryObjectives, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  const hours = (field: keyof RecoveryObjectives) => {
    const v = o[field];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) out[`${prefix}${field}`] = 'Must be zero or a positive number of hours';
  };
  hours('mtpdHours');
  hours('rtoHours');
  hours('rpoHours');
  if (!out[`${prefix}rtoHours`] && !out[`${prefix}mtpdHours`] && o.rtoHours !== undefined && o.mtpdHours !== undefined && o.rtoHours > o.mtpdHours) {
    out[`${prefix}rtoHours`] = `RTO (${o.rtoHours} h) must not exceed the MTPD (${o.mtpdHours} h)`;
  }
  return out;
}

/** Ratings as a questionnaire holds them while it is filled in: null = not answered yet. */
export type PartialImpactRatings = Readonly<Record<string, readonly (number | null)[]>>;

/**
 * The MTPD of answers that may still be incomplete: unanswered cells count as tolerable, so the
 * MTPD can only move earlier as the owner rates more. The server stores it and the questionnaire
 * page shows it live from this one function. Null when nothing is intolerable (yet).
 */
export function mtpdOfAnswers(timePointsHours: readonly number[], ratings: PartialImpactRatings, intolerableLevel: number): number | null {
  const filled = Object.fromEntries(Object.entries(ratings).map(([d, row]) => [d, row.map((r) => r ?? -Infinity)]));
  return deriveMtpd({ timePointsHours, ratings: filled }, intolerableLevel) ?? null;
}

/** Staffing of a process: head count, the minimum to keep it running, and the minimum needed at each time point. */
export interface StaffingAnswers {
  staffCount: number | null;
  minimumStaff: number | null;
  /** One entry per time point of the BIA (null: not answered). */
  minimumStaffOverTime: readonly (number | null)[];
}

/** Errors in staffing: no minimum above the head count; the minimum over time has one whole number per time point. */
export function staffingProblems(timePointsHours: readonly number[], s: StaffingAnswers): FieldErrors {
  const out: FieldErrors = {};
  const count = s.staffCount;
  if (s.minimumStaff !== null && count !== null && s.minimumStaff > count) out.minimumStaff = `Must not exceed the staff count (${count})`;
  if (s.minimumStaffOverTime.length > timePointsHours.length) out.minimumStaffOverTime = `One value per time point (${timePointsHours.length})`;
  s.minimumStaffOverTime.forEach((v, i) => {
    const key = `minimumStaffOverTime.${i}`;
    if (v === null) return;
    if (!Number.isInteger(v) || v < 0) out[key] = 'Must be a whole number, zero or more';
    else if (count !== null && v > count) out[key] = `Must not exceed the staff count (${count})`;
  });
  return out;
}

/**
 * The staff a process needs from each time point on, as the simulation reads it: the minimum to
 * keep running from the start, raised by the minimum given at each later time point. Steps are
 * in time order and only rise. Empty when nothing is known.
 */
export function staffNeedSteps(timePointsHours: readonly number[], minimumStaff: number | null, overTime: readonly (number | null)[]): { fromHours: number; staff: number }[] {
  const steps: { fromHours: number; staff: number }[] = [];
  let need = minimumStaff ?? 0;
  if (minimumStaff !== null) steps.push({ fromHours: 0, staff: minimumStaff });
  overTime.forEach((v, i) => {
    const at = timePointsHours[i];
    if (v === null || at === undefined || v <= need) return;
    need = v;
    steps.push({ fromHours: at, staff: v });
  });
  return steps;
}
