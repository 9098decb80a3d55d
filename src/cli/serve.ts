import type { Config } from '../config.js';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { isOrganizationEmpty, seedDemo } from '../db/seed/seed.js';
import { buildApp } from '../server/app.js';
import { Dispatcher } from '../jobs/dispatcher.js';
import { channelsFromEnv } from '../jobs/channels-from-env.js';
import { scheduleReviewReminders } from '../modules/plans/review.service.js';
import { mailerFromEnv } from '../modules/plans/mailer.js';
import { Escalator } from '../jobs/escalator.js';

/** Migrates, seeds the small demo into an empty database, and serves until SIGINT/SIGTERM. */
export async function serve(config: Config): Promise<void> {
  const database = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(database.db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  if (await isOrganizationEmpty(database.db)) {
    const r = await seedDemo(database.db, { scale: 'small', adminPassword: config.adminPassword });
    console.log(`Seeded the demo organization: ${r.entities} entities, ${r.locations} locations, ${r.people} people`);
    if (r.adminPassword) console.log(`Admin account: admin@example.org / ${r.adminPassword} (shown once; set ORMS_ADMIN_PASSWORD to choose it)`);
  }
  const app = await buildApp({
    database, sessionTtlMs: config.sessionTtlMs, secureCookies: config.secureCookies,
    logger: { level: config.logLevel },
  });
  await app.listen({ host: config.host, port: config.port });
  console.log(`ORMS on ${database.dialect} (${database.where}) at http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`);
  // The outbox is worked in-process (more workers: `orms worker`); the in-app inbox needs no configuration.
  const channels = channelsFromEnv(process.env, database.db);
  const dispatcher = new Dispatcher(database.db, database.dialect, channels, { publicUrl: config.publicUrl });
  dispatcher.start();
  const escalator = new Escalator(database.db);
  escalator.start();
  // Plan owners get their review reminders (in the app, and by email with ORMS_SMTP_URL) without a separate scheduler.
  const stopReminders = scheduleReviewReminders(database.db, () => mailerFromEnv(), { onError: (e) => app.log.error(e, 'plan review reminders failed') });
  const stop = async () => {
    stopReminders();
    await app.close();
    await dispatcher.stop();
    await escalator.stop();
    for (const c of Object.values(channels)) await c.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
