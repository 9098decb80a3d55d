import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database, PersonRow } from '../../db/types.js';
import { contains, fetchPage, parseSort, searchText, type Page } from '../../db/paging.js';
import { newId, nowIso } from '../../domain/ids.js';
import { normalizePhone } from '../../domain/org.js';
import { badRequest, conflict, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { can, isSelf, orgScope, personResource } from './policy.js';
import type { personInput, personListQuery, personPatch } from './schema.js';

export type PersonInput = z.infer<typeof personInput>;
export interface Contact { kind: string; value: string; label: string | null }

export const presentPerson = (r: PersonRow, contacts?: Contact[]) => ({
  id: r.id, externalId: r.external_id, kind: r.kind, givenName: r.given_name, familyName: r.family_name,
  entityId: r.entity_id, homeLocationId: r.home_location_id, sponsorId: r.sponsor_id, jobTitle: r.job_title,
  language: r.language, status: r.status, ...(contacts ? { contacts } : {}), createdAt: r.created_at, updatedAt: r.updated_at,
});
export type PersonOut = ReturnType<typeof presentPerson>;

/** Fields a person may change on their own record without any role. */
const SELF_SERVICE_FIELDS = new Set(['contacts', 'language']);

export async function listPeople(ctx: Ctx, q: z.infer<typeof personListQuery>): Promise<Page<PersonOut>> {
  const scope = orgScope(ctx.principal, 'person.read');
  const { key, dir } = parseSort<'name' | 'updatedAt'>(q.sort);
  let qb = ctx.db.selectFrom('people').selectAll();
  if (!scope.all) {
    const selfId = ctx.principal.personId;
    if (!scope.entityIds.length && !scope.locationIds.length && !selfId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    qb = qb.where((eb) => eb.or([
      ...(scope.entityIds.length ? [eb('entity_id', 'in', scope.entityIds)] : []),
      ...(scope.locationIds.length ? [eb('home_location_id', 'in', scope.locationIds)] : []),
      ...(selfId ? [eb('id', '=', selfId)] : []),
    ]));
  }
  if (q.q) qb = qb.where(contains('search_text', q.q));
  if (q.entityId) qb = qb.where('entity_id', '=', q.entityId);
  if (q.locationId) qb = qb.where('home_location_id', '=', q.locationId);
  if (q.kind) qb = qb.where('kind', '=', q.kind);
  if (q.status) qb = qb.where('status', '=', q.status);
  qb = key === 'name' ? qb.orderBy('family_name', dir).orderBy('given_name', dir) : qb.orderBy('updated_at', dir);
  const { items, total } = await fetchPage(qb.orderBy('id'), q);
  return { items: items.map((r) => presentPerson(r)), total, page: q.page, pageSize: q.pageSize };
}

async function getRow(db: Kysely<Database> | Transaction<Database>, id: string): Promise<PersonRow> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Person');
  return row;
}

async function contactsOf(db: Kysely<Database> | Transaction<Database>, personId: string): Promise<Contact[]> {
  return db.selectFrom('contact_points').select(['kind', 'value', 'label']).where('person_id', '=', personId).orderBy('priority').execute();
}

const canRead = (ctx: Ctx, r: PersonRow) =>
  isSelf(ctx.principal, r) || can(ctx.principal, 'person.read', personResource({ entityId: r.entity_id, homeLocationId: r.home_location_id }));

export async function getPerson(ctx: Ctx, id: string): Promise<PersonOut> {
  const row = await getRow(ctx.db, id);
  // Out of scope reads as absent, so IDs of other entities' people cannot be probed.
  if (!canRead(ctx, row)) throw notFound('Person');
  return presentPerson(row, await contactsOf(ctx.db, id));
}

/** Rules that need the database; shared by the API and the CSV import. */
export async function personProblems(db: Kysely<Database> | Transaction<Database>, p: PersonInput, selfId?: string): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  const [entity, location, sponsor, dup] = await Promise.all([
    p.entityId ? db.selectFrom('entities').select('id').where('id', '=', p.entityId).executeTakeFirst() : true,
    p.homeLocationId ? db.selectFrom('locations').select('kind').where('id', '=', p.homeLocationId).executeTakeFirst() : true,
    p.sponsorId ? db.selectFrom('people').select('kind').where('id', '=', p.sponsorId).executeTakeFirst() : true,
    p.externalId ? db.selectFrom('people').select('id').where('external_id', '=', p.externalId).executeTakeFirst() : undefined,
  ]);
  if (!entity) fields.entityId = 'No such entity';
  if (!location) fields.homeLocationId = 'No such location';
  else if (location !== true && location.kind !== 'duty_station') fields.homeLocationId = 'Must be a duty station';
  if (p.kind === 'dependant' && !p.sponsorId) fields.sponsorId = 'A dependant needs the staff member they depend on';
  if (p.kind !== 'dependant' && p.sponsorId) fields.sponsorId = 'Only dependants have a sponsor';
  if (!sponsor) fields.sponsorId = 'No such person';
  else if (sponsor !== true && sponsor.kind === 'dependant') fields.sponsorId = 'A sponsor cannot be a dependant';
  if (selfId && p.sponsorId === selfId) fields.sponsorId = 'A person cannot sponsor themselves';
  if (selfId && p.kind === 'dependant' && await db.selectFrom('people').select('id').where('sponsor_id', '=', selfId).executeTakeFirst()) {
    fields.kind = 'This person sponsors dependants, so cannot be a dependant';
  }
  if (dup && dup.id !== selfId) fields.externalId = 'Already used by another person';
  return fields;
}

