import { analyseGaps, singlePointsOfFailure } from '../src/domain/continuity/gaps.js';
import { buildDependencyGraph, type DependencyGraph, type GraphEdge, type GraphNode, type Readiness } from '../src/domain/continuity/graph.js';
import { prepareContinuity, type BcStrategy, type DrCapability, type FailoverPair, type ProcessRequirement, type VendorSla, STRATEGY_KINDS } from '../src/domain/continuity/recovery.js';
import { describeOutage } from '../src/domain/continuity/describe.js';
import { propagateScenario, simulateOutage } from '../src/domain/continuity/simulate.js';

/**
 * Issue-5 figures for the pure continuity functions: the loss of one duty station on a UN-scale
 * dependency map (20,000 processes, 5,000 applications, 5,000 sites under 2,000 duty stations, 2,000
 * vendors, 100,000 edges) against a plain BFS over the same CSR arrays, and the full gap analysis.
 * The simulation measured is simulateOutage, the function the API calls for its computation; the
 * API then turns its outcome into the report (describeOutage), measured on its own line.
 */

const COUNTS = { processes: 20_000, applications: 5_000, sites: 5_000, dataCentres: 100, stations: 2_000, vendors: 2_000, edges: 100_000 };

/** mulberry32: a small seeded PRNG, so every run measures the same graph. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

export function generateContinuityData(seed = 5) {
  const r = prng(seed);
  const C = COUNTS;
  const station = (i: number) => `DS${i}`;
  const nodes: GraphNode[] = [];
  const sitesAt: string[][] = Array.from({ length: C.stations }, () => []);
  for (let i = 0; i < C.sites; i++) {
    const s = i < C.stations ? i : r.int(C.stations); // every station has premises
    nodes.push({ id: `S${i}`, kind: 'site', dutyStationId: station(s) });
    sitesAt[s]!.push(`S${i}`);
  }
  const dcs = Array.from({ length: C.dataCentres }, (_, i) => `S${i * 7}`); // some premises host a data centre
  for (let i = 0; i < C.vendors; i++) nodes.push({ id: `V${i}`, kind: 'vendor', ...(r.next() < 0.5 ? { dutyStationId: station(r.int(C.stations)) } : {}) });
  for (let i = 0; i < C.applications; i++) nodes.push({ id: `A${i}`, kind: 'application' });
  const procStation: number[] = [];
  for (let i = 0; i < C.processes; i++) {
    procStation.push(r.int(C.stations));
    nodes.push({ id: `P${i}`, kind: 'process', dutyStationId: station(procStation[i]!) });
  }

  const needed = [0, 0, 4, 24, 72];
  const readiness: Readiness[] = ['ready', 'ready', 'partial', 'not_ready'];
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string, e: Partial<GraphEdge> = {}) => {
    const key = `${from}>${to}`;
    if (from === to || seen.has(key)) return false;
    seen.add(key);
    edges.push({ from, to, neededWithinHours: e.neededWithinHours ?? r.pick(needed), ...(e.alternates ? { alternates: e.alternates } : {}) });
    return true;
  };
  // Applications: hosted in a data centre, some on other applications and a hosting vendor.
  for (let i = 0; i < C.applications; i++) add(`A${i}`, r.pick(dcs), { neededWithinHours: 0 });
  for (let n = 0; n < 3_000;) if (add(`A${r.int(C.applications)}`, `A${r.int(C.applications)}`)) n++;
  for (let n = 0; n < 1_000;) if (add(`A${r.int(C.applications)}`, `V${r.int(C.vendors)}`)) n++;
  // Processes: their premises, then applications, vendors (some with a backup) and other processes.
  for (let i = 0; i < C.processes; i++) add(`P${i}`, r.pick(sitesAt[procStation[i]!]!), { neededWithinHours: 0 });
  while (edges.length < C.edges) {
    const p = `P${r.int(C.processes)}`;
    const x = r.next();
    if (x < 0.55) add(p, `A${r.int(C.applications)}`);
    else if (x < 0.8) {
      const v = `V${r.int(C.vendors)}`, backup = `V${r.int(C.vendors)}`;
      const alternates = r.next() < 0.3 && backup !== v ? [{ nodeId: backup, readiness: r.pick(readiness), activationHours: r.pick([0, 4, 24]) }] : undefined;
      add(p, v, alternates ? { alternates } : {});
    } else add(p, `P${r.int(C.processes)}`);
  }

  const mtpds = [24, 72, 168, 720];
  const processes: ProcessRequirement[] = Array.from({ length: C.processes }, (_, i) => {
    const mtpd = r.pick(mtpds);
    return { id: `P${i}`, mtpdHours: mtpd, rtoHours: mtpd / 2, rpoHours: r.pick([0, 1, 4, 24]), staff: 2 + r.int(30), minimumStaff: 1 + r.int(10) };
  });
  const strategies: BcStrategy[] = [];
  for (let i = 0; i < C.processes; i++) {
    for (let k = r.int(3); k > 0; k--) strategies.push({ processId: `P${i}`, kind: r.pick(STRATEGY_KINDS), readiness: r.pick(readiness), activationHours: r.pick([0, 4, 24, 72]) });
  }
  const drCapabilities: DrCapability[] = [];
  for (let i = 0; i < C.applications; i++) if (r.next() < 0.8) drCapabilities.push({ nodeId: `A${i}`, achievableRtoHours: r.pick([1, 4, 24, 72]), achievableRpoHours: r.pick([0, 0.25, 4, 24]) });
  const vendorSlas: VendorSla[] = [];
  for (let i = 0; i < C.vendors; i++) if (r.next() < 0.7) vendorSlas.push({ vendorId: `V${i}`, slaHours: r.pick([4, 24, 72, 168]) });
  const failovers: FailoverPair[] = dcs.map((dc, i) => ({ primaryId: dc, secondaryId: dcs[(i + dcs.length / 2) % dcs.length]!, readiness: r.pick(readiness), activationHours: r.pick([1, 4, 12]) }));
  return { nodes, edges, processes, recovery: { strategies, drCapabilities, vendorSlas, failovers } };
}

type StationScenario = { lostDutyStationIds: string[] };

/**
 * The baseline: a plain breadth-first walk of dependents over the same CSR arrays, from the same
 * start nodes, found from the same scenario the same way the simulation finds them (the nodes
 * located in the station, and the station's own node if it is modelled).
 */
