import { z } from 'zod';
import { PROGRAMME_CRITICALITIES } from '../../domain/risk/acceptable-risk.js';
import { COMPLIANCE_STATUSES } from '../../domain/risk/compliance.js';
import { THREAT_CATEGORIES } from '../../domain/risk/security-level.js';

const id = z.uuid({ message: 'Must be a UUID' });
export const idParams = z.strictObject({ id });
const isoDay = z.iso.date({ message: 'A date as YYYY-MM-DD' });
const country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. KE');
const level = z.number().int().min(1, 'Security levels run from 1 (Minimal) to 6 (Extreme)').max(6, 'Security levels run from 1 (Minimal) to 6 (Extreme)');
const categoryLevels = z.partialRecord(z.enum(THREAT_CATEGORIES), level);

export const areaInput = z.strictObject({ countryCode: country, name: z.string().trim().min(1).max(200), locationIds: z.array(id).max(500).default([]) });
export const areaPatch = z.strictObject({ name: z.string().trim().min(1).max(200), locationIds: z.array(id).max(500) }).partial();
export const levelOut = z.object({ id: z.string(), level: z.number(), name: z.string(), categories: z.record(z.string(), z.number()), justification: z.string(), effectiveFrom: z.string(), approvedBy: z.string().nullable(), createdAt: z.string() });
export const areaOut = z.object({
  id: z.string(), countryCode: z.string(), name: z.string(), locationIds: z.array(z.string()),
  currentLevel: levelOut.nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export const areaListQuery = z.strictObject({ countryCode: country.optional(), locationId: id.optional().describe('Areas that include this duty station') });

export const levelInput = z.strictObject({
  level,
  categories: categoryLevels.default({}),
  justification: z.string().trim().min(1, 'Say why the area has this level').max(10_000),
  effectiveFrom: isoDay,
});

const threat = z.strictObject({ level, intent: z.string().max(5000).default(''), capability: z.string().max(5000).default(''), context: z.string().max(5000).default('') });
export const threatAssessmentInput = z.strictObject({ assessedOn: isoDay, summary: z.string().trim().max(20_000).default(''), threats: z.partialRecord(z.enum(THREAT_CATEGORIES), threat) });
export const threatAssessmentOut = z.object({ id: z.string(), areaId: z.string(), assessedOn: z.string(), summary: z.string(), threats: z.record(z.string(), threat), proposedLevel: z.number().nullable(), createdAt: z.string() });

const rating = z.strictObject({ likelihood: z.number().int(), impact: z.number().int() });
export const scenarioInput = z.strictObject({
  threatCategory: z.enum(THREAT_CATEGORIES),
  description: z.string().trim().min(1, 'Required').max(5000),
  inherent: rating,
  existingMeasures: z.string().max(10_000).default(''),
  recommendedMeasures: z.string().max(10_000).default(''),
  residual: rating,
});
export const sraInput = z.strictObject({
  areaId: id,
  title: z.string().trim().min(1).max(300),
  assessedOn: isoDay,
  validUntil: isoDay.nullish().transform((v) => v ?? null),
  status: z.enum(['draft', 'approved', 'superseded']).default('draft'),
  scenarios: z.array(scenarioInput).max(200).default([]),
});
export const sraPatch = z.strictObject({ ...sraInput.shape, areaId: id.optional(), scenarios: z.array(scenarioInput).max(200) }).omit({ areaId: true }).partial();
const ratingOut = z.object({ likelihood: z.number(), impact: z.number(), level: z.string(), band: z.string() });
export const sraOut = z.object({
  id: z.string(), areaId: z.string(), title: z.string(), assessedOn: z.string(), validUntil: z.string().nullable(), status: z.string(), matrixId: z.string(),
  scenarios: z.array(z.object({ id: z.string(), threatCategory: z.string(), description: z.string(), inherent: ratingOut, existingMeasures: z.string(), recommendedMeasures: z.string(), residual: ratingOut })),
  highestResidual: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export const sraListQuery = z.strictObject({ areaId: id.optional(), countryCode: country.optional(), locationId: id.optional().describe('SRAs of the areas that include this duty station') });

export const programmeInput = z.strictObject({
  name: z.string().trim().min(1).max(300),
  entityId: id, locationId: id, sraId: id.nullish().transform((v) => v ?? null),
  criticality: z.enum(PROGRAMME_CRITICALITIES, { message: 'Programme criticality is PC1, PC2, PC3 or PC4' }),
});
export const programmePatch = programmeInput.partial();
export const programmeOut = z.object({ id: z.string(), name: z.string(), entityId: z.string(), locationId: z.string(), sraId: z.string().nullable(), criticality: z.string(), createdAt: z.string(), updatedAt: z.string() });
export const programmeListQuery = z.strictObject({ locationId: id.optional(), countryCode: country.optional(), entityId: id.optional(), areaId: id.optional().describe('Programmes at the duty stations of this area') });

export const acceptableRiskQuery = z.strictObject({ countryCode: country.optional(), locationId: id.optional(), areaId: id.optional() });
export const verdictOut = z.object({
  id: z.string(), name: z.string(), entityId: z.string(), locationId: z.string(), criticality: z.string(),
  residual: z.string().nullable(), acceptable: z.boolean().nullable(), approver: z.string().nullable(),
});
export const acceptableRiskOut = z.object({ verdicts: z.array(verdictOut), unacceptable: z.array(verdictOut), unassessed: z.array(verdictOut) });

export const templateInput = z.strictObject({
  kind: z.enum(['moss', 'morss']), name: z.string().trim().min(1).max(200),
  items: z.array(z.strictObject({ code: z.string().trim().min(1).max(30), text: z.string().trim().min(1).max(2000) })).min(1).max(500),
});
export const templateOut = z.object({ id: z.string(), kind: z.string(), name: z.string(), items: z.array(z.object({ id: z.string(), code: z.string(), text: z.string() })), createdAt: z.string(), updatedAt: z.string() });
export const checklistParams = z.strictObject({ locationId: id, templateId: id });
export const checkItemParams = z.strictObject({ locationId: id, itemId: id });
export const checkItemInput = z.strictObject({
  status: z.enum(COMPLIANCE_STATUSES), evidence: z.string().max(10_000).default(''),
  dueDate: isoDay.nullish().transform((v) => v ?? null),
});
export const checklistOut = z.object({
  locationId: z.string(), templateId: z.string(), percent: z.number().nullable(),
  items: z.array(z.object({ itemId: z.string(), code: z.string(), text: z.string(), status: z.string().nullable(), evidence: z.string(), dueDate: z.string().nullable(), updatedAt: z.string().nullable() })),
});
export const complianceSummaryQuery = z.strictObject({ templateId: id, countryCode: country.optional() });
export const complianceSummaryOut = z.object({
  templateId: z.string(), percent: z.number().nullable(),
  countries: z.array(z.object({ countryCode: z.string(), percent: z.number().nullable(), locations: z.number() })),
  locations: z.array(z.object({ locationId: z.string(), name: z.string(), countryCode: z.string(), percent: z.number().nullable(), assessed: z.number(), items: z.number() })),
});
