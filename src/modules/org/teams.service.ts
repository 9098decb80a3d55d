import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database, TeamRow } from '../../db/types.js';
import { contains, fetchPage, parseSort, type Page } from '../../db/paging.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, conflict, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { can, isSelf, orgScope, personResource } from './policy.js';
import type { memberInput, teamInput, teamListQuery, teamPatch } from './schema.js';

type TeamInput = z.infer<typeof teamInput>;
type Db = Kysely<Database> | Transaction<Database>;
export interface Member { personId: string; givenName: string; familyName: string; role: string }

export const presentTeam = (r: TeamRow, extra: { memberCount?: number; members?: Member[] } = {}) => ({
  id: r.id, name: r.name, kind: r.kind, entityId: r.entity_id, locationId: r.location_id,
  termsOfReference: r.terms_of_reference, ...extra, createdAt: r.created_at, updatedAt: r.updated_at,
});
export type TeamOut = ReturnType<typeof presentTeam>;

const teamScope = (t: { entity_id: string | null; location_id: string | null }) => ({ entityId: t.entity_id, locationId: t.location_id });

/** Members of a team may always see it, whatever their role. */
async function isMember(db: Db, teamId: string, personId: string | null): Promise<boolean> {
  if (!personId) return false;
  return !!(await db.selectFrom('team_members').select('id').where('team_id', '=', teamId).where('person_id', '=', personId).executeTakeFirst());
}

export async function listTeams(ctx: Ctx, q: z.infer<typeof teamListQuery>): Promise<Page<TeamOut>> {
  const scope = orgScope(ctx.principal, 'team.read');
  const { key, dir } = parseSort<'name' | 'updatedAt'>(q.sort);
  let qb = ctx.db.selectFrom('teams').selectAll('teams')
    .select((eb) => eb.selectFrom('team_members').select(eb.fn.countAll<number>().as('n')).whereRef('team_members.team_id', '=', 'teams.id').as('member_count'));
  if (!scope.all) {
    const selfId = ctx.principal.personId;
    qb = qb.where((eb) => eb.or([
      ...(scope.entityIds.length ? [eb('teams.entity_id', 'in', scope.entityIds)] : []),
      ...(scope.locationIds.length ? [eb('teams.location_id', 'in', scope.locationIds)] : []),
      ...(selfId ? [eb('teams.id', 'in', eb.selectFrom('team_members').select('team_id').where('person_id', '=', selfId))] : []),
      eb.lit(false),
    ]));
  }
  if (q.q) qb = qb.where(contains('teams.name', q.q, { lower: true }));
  if (q.entityId) qb = qb.where('teams.entity_id', '=', q.entityId);
  if (q.locationId) qb = qb.where('teams.location_id', '=', q.locationId);
  if (q.kind) qb = qb.where('teams.kind', '=', q.kind);
  if (q.personId) qb = qb.where('teams.id', 'in', ctx.db.selectFrom('team_members').select('team_id').where('person_id', '=', q.personId));
  const { items, total } = await fetchPage(qb.orderBy(key === 'name' ? 'teams.name' : 'teams.updated_at', dir).orderBy('teams.id'), q);
  return { items: items.map((r) => presentTeam(r, { memberCount: Number(r.member_count ?? 0) })), total, page: q.page, pageSize: q.pageSize };
}

async function getRow(db: Db, id: string): Promise<TeamRow> {
  const row = await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Team');
  return row;
}

async function membersOf(db: Db, teamId: string): Promise<Member[]> {
  return db.selectFrom('team_members').innerJoin('people', 'people.id', 'team_members.person_id')
    .select(['team_members.person_id as personId', 'people.given_name as givenName', 'people.family_name as familyName', 'team_members.role'])
    .where('team_members.team_id', '=', teamId).orderBy('people.family_name').orderBy('people.given_name').execute();
}

async function readable(ctx: Ctx, db: Db, row: TeamRow): Promise<boolean> {
  return can(ctx.principal, 'team.read', teamScope(row)) || isMember(db, row.id, ctx.principal.personId);
}

export async function getTeam(ctx: Ctx, id: string): Promise<TeamOut> {
  const row = await getRow(ctx.db, id);
  if (!(await readable(ctx, ctx.db, row))) throw notFound('Team');
  return presentTeam(row, { members: await membersOf(ctx.db, id) });
}

async function teamProblems(db: Db, t: TeamInput): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  if (!t.entityId && !t.locationId) fields.locationId = 'A team belongs to an entity, a duty station, or both';
  if (t.entityId && !(await db.selectFrom('entities').select('id').where('id', '=', t.entityId).executeTakeFirst())) fields.entityId = 'No such entity';
  if (t.locationId && !(await db.selectFrom('locations').select('id').where('id', '=', t.locationId).executeTakeFirst())) fields.locationId = 'No such location';
  return fields;
}

/** A change to a team needs write rights where the team sits. */
function assertWrite(ctx: Ctx, t: { entity_id: string | null; location_id: string | null }) {
  if (!can(ctx.principal, 'team.write', teamScope(t))) throw forbidden('You may not manage this team');
}

