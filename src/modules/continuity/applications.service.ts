import type { z } from 'zod';
import { sql, type Transaction } from 'kysely';
import type { BcApplicationTable, BcDrTestTable, Database } from '../../db/types.js';
import { contains, fetchPage, parseSort, searchText, type Page } from '../../db/paging.js';
import { newId, nowIso } from '../../domain/ids.js';
import { forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { continuityChanged, forgetNode, placeVisible, referenceProblems, throwIfProblems, type Db } from './common.js';
import { canOnRecord, continuityScope } from './policy.js';
import { CRITICALITIES } from './model.js';
import type { applicationInput, applicationListQuery, applicationPatch, drTestInput } from './schema.js';

type Row = BcApplicationTable;
const placeOf = (r: Pick<Row, 'entity_id' | 'location_id'>) => ({ entityId: r.entity_id, locationId: r.location_id });

export const presentApplication = (r: Row, dataCentreIds: string[]) => ({
  id: r.id, name: r.name, kind: r.kind, description: r.description, entityId: r.entity_id, locationId: r.location_id, criticality: r.criticality,
  replication: r.replication, backupMethod: r.backup_method, achievableRtoHours: r.achievable_rto_hours, achievableRpoHours: r.achievable_rpo_hours,
  lastTestedOn: r.last_tested_on, drPlanUrl: r.dr_plan_url, dataCentreIds, createdAt: r.created_at, updatedAt: r.updated_at,
});
export type ApplicationOut = ReturnType<typeof presentApplication>;

const presentTest = (t: BcDrTestTable) => ({
  id: t.id, applicationId: t.application_id, testedOn: t.tested_on, achievedRtoHours: t.achieved_rto_hours, achievedRpoHours: t.achieved_rpo_hours,
  result: t.result, notes: t.notes, createdAt: t.created_at,
});

async function hostingOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await db.selectFrom('bc_application_hosting').select(['application_id', 'data_centre_id']).where('application_id', 'in', ids).orderBy('application_id').orderBy('position').execute();
  for (const r of rows) out.get(r.application_id)!.push(r.data_centre_id);
  return out;
}

async function visibleRow(ctx: Ctx, db: Db, id: string): Promise<Row> {
  const row = await db.selectFrom('bc_applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !canOnRecord(ctx.principal, 'bc.read', placeOf(row))) throw notFound('Application');
  return row;
}

async function writableRow(ctx: Ctx, trx: Transaction<Database>, id: string): Promise<Row> {
  const row = await visibleRow(ctx, trx, id);
  if (!canOnRecord(ctx.principal, 'bc.write', placeOf(row))) throw forbidden('You may not change this application');
  return row;
}

export async function listApplications(ctx: Ctx, q: z.infer<typeof applicationListQuery>): Promise<Page<ApplicationOut>> {
  const scope = continuityScope(ctx.principal, 'bc.read');
  const { key, dir } = parseSort<'name' | 'criticality' | 'rto'>(q.sort);
  let qb = ctx.db.selectFrom('bc_applications').selectAll().where(placeVisible('bc_applications', scope, { shared: true }));
  if (q.q) qb = qb.where(contains('bc_applications.search_text', q.q));
  if (q.kind) qb = qb.where('kind', '=', q.kind);
  if (q.criticality) qb = qb.where('criticality', '=', q.criticality);
  if (q.entityId) qb = qb.where('entity_id', '=', q.entityId);
  if (q.dataCentreId) qb = qb.where('id', 'in', ctx.db.selectFrom('bc_application_hosting').select('application_id').where('data_centre_id', '=', q.dataCentreId));
  if (q.untested !== undefined) qb = qb.where('achievable_rto_hours', q.untested ? 'is' : 'is not', null);
  if (key === 'criticality') {
    // Most critical first when ascending.
    qb = qb.orderBy(sql`case ${sql.join(CRITICALITIES.map((v, i) => sql`when criticality = ${v} then ${i}`), sql` `)} else ${CRITICALITIES.length} end`, dir);
  } else qb = qb.orderBy(key === 'name' ? 'name' : 'achievable_rto_hours', dir);
  const { items, total } = await fetchPage(qb.orderBy('id'), q);
  const hosting = await hostingOf(ctx.db, items.map((r) => r.id));
  return { items: items.map((r) => presentApplication(r, hosting.get(r.id)!)), total, page: q.page, pageSize: q.pageSize };
}

export async function getApplication(ctx: Ctx, id: string): Promise<ApplicationOut> {
  const row = await visibleRow(ctx, ctx.db, id);
  return presentApplication(row, (await hostingOf(ctx.db, [id])).get(id)!);
}

async function hostingProblems(ctx: Ctx, trx: Transaction<Database>, ids: string[] | undefined): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  if (!ids?.length) return fields;
  const found = new Map((await trx.selectFrom('bc_data_centres').select(['id', 'entity_id']).where('id', 'in', ids).execute()).map((d) => [d.id, d]));
  ids.forEach((id, i) => {
    const d = found.get(id);
    if (!d || !canOnRecord(ctx.principal, 'bc.read', { entityId: d.entity_id, locationId: null })) fields[`dataCentreIds.${i}`] = 'No such data centre';
    else if (ids.indexOf(id) !== i) fields[`dataCentreIds.${i}`] = 'Listed twice';
  });
  return fields;
}

