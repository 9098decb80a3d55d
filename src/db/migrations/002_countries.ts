import type { Kysely } from 'kysely';
import { isoCountries } from '../../domain/countries.js';

// Countries are ISO reference data: loaded once, from the package, when the schema is created.
export async function up(db: Kysely<any>): Promise<void> {
  const rows = isoCountries().map((c) => ({
    code: c.code, alpha3: c.alpha3,
    name_en: c.names.en, name_fr: c.names.fr, name_es: c.names.es, name_ru: c.names.ru, name_zh: c.names.zh, name_ar: c.names.ar,
  }));
  await db.insertInto('countries').values(rows).execute();
}
