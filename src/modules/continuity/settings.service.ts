import type { z } from 'zod';
import { DEFAULT_IMPACT_DIMENSIONS, DEFAULT_IMPACT_SCALE } from '../../domain/continuity/bia.js';
import { nowIso } from '../../domain/ids.js';
import { forbidden } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { continuityChanged, throwIfProblems, type Db } from './common.js';
import { canChangeSettings, readsSomewhere } from './policy.js';
import { mtpdOf, type ImpactRatings } from './questionnaire.js';
import type { settingsInput } from './schema.js';

export async function intolerableLevel(db: Db): Promise<number> {
  const r = await db.selectFrom('bc_settings').select('intolerable_level').where('id', '=', 'org').executeTakeFirstOrThrow();
  return Number(r.intolerable_level);
}

async function present(db: Db) {
  const r = await db.selectFrom('bc_settings').selectAll().where('id', '=', 'org').executeTakeFirstOrThrow();
  return { intolerableLevel: Number(r.intolerable_level), impactScale: DEFAULT_IMPACT_SCALE.levels, impactDimensions: [...DEFAULT_IMPACT_DIMENSIONS], updatedAt: r.updated_at };
}

export async function getSettings(ctx: Ctx) {
  const owner = ctx.principal.personId && await ctx.db.selectFrom('bc_processes').select('id').where('owner_person_id', '=', ctx.principal.personId).executeTakeFirst();
  if (!readsSomewhere(ctx.principal) && !owner) throw forbidden('You may not read continuity settings');
  return present(ctx.db);
}

/**
 * Changes the organization's intolerable impact level and re-derives every MTPD from its curve.
 * Refused when a process's RTO would then exceed its new MTPD: RTO ≤ MTPD always holds.
 */
export async function updateSettings(ctx: Ctx, input: z.infer<typeof settingsInput>) {
  if (!canChangeSettings(ctx.principal)) throw forbidden('Only organization administrators change continuity settings');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await present(trx);
    const rows = await trx.selectFrom('bc_processes').innerJoin('bc_campaigns', 'bc_campaigns.id', 'bc_processes.campaign_id')
      .select(['bc_processes.id', 'bc_processes.name', 'bc_processes.impact_ratings', 'bc_processes.rto_hours', 'bc_processes.mtpd_hours', 'bc_campaigns.time_points']).execute();
    const changes: { id: string; mtpd: number | null }[] = [];
    const breaking: string[] = [];
    for (const r of rows) {
      const mtpd = mtpdOf(JSON.parse(r.time_points) as number[], JSON.parse(r.impact_ratings) as ImpactRatings, input.intolerableLevel);
      if (mtpd !== null && r.rto_hours !== null && r.rto_hours > mtpd) breaking.push(r.name);
      if (mtpd !== r.mtpd_hours) changes.push({ id: r.id, mtpd });
    }
    throwIfProblems('Invalid continuity settings', breaking.length
      ? { intolerableLevel: `The RTO of ${breaking.length} process(es) would exceed their MTPD (${breaking.slice(0, 5).join(', ')}${breaking.length > 5 ? ', …' : ''}); lower their RTO first` }
      : {});
    for (const c of changes) await trx.updateTable('bc_processes').set({ mtpd_hours: c.mtpd }).where('id', '=', c.id).execute();
    await trx.updateTable('bc_settings').set({ intolerable_level: input.intolerableLevel, updated_at: nowIso() }).where('id', '=', 'org').execute();
    await continuityChanged(trx);
    const after = await present(trx);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'bc_settings', subjectId: 'org', before, after: { ...after, mtpdsChanged: changes.length } });
    return after;
  });
}
