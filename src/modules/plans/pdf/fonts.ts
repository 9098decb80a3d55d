import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

/**
 * Fonts for printed plans, from npm packages: Noto Sans (Latin, Cyrillic, Greek), Noto Sans
 * Arabic and Noto Sans SC (Chinese). The @fontsource packages split each font into subsets by
 * Unicode range (Chinese into a hundred); we read those ranges from the packages' CSS and give
 * each run of text the subset that has its characters. WOFF (not WOFF2): it inflates fast.
 */
export interface Face { name: string; file: string; ranges: [number, number][]; rtl: boolean }

const require = createRequire(import.meta.url);
const PACKAGES = [
  { pkg: '@fontsource/noto-sans', subsets: /latin|cyrillic|greek|vietnamese/, rtl: false },
  { pkg: '@fontsource/noto-sans-arabic', subsets: /-arabic-/, rtl: true },
  { pkg: '@fontsource/noto-sans-sc', subsets: /./, rtl: false },
];

function parseRanges(list: string): [number, number][] {
  return list.split(',').map((r) => {
    const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as [number, number];
  });
}

function facesOf(weight: 400 | 700): Face[] {
  const faces: Face[] = [];
  for (const p of PACKAGES) {
    const css = require.resolve(`${p.pkg}/${weight}.css`);
    const text = fs.readFileSync(css, 'utf8');
    for (const m of text.matchAll(/url\(\.\/files\/([^)]+?)\.woff2\)[^;]*;\s*unicode-range:\s*([^;]+);/g)) {
      const [, base, ranges] = m;
      if (!p.subsets.test(base!)) continue;
      faces.push({ name: `${base}`, file: path.join(path.dirname(css), 'files', `${base}.woff`), ranges: parseRanges(ranges!), rtl: p.rtl });
    }
  }
  return faces;
}

const FACES = { 400: facesOf(400), 700: facesOf(700) };
const LATIN = { 400: FACES[400].find((f) => /^noto-sans-latin-\d/.test(f.name))!, 700: FACES[700].find((f) => /^noto-sans-latin-\d/.test(f.name))! };
/**
 * WOFF 1.0 to a plain OpenType file: the tables inflated with node's zlib, once per process.
 * Handing fontkit the WOFF would inflate every table in JavaScript for every document.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const [offset, compLength, origLength] = [woff.readUInt32BE(at + 4), woff.readUInt32BE(at + 8), woff.readUInt32BE(at + 12)];
    const raw = woff.subarray(offset, offset + compLength);
    return { tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? zlib.inflateSync(raw) : raw };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const head = Buffer.alloc(12 + numTables * 16);
  head.writeUInt32BE(woff.readUInt32BE(4), 0);
  head.writeUInt16BE(numTables, 4);
  head.writeUInt16BE(searchRange, 6);
  head.writeUInt16BE(entrySelector, 8);
  head.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tables.forEach((t, i) => {
    t.tag.copy(head, 12 + i * 16);
    head.writeUInt32BE(t.checksum, 12 + i * 16 + 4);
    head.writeUInt32BE(offset, 12 + i * 16 + 8);
    head.writeUInt32BE(t.data.length, 12 + i * 16 + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

const buffers = new Map<string, Buffer>();
/** The font as OpenType bytes, read and unpacked once per process. */
export function fontBytes(face: Face): Buffer {
  let b = buffers.get(face.file);
  if (!b) { b = woffToSfnt(fs.readFileSync(face.file)); buffers.set(face.file, b); }
  return b;
}

const covers = (f: Face, cp: number) => f.ranges.some(([a, b]) => cp >= a && cp <= b);
const lookup = { 400: new Map<number, Face | null>(), 700: new Map<number, Face | null>() };
function faceFor(cp: number, bold: boolean): Face | null {
  const w = bold ? 700 : 400;
  const cache = lookup[w];
  let f = cache.get(cp);
  if (f === undefined) { f = FACES[w].find((x) => covers(x, cp)) ?? null; cache.set(cp, f); }
  return f;
}

/** Characters that stay in the current run (so an Arabic or Chinese phrase is shaped as one). */
const NEUTRAL = /[\s.,:;!?()\-–—/'"«»]/u;

export interface Run { face: Face; text: string }

/** Splits text into runs, each drawable with one font subset. Characters no font has fall back to Latin. */
export function runsOf(text: string, bold = false): Run[] {
  const runs: Run[] = [];
  const latin = LATIN[bold ? 700 : 400];
  let cur: Run | null = null;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cur && (covers(cur.face, cp) || (NEUTRAL.test(ch) && cur.face !== latin))) { cur.text += ch; continue; }
    const face: Face = faceFor(cp, bold) ?? latin;
    if (cur && cur.face === face) { cur.text += ch; continue; }
    cur = { face, text: ch };
    runs.push(cur);
  }
  return runs;
}

/** True when the text's first strong character is right-to-left (Arabic): the paragraph is right-aligned. */
export const isRtl = (text: string): boolean => {
  const m = /[\p{L}]/u.exec(text);
  return !!m && /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u.test(m[0]);
};
