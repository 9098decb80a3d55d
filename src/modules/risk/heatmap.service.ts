import type { z } from 'zod';
import type { Ctx } from '../../server/context.js';
import { riskScope } from './policy.js';
import { riskVisible } from './visibility.js';
import type { heatmapQuery } from './schema.js';

/**
 * Counts of visible risks per likelihood × impact cell and per band, for heat maps. Cells are
 * grouped by position, so risks rated on different versions of a same-sized matrix add up.
 */
export async function heatmap(ctx: Ctx, q: z.infer<typeof heatmapQuery>) {
  const scope = riskScope(ctx.principal, 'risk.read');
  const [l, i, b] = q.kind === 'residual'
    ? (['risks.residual_likelihood', 'risks.residual_impact', 'risks.residual_band'] as const)
    : (['risks.inherent_likelihood', 'risks.inherent_impact', 'risks.inherent_band'] as const);
  let qb = ctx.db.selectFrom('risks').where((eb) => riskVisible(eb, scope)).where(l, 'is not', null).where('risks.status', '!=', 'closed');
  if (q.entityId) qb = qb.where('risks.entity_id', '=', q.entityId);
  if (q.locationId) qb = qb.where('risks.location_id', '=', q.locationId);
  if (q.component) qb = qb.where('risks.id', 'in', ctx.db.selectFrom('risk_components').select('risk_id').where('component', '=', q.component));
  const rows = await qb.select([`${l} as likelihood`, `${i} as impact`, `${b} as band`]).select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy([l, i, b]).execute();
  const cells = new Map<string, { likelihood: number; impact: number; count: number }>();
  const bands: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    const key = `${r.likelihood}:${r.impact}`;
    const cell = cells.get(key) ?? { likelihood: Number(r.likelihood), impact: Number(r.impact), count: 0 };
    cell.count += n;
    cells.set(key, cell);
    bands[String(r.band)] = (bands[String(r.band)] ?? 0) + n;
    total += n;
  }
  return { kind: q.kind, total, cells: [...cells.values()].sort((a, b) => a.likelihood - b.likelihood || a.impact - b.impact), bands };
}
