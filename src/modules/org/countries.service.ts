import type { z } from 'zod';
import type { Selectable } from 'kysely';
import type { CountryTable } from '../../db/types.js';
import { contains, fetchPage, parseSort, type Page } from '../../db/paging.js';
import { notFound } from '../../server/errors.js';
import type { Ctx } from '../../server/context.js';
import type { countryListQuery } from './schema.js';

export const presentCountry = (r: Selectable<CountryTable>) => ({
  code: r.code, alpha3: r.alpha3,
  names: { en: r.name_en, fr: r.name_fr, es: r.name_es, ru: r.name_ru, zh: r.name_zh, ar: r.name_ar },
});
export type CountryOut = ReturnType<typeof presentCountry>;

export async function listCountries(ctx: Ctx, q: z.infer<typeof countryListQuery>): Promise<Page<CountryOut>> {
  const { key, dir } = parseSort<'name' | 'code'>(q.sort);
  let qb = ctx.db.selectFrom('countries').selectAll();
  if (q.q) {
    const text = q.q;
    qb = qb.where((eb) => eb.or([
      eb('code', '=', text.toUpperCase()),
      ...(['name_en', 'name_fr', 'name_es', 'name_ru', 'name_zh', 'name_ar'] as const).map((c) => contains(c, text, { lower: true })),
    ]));
  }
  const { items, total } = await fetchPage(qb.orderBy(key === 'name' ? 'name_en' : 'code', dir), q);
  return { items: items.map(presentCountry), total, page: q.page, pageSize: q.pageSize };
}

export async function getCountry(ctx: Ctx, code: string): Promise<CountryOut> {
  const row = await ctx.db.selectFrom('countries').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw notFound('Country');
  return presentCountry(row);
}
