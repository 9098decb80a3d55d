import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../server/context.js';
import { principalOf } from '../../server/context.js';
import * as S from './schema.js';
import * as entities from './entities.service.js';
import * as countries from './countries.service.js';
import * as locations from './locations.service.js';
import * as people from './people.service.js';
import * as teams from './teams.service.js';
import { registerCsvRoutes } from './csv.routes.js';

const noContent = { 204: z.null().describe('Done') };

export async function orgRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { principal: unknown }): Ctx => ({ db: app.orms.db, principal: principalOf(req as never) });

  // ---- entities
  r.get('/entities', { schema: { tags: ['organization'], summary: 'List entities', querystring: S.entityListQuery, response: { 200: S.page(S.entityOut) } } },
    (req) => entities.listEntities(ctx(req), req.query));
  r.get('/entities/:id', { schema: { tags: ['organization'], params: S.idParams, response: { 200: S.entityOut } } },
    (req) => entities.getEntity(ctx(req), req.params.id));
  r.post('/entities', { schema: { tags: ['organization'], body: S.entityInput, response: { 201: S.entityOut } } },
    async (req, reply) => reply.code(201).send(await entities.createEntity(ctx(req), req.body)));
  r.patch('/entities/:id', { schema: { tags: ['organization'], params: S.idParams, body: S.entityPatch, response: { 200: S.entityOut } } },
    (req) => entities.updateEntity(ctx(req), req.params.id, req.body));
  r.delete('/entities/:id', { schema: { tags: ['organization'], params: S.idParams, response: noContent } },
    async (req, reply) => { await entities.deleteEntity(ctx(req), req.params.id); return reply.code(204).send(null); });

  // ---- countries (ISO 3166 reference data, read-only)
  r.get('/countries', { schema: { tags: ['organization'], querystring: S.countryListQuery, response: { 200: S.page(S.countryOut) } } },
    (req) => countries.listCountries(ctx(req), req.query));
  r.get('/countries/:code', { schema: { tags: ['organization'], params: S.countryParams, response: { 200: S.countryOut } } },
    (req) => countries.getCountry(ctx(req), req.params.code));

  // ---- locations
  r.get('/locations', { schema: { tags: ['organization'], querystring: S.locationListQuery, response: { 200: S.page(S.locationOut) } } },
    (req) => locations.listLocations(ctx(req), req.query));
  r.get('/locations/duty-stations', {
    schema: {
      tags: ['organization'], summary: 'Every duty station, compact (for maps and pickers)',
      response: { 200: z.array(z.object({ id: z.string(), name: z.string(), countryCode: z.string(), city: z.string().nullable(), latitude: z.number().nullable(), longitude: z.number().nullable(), timeZone: z.string() })) },
    },
  }, (req) => locations.dutyStationPoints(ctx(req)));
  r.get('/locations/:id', { schema: { tags: ['organization'], params: S.idParams, response: { 200: S.locationOut } } },
    (req) => locations.getLocation(ctx(req), req.params.id));
  r.post('/locations', { schema: { tags: ['organization'], body: S.locationInput, response: { 201: S.locationOut } } },
    async (req, reply) => reply.code(201).send(await locations.createLocation(ctx(req), req.body)));
  r.patch('/locations/:id', { schema: { tags: ['organization'], params: S.idParams, body: S.locationPatch, response: { 200: S.locationOut } } },
    (req) => locations.updateLocation(ctx(req), req.params.id, req.body));
  r.delete('/locations/:id', { schema: { tags: ['organization'], params: S.idParams, response: noContent } },
    async (req, reply) => { await locations.deleteLocation(ctx(req), req.params.id); return reply.code(204).send(null); });

  // ---- people
  r.get('/people', { schema: { tags: ['organization'], querystring: S.personListQuery, response: { 200: S.page(S.personOut) } } },
    (req) => people.listPeople(ctx(req), req.query));
  r.get('/people/:id', { schema: { tags: ['organization'], params: S.idParams, response: { 200: S.personOut } } },
    (req) => people.getPerson(ctx(req), req.params.id));
  r.post('/people', { schema: { tags: ['organization'], body: S.personInput, response: { 201: S.personOut } } },
    async (req, reply) => reply.code(201).send(await people.createPerson(ctx(req), req.body)));
  r.patch('/people/:id', { schema: { tags: ['organization'], params: S.idParams, body: S.personPatch, response: { 200: S.personOut } } },
    (req) => people.updatePerson(ctx(req), req.params.id, req.body));
  r.delete('/people/:id', { schema: { tags: ['organization'], params: S.idParams, response: noContent } },
    async (req, reply) => { await people.deletePerson(ctx(req), req.params.id); return reply.code(204).send(null); });

  // ---- teams
  r.get('/teams', { schema: { tags: ['organization'], querystring: S.teamListQuery, response: { 200: S.page(S.teamOut) } } },
    (req) => teams.listTeams(ctx(req), req.query));
  r.get('/teams/:id', { schema: { tags: ['organization'], params: S.idParams, response: { 200: S.teamOut } } },
    (req) => teams.getTeam(ctx(req), req.params.id));
  r.post('/teams', { schema: { tags: ['organization'], body: S.teamInput, response: { 201: S.teamOut } } },
    async (req, reply) => reply.code(201).send(await teams.createTeam(ctx(req), req.body)));
  r.patch('/teams/:id', { schema: { tags: ['organization'], params: S.idParams, body: S.teamPatch, response: { 200: S.teamOut } } },
    (req) => teams.updateTeam(ctx(req), req.params.id, req.body));
  r.delete('/teams/:id', { schema: { tags: ['organization'], params: S.idParams, response: noContent } },
    async (req, reply) => { await teams.deleteTeam(ctx(req), req.params.id); return reply.code(204).send(null); });
  r.post('/teams/:id/members', { schema: { tags: ['organization'], params: S.idParams, body: S.memberInput, response: { 201: z.array(S.memberOut) } } },
    async (req, reply) => reply.code(201).send(await teams.addMember(ctx(req), req.params.id, req.body)));
  r.patch('/teams/:id/members/:personId', { schema: { tags: ['organization'], params: S.memberParams, body: S.memberPatch, response: { 200: z.array(S.memberOut) } } },
    (req) => teams.updateMember(ctx(req), req.params.id, req.params.personId, req.body.role));
  r.delete('/teams/:id/members/:personId', { schema: { tags: ['organization'], params: S.memberParams, response: noContent } },
    async (req, reply) => { await teams.removeMember(ctx(req), req.params.id, req.params.personId); return reply.code(204).send(null); });

  registerCsvRoutes(app, ctx);
}
