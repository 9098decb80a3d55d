import { CAUSE_KINDS, STAFF_CAUSE, STRATEGY_KINDS, standInAvailableAt, type ContinuityModel } from './recovery.js';

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
 *
 * Memory layout: what the walk reads about a node sits in one 64-byte record (window, flags, its
 * reverse-edge and strategy ranges), each reverse edge in one 16-byte record, each accumulator in
 * one 32-byte record. The walk reads a few cache lines per node, as a plain BFS does, rather than
 * one line in each of some thirty arrays, which on a typical outage costs more than the work.
 */

/** How a node's disruption ends. */
const BY_DEPENDENCY = 0; // its own restore or the dependency coming back
const BY_STAND_IN = 1; // an alternate or failover site of the dependency
const BY_STRATEGY = 2; // + strategy kind index
// The engine uses the private names above (and STAFF below): V8 reads an exported or imported
// binding through its module cell on every use, a private constant as a plain slot.
export const RECOVERED_BY_DEPENDENCY = BY_DEPENDENCY, RECOVERED_BY_STAND_IN = BY_STAND_IN, RECOVERED_BY_STRATEGY = BY_STRATEGY;

const CAUSES = CAUSE_KINDS.length, STAFF = STAFF_CAUSE;

/** Bits of a node's static word: what else must look again when its window widens. */
const WATCHED_AS_ALTERNATE = 1, WATCHED_BY_STRATEGY = 2, WATCHED_AS_FAILOVER = 4;

/*
 * Memory (EngineMemory below): one buffer seen as int32 words (I) and float64 words (F = word
 * index / 2), so the hot loop handles two typed arrays, not twenty. Node i's record is words
 * 16i … 16i + 15:
 */
const F_START = 0, F_RESTORED = 1; // float64 slots: F[8i + …]; slot 2 (words 4–5) and word 10 are free
const I_STATIC = 6; // kind | watch << 8 | cause kinds its usable strategies cover << 12
const I_OUTCOME = 7; // a disrupted node's outcome code: worst cause | recovered-by << 4 | OUTCOME_DIRECT when lost directly
const I_STAMP = 8, I_FLAGS = 9;
const I_VIA = 11;
const I_RDEP = 12, I_RDEP_END = 13; // word addresses of its reverse-edge records
const I_STRAT = 14, I_STRAT_END = 15; // word addresses of its strategy records
/** The outcome code, as the outcome rows carry it (written at evaluation, so the copy-out neither decodes nor branches). */
const OUTCOME_BY_SHIFT = 4, OUTCOME_DIRECT = 256;
if (CAUSES > 16 || BY_STRATEGY + STRATEGY_KINDS.length > 16) throw new Error('Outcome codes do not fit their word');
/** I_FLAGS: cause kinds with a counted dependency loss (bits 0–9), direct losses (10–19), dirty, queued. */
const DIRECT_SHIFT = 10, CAUSE_BITS = (1 << CAUSES) - 1, DIRTY = 1 << 20, QUEUED = 1 << 21;
if (CAUSES > DIRECT_SHIFT) throw new Error('Too many cause kinds for the outage engine\'s flag word');
/*
 * A reverse-edge record (4 words at w): I[w] the dependent, I[w+1] the forward edge slot k, or ~k
 * when a stand-in may cover it; F[w/2 + 1] the hours it is needed within.
 * A strategy record (4 words at w), for strategies that can ever be ready (others never win):
 * F[w/2] ready at; I[w+2] covered cause bits | kind << 16; I[w+3] resource node, -1 none.
 * An accumulator (8 words at w = row + 8 × cause), a counted dependency loss (see above): F[w/2]
 * onset, F[w/2+1] return; I[w+4] edge slot, I[w+5] recovered-by, I[w+6] the dependency. Node i's
 * row is at accBase + ACC_ROW × i: computed rather than assigned at first touch and read back from
 * the record, which measured cheaper than keeping the rows of a run together.
 */
const ACC_ROW = 8 * CAUSES;

