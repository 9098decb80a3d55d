import { objectiveProblems, type FieldErrors } from './bia.js';
import { NODE_KINDS, READINESS, kindIndex, type DependencyGraph, type NodeKind, type Readiness } from './graph.js';

/**
 * What can bring things back after a loss, and the process requirements they are measured
 * against. Rows as a service reads them from the database; `prepareContinuity` compiles them once
 * into per-node arrays beside the graph so simulation and gap analysis never touch strings.
 */

export const STRATEGY_KINDS = ['telecommute', 'alternate_site', 'transfer_duty_station', 'mutual_support', 'manual_workaround'] as const;
export type StrategyKind = (typeof STRATEGY_KINDS)[number];

/** Why a node is down: the kind of the lost dependency (or of the lost node itself), or missing staff. */
export const CAUSE_KINDS = [...NODE_KINDS, 'staff'] as const;
export type CauseKind = (typeof CAUSE_KINDS)[number];
export const STAFF_CAUSE = CAUSE_KINDS.indexOf('staff');
export const causeIndex = (c: CauseKind): number => CAUSE_KINDS.indexOf(c);

/** BIA requirements of one process; all optional because a BIA may be incomplete. */
export interface ProcessRequirement {
  id: string;
  mtpdHours?: number;
  rtoHours?: number;
  rpoHours?: number;
  /** Head count normally working on the process, and the minimum it needs (pandemic scenario). */
  staff?: number;
  minimumStaff?: number;
  /** The staff needed from later times on, rising (see staffNeedSteps in bia.ts); the pandemic scenario reads it. */
  staffNeeds?: readonly { fromHours: number; staff: number }[];
}

/** A BC strategy of a process (issue §6). `resourceId`: the alternate site / receiving station it relies on. */
export interface BcStrategy {
  processId: string;
  kind: StrategyKind;
  readiness: Readiness;
  activationHours: number;
  resourceId?: string;
}

/** Tested DR capability of an application, ICT service or vital record (backup): as tested, not as hoped. */
export interface DrCapability { nodeId: string; achievableRtoHours?: number; achievableRpoHours?: number }
export interface VendorSla { vendorId: string; slaHours: number }
/** A data-centre (or any site) failover pair: every dependency on `primaryId` may switch to `secondaryId`. */
export interface FailoverPair { primaryId: string; secondaryId: string; readiness: Readiness; activationHours: number }

export interface RecoveryOptions {
  strategies?: readonly BcStrategy[];
  drCapabilities?: readonly DrCapability[];
  vendorSlas?: readonly VendorSla[];
  failovers?: readonly FailoverPair[];
}

/**
 * The organization's rules for counting on recovery options. A partially ready option is assumed to
 * take twice its planned activation time; one not ready is not counted at all (Infinity).
 * `strategyCovers` says which losses a strategy works around: telecommuting replaces premises and
 * on-site staff but not a dead application; a manual workaround replaces systems and suppliers.
 */
export interface RecoveryPolicy {
  readinessFactor: Readonly<Record<Readiness, number>>;
  strategyCovers: Readonly<Record<StrategyKind, readonly CauseKind[]>>;
}

export const DEFAULT_RECOVERY_POLICY: RecoveryPolicy = {
  readinessFactor: { ready: 1, partial: 2, not_ready: Infinity },
  strategyCovers: {
    telecommute: ['site', 'staff'],
    alternate_site: ['site'],
    transfer_duty_station: ['site', 'duty_station', 'staff'],
    mutual_support: ['staff', 'role', 'process'],
    manual_workaround: ['application', 'ict_service', 'vendor'],
  },
};

const hoursOk = (v: number | undefined) => v === undefined || (Number.isFinite(v) && v >= 0);
const HOURS_MSG = 'Must be zero or a positive number of hours';

