import { describe, expect, it } from 'vitest';
import { optionFromReply, optionLabels, optionProblems, placeholders, responseFooter, textFor, undefinedVariables } from './template.js';

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

describe('answers in the recipient\'s language', () => {
  const options = ['I am safe', 'I need help'];
  const c = { en: { subject: 's', body: 'b' }, fr: { subject: 's', body: 'b', options: ['Je suis en sécurité', 'J’ai besoin d’aide'] } };
  it('shows the translated labels where given, the answers as written elsewhere', () => {
    expect(optionLabels(c, 'fr', options)).toEqual(['Je suis en sécurité', 'J’ai besoin d’aide']);
    expect(optionLabels(c, 'zh', options)).toEqual(options);
  });
  it('takes an SMS reply by a word of a translated label, recording the answer as written', () => {
    expect(optionFromReply(options, 'aide', [c.fr.options])).toBe('I need help');
    expect(optionFromReply(options, 'sécurité', [c.fr.options])).toBe('I am safe');
  });
  it('refuses translations that do not match the answers one for one', () => {
    expect(optionProblems({ fr: { subject: 's', body: 'b', options: ['Oui'] } }, options)).toEqual({ 'content.fr.options': 'Give 2 translated answers, in the order of the answers' });
    expect(optionProblems(c, null)).toHaveProperty('content.fr.options');
    expect(optionProblems(c, options)).toEqual({});
  });
  it('words the footer in the recipient\'s language', () => {
    expect(responseFooter(['Oui', 'Non'], 'https://x/respond/t', 'email', 'fr')).toBe('Veuillez répondre: https://x/respond/t\n(ou répondez par SMS: 1 = Oui, 2 = Non)');
    expect(responseFooter(['A', 'B'], undefined, 'sms', 'xx')).toBe('Reply 1 = A, 2 = B.');
  });
});
