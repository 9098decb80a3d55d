import { z } from 'zod';
import { pageParams } from '../../db/paging.js';
import { ACTION_STATUSES, EXERCISE_KINDS, EXERCISE_STATUSES, LESSON_CATEGORIES, OBJECTIVE_RESULTS, PARTICIPANT_ROLES, REVIEW_KINDS } from '../../domain/plans/catalog.js';

const id = z.uuid({ message: 'Must be a UUID' });
export const idParams = z.strictObject({ id });
export const objectiveParams = z.strictObject({ id, objectiveId: id });
const optionalId = id.nullish().transform((v) => v ?? null);
const isoDay = z.iso.date({ message: 'A date as YYYY-MM-DD' });
const isoTime = z.iso.datetime({ offset: true, message: 'A date and time, ISO 8601 (e.g. 2026-05-04T09:00:00Z)' });
const line = (max: number) => z.string().trim().max(max);
const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

const participant = z.strictObject({ personId: id, role: z.enum(PARTICIPANT_ROLES).default('participant'), attended: z.boolean().nullish().transform((v) => v ?? null) });
const exerciseFields = {
  title: line(300).min(1, 'Required'),
  kind: z.enum(EXERCISE_KINDS, { message: `One of ${EXERCISE_KINDS.join(', ')}` }),
  entityId: optionalId, locationId: optionalId,
  startsAt: isoTime, endsAt: isoTime,
  scenario: line(20_000).default(''),
  status: z.enum(EXERCISE_STATUSES).default('planned'),
  objectives: z.array(line(2000).min(1, 'Required')).min(1, 'An exercise needs at least one objective').max(100),
  planIds: z.array(id).max(50).default([]),
  teamIds: z.array(id).max(50).default([]),
  participants: z.array(participant).max(2000).default([]),
};
export const exerciseInput = z.strictObject(exerciseFields);
/** Objectives by id keep their results; new ones have no id; ones left out are removed. */
const objectivePatch = z.strictObject({ id: id.optional(), text: line(2000).min(1, 'Required') });
export const exercisePatch = z.strictObject({
  ...exerciseFields, status: z.enum(EXERCISE_STATUSES), planIds: z.array(id).max(50), teamIds: z.array(id).max(50), participants: z.array(participant).max(2000),
  objectives: z.array(objectivePatch).min(1, 'An exercise needs at least one objective').max(100),
}).partial();
const objectiveOut = z.object({ id: z.string(), text: z.string(), result: z.string().nullable(), resultNote: z.string() });
export const exerciseOut = z.object({
  id: z.string(), title: z.string(), kind: z.string(), entityId: z.string().nullable(), locationId: z.string().nullable(),
  startsAt: z.string(), endsAt: z.string(), scenario: z.string(), status: z.string(), objectives: z.array(objectiveOut),
  planIds: z.array(z.string()), teamIds: z.array(z.string()),
  participants: z.array(z.object({ personId: z.string(), role: z.string(), attended: z.boolean().nullable() })),
  createdAt: z.string(), updatedAt: z.string(),
});
export const exerciseListQuery = z.strictObject({
  page: pageParams.page, pageSize: pageParams.pageSize,
  locationId: id.optional(), entityId: id.optional(), kind: z.enum(EXERCISE_KINDS).optional(), status: z.enum(EXERCISE_STATUSES).optional(),
  from: isoDay.optional(), to: isoDay.optional(),
});
export const resultInput = z.strictObject({ result: z.enum(OBJECTIVE_RESULTS, { message: 'met, partly or not_met' }), note: line(5000).default('') });
export const calendarQuery = z.strictObject({ locationId: id.optional(), entityId: id.optional() });
export const exerciseExportQuery = exerciseListQuery.omit({ page: true, pageSize: true });
export const feedParams = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{10,400}\.[A-Za-z0-9_-]{20,100}\.ics$/, 'A calendar link token') });
export const feedLinkOut = z.object({ path: z.string().describe('Append to the server address; calendar applications fetch it without signing in'), expiresAt: z.string() });