/**
 * The engine's memory: one buffer seen as int32 words (I) and float64 words (F), holding the
 * workspace of one model at a time, the one that ran last. Runs are synchronous and their results
 * are read or copied out before the next, so one buffer serves every model; a model whose layout
 * was displaced is laid out again on its next run, as on its first.
 * The arrays live in fields of a module-level constant, set only when a model needs more room
 * than the buffer has: while they are set once, V8 compiles the engine with them as constants
 * instead of checking and reloading both arrays in every loop iteration, which measured a fifth
 * of a simulation. A second setting turns them back into variables of the optimized code (correct,
 * only slower), so the first takes room for a map of the scale (about 30,000 nodes and
 * 100,000 edges; untouched pages are normally not even committed) and any growth a quarter more.
 */
const MIN_ENGINE_WORDS = 1 << 22; // 16 MiB
class EngineMemory {
  declare I: Int32Array; // declared, not initialised: added by reserve(), see above
  declare F: Float64Array;
  words = 0;
  /** The workspace laid out in the buffer. */
  owner: OutageWorkspace | undefined = undefined;

  reserve(words: number): void {
    if (words <= this.words) return;
    this.words = Math.max(MIN_ENGINE_WORDS, (Math.ceil(1.25 * words) + 15) & ~15);
    const buffer = new ArrayBuffer(4 * this.words);
    this.I = new Int32Array(buffer);
    this.F = new Float64Array(buffer);
    this.owner = undefined;
  }
}
const memory = new EngineMemory();

/**
 * Scratch state of a model's runs, in the engine memory; a run stamps the nodes it touches
 * instead of clearing arrays. Read a run with nodes() and the accessors, before the next run of
 * any model; cause, via and by are meaningful for disrupted nodes only.
 */
export class OutageWorkspace {
  readonly size: number;
  epoch = 0;
  /** Word addresses of the regions after the node records, and the words they all take. */
  readonly edgeBase: number;
  readonly stratBase: number;
  readonly staffBase: number; // float64 index: when missing staff bring a direct staff loss (pandemic), hours
  readonly queueBase: number; // circular worklist
  readonly touchedBase: number; // nodes in touch order
  readonly accBase: number;
  readonly words: number;
  /** Circular worklist: `queueLength` entries from `queueHead`; non-zero between runs only after a throw. */
  queueHead = 0;
  queueLength = 0;
  touchedCount = 0;
  /** Touched nodes whose window is not empty. */
  disruptedCount = 0;

  constructor(readonly model: ContinuityModel) {
    const m = model, size = this.size = m.graph.ids.length;
    let usable = 0;
    for (let s = 0; s < m.stratAvailableAt.length; s++) if (m.stratAvailableAt[s]! < Infinity) usable++;
    const round = (w: number) => (w + 15) & ~15; // regions on 64-byte boundaries
    this.edgeBase = round(16 * size);
    this.stratBase = round(this.edgeBase + 4 * m.graph.rdepSources.length);
    const staffWords = round(this.stratBase + 4 * usable);
    this.staffBase = staffWords >> 1;
    this.queueBase = round(staffWords + 2 * size);
    this.touchedBase = round(this.queueBase + size);
    this.accBase = round(this.touchedBase + size);
    this.words = this.accBase + ACC_ROW * size;
  }

