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
 *
 * How it runs: when t's window widens, each edge leaning on t (d needs t) pushes its new
 * contribution into d's per-cause accumulator — earliest onset, latest return, and the edge that
 * returns last (the lowest edge slot on a tie, as a scan of d's dependencies in slot order would
 * pick). The walk therefore follows reverse edges only, like a breadth-first traversal, and never
 * rescans a node's dependencies. The queue is the first-in-first-out worklist of the plain
 * fixpoint, entry for entry (so ties between equally bad causes are settled as they always were:
 * the one found first stays); a dequeued node whose inputs did not change since it was last
 * evaluated is skipped, which is exact because evaluation is a function of those inputs.
 */

/** How a node's disruption ends. */
export const RECOVERED_BY_DEPENDENCY = 0; // its own restore or the dependency coming back
export const RECOVERED_BY_STAND_IN = 1; // an alternate or failover site of the dependency
export const RECOVERED_BY_STRATEGY = 2; // + strategy kind index

const CAUSES = CAUSE_KINDS.length;

/** Bits of OutageWorkspace.watch: what else must look again when a node's window widens. */
const WATCHED_AS_ALTERNATE = 1, WATCHED_BY_STRATEGY = 2, WATCHED_AS_FAILOVER = 4;

/**
 * Scratch state reused across runs; a run stamps the nodes it touches instead of clearing arrays.
 * cause, via and by are meaningful for disrupted nodes only.
 */
export class OutageWorkspace {
  readonly size: number;
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
  /** Inputs changed since the node was last evaluated. */
  readonly dirty: Uint8Array;
  /**
   * Per node, the cause kinds with a counted dependency loss; per touched node × cause, that loss
   * (see above), at (touch order × CAUSES + cause): a run writes only the first rows, so the memory
   * a run uses (and keeps resident) follows the size of the outage, not of the graph.
   */
  readonly causeMask: Uint16Array;
  readonly row: Int32Array; // node → its touch order in this run
  readonly accStart: Float64Array;
  readonly accBack: Float64Array;
  readonly accSlot: Int32Array; // edge slot: the dependency is depTargets[slot]
  readonly accBy: Uint8Array;
  /** Derived from the model once: WATCHED_* bits per node; per edge slot, whether a stand-in may cover it. */
  readonly watch: Uint8Array;
  readonly hasStandIn: Uint8Array;
  /** Reporting only (see simulate.ts): distance from a direct loss, and an acyclic link towards it. */
  readonly level: Int32Array;
  readonly link: Int32Array;
  readonly queue: Int32Array;
  /** Circular worklist: `queueLength` entries from `queueHead`; non-zero between runs only after a throw. */
  queueHead = 0;
  queueLength = 0;
  readonly touched: Int32Array;
  touchedCount = 0;