const findingInput = z.strictObject({
  finding: line(5000).min(1, 'Required'),
  action: line(5000).min(1, 'Say what will be done'),
  ownerPersonId: id.describe('Who carries the action out (required)'),
  dueDate: isoDay,
  planId: optionalId.describe('The plan to update; it is flagged for review'),
});
export const reviewInput = z.strictObject({
  kind: z.enum(REVIEW_KINDS),
  exerciseId: optionalId,
  title: line(300).min(1, 'Required'),
  eventDate: isoDay,
  entityId: optionalId, locationId: optionalId,
  whatHappened: line(50_000).default(''), whatWorked: line(50_000).default(''), whatDidNot: line(50_000).default(''),
  findings: z.array(findingInput).max(200).default([]),
});
export const findingOnlyInput = findingInput;
export const reviewPatch = z.strictObject({
  title: line(300).min(1, 'Required'), eventDate: isoDay,
  whatHappened: line(50_000), whatWorked: line(50_000), whatDidNot: line(50_000),
}).partial();
export const actionOut = z.object({
  id: z.string(), reviewId: z.string(), finding: z.string(), action: z.string(), ownerPersonId: z.string(), dueDate: z.string(), status: z.string(),
  planId: z.string().nullable(), closedOn: z.string().nullable(), overdue: z.boolean(), createdAt: z.string(), updatedAt: z.string(),
  reviewTitle: z.string().optional().describe('In lists: the after-action review the finding came from'),
  planTitle: z.string().nullable().optional().describe('In lists: the plan to update'),
});
export const reviewOut = z.object({
  id: z.string(), kind: z.string(), exerciseId: z.string().nullable(), title: z.string(), eventDate: z.string(), entityId: z.string().nullable(), locationId: z.string().nullable(),
  whatHappened: z.string(), whatWorked: z.string(), whatDidNot: z.string(), actions: z.array(actionOut), createdAt: z.string(), updatedAt: z.string(),
});
export const reviewListQuery = z.strictObject({ page: pageParams.page, pageSize: pageParams.pageSize, exerciseId: id.optional(), locationId: id.optional(), kind: z.enum(REVIEW_KINDS).optional() });
export const actionPatch = z.strictObject({
  status: z.enum(ACTION_STATUSES), action: line(5000).min(1), ownerPersonId: id, dueDate: isoDay, planId: optionalId, closedOn: isoDay.nullish().transform((v) => v ?? null),
}).partial();
export const actionListQuery = z.strictObject({
  page: pageParams.page, pageSize: pageParams.pageSize, status: z.enum(ACTION_STATUSES).optional(), overdue: boolParam.optional(),
  planId: id.optional(), ownerPersonId: id.optional(), reviewId: id.optional(),
});

export const actionExportQuery = actionListQuery.omit({ page: true, pageSize: true });

export const lessonInput = z.strictObject({
  title: line(300).min(1, 'Required'), body: line(50_000).min(1, 'Required'),
  category: z.enum(LESSON_CATEGORIES, { message: `One of ${LESSON_CATEGORIES.join(', ')}` }),
  tags: z.array(z.string().trim().toLowerCase().regex(/^[\p{L}\p{N}_-]{1,40}$/u, 'Letters, digits, _ and -, at most 40')).max(20).default([]),
  entityId: optionalId, locationId: optionalId, reviewId: optionalId,
});
export const lessonPatch = lessonInput.partial();
export const lessonOut = z.object({
  id: z.string(), title: z.string(), body: z.string(), category: z.string(), tags: z.array(z.string()), entityId: z.string().nullable(), locationId: z.string().nullable(),
  reviewId: z.string().nullable(), createdBy: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export const tagCountOut = z.array(z.object({ tag: z.string(), count: z.number() }));
export const lessonListQuery = z.strictObject({
  page: pageParams.page, pageSize: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().trim().max(200).optional().describe('Full-text search: every word must match (prefixes count)'),
  category: z.enum(LESSON_CATEGORIES).optional(), tag: z.string().trim().toLowerCase().max(40).optional(),
  entityId: id.optional(), locationId: id.optional(), reviewId: id.optional().describe('Lessons drawn from this after-action review'),
});
