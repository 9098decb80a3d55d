/**
 * Message templates: `{{name}}` placeholders filled per message. A message carries its text in
 * several languages; each recipient gets their own language, or the first available one.
 */
export interface LocalizedText { subject: string; body: string }
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

/** The text for a recipient: their language if the message has it, else English, else the first. */
export function textFor(content: Content, language: string, vars: Record<string, string>): LocalizedText & { language: string } {
  const lang = content[language] ? language : content.en ? 'en' : Object.keys(content)[0]!;
  const t = content[lang]!;
  return { language: lang, subject: fill(t.subject, vars), body: fill(t.body, vars) };
}

/**
 * Which option an SMS reply picks: its number ("1", "2" …) or the option's first word
 * ("safe", "help"), ignoring case and punctuation. Undefined when the reply matches nothing.
 */
export function optionFromReply(options: readonly string[], reply: string): string | undefined {
  const word = reply.trim().toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, '').split(/\s+/)[0] ?? '';
  if (!word) return undefined;
  const n = Number(word);
  if (Number.isInteger(n) && n >= 1 && n <= options.length) return options[n - 1];
  return options.find((o) => o.toLowerCase().split(/\s+/).some((w) => w.replace(/[^\p{L}\p{N}]/gu, '') === word && w.length > 2));
}

/** The line appended to a message that asks for an answer. */
export function responseFooter(options: readonly string[], link: string | undefined, channel: 'email' | 'sms'): string {
  const numbered = options.map((o, i) => `${i + 1} = ${o}`).join(', ');
  return channel === 'sms' ? `Reply ${numbered}.` : `Please answer: ${link ?? ''}\n(or reply by SMS: ${numbered})`;
}
