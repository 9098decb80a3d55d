import { NODE_KINDS, kindIndex, type NodeKind } from './graph.js';
import { RECOVERED_BY_DEPENDENCY, RECOVERED_BY_STAND_IN, RECOVERED_BY_STRATEGY } from './propagate.js';
import { CAUSE_KINDS, STRATEGY_KINDS, type CauseKind, type ContinuityModel, type StrategyKind } from './recovery.js';
import type { SimulatedOutage } from './simulate.js';

/**
 * The report of a simulated outage, for people and the API: ids, loop-free cause paths, processes
 * with their MTPD/RTO outlook worst first, resources by disruption time, and the ordered timeline.
 * Presentation only: every figure comes from simulateOutage's columns (simulate.ts) and the model.
 * `null` means "no known option brings it back" (JSON has no Infinity).
 */

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

const PROCESS = kindIndex('process');
const finite = (x: number): number | null => (x === Infinity ? null : x);
const EVENT_KINDS: readonly TimelineEventKind[] = ['lost', 'disrupted', 'mtpd_breached', 'recovered'];
const RECOVERED_EVENT = 3;

/** Entry j's recovery, in words. */
function means(o: SimulatedOutage, j: number): RecoveryMeans | null {
  if (o.recoveredAt(j) === Infinity) return null;
  const by = o.recoveredBy(j);
  if (by === RECOVERED_BY_STAND_IN) return 'alternate';
  if (by >= RECOVERED_BY_STRATEGY) return STRATEGY_KINDS[by - RECOVERED_BY_STRATEGY]!;
  return by === RECOVERED_BY_DEPENDENCY && o.via(j) === -1 ? 'restore' : 'dependency';
}

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

/** Scratch arrays of the report, grown on demand; reports are synchronous, so one set serves every model. */
const scratch = {
  size: 0,
  order: new Int32Array(0), // entries in id order
  ranks: new Int32Array(0),
  level: new Int32Array(0),
  link: new Int32Array(0), // entry → the entry it links to, -1 at a direct loss
  queue: new Int32Array(0),
  key: new Float64Array(0),
  minor: new Uint8Array(0), // event kinds
  entry: new Int32Array(0),
  sorter: new StableOrder(),
  idSet: new RankSet(),
  /** Node → 1 + its entry in the outage being described, where stamp[node] === epoch. */
  nodes: 0,
  stamp: new Uint32Array(0),
  position: new Int32Array(0),
  epoch: 0,
};
function reserve(count: number, nodes: number): void {
  scratch.idSet.reserve(nodes);
  if (nodes > scratch.nodes) {
    scratch.nodes = nodes;
    scratch.stamp = new Uint32Array(nodes);
    scratch.position = new Int32Array(nodes);
    scratch.epoch = 0;
  }
  if (count <= scratch.size) return;
  const size = Math.max(count, 2 * scratch.size, 64), events = 3 * size;
  scratch.size = size;
  scratch.order = new Int32Array(size);
  scratch.ranks = new Int32Array(size);
  scratch.level = new Int32Array(size);
  scratch.link = new Int32Array(size);
  scratch.queue = new Int32Array(size);
  scratch.key = new Float64Array(events);
  scratch.minor = new Uint8Array(events);
  scratch.entry = new Int32Array(events);
  scratch.sorter.reserve(events);
}

/** The entry of node i in the outage being described, -1 when i is not disrupted. */
function entryOf(i: number): number {
  return scratch.stamp[i] === scratch.epoch ? scratch.position[i]! : -1;
}

/** The report of a simulated outage of model m (see OutageResult). */
export function describeOutage(m: ContinuityModel, o: SimulatedOutage): OutageResult {
  const g = m.graph, count = o.count;
  reserve(count, g.ids.length);
  if (++scratch.epoch === 0xffffffff) { scratch.stamp.fill(0); scratch.epoch = 1; }
  const { stamp, position, epoch } = scratch;
  for (let j = 0; j < count; j++) { const i = o.node(j); stamp[i] = epoch; position[i] = j; }
  linkCauses(m, o);

  // From here on everything goes in id order, and every sort below is stable: ids break ties.
  const { idSet, ranks, order } = scratch, { idRank, idOrder } = g;
  for (let j = 0; j < count; j++) idSet.add(idRank[o.node(j)]!);
  idSet.drain(ranks);
  for (let r = 0; r < count; r++) order[r] = position[idOrder[ranks[r]!]!]!;
  return { processes: processList(m, o), resources: resourceList(m, o), timeline: timelineOf(m, o) };
}

/**
 * Links each entry to the one that brought it down, without loops. The engine's worst-cause links
 * (via) can close a loop inside a dependency cycle (two causes tie), so a BFS from the direct
 * losses over the disrupted nodes gives levels; an entry keeps its worst cause when that lies
 * nearer a direct loss, else its BFS parent. Levels strictly fall along links, so paths end.
 * Entries are in the engine's order of first touch, which fixes the BFS parents.
 */
function linkCauses(m: ContinuityModel, o: SimulatedOutage): void {
  const g = m.graph, count = o.count;
  const { level, link, queue } = scratch;
  let tail = 0;
  for (let j = 0; j < count; j++) {
    level[j] = -1;
    link[j] = -1;
    if (o.isDirect(j)) { level[j] = 0; queue[tail++] = j; }
  }
  for (let head = 0; head < tail; head++) {
    const t = queue[head]!, tn = o.node(t);
    const downUntil = o.recoveredAt(t), from = o.disruptedAt(t);
    for (let r = g.rdepOffsets[tn]!; r < g.rdepOffsets[tn + 1]!; r++) {
      const x = entryOf(g.rdepSources[r]!);
      if (x < 0 || level[x] !== -1) continue; // not disrupted, or seen
      if (!(downUntil > from + g.depNeeded[g.rdepEdge[r]!]!)) continue; // t was back before x needed it
      level[x] = level[t]! + 1;
      link[x] = t;
      queue[tail++] = x;
    }
  }
  for (let j = 0; j < count; j++) {
    if (!(level[j]! > 0) || o.via(j) < 0) continue;
    const v = entryOf(o.via(j)); // a worst cause is disrupted itself, so its level is set
    if (v >= 0 && level[v]! >= 0 && level[v]! < level[j]!) link[j] = v;
  }
}

