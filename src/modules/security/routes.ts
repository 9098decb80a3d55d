import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Ctx } from '../../server/context.js';
import * as S from './schema.js';
import * as areas from './areas.service.js';
import * as sra from './sra.service.js';
import * as compliance from './compliance.service.js';
import { sendTable } from '../../server/tabular.js';

export async function securityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { principal: unknown }): Ctx => ({ db: app.orms.db, principal: principalOf(req as never) });
  const tags = ['security'];

  r.get('/security/areas', { schema: { tags, summary: 'Security level areas with their level in force', querystring: S.areaListQuery, response: { 200: z.array(S.areaOut) } } }, (req) => areas.listAreas(ctx(req), req.query));
  r.get('/security/areas/:id', { schema: { tags, params: S.idParams, response: { 200: S.areaOut } } }, (req) => areas.getArea(ctx(req), req.params.id));
  r.post('/security/areas', { schema: { tags, body: S.areaInput, response: { 201: S.areaOut } } }, async (req, reply) => reply.code(201).send(await areas.createArea(ctx(req), req.body)));
  r.patch('/security/areas/:id', { schema: { tags, params: S.idParams, body: S.areaPatch, response: { 200: S.areaOut } } }, (req) => areas.updateArea(ctx(req), req.params.id, req.body));
  r.get('/security/areas/:id/levels', { schema: { tags, summary: 'Security level history, newest first', params: S.idParams, response: { 200: z.array(S.levelOut) } } }, (req) => areas.levelHistory(ctx(req), req.params.id));
  r.post('/security/areas/:id/levels', { schema: { tags, summary: 'Set the security level (1 Minimal … 6 Extreme) with its justification', params: S.idParams, body: S.levelInput, response: { 201: S.levelOut } } },
    async (req, reply) => reply.code(201).send(await areas.setLevel(ctx(req), req.params.id, req.body)));
  r.get('/security/areas/:id/threat-assessments', { schema: { tags, params: S.idParams, response: { 200: z.array(S.threatAssessmentOut) } } }, (req) => areas.listThreatAssessments(ctx(req), req.params.id));
  r.post('/security/areas/:id/threat-assessments', { schema: { tags, params: S.idParams, body: S.threatAssessmentInput, response: { 201: S.threatAssessmentOut } } },
    async (req, reply) => reply.code(201).send(await areas.addThreatAssessment(ctx(req), req.params.id, req.body)));

  r.get('/security/sras', { schema: { tags, summary: 'Security risk assessments', querystring: S.sraListQuery, response: { 200: z.array(S.sraOut) } } }, (req) => sra.listSras(ctx(req), req.query));
  r.get('/security/sras/:id', { schema: { tags, params: S.idParams, response: { 200: S.sraOut } } }, (req) => sra.getSra(ctx(req), req.params.id));
  r.post('/security/sras', { schema: { tags, body: S.sraInput, response: { 201: S.sraOut } } }, async (req, reply) => reply.code(201).send(await sra.createSra(ctx(req), req.body)));
  r.patch('/security/sras/:id', { schema: { tags, params: S.idParams, body: S.sraPatch, response: { 200: S.sraOut } } }, (req) => sra.updateSra(ctx(req), req.params.id, req.body));

  r.get('/security/programmes', { schema: { tags, querystring: S.programmeListQuery, response: { 200: z.array(S.programmeOut) } } }, (req) => sra.listProgrammes(ctx(req), req.query));
  r.post('/security/programmes', { schema: { tags, summary: 'Record a programme and its criticality (PC1–PC4)', body: S.programmeInput, response: { 201: S.programmeOut } } },
    async (req, reply) => reply.code(201).send(await sra.createProgramme(ctx(req), req.body)));
  r.patch('/security/programmes/:id', { schema: { tags, params: S.idParams, body: S.programmePatch, response: { 200: S.programmeOut } } }, (req) => sra.updateProgramme(ctx(req), req.params.id, req.body));
  r.delete('/security/programmes/:id', { schema: { tags, params: S.idParams, response: { 204: z.null() } } }, async (req, reply) => { await sra.deleteProgramme(ctx(req), req.params.id); return reply.code(204).send(null); });
  r.get('/security/acceptable-risk', { schema: { tags, summary: 'Whether each programme\'s residual risk is acceptable for its criticality', querystring: S.acceptableRiskQuery, response: { 200: S.acceptableRiskOut } } },
    (req) => sra.acceptableRiskReport(ctx(req), req.query));

  r.get('/security/compliance/templates', { schema: { tags, summary: 'MOSS / MORSS checklist templates', response: { 200: z.array(S.templateOut) } } }, (req) => compliance.listTemplates(ctx(req)));
  r.post('/security/compliance/templates', { schema: { tags, body: S.templateInput, response: { 201: S.templateOut } } }, async (req, reply) => reply.code(201).send(await compliance.createTemplate(ctx(req), req.body)));
  r.put('/security/compliance/templates/:id', { schema: { tags, params: S.idParams, body: S.templateInput, response: { 200: S.templateOut } } }, (req) => compliance.updateTemplate(ctx(req), req.params.id, req.body));
  r.get('/security/compliance/locations/:locationId/templates/:templateId', { schema: { tags, summary: 'A location\'s checklist', params: S.checklistParams, response: { 200: S.checklistOut } } },
    (req) => compliance.checklist(ctx(req), req.params.locationId, req.params.templateId));
  for (const format of ['csv', 'xlsx'] as const) {
    r.get(`/security/compliance/locations/:locationId/templates/:templateId/export.${format}`, { schema: { tags, summary: `A location's checklist as ${format.toUpperCase()}`, params: S.checklistParams } },
      async (req, reply) => sendTable(reply, format, 'checklist', await compliance.exportChecklist(ctx(req), req.params.locationId, req.params.templateId, format)));
  }
  r.put('/security/compliance/locations/:locationId/items/:itemId', { schema: { tags, summary: 'Assess one checklist item at a location', params: S.checkItemParams, body: S.checkItemInput, response: { 200: S.checklistOut } } },
    (req) => compliance.assessItem(ctx(req), req.params.locationId, req.params.itemId, req.body));
  r.get('/security/compliance/summary', { schema: { tags, summary: 'Compliance percentage per duty station and per country', querystring: S.complianceSummaryQuery, response: { 200: S.complianceSummaryOut } } },
    (req) => compliance.complianceSummary(ctx(req), req.query));
}
