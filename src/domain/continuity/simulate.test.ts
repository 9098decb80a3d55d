import { describe, expect, it } from 'vitest';
import { buildDependencyGraph, type Alternate, type GraphEdge, type GraphNode, type NodeKind } from './graph.js';
import { prepareContinuity, type ProcessRequirement, type RecoveryOptions } from './recovery.js';
import { describeOutage, type AffectedNode, type OutageResult } from './describe.js';
import { scenarioProblems, simulateOutage as simulateColumns, type OutageScenario } from './simulate.js';
import type { ContinuityModel } from './recovery.js';

const N = (id: string, kind: NodeKind, dutyStationId?: string): GraphNode => ({ id, kind, dutyStationId });
const E = (from: string, to: string, neededWithinHours = 0, alternates?: Alternate[]): GraphEdge => ({ from, to, neededWithinHours, alternates });
/** The simulation as the API reports it. */
const simulateOutage = (m: ContinuityModel, s: OutageScenario) => describeOutage(m, simulateColumns(m, s));
const model = (nodes: GraphNode[], edges: GraphEdge[], processes: ProcessRequirement[] = [], recovery: RecoveryOptions = {}) =>
  prepareContinuity(buildDependencyGraph(nodes, edges), processes, recovery);
/** id → [disruptedAt, recoveredAt] of every disrupted node. */
const windows = (r: OutageResult) => Object.fromEntries([...r.processes, ...r.resources].map((x: AffectedNode) => [x.id, [x.disruptedAtHours, x.recoveredAtHours]]));
const proc = (r: OutageResult, id: string) => r.processes.find((p) => p.id === id)!;

describe('a chain process → application → data centre with a failover pair', () => {
  const nodes = [N('P1', 'process'), N('P2', 'process'), N('A1', 'application'), N('DC1', 'site'), N('DC2', 'site')];
  const reqs = [{ id: 'P1', mtpdHours: 24, rtoHours: 4 }, { id: 'P2', mtpdHours: 72 }];
  const run = (p2Needs: number, failover: RecoveryOptions['failovers'], lost = ['DC1']) => simulateOutage(
    model(nodes, [E('P1', 'A1'), E('A1', 'DC1'), E('P2', 'P1', p2Needs)], reqs, { drCapabilities: [{ nodeId: 'A1', achievableRtoHours: 6 }], failovers: failover }),
    { lostNodeIds: lost },
  );
  const ready = [{ primaryId: 'DC1', secondaryId: 'DC2', readiness: 'ready' as const, activationHours: 2 }];

  it('recovers the application at the secondary after max(failover, tested RTO) and the process with it', () => {
    const r = run(8, ready);
    // DC1 never returns; A1 runs at DC2 after max(2 h failover, 6 h RTO); P2 can wait 8 h > 6 h.
    expect(windows(r)).toEqual({ DC1: [0, null], A1: [0, 6], P1: [0, 6] });
    expect(proc(r, 'P1')).toMatchObject({ path: ['P1', 'A1', 'DC1'], cause: 'application', recoveredBy: 'dependency', hoursToMtpdBreach: 18, breachesMtpd: false, rtoMet: false });
    expect(r.resources.find((x) => x.id === 'A1')).toMatchObject({ recoveredBy: 'alternate', cause: 'site', direct: false });
    expect(r.resources.find((x) => x.id === 'DC1')).toMatchObject({ direct: true, recoveredBy: null, path: ['DC1'] });
    expect(r.timeline).toEqual([
      { atHours: 0, kind: 'lost', nodeId: 'DC1' },
      { atHours: 0, kind: 'disrupted', nodeId: 'A1' },
      { atHours: 0, kind: 'disrupted', nodeId: 'P1' },
      { atHours: 6, kind: 'recovered', nodeId: 'A1', by: 'alternate' },
      { atHours: 6, kind: 'recovered', nodeId: 'P1', by: 'dependency' },
    ]);
  });
  it('disrupts a downstream process only once its tolerance runs out', () => {
    const r = run(4, ready);
    expect(windows(r).P2).toEqual([4, 6]);
    expect(proc(r, 'P2')).toMatchObject({ path: ['P2', 'P1', 'A1', 'DC1'], hoursToMtpdBreach: 4 + 72 - 6 });
  });
  it('doubles the activation of a partially ready failover', () => {
    expect(windows(run(8, [{ ...ready[0]!, readiness: 'partial', activationHours: 5 }])).A1).toEqual([0, 10]);
  });
  it('does not count a failover that is not ready, and reports the MTPD breach', () => {
    const r = run(8, [{ ...ready[0]!, readiness: 'not_ready' }]);
    expect(windows(r)).toEqual({ DC1: [0, null], A1: [0, null], P1: [0, null], P2: [8, null] });
    expect(proc(r, 'P1')).toMatchObject({ breachesMtpd: true, hoursToMtpdBreach: null, recoveredBy: null });
    expect(r.timeline).toContainEqual({ atHours: 24, kind: 'mtpd_breached', nodeId: 'P1' });
    expect(r.timeline).toContainEqual({ atHours: 80, kind: 'mtpd_breached', nodeId: 'P2' });
    expect(r.processes.map((p) => p.id)).toEqual(['P1', 'P2']);
  });
  it('cannot fail over to a secondary that is lost too', () => {
    expect(windows(run(8, ready, ['DC1', 'DC2'])).A1).toEqual([0, null]);
  });
  it('restores a directly lost application within its tested RTO', () => {
    const r = run(8, ready, ['A1']);
    expect(windows(r)).toEqual({ A1: [0, 6], P1: [0, 6] });
    expect(r.resources[0]).toMatchObject({ id: 'A1', recoveredBy: 'restore', direct: true });
  });
});