async function setHosting(trx: Transaction<Database>, id: string, ids: string[]): Promise<void> {
  await trx.deleteFrom('bc_application_hosting').where('application_id', '=', id).execute();
  if (ids.length) await trx.insertInto('bc_application_hosting').values(ids.map((d, position) => ({ application_id: id, data_centre_id: d, position }))).execute();
}

export async function createApplication(ctx: Ctx, input: z.infer<typeof applicationInput>): Promise<ApplicationOut> {
  return ctx.db.transaction().execute(async (trx) => {
    throwIfProblems('Invalid application', {
      ...(await referenceProblems(trx, { entityId: input.entityId, locationId: input.locationId, stationOnly: true })),
      ...(await hostingProblems(ctx, trx, input.dataCentreIds)),
    });
    if (!canOnRecord(ctx.principal, 'bc.write', placeOf({ entity_id: input.entityId, location_id: input.locationId }))) {
      throw forbidden(input.entityId || input.locationId ? 'You may not add applications here' : 'Only organization-wide administrators add shared enterprise systems');
    }
    const now = nowIso();
    const row: Row = {
      id: newId(), name: input.name, kind: input.kind, description: input.description, entity_id: input.entityId, location_id: input.locationId,
      criticality: input.criticality, replication: input.replication, backup_method: input.backupMethod, achievable_rto_hours: input.achievableRtoHours,
      achievable_rpo_hours: input.achievableRpoHours, last_tested_on: null, dr_plan_url: input.drPlanUrl,
      search_text: searchText(input.name, input.description), created_at: now, updated_at: now,
    };
    await trx.insertInto('bc_applications').values(row).execute();
    await setHosting(trx, row.id, input.dataCentreIds);
    await continuityChanged(trx);
    const out = presentApplication(row, input.dataCentreIds);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'bc_application', subjectId: row.id, entityId: row.entity_id, locationId: row.location_id, after: out });
    return out;
  });
}

