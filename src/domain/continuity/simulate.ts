import type { FieldErrors } from './bia.js';
import { NODE_KINDS, kindIndex, type NodeKind } from './graph.js';
import { RECOVERED_BY_DEPENDENCY, RECOVERED_BY_STAND_IN, RECOVERED_BY_STRATEGY, spreadOutage, workspaceFor, type OutageWorkspace, type Seed } from './propagate.js';
import { CAUSE_KINDS, STAFF_CAUSE, STRATEGY_KINDS, causeIndex, type CauseKind, type ContinuityModel, type StrategyKind } from './recovery.js';

/**
 * "What if" (issue §5): the loss of nodes, of whole duty stations, or of a share of staff, and what
 * follows for every process. Times are hours from the incident; `null` means "no known option
 * brings it back" (JSON has no Infinity).
 */

export interface OutageScenario {
  /** Sites, data centres, applications, vendors, people… lost at t = 0. */
  lostNodeIds?: readonly string[];
  /** Everything located in these duty stations is lost (and the station node itself, if modelled). */
  lostDutyStationIds?: readonly string[];
  /** Pandemic: this share of every process's staff cannot come in (0–100). */
  staffLossPercent?: number;
}

/** How a disruption ends: the node's own restore (DR, SLA), its dependency returning, a stand-in, or a BC strategy. */
export type RecoveryMeans = 'restore' | 'dependency' | 'alternate' | StrategyKind;

export interface AffectedNode {
  id: string;
  kind: NodeKind;
  /** Lost by the scenario itself rather than through a dependency. */
  direct: boolean;
  /** The worst cause: the kind of the lost dependency, or duty_station / staff / the node's own kind. */
  cause: CauseKind;
  /**
   * From this node down to a directly lost resource, through the worst cause where it does not
   * loop back (inside a dependency cycle it may take a shorter chain).
   */
  path: string[];
  disruptedAtHours: number;
  recoveredAtHours: number | null;
  recoveredBy: RecoveryMeans | null;
}

export interface AffectedProcess extends AffectedNode {
  mtpdHours: number | null;
  rtoHours: number | null;
  /** (disruptedAt + MTPD) − recoveredAt; negative = the MTPD is breached by that much; null when unknown or never recovered. */
  hoursToMtpdBreach: number | null;
  breachesMtpd: boolean;
  /** Outage duration within the RTO; null when the process has no RTO. */
  rtoMet: boolean | null;
}

export type TimelineEventKind = 'lost' | 'disrupted' | 'mtpd_breached' | 'recovered';
export interface TimelineEvent { atHours: number; kind: TimelineEventKind; nodeId: string; by?: RecoveryMeans }

export interface OutageResult {
  /** Disrupted processes, worst first (least time to MTPD breach; unknown MTPD last). */
  processes: AffectedProcess[];
  /** Disrupted non-process nodes (sites, applications, vendors…), in order of disruption. */
  resources: AffectedNode[];
  /** Ordered events of all disrupted nodes. */
  timeline: TimelineEvent[];
}

// One rule for what a scenario may name, shared by the error report and the fast path.
const knownStation = (m: ContinuityModel, id: string) => m.graph.byDutyStation.has(id) || m.graph.indexOf.has(id);
const validShare = (p: number | undefined) => p === undefined || (Number.isFinite(p) && p >= 0 && p <= 100);

/** Errors in a scenario: unknown nodes or duty stations, a staff share outside 0–100. */
export function scenarioProblems(m: ContinuityModel, s: OutageScenario): FieldErrors {
  const out: FieldErrors = {};
  s.lostNodeIds?.forEach((id, i) => { if (!m.graph.indexOf.has(id)) out[`lostNodeIds.${i}`] = `Unknown node "${id}"`; });
  s.lostDutyStationIds?.forEach((id, i) => {
    if (!knownStation(m, id)) out[`lostDutyStationIds.${i}`] = `No node is located in duty station "${id}"`;
  });
  if (!validShare(s.staffLossPercent)) out.staffLossPercent = 'Must be a percentage from 0 to 100';
  return out;
}

function invalidScenario(m: ContinuityModel, s: OutageScenario): never {
  const [field, message] = Object.entries(scenarioProblems(m, s))[0]!;
  throw new RangeError(`Invalid scenario: ${field}: ${message}`);
}

