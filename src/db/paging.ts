import { z } from 'zod';
import type { SelectQueryBuilder } from 'kysely';
import type { Database } from './types.js';

export const MAX_PAGE_SIZE = 500;

/** Query parameters shared by every list endpoint; `sort` is given per resource. */
export const pageParams = {
  page: z.coerce.number().int().min(1).default(1).describe('1-based page number'),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  q: z.string().trim().max(200).optional().describe('Text search'),
};

/** `sort` accepts a key or `-key` for descending. */
export function sortParam<K extends string>(keys: readonly [K, ...K[]], fallback: K) {
  const values = keys.flatMap((k) => [k, `-${k}`]) as [string, ...string[]];
  return z.enum(values).default(fallback).describe(`One of ${keys.join(', ')}; prefix with - for descending`);
}

export function parseSort<K extends string>(sort: string): { key: K; dir: 'asc' | 'desc' } {
  return sort.startsWith('-') ? { key: sort.slice(1) as K, dir: 'desc' } : { key: sort as K, dir: 'asc' };
}

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

/** Runs a filtered, ordered query for one page and counts all matches. */
export async function fetchPage<O>(
  qb: SelectQueryBuilder<Database, any, O>,
  p: { page: number; pageSize: number },
): Promise<{ items: O[]; total: number }> {
  const items = await qb.limit(p.pageSize).offset((p.page - 1) * p.pageSize).execute();
  // A short first page is the whole result: no need to count.
  if (p.page === 1 && items.length < p.pageSize) return { items, total: items.length };
  const counted = await (qb as SelectQueryBuilder<Database, any, any>)
    .clearSelect().clearOrderBy().clearLimit().clearOffset()
    .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items, total: Number(counted.n) };
}

/** Lower-cased text used by LIKE searches, so both dialects search the same way. */
export const searchText = (...parts: (string | null | undefined)[]): string =>
  parts.filter(Boolean).join(' ').toLowerCase();

/** Escapes LIKE wildcards in user input (the queries use ESCAPE '\\'). */
export const likePattern = (q: string): string => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

import { sql, type RawBuilder } from 'kysely';

/** `column LIKE %q%` with wildcards in q taken literally, on both dialects. */
export function contains(column: string, q: string, opts: { lower?: boolean } = {}): RawBuilder<boolean> {
  const target = opts.lower ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  return sql<boolean>`${target} like ${likePattern(q)} escape '\\'`;
}
