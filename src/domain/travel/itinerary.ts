/**
 * Travel requests and their security clearance, as the UN's TRIP does it (DOMAIN §4, 002 §35):
 * a request holds an itinerary of legs; each leg to a place other than the traveller's own duty
 * station needs the clearance of that destination's security adviser — one decision per
 * destination leg, because each destination's adviser answers only for their own area. The
 * request is cleared when every leg is, and rejected as soon as one leg is.
 */
export const TRIP_STATUSES = ['draft', 'submitted', 'cleared', 'rejected', 'cancelled'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];

export const CLEARANCES = ['not_required', 'pending', 'approved', 'rejected'] as const;
export type Clearance = (typeof CLEARANCES)[number];

/**
 * Trips that place the traveller at their destinations: submitted ones as well as cleared ones.
 * An alert must rather reach someone who may be there than miss someone who is; a rejected or
 * cancelled trip places nobody.
 */
export const LOCATING_STATUSES: readonly TripStatus[] = ['submitted', 'cleared'];

/** A leg: leave `fromId` on `departOn`, stay at `toId` up to and including `leaveOn`. Days are YYYY-MM-DD. */
export interface LegInput { fromId: string; toId: string; departOn: string; leaveOn: string }

export const MAX_LEGS = 20;

/**
 * Field errors of an itinerary that need no database: dates in order within each leg, legs in
 * order without overlapping (a leg may start on the day the previous one ends: that is the day
 * of travel), each leg starting where the previous one arrived, and no leg to where it starts.
 */
export function itineraryProblems(legs: readonly LegInput[], prefix = 'legs'): Record<string, string> {
  const out: Record<string, string> = {};
  if (!legs.length) out[prefix] = 'Give at least one leg';
  if (legs.length > MAX_LEGS) out[prefix] = `At most ${MAX_LEGS} legs`;
  legs.forEach((leg, i) => {
    const at = `${prefix}.${i}`;
    if (leg.toId === leg.fromId) out[`${at}.toId`] = 'The destination is the place of departure';
    if (leg.leaveOn < leg.departOn) out[`${at}.leaveOn`] = `Must be on or after the departure (${leg.departOn})`;
    const prev = legs[i - 1];
    if (!prev) return;
    if (leg.fromId !== prev.toId) out[`${at}.fromId`] = `Must be where leg ${i} arrives`;
    if (leg.departOn < prev.leaveOn) out[`${at}.departOn`] = `Overlaps leg ${i}, which ends on ${prev.leaveOn}`;
  });
  return out;
}

/** First and last day of an itinerary (assumed valid). */
export function tripSpan(legs: readonly Pick<LegInput, 'departOn' | 'leaveOn'>[]): { startOn: string; endOn: string } {
  return { startOn: legs[0]!.departOn, endOn: legs.reduce((max, l) => (l.leaveOn > max ? l.leaveOn : max), legs[0]!.leaveOn) };
}

/** A leg back to the traveller's own duty station needs no clearance. */
export const clearanceOnSubmit = (toId: string, homeLocationId: string | null): Clearance => (toId === homeLocationId ? 'not_required' : 'pending');

/** The request's status once its legs' clearances are known. */
export function statusFromClearances(clearances: readonly (Clearance | null)[]): TripStatus {
  if (clearances.some((c) => c === 'rejected')) return 'rejected';
  if (clearances.every((c) => c === 'approved' || c === 'not_required')) return 'cleared';
  return 'submitted';
}
