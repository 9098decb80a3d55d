import type { FieldErrors } from './bia.js';
import { SimulatedOutage, outcomeRows, spreadOutage, workspaceFor, type OutageWorkspace, type Seed } from './propagate.js';
import { STAFF_CAUSE, causeIndex, type ContinuityModel } from './recovery.js';

/**
 * "What if" (issue §5): the loss of nodes, of whole duty stations, or of a share of staff, and what
 * follows for every process. Times are hours from the incident. simulateOutage computes the
 * outcome as numbers per disrupted node (SimulatedOutage); describeOutage (describe.ts) turns it
 * into the report the API and the UI show (ids, loop-free cause paths, sorted lists and timeline).
 */

export { SimulatedOutage };

export interface OutageScenario {
  /** Sites, data centres, applications, vendors, people… lost at t = 0. */
  lostNodeIds?: readonly string[];
  /** Everything located in these duty stations is lost (and the station node itself, if modelled). */
  lostDutyStationIds?: readonly string[];
  /** Pandemic: this share of every process's staff cannot come in (0–100). */
  staffLossPercent?: number;
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

interface LossSink { lose(node: number, cause: number, at?: number): void; loseEach(nodes: ArrayLike<number>, cause: number): void }
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
      if (located) sink.loseEach(located, STATION_CAUSE);
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
  const lose = (node: number, cause: number, at?: number) => { seeds.push(at === undefined ? { node, cause } : { node, cause, at }); };
  scenarioLosses(m, s, { lose, loseEach: (nodes, cause) => { for (let k = 0; k < nodes.length; k++) lose(nodes[k]!, cause); } });
  return seeds;
}


/** Runs the scenario: its direct losses, how they spread, and the outcome for every disrupted node (see SimulatedOutage). */
export function simulateOutage(m: ContinuityModel, scenario: OutageScenario): SimulatedOutage {
  return new SimulatedOutage(outcomeRows(propagateScenario(m, scenario)), m.mtpd);
}

/** The engine's part of simulateOutage: the scenario's losses spread in the model's workspace, read there until the next run (of any model). */
export function propagateScenario(m: ContinuityModel, scenario: OutageScenario): OutageWorkspace {
  const ws = workspaceFor(m);
  ws.begin();
  scenarioLosses(m, scenario, ws);
  return spreadOutage(m, ws);
}
