/**
 * The faster outage engine and report against the reference: the engine and simulation as they
 * were before the performance work (commit d665165), kept verbatim below, and only here.
 */
import { describe, expect, it } from 'vitest';
import { ALLOWED_DEPENDENCIES, NODE_KINDS, READINESS, buildDependencyGraph, kindIndex, type Alternate, type GraphEdge, type GraphNode, type NodeKind } from './graph.js';
import { propagateOutage } from './propagate.js';
import { CAUSE_KINDS, STAFF_CAUSE, STRATEGY_KINDS, bestStrategy, causeIndex, prepareContinuity, standInAvailableAt, strategyReadyAt, type BcStrategy, type ContinuityModel, type FailoverPair, type ProcessRequirement } from './recovery.js';
import { describeOutage, type AffectedNode, type AffectedProcess, type OutageResult, type RecoveryMeans, type TimelineEvent, type TimelineEventKind } from './describe.js';
import { scenarioProblems, scenarioSeeds, simulateOutage as simulateColumns, type OutageScenario } from './simulate.js';

/** mulberry32, so a failure names a seed that reproduces it. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]! };
}

/**
 * A small random continuity model full of what makes propagation hard: dependency cycles, diamonds,
 * duplicate edges, few distinct tolerances (so windows tie), alternates that are lost themselves,
 * failover pairs in both directions, strategies relying on other nodes, DR, SLAs and staff figures.
 */