describe('cycles', () => {
  it('terminate, and a recovery reaches every process of the cycle (least fixpoint, no self-support)', () => {
    const m = model([N('P1', 'process'), N('P2', 'process'), N('S1', 'site')], [E('P1', 'P2'), E('P2', 'P1'), E('P1', 'S1')], [],
      { strategies: [{ processId: 'P1', kind: 'telecommute', readiness: 'ready', activationHours: 12 }] });
    const r = simulateOutage(m, { lostNodeIds: ['S1'] });
    expect(windows(r)).toEqual({ S1: [0, null], P1: [0, 12], P2: [0, 12] });
    expect(proc(r, 'P1')).toMatchObject({ cause: 'site', recoveredBy: 'telecommute', path: ['P1', 'S1'] });
    expect(proc(r, 'P2').path).toEqual(['P2', 'P1', 'S1']);
  });
  it('never recover on their own', () => {
    const m = model([N('P1', 'process'), N('P2', 'process'), N('P3', 'process'), N('S1', 'site')], [E('P1', 'P2'), E('P2', 'P3'), E('P3', 'P1'), E('P1', 'S1')]);
    expect(windows(simulateOutage(m, { lostNodeIds: ['S1'] }))).toEqual({ S1: [0, null], P1: [0, null], P2: [0, null], P3: [0, null] });
  });
  it('take the shortest tolerance around a ring of 2,000 processes', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `P${i}`);
    const edges = ids.map((id, i) => E(id, ids[(i + 1) % ids.length]!, 1));
    const m = model([...ids.map((id) => N(id, 'process')), N('S', 'site')], [...edges, E('P0', 'S')]);
    const w = windows(simulateOutage(m, { lostNodeIds: ['S'] }));
    expect(Object.keys(w)).toHaveLength(2001);
    // Pk depends on Pk+1: the loss walks backwards round the ring, one hour per step.
    expect(w.P0).toEqual([0, null]);
    expect(w.P1999).toEqual([1, null]);
    expect(w.P1).toEqual([1999, null]);
  });
  it('leave healthy cycles alone', () => {
    const m = model([N('P1', 'process'), N('P2', 'process'), N('S1', 'site'), N('S2', 'site')], [E('P1', 'P2'), E('P2', 'P1'), E('P1', 'S1')]);
    expect(simulateOutage(m, { lostNodeIds: ['S2'] })).toEqual({ processes: [], resources: [{ id: 'S2', kind: 'site', direct: true, cause: 'site', path: ['S2'], disruptedAtHours: 0, recoveredAtHours: null, recoveredBy: null }], timeline: [{ atHours: 0, kind: 'lost', nodeId: 'S2' }] });
  });
});

