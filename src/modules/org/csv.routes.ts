import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../server/context.js';
import { forbidden } from '../../server/errors.js';
import { canAnywhere } from './policy.js';
import * as csv from './csv.service.js';
import { id } from './schema.js';

export const CSV_BODY_LIMIT = 64 * 1024 * 1024;

const importQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });
const importResult = z.object({ total: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), dryRun: z.boolean() });
const csvBody = z.string().describe('CSV text with a header row');
const exportQuery = z.strictObject({ entityId: id.optional(), locationId: id.optional() });

function sendCsv(reply: { header(k: string, v: string): unknown }, name: string) {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.csv"`);
}

export function registerCsvRoutes(app: FastifyInstance, ctx: (req: FastifyRequest) => Ctx) {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT }, (_req, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organization'];

  r.post('/people/import', {
    bodyLimit: CSV_BODY_LIMIT,
    schema: { tags, summary: 'Import people from CSV (whole file validated first; idempotent by external_id)', querystring: importQuery, body: csvBody, response: { 200: importResult } },
  }, async (req) => {
    if (!canAnywhere(ctx(req).principal, 'person.write')) throw forbidden('You may not import people');
    return csv.importPeople(ctx(req), req.body, req.query.dryRun);
  });
  r.get('/people/export.csv', { schema: { tags, summary: 'Export people visible to you as CSV', querystring: exportQuery } },
    async (req, reply) => {
      const text = await csv.exportPeople(ctx(req), req.query);
      sendCsv(reply, 'people');
      return reply.send(text);
    });
  r.post('/locations/import', {
    bodyLimit: CSV_BODY_LIMIT,
    schema: { tags, summary: 'Import duty stations and premises from CSV', querystring: importQuery, body: csvBody, response: { 200: importResult } },
  }, async (req) => {
    if (!canAnywhere(ctx(req).principal, 'location.write')) throw forbidden('You may not import locations');
    return csv.importLocations(ctx(req), req.body, req.query.dryRun);
  });
  r.get('/locations/export.csv', { schema: { tags, summary: 'Export all locations as CSV' } },
    async (req, reply) => {
      const text = await csv.exportLocations(ctx(req));
      sendCsv(reply, 'locations');
      return reply.send(text);
    });
}
