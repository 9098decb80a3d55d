import { z } from 'zod';
import { pageParams, sortParam } from '../../db/paging.js';
import { READINESS } from '../../domain/continuity/graph.js';
import { STRATEGY_KINDS } from '../../domain/continuity/recovery.js';
import { CAMPAIGN_STATUSES, CRITICALITIES, DR_RESULTS, NODE_TYPES, QUESTIONNAIRE_STATUSES, REMOTE_WORK, REPLICATION } from './model.js';

const id = z.uuid({ message: 'Must be a UUID' });
export const idParams = z.strictObject({ id });
const optionalId = id.nullish().transform((v) => v ?? null);
const isoDay = z.iso.date({ message: 'A date as YYYY-MM-DD' });
const optionalDay = isoDay.nullish().transform((v) => v ?? null);
const name = z.string().trim().min(1, 'Required').max(300);
const text = (max: number) => z.string().trim().max(max).default('');
/** Hours that no domain rule checks further; objectives and edges are checked by src/domain/continuity. */
const hours = z.number().min(0, 'Must be zero or a positive number of hours').max(1e6);
const optionalHours = hours.nullish().transform((v) => v ?? null);
/** Range and RTO ≤ MTPD are checked by the domain (objectiveProblems), which names the field. */
const objective = z.number().max(1e6).nullish().transform((v) => v ?? null);
const readiness = z.enum(READINESS);
const page = { page: pageParams.page, pageSize: pageParams.pageSize, q: pageParams.q };

// ---- settings
export const settingsInput = z.strictObject({
  intolerableLevel: z.number().int().min(1, 'A level of the 1–5 impact scale').max(5, 'A level of the 1–5 impact scale'),
});
export const settingsOut = z.object({ intolerableLevel: z.number(), impactScale: z.array(z.object({ value: z.number(), label: z.string() })), impactDimensions: z.array(z.string()), updatedAt: z.string() });

// ---- campaigns
export const campaignInput = z.strictObject({
  name,
  entityId: optionalId.describe('Owning entity: the BIA is private to it'),
  locationId: optionalId.describe('Duty station of the BIA'),
  ownerPersonId: optionalId,
  periodStart: optionalDay,
  periodEnd: optionalDay,
  timePointsHours: z.array(z.number()).max(20).optional().describe('Hours after a disruption at which impacts are rated; default 4 h, 1 d, 3 d, 1 w, 1 m'),
});
export const campaignPatch = z.strictObject({ name, ownerPersonId: optionalId, periodStart: optionalDay, periodEnd: optionalDay }).partial();
export const campaignOut = z.object({
  id: z.string(), name: z.string(), entityId: z.string().nullable(), locationId: z.string().nullable(), ownerPersonId: z.string().nullable(),
  periodStart: z.string().nullable(), periodEnd: z.string().nullable(), status: z.string(), timePointsHours: z.array(z.number()),
  submittedBy: z.string().nullable(), submittedAt: z.string().nullable(), approvedBy: z.string().nullable(), approvedAt: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(),
});
export const campaignListQuery = z.strictObject({
  ...page, sort: sortParam(['name', 'updatedAt'], 'name'),
  entityId: id.optional(), locationId: id.optional(), status: z.enum(CAMPAIGN_STATUSES).optional(),
});