  /** Lays the model's records out in the engine memory, all nodes unstamped (see begin()). */
  private layOut(): void {
    memory.reserve(this.words);
    const m = this.model, g = m.graph, { I, F } = memory, { size, edgeBase } = this;
    let w = this.stratBase;
    for (let i = 0; i < size; i++) {
      const watch = (g.altUserOffsets[i + 1]! > g.altUserOffsets[i]! ? WATCHED_AS_ALTERNATE : 0)
        | (m.stratUserOffsets[i + 1]! > m.stratUserOffsets[i]! ? WATCHED_BY_STRATEGY : 0)
        | (m.failoverUserOffsets[i + 1]! > m.failoverUserOffsets[i]! ? WATCHED_AS_FAILOVER : 0);
      let covers = 0;
      const b = i << 4;
      I[b + I_STRAT] = w;
      for (let s = m.stratOffsets[i]!; s < m.stratOffsets[i + 1]!; s++) {
        // One never ready is never the soonest (bestStrategy picks strictly sooner), so it is left out.
        if (!(m.stratAvailableAt[s]! < Infinity)) continue;
        F[w >> 1] = Math.max(m.stratAvailableAt[s]!, 0); // as strategyReadyAt, which takes the max with a healthy resource's 0
        I[w + 2] = m.stratCovers[s]! | (m.stratKind[s]! << 16);
        I[w + 3] = m.stratResource[s]!;
        covers |= m.stratCovers[s]!;
        w += 4;
      }
      I[b + I_STRAT_END] = w;
      I[b + I_STATIC] = g.kinds[i]! | (watch << 8) | (covers << 12);
      I[b + I_STAMP] = 0;
      I[b + I_RDEP] = edgeBase + 4 * g.rdepOffsets[i]!;
      I[b + I_RDEP_END] = edgeBase + 4 * g.rdepOffsets[i + 1]!;
    }
    for (let r = 0; r < g.rdepSources.length; r++) {
      const k = g.rdepEdge[r]!, e = edgeBase + 4 * r;
      I[e] = g.rdepSources[r]!;
      I[e + 1] = g.altOffsets[k + 1]! > g.altOffsets[k]! || m.failoverOf[g.depTargets[k]!]! >= 0 ? ~k : k;
      F[(e >> 1) + 1] = g.depNeeded[k]!;
    }
    memory.owner = this;
  }

  /** Restored time of node i in the current run (0 when untouched = healthy). */
  restoredAt = (i: number): number => (memory.I[(i << 4) + I_STAMP] === this.epoch ? memory.F[(i << 3) + F_RESTORED]! : 0);
  startOf(i: number): number { return memory.I[(i << 4) + I_STAMP] === this.epoch ? memory.F[(i << 3) + F_START]! : Infinity; }
  isDisrupted(i: number): boolean { return memory.I[(i << 4) + I_STAMP] === this.epoch && memory.F[(i << 3) + F_RESTORED]! > memory.F[(i << 3) + F_START]!; }
  /** CAUSE_KINDS index of the worst cause of a disrupted node. */
  causeOf(i: number): number { return memory.I[(i << 4) + I_OUTCOME]! & 0xf; }
  /** The dependency of the worst cause of a disrupted node, -1 for a direct loss. */
  viaOf(i: number): number { return memory.I[(i << 4) + I_VIA]!; }
  /** RECOVERED_BY_* of a disrupted node. */
  byOf(i: number): number { return (memory.I[(i << 4) + I_OUTCOME]! >>> OUTCOME_BY_SHIFT) & 0xf; }
  /** Cause bits the scenario itself lost touched node i by (0: lost through dependencies only). */
  directMaskOf(i: number): number { return (memory.I[(i << 4) + I_FLAGS]! >>> DIRECT_SHIFT) & CAUSE_BITS; }

  /** Touched nodes of the current run (disrupted or not), in touch order. */
  nodes(): Int32Array { return memory.I.subarray(this.touchedBase, this.touchedBase + this.touchedCount); }

  /** Starts a run: the model laid out in the engine memory if another's is there, no node stamped with the new epoch. */
  begin(): void {
    if (memory.owner !== this) this.layOut();
    this.epoch++;
    if (this.epoch === 0x7fffffff) { // stamps are int32 words
      for (let i = 0; i < this.size; i++) memory.I[(i << 4) + I_STAMP] = 0;
      this.epoch = 1;
    }
    this.touchedCount = 0;
    this.disruptedCount = 0;
    this.queueHead = 0;
    this.queueLength = 0; // after a run that threw: its queued flags die with its stamps
  }

