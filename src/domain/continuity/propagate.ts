import { CAUSE_KINDS, STAFF_CAUSE, bestStrategy, standInAvailableAt, strategyReadyAt, type ContinuityModel } from './recovery.js';

/**
 * The outage engine: how a set of initial losses spreads along dependencies, on typed arrays.
 *
 * Every node gets a disruption window [start, restored) in hours from the incident; healthy nodes
 * have start = Infinity, restored = 0. A dependency edge (d needs t within w hours) disrupts d from
 * start(t) + w until t — or its best stand-in — is back, unless that happens first. Per kind of cause,
 * d's BC strategies may end the disruption earlier. All of this is monotone (a window only widens
 * when an input window widens) and every value comes from a finite set (sums of w along paths,
 * restore and activation times), so the worklist below reaches the least fixpoint and stops, on
 * cycles too: a node is re-queued only when its window strictly widens. Diamonds are counted once:
 * a node keeps one window, its worst cause and the earliest start.
 *
 * Recovery options are invoked at the incident (t = 0), so activation times are absolute.
 */

/** How a node's disruption ends. */
export const RECOVERED_BY_DEPENDENCY = 0; // its own restore or the dependency coming back
export const RECOVERED_BY_STAND_IN = 1; // an alternate or failover site of the dependency
export const RECOVERED_BY_STRATEGY = 2; // + strategy kind index

/** Scratch state reused across runs; a run stamps the nodes it touches instead of clearing arrays. */
export class OutageWorkspace {
  readonly stamp: Uint32Array;
  epoch = 0;
  readonly start: Float64Array;
  readonly restored: Float64Array;
  readonly cause: Uint8Array; // CAUSE_KINDS index of the worst cause
  readonly via: Int32Array; // dependency node of the worst cause, -1 for a direct loss
  readonly by: Uint8Array; // RECOVERED_BY_*
  readonly directMask: Uint16Array; // cause bits of direct losses
  readonly staffStart: Float64Array; // when missing staff bring a direct staff loss (pandemic), hours
  readonly queued: Uint8Array;
  /** Reporting only (see simulate.ts): distance from a direct loss, and an acyclic link towards it. */
  readonly level: Int32Array;
  readonly link: Int32Array;
  readonly queue: Int32Array;
  touched: Int32Array;
  touchedCount = 0;
  // Per-evaluation accumulators, one slot per cause kind.
  readonly cStart = new Float64Array(CAUSE_KINDS.length);
  readonly cRestored = new Float64Array(CAUSE_KINDS.length);
  readonly cVia = new Int32Array(CAUSE_KINDS.length);
  readonly cBy = new Uint8Array(CAUSE_KINDS.length);

  constructor(readonly size: number) {
    this.stamp = new Uint32Array(size);
    this.start = new Float64Array(size);
    this.restored = new Float64Array(size);
    this.cause = new Uint8Array(size);
    this.via = new Int32Array(size);
    this.by = new Uint8Array(size);
    this.directMask = new Uint16Array(size);
    this.staffStart = new Float64Array(size);
    this.queued = new Uint8Array(size);
    this.level = new Int32Array(size);
    this.link = new Int32Array(size);
    this.queue = new Int32Array(size);
    this.touched = new Int32Array(Math.min(size, 1024));
  }

  /** Restored time of node i in the current run (0 when untouched = healthy). */
  restoredAt = (i: number): number => (this.stamp[i] === this.epoch ? this.restored[i]! : 0);
  startOf(i: number): number { return this.stamp[i] === this.epoch ? this.start[i]! : Infinity; }
  isDisrupted(i: number): boolean { return this.stamp[i] === this.epoch && this.restored[i]! > this.start[i]!; }

  /** Touched nodes of the current run (disrupted or not). */
  nodes(): Int32Array { return this.touched.subarray(0, this.touchedCount); }

  begin(): void {
    this.epoch++;
    if (this.epoch === 0xffffffff) { this.stamp.fill(0); this.epoch = 1; }
    this.touchedCount = 0;
  }

  touch(i: number): void {
    if (this.stamp[i] === this.epoch) return;
    this.stamp[i] = this.epoch;
    this.start[i] = Infinity;
    this.restored[i] = 0;
    this.cause[i] = 0;
    this.via[i] = -1;
    this.by[i] = RECOVERED_BY_DEPENDENCY;
    this.directMask[i] = 0;
    this.staffStart[i] = 0;
    if (this.touchedCount === this.touched.length) {
      const bigger = new Int32Array(Math.min(this.size, this.touched.length * 2));
      bigger.set(this.touched);
      this.touched = bigger;
    }
    this.touched[this.touchedCount++] = i;
  }
}

const workspaces = new WeakMap<ContinuityModel, OutageWorkspace>();
/** The model's workspace; runs are synchronous, so one per model is enough. */
export function workspaceFor(m: ContinuityModel): OutageWorkspace {
  let ws = workspaces.get(m);
  if (!ws) { ws = new OutageWorkspace(m.graph.ids.length); workspaces.set(m, ws); }
  return ws;
}

/**
 * A direct loss: node index and the cause kind index it is lost by, at t = 0, except a loss of
 * staff, which bites when the staff left fall below what the process needs (`at`, hours).
 */
export interface Seed { node: number; cause: number; at?: number }

/**
 * Spreads the seeds' losses through the model. Results stay in the workspace until the next run:
 * read them with ws.nodes(), ws.start/restored/cause/via/by.
 */
