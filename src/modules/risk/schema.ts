import { z } from 'zod';
import { pageParams, sortParam } from '../../db/paging.js';
import { RISK_BANDS } from '../../domain/risk/bands.js';
import { JOINT_ASSESSMENT_STATUSES, RISK_COMPONENTS, RISK_STATUSES, TREATMENT_STATUSES } from '../../domain/risk/components.js';

const id = z.uuid({ message: 'Must be a UUID' });
export const idParams = z.strictObject({ id });
const optionalId = id.nullish().transform((v) => v ?? null);
const text = (max: number) => z.string().trim().max(max).default('');
export const isoDay = z.iso.date({ message: 'A date as YYYY-MM-DD' });
const optionalDay = isoDay.nullish().transform((v) => v ?? null);
const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Range checks against the matrix happen in the service, which knows the matrix in force. */
export const rating = z.strictObject({ likelihood: z.number().int(), impact: z.number().int() });

const riskFields = {
  title: z.string().trim().min(1, 'Required').max(300),
  cause: text(5000),
  event: text(5000),
  consequence: text(5000),
  entityId: optionalId.describe('Owning entity: the risk is in its private register'),
  locationId: optionalId.describe('Duty station the risk is about'),
  ownerPersonId: optionalId,
  components: z.array(z.enum(RISK_COMPONENTS)).min(1, 'Tag at least one component').max(RISK_COMPONENTS.length),
  status: z.enum(RISK_STATUSES).default('open'),
  inherent: rating,
  residual: rating.nullish().transform((v) => v ?? null),
  reviewDue: optionalDay,
};
export const riskInput = z.strictObject({
  ...riskFields,
  jointAssessmentId: optionalId.describe('A scenario of this joint assessment, shared by its entities'),
  matrixKey: z.string().max(50).default('default'),
});
export const riskPatch = z.strictObject({ ...riskFields, status: z.enum(RISK_STATUSES), components: riskFields.components }).partial();

export const ratingOut = z.object({ likelihood: z.number(), impact: z.number(), level: z.string(), band: z.string() });
export const riskOut = z.object({
  id: z.string(), title: z.string(), cause: z.string(), event: z.string(), consequence: z.string(),
  entityId: z.string().nullable(), locationId: z.string().nullable(), jointAssessmentId: z.string().nullable(),
  ownerPersonId: z.string().nullable(), components: z.array(z.string()), status: z.string(), matrixId: z.string(),
  inherent: ratingOut, residual: ratingOut.nullable(), reviewDue: z.string().nullable(), reviewOverdue: z.boolean(),
  createdAt: z.string(), updatedAt: z.string(),
});
export const riskListQuery = z.strictObject({
  ...pageParams,
  sort: sortParam(['title', 'residual', 'reviewDue', 'updatedAt'], 'title'),
  entityId: id.optional(), locationId: id.optional(), jointAssessmentId: id.optional(),
  component: z.enum(RISK_COMPONENTS).optional(), band: z.enum(RISK_BANDS).optional(),
  status: z.enum(RISK_STATUSES).optional(), reviewOverdue: boolParam.optional(),
});

export const ratingInput = z.strictObject({
  kind: z.enum(['inherent', 'residual']),
  likelihood: z.number().int(),
  impact: z.number().int(),
  entityId: optionalId.describe('In a joint assessment: the participating entity giving this rating'),
  note: z.string().trim().max(2000).nullish().transform((v) => v || null),
});
export const ratingHistoryOut = z.array(z.object({
  id: z.string(), kind: z.string(), matrixId: z.string(), likelihood: z.number(), impact: z.number(), level: z.string(), band: z.string(),
  entityId: z.string().nullable(), note: z.string().nullable(), ratedBy: z.string().nullable(), ratedAt: z.string(),
}));

