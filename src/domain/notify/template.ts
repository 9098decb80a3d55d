/**
 * Message templates: `{{name}}` placeholders filled per message. A message carries its text in
 * several languages; each recipient gets their own language, or the first available one.
 */
/** One language's text; `options` translates the message's answers, in the same order. */
export interface LocalizedText { subject: string; body: string; options?: string[] | undefined }
export type Content = Record<string, LocalizedText>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Field errors for placeholders that have no value (a message must not go out with holes). */
export function undefinedVariables(content: Content, vars: Record<string, string>, prefix = 'content'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [lang, t] of Object.entries(content)) {
    for (const part of ['subject', 'body'] as const) {
      const missing = placeholders(t[part]).filter((p) => !(p in vars));
      if (missing.length) out[`${prefix}.${lang}.${part}`] = `Undefined variable${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`;
    }
  }
  return out;
}

export const fill = (text: string, vars: Record<string, string>): string => text.replace(PLACEHOLDER, (_, name: string) => vars[name] ?? '');

/** The language a recipient reads: theirs if the message has it, else English, else the first. */
export const languageFor = (content: Content, language: string): string => (content[language] ? language : content.en ? 'en' : Object.keys(content)[0]!);

/** The text for a recipient: their language if the message has it, else English, else the first. */
export function textFor(content: Content, language: string, vars: Record<string, string>): { language: string; subject: string; body: string } {
  const lang = languageFor(content, language);
  const t = content[lang]!;
  return { language: lang, subject: fill(t.subject, vars), body: fill(t.body, vars) };
}

/** The answers as a recipient reads them: the language's translation when given, else as written. */
export function optionLabels(content: Content, language: string, options: readonly string[]): string[] {
  const own = content[languageFor(content, language)]?.options;
  return options.map((o, i) => own?.[i] || o);
}

/** Field errors for translations of the answers that do not match the answers one for one. */
export function optionProblems(content: Content, options: readonly string[] | null, prefix = 'content'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [lang, t] of Object.entries(content)) {
    if (!t.options) continue;
    if (!options) out[`${prefix}.${lang}.options`] = 'The message asks for no answer: leave the translated answers out';
    else if (t.options.length !== options.length) out[`${prefix}.${lang}.options`] = `Give ${options.length} translated answers, in the order of the answers`;
  }
  return out;
}

/**
 * Which option an SMS reply picks: its number ("1", "2" …) or the option's first word
 * ("safe", "help"), ignoring case and punctuation. Undefined when the reply matches nothing.
 */
export function optionFromReply(options: readonly string[], reply: string, translations: readonly (readonly string[])[] = []): string | undefined {
  const word = reply.trim().toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, '').split(/\s+/)[0] ?? '';
  if (!word) return undefined;
  const n = Number(word);
  if (Number.isInteger(n) && n >= 1 && n <= options.length) return options[n - 1];
  // Words of a label split at spaces and punctuation ("d’aide" → "d", "aide"); short words are no keywords.
  const matches = (label: string) => label.toLowerCase().split(/[^\p{L}\p{N}]+/u).some((w) => w === word && w.length > 2);
  for (const labels of [options, ...translations]) {
    const i = labels.findIndex((l) => matches(l));
    if (i >= 0 && i < options.length) return options[i];
  }
  return undefined;
}

const FOOTER: Record<string, { reply: string; answer: string; orSms: string }> = {
  en: { reply: 'Reply', answer: 'Please answer', orSms: 'or reply by SMS' },
  fr: { reply: 'Répondez', answer: 'Veuillez répondre', orSms: 'ou répondez par SMS' },
  es: { reply: 'Responda', answer: 'Responda, por favor', orSms: 'o responda por SMS' },
  ru: { reply: 'Ответьте', answer: 'Пожалуйста, ответьте', orSms: 'или ответьте по SMS' },
  zh: { reply: '请回复', answer: '请回答', orSms: '或回复短信' },
  ar: { reply: 'أرسل', answer: 'يرجى الرد', orSms: 'أو الرد برسالة نصية' },
};

/** The line appended to a message that asks for an answer, in the recipient's language. */
export function responseFooter(options: readonly string[], link: string | undefined, channel: 'email' | 'sms', language = 'en'): string {
  const f = FOOTER[language] ?? FOOTER.en!;
  const numbered = options.map((o, i) => `${i + 1} = ${o}`).join(', ');
  return channel === 'sms' ? `${f.reply} ${numbered}.` : `${f.answer}: ${link ?? ''}\n(${f.orSms}: ${numbered})`;
}