export function propagateOutage(m: ContinuityModel, seeds: Iterable<Seed>, ws: OutageWorkspace = workspaceFor(m)): OutageWorkspace {
  const g = m.graph;
  ws.begin();
  const { queue, queued } = ws;
  const n = ws.size;
  let head = 0, length = 0;
  const push = (i: number) => {
    if (queued[i]) return;
    queued[i] = 1;
    queue[(head + length) % n] = i;
    length++;
  };
  for (const s of seeds) {
    ws.touch(s.node);
    ws.directMask[s.node]! |= 1 << s.cause;
    if (s.cause === STAFF_CAUSE && s.at !== undefined) ws.staffStart[s.node] = s.at;
    push(s.node);
  }

  // A bound far above what a monotone run can need; reaching it means a bug, not a slow graph.
  let budget = 64 * (n + g.depTargets.length + 16);
  while (length > 0) {
    const d = queue[head]!;
    head = (head + 1) % n;
    length--;
    queued[d] = 0;
    if (--budget < 0) throw new Error('Outage propagation did not converge');
    if (!evaluate(m, ws, d)) continue;

    // d's window widened: everything that leans on d must look again.
    for (let r = g.rdepOffsets[d]!; r < g.rdepOffsets[d + 1]!; r++) { const x = g.rdepSources[r]!; ws.touch(x); push(x); }
    for (let r = g.altUserOffsets[d]!; r < g.altUserOffsets[d + 1]!; r++) { const x = g.depSource[g.altUserEdges[r]!]!; ws.touch(x); push(x); }
    for (let r = m.stratUserOffsets[d]!; r < m.stratUserOffsets[d + 1]!; r++) { const x = m.stratUsers[r]!; ws.touch(x); push(x); }
    for (let r = m.failoverUserOffsets[d]!; r < m.failoverUserOffsets[d + 1]!; r++) {
      const p = m.failoverUsers[r]!; // d is the failover of p: p's users may lose their stand-in
      for (let q = g.rdepOffsets[p]!; q < g.rdepOffsets[p + 1]!; q++) { const x = g.rdepSources[q]!; ws.touch(x); push(x); }
    }
  }
  return ws;
}

/** Recomputes node d's window from its direct losses and its dependencies; true when it widened. */
function evaluate(m: ContinuityModel, ws: OutageWorkspace, d: number): boolean {
  const g = m.graph;
  const { cStart, cRestored, cVia, cBy } = ws;
  let causes = 0; // bit set of causes present

  const direct = ws.directMask[d]!;
  if (direct !== 0) {
    for (let c = 0; c < CAUSE_KINDS.length; c++) {
      if ((direct & (1 << c)) === 0) continue;
      causes |= 1 << c;
      cStart[c] = c === STAFF_CAUSE ? ws.staffStart[d]! : 0;
      cRestored[c] = c === STAFF_CAUSE ? Infinity : m.ownRestore[d]!;
      cVia[c] = -1;
      cBy[c] = RECOVERED_BY_DEPENDENCY;
    }
  }

  for (let k = g.depOffsets[d]!; k < g.depOffsets[d + 1]!; k++) {
    const t = g.depTargets[k]!;
    if (ws.stamp[t] !== ws.epoch) continue;
    const tRestored = ws.restored[t]!;
    const tStart = ws.start[t]!;
    if (!(tRestored > tStart)) continue; // t is not down
    const onset = tStart + g.depNeeded[k]!;
    if (tRestored <= onset) continue; // back before d needs it
    let back = tRestored, by = RECOVERED_BY_DEPENDENCY;
    if (g.altOffsets[k] !== g.altOffsets[k + 1] || m.failoverOf[t]! >= 0) {
      const stand = standInAvailableAt(m, k, ws.restoredAt);
      if (stand < back) { back = stand; by = RECOVERED_BY_STAND_IN; }
    }
    if (back <= onset) continue; // the stand-in is in place before d needs it
    const c = g.kinds[t]!; // cause kind = kind of the lost dependency
    if ((causes & (1 << c)) === 0) {
      causes |= 1 << c;
      cStart[c] = onset; cRestored[c] = back; cVia[c] = t; cBy[c] = by;
    } else {
      if (onset < cStart[c]!) cStart[c] = onset;
      if (back > cRestored[c]!) { cRestored[c] = back; cVia[c] = t; cBy[c] = by; }
    }
  }

  let start = Infinity, restored = 0, cause = 0, via = -1, by = RECOVERED_BY_DEPENDENCY;
  const hasStrategies = m.stratOffsets[d + 1]! > m.stratOffsets[d]!;
  for (let c = 0; causes !== 0 && c < CAUSE_KINDS.length; c++) {
    if ((causes & (1 << c)) === 0) continue;
    let back = cRestored[c]!, how = cBy[c]!;
    if (hasStrategies) {
      const slot = bestStrategy(m, d, c, ws.restoredAt);
      if (slot >= 0) {
        const at = strategyReadyAt(m, slot, ws.restoredAt);
        if (at < back) { back = at; how = RECOVERED_BY_STRATEGY + m.stratKind[slot]!; }
      }
    }
    if (back <= cStart[c]!) continue; // a strategy is running before this loss bites
    if (cStart[c]! < start) start = cStart[c]!;
    if (back > restored) { restored = back; cause = c; via = cVia[c]!; by = how; }
  }

  if (!(restored > start)) return false; // not disrupted (still healthy)
  if (start >= ws.start[d]! && restored <= ws.restored[d]!) return false; // no wider than before
  // Monotone: the new window contains the old one, so it simply replaces it.
  ws.start[d] = start; ws.restored[d] = restored; ws.cause[d] = cause; ws.via[d] = via; ws.by[d] = by;
  return true;
}
