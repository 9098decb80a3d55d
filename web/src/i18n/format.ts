import { useTranslation } from 'react-i18next';

/** The browser's time zone: the user's zone. */
export const userTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Formatting of dates, times and numbers for the chosen language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  const dateTime = (iso: string | null | undefined, timeZone?: string) =>
    iso ? new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso)) : '';
  const date = (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat(lng, { dateStyle: 'medium' }).format(new Date(iso)) : '');
  const number = (n: number | null | undefined, digits?: number) =>
    n === null || n === undefined ? '' : new Intl.NumberFormat(lng, digits === undefined ? {} : { maximumFractionDigits: digits }).format(n);
  /** The time now at a place, e.g. "14:05 (UTC+3)". */
  const timeAt = (timeZone: string) => {
    try {
      return new Intl.DateTimeFormat(lng, { timeStyle: 'short', timeZone }).format(new Date()) + ` (${offsetOf(timeZone)})`;
    } catch {
      return '';
    }
  };
  return { lng, dateTime, date, number, timeAt };
}

/** "UTC+3", "UTC-4:30" for a zone, now. */
export function offsetOf(timeZone: string): string {
  const part = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return (part?.value ?? 'GMT').replace('GMT', 'UTC');
}
