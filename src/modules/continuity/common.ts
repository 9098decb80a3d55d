import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import type { NodeKind } from '../../domain/continuity/graph.js';
import type { Principal, ScopeFilter } from '../../domain/access.js';
import { nowIso } from '../../domain/ids.js';
import { badRequest, type FieldErrors } from '../../server/errors.js';
import { can as canOrg, isSelf, personResource } from '../org/policy.js';
import { canOnRecord, canReadProcess, type ContinuityPlace } from './policy.js';
import { domainKindOf, type NodeType } from './model.js';

export type Db = Kysely<Database> | Transaction<Database>;

export function throwIfProblems(message: string, fields: FieldErrors): void {
  if (Object.keys(fields).length) throw badRequest(message, fields);
}

/**
 * Marks continuity data as changed, inside the writing transaction: the analysis cache of every
 * app node compares this version before reusing its prepared model.
 */
export async function continuityChanged(trx: Transaction<Database>): Promise<void> {
  await trx.updateTable('bc_settings').set((eb) => ({ data_version: eb('data_version', '+', 1), updated_at: nowIso() })).where('id', '=', 'org').execute();
}

export async function dataVersion(db: Db): Promise<number> {
  const r = await db.selectFrom('bc_settings').select('data_version').where('id', '=', 'org').executeTakeFirstOrThrow();
  return Number(r.data_version);
}

/** The duty station a location belongs to (itself, or the parent of premises); undefined when unknown. */
export async function locationInfo(db: Db, id: string): Promise<{ kind: string; dutyStationId: string } | undefined> {
  const l = await db.selectFrom('locations').select(['kind', 'parent_id']).where('id', '=', id).executeTakeFirst();
  if (!l) return undefined;
  return { kind: l.kind, dutyStationId: l.kind === 'duty_station' || !l.parent_id ? id : l.parent_id };
}

/** Errors for references to entities, duty stations and people that do not exist. */
export async function referenceProblems(db: Db, r: { entityId?: string | null; locationId?: string | null; ownerPersonId?: string | null; stationOnly?: boolean }): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  if (r.entityId && !(await db.selectFrom('entities').select('id').where('id', '=', r.entityId).executeTakeFirst())) fields.entityId = 'No such entity';
  if (r.locationId) {
    const l = await locationInfo(db, r.locationId);
    if (!l) fields.locationId = 'No such location';
    else if (r.stationOnly && l.kind !== 'duty_station') fields.locationId = 'Must be a duty station';
  }
  if (r.ownerPersonId && !(await db.selectFrom('people').select('id').where('id', '=', r.ownerPersonId).executeTakeFirst())) fields.ownerPersonId = 'No such person';
  return fields;
}

/** Removes every edge and alternate that names a node being deleted, and unlinks strategies relying on it. */
export async function forgetNode(trx: Transaction<Database>, id: string): Promise<number> {
  const gone = await trx.deleteFrom('bc_dependencies').where((eb) => eb.or([eb('from_id', '=', id), eb('to_id', '=', id)])).executeTakeFirst();
  await trx.deleteFrom('bc_dependency_alternates').where('node_id', '=', id).execute();
  await trx.updateTable('bc_strategies').set({ resource_id: null, resource_type: null }).where('resource_id', '=', id).execute();
  return Number(gone.numDeletedRows);
}

/** A node of the dependency map as stored, with where it sits (for authorization). */
export interface NodeRef {
  id: string;
  type: NodeType;
  kind: NodeKind;
  name: string;
  place: ContinuityPlace;
  ownerPersonId: string | null;
}

/** Looks up ids among processes, applications, data centres, vendors and locations. */
export async function resolveNodes(db: Db, ids: readonly string[]): Promise<Map<string, NodeRef>> {
  const out = new Map<string, NodeRef>();
  const all = [...new Set(ids)];
  // In slices: a whole imported file may name thousands of nodes, more than one statement may bind.
  for (let i = 0; i < all.length; i += 500) await resolveSlice(db, all.slice(i, i + 500), out);
  return out;
}

