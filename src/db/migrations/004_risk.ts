import type { Kysely } from 'kysely';
import { DEFAULT_MATRIX } from '../../domain/risk/matrix.js';

// Risk registers (DOMAIN §3): matrices are versioned rows; every rating keeps the matrix version it used.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('risk_matrices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('risk_matrices_key_version', ['key', 'version'])
    .execute();

  await db.schema.createTable('joint_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('matrix_id', 'text', (c) => c.notNull().references('risk_matrices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('joint_assessments_location').on('joint_assessments').column('location_id').execute();
  await db.schema.createTable('joint_assessment_entities')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('joint_assessments.id').onDelete('cascade'))
    .addColumn('entity_id', 'text', (c) => c.notNull().references('entities.id'))
    .addPrimaryKeyConstraint('joint_assessment_entities_pk', ['assessment_id', 'entity_id'])
    .execute();
  await db.schema.createIndex('joint_assessment_entities_entity').on('joint_assessment_entities').column('entity_id').execute();

  await db.schema.createTable('risks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('consequence', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('joint_assessment_id', 'text', (c) => c.references('joint_assessments.id'))
    .addColumn('owner_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('components', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('matrix_id', 'text', (c) => c.notNull().references('risk_matrices.id'))
    .addColumn('inherent_likelihood', 'integer', (c) => c.notNull())
    .addColumn('inherent_impact', 'integer', (c) => c.notNull())
    .addColumn('inherent_band', 'text', (c) => c.notNull())
    .addColumn('residual_likelihood', 'integer')
    .addColumn('residual_impact', 'integer')
    .addColumn('residual_band', 'text')
    .addColumn('review_due', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risks_entity').on('risks').columns(['entity_id', 'residual_band']).execute();
  await db.schema.createIndex('risks_location').on('risks').columns(['location_id', 'residual_band']).execute();
  await db.schema.createIndex('risks_joint').on('risks').column('joint_assessment_id').execute();
  // Covering indexes: the heat map counts cells without touching the table.
  await db.schema.createIndex('risks_heat_residual').on('risks').columns(['residual_likelihood', 'residual_impact', 'matrix_id', 'status']).execute();
  await db.schema.createIndex('risks_heat_inherent').on('risks').columns(['inherent_likelihood', 'inherent_impact', 'matrix_id', 'status']).execute();
  await db.schema.createIndex('risks_review').on('risks').column('review_due').execute();

  // Components a risk touches, one row each, so heat maps can filter by component with an index.
  await db.schema.createTable('risk_components')
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('component', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('risk_components_pk', ['risk_id', 'component'])
    .execute();
  await db.schema.createIndex('risk_components_component').on('risk_components').columns(['component', 'risk_id']).execute();

  // Every rating ever given, by whom and for which entity (joint assessments rate per entity).
  await db.schema.createTable('risk_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('matrix_id', 'text', (c) => c.notNull().references('risk_matrices.id'))
    .addColumn('likelihood', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('note', 'text')
    .addColumn('rated_by', 'text')
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('risk_ratings_risk').on('risk_ratings').columns(['risk_id', 'rated_at']).execute();

  await db.schema.createTable('treatments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('start_date', 'text')
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cost', 'double precision')
    .addColumn('currency', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('treatments_risk').on('treatments').column('risk_id').execute();
  await db.schema.createIndex('treatments_due').on('treatments').columns(['status', 'due_date']).execute();

  await db.insertInto('risk_matrices').values({
    id: '00000000-0000-7000-8000-000000000001', key: 'default', version: 1, name: 'UN security risk management 5×5',
    definition: JSON.stringify(DEFAULT_MATRIX), created_at: new Date().toISOString(),
  }).execute();
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