export const personRow = (id: string, p: PersonInput, createdAt: string, updatedAt: string): PersonRow => ({
  id, external_id: p.externalId, kind: p.kind, given_name: p.givenName, family_name: p.familyName,
  entity_id: p.entityId, home_location_id: p.homeLocationId, sponsor_id: p.sponsorId, job_title: p.jobTitle,
  language: p.language, status: p.status,
  search_text: searchText(p.givenName, p.familyName, p.externalId, ...p.contacts.filter((c) => c.kind === 'email').map((c) => c.value)),
  created_at: createdAt, updated_at: updatedAt,
});

export const contactRows = (personId: string, contacts: PersonInput['contacts']) => contacts.map((c, i) => ({
  id: newId(), person_id: personId, kind: c.kind, value: c.kind === 'email' ? c.value.toLowerCase() : normalizePhone(c.value), label: c.label, priority: i,
}));

export async function createPerson(ctx: Ctx, input: PersonInput): Promise<PersonOut> {
  if (!can(ctx.principal, 'person.write', personResource(input))) throw forbidden('You may not add people to this entity or duty station');
  return ctx.db.transaction().execute(async (trx) => {
    const problems = await personProblems(trx, input);
    if (Object.keys(problems).length) throw badRequest('Invalid person', problems);
    const now = nowIso();
    const row = personRow(newId(), input, now, now);
    await trx.insertInto('people').values(row).execute();
    const contacts = contactRows(row.id, input.contacts);
    if (contacts.length) await trx.insertInto('contact_points').values(contacts).execute();
    const out = presentPerson(row, await contactsOf(trx, row.id));
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'person', subjectId: row.id, entityId: row.entity_id, locationId: row.home_location_id, after: out });
    return out;
  });
}

export async function updatePerson(ctx: Ctx, id: string, patch: z.infer<typeof personPatch>): Promise<PersonOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const beforeRow = await getRow(trx, id);
    if (!canRead(ctx, beforeRow)) throw notFound('Person');
    const before = presentPerson(beforeRow, await contactsOf(trx, id));
    const merged = { ...before, contacts: before.contacts ?? [], ...patch } as PersonInput;
    const full = can(ctx.principal, 'person.write', personResource(before)) && can(ctx.principal, 'person.write', personResource(merged));
    if (!full) {
      const selfOnly = isSelf(ctx.principal, beforeRow) && Object.keys(patch).every((k) => SELF_SERVICE_FIELDS.has(k));
      if (!selfOnly) throw forbidden(isSelf(ctx.principal, beforeRow) ? 'On your own record you may change only contacts and language' : 'You may not change this person');
    }
    const problems = await personProblems(trx, merged, id);
    if (Object.keys(problems).length) throw badRequest('Invalid person', problems);
    const row = personRow(id, merged, beforeRow.created_at, nowIso());
    await trx.updateTable('people').set(row).where('id', '=', id).execute();
    if (patch.contacts) {
      await trx.deleteFrom('contact_points').where('person_id', '=', id).execute();
      const contacts = contactRows(id, patch.contacts);
      if (contacts.length) await trx.insertInto('contact_points').values(contacts).execute();
    }
    const out = presentPerson(row, await contactsOf(trx, id));
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'person', subjectId: id, entityId: row.entity_id, locationId: row.home_location_id, before, after: out });
    return out;
  });
}

export async function deletePerson(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await getRow(trx, id);
    if (!canRead(ctx, row)) throw notFound('Person');
    if (!can(ctx.principal, 'person.write', personResource({ entityId: row.entity_id, homeLocationId: row.home_location_id }))) throw forbidden('You may not delete this person');
    if (await trx.selectFrom('people').select('id').where('sponsor_id', '=', id).executeTakeFirst()) {
      throw conflict('This person sponsors dependants; remove or reassign them first');
    }
    const before = presentPerson(row, await contactsOf(trx, id));
    await trx.deleteFrom('people').where('id', '=', id).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'person', subjectId: id, entityId: row.entity_id, locationId: row.home_location_id, before });
  });
}
