import type { Transaction } from 'kysely';
import type { Database } from '../types.js';
import { insertMany } from '../bulk.js';
import { newId } from '../../domain/ids.js';
import { addDays } from '../../domain/travel/whereabouts.js';

/**
 * Travel for the demo (DOMAIN §4, TRIP), around the day of seeding: missions under way between the
 * duty stations of the source documents (cleared), requests waiting for clearance next week, a
 * draft, and a few staff who reported where they are. The same rows at both scales.
 */
export interface TravelSeedInput {
  stations: { id: string; name: string }[];
  staffByStation: Map<string, string[]>;
  now: string;
}

const MISSIONS: [from: string, to: string, purpose: string, status: 'cleared' | 'submitted' | 'draft', startIn: number, days: number][] = [
  ['Nairobi', 'Addis Ababa', 'African Union liaison meeting', 'cleared', -2, 5],
  ['Geneva', 'Beirut', 'ESCWA programme review', 'cleared', -1, 4],
  ['New York', 'Nairobi', 'UNON business continuity exercise', 'cleared', -3, 6],
  ['Vienna', 'Geneva', 'Inter-agency security management network', 'cleared', 0, 3],
  ['Bangkok', 'Nairobi', 'Regional procurement workshop', 'cleared', -1, 3],
  ['Addis Ababa', 'Beirut', 'Emergency preparedness mission', 'submitted', 6, 7],
  ['Santiago', 'New York', 'ECLAC briefing to Member States', 'submitted', 8, 4],
  ['Rome', 'Addis Ababa', 'Food security assessment', 'submitted', 5, 10],
  ['Geneva', 'Bangkok', 'ESCAP coordination visit', 'draft', 20, 5],
];

export async function seedTravel(trx: Transaction<Database>, s: TravelSeedInput) {
  const day = s.now.slice(0, 10);
  const station = (name: string) => s.stations.find((x) => x.name === name);
  const trips: Database['trips'][] = [];
  const legs: Database['trip_legs'][] = [];
  MISSIONS.forEach(([fromName, toName, purpose, status, startIn, days], i) => {
    const from = station(fromName);
    const to = station(toName);
    const person = from && s.staffByStation.get(from.id)?.[10 + i];
    if (!from || !to || !person) return;
    const departOn = addDays(day, startIn);
    const leaveOn = addDays(departOn, days);
    const id = newId();
    trips.push({ id, person_id: person, filed_by: 'demo', purpose, status, start_on: departOn, end_on: leaveOn, submitted_at: status === 'draft' ? null : s.now, created_at: s.now, updated_at: s.now });
    const cleared = status === 'cleared';
    const leg = { decided_by: null, decided_by_email: cleared ? 'security.adviser@example.org' : null, decided_at: cleared ? s.now : null, comment: cleared ? 'Register with the security office on arrival' : null, level_at_decision: null };
    legs.push({ id: newId(), trip_id: id, seq: 0, from_location_id: from.id, to_location_id: to.id, depart_on: departOn, leave_on: leaveOn, clearance: status === 'draft' ? null : cleared ? 'approved' : 'pending', ...leg });
    legs.push({ id: newId(), trip_id: id, seq: 1, from_location_id: to.id, to_location_id: from.id, depart_on: leaveOn, leave_on: leaveOn, clearance: status === 'draft' ? null : 'not_required', ...leg, decided_by_email: null, decided_at: null, comment: null });
  });
  await insertMany(trx, 'trips', trips);
  await insertMany(trx, 'trip_legs', legs);

  // Staff who said where they are: relocated within the region, or on home leave.
  const reports: Database['person_locations'][] = [];
  for (const [homeName, atName, note] of [['Beirut', 'Geneva', 'Temporarily relocated'], ['Addis Ababa', 'Nairobi', 'Medical appointment'], ['Bangkok', 'Bangkok', 'Back from home leave']] as const) {
    const home = station(homeName);
    const at = station(atName);
    const person = home && s.staffByStation.get(home.id)?.[3];
    if (person && at) reports.push({ id: newId(), person_id: person, location_id: at.id, latitude: null, longitude: null, note, reported_at: s.now, reported_by: 'demo' });
  }
  await insertMany(trx, 'person_locations', reports);
  return { trips: trips.length, selfReports: reports.length };
}