export async function updateApplication(ctx: Ctx, id: string, patch: z.infer<typeof applicationPatch>): Promise<ApplicationOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await writableRow(ctx, trx, id);
    throwIfProblems('Invalid application', {
      ...(await referenceProblems(trx, { locationId: patch.locationId, stationOnly: true })),
      ...(await hostingProblems(ctx, trx, patch.dataCentreIds)),
    });
    const pick = <K extends keyof typeof patch>(k: K, v: Row[keyof Row]) => (patch[k] !== undefined ? patch[k] : v);
    const row: Row = {
      ...before,
      name: pick('name', before.name) as string, kind: pick('kind', before.kind) as string, description: pick('description', before.description) as string,
      location_id: pick('locationId', before.location_id) as string | null, criticality: pick('criticality', before.criticality) as string,
      replication: pick('replication', before.replication) as string, backup_method: pick('backupMethod', before.backup_method) as string,
      achievable_rto_hours: pick('achievableRtoHours', before.achievable_rto_hours) as number | null,
      achievable_rpo_hours: pick('achievableRpoHours', before.achievable_rpo_hours) as number | null,
      dr_plan_url: pick('drPlanUrl', before.dr_plan_url) as string | null, updated_at: nowIso(),
    };
    if (!canOnRecord(ctx.principal, 'bc.write', placeOf(row))) throw forbidden('You may not move the application there');
    row.search_text = searchText(row.name, row.description);
    const hostingBefore = (await hostingOf(trx, [id])).get(id)!;
    await trx.updateTable('bc_applications').set(row).where('id', '=', id).execute();
    if (patch.dataCentreIds) await setHosting(trx, id, patch.dataCentreIds);
    await continuityChanged(trx);
    const out = presentApplication(row, patch.dataCentreIds ?? hostingBefore);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'bc_application', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: presentApplication(before, hostingBefore), after: out });
    return out;
  });
}

export async function deleteApplication(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await writableRow(ctx, trx, id);
    const before = presentApplication(row, (await hostingOf(trx, [id])).get(id)!);
    const edges = await forgetNode(trx, id);
    await trx.deleteFrom('bc_applications').where('id', '=', id).execute();
    await continuityChanged(trx);
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'bc_application', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before: { ...before, dependenciesRemoved: edges } });
  });
}

export async function listDrTests(ctx: Ctx, applicationId: string) {
  await visibleRow(ctx, ctx.db, applicationId);
  const rows = await ctx.db.selectFrom('bc_dr_tests').selectAll().where('application_id', '=', applicationId).orderBy('tested_on', 'desc').orderBy('id', 'desc').execute();
  return rows.map(presentTest);
}

/**
 * Records a DR test. The latest test that recovered the system (pass or partial) sets what the
 * application can achieve: the analysis counts tested figures, not hoped-for ones.
 */
export async function recordDrTest(ctx: Ctx, applicationId: string, input: z.infer<typeof drTestInput>) {
  return ctx.db.transaction().execute(async (trx) => {
    const app = await writableRow(ctx, trx, applicationId);
    const fields: FieldErrors = {};
    if (input.result !== 'fail' && input.achievedRtoHours === null) fields.achievedRtoHours = 'Say how long the recovery took';
    if (input.testedOn > new Date().toISOString().slice(0, 10)) fields.testedOn = 'Must not be in the future';
    throwIfProblems('Invalid DR test', fields);
    const test: BcDrTestTable = {
      id: newId(), application_id: applicationId, tested_on: input.testedOn, achieved_rto_hours: input.achievedRtoHours,
      achieved_rpo_hours: input.achievedRpoHours, result: input.result, notes: input.notes, created_at: nowIso(),
    };
    await trx.insertInto('bc_dr_tests').values(test).execute();
    const latest = !app.last_tested_on || input.testedOn >= app.last_tested_on;
    if (latest) {
      // A failed latest test means the DR arrangement does not work: nothing is counted until it passes again.
      const set = input.result === 'fail'
        ? { last_tested_on: input.testedOn, achievable_rto_hours: null, achievable_rpo_hours: null }
        : { last_tested_on: input.testedOn, achievable_rto_hours: input.achievedRtoHours, achievable_rpo_hours: input.achievedRpoHours ?? app.achievable_rpo_hours };
      await trx.updateTable('bc_applications').set({ ...set, updated_at: nowIso() }).where('id', '=', applicationId).execute();
    }
    await continuityChanged(trx);
    const out = presentTest(test);
    await recordAudit(trx, ctxActor(ctx), { action: 'dr_test', subjectType: 'bc_application', subjectId: applicationId, entityId: app.entity_id, locationId: app.location_id, after: { ...out, updatesAchievable: latest } });
    return out;
  });
}