  constructor(m: ContinuityModel) {
    const g = m.graph;
    const size = this.size = g.ids.length;
    this.stamp = new Uint32Array(size);
    this.start = new Float64Array(size);
    this.restored = new Float64Array(size);
    this.cause = new Uint8Array(size);
    this.via = new Int32Array(size);
    this.by = new Uint8Array(size);
    this.directMask = new Uint16Array(size);
    this.staffStart = new Float64Array(size);
    this.queued = new Uint8Array(size);
    this.dirty = new Uint8Array(size);
    this.causeMask = new Uint16Array(size);
    this.row = new Int32Array(size);
    this.accStart = new Float64Array(size * CAUSES);
    this.accBack = new Float64Array(size * CAUSES);
    this.accSlot = new Int32Array(size * CAUSES);
    this.accBy = new Uint8Array(size * CAUSES);
    this.level = new Int32Array(size);
    this.link = new Int32Array(size);
    this.queue = new Int32Array(size);
    this.touched = new Int32Array(size);
    this.watch = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      this.watch[i] = (g.altUserOffsets[i + 1]! > g.altUserOffsets[i]! ? WATCHED_AS_ALTERNATE : 0)
        | (m.stratUserOffsets[i + 1]! > m.stratUserOffsets[i]! ? WATCHED_BY_STRATEGY : 0)
        | (m.failoverUserOffsets[i + 1]! > m.failoverUserOffsets[i]! ? WATCHED_AS_FAILOVER : 0);
    }
    this.hasStandIn = new Uint8Array(g.depTargets.length);
    for (let k = 0; k < g.depTargets.length; k++) this.hasStandIn[k] = g.altOffsets[k + 1]! > g.altOffsets[k]! || m.failoverOf[g.depTargets[k]!]! >= 0 ? 1 : 0;
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
    if (this.queueLength !== 0) { this.queued.fill(0); this.queueLength = 0; } // a run that threw
    this.queueHead = 0;
  }

  touch(i: number): void {
    if (this.stamp[i] === this.epoch) return;
    this.stamp[i] = this.epoch;
    this.start[i] = Infinity;
    this.restored[i] = 0;
    this.directMask[i] = 0;
    this.causeMask[i] = 0;
    this.dirty[i] = 0;
    this.row[i] = this.touchedCount;
    this.touched[this.touchedCount++] = i;
  }

  /** A direct loss of node i by cause kind `cause` (a staff loss from `from` hours), queued for the next spreadOutage. */
  lose(i: number, cause: number, from = 0): void {
    this.touch(i);
    this.directMask[i]! |= 1 << cause;
    if (cause === STAFF_CAUSE) this.staffStart[i] = from;
    this.dirty[i] = 1;
    if (this.queued[i]) return;
    this.queued[i] = 1;
    let at = this.queueHead + this.queueLength;
    if (at >= this.size) at -= this.size;
    this.queue[at] = i;
    this.queueLength++;
  }
}

const workspaces = new WeakMap<ContinuityModel, OutageWorkspace>();
/** The model's workspace; runs are synchronous, so one per model is enough. */
export function workspaceFor(m: ContinuityModel): OutageWorkspace {
  let ws = workspaces.get(m);
  if (!ws) { ws = new OutageWorkspace(m); workspaces.set(m, ws); }
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
  ws.begin();
  for (const s of seeds) ws.lose(s.node, s.cause, s.at);
  return spreadOutage(m, ws);
}

