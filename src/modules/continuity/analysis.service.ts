import type { z } from 'zod';
import { analyseGaps, singlePointsOfFailure, type ContinuityGap } from '../../domain/continuity/gaps.js';
import { describeOutage, type AffectedNode } from '../../domain/continuity/describe.js';
import { scenarioProblems, simulateOutage } from '../../domain/continuity/simulate.js';
import type { Principal } from '../../domain/access.js';
import type { Ctx } from '../../server/context.js';
import { forbidden, type FieldErrors } from '../../server/errors.js';
import { canSeeNode, throwIfProblems } from './common.js';
import { continuityScope, readsSomewhere } from './policy.js';
import { NODE_TYPES } from './model.js';
import { continuityModel, type LoadedContinuity } from './model-cache.js';
import type { gapListQuery, scenarioInput } from './schema.js';

/**
 * What-if simulation, gap analysis and single points of failure over the whole dependency map
 * (a loss spreads across entities), reported only as far as the caller may see: nodes out of
 * their scope are left out of the lists. Paths keep the ids of the links they pass through.
 */

/** node index → may the caller see it; everything for organization-wide readers. */
export function visibility(ctx: Ctx, m: LoadedContinuity): (i: number) => boolean {
  if (!readsSomewhere(ctx.principal)) throw forbidden('You may not read continuity analyses');
  if (continuityScope(ctx.principal, 'bc.read').all) return () => true;
  const memo = new Int8Array(m.name.length);
  const p: Principal = ctx.principal;
  return (i) => {
    if (memo[i] === 0) {
      memo[i] = canSeeNode(p, { id: m.model.graph.ids[i]!, type: NODE_TYPES[m.type[i]!]!, place: { entityId: m.entityId[i]!, locationId: m.locationId[i]! }, ownerPersonId: m.ownerPersonId[i]! }) ? 1 : -1;
    }
    return memo[i] === 1;
  };
}

export async function simulate(ctx: Ctx, input: z.infer<typeof scenarioInput>) {
  const m = await continuityModel(ctx.db);
  const g = m.model.graph;
  const sees = visibility(ctx, m);
  const fields: FieldErrors = {};
  // A node out of the caller's scope reads as unknown, as it does everywhere else.
  input.lostNodeIds.forEach((id, i) => { const x = g.indexOf.get(id); if (x !== undefined && !sees(x)) fields[`lostNodeIds.${i}`] = `Unknown node "${id}"`; });
  input.lostDutyStationIds.forEach((id, i) => { const x = g.indexOf.get(id); if (x !== undefined && NODE_TYPES[m.type[x]!] !== 'duty_station') fields[`lostDutyStationIds.${i}`] = `"${id}" is not a duty station`; });
  throwIfProblems('Invalid scenario', { ...scenarioProblems(m.model, input), ...fields });
  const r = describeOutage(m.model, simulateOutage(m.model, input));
  const visible = (x: { id: string }) => sees(g.indexOf.get(x.id)!);
  const named = <T extends AffectedNode>(x: T) => Object.assign(x, { name: m.name[g.indexOf.get(x.id)!]! });
  const processes = r.processes.filter(visible).map(named);
  return {
    processes,
    resources: r.resources.filter(visible).map(named),
    timeline: r.timeline.filter((e) => sees(g.indexOf.get(e.nodeId)!)),
    summary: {
      processes: processes.length,
      breachingMtpd: processes.filter((p) => p.breachesMtpd).length,
      neverRecovered: processes.filter((p) => p.recoveredAtHours === null).length,
    },
  };
}

export interface GapFilter { processId?: string | undefined; entityId?: string | undefined; locationId?: string | undefined; measure?: 'rto' | 'rpo' | undefined }

/** Every RTO/RPO gap of the processes the caller may see, worst first. */
export async function gaps(ctx: Ctx, f: GapFilter) {
  const m = await continuityModel(ctx.db);
  const g = m.model.graph;
  const sees = visibility(ctx, m);
  const nameOf = (id: string) => m.name[g.indexOf.get(id)!]!;
  const keep = (x: ContinuityGap) => {
    const i = g.indexOf.get(x.processId)!;
    return sees(i) && (!f.processId || x.processId === f.processId) && (!f.entityId || m.entityId[i] === f.entityId)
      && (!f.locationId || m.locationId[i] === f.locationId) && (!f.measure || x.measure === f.measure);
  };
  return analyseGaps(m.model).filter(keep).map((x) => ({
    processId: x.processId, processName: nameOf(x.processId), dependencyId: x.dependencyId, dependencyName: nameOf(x.dependencyId), measure: x.measure,
    requiredHours: x.requiredHours, deliverableHours: x.deliverableHours, gapHours: x.gapHours, limitingId: x.limitingId, limitingName: nameOf(x.limitingId),
  }));
}

export async function gapPage(ctx: Ctx, q: z.infer<typeof gapListQuery>) {
  const all = await gaps(ctx, q);
  return { items: all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize };
}

/** Resources whose loss alone leaves a visible process down for good, most processes first. */
export async function spof(ctx: Ctx) {
  const m = await continuityModel(ctx.db);
  const g = m.model.graph;
  const sees = visibility(ctx, m);
  const out = [];
  for (const s of singlePointsOfFailure(m.model)) {
    const r = g.indexOf.get(s.resourceId)!;
    if (!sees(r)) continue;
    const broken = s.brokenProcessIds.filter((id) => sees(g.indexOf.get(id)!));
    if (broken.length) out.push({ resourceId: s.resourceId, name: m.name[r]!, kind: s.kind, brokenProcessIds: broken });
  }
  return out.sort((a, b) => b.brokenProcessIds.length - a.brokenProcessIds.length || (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0));
}
