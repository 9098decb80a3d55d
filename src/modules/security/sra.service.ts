import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import { evaluateProgrammes, type ProgrammeCriticality } from '../../domain/risk/acceptable-risk.js';
import { worseBand, type RiskBand } from '../../domain/risk/bands.js';
import { levelOf, ratingProblems } from '../../domain/risk/matrix.js';
import { badRequest, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { currentMatrix, matrixById, type StoredMatrix } from '../risk/matrices.service.js';
import { canOnArea, canOnProgramme } from './policy.js';
import { stationsOf } from './areas.service.js';
import type { acceptableRiskQuery, programmeInput, programmeListQuery, programmePatch, scenarioInput, sraInput, sraListQuery, sraPatch } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type Scenario = z.infer<typeof scenarioInput>;

const rate = (m: StoredMatrix, likelihood: number, impact: number) => {
  const l = levelOf(m.definition, { likelihood, impact });
  return { likelihood, impact, level: l.key, band: l.band };
};

async function presentSra(db: Db, r: Database['sras']) {
  const m = await matrixById(db, r.matrix_id);
  const rows = await db.selectFrom('sra_scenarios').selectAll().where('sra_id', '=', r.id).orderBy('id').execute();
  const scenarios = rows.map((s) => ({
    id: s.id, threatCategory: s.threat_category, description: s.description, inherent: rate(m, s.likelihood, s.impact),
    existingMeasures: s.existing_measures, recommendedMeasures: s.recommended_measures, residual: rate(m, s.residual_likelihood, s.residual_impact),
  }));
  const highestResidual = scenarios.reduce<RiskBand | null>((w, s) => (w ? worseBand(w, s.residual.band as RiskBand) : (s.residual.band as RiskBand)), null);
  return { id: r.id, areaId: r.area_id, title: r.title, assessedOn: r.assessed_on, validUntil: r.valid_until, status: r.status, matrixId: r.matrix_id, scenarios, highestResidual, createdAt: r.created_at, updatedAt: r.updated_at };
}
export type SraOut = Awaited<ReturnType<typeof presentSra>>;

function scenarioProblems(m: StoredMatrix, scenarios: Scenario[]): FieldErrors {
  return Object.assign({}, ...scenarios.map((s, i) => ({
    ...ratingProblems(m.definition, s.inherent, `scenarios.${i}.inherent.`),
    ...ratingProblems(m.definition, s.residual, `scenarios.${i}.residual.`),
  })));
}

async function writeScenarios(trx: Transaction<Database>, m: StoredMatrix, sraId: string, scenarios: Scenario[]) {
  await trx.deleteFrom('sra_scenarios').where('sra_id', '=', sraId).execute();
  if (!scenarios.length) return;
  await trx.insertInto('sra_scenarios').values(scenarios.map((s) => ({
    id: newId(), sra_id: sraId, threat_category: s.threatCategory, description: s.description, likelihood: s.inherent.likelihood, impact: s.inherent.impact,
    existing_measures: s.existingMeasures, recommended_measures: s.recommendedMeasures, residual_likelihood: s.residual.likelihood,
    residual_impact: s.residual.impact, residual_band: levelOf(m.definition, s.residual).band,
  }))).execute();
}

const datesInOrder = (assessedOn: string, validUntil: string | null): FieldErrors =>
  validUntil && validUntil < assessedOn ? { validUntil: 'Must not be before the assessment date' } : {};

export async function createSra(ctx: Ctx, input: z.infer<typeof sraInput>): Promise<SraOut> {
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('security_areas').select('id').where('id', '=', input.areaId).executeTakeFirst())) throw badRequest('Invalid SRA', { areaId: 'No such security area' });
    if (!canOnArea(ctx.principal, 'srm.write', await stationsOf(trx, input.areaId))) throw forbidden('Only the security advisers of this area may write its SRA');
    const m = await currentMatrix(trx, 'default');
    const fields = { ...datesInOrder(input.assessedOn, input.validUntil), ...scenarioProblems(m, input.scenarios) };
    if (Object.keys(fields).length) throw badRequest('Invalid SRA', fields);
    const now = nowIso();
    const row = { id: newId(), area_id: input.areaId, title: input.title, assessed_on: input.assessedOn, valid_until: input.validUntil, status: input.status, matrix_id: m.id, created_at: now, updated_at: now };
    await trx.insertInto('sras').values(row).execute();
    await writeScenarios(trx, m, row.id, input.scenarios);
    const out = await presentSra(trx, row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'sra', subjectId: row.id, after: out });
    return out;
  });
}