/** Runs the worklist from the losses queued by ws.lose() since ws.begin(). */
export function spreadOutage(m: ContinuityModel, ws: OutageWorkspace): OutageWorkspace {
  const g = m.graph;
  // Everything hot in locals: the loop below is the whole cost of a run.
  const { queue, queued, dirty, start, restored, watch, hasStandIn, stamp, epoch, directMask, causeMask, touched, row } = ws;
  const { accStart, accBack, accSlot, accBy } = ws;
  const n = ws.size;
  const { rdepOffsets, rdepSources, rdepEdge, depNeeded, kinds } = g;
  let head = ws.queueHead, length = ws.queueLength, touchedCount = ws.touchedCount;
  let tail = head + length;
  if (tail >= n) tail -= n;
  /** ws.touch(x), then x to the back of the queue unless it is queued already. */
  const push = (x: number) => {
    if (stamp[x] !== epoch) {
      stamp[x] = epoch; start[x] = Infinity; restored[x] = 0; directMask[x] = 0; causeMask[x] = 0; dirty[x] = 0;
      row[x] = touchedCount;
      touched[touchedCount++] = x;
    }
    if (queued[x]) return;
    queued[x] = 1;
    queue[tail] = x;
    if (++tail === n) tail = 0;
    length++;
  };

  // A bound far above what a monotone run can need; reaching it means a bug, not a slow graph.
  let budget = 64 * (n + g.depTargets.length + 16);
  while (length > 0) {
    const d = queue[head]!;
    if (++head === n) head = 0;
    length--;
    queued[d] = 0;
    if (--budget < 0) { ws.touchedCount = touchedCount; throw new Error('Outage propagation did not converge'); }
    if (dirty[d] === 0) continue; // nothing it reads has changed: evaluating again would change nothing
    dirty[d] = 0;
    if (!evaluate(m, ws, d)) continue;

    // d's window widened: everything that leans on d must look again. First its dependents,
    // whose edges to d each bring the loss of d (the common case, with fold() written out).
    const dStart = start[d]!, dRestored = restored[d]!, c = kinds[d]!, bit = 1 << c;
    for (let r = rdepOffsets[d]!; r < rdepOffsets[d + 1]!; r++) {
      const x = rdepSources[r]!, k = rdepEdge[r]!;
      push(x);
      const onset = dStart + depNeeded[k]!;
      if (dRestored <= onset) continue; // back before x needs it
      if (hasStandIn[k] !== 0) { contribute(m, ws, k, x, d); continue; }
      const j = row[x]! * CAUSES + c, mask = causeMask[x]!;
      if ((mask & bit) === 0) {
        causeMask[x] = mask | bit;
        accStart[j] = onset; accBack[j] = dRestored; accSlot[j] = k; accBy[j] = RECOVERED_BY_DEPENDENCY;
        dirty[x] = 1;
        continue;
      }
      if (onset < accStart[j]!) { accStart[j] = onset; dirty[x] = 1; }
      const held = accBack[j]!, slot = accSlot[j]!;
      if (dRestored > held || (dRestored === held && k <= slot)) {
        if (dRestored !== held || k !== slot || accBy[j] !== RECOVERED_BY_DEPENDENCY) {
          accBack[j] = dRestored; accSlot[j] = k; accBy[j] = RECOVERED_BY_DEPENDENCY; dirty[x] = 1;
        }
      }
    }
    const watched = watch[d]!;
    if (watched === 0) continue;
    if (watched & WATCHED_AS_ALTERNATE) {
      for (let r = g.altUserOffsets[d]!; r < g.altUserOffsets[d + 1]!; r++) {
        const k = g.altUserEdges[r]!, x = g.depSource[k]!;
        push(x);
        contribute(m, ws, k, x, g.depTargets[k]!);
      }
    }
    if (watched & WATCHED_BY_STRATEGY) {
      for (let r = m.stratUserOffsets[d]!; r < m.stratUserOffsets[d + 1]!; r++) { const x = m.stratUsers[r]!; push(x); dirty[x] = 1; }
    }
    if (watched & WATCHED_AS_FAILOVER) {
      for (let r = m.failoverUserOffsets[d]!; r < m.failoverUserOffsets[d + 1]!; r++) {
        const p = m.failoverUsers[r]!; // d is the failover of p: p's users may lose their stand-in
        for (let q = rdepOffsets[p]!; q < rdepOffsets[p + 1]!; q++) { const x = rdepSources[q]!; push(x); contribute(m, ws, rdepEdge[q]!, x, p); }
      }
    }
  }
  ws.touchedCount = touchedCount;
  ws.queueHead = 0;
  ws.queueLength = 0;
  return ws;
}

/** Folds what edge slot k (x needs t) currently costs x, stand-ins included, into x's accumulator. */
function contribute(m: ContinuityModel, ws: OutageWorkspace, k: number, x: number, t: number): void {
  if (ws.stamp[t] !== ws.epoch) return; // t is healthy
  const g = m.graph;
  const tRestored = ws.restored[t]!, tStart = ws.start[t]!;
  if (!(tRestored > tStart)) return; // t is not down
  const onset = tStart + g.depNeeded[k]!;
  if (tRestored <= onset) return; // back before x needs it
  let back = tRestored, by = RECOVERED_BY_DEPENDENCY;
  if (ws.hasStandIn[k] !== 0) {
    const stand = standInAvailableAt(m, k, ws.restoredAt);
    if (stand < back) { back = stand; by = RECOVERED_BY_STAND_IN; }
  }
  if (back <= onset) return; // the stand-in is in place before x needs it
  fold(ws, x, g.kinds[t]!, onset, back, k, by);
}