  /** Node i into the current run (healthy until evaluated), then to the back of the queue unless it is queued already. */
  push(i: number): void {
    const { I, F } = memory, b = i << 4;
    if (I[b + I_STAMP] !== this.epoch) {
      I[b + I_STAMP] = this.epoch;
      F[(i << 3) + F_START] = Infinity;
      F[(i << 3) + F_RESTORED] = 0;
      I[b + I_FLAGS] = 0;
      I[this.touchedBase + this.touchedCount++] = i;
    }
    const flags = I[b + I_FLAGS]!;
    if ((flags & QUEUED) !== 0) return;
    I[b + I_FLAGS] = flags | QUEUED;
    let at = this.queueHead + this.queueLength;
    if (at >= this.size) at -= this.size;
    I[this.queueBase + at] = i;
    this.queueLength++;
  }

  /** A direct loss of node i by cause kind `cause` (a staff loss from `from` hours), queued for the next spreadOutage. */
  lose(i: number, cause: number, from = 0): void {
    this.push(i);
    memory.I[(i << 4) + I_FLAGS]! |= (1 << (cause + DIRECT_SHIFT)) | DIRTY;
    if (cause === STAFF) memory.F[this.staffBase + i] = from;
  }

  /** lose(i, cause) for each node of `nodes` (all of a duty station's), with push() written out on locals. */
  loseEach(nodes: ArrayLike<number>, cause: number): void {
    if (cause === STAFF) { for (let k = 0; k < nodes.length; k++) this.lose(nodes[k]!, cause); return; }
    const { I, F } = memory, { epoch, size, queueBase, touchedBase } = this, lost = (1 << (cause + DIRECT_SHIFT)) | DIRTY;
    let touched = this.touchedCount, length = this.queueLength, tail = this.queueHead + length;
    if (tail >= size) tail -= size;
    for (let k = 0; k < nodes.length; k++) {
      const i = nodes[k]!, b = i << 4;
      let flags = 0;
      if (I[b + I_STAMP] !== epoch) {
        I[b + I_STAMP] = epoch; F[(i << 3) + F_START] = Infinity; F[(i << 3) + F_RESTORED] = 0;
        I[touchedBase + touched++] = i;
      } else flags = I[b + I_FLAGS]!;
      if ((flags & QUEUED) === 0) {
        flags |= QUEUED;
        I[queueBase + tail] = i;
        if (++tail === size) tail = 0;
        length++;
      }
      I[b + I_FLAGS] = flags | lost;
    }
    this.touchedCount = touched;
    this.queueLength = length;
  }
}

let lastModel: ContinuityModel | undefined, lastWorkspace: OutageWorkspace | undefined;
const workspaces = new WeakMap<ContinuityModel, OutageWorkspace>();
/** The model's workspace (laid out in the engine memory by its next run). */
export function workspaceFor(m: ContinuityModel): OutageWorkspace {
  if (m === lastModel) return lastWorkspace!;
  let ws = workspaces.get(m);
  if (!ws) { ws = new OutageWorkspace(m); workspaces.set(m, ws); }
  lastModel = m;
  lastWorkspace = ws;
  return ws;
}

/**
 * A direct loss: node index and the cause kind index it is lost by, at t = 0, except a loss of
 * staff, which bites when the staff left fall below what the process needs (`at`, hours).
 */
export interface Seed { node: number; cause: number; at?: number }

/**
 * Spreads the seeds' losses through the model. Results stay in the workspace until the next run
 * (of any model): read them with ws.nodes() and the accessors.
 */
export function propagateOutage(m: ContinuityModel, seeds: Iterable<Seed>, ws: OutageWorkspace = workspaceFor(m)): OutageWorkspace {
  ws.begin();
  for (const s of seeds) ws.lose(s.node, s.cause, s.at);
  return spreadOutage(m, ws);
}