async function sraRow(db: Db, id: string) {
  const row = await db.selectFrom('sras').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('SRA');
  return row;
}

export const getSra = async (ctx: Ctx, id: string) => presentSra(ctx.db, await sraRow(ctx.db, id));

export async function listSras(ctx: Ctx, q: z.infer<typeof sraListQuery>): Promise<SraOut[]> {
  let qb = ctx.db.selectFrom('sras').selectAll('sras');
  if (q.areaId) qb = qb.where('sras.area_id', '=', q.areaId);
  if (q.countryCode) qb = qb.where('sras.area_id', 'in', ctx.db.selectFrom('security_areas').select('id').where('country_code', '=', q.countryCode));
  if (q.locationId) qb = qb.where('sras.area_id', 'in', ctx.db.selectFrom('security_area_locations').select('area_id').where('location_id', '=', q.locationId));
  const rows = await qb.orderBy('sras.assessed_on', 'desc').limit(500).execute();
  return Promise.all(rows.map((r) => presentSra(ctx.db, r)));
}

export async function updateSra(ctx: Ctx, id: string, patch: z.infer<typeof sraPatch>): Promise<SraOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await sraRow(trx, id);
    if (!canOnArea(ctx.principal, 'srm.write', await stationsOf(trx, row.area_id))) throw forbidden('Only the security advisers of this area may change its SRA');
    const m = await matrixById(trx, row.matrix_id);
    const next = {
      ...row, title: patch.title ?? row.title, assessed_on: patch.assessedOn ?? row.assessed_on,
      valid_until: patch.validUntil !== undefined ? patch.validUntil : row.valid_until, status: patch.status ?? row.status, updated_at: nowIso(),
    };
    const fields = { ...datesInOrder(next.assessed_on, next.valid_until), ...scenarioProblems(m, patch.scenarios ?? []) };
    if (Object.keys(fields).length) throw badRequest('Invalid SRA', fields);
    const before = await presentSra(trx, row);
    await trx.updateTable('sras').set(next).where('id', '=', id).execute();
    if (patch.scenarios) await writeScenarios(trx, m, id, patch.scenarios);
    const after = await presentSra(trx, next);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'sra', subjectId: id, before, after });
    return after;
  });
}

// ---- programmes

const presentProgramme = (r: Database['programmes']) => ({
  id: r.id, name: r.name, entityId: r.entity_id, locationId: r.location_id, sraId: r.sra_id, criticality: r.criticality, createdAt: r.created_at, updatedAt: r.updated_at,
});

async function programmeProblems(db: Db, p: z.infer<typeof programmeInput>): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  if (!(await db.selectFrom('entities').select('id').where('id', '=', p.entityId).executeTakeFirst())) fields.entityId = 'No such entity';
  const loc = await db.selectFrom('locations').select('kind').where('id', '=', p.locationId).executeTakeFirst();
  if (!loc || loc.kind !== 'duty_station') fields.locationId = 'No such duty station';
  if (p.sraId) {
    const sra = await db.selectFrom('sras').select('area_id').where('id', '=', p.sraId).executeTakeFirst();
    if (!sra) fields.sraId = 'No such SRA';
    else if (!fields.locationId && !(await stationsOf(db, sra.area_id)).includes(p.locationId)) fields.sraId = 'This SRA is of an area that does not include the duty station';
  }
  return fields;
}

export async function createProgramme(ctx: Ctx, input: z.infer<typeof programmeInput>) {
  if (!canOnProgramme(ctx.principal, 'programme.write', input)) throw forbidden('You may not record programmes here');
  return ctx.db.transaction().execute(async (trx) => {
    const fields = await programmeProblems(trx, input);
    if (Object.keys(fields).length) throw badRequest('Invalid programme', fields);
    const now = nowIso();
    const row = { id: newId(), name: input.name, entity_id: input.entityId, location_id: input.locationId, sra_id: input.sraId, criticality: input.criticality, created_at: now, updated_at: now };
    await trx.insertInto('programmes').values(row).execute();
    const out = presentProgramme(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'programme', subjectId: row.id, entityId: row.entity_id, locationId: row.location_id, after: out });
    return out;
  });
}