function randomModel(seed: number) {
  const r = prng(seed);
  // One model in four is larger and uses fractional and very long hours too, so that results
  // carry many distinct times (and times past the report's table of whole hours).
  const wide = seed % 4 === 3;
  const size = wide ? 100 + r.int(200) : 6 + r.int(50);
  const hoursOf = (xs: number[]) => r.pick(wide ? [...xs, 0.5, 2.25, 7.75, 4097, 5000.5] : xs);
  const weights: [NodeKind, number][] = [['process', 8], ['application', 3], ['ict_service', 1], ['site', 3], ['vendor', 2], ['role', 1], ['vital_record', 1], ['duty_station', 1]];
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const kindAt = () => { let x = r.int(total); for (const [k, w] of weights) { if (x < w) return k; x -= w; } return 'process' as NodeKind; };
  const stations = ['D0', 'D1', 'D2'];
  const nodes: GraphNode[] = [{ id: 'D0', kind: 'duty_station' }];
  for (let i = 0; i < size; i++) {
    const kind = kindAt();
    nodes.push({ id: `${kind.slice(0, 2)}${i}`, kind, ...(kind !== 'duty_station' && r.next() < 0.7 ? { dutyStationId: r.pick(stations) } : {}) });
  }
  const ofKind = (k: NodeKind) => nodes.filter((x) => x.kind === k);
  const edges: GraphEdge[] = [];
  for (const x of nodes) {
    const allowed = ALLOWED_DEPENDENCIES[x.kind].filter((k) => ofKind(k).length > 0);
    if (allowed.length === 0) continue;
    for (let j = r.int(5); j > 0; j--) {
      const kind = r.pick(allowed);
      const to = r.pick(ofKind(kind));
      if (to.id === x.id) continue;
      const alternates: Alternate[] = [];
      if (r.next() < 0.3) {
        for (let a = 1 + r.int(2); a > 0; a--) {
          const alt = r.pick(ofKind(kind));
          if (alt.id !== to.id && alt.id !== x.id) alternates.push({ nodeId: alt.id, readiness: r.pick(READINESS), activationHours: hoursOf([0, 1, 4, 4]) });
        }
      }
      const e: GraphEdge = { from: x.id, to: to.id, neededWithinHours: hoursOf([0, 0, 1, 4, 4, 24]), ...(alternates.length ? { alternates } : {}) };
      edges.push(e);
      if (r.next() < 0.05) edges.push({ ...e, neededWithinHours: hoursOf([0, 1, 4]) }); // a duplicate edge
    }
  }
  const sites = ofKind('site');
  const failovers: FailoverPair[] = [];
  const primaries = new Set<string>();
  for (let j = r.int(3); j > 0 && sites.length > 1; j--) {
    const p = r.pick(sites), s = r.pick(sites);
    if (p.id === s.id || primaries.has(p.id)) continue;
    primaries.add(p.id);
    failovers.push({ primaryId: p.id, secondaryId: s.id, readiness: r.pick(READINESS), activationHours: hoursOf([0, 1, 4]) });
  }
  const processes: ProcessRequirement[] = ofKind('process').map((p) => {
    const mtpd = r.next() < 0.8 ? hoursOf([4, 24, 72]) : undefined;
    const rto = mtpd !== undefined && r.next() < 0.7 ? r.pick([0, mtpd / 2, mtpd]) : undefined;
    const staff = r.next() < 0.7 ? 1 + r.int(12) : undefined;
    return { id: p.id, ...(mtpd !== undefined ? { mtpdHours: mtpd } : {}), ...(rto !== undefined ? { rtoHours: rto } : {}), ...(staff !== undefined ? { staff, minimumStaff: r.int(staff + 1) } : {}) };
  });
  const strategies: BcStrategy[] = [];
  for (const p of ofKind('process')) {
    for (let j = r.int(3); j > 0; j--) {
      strategies.push({ processId: p.id, kind: r.pick(STRATEGY_KINDS), readiness: r.pick(READINESS), activationHours: hoursOf([0, 1, 4, 24]), ...(r.next() < 0.3 ? { resourceId: r.pick(nodes).id } : {}) });
    }
  }
  const drCapabilities = [...ofKind('application'), ...ofKind('ict_service'), ...ofKind('vital_record')].filter(() => r.next() < 0.6)
    .map((x) => ({ nodeId: x.id, ...(r.next() < 0.9 ? { achievableRtoHours: hoursOf([0, 1, 4, 24]) } : {}) }));
  const vendorSlas = ofKind('vendor').filter(() => r.next() < 0.6).map((v) => ({ vendorId: v.id, slaHours: hoursOf([1, 4, 24]) }));
  const m = prepareContinuity(buildDependencyGraph(nodes, edges), processes, { strategies, drCapabilities, vendorSlas, failovers });
  const scenarios: OutageScenario[] = [
    { lostNodeIds: [r.pick(nodes).id] },
    { lostNodeIds: [r.pick(nodes).id, r.pick(nodes).id, r.pick(nodes).id] },
    { lostDutyStationIds: [r.pick(stations)] },
    { lostDutyStationIds: ['D0', r.pick(stations)], lostNodeIds: [r.pick(nodes).id] },
    { staffLossPercent: r.pick([10, 30, 60, 100]) },
    { staffLossPercent: 40, lostNodeIds: [r.pick(sites.length ? sites : nodes).id] },
  ].filter((s) => Object.keys(scenarioProblems(m, s)).length === 0);
  return { m, scenarios };
}

/** The simulation as the API reports it. */
const simulateOutage = (m: ContinuityModel, s: OutageScenario) => describeOutage(m, simulateColumns(m, s));

