import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fetchPage, pageParams } from '../../db/paging.js';
import { principalOf } from '../../server/context.js';
import { badRequest, forbidden } from '../../server/errors.js';
import { auditScope } from './policy.js';

const isoDate = z.iso.datetime({ offset: true, message: 'ISO-8601 date-time, e.g. 2026-01-31T00:00:00Z' }).or(z.iso.date());
const query = z.strictObject({
  page: pageParams.page,
  pageSize: pageParams.pageSize,
  subjectType: z.string().max(50).optional(),
  subjectId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  action: z.string().max(50).optional(),
  entityId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
const eventOut = z.object({
  id: z.string(), at: z.string(), actorId: z.string().nullable(), actorEmail: z.string().nullable(), action: z.string(),
  subjectType: z.string(), subjectId: z.string(), entityId: z.string().nullable(), locationId: z.string().nullable(),
  before: z.unknown(), after: z.unknown(),
});

const toIso = (v: string) => new Date(v).toISOString();
/** A plain date as the end of a range means the end of that (UTC) day, so `to=2026-01-31` includes the 31st. */
const toEndIso = (v: string) => (v.length === 10 ? new Date(Date.parse(v) + 86_400_000 - 1).toISOString() : toIso(v));

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/audit', {
    schema: {
      tags: ['audit'], summary: 'The audit trail, newest first, within your scope (append-only: no route changes it)',
      querystring: query, response: { 200: z.object({ items: z.array(eventOut), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => {
    const q = req.query;
    const scope = auditScope(principalOf(req));
    if (!scope.all && !scope.entityIds.length && !scope.locationIds.length) throw forbidden('You may not read the audit log');
    if (q.from && q.to && toIso(q.from) > toEndIso(q.to)) throw badRequest('from is after to', { from: 'Must not be after to' });
    let qb = app.orms.db.selectFrom('audit_events').selectAll();
    if (!scope.all) {
      qb = qb.where((eb) => eb.or([
        ...(scope.entityIds.length ? [eb('entity_id', 'in', scope.entityIds)] : []),
        ...(scope.locationIds.length ? [eb('location_id', 'in', scope.locationIds)] : []),
      ]));
    }
    if (q.subjectType) qb = qb.where('subject_type', '=', q.subjectType);
    if (q.subjectId) qb = qb.where('subject_id', '=', q.subjectId);
    if (q.actorId) qb = qb.where('actor_id', '=', q.actorId);
    if (q.action) qb = qb.where('action', '=', q.action);
    if (q.entityId) qb = qb.where('entity_id', '=', q.entityId);
    if (q.locationId) qb = qb.where('location_id', '=', q.locationId);
    if (q.from) qb = qb.where('at', '>=', toIso(q.from));
    if (q.to) qb = qb.where('at', '<=', toEndIso(q.to));
    const { items, total } = await fetchPage(qb.orderBy('id', 'desc'), q);
    return {
      items: items.map((e) => ({
        id: e.id, at: e.at, actorId: e.actor_id, actorEmail: e.actor_email, action: e.action, subjectType: e.subject_type,
        subjectId: e.subject_id, entityId: e.entity_id, locationId: e.location_id,
        before: e.before ? JSON.parse(e.before) : null, after: e.after ? JSON.parse(e.after) : null,
      })),
      total, page: q.page, pageSize: q.pageSize,
    };
  });
}
