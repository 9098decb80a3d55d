import type { FieldErrors } from './bia.js';
import { NODE_KINDS, kindIndex, type NodeKind } from './graph.js';
import { RECOVERED_BY_DEPENDENCY, RECOVERED_BY_STAND_IN, RECOVERED_BY_STRATEGY, propagateOutage, workspaceFor, type OutageWorkspace, type Seed } from './propagate.js';
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

/** Errors in a scenario: unknown nodes or duty stations, a staff share outside 0–100. */
export function scenarioProblems(m: ContinuityModel, s: OutageScenario): FieldErrors {
  const out: FieldErrors = {};
  s.lostNodeIds?.forEach((id, i) => { if (!m.graph.indexOf.has(id)) out[`lostNodeIds.${i}`] = `Unknown node "${id}"`; });
  s.lostDutyStationIds?.forEach((id, i) => {
    if (!m.graph.byDutyStation.has(id) && !m.graph.indexOf.has(id)) out[`lostDutyStationIds.${i}`] = `No node is located in duty station "${id}"`;
  });
  const p = s.staffLossPercent;
  if (p !== undefined && !(Number.isFinite(p) && p >= 0 && p <= 100)) out.staffLossPercent = 'Must be a percentage from 0 to 100';
  return out;
}

/** The direct losses of a scenario; throws RangeError when scenarioProblems reports any. */
export function scenarioSeeds(m: ContinuityModel, s: OutageScenario): Seed[] {
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
    // With a minimum over time, the process is down from the first time point needing more than are left.
    for (let i = 0; i < g.ids.length; i++) {
      const staff = m.staff[i]!, min = m.minimumStaff[i]!;
      if (Number.isNaN(staff)) continue;
      const left = Math.floor(staff * (1 - p / 100) + 1e-9);
      if (left < min) { seeds.push({ node: i, cause: STAFF_CAUSE }); continue; }
      for (let k = m.needOffsets[i]!; k < m.needOffsets[i + 1]!; k++) {
        if (m.needStaff[k]! > left) { seeds.push({ node: i, cause: STAFF_CAUSE, at: m.needFrom[k]! }); break; }
      }
    }
  }
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
 */
function linkCauses(m: ContinuityModel, ws: OutageWorkspace): void {
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

function pathOf(ws: OutageWorkspace, ids: readonly string[], i: number): string[] {
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
export function simulateOutage(m: ContinuityModel, scenario: OutageScenario): OutageResult {
  const ws = propagateOutage(m, scenarioSeeds(m, scenario), workspaceFor(m));
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
