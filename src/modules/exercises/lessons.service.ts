import type { z } from 'zod';
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import { fetchPage, type Page } from '../../db/paging.js';
import { newId, nowIso } from '../../domain/ids.js';
import { badRequest, forbidden, notFound, type FieldErrors } from '../../server/errors.js';
import { ctxActor, type Ctx } from '../../server/context.js';
import { recordAudit } from '../audit/service.js';
import { foldForSearch, searchTerms } from '../../domain/plans/search.js';
import { canWriteLesson } from './policy.js';
import type { lessonInput, lessonListQuery, lessonPatch } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type LessonRow = Database['lessons'];
/** Named columns: on PostgreSQL the table also holds its tsvector, which no one needs to read. */
const COLUMNS = ['id', 'title', 'body', 'category', 'tags', 'search_text', 'entity_id', 'location_id', 'review_id', 'created_by', 'created_at', 'updated_at'] as const;

const presentLesson = (l: LessonRow) => ({
  id: l.id, title: l.title, body: l.body, category: l.category, tags: l.tags ? l.tags.split(' ') : [], entityId: l.entity_id, locationId: l.location_id,
  reviewId: l.review_id, createdBy: l.created_by, createdAt: l.created_at, updatedAt: l.updated_at,
});
export type LessonOut = ReturnType<typeof presentLesson>;

export { searchTerms };

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The library, newest first; with `q`, by relevance using the database's own full-text index:
 * FTS5 (bm25) on SQLite, tsvector with a GIN index (ts_rank) on PostgreSQL.
 */
export async function listLessons(ctx: Ctx, q: z.infer<typeof lessonListQuery>): Promise<Page<LessonOut>> {
  const terms = q.q ? searchTerms(q.q) : [];
  if (!terms.length) {
    let qb = ctx.db.selectFrom('lessons').select([...COLUMNS]);
    if (q.category) qb = qb.where('category', '=', q.category);
    if (q.tag) qb = qb.where('id', 'in', ctx.db.selectFrom('lesson_tags').select('lesson_id').where('tag', '=', q.tag));
    if (q.entityId) qb = qb.where('entity_id', '=', q.entityId);
    if (q.locationId) qb = qb.where('location_id', '=', q.locationId);
    if (q.reviewId) qb = qb.where('review_id', '=', q.reviewId);
    const { items, total } = await fetchPage(qb.orderBy('created_at', 'desc').orderBy('id', 'desc'), q);
    return { items: items.map(presentLesson), total, page: q.page, pageSize: q.pageSize };
  }
  const conds = [];
  if (q.category) conds.push(sql`category = ${q.category}`);
  if (q.tag) conds.push(sql`id in (select lesson_id from lesson_tags where tag = ${q.tag})`);
  if (q.entityId) conds.push(sql`entity_id = ${q.entityId}`);
  if (q.locationId) conds.push(sql`location_id = ${q.locationId}`);
  if (q.reviewId) conds.push(sql`review_id = ${q.reviewId}`);
  const offset = (q.page - 1) * q.pageSize;
  let ids: string[];
  let count: () => Promise<number>;
  if (isPostgres(ctx.db)) {
    const query = terms.map((t) => `${t}:*`).join(' & ');
    const where = sql.join([sql`search_vector @@ to_tsquery('simple', ${query})`, ...conds], sql` and `);
    ids = (await sql<{ id: string }>`select id from lessons where ${where} order by ts_rank(search_vector, to_tsquery('simple', ${query})) desc, id limit ${q.pageSize} offset ${offset}`.execute(ctx.db)).rows.map((r) => r.id);
    count = async () => Number((await sql<{ n: number }>`select count(*) as n from lessons where ${where}`.execute(ctx.db)).rows[0]!.n);
  } else {
    // Ranked in the FTS table alone; filters narrow it by a set of ids rather than a join per match.
    const match = terms.map((t) => `"${t}"*`).join(' ');
    const where = conds.length ? sql`lessons_fts match ${match} and lesson_id in (select id from lessons where ${sql.join(conds, sql` and `)})` : sql`lessons_fts match ${match}`;
    ids = (await sql<{ id: string }>`select lesson_id as id from lessons_fts where ${where} order by rank, lesson_id limit ${q.pageSize} offset ${offset}`.execute(ctx.db)).rows.map((r) => r.id);
    count = async () => Number((await sql<{ n: number }>`select count(*) as n from lessons_fts where ${where}`.execute(ctx.db)).rows[0]!.n);
  }
  const rows = ids.length ? await ctx.db.selectFrom('lessons').select([...COLUMNS]).where('id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A short first page is the whole result: no need to count.
  const total = q.page === 1 && ids.length < q.pageSize ? ids.length : await count();
  return { items: ids.map((id) => presentLesson(byId.get(id)!)), total, page: q.page, pageSize: q.pageSize };
}

/** The tags in use, most used first (the library's tag cloud). */
export async function lessonTags(ctx: Ctx) {
  const rows = await ctx.db.selectFrom('lesson_tags').select(['tag', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('tag')
    .orderBy('n', 'desc').orderBy('tag').limit(200).execute();
  return rows.map((r) => ({ tag: r.tag, count: Number(r.n) }));
}

export async function getLesson(ctx: Ctx, id: string): Promise<LessonOut> {
  const l = await ctx.db.selectFrom('lessons').select([...COLUMNS]).where('id', '=', id).executeTakeFirst();
  if (!l) throw notFound('Lesson');
  return presentLesson(l);
}

async function problems(db: Db, r: { entityId?: string | null | undefined; locationId?: string | null | undefined; reviewId?: string | null | undefined }): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  if (r.entityId && !(await db.selectFrom('entities').select('id').where('id', '=', r.entityId).executeTakeFirst())) fields.entityId = 'No such entity';
  if (r.locationId && !(await db.selectFrom('locations').select('id').where('id', '=', r.locationId).executeTakeFirst())) fields.locationId = 'No such location';
  if (r.reviewId && !(await db.selectFrom('after_action_reviews').select('id').where('id', '=', r.reviewId).executeTakeFirst())) fields.reviewId = 'No such after-action review';
  return fields;
}

async function setTags(trx: Transaction<Database>, id: string, tags: string[]) {
  await trx.deleteFrom('lesson_tags').where('lesson_id', '=', id).execute();
  if (tags.length) await trx.insertInto('lesson_tags').values(tags.map((tag) => ({ lesson_id: id, tag }))).execute();
}

export async function createLesson(ctx: Ctx, input: z.infer<typeof lessonInput>): Promise<LessonOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const fields = await problems(trx, input);
    if (Object.keys(fields).length) throw badRequest('Invalid lesson', fields);
    if (!canWriteLesson(ctx.principal, input)) throw forbidden('You may not record lessons here');
    const tags = [...new Set(input.tags)];
    const now = nowIso();
    const row: LessonRow = {
      id: newId(), title: input.title, body: input.body, category: input.category, tags: tags.join(' '), search_text: foldForSearch(input.title, input.body, ...tags), entity_id: input.entityId, location_id: input.locationId,
      review_id: input.reviewId, created_by: ctx.principal.email, created_at: now, updated_at: now,
    };
    await trx.insertInto('lessons').values(row).execute();
    await setTags(trx, row.id, tags);
    const out = presentLesson(row);
    await recordAudit(trx, ctxActor(ctx), { action: 'create', subjectType: 'lesson', subjectId: row.id, entityId: row.entity_id, locationId: row.location_id, after: out });
    return out;
  });
}