/** Runs the worklist from the losses queued by ws.lose() since ws.begin(). */
export function spreadOutage(m: ContinuityModel, ws: OutageWorkspace): OutageWorkspace {
  // Everything hot in locals: the loop below is the whole cost of a run.
  const { I, F } = memory, { epoch, queueBase, touchedBase, accBase, staffBase } = ws;
  const ownRestore = m.ownRestore;
  const n = ws.size;
  let head = ws.queueHead, length = ws.queueLength, touchedCount = ws.touchedCount, disrupted = ws.disruptedCount;
  let tail = head + length;
  if (tail >= n) tail -= n;

  // A bound far above what a monotone run can need; reaching it means a bug, not a slow graph.
  let budget = 64 * (n + m.graph.depTargets.length + 16);
  while (length > 0) {
    const d = I[queueBase + head]!;
    if (++head === n) head = 0;
    length--;
    const db = d << 4, df = d << 3;
    const flags = I[db + I_FLAGS]!;
    I[db + I_FLAGS] = flags & ~(QUEUED | DIRTY);
    if (--budget < 0) { ws.touchedCount = touchedCount; ws.disruptedCount = disrupted; ws.queueLength = 0; throw new Error('Outage propagation did not converge'); }
    if ((flags & DIRTY) === 0) continue; // nothing it reads has changed: evaluating again would change nothing

    // Evaluate d: its window from its direct losses and its accumulated dependency losses.
    const direct = (flags >>> DIRECT_SHIFT) & CAUSE_BITS, counted = flags & CAUSE_BITS;
    const causes = direct | counted;
    if (causes === 0) continue;
    const row = accBase + ACC_ROW * d, dStatic = I[db + I_STATIC]!, covered = dStatic >>> 12;
    let dStart = Infinity, dRestored = 0, cause = 0, via = -1, by = BY_DEPENDENCY;
    if (direct === 0 && (counted & (counted - 1)) === 0 && (covered & counted) === 0) {
      // The common case, the loop below for one dependency loss and no strategy for it.
      const c = 31 - Math.clz32(counted), a = row + (c << 3);
      dStart = F[a >> 1]!; dRestored = F[(a >> 1) + 1]!; cause = c; via = I[a + 6]!; by = I[a + 5]!;
    } else for (let left = causes; left !== 0;) {
      const bit = left & -left; // lowest cause kind first, as a scan in kind order
      left ^= bit;
      const c = 31 - Math.clz32(bit), a = row + (c << 3);
      let cStart: number, back: number, cVia: number, how: number;
      if ((direct & bit) !== 0) {
        // A direct loss comes first; a dependency replaces it as the cause only by returning later.
        cStart = c === STAFF ? F[staffBase + d]! : 0; back = c === STAFF ? Infinity : ownRestore[d]!; cVia = -1; how = BY_DEPENDENCY;
        if ((counted & bit) !== 0 && F[(a >> 1) + 1]! > back) { back = F[(a >> 1) + 1]!; cVia = I[a + 6]!; how = I[a + 5]!; }
      } else {
        cStart = F[a >> 1]!; back = F[(a >> 1) + 1]!; cVia = I[a + 6]!; how = I[a + 5]!;
      }
      if ((covered & bit) !== 0) {
        // bestStrategy/strategyReadyAt of recovery.ts, over the strategy records.
        let at = Infinity, kind = 0;
        for (let w = I[db + I_STRAT]!, end = I[db + I_STRAT_END]!; w < end; w += 4) {
          const word = I[w + 2]!;
          if ((word & bit) === 0) continue;
          const res = I[w + 3]!;
          let v = F[w >> 1]!;
          if (res >= 0 && I[(res << 4) + I_STAMP] === epoch) v = Math.max(v, F[(res << 3) + F_RESTORED]!);
          if (v < at) { at = v; kind = word >>> 16; }
        }
        if (at < back) { back = at; how = BY_STRATEGY + kind; }
      }
      if (back <= cStart) continue; // a strategy is running before this loss bites
      if (cStart < dStart) dStart = cStart;
      if (back > dRestored) { dRestored = back; cause = c; via = cVia; by = how; }
    }
    if (!(dRestored > dStart)) continue; // not disrupted (still healthy)
    const before = F[df + F_RESTORED]!;
    if (dStart >= F[df + F_START]! && dRestored <= before) continue; // no wider than before
    // Monotone: the new window contains the old one, so it simply replaces it.
    if (before === 0) disrupted++; // its first window (a healthy node's is [Infinity, 0))
    F[df + F_START] = dStart; F[df + F_RESTORED] = dRestored;
    I[db + I_OUTCOME] = cause | (by << OUTCOME_BY_SHIFT) | (direct !== 0 ? OUTCOME_DIRECT : 0);
    I[db + I_VIA] = via;

    // d's window widened: everything that leans on d must look again. First its dependents,
    // whose edges to d each bring the loss of d (the common case, with push() and fold() written out).
    const c = dStatic & 0xff, bit = 1 << c, cWord = c << 3;
    for (let e = I[db + I_RDEP]!, end = I[db + I_RDEP_END]!; e < end; e += 4) {
      const x = I[e]!, xb = x << 4;
      let xFlags: number; // its flag word is written once, on the way out
      if (I[xb + I_STAMP] !== epoch) {
        I[xb + I_STAMP] = epoch; F[(x << 3) + F_START] = Infinity; F[(x << 3) + F_RESTORED] = 0;
        I[touchedBase + touchedCount++] = x;
        xFlags = 0;
      } else xFlags = I[xb + I_FLAGS]!;
      const xAcc = accBase + ACC_ROW * x;
      if ((xFlags & QUEUED) === 0) {
        xFlags |= QUEUED;
        I[queueBase + tail] = x;
        if (++tail === n) tail = 0;
        length++;
      }
      const onset = dStart + F[(e >> 1) + 1]!;
      if (dRestored <= onset) { I[xb + I_FLAGS] = xFlags; continue; } // back before x needs it
      const k = I[e + 1]!;
      if (k < 0) { I[xb + I_FLAGS] = xFlags; contribute(m, ws, ~k, x, d); continue; } // a stand-in may cover the edge
      const a = xAcc + cWord, af = a >> 1;
      if ((xFlags & bit) === 0) {
        I[xb + I_FLAGS] = xFlags | bit | DIRTY;
        F[af] = onset; F[af + 1] = dRestored; I[a + 4] = k; I[a + 5] = BY_DEPENDENCY; I[a + 6] = d;
        continue;
      }
      if (onset < F[af]!) { F[af] = onset; xFlags |= DIRTY; }
      const held = F[af + 1]!, slot = I[a + 4]!;
      if (dRestored > held || (dRestored === held && k <= slot)) {
        if (dRestored !== held || k !== slot || I[a + 5] !== BY_DEPENDENCY) {
          F[af + 1] = dRestored; I[a + 4] = k; I[a + 5] = BY_DEPENDENCY; I[a + 6] = d; xFlags |= DIRTY;
        }
      }
      I[xb + I_FLAGS] = xFlags;
    }
    const watched = (dStatic >>> 8) & 0xf;
    if (watched === 0) continue;
    // The rarer links, through ws.push(): hand it the queue state and take it back.
    ws.queueHead = head; ws.queueLength = length; ws.touchedCount = touchedCount;
    watchers(m, ws, d, watched);
    length = ws.queueLength; touchedCount = ws.touchedCount;
    tail = head + length;
    if (tail >= n) tail -= n;
  }
  ws.touchedCount = touchedCount;
  ws.disruptedCount = disrupted;
  ws.queueHead = 0;
  ws.queueLength = 0;
  return ws;
}

