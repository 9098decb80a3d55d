import { z } from 'zod';
import { CLEARANCES, MAX_LEGS, TRIP_STATUSES } from '../../domain/travel/itinerary.js';

const id = z.uuid({ message: 'Must be a UUID' });
const isoDay = z.iso.date({ message: 'A date as YYYY-MM-DD' });
export const idParams = z.strictObject({ id });
export const legParams = z.strictObject({ id, legId: id });
export const personParams = z.strictObject({ personId: id });

export const legInput = z.strictObject({
  fromId: id.describe('Duty station the leg leaves from'),
  toId: id.describe('Destination duty station'),
  departOn: isoDay.describe('Day of departure'),
  leaveOn: isoDay.describe('Last day at the destination (the day the next leg departs, or the return)'),
});
export const tripInput = z.strictObject({
  personId: id.optional().describe('The traveller; leave out to file for yourself'),
  purpose: z.string().trim().min(1, 'Say why you travel').max(2000),
  legs: z.array(legInput).min(1, 'Give at least one leg').max(MAX_LEGS, `At most ${MAX_LEGS} legs`),
});
export const tripPatch = z.strictObject({ purpose: tripInput.shape.purpose, legs: tripInput.shape.legs }).partial();

export const tripListQuery = z.strictObject({
  mine: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('Only my own trips'),
  status: z.enum(TRIP_STATUSES).optional(),
  personId: id.optional(),
  locationId: id.optional().describe('Trips with a leg to this duty station'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const decisionInput = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(2000).nullish().transform((v) => v || null),
});

const place = z.object({ id: z.string(), name: z.string(), countryCode: z.string() });
const level = z.object({ level: z.number(), name: z.string(), areaId: z.string(), areaName: z.string(), effectiveFrom: z.string() });
export const legOut = z.object({
  id: z.string(), seq: z.number(), fromId: z.string(), toId: z.string(), from: place, to: place, departOn: z.string(), leaveOn: z.string(),
  clearance: z.enum(CLEARANCES).nullable(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), comment: z.string().nullable(),
  levelAtDecision: z.number().nullable(),
  securityLevel: level.nullable().describe('The destination\'s security level in force on the day of departure'),
  canDecide: z.boolean().describe('Whether you may clear this leg now'),
});
const traveller = z.object({ id: z.string(), givenName: z.string(), familyName: z.string(), entityId: z.string().nullable(), homeLocationId: z.string().nullable() });
export const tripOut = z.object({
  id: z.string(), personId: z.string(), traveller, filedBy: z.string(), purpose: z.string(), status: z.enum(TRIP_STATUSES),
  startOn: z.string(), endOn: z.string(), submittedAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
  legs: z.array(legOut),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), cancel: z.boolean() }),
});
export const tripPageOut = z.object({ items: z.array(tripOut), total: z.number(), page: z.number(), pageSize: z.number() });
export const clearanceItemOut = z.object({ trip: tripOut, leg: legOut });

// ---- whereabouts
export const whereaboutsQuery = z.strictObject({ on: isoDay.optional().describe('Day to evaluate (default today, UTC)') });
export const reportInput = z.strictObject({
  locationId: id.nullish().describe('The duty station you are at'),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  note: z.string().trim().max(500).nullish(),
});
const whereaboutsOut = z.object({
  source: z.enum(['self', 'trip', 'home']),
  locationId: z.string().nullable(),
  location: place.nullable(),
  latitude: z.number().nullable(), longitude: z.number().nullable(),
  tripId: z.string().nullable(), from: z.string().nullable(), until: z.string().nullable(),
  reportedAt: z.string().nullable(), note: z.string().nullable(),
});
export const personWhereaboutsOut = z.object({
  personId: z.string(), on: z.string(), homeLocationId: z.string().nullable(), whereabouts: whereaboutsOut,
  lastReport: z.object({ locationId: z.string().nullable(), latitude: z.number().nullable(), longitude: z.number().nullable(), note: z.string().nullable(), reportedAt: z.string(), reportedBy: z.string().nullable() }).nullable(),
  canReport: z.boolean(),
});
export const travellersQuery = z.strictObject({
  on: isoDay.optional(),
  locationId: id.optional().describe('Only people at this duty station'),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code').optional(),
});
export const travellerOut = z.object({
  personId: z.string(), givenName: z.string(), familyName: z.string(), entityId: z.string().nullable(), homeLocationId: z.string().nullable(),
  whereabouts: whereaboutsOut,
});
export const travellersOut = z.object({
  on: z.string(),
  travellers: z.array(travellerOut).describe('People away from their home duty station on the day, within your scope (first 2,000)'),
  total: z.number(),
  byStation: z.array(z.object({ locationId: z.string(), name: z.string(), countryCode: z.string(), latitude: z.number().nullable(), longitude: z.number().nullable(), count: z.number() })),
});
