import { describe, expect, it } from 'vitest';
import { buildDependencyGraph, dependencyGraphProblems, type GraphEdge, type GraphNode } from './graph.js';

const nodes: GraphNode[] = [
  { id: 'P1', kind: 'process' }, { id: 'P2', kind: 'process' }, { id: 'A1', kind: 'application' },
  { id: 'DC1', kind: 'site', dutyStationId: 'BDS' }, { id: 'DC2', kind: 'site', dutyStationId: 'VLC' },
];

describe('dependencyGraphProblems', () => {
  it('accepts a graph with a cycle', () => {
    expect(dependencyGraphProblems(nodes, [{ from: 'P1', to: 'P2', neededWithinHours: 0 }, { from: 'P2', to: 'P1', neededWithinHours: 4 }])).toEqual({});
  });
  it('names the edge of a missing node, a self-loop and an illegal pair', () => {
    const edges: GraphEdge[] = [
      { from: 'P1', to: 'A9', neededWithinHours: 0 },
      { from: 'P2', to: 'P2', neededWithinHours: 0 },
      { from: 'DC1', to: 'P1', neededWithinHours: 0 },
      { from: 'X', to: 'A1', neededWithinHours: -1 },
    ];
    expect(dependencyGraphProblems(nodes, edges)).toEqual({
      'edges.0.to': 'Edge P1 → A9: depends on a missing node "A9"',
      'edges.1.to': 'Edge P2 → P2: a node cannot depend on itself',
      'edges.2.to': 'Edge DC1 → P1: a site cannot depend on a process',
      'edges.3.from': 'Edge X → A1: unknown node "X"',
      'edges.3.neededWithinHours': 'Edge X → A1: must be zero or a positive number of hours',
    });
  });
  it('names bad alternates and duplicate nodes', () => {
    expect(dependencyGraphProblems([...nodes, { id: 'P1', kind: 'process' }], [
      { from: 'A1', to: 'DC1', neededWithinHours: 0, alternates: [{ nodeId: 'P2', readiness: 'ready', activationHours: 1 }, { nodeId: 'DC2', readiness: 'soon' as never, activationHours: -2 }] },
    ])).toEqual({
      'nodes.5.id': 'Duplicate node "P1"',
      'edges.0.alternates.0.nodeId': 'Edge A1 → DC1: alternate must be a site, not a process',
      'edges.0.alternates.1.readiness': 'One of ready, partial, not_ready',
      'edges.0.alternates.1.activationHours': 'Must be zero or a positive number of hours',
    });
  });
});

describe('buildDependencyGraph', () => {
  const g = buildDependencyGraph(nodes, [
    { from: 'A1', to: 'DC1', neededWithinHours: 0, alternates: [{ nodeId: 'DC2', readiness: 'ready', activationHours: 2 }] },
    { from: 'P1', to: 'A1', neededWithinHours: 4 },
    { from: 'P2', to: 'P1', neededWithinHours: 8 },
    { from: 'P1', to: 'DC1', neededWithinHours: 1 },
  ]);
  const i = (id: string) => g.indexOf.get(id)!;
  const deps = (id: string) => Array.from(g.depTargets.subarray(g.depOffsets[i(id)], g.depOffsets[i(id) + 1])).map((t) => g.ids[t]);
  const dependents = (id: string) => Array.from(g.rdepSources.subarray(g.rdepOffsets[i(id)], g.rdepOffsets[i(id) + 1])).map((t) => g.ids[t]);
  it('lays out forward and reverse CSR arrays', () => {
    expect(Array.from(g.depOffsets)).toEqual([0, 2, 3, 4, 4, 4]);
    expect(deps('P1')).toEqual(['A1', 'DC1']);
    expect(deps('P2')).toEqual(['P1']);
    expect(deps('DC1')).toEqual([]);
    expect(dependents('DC1')).toEqual(['P1', 'A1']);
    expect(dependents('P1')).toEqual(['P2']);
    expect(Array.from(g.depNeeded)).toEqual([4, 1, 8, 0]);
  });
  it('keeps alternates by edge and their users by node', () => {
    const k = g.depOffsets[i('A1')]!;
    expect(g.ids[g.altNodes[g.altOffsets[k]!]!]).toBe('DC2');
    expect(g.altActivation[g.altOffsets[k]!]).toBe(2);
    const users = g.altUserEdges.subarray(g.altUserOffsets[i('DC2')], g.altUserOffsets[i('DC2') + 1]);
    expect(Array.from(users)).toEqual([k]);
  });
  it('groups nodes by duty station', () => {
    expect(Array.from(g.byDutyStation.get('BDS')!).map((x) => g.ids[x])).toEqual(['DC1']);
  });
  it('refuses an invalid graph', () => {
    expect(() => buildDependencyGraph(nodes, [{ from: 'P1', to: 'P1', neededWithinHours: 0 }])).toThrow(/edges\.0\.to.*itself/);
  });
});
