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

/** Throws the first of scenarioProblems; called on the first problem the fast path meets, which that function reports too. */
function invalidScenario(m: ContinuityModel, s: OutageScenario): never {
  const [field, message] = Object.entries(scenarioProblems(m, s))[0]!;
  throw new RangeError(`Invalid scenario: ${field}: ${message}`);
}

interface LossSink { lose(node: number, cause: number, at?: number): void }
const STATION_CAUSE = causeIndex('duty_station');

/** Hands each direct loss of the scenario to `sink`, in order; throws RangeError when scenarioProblems reports any. */
function scenarioLosses(m: ContinuityModel, s: OutageScenario, sink: LossSink): void {
  const g = m.graph;
  if (!validShare(s.staffLossPercent)) invalidScenario(m, s);
  const p = s.staffLossPercent ?? 0;
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
    // With a minimum over time, the process is down from the first time point needing more than are left.
    for (let i = 0; i < g.ids.length; i++) {
      const staff = m.staff[i]!, min = m.minimumStaff[i]!;
      if (Number.isNaN(staff)) continue;
      const left = Math.floor(staff * (1 - p / 100) + 1e-9);
      if (left < min) { sink.lose(i, STAFF_CAUSE); continue; }
      for (let k = m.needOffsets[i]!; k < m.needOffsets[i + 1]!; k++) {
        if (m.needStaff[k]! > left) { sink.lose(i, STAFF_CAUSE, m.needFrom[k]!); break; }
      }
    }
  }
}

/** The direct losses of a scenario; throws RangeError when scenarioProblems reports any. */
export function scenarioSeeds(m: ContinuityModel, s: OutageScenario): Seed[] {
  const seeds: Seed[] = [];
  scenarioLosses(m, s, { lose: (node, cause, at) => { seeds.push(at === undefined ? { node, cause } : { node, cause, at }); } });
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
  // Most chains are short: array literals for them are allocated inline, already the right size.
  const { link } = ws;
  const a = link[i]!;
  if (a < 0) return [ids[i]!];
  const b = link[a]!;
  if (b < 0) return [ids[i]!, ids[a]!];
  const c = link[b]!;
  if (c < 0) return [ids[i]!, ids[a]!, ids[b]!];
  const path = [ids[i]!, ids[a]!, ids[b]!, ids[c]!];
  for (let x = link[c]!; x >= 0; x = link[x]!) path.push(ids[x]!);
  return path;
}

const EVENT_KINDS: readonly TimelineEventKind[] = ['lost', 'disrupted', 'mtpd_breached', 'recovered'];
const RECOVERED_EVENT = 3;

/**
 * Stable ordering of items 0..count-1 by (major[item], minor[item]) without comparisons: each
 * distinct major value gets an id (hours are mostly small whole numbers, looked up directly; any
 * other value through a small hash table on its bits), the few distinct values are sorted, and a
 * counting sort over (rank of the value, minor) places the items. Linear in the items, with few
 * data-dependent branches to mispredict, where a comparison sort of the typical hundred events
 * costs more than the propagation. Items arrive in id order, so ids break ties.
 */
const SMALL = 4096; // whole numbers of hours below this are looked up directly
class StableOrder {
  capacity = 0;
  order = new Int32Array(0);
  private bucket = new Int32Array(0); // item → distinct value id, then → counting-sort bucket
  private values = new Float64Array(0); // distinct value id → value
  private rank = new Int32Array(0); // distinct value id → rank among the distinct values
  private byValue = new Int32Array(0); // distinct value ids in value order
  private counts = new Int32Array(0);
  private slotId = new Int32Array(0); // hash slot → distinct value id
  private slotStamp = new Uint32Array(0);
  private readonly smallId = new Int32Array(SMALL);
  private readonly smallStamp = new Uint32Array(SMALL);
  private epoch = 0;
  private readonly bits = new Float64Array(1);
  private readonly words = new Uint32Array(this.bits.buffer);

  reserve(items: number): void {
    if (items <= this.capacity) return;
    const c = this.capacity = Math.max(items, 2 * this.capacity, 256);
    this.order = new Int32Array(c);
    this.bucket = new Int32Array(c);
    this.values = new Float64Array(c);
    this.rank = new Int32Array(c);
    this.byValue = new Int32Array(c);
    this.counts = new Int32Array(4 * c + 1);
    this.slotId = new Int32Array(4 * c);
    this.slotStamp = new Uint32Array(4 * c);
  }

  private slotOf(v: number, shift: number): number {
    this.bits[0] = v;
    return Math.imul(this.words[1]! ^ Math.imul(this.words[0]!, 0x85ebca6b), 0x9e3779b1) >>> shift;
  }