describe('a diamond', () => {
  const nodes = [N('P', 'process'), N('A', 'application'), N('B', 'application'), N('DC', 'site'), N('DC2', 'site')];
  const recovery: RecoveryOptions = {
    drCapabilities: [{ nodeId: 'A', achievableRtoHours: 4 }, { nodeId: 'B', achievableRtoHours: 10 }],
    failovers: [{ primaryId: 'DC', secondaryId: 'DC2', readiness: 'ready', activationHours: 1 }],
  };
  it('counts the process once, with its worst branch and earliest start', () => {
    const r = simulateOutage(model(nodes, [E('P', 'A'), E('P', 'B', 2), E('A', 'DC'), E('B', 'DC')], [{ id: 'P', mtpdHours: 24 }], recovery), { lostNodeIds: ['DC'] });
    expect(r.processes).toHaveLength(1);
    expect(windows(r)).toEqual({ DC: [0, null], A: [0, 4], B: [0, 10], P: [0, 10] });
    expect(r.processes[0]).toMatchObject({ path: ['P', 'B', 'DC'], hoursToMtpdBreach: 14 });
    expect(r.timeline.filter((e) => e.nodeId === 'P')).toHaveLength(2);
  });
});

describe('alternates on an edge', () => {
  const nodes = [N('P', 'process'), N('V1', 'vendor'), N('V2', 'vendor')];
  const run = (alt: Alternate | undefined, recovery: RecoveryOptions = {}, lost = ['V1']) =>
    windows(simulateOutage(model(nodes, [E('P', 'V1', 0, alt && [alt])], [], recovery), { lostNodeIds: lost }));
  it('a ready alternate ready at once: the dependency is not lost', () => expect(run({ nodeId: 'V2', readiness: 'ready', activationHours: 0 })).toEqual({ V1: [0, null] }));
  it('a ready alternate: recovered after its activation', () => expect(run({ nodeId: 'V2', readiness: 'ready', activationHours: 3 })).toEqual({ V1: [0, null], P: [0, 3] }));
  it('a partial alternate: twice the activation', () => expect(run({ nodeId: 'V2', readiness: 'partial', activationHours: 3 })).toEqual({ V1: [0, null], P: [0, 6] }));
  it('an alternate that is not ready: lost', () => expect(run({ nodeId: 'V2', readiness: 'not_ready', activationHours: 0 })).toEqual({ V1: [0, null], P: [0, null] }));
  it('a lost alternate: lost', () => expect(run({ nodeId: 'V2', readiness: 'ready', activationHours: 0 }, {}, ['V1', 'V2'])).toEqual({ V1: [0, null], V2: [0, null], P: [0, null] }));
  it('the vendor SLA when it is sooner than the alternate', () => {
    const r = simulateOutage(model(nodes, [E('P', 'V1', 0, [{ nodeId: 'V2', readiness: 'ready', activationHours: 3 }])], [], { vendorSlas: [{ vendorId: 'V1', slaHours: 2 }] }), { lostNodeIds: ['V1'] });
    expect(windows(r)).toEqual({ V1: [0, 2], P: [0, 2] });
    expect(proc(r, 'P').recoveredBy).toBe('dependency');
  });
});