/** After d's window widened: the edges that use d as an alternate, the strategies relying on d, the users of primaries d is the failover of. */
function watchers(m: ContinuityModel, ws: OutageWorkspace, d: number, watched: number): void {
  const g = m.graph;
  if (watched & WATCHED_AS_ALTERNATE) {
    for (let r = g.altUserOffsets[d]!; r < g.altUserOffsets[d + 1]!; r++) {
      const k = g.altUserEdges[r]!, x = g.depSource[k]!;
      ws.push(x);
      contribute(m, ws, k, x, g.depTargets[k]!);
    }
  }
  if (watched & WATCHED_BY_STRATEGY) {
    for (let r = m.stratUserOffsets[d]!; r < m.stratUserOffsets[d + 1]!; r++) {
      const x = m.stratUsers[r]!;
      ws.push(x);
      memory.I[(x << 4) + I_FLAGS]! |= DIRTY;
    }
  }
  if (watched & WATCHED_AS_FAILOVER) {
    for (let r = m.failoverUserOffsets[d]!; r < m.failoverUserOffsets[d + 1]!; r++) {
      const p = m.failoverUsers[r]!; // d is the failover of p: p's users may lose their stand-in
      for (let q = g.rdepOffsets[p]!; q < g.rdepOffsets[p + 1]!; q++) { const x = g.rdepSources[q]!; ws.push(x); contribute(m, ws, g.rdepEdge[q]!, x, p); }
    }
  }
}

