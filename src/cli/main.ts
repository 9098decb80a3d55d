#!/usr/bin/env node
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemo, type Scale } from '../db/seed/seed.js';
import { ROLES, SCOPE_TYPES, type Role, type ScopeType } from '../domain/access.js';
import { createApiToken } from '../modules/auth/service.js';
import { generatePassword } from '../modules/auth/passwords.js';
import { SYSTEM_ACTOR } from '../modules/audit/service.js';
import { insertUser, setPassword } from '../modules/users/service.js';
import { exportLocations, exportPeople, importLocations, importPeople } from '../modules/org/csv.service.js';
import { AppError } from '../server/errors.js';
import { systemCtx } from './system.js';
import { serve } from './serve.js';
import { Dispatcher } from '../jobs/dispatcher.js';
import { channelsFromEnv } from '../jobs/channels-from-env.js';
import { Escalator } from '../jobs/escalator.js';

const config = loadConfig();

/** Opens the configured database, migrated, for one command, and closes it after. */
async function withDb<T>(fn: (db: ReturnType<typeof connect>) => Promise<T>): Promise<T> {
  const database = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    return await fn(database);
  } finally {
    await database.close();
  }
}

const program = new Command('orms').description('Organizational Resilience Management System');

program.command('serve').description('Migrate, seed the demo organization if the database is empty, and serve UI + API')
  .action(async () => { await serve(config); });

program.command('worker').description('Work the notification outbox (several workers may share one PostgreSQL database)')
  .action(async () => {
    const database = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrateToLatest(database.db);
    const channels = channelsFromEnv(process.env, database.db);
    const dispatcher = new Dispatcher(database.db, database.dialect, channels, { leaseMs: Number(process.env.ORMS_LEASE_MS ?? 60_000), publicUrl: config.publicUrl });
    dispatcher.start();
    const escalator = new Escalator(database.db);
    escalator.start();
    console.log(`Worker on ${database.dialect}: channels ${Object.keys(channels).join(', ')}`);
    const stop = async () => { await dispatcher.stop(); await escalator.stop(); for (const c of Object.values(channels)) await c.close(); await database.close(); process.exit(0); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program.command('migrate').description('Apply pending database migrations').action(() => withDb(async ({ db, dialect, where }) => {
  console.log(`Database ${dialect} at ${where} is up to date`);
  void db;
}));

program.command('seed').description('Seed a demo organization into an empty database')
  .requiredOption('--demo', 'seed the demo organization')
  .addOption(new Option('--scale <scale>', 'small: the demo; un: ~150,000 people for benchmarks').choices(['small', 'un']).default('small'))
  .action((opts: { scale: Scale }) => withDb(async ({ db }) => {
    const started = Date.now();
    const r = await seedDemo(db, { scale: opts.scale, adminPassword: config.adminPassword });
    console.log(`Seeded ${opts.scale}: ${r.entities} entities, ${r.locations} locations, ${r.people} people, ${r.teams} teams, ${r.risks} risks, ${r.treatments} treatments in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (r.adminPassword) console.log(`Admin account: admin@example.org / ${r.adminPassword} (shown once)`);
  }));

const parseGrant = (s: string) => {
  const [role, scopeType = 'org', scopeId] = s.split(':');
  if (!ROLES.includes(role as Role)) throw new Error(`Unknown role ${role}; one of ${ROLES.join(', ')}`);
  if (!SCOPE_TYPES.includes(scopeType as ScopeType)) throw new Error(`Unknown scope ${scopeType}; one of ${SCOPE_TYPES.join(', ')}`);
  return { role: role as Role, scopeType: scopeType as ScopeType, scopeId: scopeId ?? null };
};

const user = program.command('user').description('Manage accounts');
user.command('create').requiredOption('--email <email>').requiredOption('--name <name>', 'display name')
  .option('--password <password>', 'initial password; generated and printed when left out')
  .option('--grant <role[:scope:id]>', 'role grant, e.g. system_admin or entity_admin:entity:<id>; repeatable', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .action((opts: { email: string; name: string; password?: string; grant: string[] }) => withDb(async ({ db }) => {
    const password = opts.password ?? generatePassword();
    const row = await insertUser(db, { email: opts.email.toLowerCase(), displayName: opts.name, password, grants: opts.grant.map(parseGrant) }, SYSTEM_ACTOR);
    console.log(`Created ${row.email} (${row.id})${opts.password ? '' : ` with password ${password}`}`);
  }));
user.command('reset-password').requiredOption('--email <email>').option('--password <password>', 'new password; generated when left out')
  .action((opts: { email: string; password?: string }) => withDb(async ({ db }) => {
    const row = await db.selectFrom('users').select('id').where('email', '=', opts.email.toLowerCase()).executeTakeFirst();
    if (!row) throw new Error(`No user ${opts.email}`);
    const password = opts.password ?? generatePassword();
    await setPassword(db, row.id, password, SYSTEM_ACTOR);
    console.log(`Password of ${opts.email} reset${opts.password ? '' : ` to ${password}`}; their sessions ended`);
  }));

program.command('token').description('API tokens').command('create').requiredOption('--user <email>').option('--name <name>', 'what the token is for', 'cli')
  .action((opts: { user: string; name: string }) => withDb(async ({ db }) => {
    const row = await db.selectFrom('users').select(['id', 'email']).where('email', '=', opts.user.toLowerCase()).executeTakeFirst();
    if (!row) throw new Error(`No user ${opts.user}`);
    const { token } = await createApiToken(db, row.id, opts.name, SYSTEM_ACTOR);
    console.log(token);
  }));

program.command('import').description('Import people or locations from an HR-system CSV (all-or-nothing, idempotent by external_id)')
  .argument('<kind>', 'people | locations').argument('<file>', 'CSV file').option('--dry-run', 'validate only')
  .action((kind: string, file: string, opts: { dryRun?: boolean }) => withDb(async ({ db }) => {
    const text = fs.readFileSync(file, 'utf8');
    const run = kind === 'people' ? importPeople : kind === 'locations' ? importLocations : undefined;
    if (!run) throw new Error('kind must be people or locations');
    const r = await run(systemCtx(db), text, !!opts.dryRun);
    console.log(`${r.dryRun ? 'Dry run: ' : ''}${r.total} rows: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`);
  }));

program.command('export').description('Export people or locations as CSV').argument('<kind>', 'people | locations').option('--out <file>', 'write here instead of stdout')
  .action((kind: string, opts: { out?: string }) => withDb(async ({ db }) => {
    const text = kind === 'people' ? await exportPeople(systemCtx(db), {}) : kind === 'locations' ? await exportLocations(systemCtx(db)) : undefined;
    if (text === undefined) throw new Error('kind must be people or locations');
    if (opts.out) fs.writeFileSync(opts.out, text); else process.stdout.write(text);
  }));

program.parseAsync().catch((e: unknown) => {
  if (e instanceof AppError) {
    console.error(`${e.message}`);
    for (const [f, m] of Object.entries(e.fields ?? {})) console.error(`  ${f}: ${m}`);
    for (const r of (e.extra?.rows as { row: number; field: string; message: string }[] | undefined) ?? []) console.error(`  line ${r.row}, ${r.field}: ${r.message}`);
  } else {
    console.error(e instanceof Error ? e.message : e);
  }
  process.exit(1);
});

