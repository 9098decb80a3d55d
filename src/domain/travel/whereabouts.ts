/**
 * Where a person is on a given day — the one rule, used by audience resolution (who an alert for
 * a place reaches), the travellers board and the person's page.
 *
 *  1. A self-reported location counts while it is recent (reported on that day or up to
 *     SELF_REPORT_DAYS − 1 days before) and no trip leg has started since it was reported:
 *     the latest information wins.
 *  2. Otherwise, a leg of a submitted or cleared trip covering the day puts the traveller at the
 *     leg's destination (on a day of travel between two legs, at the later leg's destination).
 *  3. Otherwise the person is at their home duty station.
 */
export const SELF_REPORT_DAYS = 14;

/** A day at a destination, from a leg of a trip that places the traveller (see LOCATING_STATUSES). */
export interface Stay { tripId: string; locationId: string; from: string; until: string }
export interface SelfReport { locationId: string | null; latitude: number | null; longitude: number | null; reportedAt: string; note?: string | null }

export type Whereabouts =
  | { source: 'self'; locationId: string | null; latitude: number | null; longitude: number | null; reportedAt: string; note: string | null }
  | { source: 'trip'; locationId: string; tripId: string; from: string; until: string }
  | { source: 'home'; locationId: string | null };

export interface WhereaboutsInput { homeLocationId: string | null; stays: readonly Stay[]; selfReport?: SelfReport | null | undefined }

const DAY_MS = 86_400_000;
/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
/** The day `n` days after `day`. */
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** The earliest day whose data can matter on `on`: older stays and reports never count. */
export const lookbackStart = (on: string): string => addDays(on, -(SELF_REPORT_DAYS - 1));

export function whereabouts(p: WhereaboutsInput, on: string): Whereabouts {
  let covering: Stay | undefined;
  let latestStart: string | undefined;
  for (const s of p.stays) {
    if (s.from > on) continue;
    if (!latestStart || s.from > latestStart) latestStart = s.from;
    if (s.until >= on && (!covering || s.from > covering.from || (s.from === covering.from && s.until > covering.until))) covering = s;
  }
  const r = p.selfReport;
  if (r) {
    const day = r.reportedAt.slice(0, 10);
    const age = daysBetween(day, on);
    if (age >= 0 && age < SELF_REPORT_DAYS && (!latestStart || day >= latestStart)) {
      return { source: 'self', locationId: r.locationId, latitude: r.latitude, longitude: r.longitude, reportedAt: r.reportedAt, note: r.note ?? null };
    }
  }
  if (covering) return { source: 'trip', locationId: covering.locationId, tripId: covering.tripId, from: covering.from, until: covering.until };
  return { source: 'home', locationId: p.homeLocationId };
}

/** Great-circle distance in km (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

/** A report by coordinates alone is taken to be at the nearest duty station this close, so place rules reach the person. */
export const NEAR_STATION_KM = 50;

/** The duty station nearest to a point, if one lies within `maxKm`. */
export function nearestStation<T extends { latitude: number | null; longitude: number | null }>(stations: readonly T[], latitude: number, longitude: number, maxKm = NEAR_STATION_KM): T | undefined {
  let best: T | undefined;
  let bestKm = maxKm;
  for (const s of stations) {
    if (s.latitude === null || s.longitude === null) continue;
    const km = distanceKm(latitude, longitude, s.latitude, s.longitude);
    if (km <= bestKm) { best = s; bestKm = km; }
  }
  return best;
}

/** The point a person is at: reported coordinates, else their location's. */
export function positionOf(w: Whereabouts, locationPoint: (id: string) => { latitude: number | null; longitude: number | null } | undefined): { latitude: number; longitude: number } | null {
  if (w.source === 'self' && w.latitude !== null && w.longitude !== null) return { latitude: w.latitude, longitude: w.longitude };
  if (!w.locationId) return null;
  const p = locationPoint(w.locationId);
  return p && p.latitude !== null && p.longitude !== null ? { latitude: p.latitude, longitude: p.longitude } : null;
}
