import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import * as m001 from './migrations/001_core.js';
import * as m002 from './migrations/002_countries.js';
import * as m003 from './migrations/003_trigram_search.js';
import * as m004 from './migrations/004_risk.js';
import * as m005 from './migrations/005_security.js';
import * as m006 from './migrations/006_notify.js';
import * as m007 from './migrations/007_continuity.js';
import * as m008 from './migrations/008_plans.js';
import * as m010 from './migrations/010_notify_accountability.js';
import * as m011 from './migrations/011_travel.js';
import * as m012 from './migrations/012_continuity_staffing.js';
import * as m014 from './migrations/014_notify_counts.js';
import * as m015 from './migrations/015_response_chain.js';
import * as m016 from './migrations/016_notify_fillfactor.js';
import * as m017 from './migrations/017_notify_bulk_integrity.js';
import * as m018 from './migrations/018_notify_no_place_index.js';
import * as m019 from './migrations/019_notify_lean_outbox.js';
import * as m020 from './migrations/020_notify_board_rows.js';
import * as m021 from './migrations/021_notify_answer_integrity.js';
import * as m022 from './migrations/022_notify_reference_probes.js';

/** The one list of migrations, for both dialects, in order. */
const migrations: Record<string, Migration> = {
  '001_core': m001,
  '002_countries': m002,
  '003_trigram_search': m003,
  '004_risk': m004,
  '005_security': m005,
  '006_notify': m006,
  '007_continuity': m007,
  '008_plans': m008,
  '010_notify_accountability': m010,
  '011_travel': m011,
  '012_continuity_staffing': m012,
  '014_notify_counts': m014,
  '015_response_chain': m015,
  '016_notify_fillfactor': m016,
  '017_notify_bulk_integrity': m017,
  '018_notify_no_place_index': m018,
  '019_notify_lean_outbox': m019,
  '020_notify_board_rows': m020,
  '021_notify_answer_integrity': m021,
  '022_notify_reference_probes': m022,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider, migrationTableName: 'orms_migrations', migrationLockTableName: 'orms_migrations_lock' });
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export interface MigrationState { applied: string[]; pending: string[] }

export async function migrationState(db: Kysely<any>): Promise<MigrationState> {
  const all = await migrator(db).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt).map((m) => m.name),
    pending: all.filter((m) => !m.executedAt).map((m) => m.name),
  };
}
