import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { staffNeedSteps } from '../../domain/continuity/bia.js';
import { buildDependencyGraph, type Alternate, type GraphEdge, type GraphNode, type Readiness } from '../../domain/continuity/graph.js';
import { prepareContinuity, type BcStrategy, type ContinuityModel, type DrCapability, type FailoverPair, type ProcessRequirement, type StrategyKind, type VendorSla } from '../../domain/continuity/recovery.js';
import { dataVersion, personLabel } from './common.js';
import { NODE_TYPES, domainKindOf, type NodeType } from './model.js';

/**
 * The one place where the dependency map is read from the database and compiled for the domain
 * (src/domain/continuity). Nodes: every duty station and premises (reference data), data centres,
 * applications and ICT services, vendors and processes. Edges: the stored dependencies plus each
 * application's hosting (primary data centre, the other hosting data centres as ready alternates).
 * The compiled model is cached per database and rebuilt when bc_settings.data_version — bumped
 * in every continuity write transaction, on any app node — has moved.
 */
export interface LoadedContinuity {
  model: ContinuityModel;
  /** Per graph node index: stored type (index into NODE_TYPES), name, duty station, and owning place and process owner for visibility. */
  type: Uint8Array;
  name: string[];
  /** Lower-case names, for search. */
  lowerName: string[];
  dutyStationId: (string | null)[];
  entityId: (string | null)[];
  locationId: (string | null)[];
  ownerPersonId: (string | null)[];
  version: number;
}

const cache = new WeakMap<Kysely<Database>, { version: number; loaded: Promise<LoadedContinuity> }>();

export async function continuityModel(db: Kysely<Database>): Promise<LoadedContinuity> {
  const version = await dataVersion(db);
  const hit = cache.get(db);
  if (hit && hit.version === version) return hit.loaded;
  // Read the version first: a write landing during the load leaves a newer version, so the next call reloads.
  const loaded = loadContinuity(db, version);
  cache.set(db, { version, loaded });
  loaded.catch(() => { if (cache.get(db)?.loaded === loaded) cache.delete(db); });
  return loaded;
}

