import type { Kysely } from 'kysely';

/**
 * Business continuity and ICT disaster recovery (DOMAIN §5–6): BIA campaigns and their critical
 * processes, the application / data-centre / vendor inventory, DR tests, the typed dependency map
 * and BC strategies. Dependency ends are polymorphic (process, application, data centre, premises,
 * duty station, vendor), so they carry their type instead of a foreign key; deleting a node
 * deletes its edges in the same transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row: the organization's BIA settings, and a version bumped by every continuity write so
  // that each app node knows when its cached analysis model is stale.
  await db.schema.createTable('bc_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('intolerable_level', 'integer', (c) => c.notNull())
    .addColumn('data_version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('bc_settings').values({ id: 'org', intolerable_level: 4, data_version: 1, updated_at: new Date().toISOString() }).execute();

  await db.schema.createTable('bc_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('owner_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('time_points', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bc_campaigns_entity').on('bc_campaigns').columns(['entity_id', 'status']).execute();
  await db.schema.createIndex('bc_campaigns_location').on('bc_campaigns').columns(['location_id', 'status']).execute();

  await db.schema.createTable('bc_processes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('bc_campaigns.id').onDelete('cascade'))
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('impact_ratings', 'text', (c) => c.notNull())
    .addColumn('mtpd_hours', 'double precision')
    .addColumn('rto_hours', 'double precision')
    .addColumn('rpo_hours', 'double precision')
    .addColumn('peak_periods', 'text', (c) => c.notNull())
    .addColumn('minimum_staff', 'integer')
    .addColumn('staff_count', 'integer')
    .addColumn('remote_work', 'text')
    .addColumn('vital_records', 'text', (c) => c.notNull())
    .addColumn('workarounds', 'text', (c) => c.notNull())
    .addColumn('questionnaire_status', 'text', (c) => c.notNull())
    .addColumn('questionnaire_progress', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bc_processes_campaign').on('bc_processes').columns(['campaign_id', 'name']).execute();
  await db.schema.createIndex('bc_processes_entity').on('bc_processes').columns(['entity_id', 'name']).execute();
  await db.schema.createIndex('bc_processes_location').on('bc_processes').columns(['location_id', 'name']).execute();
  await db.schema.createIndex('bc_processes_owner').on('bc_processes').column('owner_person_id').execute();

  await db.schema.createTable('bc_data_centres')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('tier', 'text')
    .addColumn('failover_data_centre_id', 'text', (c) => c.references('bc_data_centres.id'))
    .addColumn('failover_readiness', 'text')
    .addColumn('failover_activation_hours', 'double precision')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bc_data_centres_location').on('bc_data_centres').column('location_id').execute();

  await db.schema.createTable('bc_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('criticality', 'text', (c) => c.notNull())
    .addColumn('replication', 'text', (c) => c.notNull())
    .addColumn('backup_method', 'text', (c) => c.notNull())
    .addColumn('achievable_rto_hours', 'double precision')
    .addColumn('achievable_rpo_hours', 'double precision')
    .addColumn('last_tested_on', 'text')
    .addColumn('dr_plan_url', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bc_applications_entity').on('bc_applications').columns(['entity_id', 'name']).execute();
  await db.schema.createIndex('bc_applications_name').on('bc_applications').column('name').execute();

  // Hosting: position 0 is the primary data centre; further rows are secondaries it can run from.
  await db.schema.createTable('bc_application_hosting')
    .addColumn('application_id', 'text', (c) => c.notNull().references('bc_applications.id').onDelete('cascade'))
    .addColumn('data_centre_id', 'text', (c) => c.notNull().references('bc_data_centres.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('bc_application_hosting_pk', ['application_id', 'data_centre_id'])
    .execute();
  await db.schema.createIndex('bc_application_hosting_dc').on('bc_application_hosting').columns(['data_centre_id', 'application_id']).execute();

  await db.schema.createTable('bc_dr_tests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('bc_applications.id').onDelete('cascade'))
    .addColumn('tested_on', 'text', (c) => c.notNull())
    .addColumn('achieved_rto_hours', 'double precision')
    .addColumn('achieved_rpo_hours', 'double precision')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bc_dr_tests_application').on('bc_dr_tests').columns(['application_id', 'tested_on']).execute();

  await db.schema.createTable('bc_vendors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('sla_hours', 'double precision')
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bc_vendors_entity').on('bc_vendors').columns(['entity_id', 'name']).execute();

  await db.schema.createTable('bc_dependencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_id', 'text', (c) => c.notNull())
    .addColumn('from_type', 'text', (c) => c.notNull())
    .addColumn('to_id', 'text', (c) => c.notNull())
    .addColumn('to_type', 'text', (c) => c.notNull())
    .addColumn('needed_within_hours', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bc_dependencies_pair', ['from_id', 'to_id'])
    .execute();
  await db.schema.createIndex('bc_dependencies_to').on('bc_dependencies').column('to_id').execute();

  await db.schema.createTable('bc_dependency_alternates')
    .addColumn('dependency_id', 'text', (c) => c.notNull().references('bc_dependencies.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('node_type', 'text', (c) => c.notNull())
    .addColumn('readiness', 'text', (c) => c.notNull())
    .addColumn('activation_hours', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('bc_dependency_alternates_pk', ['dependency_id', 'position'])
    .execute();
  await db.schema.createIndex('bc_dependency_alternates_node').on('bc_dependency_alternates').column('node_id').execute();

  await db.schema.createTable('bc_strategies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('process_id', 'text', (c) => c.notNull().references('bc_processes.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('readiness', 'text', (c) => c.notNull())
    .addColumn('activation_hours', 'double precision', (c) => c.notNull())
    .addColumn('resource_id', 'text')
    .addColumn('resource_type', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bc_strategies_process').on('bc_strategies').column('process_id').execute();
  await db.schema.createIndex('bc_strategies_resource').on('bc_strategies').column('resource_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
