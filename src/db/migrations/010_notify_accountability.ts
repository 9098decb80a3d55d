import type { Kysely } from 'kysely';

/**
 * Emergency notification, second part (issue 6): template variables, the scope a message is issued
 * for (its approval policy), escalation of non-responders, approval policies per scope, the
 * in-app inbox, and an index for provider status callbacks.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // JSON: variable name → default value; every {{placeholder}} of the template is declared here.
  await db.schema.alterTable('message_templates').addColumn('variables', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('message_templates').addColumn('channels', 'text', (c) => c.notNull().defaultTo('["email"]')).execute();
  await db.schema.alterTable('message_templates').addColumn('created_by', 'text').execute();

  // The scope the message is issued for: 'org', or an entity or location id with its type.
  await db.schema.alterTable('messages').addColumn('scope_type', 'text', (c) => c.notNull().defaultTo('org')).execute();
  await db.schema.alterTable('messages').addColumn('scope_id', 'text').execute();
  await db.schema.alterTable('messages').addColumn('template_id', 'text').execute();
  // 'message', or 'escalation' for the system's message to wardens about a parent's non-responders.
  await db.schema.alterTable('messages').addColumn('kind', 'text', (c) => c.notNull().defaultTo('message')).execute();
  await db.schema.alterTable('messages').addColumn('parent_id', 'text').execute();
  await db.schema.alterTable('messages').addColumn('escalate_after_minutes', 'integer').execute();
  await db.schema.alterTable('messages').addColumn('escalated_at', 'text').execute();
  // JSON: the approval policy in force when the message was submitted.
  await db.schema.alterTable('messages').addColumn('policy', 'text').execute();
  await db.schema.createIndex('messages_escalation').on('messages').columns(['status', 'escalated_at']).execute();
  await db.schema.createIndex('messages_parent').on('messages').column('parent_id').execute();

  await db.schema.createTable('notify_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** 'org', 'entity:<id>' or 'location:<id>': one policy per scope. */
    .addColumn('scope_key', 'text', (c) => c.notNull().unique())
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text')
    .addColumn('approvals_required', 'integer', (c) => c.notNull())
    .addColumn('sender_roles', 'text', (c) => c.notNull())
    .addColumn('sender_may_be_drafter', 'integer', (c) => c.notNull())
    .addColumn('bypass_allowed', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // The in-app channel's store: one item per in-app delivery (unique, so a re-sent delivery is the same item).
  await db.schema.createTable('inbox_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('delivery_id', 'text', (c) => c.notNull().unique())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('inbox_items_user').on('inbox_items').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('inbox_items_unread').on('inbox_items').columns(['user_id', 'read_at']).execute();

  // SMS and webhook status callbacks find their delivery by the provider's id.
  await db.schema.createIndex('deliveries_provider').on('deliveries').column('provider_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('ORMS migrations are forward-only; restore a backup to go back');
}
