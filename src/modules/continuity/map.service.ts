import type { z } from 'zod';
import type { Ctx } from '../../server/context.js';
import { badRequest } from '../../server/errors.js';
import { NODE_KINDS } from '../../domain/continuity/graph.js';
import { visibility } from './analysis.service.js';
import { NODE_TYPES } from './model.js';
import { continuityModel, type LoadedContinuity } from './model-cache.js';
import type { graphQuery, nodeListQuery } from './schema.js';

/**
 * The dependency map as the explorer and the pickers read it: nodes found by name or id, and the
 * neighbourhood of one node (the full map has tens of thousands of nodes; a browser draws a few
 * hundred). Read from the cached analysis model, so the same nodes and edges the simulation uses,
 * including each application's hosting; nodes out of the caller's scope are left out.
 */

const presentNode = (m: LoadedContinuity, i: number) => ({
  id: m.model.graph.ids[i]!, type: NODE_TYPES[m.type[i]!]!, kind: NODE_KINDS[m.model.graph.kinds[i]!]!, name: m.name[i]!, dutyStationId: m.dutyStationId[i]!,
});
export type MapNode = ReturnType<typeof presentNode>;

export async function listNodes(ctx: Ctx, q: z.infer<typeof nodeListQuery>) {
  const m = await continuityModel(ctx.db);
  const g = m.model.graph;
  const sees = visibility(ctx, m);
  const types = q.type ? new Set(q.type.map((t) => NODE_TYPES.indexOf(t))) : undefined;
  const hits: number[] = [];
  if (q.ids) {
    for (const id of q.ids) { const i = g.indexOf.get(id); if (i !== undefined && sees(i) && (!types || types.has(m.type[i]!))) hits.push(i); }
  } else {
    const needle = q.q?.toLowerCase();
    for (let i = 0; i < g.ids.length; i++) {
      if (types && !types.has(m.type[i]!)) continue;
      if (q.dutyStationId && m.dutyStationId[i] !== q.dutyStationId) continue;
      if (needle && !m.lowerName[i]!.includes(needle) && g.ids[i] !== q.q) continue;
      if (sees(i)) hits.push(i);
    }
    // Names starting with the search first, then alphabetical.
    const starts = (i: number) => (needle && m.lowerName[i]!.startsWith(needle) ? 0 : 1);
    hits.sort((a, b) => starts(a) - starts(b) || m.name[a]!.localeCompare(m.name[b]!) || (g.ids[a]! < g.ids[b]! ? -1 : 1));
  }
  const page = hits.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  return { items: page.map((i) => presentNode(m, i)), total: hits.length, page: q.page, pageSize: q.pageSize };
}

type EdgeKind = 'dependency' | 'alternate' | 'failover';
interface MapEdge { from: string; to: string; kind: EdgeKind; neededWithinHours: number | null }

/**
 * The nodes within `depth` steps of the focus, following dependencies both ways (what it needs and
 * what needs it), the stand-ins of the edges met and the failover site of each site; breadth first,
 * so when `limit` stops it the nearest nodes are kept.
 */
export async function neighbourhood(ctx: Ctx, q: z.infer<typeof graphQuery>) {
  const m = await continuityModel(ctx.db);
  const g = m.model.graph;
  const sees = visibility(ctx, m);
  const focus = g.indexOf.get(q.focusId);
  if (focus === undefined || !sees(focus)) throw badRequest('Invalid graph query', { focusId: `Unknown node "${q.focusId}"` });
  const depth = new Map<number, number>([[focus, 0]]);
  const order = [focus];
  let truncated = false;
  const reach = (x: number, d: number) => {
    if (depth.has(x) || !sees(x)) return;
    if (depth.size >= q.limit) { truncated = true; return; }
    depth.set(x, d);
    order.push(x);
  };
  for (let head = 0; head < order.length; head++) {
    const i = order[head]!;
    const d = depth.get(i)! + 1;
    if (d > q.depth) continue;
    for (let k = g.depOffsets[i]!; k < g.depOffsets[i + 1]!; k++) {
      reach(g.depTargets[k]!, d);
      for (let j = g.altOffsets[k]!; j < g.altOffsets[k + 1]!; j++) reach(g.altNodes[j]!, d);
    }
    for (let r = g.rdepOffsets[i]!; r < g.rdepOffsets[i + 1]!; r++) reach(g.rdepSources[r]!, d);
    const f = m.model.failoverOf[i]!;
    if (f >= 0) reach(f, d);
    for (let r = m.model.failoverUserOffsets[i]!; r < m.model.failoverUserOffsets[i + 1]!; r++) reach(m.model.failoverUsers[r]!, d);
  }
  const edges: MapEdge[] = [];
  for (const i of order) {
    for (let k = g.depOffsets[i]!; k < g.depOffsets[i + 1]!; k++) {
      const t = g.depTargets[k]!;
      if (depth.has(t)) edges.push({ from: g.ids[i]!, to: g.ids[t]!, kind: 'dependency', neededWithinHours: g.depNeeded[k]! });
      for (let j = g.altOffsets[k]!; j < g.altOffsets[k + 1]!; j++) {
        const a = g.altNodes[j]!;
        if (depth.has(a)) edges.push({ from: g.ids[i]!, to: g.ids[a]!, kind: 'alternate', neededWithinHours: null });
      }
    }
    const f = m.model.failoverOf[i]!;
    if (f >= 0 && depth.has(f)) edges.push({ from: g.ids[i]!, to: g.ids[f]!, kind: 'failover', neededWithinHours: null });
  }
  return { focusId: q.focusId, nodes: order.map((i) => ({ ...presentNode(m, i), depth: depth.get(i)! })), edges, truncated };
}