/** Folds what edge slot k (x needs t) currently costs x, stand-ins included, into x's accumulator. */
function contribute(m: ContinuityModel, ws: OutageWorkspace, k: number, x: number, t: number): void {
  const { I, F } = memory;
  if (I[(t << 4) + I_STAMP] !== ws.epoch) return; // t is healthy
  const g = m.graph;
  const tRestored = F[(t << 3) + F_RESTORED]!, tStart = F[(t << 3) + F_START]!;
  if (!(tRestored > tStart)) return; // t is not down
  const onset = tStart + g.depNeeded[k]!;
  if (tRestored <= onset) return; // back before x needs it
  let back = tRestored, by = BY_DEPENDENCY;
  if (g.altOffsets[k + 1]! > g.altOffsets[k]! || m.failoverOf[t]! >= 0) {
    const stand = standInAvailableAt(m, k, ws.restoredAt);
    if (stand < back) { back = stand; by = BY_STAND_IN; }
  }
  if (back <= onset) return; // the stand-in is in place before x needs it
  fold(ws, x, I[(t << 4) + I_STATIC]! & 0xff, onset, back, k, by, t);
}

/** x loses, through edge slot k on dependency t, cause kind c (the kind of t) from onset until back. */
function fold(ws: OutageWorkspace, x: number, c: number, onset: number, back: number, k: number, by: number, t: number): void {
  const { I, F } = memory;
  const xb = x << 4, bit = 1 << c, a = ws.accBase + ACC_ROW * x + (c << 3), af = a >> 1, flags = I[xb + I_FLAGS]!;
  if ((flags & bit) === 0) {
    I[xb + I_FLAGS] = flags | bit | DIRTY;
    F[af] = onset; F[af + 1] = back; I[a + 4] = k; I[a + 5] = by; I[a + 6] = t;
    return;
  }
  // Each edge's contribution only grows, so min/max over all of them is min/max over the current ones.
  if (onset < F[af]!) { F[af] = onset; I[xb + I_FLAGS] = flags | DIRTY; }
  const held = F[af + 1]!, slot = I[a + 4]!;
  if (back > held || (back === held && k <= slot)) {
    if (back !== held || k !== slot || by !== I[a + 5]) {
      F[af + 1] = back; I[a + 4] = k; I[a + 5] = by; I[a + 6] = t;
      I[xb + I_FLAGS] = flags | DIRTY;
    }
  }
}

/*
 * The layout of a simulated outage's rows (outcomeRows writes them, SimulatedOutage reads them):
 * per disrupted node, in touch order, four numbers. The first packs the node with its outcome
 * code (I_OUTCOME): node × ROW_NODE_SCALE + code —
 * one number fewer to write per node, exact as a double for any graph size. The hours to an MTPD
 * breach are not copied: the accessor derives them from the window and the (immutable) model.
 * Writer and reader live in this module and the constants are not exported (see BY_* above): the
 * cell reads of exported constants showed in this copy, part of every simulation.
 */
const ROW_NODE_OUTCOME = 0, ROW_DISRUPTED_AT = 1, ROW_RECOVERED_AT = 2, ROW_VIA = 3, ROW_FIELDS = 4;
const ROW_NODE_SCALE = 2 * OUTCOME_DIRECT;