/** x loses, through edge slot k, cause kind c (the kind of the lost dependency) from onset until back. */
function fold(ws: OutageWorkspace, x: number, c: number, onset: number, back: number, k: number, by: number): void {
  const bit = 1 << c, j = ws.row[x]! * CAUSES + c, mask = ws.causeMask[x]!;
  if ((mask & bit) === 0) {
    ws.causeMask[x] = mask | bit;
    ws.accStart[j] = onset; ws.accBack[j] = back; ws.accSlot[j] = k; ws.accBy[j] = by;
    ws.dirty[x] = 1;
    return;
  }
  // Each edge's contribution only grows, so min/max over all of them is min/max over the current ones.
  if (onset < ws.accStart[j]!) { ws.accStart[j] = onset; ws.dirty[x] = 1; }
  const held = ws.accBack[j]!, slot = ws.accSlot[j]!;
  if (back > held || (back === held && k <= slot)) {
    if (back !== held || k !== slot || by !== ws.accBy[j]) { ws.accBack[j] = back; ws.accSlot[j] = k; ws.accBy[j] = by; ws.dirty[x] = 1; }
  }
}

/** Recomputes node d's window from its direct losses and its accumulated dependency losses; true when it widened. */
function evaluate(m: ContinuityModel, ws: OutageWorkspace, d: number): boolean {
  const direct = ws.directMask[d]!, counted = ws.causeMask[d]!;
  const causes = direct | counted;
  if (causes === 0) return false;
  const base = ws.row[d]! * CAUSES;
  let start = Infinity, restored = 0, cause = 0, via = -1, by = RECOVERED_BY_DEPENDENCY;
  const hasStrategies = m.stratOffsets[d + 1]! > m.stratOffsets[d]!;
  for (let left = causes; left !== 0;) {
    const bit = left & -left; // lowest cause kind first, as a scan in kind order
    left ^= bit;
    const c = 31 - Math.clz32(bit);
    let cStart: number, back: number, cVia: number, how: number;
    if ((direct & bit) !== 0) {
      // A direct loss comes first; a dependency replaces it as the cause only by returning later.
      cStart = c === STAFF_CAUSE ? ws.staffStart[d]! : 0; back = c === STAFF_CAUSE ? Infinity : m.ownRestore[d]!; cVia = -1; how = RECOVERED_BY_DEPENDENCY;
      if ((counted & bit) !== 0 && ws.accBack[base + c]! > back) {
        back = ws.accBack[base + c]!; cVia = m.graph.depTargets[ws.accSlot[base + c]!]!; how = ws.accBy[base + c]!;
      }
    } else {
      cStart = ws.accStart[base + c]!; back = ws.accBack[base + c]!; cVia = m.graph.depTargets[ws.accSlot[base + c]!]!; how = ws.accBy[base + c]!;
    }
    if (hasStrategies) {
      const slot = bestStrategy(m, d, c, ws.restoredAt);
      if (slot >= 0) {
        const at = strategyReadyAt(m, slot, ws.restoredAt);
        if (at < back) { back = at; how = RECOVERED_BY_STRATEGY + m.stratKind[slot]!; }
      }
    }
    if (back <= cStart) continue; // a strategy is running before this loss bites
    if (cStart < start) start = cStart;
    if (back > restored) { restored = back; cause = c; via = cVia; by = how; }
  }

  if (!(restored > start)) return false; // not disrupted (still healthy)
  if (start >= ws.start[d]! && restored <= ws.restored[d]!) return false; // no wider than before
  // Monotone: the new window contains the old one, so it simply replaces it.
  ws.start[d] = start; ws.restored[d] = restored; ws.cause[d] = cause; ws.via[d] = via; ws.by[d] = by;
  return true;
}