export async function updateProgramme(ctx: Ctx, id: string, patch: z.infer<typeof programmePatch>) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Programme');
    const before = presentProgramme(row);
    const merged = { name: patch.name ?? row.name, entityId: patch.entityId ?? row.entity_id, locationId: patch.locationId ?? row.location_id, sraId: patch.sraId !== undefined ? patch.sraId : row.sra_id, criticality: (patch.criticality ?? row.criticality) as ProgrammeCriticality };
    if (!canOnProgramme(ctx.principal, 'programme.write', before) || !canOnProgramme(ctx.principal, 'programme.write', merged)) throw forbidden('You may not change this programme');
    const fields = await programmeProblems(trx, merged);
    if (Object.keys(fields).length) throw badRequest('Invalid programme', fields);
    const next = { ...row, name: merged.name, entity_id: merged.entityId, location_id: merged.locationId, sra_id: merged.sraId, criticality: merged.criticality, updated_at: nowIso() };
    await trx.updateTable('programmes').set(next).where('id', '=', id).execute();
    const after = presentProgramme(next);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'programme', subjectId: id, entityId: next.entity_id, locationId: next.location_id, before, after });
    return after;
  });
}

export async function deleteProgramme(ctx: Ctx, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Programme');
    const before = presentProgramme(row);
    if (!canOnProgramme(ctx.principal, 'programme.write', before)) throw forbidden('You may not remove this programme');
    await trx.deleteFrom('programmes').where('id', '=', id).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'programme', subjectId: id, entityId: row.entity_id, locationId: row.location_id, before });
  });
}

function programmeQuery(db: Db, q: { locationId?: string | undefined; countryCode?: string | undefined; entityId?: string | undefined; areaId?: string | undefined }) {
  let qb = db.selectFrom('programmes').innerJoin('locations', 'locations.id', 'programmes.location_id').selectAll('programmes');
  if (q.locationId) qb = qb.where('programmes.location_id', '=', q.locationId);
  if (q.areaId) qb = qb.where('programmes.location_id', 'in', db.selectFrom('security_area_locations').select('location_id').where('area_id', '=', q.areaId));
  if (q.countryCode) qb = qb.where('locations.country_code', '=', q.countryCode);
  if (q.entityId) qb = qb.where('programmes.entity_id', '=', q.entityId);
  return qb;
}

export async function listProgrammes(ctx: Ctx, q: z.infer<typeof programmeListQuery>) {
  const rows = await programmeQuery(ctx.db, q).orderBy('programmes.name').limit(5000).execute();
  return rows.map(presentProgramme);
}

/**
 * The acceptable-risk decision for every programme of a country or duty station: a programme's
 * residual risk is the highest residual risk of the scenarios of the SRA it is assessed under.
 */
export async function acceptableRiskReport(ctx: Ctx, q: z.infer<typeof acceptableRiskQuery>) {
  if (!q.countryCode && !q.locationId && !q.areaId) throw badRequest('Say which country, area or duty station', { countryCode: 'Give countryCode, areaId or locationId' });
  const programmes = await programmeQuery(ctx.db, q).leftJoin('sra_scenarios', 'sra_scenarios.sra_id', 'programmes.sra_id')
    .select(['programmes.id', 'programmes.name', 'programmes.entity_id', 'programmes.location_id', 'programmes.criticality', 'sra_scenarios.residual_band'])
    .execute();
  const worst = new Map<string, { id: string; name: string; entityId: string; locationId: string; criticality: ProgrammeCriticality; residual: RiskBand | null }>();
  for (const p of programmes) {
    const seen = worst.get(p.id);
    const band = (p.residual_band ?? null) as RiskBand | null;
    const residual = seen?.residual && band ? worseBand(seen.residual, band) : seen?.residual ?? band;
    worst.set(p.id, { id: p.id, name: p.name, entityId: p.entity_id, locationId: p.location_id, criticality: p.criticality as ProgrammeCriticality, residual });
  }
  const assessed = [...worst.values()].filter((p): p is typeof p & { residual: RiskBand } => p.residual !== null);
  const { verdicts, unacceptable } = evaluateProgrammes(assessed);
  const unassessed = [...worst.values()].filter((p) => p.residual === null).map((p) => ({ ...p, acceptable: null, approver: null }));
  return { verdicts: [...verdicts, ...unassessed], unacceptable, unassessed };
}