async function loadContinuity(db: Kysely<Database>, version: number): Promise<LoadedContinuity> {
  // One query after another: on PostgreSQL they then share one pooled connection.
  const locations = await db.selectFrom('locations').select(['id', 'kind', 'parent_id', 'name']).execute();
  const dataCentres = await db.selectFrom('bc_data_centres').select(['id', 'name', 'location_id', 'entity_id', 'failover_data_centre_id', 'failover_readiness', 'failover_activation_hours']).execute();
  const applications = await db.selectFrom('bc_applications').select(['id', 'name', 'kind', 'entity_id', 'location_id', 'achievable_rto_hours', 'achievable_rpo_hours']).execute();
  const hosting = await db.selectFrom('bc_application_hosting').select(['application_id', 'data_centre_id', 'position']).orderBy('application_id').orderBy('position').execute();
  const vendors = await db.selectFrom('bc_vendors').select(['id', 'name', 'entity_id', 'location_id', 'sla_hours']).execute();
  const processes = await db.selectFrom('bc_processes').select(['id', 'campaign_id', 'name', 'entity_id', 'location_id', 'owner_person_id', 'mtpd_hours', 'rto_hours', 'rpo_hours', 'minimum_staff', 'staff_count', 'minimum_staff_over_time']).execute();
  const campaignTimes = new Map((await db.selectFrom('bc_campaigns').select(['id', 'time_points']).execute()).map((c) => [c.id, JSON.parse(c.time_points) as number[]]));
  const dependencies = await db.selectFrom('bc_dependencies').select(['id', 'from_id', 'to_id', 'needed_within_hours']).execute();
  const alternates = await db.selectFrom('bc_dependency_alternates').select(['dependency_id', 'node_id', 'readiness', 'activation_hours']).orderBy('dependency_id').orderBy('position').execute();
  const strategies = await db.selectFrom('bc_strategies').select(['process_id', 'kind', 'readiness', 'activation_hours', 'resource_id']).execute();
  // Key people: only those a dependency or an alternate names (the organization has far more people than the map needs).
  const keyPeople = await db.selectFrom('people').select(['id', 'given_name', 'family_name', 'entity_id', 'home_location_id'])
    .where((eb) => eb.or([
      eb('id', 'in', eb.selectFrom('bc_dependencies').select('to_id').where('to_type', '=', 'person')),
      eb('id', 'in', eb.selectFrom('bc_dependency_alternates').select('node_id').where('node_type', '=', 'person')),
    ])).execute();

  const nodes: GraphNode[] = [];
  const type: number[] = [], name: string[] = [], dutyStationId: (string | null)[] = [], entityId: (string | null)[] = [], locationId: (string | null)[] = [], ownerPersonId: (string | null)[] = [];
  const has = new Set<string>();
  const node = (id: string, t: NodeType, label: string, station: string | null, place: { entity: string | null; location: string | null; owner?: string | null }, appKind?: string) => {
    if (has.has(id)) return;
    has.add(id);
    nodes.push(station ? { id, kind: domainKindOf(t, appKind), dutyStationId: station } : { id, kind: domainKindOf(t, appKind) });
    type.push(NODE_TYPES.indexOf(t)); name.push(label); dutyStationId.push(station); entityId.push(place.entity); locationId.push(place.location); ownerPersonId.push(place.owner ?? null);
  };
  const stationOf = new Map<string, string>();
  for (const l of locations) stationOf.set(l.id, l.kind === 'duty_station' || !l.parent_id ? l.id : l.parent_id);
  for (const l of locations) node(l.id, l.kind === 'duty_station' ? 'duty_station' : 'premises', l.name, stationOf.get(l.id)!, { entity: null, location: null });
  for (const d of dataCentres) node(d.id, 'data_centre', d.name, stationOf.get(d.location_id) ?? null, { entity: d.entity_id, location: null });
  for (const a of applications) node(a.id, 'application', a.name, a.location_id && stationOf.get(a.location_id) || null, { entity: a.entity_id, location: a.location_id }, a.kind);
  for (const v of vendors) node(v.id, 'vendor', v.name, v.location_id && stationOf.get(v.location_id) || null, { entity: v.entity_id, location: v.location_id });
  for (const p of processes) node(p.id, 'process', p.name, p.location_id && stationOf.get(p.location_id) || null, { entity: p.entity_id, location: p.location_id, owner: p.owner_person_id });
  for (const p of keyPeople) node(p.id, 'person', personLabel(p), p.home_location_id && stationOf.get(p.home_location_id) || null, { entity: p.entity_id, location: p.home_location_id });

  // Stored edges first; dangling ends (a location deleted elsewhere) are left out rather than failing the whole analysis.
  const altsOf = new Map<string, Alternate[]>();
  for (const a of alternates) {
    if (!has.has(a.node_id)) continue;
    const list = altsOf.get(a.dependency_id) ?? [];
    list.push({ nodeId: a.node_id, readiness: a.readiness as Readiness, activationHours: Number(a.activation_hours) });
    altsOf.set(a.dependency_id, list);
  }
  const edges: GraphEdge[] = [];
  const pairs = new Set<string>();
  for (const d of dependencies) {
    if (!has.has(d.from_id) || !has.has(d.to_id) || d.from_id === d.to_id) continue;
    pairs.add(`${d.from_id}>${d.to_id}`);
    const alts = altsOf.get(d.id);
    edges.push(alts ? { from: d.from_id, to: d.to_id, neededWithinHours: Number(d.needed_within_hours), alternates: alts } : { from: d.from_id, to: d.to_id, neededWithinHours: Number(d.needed_within_hours) });
  }
  const hostedAt = new Map<string, string[]>();
  for (const h of hosting) {
    if (!has.has(h.data_centre_id)) continue;
    const list = hostedAt.get(h.application_id) ?? [];
    list.push(h.data_centre_id);
    hostedAt.set(h.application_id, list);
  }
  for (const [app, [primary, ...secondaries]] of hostedAt) {
    if (!has.has(app) || pairs.has(`${app}>${primary}`)) continue;
    const alts = secondaries.map((nodeId): Alternate => ({ nodeId, readiness: 'ready', activationHours: 0 }));
    edges.push(alts.length ? { from: app, to: primary!, neededWithinHours: 0, alternates: alts } : { from: app, to: primary!, neededWithinHours: 0 });
  }

  const n = (v: number | null) => (v === null ? undefined : Number(v));
  const requirements: ProcessRequirement[] = processes.map((p) => {
    const r: ProcessRequirement = { id: p.id, mtpdHours: n(p.mtpd_hours), rtoHours: n(p.rto_hours), rpoHours: n(p.rpo_hours), staff: n(p.staff_count), minimumStaff: n(p.minimum_staff) };
    if (p.minimum_staff_over_time === '[]') return r;
    const steps = staffNeedSteps(campaignTimes.get(p.campaign_id) ?? [], p.minimum_staff, JSON.parse(p.minimum_staff_over_time) as (number | null)[]);
    return steps.length ? { ...r, staffNeeds: steps } : r;
  });
  const drCapabilities: DrCapability[] = applications.filter((a) => a.achievable_rto_hours !== null || a.achievable_rpo_hours !== null)
    .map((a) => ({ nodeId: a.id, achievableRtoHours: n(a.achievable_rto_hours), achievableRpoHours: n(a.achievable_rpo_hours) }));
  const vendorSlas: VendorSla[] = vendors.filter((v) => v.sla_hours !== null).map((v) => ({ vendorId: v.id, slaHours: Number(v.sla_hours) }));
  const failovers: FailoverPair[] = dataCentres.filter((d) => d.failover_data_centre_id && has.has(d.failover_data_centre_id) && d.failover_data_centre_id !== d.id)
    .map((d) => ({ primaryId: d.id, secondaryId: d.failover_data_centre_id!, readiness: d.failover_readiness as Readiness, activationHours: Number(d.failover_activation_hours ?? 0) }));
  const bcStrategies: BcStrategy[] = strategies.filter((s) => has.has(s.process_id)).map((s) => {
    const base = { processId: s.process_id, kind: s.kind as StrategyKind, readiness: s.readiness as Readiness, activationHours: Number(s.activation_hours) };
    return s.resource_id && has.has(s.resource_id) ? { ...base, resourceId: s.resource_id } : base;
  });

  const graph = buildDependencyGraph(nodes, edges);
  const model = prepareContinuity(graph, requirements, { strategies: bcStrategies, drCapabilities, vendorSlas, failovers });
  return { model, type: Uint8Array.from(type), name, lowerName: name.map((x) => x.toLowerCase()), dutyStationId, entityId, locationId, ownerPersonId, version };
}