// ---- processes and their questionnaire
const questionnaireFields = {
  impactRatings: z.record(z.string().max(50), z.array(z.number().nullable()).max(20)).describe('Dimension → a rating 1–5 per time point of the campaign (null: not answered yet)'),
  rtoHours: objective,
  rpoHours: objective,
  peakPeriods: z.array(z.string().trim().min(1).max(200)).max(24),
  minimumStaff: z.number().int().min(0, 'Must be a whole number, zero or more').max(1e6).nullish().transform((v) => v ?? null),
  staffCount: z.number().int().min(0, 'Must be a whole number, zero or more').max(1e6).nullish().transform((v) => v ?? null),
  remoteWork: z.enum(REMOTE_WORK).nullish().transform((v) => v ?? null),
  minimumStaffOverTime: z.array(z.number().nullable()).max(20).describe('Minimum staff needed at each time point of the campaign (null: not answered); whole numbers up to the staff count'),
  vitalRecords: z.array(z.string().trim().min(1).max(300)).max(100),
  workarounds: z.string().trim().max(10_000),
};
export const questionnaireInput = z.strictObject(questionnaireFields).partial();
export const processInput = z.strictObject({
  campaignId: id,
  name,
  description: text(10_000),
  ownerPersonId: optionalId.describe('The process owner: a person; if linked to a user, they may fill in the questionnaire'),
  locationId: optionalId.describe('Duty station; the campaign\'s when it has one'),
  ...questionnaireFields,
}).partial({ impactRatings: true, rtoHours: true, rpoHours: true, peakPeriods: true, minimumStaff: true, staffCount: true, remoteWork: true, minimumStaffOverTime: true, vitalRecords: true, workarounds: true });
export const processPatch = z.strictObject({ name, description: text(10_000), ownerPersonId: optionalId, ...questionnaireFields }).partial();
export const processOut = z.object({
  id: z.string(), campaignId: z.string(), entityId: z.string().nullable(), locationId: z.string().nullable(), name: z.string(), description: z.string(),
  ownerPersonId: z.string().nullable(), timePointsHours: z.array(z.number()), impactRatings: z.record(z.string(), z.array(z.number().nullable())),
  mtpdHours: z.number().nullable(), rtoHours: z.number().nullable(), rpoHours: z.number().nullable(), peakPeriods: z.array(z.string()),
  minimumStaff: z.number().nullable(), minimumStaffOverTime: z.array(z.number().nullable()), staffCount: z.number().nullable(), remoteWork: z.string().nullable(), vitalRecords: z.array(z.string()), workarounds: z.string(),
  questionnaireStatus: z.string(), questionnaireProgress: z.number(), incompleteSections: z.array(z.string()), submittedAt: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(),
});
export const processListQuery = z.strictObject({
  ...page, sort: sortParam(['name', 'mtpd', 'rto', 'progress', 'updatedAt'], 'name'),
  campaignId: id.optional(), entityId: id.optional(), locationId: id.optional(), ownerPersonId: id.optional(),
  questionnaireStatus: z.enum(QUESTIONNAIRE_STATUSES).optional(),
});

