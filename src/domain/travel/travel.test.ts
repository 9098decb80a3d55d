import { describe, expect, it } from 'vitest';
import { clearanceOnSubmit, itineraryProblems, statusFromClearances, tripSpan, type LegInput } from './itinerary.js';
import { addDays, daysBetween, distanceKm, lookbackStart, nearestStation, positionOf, SELF_REPORT_DAYS, whereabouts, type Stay } from './whereabouts.js';

const leg = (fromId: string, toId: string, departOn: string, leaveOn: string): LegInput => ({ fromId, toId, departOn, leaveOn });

describe('itinerary rules', () => {
  it('accepts legs in order, a new leg starting on the day the previous one ends', () => {
    expect(itineraryProblems([leg('NBO', 'MOG', '2026-03-01', '2026-03-05'), leg('MOG', 'HGA', '2026-03-05', '2026-03-08'), leg('HGA', 'NBO', '2026-03-08', '2026-03-08')])).toEqual({});
  });

  it('names the field of each problem', () => {
    expect(itineraryProblems([])).toEqual({ legs: 'Give at least one leg' });
    expect(itineraryProblems([leg('NBO', 'MOG', '2026-03-05', '2026-03-01')])).toEqual({ 'legs.0.leaveOn': 'Must be on or after the departure (2026-03-05)' });
    expect(itineraryProblems([leg('NBO', 'NBO', '2026-03-01', '2026-03-02')])).toEqual({ 'legs.0.toId': 'The destination is the place of departure' });
    // Overlapping: leg 2 leaves before leg 1 ends; and it does not start where leg 1 arrived.
    expect(itineraryProblems([leg('NBO', 'MOG', '2026-03-01', '2026-03-05'), leg('GVA', 'HGA', '2026-03-04', '2026-03-08')])).toEqual({
      'legs.1.departOn': 'Overlaps leg 1, which ends on 2026-03-05',
      'legs.1.fromId': 'Must be where leg 1 arrives',
    });
    // Legs given in the wrong order overlap too.
    expect(Object.keys(itineraryProblems([leg('NBO', 'MOG', '2026-03-10', '2026-03-12'), leg('MOG', 'NBO', '2026-03-01', '2026-03-02')]))).toEqual(['legs.1.departOn']);
    expect(itineraryProblems(Array.from({ length: 21 }, (_, i) => leg(`P${i}`, `P${i + 1}`, '2026-03-01', '2026-03-01'))).legs).toBe('At most 20 legs');
  });

  it('spans the trip from the first departure to the last day away', () => {
    expect(tripSpan([leg('A', 'B', '2026-03-01', '2026-03-05'), leg('B', 'C', '2026-03-05', '2026-03-09')])).toEqual({ startOn: '2026-03-01', endOn: '2026-03-09' });
  });

  it('needs clearance for every destination but the traveller\'s own duty station, and decides the request from its legs', () => {
    expect(clearanceOnSubmit('MOG', 'NBO')).toBe('pending');
    expect(clearanceOnSubmit('NBO', 'NBO')).toBe('not_required');
    expect(statusFromClearances(['approved', 'pending'])).toBe('submitted');
    expect(statusFromClearances(['approved', 'not_required'])).toBe('cleared');
    expect(statusFromClearances(['approved', 'rejected', 'pending'])).toBe('rejected');
  });
});

