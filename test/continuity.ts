import type { Db } from '../src/db/connect.js';
import { newId, nowIso } from '../src/domain/ids.js';
import { searchText } from '../src/db/paging.js';

const TABLES = ['bc_campaigns', 'bc_processes', 'bc_data_centres', 'bc_applications', 'bc_application_hosting', 'bc_dr_tests', 'bc_vendors',
  'bc_dependencies', 'bc_dependency_alternates', 'bc_strategies', 'audit_events'] as const;

/** Row counts of the continuity tables and the audit log, to prove a rejected request wrote nothing. */
export async function continuitySnapshot(database: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await database.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  const v = await database.db.selectFrom('bc_settings').select('data_version').executeTakeFirstOrThrow();
  out.data_version = Number(v.data_version);
  return out;
}

/** Brindisi and Valencia (DOMAIN §6): the enterprise data centre and its failover site, as duty stations with premises. */
export async function addDataCentreStations(database: Db) {
  const now = nowIso();
  const ids = { brindisi: newId(), brindisiGsc: newId(), valencia: newId(), valenciaFacility: newId() };
  const loc = (id: string, kind: string, parent: string | null, country: string, name: string, tz: string) =>
    ({ id, external_id: null, kind, name, parent_id: parent, country_code: country, city: name, address: null, latitude: null, longitude: null, time_zone: tz, search_text: searchText(name), created_at: now, updated_at: now });
  await database.db.insertInto('locations').values([
    loc(ids.brindisi, 'duty_station', null, 'IT', 'Brindisi', 'Europe/Rome'),
    loc(ids.brindisiGsc, 'premises', ids.brindisi, 'IT', 'UN Global Service Centre', 'Europe/Rome'),
    loc(ids.valencia, 'duty_station', null, 'ES', 'Valencia', 'Europe/Madrid'),
    loc(ids.valenciaFacility, 'premises', ids.valencia, 'ES', 'UNICTF Valencia', 'Europe/Madrid'),
  ]).execute();
  return ids;
}
