import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Ctx } from '../../server/context.js';
import * as S from './schema.js';
import * as matrices from './matrices.service.js';
import * as risks from './risks.service.js';
import * as treatments from './treatments.service.js';
import * as joint from './joint.service.js';
import { heatmap } from './heatmap.service.js';
import { exportRegister, locationRiskSummary } from './summary.service.js';
import { sendTable } from '../../server/tabular.js';

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
const noContent = { 204: z.null() };

export async function riskRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { principal: unknown }): Ctx => ({ db: app.orms.db, principal: principalOf(req as never) });
  const tags = ['risk'];

  r.get('/risk/matrices', { schema: { tags, summary: 'Risk matrices, every version', response: { 200: S.matrixListOut } } }, (req) => matrices.listMatrices(ctx(req)));
  r.get('/risk/matrices/:id', { schema: { tags, params: S.idParams, response: { 200: S.matrixOut } } }, (req) => matrices.getMatrix(ctx(req), req.params.id));
  r.post('/risk/matrices', { schema: { tags, summary: 'Add a matrix or a new version of one (past ratings keep theirs)', body: S.matrixInput, response: { 201: S.matrixOut } } },
    async (req, reply) => reply.code(201).send(await matrices.saveMatrix(ctx(req), req.body)));

  r.get('/risk/heatmap', { schema: { tags, summary: 'Risk counts per likelihood × impact cell and per band', querystring: S.heatmapQuery, response: { 200: S.heatmapOut } } },
    (req) => heatmap(ctx(req), req.query));

  r.get('/risk/locations', {
    schema: { tags, summary: 'Per duty station: worst residual risk, open risks and security level (for the risk map)', response: { 200: z.array(z.object({ locationId: z.string(), worstResidual: z.string().nullable(), openRisks: z.number(), securityLevel: z.number().nullable() })) } },
  }, (req) => locationRiskSummary(ctx(req)));
  for (const format of ['csv', 'xlsx'] as const) {
    r.get(`/risks/export.${format}`, { schema: { tags, summary: `The register as ${format.toUpperCase()}, with the list filters`, querystring: S.riskListQuery.omit({ page: true, pageSize: true }) } },
      async (req, reply) => sendTable(reply, format, 'risk-register', await exportRegister(ctx(req), { ...req.query, page: 1, pageSize: 500 }, format)));
  }
  r.get('/risks', { schema: { tags, summary: 'Risk registers visible to you', querystring: S.riskListQuery, response: { 200: page(S.riskOut) } } }, (req) => risks.listRisks(ctx(req), req.query));
  r.get('/risks/:id', { schema: { tags, params: S.idParams, response: { 200: S.riskOut } } }, (req) => risks.getRisk(ctx(req), req.params.id));
  r.post('/risks', { schema: { tags, body: S.riskInput, response: { 201: S.riskOut } } }, async (req, reply) => reply.code(201).send(await risks.createRisk(ctx(req), req.body)));
  r.patch('/risks/:id', { schema: { tags, params: S.idParams, body: S.riskPatch, response: { 200: S.riskOut } } }, (req) => risks.updateRisk(ctx(req), req.params.id, req.body));
  r.delete('/risks/:id', { schema: { tags, params: S.idParams, response: noContent } }, async (req, reply) => { await risks.deleteRisk(ctx(req), req.params.id); return reply.code(204).send(null); });
  r.get('/risks/:id/ratings', { schema: { tags, summary: 'Every rating of the risk, oldest first', params: S.idParams, response: { 200: S.ratingHistoryOut } } }, (req) => risks.ratingHistory(ctx(req), req.params.id));
  r.post('/risks/:id/ratings', { schema: { tags, summary: 'Rate the risk (in a joint assessment: for one participating entity)', params: S.idParams, body: S.ratingInput, response: { 201: S.riskOut } } },
    async (req, reply) => reply.code(201).send(await risks.rateRisk(ctx(req), req.params.id, req.body)));

  for (const format of ['csv', 'xlsx'] as const) {
    r.get(`/treatments/export.${format}`, { schema: { tags, summary: `The treatment tracker as ${format.toUpperCase()}, with the list filters`, querystring: S.treatmentListQuery.omit({ page: true, pageSize: true }) } },
      async (req, reply) => sendTable(reply, format, 'treatments', await treatments.exportTreatments(ctx(req), { ...req.query, page: 1, pageSize: 500 }, format)));
  }
  r.get('/treatments', { schema: { tags, summary: 'Treatment tracker: overdue first', querystring: S.treatmentListQuery, response: { 200: page(S.treatmentOut) } } }, (req) => treatments.listTreatments(ctx(req), req.query));
  r.post('/risks/:id/treatments', { schema: { tags, params: S.idParams, body: S.treatmentInput, response: { 201: S.treatmentOut } } },
    async (req, reply) => reply.code(201).send(await treatments.createTreatment(ctx(req), req.params.id, req.body)));
  r.patch('/treatments/:id', { schema: { tags, params: S.idParams, body: S.treatmentPatch, response: { 200: S.treatmentOut } } }, (req) => treatments.updateTreatment(ctx(req), req.params.id, req.body));
  r.delete('/treatments/:id', { schema: { tags, params: S.idParams, response: noContent } }, async (req, reply) => { await treatments.deleteTreatment(ctx(req), req.params.id); return reply.code(204).send(null); });

  r.get('/joint-assessments', { schema: { tags, querystring: S.jointAssessmentListQuery, response: { 200: page(S.jointAssessmentOut) } } }, (req) => joint.listJointAssessments(ctx(req), req.query));
  r.get('/joint-assessments/:id', { schema: { tags, params: S.idParams, response: { 200: S.jointAssessmentOut } } }, (req) => joint.getJointAssessment(ctx(req), req.params.id));
  r.post('/joint-assessments', { schema: { tags, body: S.jointAssessmentInput, response: { 201: S.jointAssessmentOut } } },
    async (req, reply) => reply.code(201).send(await joint.createJointAssessment(ctx(req), req.body)));
  r.patch('/joint-assessments/:id', { schema: { tags, summary: 'Change title, date, status or participants (an entity that has rated stays)', params: S.idParams, body: S.jointAssessmentPatch, response: { 200: S.jointAssessmentOut } } },
    (req) => joint.updateJointAssessment(ctx(req), req.params.id, req.body));
  r.get('/joint-assessments/:id/ratings', { schema: { tags, summary: 'Each entity\'s latest rating of each scenario, side by side', params: S.idParams, response: { 200: S.jointRatingsOut } } },
    (req) => joint.jointRatings(ctx(req), req.params.id));
}
