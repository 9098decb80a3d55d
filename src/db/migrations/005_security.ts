import type { Kysely } from 'kysely';

// Security risk management (DOMAIN §4): security level areas, threat assessments, security levels
// with history, SRAs with scenarios, programmes with criticality, and MOSS/MORSS checklists.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('security_areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('country_code', 'text', (c) => c.notNull().references('countries.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('security_areas_country').on('security_areas').column('country_code').execute();
  await db.schema.createTable('security_area_locations')
    .addColumn('area_id', 'text', (c) => c.notNull().references('security_areas.id').onDelete('cascade'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addPrimaryKeyConstraint('security_area_locations_pk', ['area_id', 'location_id'])
    .execute();
  await db.schema.createIndex('security_area_locations_location').on('security_area_locations').column('location_id').execute();

  // One row per decision: the history of an area's level is its rows in effective order.
  await db.schema.createTable('security_levels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('area_id', 'text', (c) => c.notNull().references('security_areas.id').onDelete('cascade'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('security_levels_area').on('security_levels').columns(['area_id', 'effective_from']).execute();

  await db.schema.createTable('threat_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('area_id', 'text', (c) => c.notNull().references('security_areas.id').onDelete('cascade'))
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('threats', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('threat_assessments_area').on('threat_assessments').columns(['area_id', 'assessed_on']).execute();

  await db.schema.createTable('sras')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('area_id', 'text', (c) => c.notNull().references('security_areas.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('matrix_id', 'text', (c) => c.notNull().references('risk_matrices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sras_area').on('sras').column('area_id').execute();
  await db.schema.createTable('sra_scenarios')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sra_id', 'text', (c) => c.notNull().references('sras.id').onDelete('cascade'))
    .addColumn('threat_category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('likelihood', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('existing_measures', 'text', (c) => c.notNull())
    .addColumn('recommended_measures', 'text', (c) => c.notNull())
    .addColumn('residual_likelihood', 'integer', (c) => c.notNull())
    .addColumn('residual_impact', 'integer', (c) => c.notNull())
    .addColumn('residual_band', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sra_scenarios_sra').on('sra_scenarios').column('sra_id').execute();

  await db.schema.createTable('programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull().references('entities.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('sra_id', 'text', (c) => c.references('sras.id').onDelete('set null'))
    .addColumn('criticality', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('programmes_location').on('programmes').column('location_id').execute();
  await db.schema.createIndex('programmes_sra').on('programmes').column('sra_id').execute();

  await db.schema.createTable('compliance_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('compliance_template_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('template_id', 'text', (c) => c.notNull().references('compliance_templates.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('compliance_template_items_code', ['template_id', 'code'])
    .execute();
  await db.schema.createTable('compliance_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('template_item_id', 'text', (c) => c.notNull().references('compliance_template_items.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('compliance_items_unique', ['location_id', 'template_item_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
