import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import en from './en.json';
import fr from './fr.json';
import es from './es.json';
import ru from './ru.json';
import zh from './zh.json';
import ar from './ar.json';
import { isUnLanguage, languageInfo, UN_LANGUAGES } from './languages';
import { mergeAreaStrings } from './merge';

// Each area keeps its strings beside the others in areas/<area>/<lang>.json, merged into one resource.
const areaFiles = import.meta.glob<Record<string, unknown>>('./areas/*/*.json', { eager: true, import: 'default' });
const base = { en, fr, es, ru, zh, ar };
const resources = Object.fromEntries(UN_LANGUAGES.map((lng) => [lng, { translation: mergeAreaStrings(base[lng], areaFiles, lng) }]));

const STORAGE_KEY = 'orms.language';

/** The language before sign-in: the last one chosen on this browser, else the browser's own. */
function initialLanguage(): string {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isUnLanguage(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isUnLanguage(browser) ? browser : 'en';
}

/** Sets the document's language and direction and the date library's locale for `lng`. */
function applyToDocument(lng: string) {
  const info = languageInfo(lng);
  document.documentElement.lang = info.code;
  document.documentElement.dir = info.dir;
  dayjs.locale(info.dayjs);
  localStorage.setItem(STORAGE_KEY, info.code);
}

i18n.on('languageChanged', applyToDocument);

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: ['en', 'fr', 'es', 'ru', 'zh', 'ar'],
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyToDocument(i18n.language);

export default i18n;
