import type { Locale } from 'antd/es/locale';
import enUS from 'antd/locale/en_US';
import frFR from 'antd/locale/fr_FR';
import esES from 'antd/locale/es_ES';
import ruRU from 'antd/locale/ru_RU';
import zhCN from 'antd/locale/zh_CN';
import arEG from 'antd/locale/ar_EG';
import 'dayjs/locale/fr';
import 'dayjs/locale/es';
import 'dayjs/locale/ru';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/ar';
import { UN_LANGUAGES, type UnLanguage } from '../../../src/domain/org.js';

/** The six UN languages of the interface, with what each needs from antd, dayjs and the page. */
export interface LanguageInfo { code: UnLanguage; nativeName: string; antd: Locale; dayjs: string; dir: 'ltr' | 'rtl' }

export const LANGUAGES: Record<UnLanguage, LanguageInfo> = {
  en: { code: 'en', nativeName: 'English', antd: enUS, dayjs: 'en', dir: 'ltr' },
  fr: { code: 'fr', nativeName: 'Français', antd: frFR, dayjs: 'fr', dir: 'ltr' },
  es: { code: 'es', nativeName: 'Español', antd: esES, dayjs: 'es', dir: 'ltr' },
  ru: { code: 'ru', nativeName: 'Русский', antd: ruRU, dayjs: 'ru', dir: 'ltr' },
  zh: { code: 'zh', nativeName: '中文', antd: zhCN, dayjs: 'zh-cn', dir: 'ltr' },
  ar: { code: 'ar', nativeName: 'العربية', antd: arEG, dayjs: 'ar', dir: 'rtl' },
};

export { UN_LANGUAGES, type UnLanguage };
export const isUnLanguage = (v: unknown): v is UnLanguage => typeof v === 'string' && (UN_LANGUAGES as readonly string[]).includes(v);
export const languageInfo = (code: string): LanguageInfo => (isUnLanguage(code) ? LANGUAGES[code] : LANGUAGES.en);