function pathOf(o: SimulatedOutage, ids: readonly string[], j: number): string[] {
  // Most chains are short: array literals for them are allocated inline, already the right size.
  const { link } = scratch;
  const a = link[j]!;
  if (a < 0) return [ids[o.node(j)]!];
  const b = link[a]!;
  if (b < 0) return [ids[o.node(j)]!, ids[o.node(a)]!];
  const c = link[b]!;
  if (c < 0) return [ids[o.node(j)]!, ids[o.node(a)]!, ids[o.node(b)]!];
  const path = [ids[o.node(j)]!, ids[o.node(a)]!, ids[o.node(b)]!, ids[o.node(c)]!];
  for (let x = link[c]!; x >= 0; x = link[x]!) path.push(ids[o.node(x)]!);
  return path;
}

/** Disrupted processes by time left before the MTPD breach (never recovered first, unknown MTPD last). */
function processList(m: ContinuityModel, o: SimulatedOutage): AffectedProcess[] {
  const { ids, kinds } = m.graph;
  const { order, key, minor, entry, sorter } = scratch;
  let p = 0;
  for (let q = 0; q < o.count; q++) {
    const j = order[q]!;
    if (kinds[o.node(j)] !== PROCESS) continue;
    const b = o.hoursToMtpdBreach(j);
    key[p] = Number.isNaN(b) ? Infinity : b; // -Infinity: never recovered
    minor[p] = 0;
    entry[p++] = j;
  }
  const sorted = sorter.sort(p, key, minor, 1);
  const out: AffectedProcess[] = [];
  for (let q = 0; q < p; q++) {
    const j = entry[sorted[q]!]!, i = o.node(j);
    const mtpd = m.mtpd[i]!, rto = m.rto[i]!;
    const hasMtpd = !Number.isNaN(mtpd);
    const s = o.disruptedAt(j), r = o.recoveredAt(j);
    out.push({
      id: ids[i]!, kind: 'process', direct: o.isDirect(j), cause: CAUSE_KINDS[o.cause(j)]!,
      path: pathOf(o, ids, j), disruptedAtHours: s, recoveredAtHours: finite(r), recoveredBy: means(o, j),
      mtpdHours: hasMtpd ? mtpd : null,
      rtoHours: Number.isNaN(rto) ? null : rto,
      hoursToMtpdBreach: hasMtpd && r !== Infinity ? o.hoursToMtpdBreach(j) : null,
      breachesMtpd: hasMtpd && r > s + mtpd,
      rtoMet: Number.isNaN(rto) ? null : r - s <= rto,
    });
  }
  return out;
}

/** Disrupted non-process nodes by disruption time. */
function resourceList(m: ContinuityModel, o: SimulatedOutage): AffectedNode[] {
  const { ids, kinds } = m.graph;
  const { order, key, minor, entry, sorter } = scratch;
  let q = 0;
  for (let x = 0; x < o.count; x++) {
    const j = order[x]!;
    if (kinds[o.node(j)] === PROCESS) continue;
    key[q] = o.disruptedAt(j);
    minor[q] = 0;
    entry[q++] = j;
  }
  const sorted = sorter.sort(q, key, minor, 1);
  const out: AffectedNode[] = [];
  for (let x = 0; x < q; x++) {
    const j = entry[sorted[x]!]!, i = o.node(j);
    out.push({
      id: ids[i]!, kind: NODE_KINDS[kinds[i]!]!, direct: o.isDirect(j), cause: CAUSE_KINDS[o.cause(j)]!,
      path: pathOf(o, ids, j), disruptedAtHours: o.disruptedAt(j), recoveredAtHours: finite(o.recoveredAt(j)), recoveredBy: means(o, j),
    });
  }
  return out;
}

/** Events of the disrupted nodes by (time, kind). */
function timelineOf(m: ContinuityModel, o: SimulatedOutage): TimelineEvent[] {
  const { ids, kinds } = m.graph;
  const { order, key, minor, entry, sorter } = scratch;
  let e = 0;
  for (let x = 0; x < o.count; x++) {
    const j = order[x]!, i = o.node(j);
    const s = o.disruptedAt(j), r = o.recoveredAt(j);
    key[e] = s; minor[e] = o.isDirect(j) ? 0 : 1; entry[e++] = j;
    if (r !== Infinity) { key[e] = r; minor[e] = RECOVERED_EVENT; entry[e++] = j; }
    if (kinds[i] === PROCESS) {
      const mtpd = m.mtpd[i]!;
      if (!Number.isNaN(mtpd) && r > s + mtpd) { key[e] = s + mtpd; minor[e] = 2; entry[e++] = j; }
    }
  }
  const sorted = sorter.sort(e, key, minor, EVENT_KINDS.length);
  const out: TimelineEvent[] = [];
  for (let q = 0; q < e; q++) {
    const x = sorted[q]!, j = entry[x]!, kind = minor[x]!;
    out.push(kind === RECOVERED_EVENT
      ? { atHours: key[x]!, kind: 'recovered', nodeId: ids[o.node(j)]!, by: means(o, j)! }
      : { atHours: key[x]!, kind: EVENT_KINDS[kind]!, nodeId: ids[o.node(j)]! });
  }
  return out;
}