describe('the loss of a whole duty station', () => {
  const nodes = [
    N('S1', 'site', 'NBO'), N('DCN', 'site', 'NBO'), N('P1', 'process', 'NBO'),
    N('S2', 'site', 'GVA'), N('P2', 'process', 'GVA'), N('P3', 'process', 'GVA'), N('A1', 'application'),
  ];
  const m = model(nodes, [E('P1', 'S1'), E('P2', 'S2'), E('P3', 'A1', 4), E('A1', 'DCN')],
    [{ id: 'P1', mtpdHours: 72, rtoHours: 48 }, { id: 'P3', mtpdHours: 24 }],
    { strategies: [
      { processId: 'P1', kind: 'telecommute', readiness: 'ready', activationHours: 0 },
      { processId: 'P1', kind: 'transfer_duty_station', readiness: 'ready', activationHours: 48 },
    ] });
  it('loses everything located there and what depends on it elsewhere', () => {
    const r = simulateOutage(m, { lostDutyStationIds: ['NBO'] });
    // Telecommuting covers the lost premises but not the lost city: P1 waits for the transfer.
    expect(windows(r)).toEqual({ S1: [0, null], DCN: [0, null], P1: [0, 48], A1: [0, null], P3: [4, null] });
    expect(proc(r, 'P1')).toMatchObject({ direct: true, cause: 'duty_station', recoveredBy: 'transfer_duty_station', rtoMet: true, hoursToMtpdBreach: 24 });
    expect(proc(r, 'P3')).toMatchObject({ direct: false, cause: 'application', path: ['P3', 'A1', 'DCN'], breachesMtpd: true });
    expect(r.processes.map((p) => p.id)).toEqual(['P3', 'P1']);
  });
  it('the premises alone are covered by telecommuting at once', () => {
    expect(simulateOutage(m, { lostNodeIds: ['S1'] }).processes).toEqual([]);
  });
  it('rejects unknown stations and nodes by field', () => {
    expect(scenarioProblems(m, { lostDutyStationIds: ['NBO', 'XXX'], lostNodeIds: ['Q'], staffLossPercent: 120 })).toEqual({
      'lostDutyStationIds.1': 'No node is located in duty station "XXX"',
      'lostNodeIds.0': 'Unknown node "Q"',
      staffLossPercent: 'Must be a percentage from 0 to 100',
    });
    expect(() => simulateOutage(m, { lostNodeIds: ['Q'] })).toThrow(RangeError);
  });
});

