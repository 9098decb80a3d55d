import type { z } from 'zod';
import type { Transaction } from 'kysely';
import type { BcDependencyAlternateTable, BcDependencyTable, Database } from '../../db/types.js';
import { fetchPage, type Page } from '../../db/paging.js';
import { dependencyGraphProblems, type GraphNode } from '../../domain/continuity/graph.js';
import { newId, nowIso } from '../../domain/ids.js';
import { forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canSeeNode, continuityChanged, placeVisible, resolveNodes, throwIfProblems, type Db, type NodeRef } from './common.js';
import { canOnRecord, continuityScope } from './policy.js';
import type { dependencyInput, dependencyListQuery, dependencyPatch } from './schema.js';

type Row = BcDependencyTable;
type Alternates = z.infer<typeof dependencyInput>['alternates'];

export function presentDependency(r: Row, alts: BcDependencyAlternateTable[]) {
  return {
    id: r.id, fromId: r.from_id, fromType: r.from_type, toId: r.to_id, toType: r.to_type, neededWithinHours: r.needed_within_hours,
    alternates: alts.map((a) => ({ nodeId: a.node_id, nodeType: a.node_type, readiness: a.readiness, activationHours: a.activation_hours })),
    note: r.note, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
export type DependencyOut = ReturnType<typeof presentDependency>;

export async function alternatesOf(db: Db, ids: string[]): Promise<Map<string, BcDependencyAlternateTable[]>> {
  const out = new Map<string, BcDependencyAlternateTable[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  for (const a of await db.selectFrom('bc_dependency_alternates').selectAll().where('dependency_id', 'in', ids).orderBy('dependency_id').orderBy('position').execute()) {
    out.get(a.dependency_id)!.push(a);
  }
  return out;
}

/** Edges are read and changed with their dependant: the process or application that needs the other end. */
async function dependantOf(ctx: Ctx, db: Db, fromId: string): Promise<NodeRef | undefined> {
  const from = (await resolveNodes(db, [fromId])).get(fromId);
  return from && canSeeNode(ctx.principal, from) ? from : undefined;
}

async function visibleRow(ctx: Ctx, db: Db, id: string): Promise<{ row: Row; from: NodeRef }> {
  const row = await db.selectFrom('bc_dependencies').selectAll().where('id', '=', id).executeTakeFirst();
  const from = row && await dependantOf(ctx, db, row.from_id);
  if (!row || !from) throw notFound('Dependency');
  return { row, from };
}

async function writableRow(ctx: Ctx, trx: Transaction<Database>, id: string) {
  const found = await visibleRow(ctx, trx, id);
  if (!canOnRecord(ctx.principal, 'bc.write', found.from.place)) throw forbidden('You may not change the dependencies of this ' + found.from.type);
  return found;
}

export async function listDependencies(ctx: Ctx, q: z.infer<typeof dependencyListQuery>): Promise<Page<DependencyOut>> {
  const scope = continuityScope(ctx.principal, 'bc.read');
  let qb = ctx.db.selectFrom('bc_dependencies').selectAll();
  if (!scope.all) {
    qb = qb.where((eb) => eb.or([
      eb('from_id', 'in', eb.selectFrom('bc_processes').select('bc_processes.id').where(placeVisible('bc_processes', scope, { shared: false, ownerPersonId: ctx.principal.personId }))),
      eb('from_id', 'in', eb.selectFrom('bc_applications').select('bc_applications.id').where(placeVisible('bc_applications', scope, { shared: true }))),
    ]));
  }
  if (q.fromId) qb = qb.where('from_id', '=', q.fromId);
  if (q.toId) qb = qb.where('to_id', '=', q.toId);
  if (q.toType) qb = qb.where('to_type', '=', q.toType);
  const { items, total } = await fetchPage(qb.orderBy('from_id').orderBy('id'), q);
  const alts = await alternatesOf(ctx.db, items.map((r) => r.id));
  return { items: items.map((r) => presentDependency(r, alts.get(r.id)!)), total, page: q.page, pageSize: q.pageSize };
}

export async function getDependency(ctx: Ctx, id: string): Promise<DependencyOut> {
  const { row } = await visibleRow(ctx, ctx.db, id);
  return presentDependency(row, (await alternatesOf(ctx.db, [id])).get(id)!);
}

/**
 * Checks one edge with the domain's graph rules (missing node, self-loop, kinds that may not
 * depend on each other, alternates of the wrong kind), on the nodes the caller can see: a node
 * out of their scope reads as missing. Domain keys edges.0.* become the request's field names.
 */
async function edgeProblems(ctx: Ctx, db: Db, fromId: string, toId: string, neededWithinHours: number, alternates: Alternates): Promise<{ fields: FieldErrors; nodes: Map<string, NodeRef> }> {
  const resolved = await resolveNodes(db, [fromId, toId, ...alternates.map((a) => a.nodeId)]);
  return edgeProblemsOn(ctx, resolved, fromId, toId, neededWithinHours, alternates);
}

/** edgeProblems on nodes already looked up (the CSV import resolves a whole file at once). */
export function edgeProblemsOn(ctx: Ctx, resolved: Map<string, NodeRef>, fromId: string, toId: string, neededWithinHours: number, alternates: Alternates): { fields: FieldErrors; nodes: Map<string, NodeRef> } {
  const wanted = new Set([fromId, toId, ...alternates.map((a) => a.nodeId)]);
  const nodes = new Map([...wanted].flatMap((id) => { const n = resolved.get(id); return n && canSeeNode(ctx.principal, n) ? [[id, n] as const] : []; }));
  const graphNodes: GraphNode[] = [...nodes.values()].map((n) => ({ id: n.id, kind: n.kind }));
  const problems = dependencyGraphProblems(graphNodes, [{ from: fromId, to: toId, neededWithinHours, alternates }]);
  const fields: FieldErrors = {};
  for (const [key, msg] of Object.entries(problems)) {
    const field = key.replace(/^edges\.0\./, '').replace(/^from$/, 'fromId').replace(/^to$/, 'toId');
    fields[field] = msg;
  }
  const from = nodes.get(fromId);
  if (from && from.type !== 'process' && from.type !== 'application') fields.fromId = `Only processes and applications have dependencies, not a ${from.type.replace('_', ' ')}`;
  return { fields, nodes };
}

export async function writeAlternates(trx: Transaction<Database>, id: string, alternates: Alternates, nodes: Map<string, NodeRef>) {
  await trx.deleteFrom('bc_dependency_alternates').where('dependency_id', '=', id).execute();
  if (!alternates.length) return;
  await trx.insertInto('bc_dependency_alternates').values(alternates.map((a, position) => ({
    dependency_id: id, position, node_id: a.nodeId, node_type: nodes.get(a.nodeId)!.type, readiness: a.readiness, activation_hours: a.activationHours,
  }))).execute();
}

export async function createDependency(ctx: Ctx, input: z.infer<typeof dependencyInput>): Promise<DependencyOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const { fields, nodes } = await edgeProblems(ctx, trx, input.fromId, input.toId, input.neededWithinHours, input.alternates);
    if (!fields.toId && await trx.selectFrom('bc_dependencies').select('id').where('from_id', '=', input.fromId).where('to_id', '=', input.toId).executeTakeFirst()) {
      fields.toId = 'Already a dependency: change that one instead';
    }
    throwIfProblems('Invalid dependency', fields);
    const from = nodes.get(input.fromId)!, to = nodes.get(input.toId)!;
    if (!canOnRecord(ctx.principal, 'bc.write', from.place)) throw forbidden(`You may not change the dependencies of this ${from.type}`);
    const now = nowIso();
    const row: Row = {
      id: newId(), from_id: from.id, from_type: from.type, to_id: to.id, to_type: to.type, needed_within_hours: input.neededWithinHours,
      note: input.note, created_at: now, updated_at: now,
    };
    await trx.insertInto('bc_dependencies').values(row).execute();
    await writeAlternates(trx, row.id, input.alternates, nodes);
    await continuityChanged(trx);
    const out = presentDependency(row, (await alternatesOf(trx, [row.id])).get(row.id)!);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'bc_dependency', subjectId: row.id, entityId: from.place.entityId, locationId: from.place.locationId, after: out });
    return out;
  });
}

