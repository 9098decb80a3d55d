import type { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { newId, nowIso } from '../../domain/ids.js';
import { optionProblems, undefinedVariables, type Content } from '../../domain/notify/template.js';
import { badRequest, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { canNotify } from './policy.js';
import type { templateInput, templatePatch } from './templates.schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type TemplateRow = Database['message_templates'];

/**
 * Message templates: ready texts in several languages with declared {{variables}}, kept as a
 * library so a crisis message starts from words agreed in calmer times.
 */
const present = (t: TemplateRow) => ({
  id: t.id, name: t.name, severity: t.severity, content: JSON.parse(t.content) as Content, variables: JSON.parse(t.variables) as Record<string, string>,
  responseOptions: t.response_options ? (JSON.parse(t.response_options) as string[]) : null, channels: JSON.parse(t.channels) as string[],
  createdAt: t.created_at, updatedAt: t.updated_at,
});
export type TemplateOut = ReturnType<typeof present>;

/** Every placeholder must be declared (a template must not hide a hole), and translated answers must match the answers. */
function check(c: Content, vars: Record<string, string>, options: string[] | null) {
  const fields = { ...undefinedVariables(c, vars), ...optionProblems(c, options) };
  for (const [k, v] of Object.entries(fields)) if (v.startsWith('Undefined variable')) fields[k] = `${v} (declare it under variables)`;
  if (Object.keys(fields).length) throw badRequest('The template does not check out', fields);
}

async function row(db: Db, id: string): Promise<TemplateRow> {
  const t = await db.selectFrom('message_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t) throw notFound('Template');
  return t;
}

export async function listTemplates(ctx: Ctx, q?: string): Promise<TemplateOut[]> {
  if (!canNotify(ctx.principal, 'message.draft')) throw forbidden('You may not draft messages');
  let qb = ctx.db.selectFrom('message_templates').selectAll();
  if (q) qb = qb.where((eb) => eb(eb.fn('lower', ['name']), 'like', `%${q.toLowerCase().replace(/[%_\\]/g, '')}%`));
  return (await qb.orderBy('name').limit(500).execute()).map(present);
}

export async function getTemplate(ctx: Ctx, id: string): Promise<TemplateOut> {
  if (!canNotify(ctx.principal, 'message.draft')) throw forbidden('You may not draft messages');
  return present(await row(ctx.db, id));
}

export async function createTemplate(ctx: Ctx, input: z.infer<typeof templateInput>): Promise<TemplateOut> {
  if (!canNotify(ctx.principal, 'template.manage')) throw forbidden('You may not manage templates');
  check(input.content, input.variables, input.responseOptions);
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    const t: TemplateRow = {
      id: newId(), name: input.name, severity: input.severity, content: JSON.stringify(input.content), variables: JSON.stringify(input.variables),
      response_options: input.responseOptions ? JSON.stringify(input.responseOptions) : null, channels: JSON.stringify([...new Set(input.channels)]),
      created_by: ctx.principal.userId, created_at: now, updated_at: now,
    };
    await trx.insertInto('message_templates').values(t).execute();
    const out = present(t);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'message_template', subjectId: t.id, after: out });
    return out;
  });
}

export async function updateTemplate(ctx: Ctx, id: string, patch: z.infer<typeof templatePatch>): Promise<TemplateOut> {
  if (!canNotify(ctx.principal, 'template.manage')) throw forbidden('You may not manage templates');
  return ctx.db.transaction().execute(async (trx) => {
    const t = await row(trx, id);
    const before = present(t);
    const content = patch.content ?? before.content;
    const variables = patch.variables ?? before.variables;
    const options = patch.responseOptions !== undefined ? patch.responseOptions : before.responseOptions;
    check(content, variables, options);
    const next: TemplateRow = {
      ...t, name: patch.name ?? t.name, severity: patch.severity ?? t.severity, content: JSON.stringify(content), variables: JSON.stringify(variables),
      response_options: options ? JSON.stringify(options) : null, channels: patch.channels ? JSON.stringify([...new Set(patch.channels)]) : t.channels, updated_at: nowIso(),
    };
    await trx.updateTable('message_templates').set(next).where('id', '=', id).execute();
    const after = present(next);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'message_template', subjectId: id, before, after });
    return after;
  });
}

export async function deleteTemplate(ctx: Ctx, id: string): Promise<void> {
  if (!canNotify(ctx.principal, 'template.manage')) throw forbidden('You may not manage templates');
  await ctx.db.transaction().execute(async (trx) => {
    const before = present(await row(trx, id));
    // Messages drafted from it keep their own copy of the text; only the link goes.
    await trx.updateTable('messages').set({ template_id: null }).where('template_id', '=', id).execute();
    await trx.deleteFrom('message_templates').where('id', '=', id).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'message_template', subjectId: id, before });
  });
}