describe('a pandemic: N% of staff cannot come in', () => {
  const nodes = ['Pa', 'Pb', 'Pc', 'Pd', 'Pe'].map((id) => N(id, 'process'));
  const m = model(nodes, [E('Pe', 'Pa', 24)], [
    { id: 'Pa', staff: 10, minimumStaff: 8, mtpdHours: 168 },
    { id: 'Pb', staff: 10, minimumStaff: 5 },
    { id: 'Pc', staff: 10, minimumStaff: 8 },
    { id: 'Pd', staff: 4, minimumStaff: 4 },
    { id: 'Pe' },
  ], { strategies: [
    { processId: 'Pc', kind: 'telecommute', readiness: 'ready', activationHours: 24 },
    { processId: 'Pd', kind: 'mutual_support', readiness: 'not_ready', activationHours: 1 },
  ] });
  it('disrupts processes below their minimum staff unless they can telecommute, and their dependents', () => {
    const r = simulateOutage(m, { staffLossPercent: 30 });
    // 30% of 10 leaves 7 (< 8 for Pa and Pc, ≥ 5 for Pb); 30% of 4 leaves 2 (< 4 for Pd).
    expect(windows(r)).toEqual({ Pa: [0, null], Pc: [0, 24], Pd: [0, null], Pe: [24, null] });
    expect(proc(r, 'Pc')).toMatchObject({ cause: 'staff', recoveredBy: 'telecommute', direct: true });
    expect(proc(r, 'Pa')).toMatchObject({ breachesMtpd: true });
  });
  it('spares everyone at 20%', () => expect(windows(simulateOutage(m, { staffLossPercent: 20 }))).toEqual({ Pd: [0, null] }));
  it('spares everyone at 0%', () => expect(simulateOutage(m, { staffLossPercent: 0 }).processes).toEqual([]));

  describe('with a minimum staff that rises over time', () => {
    // Pf runs on 3 of 10 at first, needs 6 from day 1 and 9 from week 1; Pg telecommutes from 48 h.
    const mt = model([N('Pf', 'process'), N('Pg', 'process')], [], [
      { id: 'Pf', staff: 10, minimumStaff: 3, staffNeeds: [{ fromHours: 0, staff: 3 }, { fromHours: 24, staff: 6 }, { fromHours: 168, staff: 9 }], mtpdHours: 72 },
      { id: 'Pg', staff: 10, staffNeeds: [{ fromHours: 72, staff: 8 }] },
    ], { strategies: [{ processId: 'Pg', kind: 'telecommute', readiness: 'ready', activationHours: 48 }] });
    it('disrupts a process from the first time point needing more staff than are left', () => {
      expect(windows(simulateOutage(mt, { staffLossPercent: 50 }))).toEqual({ Pf: [24, null] }); // 5 left: fine until 6 are needed
      expect(windows(simulateOutage(mt, { staffLossPercent: 20 }))).toEqual({ Pf: [168, null] }); // 8 left: until 9 are needed
      expect(windows(simulateOutage(mt, { staffLossPercent: 80 }))).toEqual({ Pf: [0, null] }); // 2 left: below the minimum at once
      expect(proc(simulateOutage(mt, { staffLossPercent: 50 }), 'Pf')).toMatchObject({ cause: 'staff', direct: true, breachesMtpd: true });
    });
    it('is spared when a strategy covering staff is running before the need rises', () => {
      expect(simulateOutage(mt, { staffLossPercent: 30 }).processes.map((p) => p.id)).toEqual(['Pf']); // Pg needs 8 from 72 h, telecommutes from 48 h
    });
    it('rejects needs out of time order or not whole', () => {
      expect(() => model([N('Q', 'process')], [], [{ id: 'Q', staffNeeds: [{ fromHours: 24, staff: 2 }, { fromHours: 4, staff: 1.5 }] }]))
        .toThrow(/processes\.0\.staffNeeds\.1\.fromHours/);
    });
  });
});

describe('strategies that rely on another node', () => {
  it('are usable only once that node is back', () => {
    const nodes = [N('P', 'process', 'GVA'), N('S1', 'site', 'GVA'), N('S2', 'site', 'GVA'), N('S3', 'site', 'BON')];
    const strategies: RecoveryOptions['strategies'] = [{ processId: 'P', kind: 'alternate_site', readiness: 'ready', activationHours: 8, resourceId: 'S2' }];
    const m = model(nodes, [E('P', 'S1')], [], { strategies });
    expect(windows(simulateOutage(m, { lostNodeIds: ['S1'] })).P).toEqual([0, 8]);
    expect(windows(simulateOutage(m, { lostNodeIds: ['S1', 'S2'] })).P).toEqual([0, null]);
  });
});

