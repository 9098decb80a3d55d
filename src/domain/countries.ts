import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { UN_LANGUAGES } from './org.js';

const require = createRequire(import.meta.url);
for (const lang of UN_LANGUAGES) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

export interface CountryNames { en: string; fr: string; es: string; ru: string; zh: string; ar: string }
export interface IsoCountry { code: string; alpha3: string; names: CountryNames }

/** Every ISO 3166-1 country with its name in the six UN languages (from i18n-iso-countries). */
export function isoCountries(): IsoCountry[] {
  return Object.keys(countries.getAlpha2Codes()).sort().map((code) => {
    const names = Object.fromEntries(UN_LANGUAGES.map((l) => [l, countries.getName(code, l) ?? countries.getName(code, 'en') ?? code])) as unknown as CountryNames;
    return { code, alpha3: countries.alpha2ToAlpha3(code) ?? code, names };
  });
}