  /** Fills `order` with the items sorted; minor values are below minorSize. */
  sort(count: number, major: Float64Array, minor: Uint8Array, minorSize: number): Int32Array {
    const { bucket, values, rank, byValue, counts, slotId, slotStamp, smallId, smallStamp, order } = this;
    if (++this.epoch === 0xffffffff) { slotStamp.fill(0); smallStamp.fill(0); this.epoch = 1; }
    const epoch = this.epoch;
    let shift = 31; // hash table of 2^(32 - shift) ≥ 2 × count slots
    while (1 << (32 - shift) < 2 * count) shift--;
    const mask = (1 << (32 - shift)) - 1;
    let distinct = 0;
    for (let j = 0; j < count; j++) {
      const v = major[j]! + 0; // -0 and 0 are one value
      let id: number;
      if (v >= 0 && v < SMALL && (v | 0) === v) {
        if (smallStamp[v] === epoch) id = smallId[v]!;
        else { id = distinct++; values[id] = v; smallStamp[v] = epoch; smallId[v] = id; }
      } else {
        let h = this.slotOf(v, shift);
        id = -1;
        while (slotStamp[h] === epoch) {
          if (values[slotId[h]!] === v) { id = slotId[h]!; break; }
          h = (h + 1) & mask;
        }
        if (id < 0) { id = distinct++; values[id] = v; slotStamp[h] = epoch; slotId[h] = id; }
      }
      bucket[j] = id;
    }
    // Rank the distinct values: insertion sort while few, the native sort beyond.
    if (distinct <= 32) {
      for (let a = 0; a < distinct; a++) {
        const v = values[a]!;
        let b = a - 1;
        while (b >= 0 && values[byValue[b]!]! > v) { byValue[b + 1] = byValue[b]!; b--; }
        byValue[b + 1] = a;
      }
      for (let r = 0; r < distinct; r++) rank[byValue[r]!] = r;
    } else {
      const sorted = values.slice(0, distinct).sort();
      for (let r = 0; r < distinct; r++) {
        const v = sorted[r]!;
        if (v >= 0 && v < SMALL && (v | 0) === v) { rank[smallId[v]!] = r; continue; }
        let h = this.slotOf(v, shift);
        while (values[slotId[h]!] !== v) h = (h + 1) & mask;
        rank[slotId[h]!] = r;
      }
    }
    const buckets = distinct * minorSize;
    counts.fill(0, 0, buckets + 1);
    for (let j = 0; j < count; j++) { const b = rank[bucket[j]!]! * minorSize + minor[j]!; bucket[j] = b; counts[b + 1]!++; }
    for (let b = 0; b < buckets; b++) counts[b + 1]! += counts[b]!;
    for (let j = 0; j < count; j++) order[counts[bucket[j]!]!++] = j;
    return order;
  }
}

/**
 * A set of node ranks read back in ascending order: a bit per rank and a bit per word of those,
 * so ordering k of n ranks costs about k + n/1024 steps and no comparisons. Reading empties it.
 */
class RankSet {
  private words = new Uint32Array(0);
  private summary = new Uint32Array(0);

  reserve(n: number): void {
    const w = (n + 31) >>> 5;
    if (w <= this.words.length) return;
    this.words = new Uint32Array(w);
    this.summary = new Uint32Array((w + 31) >>> 5);
  }

  add(r: number): void {
    const w = r >>> 5;
    this.words[w]! |= 1 << (r & 31);
    this.summary[w >>> 5]! |= 1 << (w & 31);
  }

  /** Writes the ranks in ascending order to out, empties the set, returns how many. */
  drain(out: Int32Array): number {
    const { words, summary } = this;
    let k = 0;
    for (let s = 0; s < summary.length; s++) {
      let sw = summary[s]!;
      if (sw === 0) continue;
      summary[s] = 0;
      while (sw !== 0) {
        const low = sw & -sw;
        sw ^= low;
        const w = (s << 5) + 31 - Math.clz32(low);
        let bits = words[w]!;
        words[w] = 0;
        while (bits !== 0) {
          const b = bits & -bits;
          bits ^= b;
          out[k++] = (w << 5) + 31 - Math.clz32(b);
        }
      }
    }
    return k;
  }
}

