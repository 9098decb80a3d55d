import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Ctx } from '../../server/context.js';
import * as S from './schema.js';
import * as exercises from './exercises.service.js';
import * as reviews from './reviews.service.js';
import * as lessons from './lessons.service.js';
import { sendTable } from '../../server/tabular.js';

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

export async function exerciseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { principal: unknown }): Ctx => ({ db: app.orms.db, principal: principalOf(req as never) });
  const tags = ['exercises'];

  r.get('/exercises', { schema: { tags, summary: 'The exercise programme visible to you, newest first', querystring: S.exerciseListQuery, response: { 200: page(S.exerciseOut) } } }, (req) => exercises.listExercises(ctx(req), req.query));
  r.get('/exercises/calendar.ics', { schema: { tags, summary: 'The exercise programme as an iCalendar feed', querystring: S.calendarQuery } },
    async (req, reply) => reply.type('text/calendar; charset=utf-8').send(await exercises.calendar(ctx(req), req.query)));
  r.get('/exercises/calendar-link', { schema: { tags, summary: 'A link to subscribe to your exercise calendar from a calendar application (valid one year)', response: { 200: S.feedLinkOut } } },
    (req) => exercises.calendarLink(ctx(req)));
  r.get('/exercises/feed/:token', { config: { public: true }, schema: { tags, summary: 'The iCalendar feed behind a subscription link (no sign-in)', params: S.feedParams } },
    async (req, reply) => reply.type('text/calendar; charset=utf-8').send(await exercises.calendarFeed(app.orms.db, req.params.token)));
  for (const format of ['csv', 'xlsx'] as const) {
    r.get(`/exercises/export.${format}`, { schema: { tags, summary: `The exercise programme as ${format.toUpperCase()}, with the list filters`, querystring: S.exerciseExportQuery } },
      async (req, reply) => sendTable(reply, format, 'exercises', await exercises.exportExercises(ctx(req), req.query, format)));
    r.get(`/corrective-actions/export.${format}`, { schema: { tags, summary: `Corrective actions as ${format.toUpperCase()}, overdue first, with the list filters`, querystring: S.actionExportQuery } },
      async (req, reply) => sendTable(reply, format, 'corrective-actions', await reviews.exportActions(ctx(req), req.query, format)));
  }
  r.post('/exercises', { schema: { tags, summary: 'Plan an exercise (at least one objective)', body: S.exerciseInput, response: { 201: S.exerciseOut } } },
    async (req, reply) => reply.code(201).send(await exercises.createExercise(ctx(req), req.body)));
  r.get('/exercises/:id', { schema: { tags, params: S.idParams, response: { 200: S.exerciseOut } } }, (req) => exercises.getExercise(ctx(req), req.params.id));
  r.patch('/exercises/:id', { schema: { tags, summary: 'Change an exercise, its plans, teams and participants (with attendance)', params: S.idParams, body: S.exercisePatch, response: { 200: S.exerciseOut } } },
    (req) => exercises.updateExercise(ctx(req), req.params.id, req.body));
  r.put('/exercises/:id/objectives/:objectiveId/result', { schema: { tags, summary: 'Record an objective as met, partly met or not met', params: S.objectiveParams, body: S.resultInput, response: { 200: S.exerciseOut } } },
    (req) => exercises.setResult(ctx(req), req.params.id, req.params.objectiveId, req.body));

  r.get('/after-action-reviews', { schema: { tags, querystring: S.reviewListQuery, response: { 200: page(S.reviewOut) } } }, (req) => reviews.listReviews(ctx(req), req.query));
  r.post('/after-action-reviews', { schema: { tags, summary: 'Review an exercise or a real event; each finding becomes a corrective action', body: S.reviewInput, response: { 201: S.reviewOut } } },
    async (req, reply) => reply.code(201).send(await reviews.createReview(ctx(req), req.body)));
  r.get('/after-action-reviews/:id', { schema: { tags, params: S.idParams, response: { 200: S.reviewOut } } }, (req) => reviews.getReview(ctx(req), req.params.id));
  r.patch('/after-action-reviews/:id', { schema: { tags, summary: 'Change what happened, worked and did not', params: S.idParams, body: S.reviewPatch, response: { 200: S.reviewOut } } },
    (req) => reviews.updateReview(ctx(req), req.params.id, req.body));
  r.post('/after-action-reviews/:id/findings', { schema: { tags, params: S.idParams, body: S.findingOnlyInput, response: { 201: S.reviewOut } } },
    async (req, reply) => reply.code(201).send(await reviews.addFinding(ctx(req), req.params.id, req.body)));
  r.get('/corrective-actions', { schema: { tags, summary: 'Corrective actions: overdue first, then by due date', querystring: S.actionListQuery, response: { 200: page(S.actionOut) } } }, (req) => reviews.listActions(ctx(req), req.query));
  r.patch('/corrective-actions/:id', { schema: { tags, params: S.idParams, body: S.actionPatch, response: { 200: S.actionOut } } }, (req) => reviews.updateAction(ctx(req), req.params.id, req.body));

  r.get('/lessons', { schema: { tags, summary: 'The lessons-learned library, shared across entities; full-text search with q', querystring: S.lessonListQuery, response: { 200: page(S.lessonOut) } } },
    (req) => lessons.listLessons(ctx(req), req.query));
  r.get('/lessons/tags', { schema: { tags, summary: 'Tags in use, most used first', response: { 200: S.tagCountOut } } }, (req) => lessons.lessonTags(ctx(req)));
  r.post('/lessons', { schema: { tags, body: S.lessonInput, response: { 201: S.lessonOut } } }, async (req, reply) => reply.code(201).send(await lessons.createLesson(ctx(req), req.body)));
  r.get('/lessons/:id', { schema: { tags, params: S.idParams, response: { 200: S.lessonOut } } }, (req) => lessons.getLesson(ctx(req), req.params.id));
  r.patch('/lessons/:id', { schema: { tags, params: S.idParams, body: S.lessonPatch, response: { 200: S.lessonOut } } }, (req) => lessons.updateLesson(ctx(req), req.params.id, req.body));
}