/** Errors in requirements and recovery options against a graph: unknown or wrong-kind ids, bad hours, RTO > MTPD. */
export function continuityProblems(graph: DependencyGraph, processes: readonly ProcessRequirement[], recovery: RecoveryOptions): FieldErrors {
  const out: FieldErrors = {};
  const kindOf = (id: string): NodeKind | undefined => {
    const i = graph.indexOf.get(id);
    return i === undefined ? undefined : NODE_KINDS[graph.kinds[i]!];
  };
  const expect = (key: string, id: string, kinds: readonly NodeKind[]) => {
    const k = kindOf(id);
    if (!k) out[key] = `Unknown node "${id}"`;
    else if (!kinds.includes(k)) out[key] = `"${id}" is a ${k}; expected ${kinds.join(' or ')}`;
  };
  const seen = new Set<string>();
  processes.forEach((p, i) => {
    expect(`processes.${i}.id`, p.id, ['process']);
    if (seen.has(p.id)) out[`processes.${i}.id`] = `Duplicate process "${p.id}"`;
    seen.add(p.id);
    Object.assign(out, objectiveProblems(p, `processes.${i}.`));
    for (const f of ['staff', 'minimumStaff'] as const) {
      const v = p[f];
      if (v !== undefined && !(Number.isInteger(v) && v >= 0)) out[`processes.${i}.${f}`] = 'Must be a whole number, zero or more';
    }
    p.staffNeeds?.forEach((x, j) => {
      const key = `processes.${i}.staffNeeds.${j}`;
      if (!hoursOk(x.fromHours) || (j > 0 && !(x.fromHours > p.staffNeeds![j - 1]!.fromHours))) out[`${key}.fromHours`] = 'Hours, each later than the one before';
      if (!(Number.isInteger(x.staff) && x.staff >= 0)) out[`${key}.staff`] = 'Must be a whole number, zero or more';
    });
  });
  recovery.strategies?.forEach((s, i) => {
    expect(`strategies.${i}.processId`, s.processId, ['process']);
    if (!STRATEGY_KINDS.includes(s.kind)) out[`strategies.${i}.kind`] = `One of ${STRATEGY_KINDS.join(', ')}`;
    if (!READINESS.includes(s.readiness)) out[`strategies.${i}.readiness`] = `One of ${READINESS.join(', ')}`;
    if (!hoursOk(s.activationHours)) out[`strategies.${i}.activationHours`] = HOURS_MSG;
    if (s.resourceId !== undefined && !graph.indexOf.has(s.resourceId)) out[`strategies.${i}.resourceId`] = `Unknown node "${s.resourceId}"`;
  });
  recovery.drCapabilities?.forEach((c, i) => {
    expect(`drCapabilities.${i}.nodeId`, c.nodeId, ['application', 'ict_service', 'vital_record']);
    if (!hoursOk(c.achievableRtoHours)) out[`drCapabilities.${i}.achievableRtoHours`] = HOURS_MSG;
    if (!hoursOk(c.achievableRpoHours)) out[`drCapabilities.${i}.achievableRpoHours`] = HOURS_MSG;
  });
  recovery.vendorSlas?.forEach((v, i) => {
    expect(`vendorSlas.${i}.vendorId`, v.vendorId, ['vendor']);
    if (!hoursOk(v.slaHours)) out[`vendorSlas.${i}.slaHours`] = HOURS_MSG;
  });
  const primaries = new Set<string>();
  recovery.failovers?.forEach((f, i) => {
    expect(`failovers.${i}.primaryId`, f.primaryId, ['site']);
    expect(`failovers.${i}.secondaryId`, f.secondaryId, ['site']);
    if (f.primaryId === f.secondaryId) out[`failovers.${i}.secondaryId`] = 'Must differ from the primary';
    if (primaries.has(f.primaryId)) out[`failovers.${i}.primaryId`] = `"${f.primaryId}" already has a failover site`;
    primaries.add(f.primaryId);
    if (!READINESS.includes(f.readiness)) out[`failovers.${i}.readiness`] = `One of ${READINESS.join(', ')}`;
    if (!hoursOk(f.activationHours)) out[`failovers.${i}.activationHours`] = HOURS_MSG;
  });
  return out;
}

