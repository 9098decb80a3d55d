import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { connect } from '../src/db/connect.js';
import { insertMany } from '../src/db/bulk.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Database } from '../src/db/types.js';
import { newId } from '../src/domain/ids.js';
import { buildApp } from '../src/server/app.js';
import { SYSTEM_ACTOR } from '../src/modules/audit/service.js';
import { insertUser } from '../src/modules/users/service.js';
import { generateContinuityData } from './continuity.js';
import { median } from './server.js';

/**
 * Issue-5 figures through the API: the generated UN-scale dependency map of bench/continuity.ts
 * (20,000 processes, 5,000 applications, 5,000 sites — 100 of them data centres — under 2,000 duty
 * stations, 2,000 vendors, 100,000 edges) stored in an in-memory SQLite database, then
 * POST /continuity/simulate for the loss of one duty station and GET /continuity/gaps, in process
 * with app.inject (HTTP parsing, auth, validation, the cached model, serialization included).
 */

const EMAIL = 'bench-continuity@example.org';
const PASSWORD = 'bench-continuity-password';
const ms = (x: number) => (x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(1)} ms`);

/** Stores the generated graph as continuity rows; returns the uuids of the generated duty stations. */
async function store(db: Kysely<Database>): Promise<string[]> {
  const data = generateContinuityData();
  const now = new Date().toISOString();
  const stamp = { created_at: now, updated_at: now };
  const uuid = new Map<string, string>();
  const idOf = (x: string) => { let u = uuid.get(x); if (!u) { u = newId(); uuid.set(x, u); } return u; };

  const entities: Database['entities'][] = Array.from({ length: 20 }, (_, i) => {
    const id = newId();
    return { id, code: `BE${i}`, name: `Bench entity ${i}`, kind: 'department', parent_id: null, path: `/${id}/`, ...stamp };
  });
  const stationCount = new Set(data.nodes.map((n) => n.dutyStationId).filter(Boolean)).size;
  const locations: Database['locations'][] = [];
  for (let i = 0; i < stationCount; i++) {
    locations.push({ id: idOf(`DS${i}`), external_id: `BDS-${i}`, kind: 'duty_station', name: `Bench station ${i}`, parent_id: null, country_code: 'KE', city: null, address: null, latitude: null, longitude: null, time_zone: 'Africa/Nairobi', search_text: `bench station ${i}`, ...stamp });
  }
  // Sites that applications are hosted on are data centres; the others are premises.
  const dcSites = new Set(data.edges.filter((e) => e.from.startsWith('A') && e.to.startsWith('S')).map((e) => e.to));
  const dataCentres: Database['bc_data_centres'][] = [];
  const failoverOf = new Map(data.recovery.failovers.map((f) => [f.primaryId, f]));
  const vendors: Database['bc_vendors'][] = [];
  const applications: Database['bc_applications'][] = [];
  const processes: Database['bc_processes'][] = [];
  const typeOf = new Map<string, string>();
  const dr = new Map(data.recovery.drCapabilities.map((c) => [c.nodeId, c]));
  const sla = new Map(data.recovery.vendorSlas.map((v) => [v.vendorId, v.slaHours]));
  const req = new Map(data.processes.map((p) => [p.id, p]));
  const campaigns: Database['bc_campaigns'][] = entities.map((e) => ({
    id: newId(), name: `BIA ${e.code}`, entity_id: e.id, location_id: null, owner_person_id: null, period_start: null, period_end: null, status: 'draft',
    time_points: '[4,24,72,168,720]', submitted_by: null, submitted_at: null, approved_by: null, approved_at: null, ...stamp,
  }));
  let pn = 0;
  for (const n of data.nodes) {
    const id = idOf(n.id), station = n.dutyStationId ? idOf(n.dutyStationId) : null;
    if (n.kind === 'site' && dcSites.has(n.id)) {
      // The data centre stands at its station; the failover pairs are filled in below, once every id exists.
      typeOf.set(n.id, 'data_centre');
      dataCentres.push({ id, name: `Data centre ${n.id}`, location_id: station!, entity_id: null, tier: 'III', failover_data_centre_id: null, failover_readiness: null, failover_activation_hours: null, ...stamp });
    } else if (n.kind === 'site') {
      typeOf.set(n.id, 'premises');
      locations.push({ id, external_id: null, kind: 'premises', name: `Premises ${n.id}`, parent_id: station, country_code: 'KE', city: null, address: null, latitude: null, longitude: null, time_zone: 'Africa/Nairobi', search_text: n.id.toLowerCase(), ...stamp });
    } else if (n.kind === 'vendor') {
      typeOf.set(n.id, 'vendor');
      vendors.push({ id, name: `Vendor ${n.id}`, service: '', entity_id: null, location_id: station, sla_hours: sla.get(n.id) ?? null, contact: '', search_text: n.id.toLowerCase(), ...stamp });
    } else if (n.kind === 'application') {
      typeOf.set(n.id, 'application');
      const c = dr.get(n.id);
      applications.push({ id, name: `Application ${n.id}`, kind: 'application', description: '', entity_id: null, location_id: null, criticality: 'high', replication: 'asynchronous', backup_method: '', achievable_rto_hours: c?.achievableRtoHours ?? null, achievable_rpo_hours: c?.achievableRpoHours ?? null, last_tested_on: null, dr_plan_url: null, search_text: n.id.toLowerCase(), ...stamp });
    } else if (n.kind === 'process') {
      typeOf.set(n.id, 'process');
      const p = req.get(n.id)!;
      const c = campaigns[pn++ % campaigns.length]!;
      processes.push({
        id, campaign_id: c.id, entity_id: c.entity_id, location_id: station, name: `Process ${n.id}`, description: '', owner_person_id: null, impact_ratings: '{}',
        mtpd_hours: p.mtpdHours ?? null, rto_hours: p.rtoHours ?? null, rpo_hours: p.rpoHours ?? null, peak_periods: '[]', minimum_staff: p.minimumStaff ?? null, staff_count: p.staff ?? null,
        remote_work: 'partial', minimum_staff_over_time: '[]', vital_records: '[]', workarounds: '', questionnaire_status: 'submitted', questionnaire_progress: 100, submitted_at: null, search_text: n.id.toLowerCase(), ...stamp,
      });
    }
  }
  const siteOf = new Map([...uuid].map(([site, u]) => [u, site]));
  for (const d of dataCentres) {
    const f = failoverOf.get(siteOf.get(d.id)!);
    if (f && dcSites.has(f.secondaryId)) Object.assign(d, { failover_data_centre_id: idOf(f.secondaryId), failover_readiness: f.readiness, failover_activation_hours: f.activationHours });
  }
  const hosting: Database['bc_application_hosting'][] = [];
  const deps: Database['bc_dependencies'][] = [];
  const alts: Database['bc_dependency_alternates'][] = [];
  for (const e of data.edges) {
    if (typeOf.get(e.from) === 'application' && typeOf.get(e.to) === 'data_centre') {
      hosting.push({ application_id: idOf(e.from), data_centre_id: idOf(e.to), position: 0 });
      continue;
    }
    const id = newId();
    deps.push({ id, from_id: idOf(e.from), from_type: typeOf.get(e.from)!, to_id: idOf(e.to), to_type: typeOf.get(e.to)!, needed_within_hours: e.neededWithinHours, note: '', ...stamp });
    e.alternates?.forEach((a, position) => alts.push({ dependency_id: id, position, node_id: idOf(a.nodeId), node_type: typeOf.get(a.nodeId)!, readiness: a.readiness, activation_hours: a.activationHours }));
  }
  const strategies: Database['bc_strategies'][] = data.recovery.strategies.map((s) => ({
    id: newId(), process_id: idOf(s.processId), kind: s.kind, readiness: s.readiness, activation_hours: s.activationHours, resource_id: null, resource_type: null, description: '', ...stamp,
  }));

  await db.transaction().execute(async (trx) => {
    await insertMany(trx, 'entities', entities);
    await insertMany(trx, 'locations', locations);
    await insertMany(trx, 'bc_data_centres', dataCentres);
    await insertMany(trx, 'bc_applications', applications);
    await insertMany(trx, 'bc_application_hosting', hosting);
    await insertMany(trx, 'bc_vendors', vendors);
    await insertMany(trx, 'bc_campaigns', campaigns);
    await insertMany(trx, 'bc_processes', processes);
    await insertMany(trx, 'bc_dependencies', deps);
    await insertMany(trx, 'bc_dependency_alternates', alts);
    await insertMany(trx, 'bc_strategies', strategies);
  });
  console.log(`continuity-api: stored ${processes.length} processes, ${applications.length} applications, ${locations.length - stationCount} premises + ${dataCentres.length} data centres under ${stationCount} duty stations, ${vendors.length} vendors, ${deps.length + hosting.length} edges (${hosting.length} of them hosting)`);
  return Array.from({ length: 50 }, (_, i) => idOf(`DS${i * 40 + 3}`));
}

async function signIn(app: FastifyInstance) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: EMAIL, password: PASSWORD } });
  const c = res.cookies.find((x) => x.name === 'orms_session')!;
  return { cookie: `orms_session=${c.value}`, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
}

export async function continuityApiBench(): Promise<void> {
  const deadline = performance.now() + 120_000;
  const database = connect({ dataDir: ':memory:' });
  let app: FastifyInstance | undefined;
  try {
    await migrateToLatest(database.db);
    let t0 = performance.now();
    const stations = await store(database.db);
    console.log(`continuity-api: generated and stored in ${ms(performance.now() - t0)}`);
    await insertUser(database.db, { email: EMAIL, displayName: 'Continuity benchmark', password: PASSWORD, grants: [{ role: 'system_admin', scopeType: 'org', scopeId: null }] }, SYSTEM_ACTOR);
    app = await buildApp({ database, loginRateLimit: 1000 });
    await app.ready();
    const headers = await signIn(app);
    const simulate = async (station: string) => {
      const res = await app!.inject({ method: 'POST', url: '/api/v1/continuity/simulate', headers, payload: { lostDutyStationIds: [station] } });
      if (res.statusCode !== 200) throw new Error(`simulate: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    };

    t0 = performance.now();
    await simulate(stations[0]!);
    console.log(`continuity-api: first simulation, loading the graph from the database and preparing the model  ${ms(performance.now() - t0)} (once per continuity change)`);
    for (let pass = 0; pass < 3; pass++) for (const s of stations) await simulate(s); // warm-up
    const sim: number[] = [], sizes: number[] = [], affected: number[] = [];
    for (const s of stations) {
      if (performance.now() > deadline) break;
      t0 = performance.now();
      const res = await simulate(s);
      sim.push(performance.now() - t0);
      sizes.push(res.rawPayload.length);
      const body = res.json() as { processes: unknown[]; resources: unknown[] };
      affected.push(body.processes.length + body.resources.length);
    }
    console.log(`continuity-api: POST /continuity/simulate, loss of one duty station  median ${ms(median(sim))}, max ${ms(Math.max(...sim))} over ${sim.length} stations (target < 50 ms); median ${median(affected)} disrupted nodes, ${(median(sizes) / 1024).toFixed(0)} KiB`);

    const gaps: number[] = [];
    let total = 0;
    for (let i = 0; i < 7 && performance.now() < deadline; i++) {
      t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: '/api/v1/continuity/gaps?pageSize=100', headers });
      if (res.statusCode !== 200) throw new Error(`gaps: ${res.statusCode} ${res.body.slice(0, 300)}`);
      gaps.push(performance.now() - t0);
      total = (res.json() as { total: number }).total;
    }
    console.log(`continuity-api: GET /continuity/gaps, full gap analysis          median ${ms(median(gaps))} over ${gaps.length} runs (${total} gaps, first 100 returned; target < 500 ms)`);
  } finally {
    await app?.close();
    await database.close();
  }
}

// `npx tsx bench/continuity-api.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) continuityApiBench().catch((e) => { console.error(e); process.exit(1); });
