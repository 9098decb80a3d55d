import type { FieldErrors } from './bia.js';

/**
 * The dependency map of business continuity (DOMAIN §5–6): what each process needs to run and how
 * soon. Built once into compressed sparse row (CSR) arrays so that simulation and gap analysis walk
 * integers, not strings and objects. Cycles are legal (two processes feeding each other); every
 * algorithm over this graph must therefore carry visited sets or a monotone fixpoint.
 */

export const NODE_KINDS = ['process', 'application', 'ict_service', 'site', 'duty_station', 'vendor', 'role', 'vital_record'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** Which kinds of node each kind may depend on; anything else is a modelling error. */
export const ALLOWED_DEPENDENCIES: Readonly<Record<NodeKind, readonly NodeKind[]>> = {
  process: ['process', 'application', 'ict_service', 'site', 'vendor', 'role', 'vital_record'],
  // Infrastructure: the hosting data centre, other applications/services, a hosting provider.
  application: ['application', 'ict_service', 'site', 'vendor'],
  ict_service: ['application', 'ict_service', 'site', 'vendor'],
  site: [],
  duty_station: [],
  vendor: [],
  role: [],
  vital_record: ['site'],
};

export interface GraphNode {
  id: string;
  kind: NodeKind;
  /** The duty station the node is located in (a location id); losing that station loses the node. */
  dutyStationId?: string;
  label?: string;
}

export const READINESS = ['ready', 'partial', 'not_ready'] as const;
export type Readiness = (typeof READINESS)[number];

/** A stand-in for a dependency: failover data centre, alternate site, backup vendor, deputy. */
export interface Alternate {
  nodeId: string;
  readiness: Readiness;
  /** Hours from the start of the incident until the alternate can be used. */
  activationHours: number;
}

/** `from` depends on `to`; `from` keeps running for `neededWithinHours` without it. */
export interface GraphEdge {
  from: string;
  to: string;
  neededWithinHours: number;
  alternates?: readonly Alternate[];
}

/** Errors naming the node or edge: duplicates, unknown kinds, missing endpoints, self-loops, illegal pairs. */
export function dependencyGraphProblems(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): FieldErrors {
  const out: FieldErrors = {};
  const kinds = new Map<string, NodeKind>();
  nodes.forEach((n, i) => {
    if (!n.id) out[`nodes.${i}.id`] = 'Required';
    else if (kinds.has(n.id)) out[`nodes.${i}.id`] = `Duplicate node "${n.id}"`;
    if (!NODE_KINDS.includes(n.kind)) out[`nodes.${i}.kind`] = `One of ${NODE_KINDS.join(', ')}`;
    else if (n.id) kinds.set(n.id, n.kind);
  });
  edges.forEach((e, i) => {
    const name = `${e.from} → ${e.to}`;
    const fromKind = kinds.get(e.from);
    const toKind = kinds.get(e.to);
    if (!fromKind) out[`edges.${i}.from`] = `Edge ${name}: unknown node "${e.from}"`;
    if (!toKind) out[`edges.${i}.to`] = `Edge ${name}: depends on a missing node "${e.to}"`;
    if (e.from === e.to) out[`edges.${i}.to`] = `Edge ${name}: a node cannot depend on itself`;
    else if (fromKind && toKind && !ALLOWED_DEPENDENCIES[fromKind].includes(toKind)) {
      out[`edges.${i}.to`] = `Edge ${name}: a ${fromKind} cannot depend on a ${toKind}`;
    }
    if (!(Number.isFinite(e.neededWithinHours) && e.neededWithinHours >= 0)) {
      out[`edges.${i}.neededWithinHours`] = `Edge ${name}: must be zero or a positive number of hours`;
    }
    e.alternates?.forEach((a, j) => {
      const key = `edges.${i}.alternates.${j}`;
      const altKind = kinds.get(a.nodeId);
      if (!altKind) out[`${key}.nodeId`] = `Edge ${name}: alternate is a missing node "${a.nodeId}"`;
      else if (a.nodeId === e.to || a.nodeId === e.from) out[`${key}.nodeId`] = `Edge ${name}: an alternate must be another node`;
      else if (toKind && altKind !== toKind) out[`${key}.nodeId`] = `Edge ${name}: alternate must be a ${toKind}, not a ${altKind}`;
      if (!READINESS.includes(a.readiness)) out[`${key}.readiness`] = `One of ${READINESS.join(', ')}`;
      if (!(Number.isFinite(a.activationHours) && a.activationHours >= 0)) out[`${key}.activationHours`] = 'Must be zero or a positive number of hours';
    });
  });
  return out;
}

/**
 * The graph as arrays. Node i is `ids[i]`. The dependencies of i are
 * `depTargets[depOffsets[i] .. depOffsets[i+1])`, edge slot k carrying `depNeeded[k]` and its
 * alternates `altNodes/altReadiness/altActivation[altOffsets[k] .. altOffsets[k+1])`. The dependents
 * of i (reverse edges, the direction an outage spreads) are `rdepSources[rdepOffsets[i] ..]`, with
 * `rdepEdge` giving the forward edge slot. `altUsers` lists, per node, the forward edge slots that
 * name it as an alternate, so a lost alternate re-evaluates the edges that lean on it.
 */
export interface DependencyGraph {
  readonly ids: readonly string[];
  readonly kinds: Uint8Array; // index into NODE_KINDS
  readonly indexOf: ReadonlyMap<string, number>;
  /** Position of each id in sorted id order: reports break ties by id with a number compare. */
  readonly idRank: Int32Array;
  /** The inverse of idRank: node at each rank. */
  readonly idOrder: Int32Array;
  /** Duty station id → nodes located there. */
  readonly byDutyStation: ReadonlyMap<string, Int32Array>;
  readonly depOffsets: Int32Array;
  readonly depTargets: Int32Array;
  readonly depNeeded: Float64Array;
  readonly depSource: Int32Array; // edge slot → source node
  readonly altOffsets: Int32Array;
  readonly altNodes: Int32Array;
  readonly altReadiness: Uint8Array; // index into READINESS
  readonly altActivation: Float64Array;
  readonly rdepOffsets: Int32Array;
  readonly rdepSources: Int32Array;
  readonly rdepEdge: Int32Array;
  readonly altUserOffsets: Int32Array;
  readonly altUserEdges: Int32Array;
}

export const kindIndex = (k: NodeKind): number => NODE_KINDS.indexOf(k);

/** Counting sort of `count` items into buckets of `n` keys: returns offsets (n+1) and the item order. */
function bucket(n: number, count: number, keyOf: (item: number) => number): { offsets: Int32Array; order: Int32Array } {
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < count; k++) offsets[keyOf(k) + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[fill[keyOf(k)]!++] = k;
  return { offsets, order };
}

/** Builds the CSR arrays; throws RangeError on an invalid graph (check dependencyGraphProblems first). */
export function buildDependencyGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): DependencyGraph {
  const problems = dependencyGraphProblems(nodes, edges);
  const first = Object.entries(problems)[0];
  if (first) throw new RangeError(`Invalid dependency graph: ${first[0]}: ${first[1]}`);

  const n = nodes.length;
  const ids = nodes.map((x) => x.id);
  const indexOf = new Map<string, number>();
  ids.forEach((id, i) => indexOf.set(id, i));
  const kinds = Uint8Array.from(nodes, (x) => kindIndex(x.kind));
  const idOrder = Int32Array.from(Array.from({ length: n }, (_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0)));
  const idRank = new Int32Array(n);
  idOrder.forEach((i, r) => { idRank[i] = r; });

  const stations = new Map<string, number[]>();
  nodes.forEach((x, i) => {
    if (x.dutyStationId === undefined) return;
    const list = stations.get(x.dutyStationId) ?? [];
    list.push(i);
    stations.set(x.dutyStationId, list);
  });
  const byDutyStation = new Map<string, Int32Array>();
  for (const [k, v] of stations) byDutyStation.set(k, Int32Array.from(v));

  const m = edges.length;
  const src = Int32Array.from(edges, (e) => indexOf.get(e.from)!);
  const dst = Int32Array.from(edges, (e) => indexOf.get(e.to)!);

  // Forward: edges grouped by source; slot k of the CSR is original edge fwd.order[k].
  const fwd = bucket(n, m, (k) => src[k]!);
  const depTargets = new Int32Array(m);
  const depNeeded = new Float64Array(m);
  const depSource = new Int32Array(m);
  const altOffsets = new Int32Array(m + 1);
  const alts: Alternate[] = [];
  for (let k = 0; k < m; k++) {
    const e = edges[fwd.order[k]!]!;
    depTargets[k] = dst[fwd.order[k]!]!;
    depSource[k] = src[fwd.order[k]!]!;
    depNeeded[k] = e.neededWithinHours;
    for (const a of e.alternates ?? []) alts.push(a);
    altOffsets[k + 1] = alts.length;
  }
  const altNodes = Int32Array.from(alts, (a) => indexOf.get(a.nodeId)!);
  const altReadiness = Uint8Array.from(alts, (a) => READINESS.indexOf(a.readiness));
  const altActivation = Float64Array.from(alts, (a) => a.activationHours);

  // Reverse: slots grouped by target.
  const rev = bucket(n, m, (k) => depTargets[k]!);
  const rdepSources = new Int32Array(m);
  const rdepEdge = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    const k = rev.order[r]!;
    rdepEdge[r] = k;
    rdepSources[r] = depSource[k]!;
  }

  // Alternate users: alternate entry j belongs to the edge slot whose altOffsets range holds j.
  const altEdge = new Int32Array(alts.length);
  for (let k = 0; k < m; k++) for (let j = altOffsets[k]!; j < altOffsets[k + 1]!; j++) altEdge[j] = k;
  const au = bucket(n, alts.length, (j) => altNodes[j]!);
  const altUserEdges = Int32Array.from(au.order, (j) => altEdge[j]!);

  return {
    ids, kinds, indexOf, idRank, idOrder, byDutyStation,
    depOffsets: fwd.offsets, depTargets, depNeeded, depSource,
    altOffsets, altNodes, altReadiness, altActivation,
    rdepOffsets: rev.offsets, rdepSources, rdepEdge,
    altUserOffsets: au.offsets, altUserEdges,
  };
}
