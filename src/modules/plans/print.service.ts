import type { z } from 'zod';
import { nowIso } from '../../domain/ids.js';
import { referencedIds, type PlanContent } from '../../domain/plans/content.js';
import type { Database } from '../../db/types.js';
import { conflict, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canReadWalletCard, canWriteWalletCard } from './policy.js';
import { ownStation, readablePlan, type Db } from './plans.service.js';
import { readableVersion } from './versions.service.js';
import type { PrintPerson, PrintTeam } from './pdf/render.js';

// The PDF library and fonts load on the first print, not at start-up.
const renderer = () => import('./pdf/render.js');
import type { walletCardInput } from './schema.js';

/** People and teams as they are now, with their contact points: printed plans are never stale. */
export async function resolve(db: Db, content: PlanContent) {
  const { personIds, teamIds } = referencedIds(content);
  const teams = teamIds.size ? await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', [...teamIds]).execute() : [];
  const members = teamIds.size ? await db.selectFrom('team_members').select(['team_id', 'person_id', 'role']).where('team_id', 'in', [...teamIds]).orderBy('id').execute() : [];
  members.forEach((x) => personIds.add(x.person_id));
  const ids = [...personIds];
  const people = new Map<string, PrintPerson>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.selectFrom('people').select(['id', 'given_name', 'family_name', 'job_title']).where('id', 'in', chunk).execute();
    const cps = await db.selectFrom('contact_points').select(['person_id', 'kind', 'value']).where('person_id', 'in', chunk).orderBy('priority').execute();
    for (const r of rows) people.set(r.id, { id: r.id, name: `${r.given_name} ${r.family_name}`, jobTitle: r.job_title, contacts: [] });
    for (const c of cps) people.get(c.person_id)?.contacts.push({ kind: c.kind, value: c.value });
  }
  const teamMap = new Map<string, PrintTeam>(teams.map((t) => [t.id, {
    id: t.id, name: t.name,
    members: members.filter((x) => x.team_id === t.id && people.has(x.person_id)).map((x) => ({ role: x.role, person: people.get(x.person_id)! })),
  }]));
  return { people, teams: teamMap };
}

/** The PDF of one version (by default the version in force, else the latest), resolved now. */
export async function planPdf(ctx: Ctx, planId: string, versionId?: string): Promise<{ filename: string; pdf: Buffer }> {
  const { row } = await readablePlan(ctx, ctx.db, planId);
  let id = versionId ?? row.current_version_id;
  if (!id) id = (await ctx.db.selectFrom('plan_versions').select('id').where('plan_id', '=', planId).orderBy('number', 'desc').limit(1).executeTakeFirstOrThrow()).id;
  const { version: v } = await readableVersion(ctx, ctx.db, planId, id);
  const content = JSON.parse(v.content) as PlanContent;
  const [type, entity, location, refs] = await Promise.all([
    ctx.db.selectFrom('plan_types').select('name').where('id', '=', row.plan_type_id).executeTakeFirstOrThrow(),
    row.entity_id ? ctx.db.selectFrom('entities').select('name').where('id', '=', row.entity_id).executeTakeFirst() : undefined,
    row.location_id ? ctx.db.selectFrom('locations').select('name').where('id', '=', row.location_id).executeTakeFirst() : undefined,
    resolve(ctx.db, content),
  ]);
  const pdf = await (await renderer()).renderPlanPdf({
    title: row.title, planType: type.name, entity: entity?.name ?? null, location: location?.name ?? null,
    version: v.number, status: v.status, approvedBy: v.approved_by_email, approvedAt: v.approved_at, reviewDue: row.review_due,
    activationCriteria: row.activation_criteria, printedAt: nowIso(), content, ...refs,
  });
  const slug = row.title.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60) || 'plan';
  return { filename: `${slug}-v${v.number}.pdf`, pdf };
}

/**
 * The people and teams a version refers to, as they are now (names, contact points, team members):
 * what the web shows for contact lists and call trees, the same as the printed plan.
 */
