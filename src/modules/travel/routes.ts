import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Ctx } from '../../server/context.js';
import { sendTable } from '../../server/tabular.js';
import * as S from './schema.js';
import * as trips from './trips.service.js';
import * as where from './whereabouts.service.js';

export async function travelRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { principal: unknown }): Ctx => ({ db: app.orms.db, principal: principalOf(req as never) });
  const tags = ['travel'];

  r.get('/travel/trips', { schema: { tags, summary: 'Travel requests: your own, those you filed, and those within your scope (of the traveller or a destination)', querystring: S.tripListQuery, response: { 200: S.tripPageOut } } },
    (req) => trips.listTrips(ctx(req), req.query));
  r.get('/travel/trips/:id', { schema: { tags, params: S.idParams, response: { 200: S.tripOut } } }, (req) => trips.getTrip(ctx(req), req.params.id));
  r.post('/travel/trips', { schema: { tags, summary: 'File a travel request (a draft) with its itinerary', body: S.tripInput, response: { 201: S.tripOut } } },
    async (req, reply) => reply.code(201).send(await trips.createTrip(ctx(req), req.body)));
  r.patch('/travel/trips/:id', { schema: { tags, summary: 'Change a draft or refused request (it becomes a draft again)', params: S.idParams, body: S.tripPatch, response: { 200: S.tripOut } } },
    (req) => trips.updateTrip(ctx(req), req.params.id, req.body));
  r.post('/travel/trips/:id/submit', { schema: { tags, summary: 'Ask the destinations\' security advisers for clearance', params: S.idParams, response: { 200: S.tripOut } } },
    (req) => trips.submitTrip(ctx(req), req.params.id));
  r.post('/travel/trips/:id/cancel', { schema: { tags, params: S.idParams, response: { 200: S.tripOut } } }, (req) => trips.cancelTrip(ctx(req), req.params.id));
  r.post('/travel/trips/:id/legs/:legId/clearance', {
    schema: { tags, summary: 'Clear or refuse one leg (the destination\'s security adviser; not your own request); a refusal needs a comment', params: S.legParams, body: S.decisionInput, response: { 200: S.tripOut } },
  }, (req) => trips.decideLeg(ctx(req), req.params.id, req.params.legId, req.body));
  r.get('/travel/clearances', {
    schema: { tags, summary: 'Legs waiting for your clearance (destinations in your scope), or those you decided', querystring: z.strictObject({ status: z.enum(['pending', 'decided']).default('pending') }), response: { 200: z.array(S.clearanceItemOut) } },
  }, (req) => trips.clearanceInbox(ctx(req), req.query.status));

  r.get('/travel/people/:personId/whereabouts', { schema: { tags, summary: 'Where a person is on a day: trip leg, recent self-report, or home duty station', params: S.personParams, querystring: S.whereaboutsQuery, response: { 200: S.personWhereaboutsOut } } },
    (req) => where.getWhereabouts(ctx(req), req.params.personId, req.query.on));
  r.post('/travel/people/:personId/whereabouts', { schema: { tags, summary: 'Record where a person is now (yourself, or people within your scope)', params: S.personParams, body: S.reportInput, response: { 201: S.personWhereaboutsOut } } },
    async (req, reply) => reply.code(201).send(await where.reportWhereabouts(ctx(req), req.params.personId, req.body)));
  r.get('/travel/travellers', { schema: { tags, summary: 'People away from their home duty station on a day, per duty station', querystring: S.travellersQuery, response: { 200: S.travellersOut } } },
    (req) => where.travellers(ctx(req), req.query));
  for (const format of ['csv', 'xlsx'] as const) {
    r.get(`/travel/travellers/export.${format}`, { schema: { tags, summary: `Travellers on a day as ${format.toUpperCase()}`, querystring: S.travellersQuery } },
      async (req, reply) => sendTable(reply, format, 'travellers', await where.exportTravellers(ctx(req), req.query, format)));
  }
}
