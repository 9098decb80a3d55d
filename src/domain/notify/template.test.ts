import { describe, expect, it } from 'vitest';
import { optionFromReply, placeholders, textFor, undefinedVariables } from './template.js';

const content = {
  en: { subject: 'Shelter in place: {{location}}', body: 'Stay indoors until {{ until }}. Reply SAFE.' },
  fr: { subject: 'Confinement : {{location}}', body: 'Restez à l’intérieur jusqu’à {{until}}.' },
};

describe('message templates', () => {
  it('finds placeholders once each', () => {
    expect(placeholders('{{a}} {{ b }} {{a}}')).toEqual(['a', 'b']);
  });
  it('reports undefined variables per language and part', () => {
    expect(undefinedVariables(content, { location: 'Nairobi' })).toEqual({
      'content.en.body': 'Undefined variable: until',
      'content.fr.body': 'Undefined variable: until',
    });
    expect(undefinedVariables(content, { location: 'Nairobi', until: '18:00' })).toEqual({});
  });
  it('gives each recipient their language, falling back to English', () => {
    const vars = { location: 'Gigiri', until: '18:00' };
    expect(textFor(content, 'fr', vars)).toEqual({ language: 'fr', subject: 'Confinement : Gigiri', body: 'Restez à l’intérieur jusqu’à 18:00.' });
    expect(textFor(content, 'zh', vars).language).toBe('en');
    expect(textFor({ ar: { subject: 'x', body: 'y' } }, 'zh', {}).language).toBe('ar');
  });
});

describe('SMS replies', () => {
  const options = ['I am safe', 'I need help'];
  it('pick an option by number or by a word of it', () => {
    expect(optionFromReply(options, '1')).toBe('I am safe');
    expect(optionFromReply(options, ' 2 ')).toBe('I need help');
    expect(optionFromReply(options, 'SAFE!')).toBe('I am safe');
    expect(optionFromReply(options, 'help me')).toBe('I need help');
  });
  it('match nothing for other text or numbers out of range', () => {
    expect(optionFromReply(options, '3')).toBeUndefined();
    expect(optionFromReply(options, 'hello')).toBeUndefined();
    expect(optionFromReply(options, 'am')).toBeUndefined(); // too short to be a keyword
    expect(optionFromReply(options, '')).toBeUndefined();
  });
});
