import type { Clearance, TripStatus } from '../../../../src/domain/travel/itinerary.js';

/** The travel API's shapes (src/modules/travel/schema.ts). */
export interface Place { id: string; name: string; countryCode: string }
export interface StationLevel { level: number; name: string; areaId: string; areaName: string; effectiveFrom: string }
export interface Leg {
  id: string; seq: number; fromId: string; toId: string; from: Place; to: Place; departOn: string; leaveOn: string;
  clearance: Clearance | null; decidedBy: string | null; decidedAt: string | null; comment: string | null; levelAtDecision: number | null;
  securityLevel: StationLevel | null; canDecide: boolean;
}
export interface Trip {
  id: string; personId: string; traveller: { id: string; givenName: string; familyName: string; entityId: string | null; homeLocationId: string | null };
  filedBy: string; purpose: string; status: TripStatus; startOn: string; endOn: string; submittedAt: string | null; createdAt: string; updatedAt: string;
  legs: Leg[]; can: { edit: boolean; submit: boolean; cancel: boolean };
}
export interface ClearanceItem { trip: Trip; leg: Leg }

export interface WhereaboutsView {
  source: 'self' | 'trip' | 'home'; locationId: string | null; location: Place | null; latitude: number | null; longitude: number | null;
  tripId: string | null; from: string | null; until: string | null; reportedAt: string | null; note: string | null;
}
export interface PersonWhereabouts {
  personId: string; on: string; homeLocationId: string | null; whereabouts: WhereaboutsView;
  lastReport: { locationId: string | null; latitude: number | null; longitude: number | null; note: string | null; reportedAt: string; reportedBy: string | null } | null;
  canReport: boolean;
}
export interface Traveller { personId: string; givenName: string; familyName: string; entityId: string | null; homeLocationId: string | null; whereabouts: WhereaboutsView }
export interface Travellers {
  on: string; travellers: Traveller[]; total: number;
  byStation: { locationId: string; name: string; countryCode: string; latitude: number | null; longitude: number | null; count: number }[];
}
