import { sql, type Kysely } from 'kysely';
import type { Database } from '../types.js';
import { insertMany } from '../bulk.js';
import { newId, nowIso } from '../../domain/ids.js';
import { searchText } from '../paging.js';
import { recordAudit, SYSTEM_ACTOR } from '../../modules/audit/service.js';
import { generatePassword } from '../../modules/auth/passwords.js';
import { insertUser } from '../../modules/users/service.js';
import { seedRisks } from './risk-seed.js';
import { seedPlans } from './plans-seed.js';
import { seedContinuity } from './continuity-seed.js';
import { seedTravel } from './travel-seed.js';
import { DEMO_ENTITIES, DEMO_STATIONS, FAMILY_NAMES, GIVEN_NAMES, JOB_TITLES, LANGUAGES_BY_COUNTRY } from './demo-data.js';

export type Scale = 'small' | 'un';
export const ADMIN_EMAIL = 'admin@example.org';

/** mulberry32: a small seeded PRNG, so the generated organization is the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


export async function isOrganizationEmpty(db: Kysely<Database>): Promise<boolean> {
  return !(await db.selectFrom('entities').select('id').limit(1).executeTakeFirst());
}

export interface SeedResult { entities: number; locations: number; people: number; teams: number; risks: number; treatments: number; adminPassword?: string | undefined }

export async function seedDemo(db: Kysely<Database>, opts: { scale: Scale; adminPassword?: string | undefined }): Promise<SeedResult> {
  if (!(await isOrganizationEmpty(db))) throw new Error('The organization already has data; seed only an empty database');
  const rand = prng(opts.scale === 'un' ? 2024 : 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const now = nowIso();
  const counts = await db.transaction().execute(async (trx) => {
    // ---- entities
    const entityIds = new Map<string, string>();
    const entities: Database['entities'][] = [];
    const entityDefs = [...DEMO_ENTITIES];
    if (opts.scale === 'un') entityDefs.push({ code: 'UNEP', name: 'United Nations Environment Programme', kind: 'fund_programme' }, { code: 'UN-HABITAT', name: 'United Nations Human Settlements Programme', kind: 'fund_programme' });
    const pathOf = new Map<string, string>();
    for (const e of entityDefs) {
      const id = newId();
      entityIds.set(e.code, id);
      const path = `${e.parent ? pathOf.get(e.parent)! : '/'}${id}/`;
      pathOf.set(e.code, path);
      entities.push({ id, code: e.code, name: e.name, kind: e.kind, parent_id: e.parent ? entityIds.get(e.parent)! : null, path, created_at: now, updated_at: now });
    }
    await insertMany(trx, 'entities', entities);

    // ---- locations
    const locations: Database['locations'][] = [];
    const stations: { id: string; name: string; country: string; entityCodes: string[]; row: Database['locations'] }[] = [];
    const location = (l: Omit<Database['locations'], 'id' | 'search_text' | 'created_at' | 'updated_at'>) => {
      const row = { id: newId(), ...l, search_text: searchText(l.name, l.city, l.external_id, l.country_code), created_at: now, updated_at: now };
      locations.push(row);
      return row;
    };
    for (const s of DEMO_STATIONS) {
      const st = location({ external_id: s.ext, kind: 'duty_station', name: s.name, parent_id: null, country_code: s.country, city: s.city, address: null, latitude: s.lat, longitude: s.lon, time_zone: s.tz });
      stations.push({ id: st.id, name: st.name, country: s.country, entityCodes: s.entities, row: st });
      for (const p of s.premises) location({ external_id: p.ext, kind: 'premises', name: p.name, parent_id: st.id, country_code: s.country, city: s.city, address: p.address, latitude: p.lat, longitude: p.lon, time_zone: s.tz });
    }
    if (opts.scale === 'un') {
      const countries = (await trx.selectFrom('countries').select(['code', 'name_en']).orderBy('code').execute()).filter((_, i) => i % 250 < 180).slice(0, 180);
      for (let n = stations.length; n < 2000; n++) {
        const c = countries[n % countries.length]!;
        const lat = Math.round((rand() * 110 - 45) * 1e4) / 1e4;
        const lon = Math.round((rand() * 340 - 170) * 1e4) / 1e4;
        const offset = Math.round(lon / 15);
        const tz = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
        const st = location({ external_id: `DS-${String(n).padStart(4, '0')}`, kind: 'duty_station', name: `${c.name_en} station ${n}`, parent_id: null, country_code: c.code, city: `${c.name_en} city ${n % 37}`, address: null, latitude: lat, longitude: lon, time_zone: tz });
        stations.push({ id: st.id, name: st.name, country: c.code, entityCodes: [], row: st });
      }
      for (let n = locations.length - stations.length; n < 5000; n++) {
        const st = stations[n % stations.length]!;
        const parent = st.row;
        location({ external_id: `PR-${String(n).padStart(4, '0')}`, kind: 'premises', name: `Premises ${n}`, parent_id: st.id, country_code: st.country, city: parent.city, address: `${n} Main Road`, latitude: parent.latitude, longitude: parent.longitude, time_zone: parent.time_zone });
      }
    }
    await insertMany(trx, 'locations', locations);

    // ---- people, with contacts; one in ten staff has a dependant
    const peopleTarget = opts.scale === 'un' ? 150_000 : 300;
    const people: Database['people'][] = [];
    const contacts: Database['contact_points'][] = [];
    const codes = [...entityIds.keys()];
    const staffByStation = new Map<string, string[]>();
    for (let n = 0; n < peopleTarget; n++) {
      const st = opts.scale === 'small' ? stations[n % stations.length]! : stations[Math.floor(rand() * stations.length)]!;
      const code = st.entityCodes.length ? pick(st.entityCodes) : pick(codes);
      const given = pick(GIVEN_NAMES);
      const family = pick(FAMILY_NAMES);
      const ext = `P${String(n).padStart(6, '0')}`;
      const sponsor = n % 10 === 9 ? people[people.length - 1] : undefined;
      const isDependant = !!sponsor && sponsor.kind !== 'dependant';
      const email = `${given}.${family}.${n}`.normalize('NFD').replace(/[^\w.]/g, '').toLowerCase() + (isDependant ? '@family.example.org' : `@${code.toLowerCase()}.example.org`);
      const id = newId();
      people.push({
        id, external_id: ext, kind: isDependant ? 'dependant' : 'staff', given_name: given, family_name: isDependant ? sponsor.family_name : family,
        entity_id: isDependant ? sponsor.entity_id : entityIds.get(code)!, home_location_id: st.id, sponsor_id: isDependant ? sponsor.id : null,
        job_title: isDependant ? null : pick(JOB_TITLES), language: LANGUAGES_BY_COUNTRY[st.country] ?? pick(['en', 'fr', 'es', 'ar', 'ru', 'zh']),
        status: 'active', search_text: searchText(given, isDependant ? sponsor.family_name : family, ext, email), created_at: now, updated_at: now,
      });
      contacts.push({ id: newId(), person_id: id, kind: 'email', value: email, label: 'work', priority: 0 });
      contacts.push({ id: newId(), person_id: id, kind: 'mobile', value: `+${254000000000 + n * 7919}`, label: null, priority: 1 });
      if (n % 25 === 0) contacts.push({ id: newId(), person_id: id, kind: 'satellite', value: `+8816${String(10000000 + n).slice(-8)}`, label: 'Iridium', priority: 2 });
      if (!isDependant) {
        const list = staffByStation.get(st.id) ?? [];
        list.push(id);
        staffByStation.set(st.id, list);
      }
    }
    await insertMany(trx, 'people', people);
    await insertMany(trx, 'contact_points', contacts);

    // ---- teams: a crisis management team at every duty station, and security and warden teams at the demo ones
    const teams: Database['teams'][] = [];
    const members: Database['team_members'][] = [];
    const team = (name: string, kind: string, locationId: string, entityId: string | null, tor: string, roles: string[]) => {
      const id = newId();
      teams.push({ id, name, kind, entity_id: entityId, location_id: locationId, terms_of_reference: tor, created_at: now, updated_at: now });
      const staff = staffByStation.get(locationId) ?? [];
      roles.forEach((role, i) => { if (staff[i]) members.push({ id: newId(), team_id: id, person_id: staff[i]!, role }); });
    };
    const cmtTor = 'The crisis management team (CMT) of the duty station: assesses the situation, decides on the response, activates plans, directs the crisis operations group and communicates with staff. Meets at least twice a year and whenever a crisis occurs.';
    for (const [i, st] of stations.entries()) {
      const name = st.name;
      team(`${name} crisis management team`, 'crisis_management_team', st.id, null, cmtTor, ['Chair (Designated Official)', 'Security Adviser', 'Medical Officer', 'Communications focal point', 'BC coordinator']);
      if (i < DEMO_STATIONS.length) {
        team(`${name} security management team`, 'security_management_team', st.id, null, 'Advises the Designated Official on all security-related matters (A/67/526).', ['Member', 'Member', 'Member']);
        team(`${name} wardens`, 'wardens', st.id, null, 'Wardens keep staff lists of their zone and run headcounts.', ['Chief warden', 'Deputy warden', 'Warden', 'Warden']);
      }
    }
    await insertMany(trx, 'teams', teams);
    await insertMany(trx, 'team_members', members);
    // un: 50 risks per duty station (100,000) with 3 treatments each (300,000), for the risk benchmarks.
    const riskCounts = await seedRisks(trx, {
      entityIds: [...entityIds.values()], entityByCode: entityIds, stations, staffByStation, rand, now,
      risksPerStation: opts.scale === 'un' ? 50 : 4, treatmentsPerRisk: opts.scale === 'un' ? 3 : 2,
    });
    await seedPlans(trx, { entityIds, stations, staffByStation, now });
    await seedContinuity(trx, { entityIds, locations, staffByStation, now });
    await seedTravel(trx, { stations, staffByStation, now });
    await recordAudit(trx, SYSTEM_ACTOR, { action: 'seed', subjectType: 'organization', subjectId: opts.scale, after: { scale: opts.scale, entities: entities.length, locations: locations.length, people: people.length, teams: teams.length, ...riskCounts } });
    return { entities: entities.length, locations: locations.length, people: people.length, teams: teams.length, ...riskCounts };
  });

  // Fresh statistics, so the query planner knows the new sizes at once.
  await sql`analyze`.execute(db);
  let adminPassword: string | undefined;
  if (!(await db.selectFrom('users').select('id').where('email', '=', ADMIN_EMAIL).executeTakeFirst())) {
    adminPassword = opts.adminPassword ?? generatePassword();
    await insertUser(db, { email: ADMIN_EMAIL, displayName: 'ORMS administrator', password: adminPassword, language: 'en', grants: [{ role: 'system_admin', scopeType: 'org', scopeId: null }] }, SYSTEM_ACTOR);
  }
  return { ...counts, adminPassword: opts.adminPassword ? undefined : adminPassword };
}