describe('where a person is on a day', () => {
  const trip: Stay[] = [
    { tripId: 't1', locationId: 'MOG', from: '2026-03-01', until: '2026-03-05' },
    { tripId: 't1', locationId: 'HGA', from: '2026-03-05', until: '2026-03-08' },
  ];
  const home = { homeLocationId: 'NBO', stays: trip };

  it('is at home before and after a trip, at the destination during a leg', () => {
    expect(whereabouts(home, '2026-02-28')).toEqual({ source: 'home', locationId: 'NBO' });
    expect(whereabouts(home, '2026-03-02')).toMatchObject({ source: 'trip', locationId: 'MOG', tripId: 't1' });
    expect(whereabouts(home, '2026-03-05')).toMatchObject({ source: 'trip', locationId: 'HGA' }); // day of travel: the later leg
    expect(whereabouts(home, '2026-03-08')).toMatchObject({ source: 'trip', locationId: 'HGA' });
    expect(whereabouts(home, '2026-03-09')).toEqual({ source: 'home', locationId: 'NBO' });
  });

  it('takes a recent self-report unless a leg has started since', () => {
    const report = { locationId: 'GVA', latitude: null, longitude: null, reportedAt: '2026-02-20T08:00:00.000Z' };
    expect(whereabouts({ ...home, selfReport: report }, '2026-02-20')).toMatchObject({ source: 'self', locationId: 'GVA' });
    expect(whereabouts({ ...home, selfReport: report }, '2026-02-28')).toMatchObject({ source: 'self', locationId: 'GVA' });
    expect(whereabouts({ ...home, selfReport: report }, '2026-03-02')).toMatchObject({ source: 'trip', locationId: 'MOG' }); // the trip is newer
    // Reported during the trip (e.g. evacuated to Nairobi): the report is newer than the leg.
    const during = { locationId: 'NBO', latitude: -1.3, longitude: 36.8, reportedAt: '2026-03-03T10:00:00.000Z', note: 'Relocated' };
    expect(whereabouts({ ...home, selfReport: during }, '2026-03-04')).toEqual({ source: 'self', locationId: 'NBO', latitude: -1.3, longitude: 36.8, reportedAt: during.reportedAt, note: 'Relocated' });
    // …until the next leg starts.
    expect(whereabouts({ ...home, selfReport: during }, '2026-03-06')).toMatchObject({ source: 'trip', locationId: 'HGA' });
  });

  it('forgets a self-report after SELF_REPORT_DAYS, and ignores one made after the day asked about', () => {
    const report = { locationId: 'GVA', latitude: null, longitude: null, reportedAt: '2026-01-01T23:59:00.000Z' };
    const alone = { homeLocationId: 'NBO', stays: [], selfReport: report };
    expect(whereabouts(alone, addDays('2026-01-01', SELF_REPORT_DAYS - 1)).source).toBe('self');
    expect(whereabouts(alone, addDays('2026-01-01', SELF_REPORT_DAYS))).toEqual({ source: 'home', locationId: 'NBO' });
    expect(whereabouts(alone, '2025-12-31')).toEqual({ source: 'home', locationId: 'NBO' });
  });

  it('gives the point a person is at', () => {
    const points = (id: string) => ({ MOG: { latitude: 2.04, longitude: 45.34 }, NBO: { latitude: null, longitude: null } } as Record<string, { latitude: number | null; longitude: number | null }>)[id];
    expect(positionOf({ source: 'trip', locationId: 'MOG', tripId: 't', from: '', until: '' }, points)).toEqual({ latitude: 2.04, longitude: 45.34 });
    expect(positionOf({ source: 'self', locationId: null, latitude: 1, longitude: 2, reportedAt: '', note: null }, points)).toEqual({ latitude: 1, longitude: 2 });
    expect(positionOf({ source: 'home', locationId: 'NBO' }, points)).toBeNull();
  });

  it('finds the duty station a reported point is at', () => {
    const stations = [{ id: 'NBO', latitude: -1.2335, longitude: 36.8125 }, { id: 'MOG', latitude: 2.04, longitude: 45.34 }, { id: 'X', latitude: null, longitude: null }];
    expect(nearestStation(stations, -1.3, 36.9)?.id).toBe('NBO');
    expect(nearestStation(stations, 2.0, 45.3)?.id).toBe('MOG');
    expect(nearestStation(stations, 0.5, 40)).toBeUndefined(); // in the field, far from both
  });

  it('counts days and distances', () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(lookbackStart('2026-03-14')).toBe('2026-03-01');
    expect(distanceKm(-1.286, 36.817, 2.046, 45.318)).toBeGreaterThan(1000);
    expect(distanceKm(-1.286, 36.817, 2.046, 45.318)).toBeLessThan(1030); // Nairobi–Mogadishu ≈ 1,015 km
  });
});