interface LossSink { lose(node: number, cause: number): void }
const STATION_CAUSE = causeIndex('duty_station');

/** Hands each direct loss of the scenario to `sink`, in order; throws RangeError when scenarioProblems reports any. */
function scenarioLosses(m: ContinuityModel, s: OutageScenario, sink: LossSink): void {
  const g = m.graph;
  const p = s.staffLossPercent ?? 0;
  if (!validShare(p)) invalidScenario(m, s);
  const nodeIds = s.lostNodeIds;
  if (nodeIds) {
    for (let j = 0; j < nodeIds.length; j++) {
      const i = g.indexOf.get(nodeIds[j]!);
      if (i === undefined) invalidScenario(m, s);
      sink.lose(i, g.kinds[i]!);
    }
  }
  const stationIds = s.lostDutyStationIds;
  if (stationIds) {
    for (let j = 0; j < stationIds.length; j++) {
      const id = stationIds[j]!;
      const located = g.byDutyStation.get(id), own = g.indexOf.get(id);
      if (located === undefined && own === undefined) invalidScenario(m, s);
      if (located) for (let k = 0; k < located.length; k++) sink.lose(located[k]!, STATION_CAUSE);
      if (own !== undefined) sink.lose(own, STATION_CAUSE);
    }
  }
  if (p > 0) {
    // Staff who cannot come in: a process is down when those left are below its minimum
    // (telecommuting, a strategy covering "staff", is what may bring them back).
    for (let i = 0; i < g.ids.length; i++) {
      const staff = m.staff[i]!, min = m.minimumStaff[i]!;
      if (Number.isNaN(staff) || Number.isNaN(min)) continue;
      if (Math.floor(staff * (1 - p / 100) + 1e-9) < min) sink.lose(i, STAFF_CAUSE);
    }
  }
}

/** The direct losses of a scenario; throws RangeError when scenarioProblems reports any. */
export function scenarioSeeds(m: ContinuityModel, s: OutageScenario): Seed[] {
  const seeds: Seed[] = [];
  scenarioLosses(m, s, { lose: (node, cause) => { seeds.push({ node, cause }); } });
  return seeds;
}

const PROCESS = kindIndex('process');
const finite = (x: number): number | null => (x === Infinity ? null : x);

