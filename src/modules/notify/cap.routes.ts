import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, type Ctx } from '../../server/context.js';
import { CAP_MEDIA_TYPE } from './cap.js';
import * as cap from './cap.service.js';
import { idParams } from './schema.js';

const publicationOut = z.object({ messageId: z.string(), public: z.boolean(), changedBy: z.string().nullable(), changedAt: z.string().nullable() });

/** CAP 1.2 export of messages, the public-alert flag, and the unauthenticated Atom feed of public alerts. */
export async function capRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: { principal: unknown }): Ctx => ({ db: app.orms.db, principal: principalOf(req as never) });
  const tags = ['notifications'];

  r.get('/messages/:id/cap.xml', { schema: { tags, summary: 'The message as a CAP 1.2 alert (one <info> per language; Draft until sent)', params: idParams } },
    async (req, reply) => reply.type(`${CAP_MEDIA_TYPE}; charset=utf-8`).header('content-disposition', `attachment; filename="alert-${req.params.id}.cap.xml"`)
      .send(await cap.messageCap(ctx(req), req.params.id, cap.baseUrlOf(req))));
  r.get('/messages/:id/publication', { schema: { tags, summary: 'Whether the message is a public alert', params: idParams, response: { 200: publicationOut } } },
    (req) => cap.getPublication(ctx(req), req.params.id));
  r.post('/messages/:id/publication', {
    schema: { tags, summary: 'Publish the message as a public alert (in the Atom feed once sent), or withdraw it', params: idParams, body: z.strictObject({ public: z.boolean() }), response: { 200: publicationOut } },
  }, (req) => cap.setPublication(ctx(req), req.params.id, req.body.public));

  // No sign-in: anyone may read public alerts, as any CAP feed.
  r.get('/public/alerts.atom', { config: { public: true }, schema: { tags, summary: 'Atom feed of sent public alerts (no sign-in)' } },
    async (req, reply) => reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=60').send(await cap.publicFeed(app.orms.db, cap.baseUrlOf(req))));
  r.get('/public/alerts/:id/cap.xml', { config: { public: true }, schema: { tags, summary: 'A sent public alert as CAP 1.2 (no sign-in)', params: idParams } },
    async (req, reply) => reply.type(`${CAP_MEDIA_TYPE}; charset=utf-8`).header('cache-control', 'public, max-age=60').send(await cap.publicCap(app.orms.db, req.params.id, cap.baseUrlOf(req))));
}
