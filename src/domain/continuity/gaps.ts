import { NODE_KINDS, kindIndex, type NodeKind } from './graph.js';
import { propagateOutage, workspaceFor } from './propagate.js';
import { bestStrategy, standInAvailableAt, strategyReadyAt, type ContinuityModel } from './recovery.js';

/**
 * Gap analysis (issue §4, DOMAIN §6): what processes require against what their dependency chains
 * can deliver, and the resources whose loss alone breaks a process beyond any recovery option.
 */

export interface ContinuityGap {
  processId: string;
  /** The direct dependency through which the gap arises. */
  dependencyId: string;
  measure: 'rto' | 'rpo';
  /** RTO gap: the process's RTO plus the hours it runs without the dependency. RPO gap: the process's RPO. */
  requiredHours: number;
  /** What the chain delivers; null when nothing restores it (no DR, SLA, alternate or strategy) or it is untested. */
  deliverableHours: number | null;
  /** deliverable − required (> 0); null when unbounded. */
  gapHours: number | null;
  /** The resource deep in the chain that sets the deliverable time (the one to fix). */
  limitingId: string;
}

export interface SinglePointOfFailure {
  resourceId: string;
  kind: NodeKind;
  /** Processes left down with no alternate, DR, SLA or ready strategy when this resource alone is lost. */
  brokenProcessIds: string[];
}

const PROCESS = kindIndex('process');
const DATA_KINDS = new Set([kindIndex('application'), kindIndex('ict_service'), kindIndex('vital_record')]);
const DATA_CHAIN = new Set([kindIndex('application'), kindIndex('ict_service')]);
const healthy = () => 0;

/**
 * For every node, the hours to have it running again after the worst single loss in its
 * dependency chain, with stand-ins and the node's own strategies but assuming they are unharmed
 * (single failure). A least fixpoint over a worklist: terminates on cycles because values only rise
 * and come from a finite set. `limit[i]` is the node that sets the value.
 */
export function deliverableRecovery(m: ContinuityModel): { hours: Float64Array; limit: Int32Array } {
  const g = m.graph;
  const n = g.ids.length;
  const hours = new Float64Array(n);
  const limit = new Int32Array(n);
  for (let i = 0; i < n; i++) { hours[i] = g.kinds[i] === PROCESS ? 0 : m.ownRestore[i]!; limit[i] = i; }
  const queue = new Int32Array(n);
  const queued = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) queue[i] = n - 1 - i; // sources are listed first by convention; any order is correct
  let head = 0, length = n;
  while (length > 0) {
    const d = queue[head]!;
    head = (head + 1) % n; length--; queued[d] = 0;
    let best = hours[d]!, lim = limit[d]!;
    for (let k = g.depOffsets[d]!; k < g.depOffsets[d + 1]!; k++) {
      const v = edgeDeliverable(m, hours, k);
      if (v > best) { best = v; const t = g.depTargets[k]!; lim = hours[t] === v ? limit[t]! : t; }
    }
    if (best <= hours[d]!) continue;
    hours[d] = best; limit[d] = lim;
    for (let r = g.rdepOffsets[d]!; r < g.rdepOffsets[d + 1]!; r++) {
      const x = g.rdepSources[r]!;
      if (!queued[x]) { queued[x] = 1; queue[(head + length) % n] = x; length++; }
    }
  }
  return { hours, limit };
}

/** Hours until edge slot k's dependency (or a stand-in, or the source's strategy) serves again; 0 when within the tolerance. */
function edgeDeliverable(m: ContinuityModel, hours: Float64Array, k: number): number {
  const g = m.graph;
  const t = g.depTargets[k]!;
  let v = hours[t]!;
  if (v <= g.depNeeded[k]!) return 0;
  v = Math.min(v, standInAvailableAt(m, k, healthy));
  const d = g.depSource[k]!;
  const slot = bestStrategy(m, d, g.kinds[t]!, healthy);
  if (slot >= 0) v = Math.min(v, strategyReadyAt(m, slot, healthy));
  return v <= g.depNeeded[k]! ? 0 : v;
}

