import { DEFAULT_IMPACT_DIMENSIONS, impactCurveProblems, mtpdOfAnswers, objectiveProblems, staffingProblems, type FieldErrors } from '../../domain/continuity/bia.js';

/**
 * The BIA questionnaire of one process on top of the domain rules: answers may be partial while
 * the owner works through it (null = not answered), MTPD is read off the answered curve, and the
 * progress counts answered items of the required sections.
 */
export type ImpactRatings = Record<string, (number | null)[]>;

export interface Answers {
  impactRatings: ImpactRatings;
  rtoHours: number | null;
  rpoHours: number | null;
  minimumStaff: number | null;
  staffCount: number | null;
  remoteWork: string | null;
  minimumStaffOverTime: (number | null)[];
}

/** Errors in the ratings (unknown dimension, wrong length, off the 1–5 scale), keyed impactRatings.<dimension>[.<i>]. */
export function ratingProblems(timePointsHours: readonly number[], ratings: ImpactRatings): FieldErrors {
  // Unanswered cells are valid while the questionnaire is in progress: check them as the lowest level.
  const filled = Object.fromEntries(Object.entries(ratings).map(([d, row]) => [d, row.map((r) => r ?? 1)]));
  const out: FieldErrors = {};
  for (const [key, msg] of Object.entries(impactCurveProblems({ timePointsHours, ratings: filled }))) out[key.replace(/^ratings\./, 'impactRatings.')] = msg;
  return out;
}

export const mtpdOf = (timePointsHours: readonly number[], ratings: ImpactRatings, intolerableLevel: number): number | null =>
  mtpdOfAnswers(timePointsHours, ratings, intolerableLevel);

/** Minimum staff ≤ staff count, and the minimum over time one whole number per time point. */
export const staffProblems = (timePointsHours: readonly number[], a: Pick<Answers, 'minimumStaff' | 'staffCount' | 'minimumStaffOverTime'>): FieldErrors =>
  staffingProblems(timePointsHours, a);

/** RPO ≥ 0, RTO ≥ 0 and RTO ≤ MTPD (errors on rtoHours / rpoHours). */
export const objectivesProblems = (mtpdHours: number | null, a: Pick<Answers, 'rtoHours' | 'rpoHours'>): FieldErrors =>
  objectiveProblems({ mtpdHours: mtpdHours ?? undefined, rtoHours: a.rtoHours ?? undefined, rpoHours: a.rpoHours ?? undefined });

export const SECTIONS = ['impacts', 'objectives', 'staffing'] as const;

export function progressOf(timePointsHours: readonly number[], a: Answers): { progress: number; incomplete: string[] } {
  const cells = DEFAULT_IMPACT_DIMENSIONS.length * timePointsHours.length;
  let ratedCells = 0;
  for (const d of DEFAULT_IMPACT_DIMENSIONS) for (const r of a.impactRatings[d] ?? []) if (r !== null && r !== undefined) ratedCells++;
  const objectives = [a.rtoHours, a.rpoHours].filter((x) => x !== null).length;
  const staffing = [a.minimumStaff, a.staffCount, a.remoteWork].filter((x) => x !== null).length;
  const incomplete: string[] = [];
  if (ratedCells < cells) incomplete.push('impacts');
  if (objectives < 2) incomplete.push('objectives');
  if (staffing < 3) incomplete.push('staffing');
  return { progress: Math.floor((100 * (ratedCells + objectives + staffing)) / (cells + 5)), incomplete };
}
