import type { z } from 'zod';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, EntityRow } from '../../db/types.js';
import { contains, fetchPage, parseSort, type Page } from '../../db/paging.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { can } from './policy.js';
import type { entityInput, entityListQuery, entityPatch } from './schema.js';

export const presentEntity = (r: EntityRow) => ({
  id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id, createdAt: r.created_at, updatedAt: r.updated_at,
});
export type EntityOut = ReturnType<typeof presentEntity>;

export async function listEntities(ctx: Ctx, q: z.infer<typeof entityListQuery>): Promise<Page<EntityOut>> {
  const { key, dir } = parseSort<'name' | 'code'>(q.sort);
  let qb = ctx.db.selectFrom('entities').selectAll();
  if (q.q) qb = qb.where((eb) => eb.or([contains('name', q.q!, { lower: true }), contains('code', q.q!, { lower: true })]));
  if (q.kind) qb = qb.where('kind', '=', q.kind);
  if (q.parentId) qb = qb.where('parent_id', '=', q.parentId);
  const { items, total } = await fetchPage(qb.orderBy(key, dir).orderBy('id'), q);
  return { items: items.map(presentEntity), total, page: q.page, pageSize: q.pageSize };
}

async function getRow(db: Kysely<Database> | Transaction<Database>, id: string): Promise<EntityRow> {
  const row = await db.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Entity');
  return row;
}

export const getEntity = async (ctx: Ctx, id: string) => presentEntity(await getRow(ctx.db, id));

export async function createEntity(ctx: Ctx, input: z.infer<typeof entityInput>): Promise<EntityOut> {
  if (!can(ctx.principal, 'entity.write', { entityId: input.parentId })) throw forbidden('You may not add an entity here');
  return ctx.db.transaction().execute(async (trx) => {
    const parent = input.parentId ? await trx.selectFrom('entities').select('path').where('id', '=', input.parentId).executeTakeFirst() : undefined;
    if (input.parentId && !parent) throw badRequest('Parent entity does not exist', { parentId: 'No such entity' });
    await assertCodeFree(trx, input.code);
    const id = newId();
    const now = nowIso();
    const row: EntityRow = {
      id, code: input.code, name: input.name, kind: input.kind, parent_id: input.parentId,
      path: `${parent?.path ?? '/'}${id}/`, created_at: now, updated_at: now,
    };
    await trx.insertInto('entities').values(row).execute();
    const out = presentEntity(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'entity', subjectId: id, entityId: id, after: out });
    return out;
  });
}

async function assertCodeFree(trx: Transaction<Database>, code: string, exceptId?: string) {
  // Case-insensitive: imports match entity codes regardless of case, so 'UNDP' and 'undp' would be ambiguous.
  let qb = trx.selectFrom('entities').select('id').where(sql`lower(code)`, '=', code.toLowerCase());
  if (exceptId) qb = qb.where('id', '!=', exceptId);
  if (await qb.executeTakeFirst()) throw conflict('Entity code already in use', { code: 'Already in use' });
}

export async function updateEntity(ctx: Ctx, id: string, patch: z.infer<typeof entityPatch>): Promise<EntityOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getRow(trx, id);
    if (!can(ctx.principal, 'entity.write', { entityId: id })) throw forbidden('You may not change this entity');
    if (patch.code !== undefined) await assertCodeFree(trx, patch.code, id);
    let path = before.path;
    if (patch.parentId !== undefined && patch.parentId !== before.parent_id) {
      if (!can(ctx.principal, 'entity.write', { entityId: patch.parentId })) throw forbidden('You may not move the entity there');
      const parent = patch.parentId ? await trx.selectFrom('entities').select('path').where('id', '=', patch.parentId).executeTakeFirst() : undefined;
      if (patch.parentId && !parent) throw badRequest('Parent entity does not exist', { parentId: 'No such entity' });
      if (parent?.path.startsWith(before.path)) throw badRequest('An entity cannot be placed under itself or its descendants', { parentId: 'Would create a cycle' });
      path = `${parent?.path ?? '/'}${id}/`;
      // Re-root the subtree's materialized paths.
      const subtree = await trx.selectFrom('entities').select(['id', 'path']).where('path', 'like', `${before.path}%`).where('id', '!=', id).execute();
      for (const s of subtree) {
        await trx.updateTable('entities').set({ path: path + s.path.slice(before.path.length) }).where('id', '=', s.id).execute();
      }
    }
    const after: EntityRow = {
      ...before,
      code: patch.code ?? before.code, name: patch.name ?? before.name, kind: patch.kind ?? before.kind,
      parent_id: patch.parentId !== undefined ? patch.parentId : before.parent_id, path, updated_at: nowIso(),
    };
    await trx.updateTable('entities').set(after).where('id', '=', id).execute();
    const out = presentEntity(after);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'entity', subjectId: id, entityId: id, before: presentEntity(before), after: out });
    return out;
  });
}

export async function deleteEntity(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getRow(trx, id);
    if (!can(ctx.principal, 'entity.write', { entityId: id })) throw forbidden('You may not delete this entity');
    const [child, person, team, grant] = await Promise.all([
      trx.selectFrom('entities').select('id').where('parent_id', '=', id).executeTakeFirst(),
      trx.selectFrom('people').select('id').where('entity_id', '=', id).executeTakeFirst(),
      trx.selectFrom('teams').select('id').where('entity_id', '=', id).executeTakeFirst(),
      trx.selectFrom('role_grants').select('id').where('scope_type', '=', 'entity').where('scope_id', '=', id).executeTakeFirst(),
    ]);
    if (child || person || team) throw conflict('The entity still has sub-entities, people or teams; move or delete them first');
    if (grant) throw conflict('Roles are granted on this entity; withdraw those grants first');
    await trx.deleteFrom('entities').where('id', '=', id).execute();
    await recordAudit(trx, ctxActor(ctx), { action: 'delete', subjectType: 'entity', subjectId: id, entityId: id, before: presentEntity(before) });
  });
}