/**
 * The disrupted nodes of the workspace's run as fresh rows (see ROW_*): node and outcome, window
 * and link. Read straight from the records, into an array of exactly the right size: this copy is
 * part of every simulation.
 */
export function outcomeRows(ws: OutageWorkspace): number[] {
  const { I, F } = memory, { touchedBase, touchedCount } = ws;
  const rows = new Array<number>(ROW_FIELDS * ws.disruptedCount);
  let at = 0;
  for (let t = 0; t < touchedCount; t++) {
    const i = I[touchedBase + t]!, f = i << 3, s = F[f + F_START]!, r = F[f + F_RESTORED]!;
    if (!(r > s)) continue; // touched but not disrupted
    const b = i << 4;
    rows[at + ROW_NODE_OUTCOME] = i * ROW_NODE_SCALE + I[b + I_OUTCOME]!;
    rows[at + ROW_DISRUPTED_AT] = s;
    rows[at + ROW_RECOVERED_AT] = r;
    rows[at + ROW_VIA] = I[b + I_VIA]!;
    at += ROW_FIELDS;
  }
  return rows;
}

/**
 * The outcome of a scenario (simulateOutage in simulate.ts): every disrupted node, directly or
 * through its dependencies, entry j for node(j) (a graph index), in the order the engine first
 * reached them. The entries are packed in one array of numbers, the result's own (the next run
 * does not touch it): one allocation instead of one per field.
 */
export class SimulatedOutage {
  /** How many nodes are disrupted. */
  readonly count: number;

  constructor(
    /** Entry j is rows[4j … 4j + 3] (ROW_* above), as outcomeRows writes them. */
    private readonly rows: readonly number[],
    /** The model's MTPDs (NaN but for processes that have one); the model is immutable, so reading it later is pure. */
    private readonly mtpd: Float64Array,
  ) {
    this.count = rows.length / ROW_FIELDS;
  }

  /** The disrupted node (graph index). */
  node(j: number): number { return Math.floor(this.rows[ROW_FIELDS * j + ROW_NODE_OUTCOME]! / ROW_NODE_SCALE); }
  /** When it goes down, hours from the incident. */
  disruptedAt(j: number): number { return this.rows[ROW_FIELDS * j + ROW_DISRUPTED_AT]!; }
  /** When it runs again, hours; Infinity when no known option brings it back. */
  recoveredAt(j: number): number { return this.rows[ROW_FIELDS * j + ROW_RECOVERED_AT]!; }
  /**
   * The dependency (graph index) of its worst cause, the link towards a direct loss; −1 when its
   * own loss is the worst. Inside a dependency cycle two causes may tie and these links loop;
   * describeOutage gives loop-free paths.
   */
  via(j: number): number { return this.rows[ROW_FIELDS * j + ROW_VIA]!; }
  /** Its worst cause, a CAUSE_KINDS index: the kind of the lost dependency, or duty_station / staff / its own kind. */
  cause(j: number): number { return this.code(j) & 0xf; }
  /** How the disruption ends, a RECOVERED_BY_* code; RECOVERED_BY_DEPENDENCY with via −1 is its own restore. */
  recoveredBy(j: number): number { return (this.code(j) >>> OUTCOME_BY_SHIFT) & 0xf; }
  /** Lost by the scenario itself, not only through a dependency. */
  isDirect(j: number): boolean { return (this.code(j) & OUTCOME_DIRECT) !== 0; }
  /**
   * A process with an MTPD: disruptedAt + MTPD − recoveredAt, the hours left before its MTPD is
   * breached (negative: breached by that much; −Infinity: never recovered). NaN for other nodes.
   */
  hoursToMtpdBreach(j: number): number { return this.disruptedAt(j) + this.mtpd[this.node(j)]! - this.recoveredAt(j); }

  private code(j: number): number {
    const v = this.rows[ROW_FIELDS * j + ROW_NODE_OUTCOME]!;
    return v - ROW_NODE_SCALE * Math.floor(v / ROW_NODE_SCALE);
  }
}
