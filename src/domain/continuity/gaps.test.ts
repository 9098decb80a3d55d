import { describe, expect, it } from 'vitest';
import { analyseGaps, deliverableRecovery, singlePointsOfFailure } from './gaps.js';
import { buildDependencyGraph, type Alternate, type GraphEdge, type GraphNode, type NodeKind } from './graph.js';
import { prepareContinuity, type ProcessRequirement, type RecoveryOptions } from './recovery.js';

const N = (id: string, kind: NodeKind): GraphNode => ({ id, kind });
const E = (from: string, to: string, neededWithinHours = 0, alternates?: Alternate[]): GraphEdge => ({ from, to, neededWithinHours, alternates });

// P1 needs A1 (on DC1, failing over to DC2, and on A2), its premises S1 (telecommuting ready in 2 h),
// vendor V1 within 24 h (SLA 72 h) and the role R1 (deputy R2 ready in 1 h).
const nodes = [
  N('P1', 'process'), N('A1', 'application'), N('A2', 'application'), N('DC1', 'site'), N('DC2', 'site'),
  N('S1', 'site'), N('V1', 'vendor'), N('R1', 'role'), N('R2', 'role'),
];
const edges = [
  E('P1', 'A1'), E('A1', 'DC1'), E('A1', 'A2'), E('P1', 'S1'), E('P1', 'V1', 24),
  E('P1', 'R1', 0, [{ nodeId: 'R2', readiness: 'ready', activationHours: 1 }]),
];
const processes: ProcessRequirement[] = [{ id: 'P1', mtpdHours: 24, rtoHours: 4, rpoHours: 1 }];
const recovery: RecoveryOptions = {
  drCapabilities: [{ nodeId: 'A1', achievableRtoHours: 8, achievableRpoHours: 0.25 }, { nodeId: 'A2', achievableRtoHours: 2, achievableRpoHours: 4 }],
  failovers: [{ primaryId: 'DC1', secondaryId: 'DC2', readiness: 'ready', activationHours: 2 }],
  vendorSlas: [{ vendorId: 'V1', slaHours: 72 }],
  strategies: [{ processId: 'P1', kind: 'telecommute', readiness: 'ready', activationHours: 2 }],
};
const build = (extraNodes: GraphNode[] = [], extraEdges: GraphEdge[] = [], extraProcesses: ProcessRequirement[] = []) =>
  prepareContinuity(buildDependencyGraph([...nodes, ...extraNodes], [...edges, ...extraEdges]), [...processes, ...extraProcesses], recovery);

describe('gap analysis', () => {
  it('compares each dependency chain with the RTO and RPO, worst first', () => {
    expect(analyseGaps(build())).toEqual([
      // V1 is needed within 24 h, so it must be back by 24 + 4 h; its SLA gives 72 h.
      { processId: 'P1', dependencyId: 'V1', measure: 'rto', requiredHours: 28, deliverableHours: 72, gapHours: 44, limitingId: 'V1' },
      // A1 comes back at the secondary after its own 8 h RTO (the 2 h failover is quicker).
      { processId: 'P1', dependencyId: 'A1', measure: 'rto', requiredHours: 4, deliverableHours: 8, gapHours: 4, limitingId: 'A1' },
      // A1 itself replicates every 15 min, but it needs A2, whose RPO is 4 h.
      { processId: 'P1', dependencyId: 'A1', measure: 'rpo', requiredHours: 1, deliverableHours: 4, gapHours: 3, limitingId: 'A2' },
    ]);
  });
  it('puts untested applications and unprotected premises first, unbounded', () => {
    const gaps = analyseGaps(build([N('A3', 'application'), N('P2', 'process'), N('S3', 'site')], [E('P1', 'A3'), E('P2', 'S3', 4)], [{ id: 'P2', rtoHours: 8 }]));
    expect(gaps.slice(0, 3)).toEqual([
      { processId: 'P1', dependencyId: 'A3', measure: 'rpo', requiredHours: 1, deliverableHours: null, gapHours: null, limitingId: 'A3' },
      { processId: 'P1', dependencyId: 'A3', measure: 'rto', requiredHours: 4, deliverableHours: null, gapHours: null, limitingId: 'A3' },
      { processId: 'P2', dependencyId: 'S3', measure: 'rto', requiredHours: 12, deliverableHours: null, gapHours: null, limitingId: 'S3' },
    ]);
    expect(gaps).toHaveLength(6);
  });
  it('carries the limit up a process → process chain and terminates on a cycle', () => {
    const m = build([N('P4', 'process'), N('P5', 'process')], [E('P4', 'P5'), E('P5', 'P4'), E('P5', 'A1', 2)], [{ id: 'P4', rtoHours: 1 }]);
    const { hours, limit } = deliverableRecovery(m);
    const at = (id: string) => m.graph.indexOf.get(id)!;
    expect(hours[at('A1')]).toBe(8);
    expect(hours[at('P5')]).toBe(8);
    expect(hours[at('P4')]).toBe(8);
    expect(m.graph.ids[limit[at('P4')]!]).toBe('A1');
    // P1: S1 by telecommuting in 2 h, R1 by the deputy in 1 h, A1 in 8 h, V1 by its SLA in 72 h.
    expect(hours[at('P1')]).toBe(72);
    expect(m.graph.ids[limit[at('P1')]!]).toBe('V1');
  });
});

describe('single points of failure', () => {
  it('are resources whose loss alone leaves a process down for good', () => {
    const m = build([N('A3', 'application'), N('P2', 'process'), N('P3', 'process'), N('S3', 'site')], [E('P1', 'A3'), E('P2', 'S3'), E('P3', 'S3', 48), E('P3', 'P2', 8)]);
    expect(singlePointsOfFailure(m)).toEqual([
      { resourceId: 'S3', kind: 'site', brokenProcessIds: ['P2', 'P3'] },
      { resourceId: 'A3', kind: 'application', brokenProcessIds: ['P1'] },
    ]);
  });
  it('are none when every loss has an alternate, DR, SLA or strategy', () => expect(singlePointsOfFailure(build())).toEqual([]));
  it('include a data centre whose failover is not ready', () => {
    const m = prepareContinuity(buildDependencyGraph(nodes, edges), processes, { ...recovery, failovers: [{ primaryId: 'DC1', secondaryId: 'DC2', readiness: 'not_ready', activationHours: 2 }] });
    expect(singlePointsOfFailure(m)).toEqual([{ resourceId: 'DC1', kind: 'site', brokenProcessIds: ['P1'] }]);
  });
});
