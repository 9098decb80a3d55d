import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { fontBytes, isRtl, runsOf } from './fonts.js';

interface Shaper { layout(text: string): { glyphs: { id: number }[]; direction: string } }
const shaperFor = (text: string): Shaper => {
  const doc = new PDFDocument();
  doc.font(fontBytes(runsOf(text)[0]!.face));
  return (doc as unknown as { _font: { font: Shaper } })._font.font;
};

describe('plan fonts', () => {
  it('gives each script its font subset and keeps an Arabic phrase in one run', () => {
    const runs = runsOf('Plan 计划 مرحبا بكم 2024');
    const family = (name: string) => name.replace(/-(\d+-)?400-normal$/, '');
    expect(runs.map((r) => [r.text, family(r.face.name)])).toEqual([
      ['Plan ', 'noto-sans-latin'], ['计', 'noto-sans-sc'], ['划 ', 'noto-sans-sc'], ['مرحبا بكم ', 'noto-sans-arabic-arabic'], ['2024', 'noto-sans-latin'],
    ]);
    expect(isRtl('٢. خطة')).toBe(true);
    expect(isRtl('1. Plan خطة')).toBe(false);
  });

  it('shapes Arabic: letters take their joined forms, laid out right to left', () => {
    const f = shaperFor('مرحبا');
    const joined = f.layout('سلام');
    const isolated = [...'سلام'].map((ch) => f.layout(ch).glyphs[0]!.id);
    expect(joined.direction).toBe('rtl');
    expect(joined.glyphs.map((g) => g.id)).not.toEqual([...isolated].reverse());
    expect(joined.glyphs).toHaveLength(4);
  });
});