export async function updateDependency(ctx: Ctx, id: string, patch: z.infer<typeof dependencyPatch>): Promise<DependencyOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const { row: beforeRow, from } = await writableRow(ctx, trx, id);
    const beforeAlts = (await alternatesOf(trx, [id])).get(id)!;
    const alternates = patch.alternates ?? beforeAlts.map((a) => ({ nodeId: a.node_id, readiness: a.readiness as Alternates[number]['readiness'], activationHours: a.activation_hours }));
    const row: Row = { ...beforeRow, needed_within_hours: patch.neededWithinHours ?? beforeRow.needed_within_hours, note: patch.note ?? beforeRow.note, updated_at: nowIso() };
    const { fields, nodes } = await edgeProblems(ctx, trx, row.from_id, row.to_id, row.needed_within_hours, alternates);
    throwIfProblems('Invalid dependency', fields);
    await trx.updateTable('bc_dependencies').set(row).where('id', '=', id).execute();
    if (patch.alternates) await writeAlternates(trx, id, patch.alternates, nodes);
    await continuityChanged(trx);
    const out = presentDependency(row, (await alternatesOf(trx, [id])).get(id)!);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'bc_dependency', subjectId: id, entityId: from.place.entityId, locationId: from.place.locationId, before: presentDependency(beforeRow, beforeAlts), after: out });
    return out;
  });
}

export async function deleteDependency(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row, from } = await writableRow(ctx, trx, id);
    const before = presentDependency(row, (await alternatesOf(trx, [id])).get(id)!);
    await trx.deleteFrom('bc_dependencies').where('id', '=', id).execute();
    await continuityChanged(trx);
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'bc_dependency', subjectId: id, entityId: from.place.entityId, locationId: from.place.locationId, before });
  });
}