export async function versionDirectory(ctx: Ctx, planId: string, versionId: string) {
  const { version } = await readableVersion(ctx, ctx.db, planId, versionId);
  const { people, teams } = await resolve(ctx.db, JSON.parse(version.content) as PlanContent);
  return {
    people: [...people.values()],
    teams: [...teams.values()].map((t) => ({ id: t.id, name: t.name, members: t.members.map((m) => ({ role: m.role, personId: m.person.id })) })),
  };
}

const presentCard = (c: Database['wallet_cards'], locationName: string) => ({
  locationId: c.location_id, locationName, title: c.title, numbers: JSON.parse(c.numbers) as { label: string; number: string }[],
  firstActions: JSON.parse(c.first_actions) as string[], updatedAt: c.updated_at,
});

async function cardRow(ctx: Ctx, locationId: string) {
  const loc = await ctx.db.selectFrom('locations').select(['id', 'name']).where('id', '=', locationId).executeTakeFirst();
  if (!loc) throw notFound('Location');
  if (!canReadWalletCard(ctx.principal, locationId, await ownStation(ctx.db, ctx.principal.personId))) throw notFound('Wallet card');
  const c = await ctx.db.selectFrom('wallet_cards').selectAll().where('location_id', '=', locationId).executeTakeFirst();
  if (!c) throw notFound('Wallet card');
  return presentCard(c, loc.name);
}

export const getWalletCard = (ctx: Ctx, locationId: string) => cardRow(ctx, locationId);

/** The wallet cards the caller may read, by duty station name, with whether they may edit each. */
export async function listWalletCards(ctx: Ctx) {
  const own = await ownStation(ctx.db, ctx.principal.personId);
  const rows = await ctx.db.selectFrom('wallet_cards').innerJoin('locations', 'locations.id', 'wallet_cards.location_id')
    .selectAll('wallet_cards').select('locations.name as location_name').orderBy('locations.name').orderBy('wallet_cards.location_id').limit(5000).execute();
  return rows.filter((r) => canReadWalletCard(ctx.principal, r.location_id, own))
    .map((r) => ({ ...presentCard(r, r.location_name), canEdit: canWriteWalletCard(ctx.principal, r.location_id) }));
}

export async function putWalletCard(ctx: Ctx, locationId: string, input: z.infer<typeof walletCardInput>) {
  if (!canWriteWalletCard(ctx.principal, locationId)) throw forbidden('Only focal points and coordinators of this duty station may edit its wallet card');
  return ctx.db.transaction().execute(async (trx) => {
    const loc = await trx.selectFrom('locations').select(['id', 'name']).where('id', '=', locationId).executeTakeFirst();
    if (!loc) throw notFound('Location');
    const before = await trx.selectFrom('wallet_cards').selectAll().where('location_id', '=', locationId).executeTakeFirst();
    const row = { location_id: locationId, title: input.title, numbers: JSON.stringify(input.numbers), first_actions: JSON.stringify(input.firstActions), updated_at: nowIso() };
    if (before) await trx.updateTable('wallet_cards').set(row).where('location_id', '=', locationId).execute();
    else await trx.insertInto('wallet_cards').values(row).execute();
    const after = presentCard(row, loc.name);
    await recordAudit(trx, ctxActor(ctx), { action: before ? 'update' : 'create', subjectType: 'wallet_card', subjectId: locationId, locationId, before: before ? presentCard(before, loc.name) : undefined, after });
    return after;
  });
}

export async function walletCardPdf(ctx: Ctx, locationId: string) {
  const c = await cardRow(ctx, locationId);
  return (await renderer()).renderWalletCard({ title: c.title, location: c.locationName, numbers: c.numbers, firstActions: c.firstActions, updatedAt: c.updatedAt });
}

/** The card of the caller's own duty station. */
export async function myWalletCardPdf(ctx: Ctx) {
  const station = await ownStation(ctx.db, ctx.principal.personId);
  if (!station) throw conflict('Your account is not linked to a person with a duty station', { personId: 'No duty station on record' });
  return walletCardPdf(ctx, station);
}
