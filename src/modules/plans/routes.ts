import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Ctx } from '../../server/context.js';
import * as S from './schema.js';
import * as plans from './plans.service.js';
import * as versions from './versions.service.js';
import * as review from './review.service.js';
import * as types from './types.service.js';
import * as print from './print.service.js';
import * as inbox from './inbox.service.js';
import { exportPlans } from './register.service.js';
import { sendTable } from '../../server/tabular.js';
import { mailerFromEnv } from './mailer.js';

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
const pdf = { 200: z.any().describe('application/pdf') };

export async function planRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { principal: unknown }): Ctx => ({ db: app.orms.db, principal: principalOf(req as never) });
  const tags = ['plans'];

  r.get('/plan-types', { schema: { tags, summary: 'Plan types with their review cycle', response: { 200: z.array(S.planTypeOut) } } }, (req) => types.listPlanTypes(ctx(req)));
  r.post('/plan-types', { schema: { tags, body: S.planTypeInput, response: { 201: S.planTypeOut } } }, async (req, reply) => reply.code(201).send(await types.createPlanType(ctx(req), req.body)));
  r.patch('/plan-types/:id', { schema: { tags, params: S.idParams, body: S.planTypePatch, response: { 200: S.planTypeOut } } }, (req) => types.updatePlanType(ctx(req), req.params.id, req.body));
  r.get('/plan-templates', { schema: { tags, summary: 'Plan templates, including the ORMS standard template', response: { 200: z.array(S.templateOut) } } }, (req) => types.listTemplates(ctx(req)));
  r.post('/plan-templates', { schema: { tags, body: S.templateInput, response: { 201: S.templateOut } } }, async (req, reply) => reply.code(201).send(await types.createTemplate(ctx(req), req.body)));

  for (const format of ['csv', 'xlsx'] as const) {
    r.get(`/plans/export.${format}`, { schema: { tags, summary: `The plan library as ${format.toUpperCase()}, with the list filters`, querystring: S.planExportQuery } },
      async (req, reply) => sendTable(reply, format, 'plans', await exportPlans(ctx(req), req.query, format)));
  }
  r.get('/plan-approvals', { schema: { tags, summary: 'Your approval inbox: versions in review you may decide on, oldest first', response: { 200: z.array(S.inboxItemOut) } } }, (req) => inbox.approvalInbox(ctx(req)));
  r.get('/plans', { schema: { tags, summary: 'Plans visible to you', querystring: S.planListQuery, response: { 200: page(S.planOut) } } }, (req) => plans.listPlans(ctx(req), req.query));
  r.post('/plans', { schema: { tags, summary: 'Create a plan; its first draft starts from a template', body: S.planInput, response: { 201: S.planOut } } },
    async (req, reply) => reply.code(201).send(await plans.createPlan(ctx(req), req.body)));
  r.get('/plans/:id', { schema: { tags, params: S.idParams, response: { 200: S.planOut } } }, (req) => plans.getPlan(ctx(req), req.params.id));
  r.patch('/plans/:id', { schema: { tags, params: S.idParams, body: S.planPatch, response: { 200: S.planOut } } }, (req) => plans.updatePlan(ctx(req), req.params.id, req.body));
  r.get('/plans/:id/pdf', { schema: { tags, summary: 'The plan in force (or the latest draft) as PDF', params: S.idParams, response: pdf } },
    async (req, reply) => { const f = await print.planPdf(ctx(req), req.params.id); return reply.type('application/pdf').header('content-disposition', `attachment; filename="${f.filename}"`).send(f.pdf); });

  r.get('/plans/:id/versions', { schema: { tags, summary: 'Versions, newest first', params: S.idParams, response: { 200: z.array(S.versionOut) } } }, (req) => versions.listVersions(ctx(req), req.params.id));
  r.post('/plans/:id/versions', { schema: { tags, summary: 'Start the next version from the latest', params: S.idParams, body: S.newVersionInput, response: { 201: S.versionDetailOut } } },
    async (req, reply) => reply.code(201).send(await versions.newVersion(ctx(req), req.params.id, req.body)));
  r.get('/plans/:id/diff', { schema: { tags, summary: 'Compare two versions line by line', params: S.idParams, querystring: S.diffQuery, response: { 200: S.diffOut } } },
    (req) => versions.diffVersions(ctx(req), req.params.id, req.query.from, req.query.to));
  r.get('/plans/:id/versions/:versionId', { schema: { tags, params: S.versionParams, response: { 200: S.versionDetailOut } } }, (req) => versions.getVersion(ctx(req), req.params.id, req.params.versionId));
  r.put('/plans/:id/versions/:versionId', { schema: { tags, summary: 'Save a draft version\'s content (submitted and approved versions never change: 409)', params: S.versionParams, body: S.draftInput, response: { 200: S.versionDetailOut } } },
    (req) => versions.saveDraft(ctx(req), req.params.id, req.params.versionId, req.body));
  r.get('/plans/:id/versions/:versionId/directory', { schema: { tags, summary: 'The people and teams the version names, as they are now (names, contact points, members)', params: S.versionParams, response: { 200: S.directoryOut } } },
    (req) => print.versionDirectory(ctx(req), req.params.id, req.params.versionId));
  r.get('/plans/:id/versions/:versionId/pdf', { schema: { tags, params: S.versionParams, response: pdf } },
    async (req, reply) => { const f = await print.planPdf(ctx(req), req.params.id, req.params.versionId); return reply.type('application/pdf').header('content-disposition', `attachment; filename="${f.filename}"`).send(f.pdf); });
  r.post('/plans/:id/versions/:versionId/submit', { schema: { tags, summary: 'Submit a draft for approval', params: S.versionParams, body: S.decisionInput, response: { 200: S.versionOut } } },
    (req) => versions.submitVersion(ctx(req), req.params.id, req.params.versionId, req.body));
  r.post('/plans/:id/versions/:versionId/approve', { schema: { tags, summary: 'Approve a version in review (not your own draft, unless the plan type allows it)', params: S.versionParams, body: S.decisionInput, response: { 200: S.planOut } } },
    (req) => versions.approveVersion(ctx(req), req.params.id, req.params.versionId, req.body));
  r.post('/plans/:id/versions/:versionId/return', { schema: { tags, summary: 'Return a version in review to its drafters, with a comment', params: S.versionParams, body: S.decisionInput, response: { 200: S.versionOut } } },
    (req) => versions.returnVersion(ctx(req), req.params.id, req.params.versionId, req.body));
  r.get('/plans/:id/versions/:versionId/comments', { schema: { tags, summary: 'The approval workflow of a version: submissions, comments, decisions', params: S.versionParams, response: { 200: z.array(S.approvalEventOut) } } },
    (req) => versions.listEvents(ctx(req), req.params.id, req.params.versionId));
  r.post('/plans/:id/versions/:versionId/comments', { schema: { tags, params: S.versionParams, body: S.commentInput, response: { 201: z.array(S.approvalEventOut) } } },
    async (req, reply) => reply.code(201).send(await versions.commentVersion(ctx(req), req.params.id, req.params.versionId, req.body.comment)));

  r.get('/plans/:id/review-triggers', { schema: { tags, params: S.idParams, response: { 200: z.array(S.triggerOut) } } }, (req) => review.listTriggers(ctx(req), req.params.id));
  r.post('/plans/:id/review-triggers', { schema: { tags, summary: 'Flag the plan for review (exercise finding, real event, organizational change …)', params: S.idParams, body: S.triggerInput, response: { 201: S.triggerOut } } },
    async (req, reply) => reply.code(201).send(await review.triggerReview(ctx(req), req.params.id, req.body)));
  r.get('/plans/:id/activations', { schema: { tags, params: S.idParams, response: { 200: z.array(S.activationOut) } } }, (req) => review.listActivations(ctx(req), req.params.id));
  r.post('/plans/:id/activations', { schema: { tags, summary: 'Activate the approved plan: its checklists become tasks', params: S.idParams, body: S.activationInput, response: { 201: S.activationOut } } },
    async (req, reply) => reply.code(201).send(await review.activatePlan(ctx(req), req.params.id, req.body)));
  r.patch('/plans/:id/tasks/:taskId', { schema: { tags, params: S.taskParams, body: S.taskPatch, response: { 200: S.activationOut } } }, (req) => review.setTaskStatus(ctx(req), req.params.id, req.params.taskId, req.body.status));

  r.get('/plan-reminders', { schema: { tags, summary: 'Your review reminders as a plan owner', response: { 200: z.array(S.reminderOut) } } }, (req) => review.myReminders(ctx(req)));
  r.post('/plan-reminders/:id/read', { schema: { tags, summary: 'Mark one of your reminders as read', params: S.reminderParams, response: { 200: S.reminderOut } } },
    (req) => review.markReminderRead(ctx(req), req.params.id));
  r.post('/plan-reminders/run', { schema: { tags, summary: 'Send due and overdue review reminders now (administrators; a scheduler may call it daily)', body: z.strictObject({ day: z.iso.date().optional() }).default({}), response: { 200: S.reminderRunOut } } },
    async (req) => {
      review.assertCanRunReminders(ctx(req));
      const mailer = mailerFromEnv();
      try { return await review.runReviewReminders(app.orms.db, mailer, req.body.day); } finally { mailer?.close(); }
    });

  r.get('/wallet-cards', { schema: { tags, summary: 'Wallet cards you may read, by duty station', response: { 200: S.walletCardListOut } } }, (req) => print.listWalletCards(ctx(req)));
  r.get('/wallet-cards/mine.pdf', { schema: { tags, summary: 'The wallet card of your duty station', response: pdf } }, async (req, reply) => reply.type('application/pdf').send(await print.myWalletCardPdf(ctx(req))));
  r.get('/wallet-cards/:locationId', { schema: { tags, params: S.locationParams, response: { 200: S.walletCardOut } } }, (req) => print.getWalletCard(ctx(req), req.params.locationId));
  r.put('/wallet-cards/:locationId', { schema: { tags, summary: 'Emergency numbers and first actions of a duty station', params: S.locationParams, body: S.walletCardInput, response: { 200: S.walletCardOut } } },
    (req) => print.putWalletCard(ctx(req), req.params.locationId, req.body));
  r.get('/wallet-cards/:locationId/pdf', { schema: { tags, summary: 'Credit-card-size PDF', params: S.locationParams, response: pdf } },
    async (req, reply) => reply.type('application/pdf').send(await print.walletCardPdf(ctx(req), req.params.locationId)));
}
