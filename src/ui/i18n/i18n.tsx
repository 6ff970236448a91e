import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { saveLanguage, savedLanguage } from '../app/settings.ts';
import { catalogues, type Language, type Messages } from './messages.ts';

/** The browser's preferred language if we have it, else English. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ko' || base === 'en') return base;
  }
  return 'en';
}

interface I18n {
  lang: Language;
  t: Messages;
  setLang: (lang: Language) => void;
}

const I18nContext = createContext<I18n | null>(null);

/**
 * `fixed`: an embed's `lang` option; it wins over the remembered choice and is not saved, so
 * a blog's Korean embed does not change the app's language for its reader.
 */
export function I18nProvider({ children, fixed }: { children: ReactNode; fixed?: Language }) {
  const [lang, setLangState] = useState<Language>(
    () => fixed ?? savedLanguage() ?? detectLanguage(navigator.languages),
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = (next: Language) => {
    if (fixed === undefined) saveLanguage(next);
    setLangState(next);
  };
  return (
    <I18nContext.Provider value={{ lang, t: catalogues[lang], setLang }}>
      {children}
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (ctx === null) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