describe('on random graphs full of cycles', () => {
  // A small seeded generator: 60 processes depending on each other, 10 applications, 6 sites.
  const graphs = Array.from({ length: 30 }, (_, seed) => {
    let a = seed + 1;
    const rnd = (n: number) => { a = (a * 1103515245 + 12345) % 2147483648; return a % n; };
    const nodes = [
      ...Array.from({ length: 60 }, (_, i) => N(`P${i}`, 'process', `D${i % 3}`)),
      ...Array.from({ length: 10 }, (_, i) => N(`A${i}`, 'application')),
      ...Array.from({ length: 6 }, (_, i) => N(`S${i}`, 'site', `D${i % 3}`)),
    ];
    const edges = new Map<string, GraphEdge>();
    const add = (f: string, t: string) => { if (f !== t) edges.set(`${f}>${t}`, E(f, t, rnd(3) * 4)); };
    for (let i = 0; i < 60; i++) { add(`P${i}`, `S${rnd(6)}`); add(`P${i}`, `A${rnd(10)}`); add(`P${i}`, `P${rnd(60)}`); add(`P${i}`, `P${rnd(60)}`); }
    for (let i = 0; i < 10; i++) add(`A${i}`, `S${rnd(6)}`);
    const m = model(nodes, [...edges.values()], [], {
      drCapabilities: Array.from({ length: 10 }, (_, i) => ({ nodeId: `A${i}`, achievableRtoHours: rnd(4) * 6 })),
      strategies: Array.from({ length: 60 }, (_, i) => ({ processId: `P${i}`, kind: 'telecommute' as const, readiness: 'ready' as const, activationHours: rnd(4) * 8 })),
    });
    return { m, edges };
  });
  it('give every disrupted node a loop-free path of real dependencies down to a direct loss', () => {
    let checked = 0;
    for (const { m, edges } of graphs) {
      for (const station of ['D0', 'D1']) {
        const r = simulateOutage(m, { lostDutyStationIds: [station] });
        for (const x of [...r.processes, ...r.resources]) {
          expect(new Set(x.path).size).toBe(x.path.length);
          const root = [...r.processes, ...r.resources].find((y) => y.id === x.path.at(-1))!;
          expect(root.direct).toBe(true);
          for (let i = 0; i + 1 < x.path.length; i++) expect(edges.has(`${x.path[i]}>${x.path[i + 1]}`)).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
  it('are a fixpoint: every disrupted process is no better than its dependencies allow', () => {
    for (const { m, edges } of graphs) {
      const r = simulateOutage(m, { lostDutyStationIds: ['D2'] });
      const w = windows(r);
      for (const e of edges.values()) {
        const t = w[e.to];
        // A dependency down past the tolerance must leave its dependent disrupted (strategies aside: all are telecommute, which covers sites only).
        if (t && e.to.startsWith('P') && (t[1] ?? Infinity) > t[0]! + e.neededWithinHours) expect(w[e.from]).toBeDefined();
      }
    }
  });
});

describe('a map larger than the engine memory first holds', () => {
  it('grows the memory and still gives every model its own results', () => {
    const small = model([N('S', 'site', 'X'), N('P', 'process', 'X')], [E('P', 'S')], [{ id: 'P', mtpdHours: 4 }]);
    const before = simulateOutage(small, { lostDutyStationIds: ['X'] });
    // 50,000 processes on one site: more words than the first reservation (see EngineMemory).
    const count = 50_000;
    const nodes = [N('S', 'site'), ...Array.from({ length: count }, (_, i) => N(`P${i}`, 'process'))];
    const big = model(nodes, Array.from({ length: count }, (_, i) => E(`P${i}`, 'S', i % 3)), [{ id: 'P7', mtpdHours: 24 }]);
    const o = simulateColumns(big, { lostNodeIds: ['S'] });
    expect(o.count).toBe(count + 1);
    const p7 = Array.from({ length: o.count }, (_, j) => j).find((j) => big.graph.ids[o.node(j)] === 'P7')!;
    expect([o.disruptedAt(p7), o.recoveredAt(p7), big.graph.ids[o.via(p7)], o.hoursToMtpdBreach(p7)]).toEqual([1, Infinity, 'S', -Infinity]);
    expect(simulateOutage(small, { lostDutyStationIds: ['X'] })).toEqual(before);
    expect(simulateColumns(big, { lostNodeIds: ['S'] }).count).toBe(count + 1);
    expect([o.disruptedAt(p7), o.recoveredAt(p7)]).toEqual([1, Infinity]); // the first result is its own
  });
});
