import type { z } from 'zod';
import { RISK_BANDS, type RiskBand } from '../../domain/risk/bands.js';
import type { Ctx } from '../../server/context.js';
import { renderTable, type Cell } from '../../server/tabular.js';
import { riskScope } from './policy.js';
import { riskVisible } from './visibility.js';
import { listRisks } from './risks.service.js';
import type { riskListQuery } from './schema.js';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * For the risk map: every duty station with the worst residual band among the open risks you may
 * see there, their number, and the security level in force in its area.
 */
export async function locationRiskSummary(ctx: Ctx) {
  const scope = riskScope(ctx.principal, 'risk.read');
  let qb = ctx.db.selectFrom('risks').select(['risks.location_id', 'risks.residual_band']).select((eb) => eb.fn.countAll<number>().as('n'))
    .where('risks.location_id', 'is not', null).where('risks.status', '!=', 'closed').groupBy(['risks.location_id', 'risks.residual_band']);
  if (!scope.all) qb = qb.where((eb) => riskVisible(eb, scope));
  const rows = await qb.execute();
  const byLocation = new Map<string, { worst: RiskBand | null; risks: number }>();
  for (const r of rows) {
    const e = byLocation.get(r.location_id!) ?? { worst: null, risks: 0 };
    const band = r.residual_band as RiskBand | null;
    if (band && (!e.worst || RISK_BANDS.indexOf(band) > RISK_BANDS.indexOf(e.worst))) e.worst = band;
    e.risks += Number(r.n);
    byLocation.set(r.location_id!, e);
  }
  // The level in force: per area, the latest decision effective today; a station takes its areas' highest.
  const levels = await ctx.db.selectFrom('security_levels as sl').innerJoin('security_area_locations as sal', 'sal.area_id', 'sl.area_id')
    .select(['sal.location_id', 'sl.area_id', 'sl.level', 'sl.effective_from', 'sl.id']).where('sl.effective_from', '<=', today())
    .orderBy('sl.effective_from', 'desc').orderBy('sl.id', 'desc').execute();
  const areaSeen = new Set<string>();
  const levelOf = new Map<string, number>();
  for (const l of levels) {
    const key = `${l.area_id}:${l.location_id}`;
    if (areaSeen.has(key)) continue;
    areaSeen.add(key);
    levelOf.set(l.location_id, Math.max(levelOf.get(l.location_id) ?? 0, l.level));
  }
  const ids = new Set([...byLocation.keys(), ...levelOf.keys()]);
  return [...ids].map((locationId) => ({
    locationId, worstResidual: byLocation.get(locationId)?.worst ?? null, openRisks: byLocation.get(locationId)?.risks ?? 0,
    securityLevel: levelOf.get(locationId) ?? null,
  }));
}

export const REGISTER_COLUMNS = ['id', 'title', 'cause', 'event', 'consequence', 'entity_id', 'location_id', 'joint_assessment_id', 'components', 'status',
  'inherent_likelihood', 'inherent_impact', 'inherent_band', 'residual_likelihood', 'residual_impact', 'residual_band', 'review_due', 'review_overdue'] as const;

/** The register as CSV or XLSX, with the same filters as the list (up to 100,000 rows). */
export async function exportRegister(ctx: Ctx, q: z.infer<typeof riskListQuery>, format: 'csv' | 'xlsx') {
  const rows: Cell[][] = [];
  for (let page = 1; page <= 200; page++) {
    const { items } = await listRisks(ctx, { ...q, page, pageSize: 500 });
    for (const r of items) {
      rows.push([r.id, r.title, r.cause, r.event, r.consequence, r.entityId ?? '', r.locationId ?? '', r.jointAssessmentId ?? '', r.components.join(';'), r.status,
        r.inherent.likelihood, r.inherent.impact, r.inherent.band, r.residual?.likelihood ?? '', r.residual?.impact ?? '', r.residual?.band ?? '', r.reviewDue ?? '', r.reviewOverdue]);
    }
    if (items.length < 500) break;
  }
  return renderTable(format, REGISTER_COLUMNS, rows, 'Risk register');
}