export async function updateLesson(ctx: Ctx, id: string, patch: z.infer<typeof lessonPatch>): Promise<LessonOut> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('lessons').select([...COLUMNS]).where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Lesson');
    const next: LessonRow = {
      ...before, title: patch.title ?? before.title, body: patch.body ?? before.body, category: patch.category ?? before.category,
      tags: patch.tags ? [...new Set(patch.tags)].join(' ') : before.tags,
      entity_id: patch.entityId !== undefined ? patch.entityId : before.entity_id, location_id: patch.locationId !== undefined ? patch.locationId : before.location_id,
      review_id: patch.reviewId !== undefined ? patch.reviewId : before.review_id, updated_at: nowIso(),
    };
    next.search_text = foldForSearch(next.title, next.body, next.tags);
    const fields = await problems(trx, patch);
    if (Object.keys(fields).length) throw badRequest('Invalid lesson', fields);
    if (!canWriteLesson(ctx.principal, { entityId: before.entity_id, locationId: before.location_id }) || !canWriteLesson(ctx.principal, { entityId: next.entity_id, locationId: next.location_id })) throw forbidden('You may not change this lesson');
    await trx.updateTable('lessons').set(next).where('id', '=', id).execute();
    if (patch.tags) await setTags(trx, id, [...new Set(patch.tags)]);
    const out = presentLesson(next);
    await recordAudit(trx, ctxActor(ctx), { action: 'update', subjectType: 'lesson', subjectId: id, entityId: next.entity_id, locationId: next.location_id, before: presentLesson(before), after: out });
    return out;
  });
}
