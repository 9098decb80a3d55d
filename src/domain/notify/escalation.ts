import type { Content } from './template.js';

/**
 * Escalation of silence: when people have not answered a message after its delay, the wardens of
 * their duty station (the members of its wardens team that serve their entity or all entities;
 * where a station has no wardens team, its crisis management team) get a message naming them, so
 * someone goes and checks. Wardens keep the staff lists of their zone and run headcounts (DOMAIN §4).
 */
export const ESCALATION_TEAM_KINDS = ['wardens', 'crisis_management_team'] as const;

/** Names listed in one escalation message; the rest are counted (the board has them all). */
export const ESCALATION_NAME_LIMIT = 100;

/** The warden's message in the six UN languages; {{title}}, {{station}}, {{count}}, {{names}}, {{more}} are filled per station. */
export const ESCALATION_CONTENT: Content = {
  en: { subject: 'No answer yet: {{count}} at {{station}} — {{title}}', body: 'These people at {{station}} have not answered "{{title}}". Please check on them and report on the accountability board.\n\n{{names}}{{more}}' },
  fr: { subject: 'Sans réponse : {{count}} à {{station}} — {{title}}', body: 'Ces personnes à {{station}} n’ont pas répondu à « {{title}} ». Veuillez prendre de leurs nouvelles et le signaler au tableau de suivi.\n\n{{names}}{{more}}' },
  es: { subject: 'Sin respuesta: {{count}} en {{station}} — {{title}}', body: 'Estas personas en {{station}} no han respondido a «{{title}}». Compruebe cómo están e infórmelo en el panel de seguimiento.\n\n{{names}}{{more}}' },
  ru: { subject: 'Нет ответа: {{count}} в {{station}} — {{title}}', body: 'Эти сотрудники в {{station}} не ответили на «{{title}}». Пожалуйста, свяжитесь с ними и сообщите на панели учёта.\n\n{{names}}{{more}}' },
  zh: { subject: '尚未回复：{{station}} {{count}} 人 — {{title}}', body: '{{station}} 的以下人员尚未回复“{{title}}”。请逐一确认其安全，并在人员清点面板上报告。\n\n{{names}}{{more}}' },
  ar: { subject: 'لا رد بعد: {{count}} في {{station}} — {{title}}', body: 'لم يرد الأشخاص التالية أسماؤهم في {{station}} على "{{title}}". يرجى الاطمئنان عليهم والإبلاغ في لوحة المساءلة.\n\n{{names}}{{more}}' },
};

/** The variables of one station's escalation message. */
export function escalationVariables(title: string, station: string, names: readonly string[]): Record<string, string> {
  const shown = names.slice(0, ESCALATION_NAME_LIMIT);
  const rest = names.length - shown.length;
  return {
    title, station, count: String(names.length),
    names: shown.map((n) => `- ${n}`).join('\n'),
    more: rest > 0 ? `\n(+${rest})` : '',
  };
}

/** True when a message's escalation is due: sent, with a delay, not yet escalated, and the delay has passed. */
export function escalationDue(m: { status: string; sentAt: string | null; escalateAfterMinutes: number | null; escalatedAt: string | null }, now: Date): boolean {
  if (m.status !== 'sent' || !m.sentAt || m.escalateAfterMinutes === null || m.escalatedAt) return false;
  return Date.parse(m.sentAt) + m.escalateAfterMinutes * 60_000 <= now.getTime();
}
