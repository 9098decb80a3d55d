import type { z } from 'zod';
import type { Ctx } from '../../server/context.js';
import { levelOf } from '../../domain/risk/matrix.js';
import { riskScope } from './policy.js';
import { riskVisible } from './visibility.js';
import { matrixById } from './matrices.service.js';
import type { heatmapQuery } from './schema.js';

/**
 * Counts of visible open risks per likelihood × impact cell and per band, for heat maps. Cells are
 * grouped by position, so risks rated on different versions of a same-sized matrix add up; each
 * count's band comes from the matrix version it was rated on.
 */
export async function heatmap(ctx: Ctx, q: z.infer<typeof heatmapQuery>) {
  const scope = riskScope(ctx.principal, 'risk.read');
  const [l, i] = q.kind === 'residual'
    ? (['risks.residual_likelihood', 'risks.residual_impact'] as const)
    : (['risks.inherent_likelihood', 'risks.inherent_impact'] as const);
  let qb = ctx.db.selectFrom('risks').where(l, 'is not', null).where('risks.status', '!=', 'closed');
  if (!scope.all) qb = qb.where((eb) => riskVisible(eb, scope));
  if (q.entityId) qb = qb.where('risks.entity_id', '=', q.entityId);
  if (q.locationId) qb = qb.where('risks.location_id', '=', q.locationId);
  if (q.component) qb = qb.where('risks.id', 'in', ctx.db.selectFrom('risk_components').select('risk_id').where('component', '=', q.component));
  const rows = await qb.select([`${l} as likelihood`, `${i} as impact`, 'risks.matrix_id']).select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy([l, i, 'risks.matrix_id']).execute();
  const cells = new Map<string, { likelihood: number; impact: number; count: number }>();
  const bands: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    const rating = { likelihood: Number(r.likelihood), impact: Number(r.impact) };
    const key = `${rating.likelihood}:${rating.impact}`;
    const cell = cells.get(key) ?? { ...rating, count: 0 };
    cell.count += n;
    cells.set(key, cell);
    const band = levelOf((await matrixById(ctx.db, r.matrix_id)).definition, rating).band;
    bands[band] = (bands[band] ?? 0) + n;
    total += n;
  }
  return { kind: q.kind, total, cells: [...cells.values()].sort((a, b) => a.likelihood - b.likelihood || a.impact - b.impact), bands };
}
