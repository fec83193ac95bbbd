import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fa } from './fa';
import { isRtl, useLocale, type Language } from '../lib/locale';

/**
 * The console's words, through i18next (react-i18next). English is the default and the source: every
 * key lives in ./en, grouped by the page or part of the console it belongs to ("calls.filters.phone");
 * ./fa must hold the same keys (the type checker refuses a missing one, and test/unit/i18n checks
 * the text). New UI adds its English under its page's group and the Persian beside it.
 */
export const resources = { en: { translation: en }, fa: { translation: fa } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export function initI18n(): void {
  void i18next.use(initReactI18next).init({
    resources,
    lng: useLocale.getState().language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocument(useLocale.getState().language);
  useLocale.subscribe((s, before) => {
    if (s.language !== before.language) {
      void i18next.changeLanguage(s.language);
      applyDocument(s.language);
    }
  });
}

/** <html lang dir>: the whole layout mirrors in Persian (the CSS uses logical properties). */
function applyDocument(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = isRtl(language) ? 'rtl' : 'ltr';
}

export { i18next };