/** Scratch arrays of the report, grown on demand; runs are synchronous, so one set serves every model. */
const scratch = {
  size: 0,
  disrupted: new Int32Array(0),
  ranks: new Int32Array(0),
  key: new Float64Array(0),
  minor: new Uint8Array(0), // event kinds
  node: new Int32Array(0),
  sorter: new StableOrder(),
  idSet: new RankSet(),
};
function reserve(disrupted: number, nodes: number): void {
  scratch.idSet.reserve(nodes);
  if (disrupted <= scratch.size) return;
  const size = Math.max(disrupted, 2 * scratch.size, 64), events = 3 * size;
  scratch.size = size;
  scratch.disrupted = new Int32Array(size);
  scratch.ranks = new Int32Array(size);
  scratch.key = new Float64Array(events);
  scratch.minor = new Uint8Array(events);
  scratch.node = new Int32Array(events);
  scratch.sorter.reserve(events);
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
  const { start, restored } = ws;
  const touched = ws.touched, touchedCount = ws.touchedCount;
  reserve(touchedCount, g.ids.length);
  const { disrupted, ranks } = scratch;
  let count = 0;
  for (let j = 0; j < touchedCount; j++) {
    const i = touched[j]!;
    if (restored[i]! > start[i]!) disrupted[count++] = i;
  }
  linkCauses(m, ws, disrupted, count);

  // From here on everything goes in id order, and every sort below is stable: ids break ties.
  const idSet = scratch.idSet, { idRank, idOrder } = g;
  for (let j = 0; j < count; j++) idSet.add(idRank[disrupted[j]!]!);
  idSet.drain(ranks);
  for (let j = 0; j < count; j++) disrupted[j] = idOrder[ranks[j]!]!;
  return { processes: processList(m, ws, count), resources: resourceList(m, ws, count), timeline: timelineOf(m, ws, count) };
}

/** Disrupted processes by time left before the MTPD breach (never recovered first, unknown MTPD last). */
function processList(m: ContinuityModel, ws: OutageWorkspace, count: number): AffectedProcess[] {
  const { ids, kinds } = m.graph;
  const { start, restored } = ws;
  const { disrupted, key, minor, node, sorter } = scratch;
  let p = 0;
  for (let j = 0; j < count; j++) {
    const i = disrupted[j]!;
    if (kinds[i] !== PROCESS) continue;
    const mtpd = m.mtpd[i]!;
    key[p] = Number.isNaN(mtpd) ? Infinity : start[i]! + mtpd - restored[i]!; // -Infinity: never recovered
    minor[p] = 0;
    node[p++] = i;
  }
  const order = sorter.sort(p, key, minor, 1);
  const out: AffectedProcess[] = [];
  for (let j = 0; j < p; j++) {
    const i = node[order[j]!]!;
    const mtpd = m.mtpd[i]!, rto = m.rto[i]!;
    const hasMtpd = !Number.isNaN(mtpd);
    const s = start[i]!, r = restored[i]!;
    out.push({
      id: ids[i]!, kind: 'process', direct: ws.directMask[i] !== 0, cause: CAUSE_KINDS[ws.cause[i]!]!,
      path: pathOf(ws, ids, i), disruptedAtHours: s, recoveredAtHours: finite(r), recoveredBy: means(ws, i),
      mtpdHours: hasMtpd ? mtpd : null,
      rtoHours: Number.isNaN(rto) ? null : rto,
      hoursToMtpdBreach: hasMtpd && r !== Infinity ? s + mtpd - r : null,
      breachesMtpd: hasMtpd && r > s + mtpd,
      rtoMet: Number.isNaN(rto) ? null : r - s <= rto,
    });
  }
  return out;
}

/** Disrupted non-process nodes by disruption time. */
function resourceList(m: ContinuityModel, ws: OutageWorkspace, count: number): AffectedNode[] {
  const { ids, kinds } = m.graph;
  const { start, restored } = ws;
  const { disrupted, key, minor, node, sorter } = scratch;
  let q = 0;
  for (let j = 0; j < count; j++) {
    const i = disrupted[j]!;
    if (kinds[i] === PROCESS) continue;
    key[q] = start[i]!;
    minor[q] = 0;
    node[q++] = i;
  }
  const order = sorter.sort(q, key, minor, 1);
  const out: AffectedNode[] = [];
  for (let j = 0; j < q; j++) {
    const i = node[order[j]!]!;
    out.push({
      id: ids[i]!, kind: NODE_KINDS[kinds[i]!]!, direct: ws.directMask[i] !== 0, cause: CAUSE_KINDS[ws.cause[i]!]!,
      path: pathOf(ws, ids, i), disruptedAtHours: start[i]!, recoveredAtHours: finite(restored[i]!), recoveredBy: means(ws, i),
    });
  }
  return out;
}

/** Events of the disrupted nodes by (time, kind). */
function timelineOf(m: ContinuityModel, ws: OutageWorkspace, count: number): TimelineEvent[] {
  const { ids, kinds } = m.graph;
  const { start, restored } = ws;
  const { disrupted, key, minor, node, sorter } = scratch;
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
  const order = sorter.sort(e, key, minor, EVENT_KINDS.length);
  const out: TimelineEvent[] = [];
  for (let j = 0; j < e; j++) {
    const x = order[j]!, i = node[x]!, kind = minor[x]!;
    out.push(kind === RECOVERED_EVENT
      ? { atHours: key[x]!, kind: 'recovered', nodeId: ids[i]!, by: means(ws, i)! }
      : { atHours: key[x]!, kind: EVENT_KINDS[kind]!, nodeId: ids[i]! });
  }
  return out;
}
