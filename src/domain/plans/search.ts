/** Lower case without diacritics ('Équipes' → 'equipes'), so both databases match accents alike. */
export const foldForSearch = (...parts: string[]): string => parts.join(' ').normalize('NFKD').replace(/\p{M}+/gu, '').normalize('NFC').toLowerCase();

/** Words of a query as search terms (at most 12); punctuation never reaches a full-text query syntax. */
export function searchTerms(q: string): string[] {
  return (foldForSearch(q).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}
