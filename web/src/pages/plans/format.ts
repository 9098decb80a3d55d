import { useTranslation } from 'react-i18next';

/**
 * An ISO day ("2026-05-31") in the user's language. Days carry no time zone: formatted as UTC so
 * the same day shows wherever the user is.
 */
export function useDay() {
  const { i18n } = useTranslation();
  return (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '');
}

/** Today as an ISO day in the user's zone (what "in the past" means to them). */
export const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