function means(ws: OutageWorkspace, i: number): RecoveryMeans | null {
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
 * `disrupted` is in the engine's order of first touch, which fixes the BFS parents.
 */
function linkCauses(m: ContinuityModel, ws: OutageWorkspace, disrupted: Int32Array, count: number): void {
  const g = m.graph;
  const { level, link, queue, stamp, epoch, start, restored } = ws;
  let tail = 0;
  for (let j = 0; j < count; j++) {
    const i = disrupted[j]!;
    level[i] = -1;
    link[i] = -1;
    if (ws.directMask[i] !== 0) { level[i] = 0; queue[tail++] = i; }
  }
  for (let head = 0; head < tail; head++) {
    const t = queue[head]!;
    const downUntil = restored[t]!, from = start[t]!;
    for (let r = g.rdepOffsets[t]!; r < g.rdepOffsets[t + 1]!; r++) {
      const x = g.rdepSources[r]!;
      if (stamp[x] !== epoch || !(restored[x]! > start[x]!) || level[x] !== -1) continue; // not disrupted, or seen
      if (!(downUntil > from + g.depNeeded[g.rdepEdge[r]!]!)) continue; // t was back before x needed it
      level[x] = level[t]! + 1;
      link[x] = t;
      queue[tail++] = x;
    }
  }
  for (let j = 0; j < count; j++) {
    const i = disrupted[j]!, v = ws.via[i]!;
    // v, a worst cause, is disrupted itself, so its level is set.
    if (level[i]! > 0 && v >= 0 && level[v]! >= 0 && level[v]! < level[i]!) link[i] = v;
  }
}

function pathOf(ws: OutageWorkspace, ids: readonly string[], i: number): string[] {
  let length = 1;
  for (let x = ws.link[i]!; x >= 0; x = ws.link[x]!) length++;
  const path = new Array<string>(length);
  path[0] = ids[i]!;
  let j = 1;
  for (let x = ws.link[i]!; x >= 0; x = ws.link[x]!) path[j++] = ids[x]!;
  return path;
}

const EVENT_KINDS: readonly TimelineEventKind[] = ['lost', 'disrupted', 'mtpd_breached', 'recovered'];
const RECOVERED_EVENT = 3;

/** Scratch arrays of the report, grown on demand; runs are synchronous, so one set serves every model. */
const scratch = {
  size: 0,
  disrupted: new Int32Array(0),
  ranks: new Int32Array(0),
  key: new Float64Array(0),
  minor: new Uint8Array(0), // event kinds; zero for the one-key sorts
  perm: new Int32Array(0),
  spare: new Int32Array(0),
  node: new Int32Array(0),
};
function reserve(disrupted: number): void {
  if (disrupted <= scratch.size) return;
  const size = Math.max(disrupted, 2 * scratch.size, 64), events = 3 * size;
  Object.assign(scratch, {
    size, disrupted: new Int32Array(size), ranks: new Int32Array(size), key: new Float64Array(events), minor: new Uint8Array(events),
    perm: new Int32Array(events), spare: new Int32Array(events), node: new Int32Array(events),
  });
}

/** Sorts the first `count` ints ascending: insertion sort while small, the native sort beyond. */
function sortInts(a: Int32Array, count: number): void {
  if (count > 48) { a.subarray(0, count).sort(); return; }
  for (let j = 1; j < count; j++) {
    const v = a[j]!;
    let k = j - 1;
    while (k >= 0 && a[k]! > v) { a[k + 1] = a[k]!; k--; }
    a[k + 1] = v;
  }
}

/**
 * Stable sort of the item numbers 0..count-1 by (major[item], minor[item]); returns the array
 * holding the result (`perm` or `spare`). Items arrive in id order, so stability breaks ties by id.
 * Short runs by insertion, then bottom-up merges: no comparator calls, no allocation.
 */
function stableOrder(count: number, major: Float64Array, minor: Uint8Array, perm: Int32Array, spare: Int32Array): Int32Array {
  const RUN = 8;
  for (let j = 0; j < count; j++) perm[j] = j;
  for (let lo = 0; lo < count; lo += RUN) {
    const hi = Math.min(lo + RUN, count);
    for (let j = lo + 1; j < hi; j++) {
      const v = perm[j]!, vMajor = major[v]!, vMinor = minor[v]!;
      let k = j - 1;
      for (; k >= lo; k--) {
        const u = perm[k]!;
        if (major[u]! < vMajor || (major[u] === vMajor && minor[u]! <= vMinor)) break;
        perm[k + 1] = u;
      }
      perm[k + 1] = v;
    }
  }
  let from = perm, to = spare;
  for (let width = RUN; width < count; width *= 2) {
    for (let lo = 0; lo < count; lo += 2 * width) {
      const mid = Math.min(lo + width, count), hi = Math.min(lo + 2 * width, count);
      let a = lo, b = mid, o = lo;
      while (a < mid && b < hi) {
        const x = from[a]!, y = from[b]!;
        // Take the right one only when strictly smaller: equal items keep their order.
        if (major[y]! < major[x]! || (major[y] === major[x] && minor[y]! < minor[x]!)) { to[o++] = y; b++; } else { to[o++] = x; a++; }
      }
      while (a < mid) to[o++] = from[a++]!;
      while (b < hi) to[o++] = from[b++]!;
    }
    const t = from; from = to; to = t;
  }
  return from;
}

/** Runs the scenario and reports every disrupted node, processes with their MTPD/RTO outlook. */
export function simulateOutage(m: ContinuityModel, scenario: OutageScenario): OutageResult {
  const ws = workspaceFor(m);
  ws.begin();
  scenarioLosses(m, scenario, ws);
  spreadOutage(m, ws);
  return report(m, ws);
}

function report(m: ContinuityModel, ws: OutageWorkspace): OutageResult {
  const g = m.graph;
  const { ids, kinds, idRank, idOrder } = g;
  const { start, restored } = ws;
  const touched = ws.touched, touchedCount = ws.touchedCount;
  let count = 0, processCount = 0;
  for (let j = 0; j < touchedCount; j++) { const i = touched[j]!; if (restored[i]! > start[i]!) count++; }
  reserve(count);
  const { disrupted, ranks, key, minor, node } = scratch;
  count = 0;
  for (let j = 0; j < touchedCount; j++) {
    const i = touched[j]!;
    if (!(restored[i]! > start[i]!)) continue;
    disrupted[count++] = i;
    if (kinds[i] === PROCESS) processCount++;
  }
  linkCauses(m, ws, disrupted, count);

  // From here on everything goes in id order, and every sort below is stable: ids break ties.
  for (let j = 0; j < count; j++) ranks[j] = idRank[disrupted[j]!]!;
  sortInts(ranks, count);
  for (let j = 0; j < count; j++) disrupted[j] = idOrder[ranks[j]!]!;

  // Processes by time left before the MTPD breach (never recovered first, unknown MTPD last).
  let p = 0;
  for (let j = 0; j < count; j++) {
    const i = disrupted[j]!;
    if (kinds[i] !== PROCESS) continue;
    const mtpd = m.mtpd[i]!;
    key[p] = Number.isNaN(mtpd) ? Infinity : start[i]! + mtpd - restored[i]!; // -Infinity: never recovered
    node[p++] = i;
  }
  minor.fill(0, 0, count);
  let order = stableOrder(p, key, minor, scratch.perm, scratch.spare);
  const processes = new Array<AffectedProcess>(p);
  for (let j = 0; j < p; j++) {
    const i = node[order[j]!]!;
    const mtpd = m.mtpd[i]!, rto = m.rto[i]!;
    const hasMtpd = !Number.isNaN(mtpd);
    const s = start[i]!, r = restored[i]!;
    processes[j] = {
      id: ids[i]!, kind: 'process', direct: ws.directMask[i] !== 0, cause: CAUSE_KINDS[ws.cause[i]!]!,
      path: pathOf(ws, ids, i), disruptedAtHours: s, recoveredAtHours: finite(r), recoveredBy: means(ws, i),
      mtpdHours: hasMtpd ? mtpd : null,
      rtoHours: Number.isNaN(rto) ? null : rto,
      hoursToMtpdBreach: hasMtpd && r !== Infinity ? s + mtpd - r : null,
      breachesMtpd: hasMtpd && r > s + mtpd,
      rtoMet: Number.isNaN(rto) ? null : r - s <= rto,
    };
  }

  // Resources by disruption time.
  let q = 0;
  for (let j = 0; j < count; j++) {
    const i = disrupted[j]!;
    if (kinds[i] === PROCESS) continue;
    key[q] = start[i]!;
    node[q++] = i;
  }
  order = stableOrder(q, key, minor, scratch.perm, scratch.spare);
  const resources = new Array<AffectedNode>(q);
  for (let j = 0; j < q; j++) {
    const i = node[order[j]!]!;
    resources[j] = {
      id: ids[i]!, kind: NODE_KINDS[kinds[i]!]!, direct: ws.directMask[i] !== 0, cause: CAUSE_KINDS[ws.cause[i]!]!,
      path: pathOf(ws, ids, i), disruptedAtHours: start[i]!, recoveredAtHours: finite(restored[i]!), recoveredBy: means(ws, i),
    };
  }

  // Events by (time, kind).
  let e = 0;
  for (let j = 0; j < count; j++) {
    const i = disrupted[j]!;
    const s = start[i]!, r = restored[i]!;
    key[e] = s; minor[e] = ws.directMask[i] !== 0 ? 0 : 1; node[e++] = i;
    if (r !== Infinity) { key[e] = r; minor[e] = RECOVERED_EVENT; node[e++] = i; }
    if (kinds[i] === PROCESS) {
      const mtpd = m.mtpd[i]!;
      if (!Number.isNaN(mtpd) && r > s + mtpd) { key[e] = s + mtpd; minor[e] = 2; node[e++] = i; }
    }
  }
  order = stableOrder(e, key, minor, scratch.perm, scratch.spare);
  const timeline = new Array<TimelineEvent>(e);
  for (let j = 0; j < e; j++) {
    const x = order[j]!, i = node[x]!, kind = minor[x]!;
    timeline[j] = kind === RECOVERED_EVENT
      ? { atHours: key[x]!, kind: 'recovered', nodeId: ids[i]!, by: means(ws, i)! }
      : { atHours: key[x]!, kind: EVENT_KINDS[kind]!, nodeId: ids[i]! };
  }
  return { processes, resources, timeline };
}