/** Achievable RPO of each data node through application → application/ICT service chains (Infinity = untested). */
function deliverableRpo(m: ContinuityModel): { hours: Float64Array; limit: Int32Array } {
  const g = m.graph;
  const n = g.ids.length;
  const hours = Float64Array.from(m.achievableRpo);
  const limit = Int32Array.from({ length: n }, (_, i) => i);
  let changed = true;
  // Few rounds in practice (chains are short); each round only raises values, so it stops.
  while (changed) {
    changed = false;
    for (let d = 0; d < n; d++) {
      if (!DATA_CHAIN.has(g.kinds[d]!)) continue;
      for (let k = g.depOffsets[d]!; k < g.depOffsets[d + 1]!; k++) {
        const t = g.depTargets[k]!;
        if (DATA_CHAIN.has(g.kinds[t]!) && hours[t]! > hours[d]!) { hours[d] = hours[t]!; limit[d] = limit[t]!; changed = true; }
      }
    }
  }
  return { hours, limit };
}

const finite = (x: number): number | null => (x === Infinity ? null : x);

/** All RTO and RPO gaps of all processes, worst first (unbounded, then largest gap). */
export function analyseGaps(m: ContinuityModel): ContinuityGap[] {
  const g = m.graph;
  const rec = deliverableRecovery(m);
  const rpo = deliverableRpo(m);
  const gaps: ContinuityGap[] = [];
  for (let p = 0; p < g.ids.length; p++) {
    if (g.kinds[p] !== PROCESS) continue;
    const rto = m.rto[p]!, rpoReq = m.rpo[p]!;
    for (let k = g.depOffsets[p]!; k < g.depOffsets[p + 1]!; k++) {
      const t = g.depTargets[k]!;
      if (!Number.isNaN(rto)) {
        const required = rto + g.depNeeded[k]!;
        const v = edgeDeliverable(m, rec.hours, k);
        if (v > required) {
          gaps.push({ processId: g.ids[p]!, dependencyId: g.ids[t]!, measure: 'rto', requiredHours: required, deliverableHours: finite(v), gapHours: finite(v - required), limitingId: g.ids[v === rec.hours[t] ? rec.limit[t]! : t]! });
        }
      }
      if (!Number.isNaN(rpoReq) && DATA_KINDS.has(g.kinds[t]!) && rpo.hours[t]! > rpoReq) {
        const v = rpo.hours[t]!;
        gaps.push({ processId: g.ids[p]!, dependencyId: g.ids[t]!, measure: 'rpo', requiredHours: rpoReq, deliverableHours: finite(v), gapHours: finite(v - rpoReq), limitingId: g.ids[rpo.limit[t]!]! });
      }
    }
  }
  const size = (x: ContinuityGap) => x.gapHours ?? Infinity;
  return gaps.sort((a, b) => size(b) - size(a) || cmp(a.processId, b.processId) || cmp(a.dependencyId, b.dependencyId) || cmp(a.measure, b.measure));
}

/**
 * Resources whose loss alone leaves at least one process down for good (no stand-in, DR, SLA or
 * counted strategy), found by simulating each loss with the outage engine — the same rules as the
 * simulation, not a second copy. Only resources that cannot restore themselves are candidates:
 * every disruption spreading from a finite restore is itself finite.
 */
export function singlePointsOfFailure(m: ContinuityModel): SinglePointOfFailure[] {
  const g = m.graph;
  const ws = workspaceFor(m);
  const seed = [{ node: 0, cause: 0 }];
  const out: SinglePointOfFailure[] = [];
  const station = kindIndex('duty_station');
  for (let r = 0; r < g.ids.length; r++) {
    const kind = g.kinds[r]!;
    if (kind === PROCESS || kind === station || m.ownRestore[r] !== Infinity) continue;
    if (g.rdepOffsets[r + 1] === g.rdepOffsets[r]) continue; // nothing depends on it
    seed[0] = { node: r, cause: kind };
    propagateOutage(m, seed, ws);
    let broken: string[] | undefined;
    for (const i of ws.nodes()) {
      if (g.kinds[i] === PROCESS && ws.restoredAt(i) === Infinity && ws.startOf(i) < Infinity) (broken ??= []).push(g.ids[i]!);
    }
    if (broken) out.push({ resourceId: g.ids[r]!, kind: NODE_KINDS[kind]!, brokenProcessIds: broken.sort() });
  }
  return out.sort((a, b) => b.brokenProcessIds.length - a.brokenProcessIds.length || cmp(a.resourceId, b.resourceId));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