/** Per-node arrays derived from the rows; NaN marks "not set" for requirements, Infinity "cannot". */
export interface ContinuityModel {
  readonly graph: DependencyGraph;
  readonly policy: RecoveryPolicy;
  /** Hours to restore a node lost itself: tested RTO, vendor SLA; Infinity for premises, people, stations, processes. */
  readonly ownRestore: Float64Array;
  /** Hours a node needs to move onto an alternate: an application must be recovered there (its RTO). */
  readonly switchOver: Float64Array;
  readonly achievableRpo: Float64Array;
  readonly mtpd: Float64Array;
  readonly rto: Float64Array;
  readonly rpo: Float64Array;
  readonly staff: Float64Array;
  readonly minimumStaff: Float64Array;
  /** Later staff needs of node i: `needFrom/needStaff[needOffsets[i] .. needOffsets[i+1])`, in time order. */
  readonly needOffsets: Int32Array;
  readonly needFrom: Float64Array;
  readonly needStaff: Float64Array;
  /** Activation hours of each edge alternate after the readiness factor. */
  readonly altAvailableAt: Float64Array;
  /** Failover site of a primary (-1 none) and when it is usable. */
  readonly failoverOf: Int32Array;
  readonly failoverAvailableAt: Float64Array;
  /** Primaries whose failover is node i (CSR), so a lost secondary re-evaluates their users. */
  readonly failoverUserOffsets: Int32Array;
  readonly failoverUsers: Int32Array;
  /** Strategies of node i: `strat*[stratOffsets[i] .. stratOffsets[i+1])`. */
  readonly stratOffsets: Int32Array;
  readonly stratKind: Uint8Array;
  readonly stratCovers: Uint16Array; // bit per cause kind
  readonly stratAvailableAt: Float64Array;
  readonly stratResource: Int32Array; // -1 none
  /** Processes whose strategies rely on node i (CSR). */
  readonly stratUserOffsets: Int32Array;
  readonly stratUsers: Int32Array;
}