async function resolveSlice(db: Db, want: string[], out: Map<string, NodeRef>): Promise<void> {
  const add = (id: string, type: NodeType, name: string, place: ContinuityPlace, extra: { kind?: string; owner?: string | null } = {}) =>
    out.set(id, { id, type, kind: domainKindOf(type, extra.kind), name, place, ownerPersonId: extra.owner ?? null });
  for (const p of await db.selectFrom('bc_processes').select(['id', 'name', 'entity_id', 'location_id', 'owner_person_id']).where('id', 'in', want).execute()) {
    add(p.id, 'process', p.name, { entityId: p.entity_id, locationId: p.location_id }, { owner: p.owner_person_id });
  }
  for (const a of await db.selectFrom('bc_applications').select(['id', 'name', 'kind', 'entity_id', 'location_id']).where('id', 'in', want).execute()) {
    add(a.id, 'application', a.name, { entityId: a.entity_id, locationId: a.location_id }, { kind: a.kind });
  }
  for (const d of await db.selectFrom('bc_data_centres').select(['id', 'name', 'entity_id', 'location_id']).where('id', 'in', want).execute()) {
    add(d.id, 'data_centre', d.name, { entityId: d.entity_id, locationId: null });
  }
  for (const v of await db.selectFrom('bc_vendors').select(['id', 'name', 'entity_id', 'location_id']).where('id', 'in', want).execute()) {
    add(v.id, 'vendor', v.name, { entityId: v.entity_id, locationId: v.location_id });
  }
  for (const l of await db.selectFrom('locations').select(['id', 'name', 'kind']).where('id', 'in', want).execute()) {
    add(l.id, l.kind === 'duty_station' ? 'duty_station' : 'premises', l.name, { entityId: null, locationId: null });
  }
  const rest = want.filter((id) => !out.has(id));
  if (rest.length) {
    for (const p of await db.selectFrom('people').select(['id', 'given_name', 'family_name', 'entity_id', 'home_location_id']).where('id', 'in', rest).execute()) {
      add(p.id, 'person', personLabel(p), { entityId: p.entity_id, locationId: p.home_location_id });
    }
  }
}

export const personLabel = (p: { given_name: string; family_name: string }) => `${p.family_name}, ${p.given_name}`;

/**
 * Premises and duty stations are reference data; a key person is seen by whoever may read people
 * where they work (organization policy), and by themself; other nodes follow the area policy.
 */
export function canSeeNode(p: Principal, n: Pick<NodeRef, 'id' | 'type' | 'place' | 'ownerPersonId'>): boolean {
  if (n.type === 'premises' || n.type === 'duty_station') return true;
  if (n.type === 'person') return isSelf(p, n) || canOrg(p, 'person.read', personResource({ entityId: n.place.entityId, homeLocationId: n.place.locationId }));
  if (n.type === 'process') return canReadProcess(p, { ...n.place, ownerPersonId: n.ownerPersonId });
  return canOnRecord(p, 'bc.read', n.place);
}

type PlacedTable = 'bc_campaigns' | 'bc_processes' | 'bc_applications' | 'bc_vendors' | 'bc_data_centres';

/**
 * The SQL form of canOnRecord (policy.ts) for lists: entity-owned rows by entity scope,
 * station-owned rows by location scope, shared rows (inventory) to everyone who reads somewhere.
 */
export function placeVisible(table: PlacedTable, scope: ScopeFilter, opts: { shared: boolean; ownerPersonId?: string | null }): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`1 = 1`;
  const e = sql.ref(`${table}.entity_id`), l = sql.ref(`${table}.location_id`);
  const ors = [];
  if (scope.entityIds.length) ors.push(sql<boolean>`${e} in (${sql.join(scope.entityIds)})`);
  // Data centres are scoped by entity only: their location is where they stand, not who owns them.
  if (scope.locationIds.length && table !== 'bc_data_centres') ors.push(sql<boolean>`(${e} is null and ${l} in (${sql.join(scope.locationIds)}))`);
  const readsSomewhere = scope.entityIds.length > 0 || scope.locationIds.length > 0;
  if (opts.shared && readsSomewhere) {
    ors.push(table === 'bc_data_centres' ? sql<boolean>`${e} is null` : sql<boolean>`(${e} is null and ${l} is null)`);
  }
  if (opts.ownerPersonId) ors.push(sql<boolean>`${sql.ref(`${table}.owner_person_id`)} = ${opts.ownerPersonId}`);
  return ors.length ? sql<boolean>`(${sql.join(ors, sql` or `)})` : sql<boolean>`1 = 0`;
}

export const jsonArray = (text: string): string[] => JSON.parse(text) as string[];
