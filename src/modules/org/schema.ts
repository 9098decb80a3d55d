import { z } from 'zod';
import { pageParams, sortParam } from '../../db/paging.js';
import {
  CONTACT_KINDS, ENTITY_KINDS, LOCATION_KINDS, PERSON_KINDS, PERSON_STATUSES, TEAM_KINDS,
  contactProblem, isTimeZone,
} from '../../domain/org.js';

export const id = z.uuid({ message: 'Must be a UUID' });
export const idParams = z.strictObject({ id });
const name = z.string().trim().min(1, 'Required').max(200);
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform((v) => v || null);
const externalId = z.string().trim().min(1).max(100).regex(/^[\w.:\-/]+$/, 'Letters, digits and . : - / _ only').nullish().transform((v) => v ?? null);

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// ---- entities
export const entityInput = z.strictObject({
  code: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9][A-Za-z0-9\-]*$/, 'Letters, digits and dashes'),
  name,
  kind: z.enum(ENTITY_KINDS),
  parentId: id.nullish().transform((v) => v ?? null),
});
export const entityPatch = entityInput.partial();
export const entityOut = z.object({
  id: z.string(), code: z.string(), name: z.string(), kind: z.string(), parentId: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(),
});
export const entityListQuery = z.strictObject({
  ...pageParams, sort: sortParam(['name', 'code'], 'name'), kind: z.enum(ENTITY_KINDS).optional(), parentId: id.optional(),
});

// ---- countries
export const countryOut = z.object({
  code: z.string(), alpha3: z.string(),
  names: z.object({ en: z.string(), fr: z.string(), es: z.string(), ru: z.string(), zh: z.string(), ar: z.string() }),
});
export const countryListQuery = z.strictObject({ ...pageParams, sort: sortParam(['name', 'code'], 'name') });
export const countryParams = z.strictObject({ code: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. KE') });

// ---- locations
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);
const locationFields = {
  externalId,
  kind: z.enum(LOCATION_KINDS),
  name,
  parentId: id.nullish().transform((v) => v ?? null),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. KE'),
  city: optionalText(200),
  address: optionalText(1000),
  latitude: latitude.nullish().transform((v) => v ?? null),
  longitude: longitude.nullish().transform((v) => v ?? null),
  timeZone: z.string().refine(isTimeZone, 'Not an IANA time zone, e.g. Africa/Nairobi'),
};
export const locationInput = z.strictObject(locationFields);
export const locationPatch = z.strictObject(locationFields).partial();
export const locationOut = z.object({
  id: z.string(), externalId: z.string().nullable(), kind: z.string(), name: z.string(), parentId: z.string().nullable(),
  countryCode: z.string(), city: z.string().nullable(), address: z.string().nullable(),
  latitude: z.number().nullable(), longitude: z.number().nullable(), timeZone: z.string(),
  createdAt: z.string(), updatedAt: z.string(),
});
export const locationListQuery = z.strictObject({
  ...pageParams,
  sort: sortParam(['name', 'countryCode', 'updatedAt'], 'name'),
  kind: z.enum(LOCATION_KINDS).optional(),
  countryCode: z.string().regex(/^[A-Z]{2}$/).optional(),
  parentId: id.optional(),
});

// ---- people
export const contactInput = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  value: z.string().trim().min(1).max(200),
  label: optionalText(100),
}).superRefine((c, ctx) => {
  const problem = contactProblem(c.kind, c.value);
  if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
});
const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'A language code such as en, fr or zh');
const personFields = {
  externalId,
  kind: z.enum(PERSON_KINDS),
  givenName: name,
  familyName: name,
  entityId: id.nullish().transform((v) => v ?? null),
  homeLocationId: id.nullish().transform((v) => v ?? null),
  sponsorId: id.nullish().transform((v) => v ?? null).describe('For dependants: the staff member they depend on'),
  jobTitle: optionalText(200),
  language: language.default('en'),
  status: z.enum(PERSON_STATUSES).default('active'),
  contacts: z.array(contactInput).max(20).default([]).describe('In order of preference: the first is tried first'),
};
export const personInput = z.strictObject(personFields);
export const personPatch = z.strictObject({
  ...personFields,
  language,
  status: z.enum(PERSON_STATUSES),
  contacts: z.array(contactInput).max(20),
}).partial();
export const contactOut = z.object({ kind: z.string(), value: z.string(), label: z.string().nullable() });
export const personOut = z.object({
  id: z.string(), externalId: z.string().nullable(), kind: z.string(), givenName: z.string(), familyName: z.string(),
  entityId: z.string().nullable(), homeLocationId: z.string().nullable(), sponsorId: z.string().nullable(),
  jobTitle: z.string().nullable(), language: z.string(), status: z.string(),
  contacts: z.array(contactOut).optional(),
  createdAt: z.string(), updatedAt: z.string(),
});
export const personListQuery = z.strictObject({
  ...pageParams,
  sort: sortParam(['name', 'updatedAt'], 'name'),
  entityId: id.optional(),
  locationId: id.optional().describe('Home duty station'),
  kind: z.enum(PERSON_KINDS).optional(),
  status: z.enum(PERSON_STATUSES).optional(),
});

// ---- teams
export const teamInput = z.strictObject({
  name,
  kind: z.enum(TEAM_KINDS),
  entityId: id.nullish().transform((v) => v ?? null),
  locationId: id.nullish().transform((v) => v ?? null),
  termsOfReference: z.string().max(20_000).default(''),
});
export const teamPatch = z.strictObject({ ...teamInput.shape, termsOfReference: z.string().max(20_000) }).partial();
export const memberInput = z.strictObject({ personId: id, role: z.string().trim().min(1).max(100) });
export const memberPatch = z.strictObject({ role: z.string().trim().min(1).max(100) });
export const memberParams = z.strictObject({ id, personId: id });
export const memberOut = z.object({ personId: z.string(), givenName: z.string(), familyName: z.string(), role: z.string() });
export const teamOut = z.object({
  id: z.string(), name: z.string(), kind: z.string(), entityId: z.string().nullable(), locationId: z.string().nullable(),
  termsOfReference: z.string(), memberCount: z.number().int().optional(), members: z.array(memberOut).optional(),
  createdAt: z.string(), updatedAt: z.string(),
});
export const teamListQuery = z.strictObject({
  ...pageParams, sort: sortParam(['name', 'updatedAt'], 'name'),
  entityId: id.optional(), locationId: id.optional(), kind: z.enum(TEAM_KINDS).optional(), personId: id.optional(),
});