describe('the outage simulation against the reference engine on random models', () => {
  const models = Array.from({ length: 400 }, (_, seed) => ({ seed, ...randomModel(seed) }));

  it('gives exactly the same result, field by field and in the same order', () => {
    let disrupted = 0;
    for (const { seed, m, scenarios } of models) {
      for (const s of scenarios) {
        const want = refSimulate(m, s);
        const got = simulateOutage(m, s);
        expect(got, `seed ${seed}, scenario ${JSON.stringify(s)}`).toEqual(want);
        expect(JSON.stringify(got), `seed ${seed}, scenario ${JSON.stringify(s)}`).toBe(JSON.stringify(want));
        disrupted += want.processes.length + want.resources.length;
      }
    }
    expect(disrupted).toBeGreaterThan(5000);
  });

  it('rejects a bad scenario with the same error, even half-way through its losses, and the next run is unharmed', () => {
    for (const { seed, m, scenarios } of models.slice(0, 60)) {
      const valid = scenarios[0];
      if (!valid) continue;
      const bad: OutageScenario[] = [
        { lostNodeIds: [...(valid.lostNodeIds ?? []), 'nope'] },
        { lostNodeIds: valid.lostNodeIds ?? [], lostDutyStationIds: ['D0', 'nowhere'] },
        { lostDutyStationIds: ['D1'], staffLossPercent: 101 },
        { staffLossPercent: null as unknown as number },
      ];
      for (const s of bad) {
        const want = (() => { try { refSimulate(m, s); return 'no error'; } catch (e) { return String(e); } })();
        expect(() => simulateOutage(m, s), `seed ${seed}, scenario ${JSON.stringify(s)}`).toThrow(want.replace(/^RangeError: /, ''));
        expect(simulateOutage(m, valid), `seed ${seed} after ${JSON.stringify(s)}`).toEqual(refSimulate(m, valid));
      }
    }
  });

  it('lists in its outcome exactly the disrupted nodes of the reference engine, in its order, with their windows, causes, links, recoveries and MTPD outlook', () => {
    for (const { seed, m, scenarios } of models) {
      for (const s of scenarios) {
        const ref = refPropagate(m, scenarioSeeds(m, s));
        const want = [...ref.nodes()].filter((i) => ref.isDisrupted(i)).map((i) => {
          const mtpd = m.graph.kinds[i] === kindIndex('process') ? m.mtpd[i]! : NaN;
          return [i, ref.start[i], ref.restored[i], ref.cause[i], ref.via[i], ref.by[i], ref.directMask[i] !== 0, ref.start[i]! + mtpd - ref.restored[i]!];
        });
        const o = simulateColumns(m, s);
        const got = Array.from({ length: o.count }, (_, j) => [o.node(j), o.disruptedAt(j), o.recoveredAt(j), o.cause(j), o.via(j), o.recoveredBy(j), o.isDirect(j), o.hoursToMtpdBreach(j)]);
        expect(got, `seed ${seed}, scenario ${JSON.stringify(s)}`).toEqual(want);
      }
    }
  });

  it('returns an outcome of its own: later runs in the same workspace do not change it', () => {
    const fields = (o: ReturnType<typeof simulateColumns>) =>
      Array.from({ length: o.count }, (_, j) => [o.node(j), o.disruptedAt(j), o.recoveredAt(j), o.cause(j), o.via(j), o.recoveredBy(j), o.isDirect(j), o.hoursToMtpdBreach(j)]);
    let checked = 0;
    for (const { seed, m, scenarios } of models.slice(0, 100)) {
      const outcomes = scenarios.map((s) => simulateColumns(m, s));
      const before = outcomes.map(fields);
      for (const s of [...scenarios].reverse()) simulateColumns(m, s);
      outcomes.forEach((o, k) => expect(fields(o), `seed ${seed}, scenario ${JSON.stringify(scenarios[k])}`).toEqual(before[k]));
      checked += outcomes.reduce((n, o) => n + o.count, 0);
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('gives the reference result when models take turns in the engine memory', () => {
    // One buffer holds one model's layout at a time: each turn below lays the next model out again.
    const group = models.slice(0, 40).filter((x) => x.scenarios.length > 0);
    const rounds = Math.max(...group.map((x) => x.scenarios.length));
    for (let k = 0; k < rounds; k++) {
      for (const { seed, m, scenarios } of group) {
        const s = scenarios[k % scenarios.length]!;
        expect(simulateOutage(m, s), `seed ${seed}, scenario ${JSON.stringify(s)}`).toEqual(refSimulate(m, s));
      }
    }
  });

  it('leaves the same windows, causes and recoveries in the workspace (what gap analysis reads)', () => {
    for (const { seed, m, scenarios } of models) {
      for (const s of scenarios) {
        const seeds = scenarioSeeds(m, s);
        const ref = refPropagate(m, seeds);
        const want = new Map([...ref.nodes()].filter((i) => ref.isDisrupted(i)).map((i) => [i, [ref.start[i], ref.restored[i], ref.cause[i], ref.via[i], ref.by[i]]]));
        const ws = propagateOutage(m, seeds);
        const got = new Map([...ws.nodes()].filter((i) => ws.isDisrupted(i)).map((i) => [i, [ws.startOf(i), ws.restoredAt(i), ws.causeOf(i), ws.viaOf(i), ws.byOf(i)]]));
        expect(got, `seed ${seed}, scenario ${JSON.stringify(s)}`).toEqual(want);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
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
const RECOVERED_BY_DEPENDENCY = 0; // its own restore or the dependency coming back
const RECOVERED_BY_STAND_IN = 1; // an alternate or failover site of the dependency
const RECOVERED_BY_STRATEGY = 2; // + strategy kind index

/** Scratch state reused across runs; a run stamps the nodes it touches instead of clearing arrays. */
class RefWorkspace {
  readonly stamp: Uint32Array;
  epoch = 0;
  readonly start: Float64Array;
  readonly restored: Float64Array;
  readonly cause: Uint8Array; // CAUSE_KINDS index of the worst cause
  readonly via: Int32Array; // dependency node of the worst cause, -1 for a direct loss
  readonly by: Uint8Array; // RECOVERED_BY_*
  readonly directMask: Uint16Array; // cause bits of direct losses
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
    if (this.touchedCount === this.touched.length) {
      const bigger = new Int32Array(Math.min(this.size, this.touched.length * 2));
      bigger.set(this.touched);
      this.touched = bigger;
    }
    this.touched[this.touchedCount++] = i;
  }
}

const workspaces = new WeakMap<ContinuityModel, RefWorkspace>();
/** The model's workspace; runs are synchronous, so one per model is enough. */
function refWorkspaceFor(m: ContinuityModel): RefWorkspace {
  let ws = workspaces.get(m);
  if (!ws) { ws = new RefWorkspace(m.graph.ids.length); workspaces.set(m, ws); }
  return ws;
}

/** A direct loss: node index and the cause kind index it is lost by. */
interface Seed { node: number; cause: number }

/**
 * Spreads the seeds' losses through the model. Results stay in the workspace until the next run:
 * read them with ws.nodes(), ws.start/restored/cause/via/by.
 */
export function refPropagate(m: ContinuityModel, seeds: Iterable<Seed>, ws: RefWorkspace = refWorkspaceFor(m)): RefWorkspace {
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
function evaluate(m: ContinuityModel, ws: RefWorkspace, d: number): boolean {
  const g = m.graph;
  const { cStart, cRestored, cVia, cBy } = ws;
  let causes = 0; // bit set of causes present

  const direct = ws.directMask[d]!;
  if (direct !== 0) {
    for (let c = 0; c < CAUSE_KINDS.length; c++) {
      if ((direct & (1 << c)) === 0) continue;
      causes |= 1 << c;
      cStart[c] = 0;
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

/** The direct losses of a scenario; throws RangeError when scenarioProblems reports any. */
function refSeeds(m: ContinuityModel, s: OutageScenario): Seed[] {
  const first = Object.entries(scenarioProblems(m, s))[0];
  if (first) throw new RangeError(`Invalid scenario: ${first[0]}: ${first[1]}`);
  const g = m.graph;
  const seeds: Seed[] = [];
  for (const id of s.lostNodeIds ?? []) { const i = g.indexOf.get(id)!; seeds.push({ node: i, cause: g.kinds[i]! }); }
  const station = causeIndex('duty_station');
  for (const id of s.lostDutyStationIds ?? []) {
    for (const i of g.byDutyStation.get(id) ?? []) seeds.push({ node: i, cause: station });
    const own = g.indexOf.get(id);
    if (own !== undefined) seeds.push({ node: own, cause: station });
  }
  const p = s.staffLossPercent ?? 0;
  if (p > 0) {
    // Staff who cannot come in: a process is down when those left are below its minimum
    // (telecommuting, a strategy covering "staff", is what may bring them back).
    for (let i = 0; i < g.ids.length; i++) {
      const staff = m.staff[i]!, min = m.minimumStaff[i]!;
      if (Number.isNaN(staff) || Number.isNaN(min)) continue;
      if (Math.floor(staff * (1 - p / 100) + 1e-9) < min) seeds.push({ node: i, cause: STAFF_CAUSE });
    }
  }
  return seeds;
}

const PROCESS = kindIndex('process');
const finite = (x: number): number | null => (x === Infinity ? null : x);

function means(ws: RefWorkspace, i: number): RecoveryMeans | null {
  if (ws.restored[i] === Infinity) return null;
  const by = ws.by[i]!;
  if (by === RECOVERED_BY_STAND_IN) return 'alternate';
  if (by >= RECOVERED_BY_STRATEGY) return STRATEGY_KINDS[by - RECOVERED_BY_STRATEGY]!;
  return by === RECOVERED_BY_DEPENDENCY && ws.via[i] === -1 ? 'restore' : 'dependency';
}

/**
 * Links each disrupted node to the dependency that brought it down, without loops. The engine's
 * worst-cause links can close a loop inside a dependency cycle (two causes tie), so a BFS from the
 * direct losses over the disrupted nodes gives levels; a node keeps its worst cause when that lies
 * nearer a direct loss, else its BFS parent. Levels strictly fall along links, so paths end.
 */
function linkCauses(m: ContinuityModel, ws: RefWorkspace): void {
  const g = m.graph;
  const { level, link, queue } = ws;
  const nodes = ws.nodes();
  let tail = 0;
  for (const i of nodes) {
    level[i] = -1;
    link[i] = -1;
    if (ws.directMask[i] !== 0 && ws.isDisrupted(i)) { level[i] = 0; queue[tail++] = i; }
  }
  for (let head = 0; head < tail; head++) {
    const t = queue[head]!;
    const downUntil = ws.restored[t]!, from = ws.start[t]!;
    for (let r = g.rdepOffsets[t]!; r < g.rdepOffsets[t + 1]!; r++) {
      const x = g.rdepSources[r]!;
      if (ws.stamp[x] !== ws.epoch || level[x] !== -1 || !ws.isDisrupted(x)) continue;
      if (!(downUntil > from + g.depNeeded[g.rdepEdge[r]!]!)) continue; // t was back before x needed it
      level[x] = level[t]! + 1;
      link[x] = t;
      queue[tail++] = x;
    }
  }
  for (const i of nodes) {
    const v = ws.via[i]!;
    if (level[i]! > 0 && v >= 0 && level[v]! >= 0 && level[v]! < level[i]!) link[i] = v;
  }
}

function pathOf(ws: RefWorkspace, ids: readonly string[], i: number): string[] {
  const path = [ids[i]!];
  for (let x = ws.link[i]!; x >= 0; x = ws.link[x]!) path.push(ids[x]!);
  return path;
}

const EVENT_KINDS: readonly TimelineEventKind[] = ['lost', 'disrupted', 'mtpd_breached', 'recovered'];

/**
 * Ordering on numbers only: each item's key is (rank of its value among the distinct values,
 * a small tie-break, rank of its id) packed into one exact integer, sorted by the native
 * typed-array sort. Comparator sorts over objects cost several times the propagation itself on
 * large outages. Decode a key with unpackKey.
 */
function packedOrder(values: Float64Array, minor: Uint8Array | undefined, minorSize: number, idRanks: Int32Array, n: number): { keys: Float64Array; distinct: Float64Array } {
  const sorted = Float64Array.from(values).sort();
  let d = 0;
  for (let j = 0; j < sorted.length; j++) if (j === 0 || sorted[j] !== sorted[d - 1]) sorted[d++] = sorted[j]!;
  const distinct = sorted.subarray(0, d);
  const keys = new Float64Array(values.length);
  for (let j = 0; j < values.length; j++) {
    let lo = 0, hi = d - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (distinct[mid]! < values[j]!) lo = mid + 1; else hi = mid; }
    keys[j] = (lo * minorSize + (minor ? minor[j]! : 0)) * n + idRanks[j]!;
  }
  return { keys: keys.sort(), distinct };
}
function unpackKey(key: number, minorSize: number, n: number): { value: number; minor: number; idRank: number } {
  const idRank = key % n, rest = (key - idRank) / n, minor = rest % minorSize;
  return { value: (rest - minor) / minorSize, minor, idRank };
}

/** Runs the scenario and reports every disrupted node, processes with their MTPD/RTO outlook. */
export function refSimulate(m: ContinuityModel, scenario: OutageScenario): OutageResult {
  const ws = refPropagate(m, refSeeds(m, scenario), refWorkspaceFor(m));
  linkCauses(m, ws);
  const g = m.graph;
  const n = Math.max(g.ids.length, 1);
  const disrupted: number[] = [];
  let processCount = 0;
  for (const i of ws.nodes()) {
    if (!(ws.restored[i]! > ws.start[i]!)) continue;
    disrupted.push(i);
    if (g.kinds[i] === PROCESS) processCount++;
  }

  // Processes by time left before the MTPD breach (never recovered first, unknown MTPD last),
  // resources by disruption time, events by (time, kind); ids break ties.
  const urgency = new Float64Array(processCount), pRank = new Int32Array(processCount);
  const rStart = new Float64Array(disrupted.length - processCount), rRank = new Int32Array(disrupted.length - processCount);
  const evAt: number[] = [], evKind: number[] = [], evRank: number[] = [];
  const event = (at: number, kind: number, i: number) => { evAt.push(at); evKind.push(kind); evRank.push(g.idRank[i]!); };
  let p = 0, r = 0;
  for (const i of disrupted) {
    const start = ws.start[i]!, restored = ws.restored[i]!;
    event(start, ws.directMask[i] !== 0 ? 0 : 1, i);
    if (restored !== Infinity) event(restored, 3, i);
    if (g.kinds[i] !== PROCESS) { rStart[r] = start; rRank[r++] = g.idRank[i]!; continue; }
    const mtpd = m.mtpd[i]!;
    if (!Number.isNaN(mtpd) && restored > start + mtpd) event(start + mtpd, 2, i);
    urgency[p] = Number.isNaN(mtpd) ? Infinity : start + mtpd - restored; // -Infinity: never recovered
    pRank[p++] = g.idRank[i]!;
  }
  const nodeAt = (key: number, minorSize: number) => g.idOrder[unpackKey(key, minorSize, n).idRank]!;

  const node = (i: number): AffectedNode => ({
    id: g.ids[i]!, kind: NODE_KINDS[g.kinds[i]!]!, direct: ws.directMask[i] !== 0, cause: CAUSE_KINDS[ws.cause[i]!]!,
    path: pathOf(ws, g.ids, i), disruptedAtHours: ws.start[i]!, recoveredAtHours: finite(ws.restored[i]!), recoveredBy: means(ws, i),
  });
  const processes = Array.from(packedOrder(urgency, undefined, 1, pRank, n).keys, (key): AffectedProcess => {
    const i = nodeAt(key, 1);
    const x = node(i);
    const mtpd = m.mtpd[i]!, rto = m.rto[i]!;
    const hasMtpd = !Number.isNaN(mtpd);
    const restored = ws.restored[i]!, start = ws.start[i]!;
    // Spelled out rather than spread: a spread made V8 build slow dictionary objects.
    return {
      id: x.id, kind: x.kind, direct: x.direct, cause: x.cause, path: x.path,
      disruptedAtHours: x.disruptedAtHours, recoveredAtHours: x.recoveredAtHours, recoveredBy: x.recoveredBy,
      mtpdHours: hasMtpd ? mtpd : null,
      rtoHours: Number.isNaN(rto) ? null : rto,
      hoursToMtpdBreach: hasMtpd && restored !== Infinity ? start + mtpd - restored : null,
      breachesMtpd: hasMtpd && restored > start + mtpd,
      rtoMet: Number.isNaN(rto) ? null : restored - start <= rto,
    };
  });
  const resources = Array.from(packedOrder(rStart, undefined, 1, rRank, n).keys, (key) => node(nodeAt(key, 1)));
  const ev = packedOrder(Float64Array.from(evAt), Uint8Array.from(evKind), EVENT_KINDS.length, Int32Array.from(evRank), n);
  const timeline = Array.from(ev.keys, (key): TimelineEvent => {
    const u = unpackKey(key, EVENT_KINDS.length, n);
    const i = g.idOrder[u.idRank]!, kind = EVENT_KINDS[u.minor]!, atHours = ev.distinct[u.value]!;
    return kind === 'recovered' ? { atHours, kind, nodeId: g.ids[i]!, by: means(ws, i)! } : { atHours, kind, nodeId: g.ids[i]! };
  });
  return { processes, resources, timeline };
}