export async function createTeam(ctx: Ctx, input: TeamInput): Promise<TeamOut> {
  assertWrite(ctx, { entity_id: input.entityId, location_id: input.locationId });
  return ctx.db.transaction().execute(async (trx) => {
    const problems = await teamProblems(trx, input);
    if (Object.keys(problems).length) throw badRequest('Invalid team', problems);
    const now = nowIso();
    const row: TeamRow = { id: newId(), name: input.name, kind: input.kind, entity_id: input.entityId, location_id: input.locationId, terms_of_reference: input.termsOfReference, created_at: now, updated_at: now };
    await trx.insertInto('teams').values(row).execute();
    const out = presentTeam(row, { members: [] });
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'team', subjectId: row.id, entityId: row.entity_id, locationId: row.location_id, after: out });
    return out;
  });
}

export async function updateTeam(ctx: Ctx, id: string, patch: z.infer<typeof teamPatch>): Promise<TeamOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getRow(trx, id);
    if (!(await readable(ctx, trx, before))) throw notFound('Team');
    assertWrite(ctx, before);
    const merged: TeamInput = {
      name: patch.name ?? before.name, kind: (patch.kind ?? before.kind) as TeamInput['kind'],
      entityId: patch.entityId !== undefined ? patch.entityId : before.entity_id,
      locationId: patch.locationId !== undefined ? patch.locationId : before.location_id,
      termsOfReference: patch.termsOfReference ?? before.terms_of_reference,
    };
    assertWrite(ctx, { entity_id: merged.entityId, location_id: merged.locationId });
    const problems = await teamProblems(trx, merged);
    if (Object.keys(problems).length) throw badRequest('Invalid team', problems);
    const row: TeamRow = { ...before, name: merged.name, kind: merged.kind, entity_id: merged.entityId, location_id: merged.locationId, terms_of_reference: merged.termsOfReference, updated_at: nowIso() };
    await trx.updateTable('teams').set(row).where('id', '=', id).execute();
    const out = presentTeam(row, { members: await membersOf(trx, id) });
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'team', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: presentTeam(before), after: presentTeam(row) });
    return out;
  });
}

export async function deleteTeam(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getRow(trx, id);
    if (!(await readable(ctx, trx, before))) throw notFound('Team');
    assertWrite(ctx, before);
    const members = await membersOf(trx, id);
    await trx.deleteFrom('teams').where('id', '=', id).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'team', subjectId: id, entityId: before.entity_id, locationId: before.location_id, before: presentTeam(before, { members }) });
  });
}

export async function addMember(ctx: Ctx, teamId: string, m: z.infer<typeof memberInput>): Promise<Member[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const team = await getRow(trx, teamId);
    if (!(await readable(ctx, trx, team))) throw notFound('Team');
    assertWrite(ctx, team);
    const person = await trx.selectFrom('people').select(['id', 'entity_id', 'home_location_id']).where('id', '=', m.personId).executeTakeFirst();
    // Only people you may see can be added: otherwise the roster would reveal people outside your scope.
    const visible = person && (isSelf(ctx.principal, person) || can(ctx.principal, 'person.read', personResource({ entityId: person.entity_id, homeLocationId: person.home_location_id })));
    if (!visible) throw badRequest('No such person', { personId: 'No such person' });
    if (await isMember(trx, teamId, m.personId)) throw conflict('Already a member of this team', { personId: 'Already a member' });
    await trx.insertInto('team_members').values({ id: newId(), team_id: teamId, person_id: m.personId, role: m.role }).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'add_member', subjectType: 'team', subjectId: teamId, entityId: team.entity_id, locationId: team.location_id, after: m });
    return membersOf(trx, teamId);
  });
}

export async function updateMember(ctx: Ctx, teamId: string, personId: string, role: string): Promise<Member[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const team = await getRow(trx, teamId);
    if (!(await readable(ctx, trx, team))) throw notFound('Team');
    assertWrite(ctx, team);
    const before = await trx.selectFrom('team_members').select('role').where('team_id', '=', teamId).where('person_id', '=', personId).executeTakeFirst();
    if (!before) throw notFound('Team member');
    await trx.updateTable('team_members').set({ role }).where('team_id', '=', teamId).where('person_id', '=', personId).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'update_member', subjectType: 'team', subjectId: teamId, entityId: team.entity_id, locationId: team.location_id, before: { personId, role: before.role }, after: { personId, role } });
    return membersOf(trx, teamId);
  });
}

export async function removeMember(ctx: Ctx, teamId: string, personId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const team = await getRow(trx, teamId);
    if (!(await readable(ctx, trx, team))) throw notFound('Team');
    assertWrite(ctx, team);
    const before = await trx.selectFrom('team_members').select('role').where('team_id', '=', teamId).where('person_id', '=', personId).executeTakeFirst();
    if (!before) throw notFound('Team member');
    await trx.deleteFrom('team_members').where('team_id', '=', teamId).where('person_id', '=', personId).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'remove_member', subjectType: 'team', subjectId: teamId, entityId: team.entity_id, locationId: team.location_id, before: { personId, role: before.role } });
  });
}
