import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Ctx } from '../../server/context.js';
import { sendTable } from '../../server/tabular.js';
import * as S from './schema.js';
import * as settings from './settings.service.js';
import * as campaigns from './campaigns.service.js';
import * as processes from './processes.service.js';
import * as applications from './applications.service.js';
import * as dataCentres from './data-centres.service.js';
import * as vendors from './vendors.service.js';
import * as dependencies from './dependencies.service.js';
import * as strategies from './strategies.service.js';
import * as analysis from './analysis.service.js';
import { exportApplications, exportGaps, exportProcesses } from './export.service.js';
import { exportDependencies, importDependencies } from './dependencies-csv.service.js';
import * as map from './map.service.js';

const CSV_BODY_LIMIT = 16 * 1024 * 1024;

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
const noContent = { 204: z.null() };
const FORMATS = ['csv', 'xlsx'] as const;

export async function continuityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { principal: unknown }): Ctx => ({ db: app.orms.db, principal: principalOf(req as never) });
  const tags = ['continuity'];
  const base = '/continuity';
  // Encapsulated: this plugin reads CSV bodies for its own imports.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_req, body, done) => done(null, body));

  r.get(`${base}/settings`, { schema: { tags, summary: 'BIA settings: impact scale, dimensions and the intolerable level that sets each MTPD', response: { 200: S.settingsOut } } }, (req) => settings.getSettings(ctx(req)));
  r.put(`${base}/settings`, { schema: { tags, summary: 'Change the intolerable impact level (re-derives every MTPD)', body: S.settingsInput, response: { 200: S.settingsOut } } }, (req) => settings.updateSettings(ctx(req), req.body));

  // ---- BIA campaigns and their questionnaire flow
  r.get(`${base}/campaigns`, { schema: { tags, summary: 'BIA campaigns visible to you', querystring: S.campaignListQuery, response: { 200: page(S.campaignOut) } } }, (req) => campaigns.listCampaigns(ctx(req), req.query));
  r.get(`${base}/campaigns/:id`, { schema: { tags, params: S.idParams, response: { 200: S.campaignOut } } }, (req) => campaigns.getCampaign(ctx(req), req.params.id));
  r.post(`${base}/campaigns`, { schema: { tags, body: S.campaignInput, response: { 201: S.campaignOut } } }, async (req, reply) => reply.code(201).send(await campaigns.createCampaign(ctx(req), req.body)));
  r.patch(`${base}/campaigns/:id`, { schema: { tags, params: S.idParams, body: S.campaignPatch, response: { 200: S.campaignOut } } }, (req) => campaigns.updateCampaign(ctx(req), req.params.id, req.body));
  r.delete(`${base}/campaigns/:id`, { schema: { tags, summary: 'Delete a campaign with its processes and their dependencies', params: S.idParams, response: noContent } },
    async (req, reply) => { await campaigns.deleteCampaign(ctx(req), req.params.id); return reply.code(204).send(null); });
  r.post(`${base}/campaigns/:id/submit`, { schema: { tags, summary: 'Submit for review once every questionnaire is submitted', params: S.idParams, response: { 200: S.campaignOut } } }, (req) => campaigns.submitCampaign(ctx(req), req.params.id));
  r.post(`${base}/campaigns/:id/approve`, { schema: { tags, summary: 'Approve a campaign in review', params: S.idParams, response: { 200: S.campaignOut } } }, (req) => campaigns.approveCampaign(ctx(req), req.params.id));
  r.post(`${base}/campaigns/:id/reopen`, { schema: { tags, summary: 'Send a campaign back to draft to change answers', params: S.idParams, response: { 200: S.campaignOut } } }, (req) => campaigns.reopenCampaign(ctx(req), req.params.id));

  for (const format of FORMATS) {
    r.get(`${base}/processes/export.${format}`, { schema: { tags, summary: `Critical processes as ${format.toUpperCase()}, with the list filters`, querystring: S.processListQuery.omit({ page: true, pageSize: true }) } },
      async (req, reply) => sendTable(reply, format, 'critical-processes', await exportProcesses(ctx(req), { ...req.query, page: 1, pageSize: 500 }, format)));
    r.get(`${base}/applications/export.${format}`, { schema: { tags, summary: `Applications and ICT services as ${format.toUpperCase()}`, querystring: S.applicationListQuery.omit({ page: true, pageSize: true }) } },
      async (req, reply) => sendTable(reply, format, 'applications', await exportApplications(ctx(req), { ...req.query, page: 1, pageSize: 500 }, format)));
    r.get(`${base}/gaps/export.${format}`, { schema: { tags, summary: `RTO/RPO gaps as ${format.toUpperCase()}, worst first`, querystring: S.gapListQuery.omit({ page: true, pageSize: true }) } },
      async (req, reply) => sendTable(reply, format, 'continuity-gaps', await exportGaps(ctx(req), req.query, format)));
  }

  r.get(`${base}/processes`, { schema: { tags, summary: 'Critical processes visible to you (and those you own)', querystring: S.processListQuery, response: { 200: page(S.processOut) } } }, (req) => processes.listProcesses(ctx(req), req.query));
  r.get(`${base}/processes/:id`, { schema: { tags, params: S.idParams, response: { 200: S.processOut } } }, (req) => processes.getProcess(ctx(req), req.params.id));
  r.post(`${base}/processes`, { schema: { tags, body: S.processInput, response: { 201: S.processOut } } }, async (req, reply) => reply.code(201).send(await processes.createProcess(ctx(req), req.body)));
  r.patch(`${base}/processes/:id`, { schema: { tags, params: S.idParams, body: S.processPatch, response: { 200: S.processOut } } }, (req) => processes.updateProcess(ctx(req), req.params.id, req.body));
  r.delete(`${base}/processes/:id`, { schema: { tags, params: S.idParams, response: noContent } }, async (req, reply) => { await processes.deleteProcess(ctx(req), req.params.id); return reply.code(204).send(null); });
  r.put(`${base}/processes/:id/questionnaire`, { schema: { tags, summary: 'Save questionnaire answers (the process owner may); MTPD is derived from the impact ratings', params: S.idParams, body: S.questionnaireInput, response: { 200: S.processOut } } },
    (req) => processes.saveQuestionnaire(ctx(req), req.params.id, req.body));
  r.post(`${base}/processes/:id/submit`, { schema: { tags, summary: 'Submit a complete questionnaire', params: S.idParams, response: { 200: S.processOut } } }, (req) => processes.submitQuestionnaire(ctx(req), req.params.id));

  r.get(`${base}/applications`, { schema: { tags, summary: 'Applications and ICT services', querystring: S.applicationListQuery, response: { 200: page(S.applicationOut) } } }, (req) => applications.listApplications(ctx(req), req.query));
  r.get(`${base}/applications/:id`, { schema: { tags, params: S.idParams, response: { 200: S.applicationOut } } }, (req) => applications.getApplication(ctx(req), req.params.id));
  r.post(`${base}/applications`, { schema: { tags, body: S.applicationInput, response: { 201: S.applicationOut } } }, async (req, reply) => reply.code(201).send(await applications.createApplication(ctx(req), req.body)));
  r.patch(`${base}/applications/:id`, { schema: { tags, params: S.idParams, body: S.applicationPatch, response: { 200: S.applicationOut } } }, (req) => applications.updateApplication(ctx(req), req.params.id, req.body));
  r.delete(`${base}/applications/:id`, { schema: { tags, params: S.idParams, response: noContent } }, async (req, reply) => { await applications.deleteApplication(ctx(req), req.params.id); return reply.code(204).send(null); });
  r.get(`${base}/applications/:id/dr-tests`, { schema: { tags, summary: 'DR tests, latest first', params: S.idParams, response: { 200: z.array(S.drTestOut) } } }, (req) => applications.listDrTests(ctx(req), req.params.id));
  r.post(`${base}/applications/:id/dr-tests`, { schema: { tags, summary: 'Record a DR test; the latest sets the achievable RTO/RPO', params: S.idParams, body: S.drTestInput, response: { 201: S.drTestOut } } },
    async (req, reply) => reply.code(201).send(await applications.recordDrTest(ctx(req), req.params.id, req.body)));

  r.get(`${base}/data-centres`, { schema: { tags, querystring: S.dataCentreListQuery, response: { 200: page(S.dataCentreOut) } } }, (req) => dataCentres.listDataCentres(ctx(req), req.query));
  r.get(`${base}/data-centres/:id`, { schema: { tags, params: S.idParams, response: { 200: S.dataCentreOut } } }, (req) => dataCentres.getDataCentre(ctx(req), req.params.id));
  r.post(`${base}/data-centres`, { schema: { tags, body: S.dataCentreInput, response: { 201: S.dataCentreOut } } }, async (req, reply) => reply.code(201).send(await dataCentres.createDataCentre(ctx(req), req.body)));
  r.patch(`${base}/data-centres/:id`, { schema: { tags, params: S.idParams, body: S.dataCentrePatch, response: { 200: S.dataCentreOut } } }, (req) => dataCentres.updateDataCentre(ctx(req), req.params.id, req.body));
  r.delete(`${base}/data-centres/:id`, { schema: { tags, params: S.idParams, response: noContent } }, async (req, reply) => { await dataCentres.deleteDataCentre(ctx(req), req.params.id); return reply.code(204).send(null); });

  r.get(`${base}/vendors`, { schema: { tags, querystring: S.vendorListQuery, response: { 200: page(S.vendorOut) } } }, (req) => vendors.listVendors(ctx(req), req.query));
  r.get(`${base}/vendors/:id`, { schema: { tags, params: S.idParams, response: { 200: S.vendorOut } } }, (req) => vendors.getVendor(ctx(req), req.params.id));
  r.post(`${base}/vendors`, { schema: { tags, body: S.vendorInput, response: { 201: S.vendorOut } } }, async (req, reply) => reply.code(201).send(await vendors.createVendor(ctx(req), req.body)));
  r.patch(`${base}/vendors/:id`, { schema: { tags, params: S.idParams, body: S.vendorPatch, response: { 200: S.vendorOut } } }, (req) => vendors.updateVendor(ctx(req), req.params.id, req.body));
  r.delete(`${base}/vendors/:id`, { schema: { tags, params: S.idParams, response: noContent } }, async (req, reply) => { await vendors.deleteVendor(ctx(req), req.params.id); return reply.code(204).send(null); });

  r.post(`${base}/dependencies/import`, {
    bodyLimit: CSV_BODY_LIMIT,
    schema: { tags, summary: 'Import dependencies from CSV: from, from_type, to, to_type, needed_within_hours, alternates (ref|readiness|hours;…), note. Whole file validated first; rows for existing edges update them', querystring: S.importQuery, body: z.string().describe('CSV text with a header row'), response: { 200: S.importResult } },
  }, (req) => importDependencies(ctx(req), req.body, req.query.dryRun));
  for (const format of FORMATS) {
    r.get(`${base}/dependencies/export.${format}`, { schema: { tags, summary: `Dependencies as ${format.toUpperCase()}, in the import's columns`, querystring: S.dependencyListQuery.omit({ page: true, pageSize: true }) } },
      async (req, reply) => sendTable(reply, format, 'dependencies', await exportDependencies(ctx(req), req.query, format)));
  }
  r.get(`${base}/nodes`, { schema: { tags, summary: 'Nodes of the dependency map (processes, applications, data centres, premises, duty stations, vendors, key people) by name, type or id', querystring: S.nodeListQuery, response: { 200: page(S.mapNodeOut) } } },
    (req) => map.listNodes(ctx(req), req.query));
  r.get(`${base}/graph`, { schema: { tags, summary: 'The neighbourhood of one node: what it needs and what needs it, up to depth steps, with alternates and failover sites', querystring: S.graphQuery, response: { 200: S.graphOut } } },
    (req) => map.neighbourhood(ctx(req), req.query));
  r.get(`${base}/dependencies`, { schema: { tags, summary: 'Dependency edges of processes and applications you can see', querystring: S.dependencyListQuery, response: { 200: page(S.dependencyOut) } } }, (req) => dependencies.listDependencies(ctx(req), req.query));
  r.get(`${base}/dependencies/:id`, { schema: { tags, params: S.idParams, response: { 200: S.dependencyOut } } }, (req) => dependencies.getDependency(ctx(req), req.params.id));
  r.post(`${base}/dependencies`, { schema: { tags, summary: 'Add a dependency (cycles are allowed; self-loops and missing nodes are not)', body: S.dependencyInput, response: { 201: S.dependencyOut } } },
    async (req, reply) => reply.code(201).send(await dependencies.createDependency(ctx(req), req.body)));
  r.patch(`${base}/dependencies/:id`, { schema: { tags, params: S.idParams, body: S.dependencyPatch, response: { 200: S.dependencyOut } } }, (req) => dependencies.updateDependency(ctx(req), req.params.id, req.body));
  r.delete(`${base}/dependencies/:id`, { schema: { tags, params: S.idParams, response: noContent } }, async (req, reply) => { await dependencies.deleteDependency(ctx(req), req.params.id); return reply.code(204).send(null); });

  r.get(`${base}/strategies`, { schema: { tags, summary: 'BC strategies of processes you can see', querystring: S.strategyListQuery, response: { 200: page(S.strategyOut) } } }, (req) => strategies.listStrategies(ctx(req), req.query));
  r.get(`${base}/strategies/:id`, { schema: { tags, params: S.idParams, response: { 200: S.strategyOut } } }, (req) => strategies.getStrategy(ctx(req), req.params.id));
  r.post(`${base}/strategies`, { schema: { tags, body: S.strategyInput, response: { 201: S.strategyOut } } }, async (req, reply) => reply.code(201).send(await strategies.createStrategy(ctx(req), req.body)));
  r.patch(`${base}/strategies/:id`, { schema: { tags, params: S.idParams, body: S.strategyPatch, response: { 200: S.strategyOut } } }, (req) => strategies.updateStrategy(ctx(req), req.params.id, req.body));
  r.delete(`${base}/strategies/:id`, { schema: { tags, params: S.idParams, response: noContent } }, async (req, reply) => { await strategies.deleteStrategy(ctx(req), req.params.id); return reply.code(204).send(null); });

  r.post(`${base}/simulate`, { schema: { tags, summary: 'What if: lose nodes, duty stations or a share of staff; affected processes worst first, time to MTPD breach, timeline', body: S.scenarioInput, response: { 200: S.simulationOut } } },
    (req) => analysis.simulate(ctx(req), req.body));
  r.get(`${base}/gaps`, { schema: { tags, summary: 'RTO/RPO gaps between what processes require and what their dependencies deliver, worst first', querystring: S.gapListQuery, response: { 200: page(S.gapOut) } } },
    (req) => analysis.gapPage(ctx(req), req.query));
  r.get(`${base}/spof`, { schema: { tags, summary: 'Single points of failure: resources whose loss alone leaves processes down for good', response: { 200: S.spofOut } } }, (req) => analysis.spof(ctx(req)));
}