function csr(n: number, pairs: [number, number][]): { offsets: Int32Array; values: Int32Array } {
  const offsets = new Int32Array(n + 1);
  for (const [k] of pairs) offsets[k + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const values = new Int32Array(pairs.length);
  for (const [k, v] of pairs) values[fill[k]!++] = v;
  return { offsets, values };
}

/** Compiles requirements and options; throws RangeError when continuityProblems reports any. */
export function prepareContinuity(
  graph: DependencyGraph,
  processes: readonly ProcessRequirement[],
  recovery: RecoveryOptions,
  policy: RecoveryPolicy = DEFAULT_RECOVERY_POLICY,
): ContinuityModel {
  const first = Object.entries(continuityProblems(graph, processes, recovery))[0];
  if (first) throw new RangeError(`Invalid continuity data: ${first[0]}: ${first[1]}`);
  const n = graph.ids.length;
  const at = (id: string) => graph.indexOf.get(id)!;
  const factor = (r: Readiness) => policy.readinessFactor[r];
  const scaled = (hours: number, r: Readiness) => (factor(r) === Infinity ? Infinity : hours * factor(r));

  const ownRestore = new Float64Array(n).fill(Infinity);
  const switchOver = new Float64Array(n); // 0: people, sites and processes switch at once
  const achievableRpo = new Float64Array(n).fill(Infinity);
  const ict = [kindIndex('application'), kindIndex('ict_service')];
  for (let i = 0; i < n; i++) if (ict.includes(graph.kinds[i]!)) switchOver[i] = Infinity; // untested DR counts as none
  for (const c of recovery.drCapabilities ?? []) {
    const i = at(c.nodeId);
    ownRestore[i] = c.achievableRtoHours ?? Infinity;
    if (ict.includes(graph.kinds[i]!)) switchOver[i] = ownRestore[i]!;
    achievableRpo[i] = c.achievableRpoHours ?? Infinity;
  }
  for (const v of recovery.vendorSlas ?? []) ownRestore[at(v.vendorId)] = v.slaHours;

  const nan = () => new Float64Array(n).fill(NaN);
  const mtpd = nan(), rto = nan(), rpo = nan(), staff = nan(), minimumStaff = nan();
  for (const p of processes) {
    const i = at(p.id);
    mtpd[i] = p.mtpdHours ?? NaN;
    rto[i] = p.rtoHours ?? NaN;
    rpo[i] = p.rpoHours ?? NaN;
    staff[i] = p.staff ?? NaN;
    minimumStaff[i] = p.minimumStaff ?? NaN;
  }
  const needs = processes.flatMap((p) => (p.staffNeeds ?? []).map((x) => ({ i: at(p.id), ...x }))).sort((a, b) => a.i - b.i || a.fromHours - b.fromHours);
  const needOffsets = new Int32Array(n + 1);
  for (const x of needs) needOffsets[x.i + 1]!++;
  for (let i = 0; i < n; i++) needOffsets[i + 1]! += needOffsets[i]!;
  const needFrom = Float64Array.from(needs, (x) => x.fromHours);
  const needStaff = Float64Array.from(needs, (x) => x.staff);

  const altAvailableAt = new Float64Array(graph.altActivation.length);
  for (let j = 0; j < altAvailableAt.length; j++) altAvailableAt[j] = scaled(graph.altActivation[j]!, READINESS[graph.altReadiness[j]!]!);

  const failoverOf = new Int32Array(n).fill(-1);
  const failoverAvailableAt = new Float64Array(n).fill(Infinity);
  const fUsers: [number, number][] = [];
  for (const f of recovery.failovers ?? []) {
    const p = at(f.primaryId), s = at(f.secondaryId);
    failoverOf[p] = s;
    failoverAvailableAt[p] = scaled(f.activationHours, f.readiness);
    fUsers.push([s, p]);
  }
  const fu = csr(n, fUsers);

  const strategies = [...(recovery.strategies ?? [])].map((s) => ({ s, i: at(s.processId) })).sort((a, b) => a.i - b.i);
  const stratOffsets = new Int32Array(n + 1);
  for (const { i } of strategies) stratOffsets[i + 1]!++;
  for (let i = 0; i < n; i++) stratOffsets[i + 1]! += stratOffsets[i]!;
  const stratKind = Uint8Array.from(strategies, ({ s }) => STRATEGY_KINDS.indexOf(s.kind));
  const stratCovers = Uint16Array.from(strategies, ({ s }) => policy.strategyCovers[s.kind].reduce((m, c) => m | (1 << causeIndex(c)), 0));
  const stratAvailableAt = Float64Array.from(strategies, ({ s }) => scaled(s.activationHours, s.readiness));
  const stratResource = Int32Array.from(strategies, ({ s }) => (s.resourceId === undefined ? -1 : at(s.resourceId)));
  const su = csr(n, strategies.flatMap(({ s, i }) => (s.resourceId === undefined ? [] : [[at(s.resourceId), i] as [number, number]])));

  return {
    graph, policy, ownRestore, switchOver, achievableRpo, mtpd, rto, rpo, staff, minimumStaff, needOffsets, needFrom, needStaff, altAvailableAt,
    failoverOf, failoverAvailableAt, failoverUserOffsets: fu.offsets, failoverUsers: fu.values,
    stratOffsets, stratKind, stratCovers, stratAvailableAt, stratResource,
    stratUserOffsets: su.offsets, stratUsers: su.values,
  };
}

/**
 * When the edge in slot k (source d) can run on a stand-in instead of its lost target: the best of
 * its own alternates and the target's failover site, each usable once activated, once the stand-in
 * itself is back (`restoredAt`, 0 when healthy) and once d has moved onto it (its switch-over).
 * Returns Infinity when there is no usable stand-in. Shared by simulation and gap analysis.
 */
export function standInAvailableAt(m: ContinuityModel, k: number, restoredAt: (node: number) => number): number {
  const g = m.graph;
  const d = g.depSource[k]!;
  let best = Infinity;
  for (let j = g.altOffsets[k]!; j < g.altOffsets[k + 1]!; j++) {
    const v = Math.max(m.altAvailableAt[j]!, restoredAt(g.altNodes[j]!));
    if (v < best) best = v;
  }
  const t = g.depTargets[k]!;
  const f = m.failoverOf[t]!;
  if (f >= 0) {
    const v = Math.max(m.failoverAvailableAt[t]!, restoredAt(f));
    if (v < best) best = v;
  }
  return best === Infinity ? best : Math.max(best, m.switchOver[d]!);
}

/** When strategy slot s is running: its activation, and the node it relies on being back. */
export function strategyReadyAt(m: ContinuityModel, s: number, restoredAt: (node: number) => number): number {
  const r = m.stratResource[s]!;
  return Math.max(m.stratAvailableAt[s]!, r >= 0 ? restoredAt(r) : 0);
}

/** The strategy slot of node d that works around cause `c` soonest (-1 when none). Shared by simulation and gap analysis. */
export function bestStrategy(m: ContinuityModel, d: number, c: number, restoredAt: (node: number) => number): number {
  let at = Infinity, slot = -1;
  const bit = 1 << c;
  for (let s = m.stratOffsets[d]!; s < m.stratOffsets[d + 1]!; s++) {
    if ((m.stratCovers[s]! & bit) === 0) continue;
    const v = strategyReadyAt(m, s, restoredAt);
    if (v < at) { at = v; slot = s; }
  }
  return slot;
}