function makeBfs(g: DependencyGraph) {
  const seen = new Uint32Array(g.ids.length);
  const queue = new Int32Array(g.ids.length);
  let epoch = 0;
  return (scenario: StationScenario): number => {
    epoch++;
    let tail = 0;
    for (const id of scenario.lostDutyStationIds) {
      const located = g.byDutyStation.get(id), own = g.indexOf.get(id);
      if (located) for (const s of located) if (seen[s] !== epoch) { seen[s] = epoch; queue[tail++] = s; }
      if (own !== undefined && seen[own] !== epoch) { seen[own] = epoch; queue[tail++] = own; }
    }
    for (let head = 0; head < tail; head++) {
      const d = queue[head]!;
      for (let r = g.rdepOffsets[d]!; r < g.rdepOffsets[d + 1]!; r++) {
        const x = g.rdepSources[r]!;
        if (seen[x] !== epoch) { seen[x] = epoch; queue[tail++] = x; }
      }
    }
    return tail;
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => (x < 0.1 ? `${x.toFixed(4)} ms` : x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(1)} ms`);

/**
 * CPU time of this process per call of fn, in ms: fn runs in doubling batches until minMs of CPU
 * time have passed. CPU rather than wall time because the machine may be shared: time spent
 * waiting for a core counts against neither side, and no clock is read between calls.
 */
function cpuTime(fn: () => void, minMs = 3): number {
  const t0 = process.cpuUsage();
  for (let reps = 0, batch = 1; ; batch *= 2) {
    for (let i = 0; i < batch; i++) fn();
    reps += batch;
    const t = process.cpuUsage(t0);
    const used = (t.user + t.system) / 1000;
    if (used >= minMs) return used / reps;
  }
}

export async function continuityBench(): Promise<void> {
  const deadline = performance.now() + 60_000;
  let t0 = performance.now();
  const data = generateContinuityData();
  const genMs = performance.now() - t0;
  t0 = performance.now();
  const graph = buildDependencyGraph(data.nodes, data.edges);
  const model = prepareContinuity(graph, data.processes, data.recovery);
  const buildMs = performance.now() - t0;
  console.log(`continuity: generated ${data.nodes.length} nodes, ${data.edges.length} edges in ${ms(genMs)}; graph + model built in ${ms(buildMs)} (once per data change)`);

  const stations = Array.from({ length: 50 }, (_, i) => `DS${i * 40 + 3}`);
  const bfs = makeBfs(graph);
  const scenario = (s: string): StationScenario => ({ lostDutyStationIds: [s] });
  const outcomes = stations.map((s) => simulateOutage(model, scenario(s)));
  // Warm-up: let the JIT optimize everything before anything is timed.
  for (let pass = 0; pass < 20; pass++) {
    stations.forEach((s, j) => { simulateOutage(model, scenario(s)); propagateScenario(model, scenario(s)); bfs(scenario(s)); describeOutage(model, outcomes[j]!); });
  }
  // Rounds interleave the four measurements of a station; each keeps its fastest round.
  const ROUNDS = 3;
  const sim: number[] = [], engine: number[] = [], base: number[] = [], report: number[] = [], affected: number[] = [], reached: number[] = [];
  for (const [j, s] of stations.entries()) {
    if (performance.now() > deadline) break;
    let a = Infinity, b = Infinity, c = Infinity, d = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      a = Math.min(a, cpuTime(() => { simulateOutage(model, scenario(s)); }));
      b = Math.min(b, cpuTime(() => { propagateScenario(model, scenario(s)); }));
      c = Math.min(c, cpuTime(() => { bfs(scenario(s)); }));
      d = Math.min(d, cpuTime(() => { describeOutage(model, outcomes[j]!); }));
    }
    sim.push(a); engine.push(b); base.push(c); report.push(d);
    affected.push(outcomes[j]!.count);
    reached.push(bfs(scenario(s)));
  }
  const simMs = median(sim), engineMs = median(engine), bfsMs = median(base), reportMs = median(report);
  console.log(`continuity: simulate loss of one duty station  median ${ms(simMs)}; plain BFS baseline ${ms(bfsMs)}; ratio ${(simMs / bfsMs).toFixed(1)}x (target <= 3x) over ${sim.length} stations, median ${median(affected)} disrupted / ${median(reached)} reachable nodes (CPU time, fastest of ${ROUNDS} interleaved rounds; both start from the scenario, looking the station up the same way). simulateOutage: the scenario's losses, their spread, and per disrupted node its window, worst cause and its link, how it recovers and the hours to its MTPD breach, copied into a fresh result`);
  console.log(`continuity:   of which the propagation engine  median ${ms(engineMs)}; ratio to BFS ${(engineMs / bfsMs).toFixed(1)}x (scenario to losses and their spread in the reused workspace; the rest copies the outcome out)`);
  console.log(`continuity:   presentation (describeOutage, after the simulation)  median ${ms(reportMs)}; ratio to BFS ${(reportMs / bfsMs).toFixed(1)}x (ids, loop-free cause paths, objects per node, processes worst first, resources and the timeline sorted: what the API serializes)`);
  const worst = sim.indexOf(Math.max(...sim));
  console.log(`continuity:   slowest station ${stations[worst]} ${ms(sim[worst]!)} (BFS ${ms(base[worst]!)}, ratio ${(sim[worst]! / base[worst]!).toFixed(1)}x, ${affected[worst]} disrupted; presentation ${ms(report[worst]!)})`);

  const gapRuns: number[] = [];
  let gapCount = 0;
  for (let i = 0; i < 5 && performance.now() < deadline; i++) {
    t0 = performance.now();
    gapCount = analyseGaps(model).length;
    gapRuns.push(performance.now() - t0);
  }
  t0 = performance.now();
  const spofs = singlePointsOfFailure(model);
  const spofMs = performance.now() - t0;
  console.log(`continuity: full gap analysis                  median ${ms(median(gapRuns))} (${gapCount} gaps; target < 500 ms); single points of failure ${ms(spofMs)} (${spofs.length} resources)`);
}

// `npx tsx bench/continuity.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) continuityBench().catch((e) => { console.error(e); process.exit(1); });
