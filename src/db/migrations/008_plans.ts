import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { DEFAULT_PLAN_TYPES } from '../../domain/plans/catalog.js';
import { ORMS_TEMPLATE_SECTIONS } from '../../domain/plans/content.js';

// Plans with immutable approved versions, review cycle and reminders (DOMAIN §7); exercises,
// after-action reviews, corrective actions and the lessons-learned library (DOMAIN §8).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('plan_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('review_months', 'integer', (c) => c.notNull())
    .addColumn('allow_self_approval', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('plan_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_type_id', 'text', (c) => c.references('plan_types.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_type_id', 'text', (c) => c.notNull().references('plan_types.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('owner_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('approver_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('activation_criteria', 'text', (c) => c.notNull())
    .addColumn('current_version_id', 'text')
    .addColumn('review_due', 'text')
    .addColumn('review_triggered_by', 'text')
    .addColumn('review_trigger_note', 'text')
    .addColumn('review_flagged_at', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plans_entity').on('plans').column('entity_id').execute();
  await db.schema.createIndex('plans_location').on('plans').columns(['location_id', 'status']).execute();
  await db.schema.createIndex('plans_review').on('plans').column('review_due').execute();

  // Entities sharing an inter-agency plan at its location, each of which sees it.
  await db.schema.createTable('plan_entities')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('entity_id', 'text', (c) => c.notNull().references('entities.id'))
    .addPrimaryKeyConstraint('plan_entities_pk', ['plan_id', 'entity_id'])
    .execute();
  await db.schema.createIndex('plan_entities_entity').on('plan_entities').column('entity_id').execute();

  // Risks, processes, teams and contacts a plan addresses; kind says which table target_id is in.
  await db.schema.createTable('plan_links')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_links_pk', ['plan_id', 'kind', 'target_id'])
    .execute();
  await db.schema.createIndex('plan_links_target').on('plan_links').columns(['kind', 'target_id']).execute();

  await db.schema.createTable('plan_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('drafted_by', 'text', (c) => c.references('users.id'))
    .addColumn('drafted_by_email', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_by_email', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_versions_number', ['plan_id', 'number'])
    .execute();

  // The approval workflow's record: submissions, comments, approvals and rejections.
  await db.schema.createTable('plan_approval_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('plan_versions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('email', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_approval_events_version').on('plan_approval_events').columns(['version_id', 'at']).execute();

  await db.schema.createTable('plan_review_triggers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_review_triggers_plan').on('plan_review_triggers').columns(['plan_id', 'at']).execute();

  // In-app reminders; one per plan, kind and due date, so a reminder run sends each once.
  await db.schema.createTable('plan_reminders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('review_due', 'text', (c) => c.notNull())
    .addColumn('emailed_to', 'text')
    .addColumn('email_error', 'text')
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_reminders_once', ['plan_id', 'kind', 'review_due'])
    .execute();
  await db.schema.createIndex('plan_reminders_person').on('plan_reminders').columns(['person_id', 'created_at']).execute();

  // Activating a plan turns its checklists into tasks.
  await db.schema.createTable('plan_activations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('plan_versions.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('activated_by', 'text')
    .addColumn('activated_at', 'text', (c) => c.notNull())
    .addColumn('deactivated_at', 'text')
    .execute();
  await db.schema.createTable('plan_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activation_id', 'text', (c) => c.notNull().references('plan_activations.id').onDelete('cascade'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_by', 'text')
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('plan_tasks_activation').on('plan_tasks').columns(['activation_id', 'position']).execute();

  // Wallet cards: emergency numbers and first actions per duty station (000 §24(a), §60).
  await db.schema.createTable('wallet_cards')
    .addColumn('location_id', 'text', (c) => c.primaryKey().references('locations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('numbers', 'text', (c) => c.notNull())
    .addColumn('first_actions', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('exercises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('scenario', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exercises_location').on('exercises').columns(['location_id', 'starts_at']).execute();
  await db.schema.createIndex('exercises_entity').on('exercises').columns(['entity_id', 'starts_at']).execute();
  await db.schema.createTable('exercise_objectives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('result_note', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exercise_objectives_exercise').on('exercise_objectives').columns(['exercise_id', 'position']).execute();
  await db.schema.createTable('exercise_plans')
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addPrimaryKeyConstraint('exercise_plans_pk', ['exercise_id', 'plan_id'])
    .execute();
  await db.schema.createTable('exercise_teams')
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addPrimaryKeyConstraint('exercise_teams_pk', ['exercise_id', 'team_id'])
    .execute();
  await db.schema.createTable('exercise_participants')
    .addColumn('exercise_id', 'text', (c) => c.notNull().references('exercises.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('attended', 'integer')
    .addPrimaryKeyConstraint('exercise_participants_pk', ['exercise_id', 'person_id'])
    .execute();

  await db.schema.createTable('after_action_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('exercise_id', 'text', (c) => c.references('exercises.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('what_happened', 'text', (c) => c.notNull())
    .addColumn('what_worked', 'text', (c) => c.notNull())
    .addColumn('what_did_not', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('after_action_reviews_exercise').on('after_action_reviews').column('exercise_id').execute();
  // A finding and the corrective action it became, tracked to closure.
  await db.schema.createTable('corrective_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('after_action_reviews.id').onDelete('cascade'))
    .addColumn('finding', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.references('plans.id'))
    .addColumn('closed_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('corrective_actions_review').on('corrective_actions').column('review_id').execute();
  await db.schema.createIndex('corrective_actions_due').on('corrective_actions').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('corrective_actions_plan').on('corrective_actions').column('plan_id').execute();

  await db.schema.createTable('lessons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.references('entities.id'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('review_id', 'text', (c) => c.references('after_action_reviews.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lessons_category').on('lessons').columns(['category', 'created_at']).execute();
  await db.schema.createTable('lesson_tags')
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('lessons.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lesson_tags_pk', ['lesson_id', 'tag'])
    .execute();
  await db.schema.createIndex('lesson_tags_tag').on('lesson_tags').columns(['tag', 'lesson_id']).execute();
  await fullTextSearch(db);

  const now = new Date().toISOString();
  const types = DEFAULT_PLAN_TYPES.map((t, i) => ({
    id: `00000000-0000-7000-8000-0000000008${String(i).padStart(2, '0')}`, key: t.key, name: t.name, review_months: t.reviewMonths,
    allow_self_approval: 0, created_at: now, updated_at: now,
  }));
  await db.insertInto('plan_types').values(types).execute();
  await db.insertInto('plan_templates').values({
    id: '00000000-0000-7000-8000-000000000899', plan_type_id: null, name: 'ORMS standard plan',
    content: JSON.stringify({ sections: ORMS_TEMPLATE_SECTIONS }), created_at: now, updated_at: now,
  }).execute();
}

/**
 * The lessons library's full-text index, the database's own: an FTS5 table kept by triggers on
 * SQLite; a generated tsvector column with a GIN index on PostgreSQL ('simple' configuration:
 * lessons come in all six UN languages, so no one language's stemming applies).
 */
async function fullTextSearch(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // search_text is folded by the application (lower case, no diacritics), as unaccent() cannot be used here.
    await sql`alter table lessons add column search_vector tsvector generated always as (to_tsvector('simple', search_text)) stored`.execute(db);
    await sql`create index lessons_search on lessons using gin (search_vector)`.execute(db);
    return;
  }
  // The index keeps its own copy keyed by lesson id: rowids of a text-keyed table may change on VACUUM.
  await sql`create virtual table lessons_fts using fts5(lesson_id unindexed, title, body, tags, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`create trigger lessons_fts_insert after insert on lessons begin
    insert into lessons_fts (lesson_id, title, body, tags) values (new.id, new.title, new.body, new.tags); end`.execute(db);
  await sql`create trigger lessons_fts_update after update of title, body, tags on lessons begin
    delete from lessons_fts where lesson_id = old.id;
    insert into lessons_fts (lesson_id, title, body, tags) values (new.id, new.title, new.body, new.tags); end`.execute(db);
  await sql`create trigger lessons_fts_delete after delete on lessons begin delete from lessons_fts where lesson_id = old.id; end`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