// ---- data centres
const failover = z.strictObject({ dataCentreId: id, readiness, activationHours: hours });
export const dataCentreInput = z.strictObject({
  name,
  locationId: id.describe('Premises or duty station where it stands'),
  entityId: optionalId.describe('Owning entity; empty for an enterprise data centre shared by all'),
  tier: z.string().trim().max(50).nullish().transform((v) => v || null),
  failover: failover.nullish().transform((v) => v ?? null).describe('The data centre its systems fail over to'),
});
export const dataCentrePatch = z.strictObject({ name, locationId: id, tier: dataCentreInput.shape.tier, failover: dataCentreInput.shape.failover }).partial();
export const dataCentreOut = z.object({
  id: z.string(), name: z.string(), locationId: z.string(), dutyStationId: z.string().nullable(), entityId: z.string().nullable(), tier: z.string().nullable(),
  failover: z.object({ dataCentreId: z.string(), readiness: z.string(), activationHours: z.number() }).nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export const dataCentreListQuery = z.strictObject({ ...page, entityId: id.optional(), locationId: id.optional() });

// ---- applications and DR tests
export const applicationInput = z.strictObject({
  name,
  kind: z.enum(['application', 'ict_service']).default('application'),
  description: text(10_000),
  entityId: optionalId.describe('Owning entity; empty for an enterprise system shared by all'),
  locationId: optionalId.describe('Duty station of a local system'),
  criticality: z.enum(CRITICALITIES),
  replication: z.enum(REPLICATION).default('none'),
  backupMethod: text(500),
  achievableRtoHours: optionalHours.describe('As tested, not as hoped; empty = untested'),
  achievableRpoHours: optionalHours,
  drPlanUrl: z.url({ message: 'A URL' }).max(2000).nullish().transform((v) => v ?? null),
  dataCentreIds: z.array(id).max(10).default([]).describe('Hosting data centres, primary first'),
});
export const applicationPatch = z.strictObject({ ...applicationInput.shape, kind: z.enum(['application', 'ict_service']), replication: z.enum(REPLICATION), dataCentreIds: z.array(id).max(10) })
  .omit({ entityId: true }).partial();
export const applicationOut = z.object({
  id: z.string(), name: z.string(), kind: z.string(), description: z.string(), entityId: z.string().nullable(), locationId: z.string().nullable(),
  criticality: z.string(), replication: z.string(), backupMethod: z.string(), achievableRtoHours: z.number().nullable(), achievableRpoHours: z.number().nullable(),
  lastTestedOn: z.string().nullable(), drPlanUrl: z.string().nullable(), dataCentreIds: z.array(z.string()), createdAt: z.string(), updatedAt: z.string(),
});
export const applicationListQuery = z.strictObject({
  ...page, sort: sortParam(['name', 'criticality', 'rto'], 'name'),
  kind: z.enum(['application', 'ict_service']).optional(), criticality: z.enum(CRITICALITIES).optional(),
  dataCentreId: id.optional(), entityId: id.optional(), untested: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export const drTestInput = z.strictObject({
  testedOn: isoDay,
  achievedRtoHours: optionalHours,
  achievedRpoHours: optionalHours,
  result: z.enum(DR_RESULTS),
  notes: text(10_000),
});
export const drTestOut = z.object({
  id: z.string(), applicationId: z.string(), testedOn: z.string(), achievedRtoHours: z.number().nullable(), achievedRpoHours: z.number().nullable(),
  result: z.string(), notes: z.string(), createdAt: z.string(),
});

// ---- vendors
export const vendorInput = z.strictObject({
  name,
  service: text(1000),
  entityId: optionalId,
  locationId: optionalId,
  slaHours: optionalHours.describe('Contracted restoration time'),
  contact: text(1000),
});
export const vendorPatch = vendorInput.omit({ entityId: true }).partial();
export const vendorOut = z.object({
  id: z.string(), name: z.string(), service: z.string(), entityId: z.string().nullable(), locationId: z.string().nullable(), slaHours: z.number().nullable(),
  contact: z.string(), createdAt: z.string(), updatedAt: z.string(),
});
export const vendorListQuery = z.strictObject({ ...page, entityId: id.optional(), locationId: id.optional() });

// ---- dependencies
const alternate = z.strictObject({ nodeId: id, readiness, activationHours: hours });
export const dependencyInput = z.strictObject({
  fromId: id.describe('The process or application that depends'),
  toId: id.describe('What it depends on: process, application, data centre, premises or vendor'),
  neededWithinHours: z.number().max(1e6).default(0).describe('How long the dependant runs without it'),
  alternates: z.array(alternate).max(10).default([]),
  note: text(2000),
});
export const dependencyPatch = z.strictObject({ neededWithinHours: z.number().max(1e6), alternates: z.array(alternate).max(10), note: z.string().trim().max(2000) }).partial();
export const dependencyOut = z.object({
  id: z.string(), fromId: z.string(), fromType: z.string(), toId: z.string(), toType: z.string(), neededWithinHours: z.number(),
  alternates: z.array(z.object({ nodeId: z.string(), nodeType: z.string(), readiness: z.string(), activationHours: z.number() })),
  note: z.string(), createdAt: z.string(), updatedAt: z.string(),
});
export const dependencyListQuery = z.strictObject({
  page: pageParams.page, pageSize: pageParams.pageSize,
  fromId: id.optional(), toId: id.optional(), toType: z.enum(NODE_TYPES).optional(),
});

// ---- strategies
export const strategyInput = z.strictObject({
  processId: id,
  kind: z.enum(STRATEGY_KINDS),
  readiness,
  activationHours: hours,
  resourceId: optionalId.describe('The alternate site, receiving duty station or supporting process it relies on'),
  description: text(5000),
});
export const strategyPatch = strategyInput.omit({ processId: true }).partial();
export const strategyOut = z.object({
  id: z.string(), processId: z.string(), kind: z.string(), readiness: z.string(), activationHours: z.number(), resourceId: z.string().nullable(),
  resourceType: z.string().nullable(), description: z.string(), createdAt: z.string(), updatedAt: z.string(),
});
export const strategyListQuery = z.strictObject({
  page: pageParams.page, pageSize: pageParams.pageSize,
  processId: id.optional(), kind: z.enum(STRATEGY_KINDS).optional(), readiness: readiness.optional(),
});

// ---- analysis
export const scenarioInput = z.strictObject({
  lostNodeIds: z.array(z.string().max(100)).max(10_000).default([]).describe('Data centres, premises, applications, vendors, processes lost at t = 0'),
  lostDutyStationIds: z.array(z.string().max(100)).max(2_000).default([]),
  staffLossPercent: z.number().default(0).describe('Share of every process\'s staff unable to work (0–100)'),
});
const means = z.string().nullable();
const affected = {
  id: z.string(), name: z.string(), kind: z.string(), direct: z.boolean(), cause: z.string(), path: z.array(z.string()),
  disruptedAtHours: z.number(), recoveredAtHours: z.number().nullable(), recoveredBy: means,
};
export const simulationOut = z.object({
  processes: z.array(z.object({ ...affected, mtpdHours: z.number().nullable(), rtoHours: z.number().nullable(), hoursToMtpdBreach: z.number().nullable(), breachesMtpd: z.boolean(), rtoMet: z.boolean().nullable() })),
  resources: z.array(z.object(affected)),
  timeline: z.array(z.object({ atHours: z.number(), kind: z.string(), nodeId: z.string(), by: z.string().optional() })),
  summary: z.object({ processes: z.number(), breachingMtpd: z.number(), neverRecovered: z.number() }),
});
export const gapListQuery = z.strictObject({
  page: pageParams.page, pageSize: pageParams.pageSize,
  processId: id.optional(), entityId: id.optional(), locationId: id.optional(), measure: z.enum(['rto', 'rpo']).optional(),
});
export const gapOut = z.object({
  processId: z.string(), processName: z.string(), dependencyId: z.string(), dependencyName: z.string(), measure: z.string(), requiredHours: z.number(),
  deliverableHours: z.number().nullable(), gapHours: z.number().nullable(), limitingId: z.string(), limitingName: z.string(),
});
export const spofOut = z.array(z.object({ resourceId: z.string(), name: z.string(), kind: z.string(), brokenProcessIds: z.array(z.string()) }));

// ---- the dependency map: nodes and neighbourhoods
/** A comma-separated list in a query string. */
const listParam = <T extends z.ZodType<unknown, string>>(item: T, max: number) => z.string().max(50_000).transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(item).max(max, `At most ${max}`));
export const nodeListQuery = z.strictObject({
  ...page,
  type: listParam(z.enum(NODE_TYPES), NODE_TYPES.length).optional().describe('Comma-separated node types'),
  ids: listParam(id, 500).optional().describe('Comma-separated ids: look these nodes up (names for a list of edges)'),
  dutyStationId: id.optional(),
});
export const mapNodeOut = z.object({ id: z.string(), type: z.string(), kind: z.string(), name: z.string(), dutyStationId: z.string().nullable() });
export const graphQuery = z.strictObject({
  focusId: id,
  depth: z.coerce.number().int().min(1, 'From 1 to 4').max(4, 'From 1 to 4').default(2),
  limit: z.coerce.number().int().min(2, 'From 2 to 500').max(500, 'From 2 to 500').default(150),
});
export const graphOut = z.object({
  focusId: z.string(),
  nodes: z.array(mapNodeOut.extend({ depth: z.number() })),
  edges: z.array(z.object({ from: z.string(), to: z.string(), kind: z.enum(['dependency', 'alternate', 'failover']), neededWithinHours: z.number().nullable() })),
  truncated: z.boolean(),
});
export const importQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });
export const importResult = z.object({ total: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), dryRun: z.boolean() });
