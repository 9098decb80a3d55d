import { allows, allowsSomewhere, scopeFilter, type Principal, type RightsTable } from '../../domain/access.js';

/**
 * Travel area authorization (DOMAIN §4, TRIP).
 * - Everyone files, edits, submits and cancels their own travel requests and reports where they
 *   are (self-service; the account must be linked to a person).
 * - Administrators file and manage requests for the people of their scope.
 * - A leg is cleared only by a security adviser whose scope covers the leg's destination duty
 *   station — the destination's security focal point — and never by the traveller or by whoever
 *   filed the request.
 * - Trips and whereabouts are read within scope: for the traveller's entity or home duty station,
 *   or for a destination (a station's security adviser sees who is coming and who is there).
 */
export type TravelAction = 'trip.manage' | 'trip.read' | 'clearance.decide' | 'whereabouts.read' | 'whereabouts.write';

export const TRAVEL_RIGHTS: RightsTable<TravelAction> = {
  system_admin: ['trip.manage', 'trip.read', 'whereabouts.read', 'whereabouts.write'],
  entity_admin: ['trip.manage', 'trip.read', 'whereabouts.read', 'whereabouts.write'],
  orms_focal_point: ['trip.read', 'whereabouts.read'],
  bc_coordinator: [],
  security_adviser: ['trip.read', 'clearance.decide', 'whereabouts.read', 'whereabouts.write'],
  crisis_team_member: ['trip.read', 'whereabouts.read'],
  staff: [],
  viewer: ['trip.read', 'whereabouts.read'],
};

export interface Traveller { id: string; entityId: string | null; homeLocationId: string | null }

export const isSelf = (p: Principal, personId: string): boolean => !!p.personId && p.personId === personId;
const onPerson = (p: Principal, action: TravelAction, t: Traveller) => allows(p, TRAVEL_RIGHTS, action, { entityId: t.entityId, locationId: t.homeLocationId });

/** File a request for, or change a request of, this traveller. */
export const canManageTrip = (p: Principal, t: Traveller): boolean => isSelf(p, t.id) || onPerson(p, 'trip.manage', t);

/** Read a request: the traveller's own, within scope of the traveller, or of one of its destinations. */
export const canReadTrip = (p: Principal, t: Traveller, destinationIds: readonly string[]): boolean =>
  canManageTrip(p, t) || onPerson(p, 'trip.read', t) || destinationIds.some((locationId) => allows(p, TRAVEL_RIGHTS, 'trip.read', { locationId }));

export type ClearanceRefusal = 'role' | 'own' | 'filed';

/** Why this user may not clear a leg to this destination, or null when they may. */
export function clearanceRefusal(p: Principal, trip: { personId: string; filedBy: string }, destinationId: string): ClearanceRefusal | null {
  if (!allows(p, TRAVEL_RIGHTS, 'clearance.decide', { locationId: destinationId })) return 'role';
  if (isSelf(p, trip.personId)) return 'own';
  if (trip.filedBy === p.userId) return 'filed';
  return null;
}

/** See where this person is: themselves, within scope of the person, or of the place they are at. */
export const canReadWhereabouts = (p: Principal, t: Traveller, currentLocationId: string | null): boolean =>
  isSelf(p, t.id) || onPerson(p, 'whereabouts.read', t) || (!!currentLocationId && allows(p, TRAVEL_RIGHTS, 'whereabouts.read', { locationId: currentLocationId }));

export const canWriteWhereabouts = (p: Principal, t: Traveller): boolean => isSelf(p, t.id) || onPerson(p, 'whereabouts.write', t);

export const travelScope = (p: Principal, action: TravelAction) => scopeFilter(p, TRAVEL_RIGHTS, action);
export const mayAnywhere = (p: Principal, action: TravelAction) => allowsSomewhere(p, TRAVEL_RIGHTS, action);
