import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_SUBJECTS } from '../src/domain/audit.js';

/** Every language has exactly the English keys: a missing string would show its key to the user. */
const dir = path.resolve(import.meta.dirname, '../web/src/i18n');
const LANGS = ['en', 'fr', 'es', 'ru', 'zh', 'ar'];

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).filter(([k]) => k !== '_meta').flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const read = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const areaDirs = fs.existsSync(path.join(dir, 'areas')) ? fs.readdirSync(path.join(dir, 'areas')) : [];
const sets = [{ name: 'shared', file: (l: string) => path.join(dir, `${l}.json`) },
  ...areaDirs.map((a) => ({ name: a, file: (l: string) => path.join(dir, 'areas', a, `${l}.json`) }))];

describe('interface strings', () => {
  for (const set of sets) {
    it(`${set.name}: every language has the English keys and no others`, () => {
      const english = keys(read(set.file('en'))).sort();
      expect(english.length).toBeGreaterThan(0);
      for (const lng of LANGS.slice(1)) expect(keys(read(set.file(lng))).sort(), `${set.name}/${lng}`).toEqual(english);
    });
  }
  it('names every audit action and subject the services can record', () => {
    const en = read(path.join(dir, 'en.json')) as { actions: Record<string, string>; subjects: Record<string, string> };
    expect(AUDIT_ACTIONS.filter((a) => !en.actions[a])).toEqual([]);
    expect(AUDIT_SUBJECTS.filter((s) => !en.subjects[s])).toEqual([]);
  });
  it('no area redefines a namespace of the shared files or of another area', () => {
    const seen = new Map(Object.keys(read(path.join(dir, 'en.json')) as object).map((k) => [k, 'shared']));
    for (const a of areaDirs) {
      for (const k of Object.keys(read(path.join(dir, 'areas', a, 'en.json')) as object)) {
        if (k === '_meta') continue;
        expect(seen.get(k), `${a} redefines ${k}`).toBeUndefined();
        seen.set(k, a);
      }
    }
  });
});