const treatmentFields = {
  action: z.string().trim().min(1, 'Required').max(2000),
  ownerPersonId: id.describe('Who carries the action out (required)'),
  startDate: optionalDay,
  dueDate: optionalDay,
  status: z.enum(TREATMENT_STATUSES).default('planned'),
  cost: z.number().min(0, 'Must not be negative').max(1e12).nullish().transform((v) => v ?? null),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. USD').nullish().transform((v) => v ?? null),
  completedOn: optionalDay,
};
export const treatmentInput = z.strictObject(treatmentFields);
export const treatmentPatch = z.strictObject({ ...treatmentFields, status: z.enum(TREATMENT_STATUSES) }).partial();
export const treatmentOut = z.object({
  id: z.string(), riskId: z.string(), riskTitle: z.string().optional(), action: z.string(), ownerPersonId: z.string(), ownerName: z.string().optional(),
  startDate: z.string().nullable(), dueDate: z.string().nullable(), status: z.string(), cost: z.number().nullable(),
  currency: z.string().nullable(), completedOn: z.string().nullable(), overdue: z.boolean(), createdAt: z.string(), updatedAt: z.string(),
});
export const treatmentListQuery = z.strictObject({
  page: pageParams.page, pageSize: pageParams.pageSize,
  riskId: id.optional(), ownerPersonId: id.optional(), status: z.enum(TREATMENT_STATUSES).optional(), overdue: boolParam.optional(),
  entityId: id.optional(), locationId: id.optional(),
});

export const jointAssessmentInput = z.strictObject({
  title: z.string().trim().min(1, 'Required').max(300),
  locationId: id,
  assessedOn: isoDay,
  status: z.enum(JOINT_ASSESSMENT_STATUSES).default('planned'),
  entityIds: z.array(id).min(2, 'A joint assessment brings together at least two entities').max(100),
  matrixKey: z.string().max(50).default('default'),
});
export const jointAssessmentOut = z.object({
  id: z.string(), title: z.string(), locationId: z.string(), assessedOn: z.string(), status: z.string(), matrixId: z.string(),
  entityIds: z.array(z.string()), createdAt: z.string(), updatedAt: z.string(),
});
export const jointAssessmentPatch = z.strictObject({
  title: jointAssessmentInput.shape.title,
  assessedOn: isoDay,
  status: z.enum(JOINT_ASSESSMENT_STATUSES),
  entityIds: jointAssessmentInput.shape.entityIds,
}).partial();
export const jointAssessmentListQuery = z.strictObject({
  page: pageParams.page, pageSize: pageParams.pageSize, locationId: id.optional(), status: z.enum(JOINT_ASSESSMENT_STATUSES).optional(),
});
/** Side by side: each participating entity's latest rating of each scenario. */
export const jointRatingsOut = z.array(z.object({
  riskId: z.string(), entityId: z.string(), kind: z.string(), likelihood: z.number(), impact: z.number(), level: z.string(), band: z.string(),
  note: z.string().nullable(), ratedBy: z.string().nullable(), ratedAt: z.string(),
}));

export const heatmapQuery = z.strictObject({
  kind: z.enum(['inherent', 'residual']).default('residual'),
  entityId: id.optional(), locationId: id.optional(), component: z.enum(RISK_COMPONENTS).optional(),
});
export const heatmapOut = z.object({
  kind: z.string(), total: z.number(),
  cells: z.array(z.object({ likelihood: z.number(), impact: z.number(), count: z.number() })),
  bands: z.record(z.string(), z.number()),
});

export const matrixDefinition = z.strictObject({
  likelihoods: z.array(z.strictObject({ value: z.number().int(), label: z.string().max(100) })),
  impacts: z.array(z.strictObject({ value: z.number().int(), label: z.string().max(100) })),
  levels: z.array(z.strictObject({ key: z.string().max(50), label: z.string().max(100), color: z.string().max(20), band: z.enum(RISK_BANDS) })),
  cells: z.array(z.array(z.string().max(50))),
});
export const matrixInput = z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_-]{0,49}$/, 'Lower-case letters, digits, _ and -'), name: z.string().trim().min(1).max(200), definition: matrixDefinition });
export const matrixOut = z.object({ id: z.string(), key: z.string(), version: z.number(), name: z.string(), definition: matrixDefinition, createdAt: z.string() });
export const matrixListOut = z.array(matrixOut.extend({
  usage: z.object({ risks: z.number(), sras: z.number(), jointAssessments: z.number() }).describe('Assessments rated on this version (they keep it)'),
}));
