import type { z } from 'zod';
import type { Ctx } from '../../server/context.js';
import { renderTable, type Cell } from '../../server/tabular.js';
import { listPlans } from './plans.service.js';
import type { planExportQuery } from './schema.js';

export const PLAN_COLUMNS = ['id', 'title', 'plan_type', 'status', 'entity_code', 'duty_station', 'participant_entity_codes', 'owner', 'approver',
  'review_due', 'review_overdue', 'review_triggered_by', 'current_version', 'working_version', 'updated_at'] as const;

/** The plan library as CSV or XLSX, with the list's filters (up to 100,000 plans). */
export async function exportPlans(ctx: Ctx, q: z.infer<typeof planExportQuery>, format: 'csv' | 'xlsx') {
  const plans = [];
  for (let page = 1; page <= 200; page++) {
    const { items } = await listPlans(ctx, { ...q, page, pageSize: 500 });
    plans.push(...items);
    if (items.length < 500) break;
  }
  const name = async (table: 'entities' | 'locations' | 'people', ids: (string | null)[]) => {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    const out = new Map<string, string>();
    for (let i = 0; i < wanted.length; i += 500) {
      const chunk = wanted.slice(i, i + 500);
      if (table === 'entities') (await ctx.db.selectFrom('entities').select(['id', 'code']).where('id', 'in', chunk).execute()).forEach((r) => out.set(r.id, r.code));
      if (table === 'locations') (await ctx.db.selectFrom('locations').select(['id', 'name']).where('id', 'in', chunk).execute()).forEach((r) => out.set(r.id, r.name));
      if (table === 'people') (await ctx.db.selectFrom('people').select(['id', 'given_name', 'family_name']).where('id', 'in', chunk).execute()).forEach((r) => out.set(r.id, `${r.given_name} ${r.family_name}`));
    }
    return out;
  };
  const [entities, locations, people] = await Promise.all([
    name('entities', plans.flatMap((p) => [p.entityId, ...p.participantEntityIds])),
    name('locations', plans.map((p) => p.locationId)),
    name('people', plans.flatMap((p) => [p.ownerPersonId, p.approverPersonId])),
  ]);
  const versions = new Map((plans.length ? await ctx.db.selectFrom('plan_versions').select(['id', 'number']).where('id', 'in', plans.map((p) => p.currentVersionId).filter((x): x is string => !!x).concat([''])).execute() : []).map((v) => [v.id, v.number]));
  const rows: Cell[][] = plans.map((p) => [
    p.id, p.title, p.planType, p.status, p.entityId ? entities.get(p.entityId) ?? '' : '', p.locationId ? locations.get(p.locationId) ?? '' : '',
    p.participantEntityIds.map((e) => entities.get(e) ?? e).join(';'), people.get(p.ownerPersonId) ?? '', p.approverPersonId ? people.get(p.approverPersonId) ?? '' : '',
    p.reviewDue ?? '', String(p.reviewOverdue), p.reviewTriggeredBy ?? '', p.currentVersionId ? versions.get(p.currentVersionId) ?? '' : '',
    p.workingVersion ? `${p.workingVersion.number} (${p.workingVersion.status})` : '', p.updatedAt,
  ]);
  return renderTable(format, PLAN_COLUMNS, rows, 'Plans');
}
