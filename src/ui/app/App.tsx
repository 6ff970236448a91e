import { useEffect, useState } from 'react';
import { frameCatalogues } from '../frame/frame-messages.ts';
import { isPresentToggle } from '../frame/present-keys.ts';
import { PresentationContext } from '../frame/presentation-context.ts';
import { useI18n } from '../i18n/i18n.tsx';
import '../theme/present.css';
import { decodeShareLink } from '../../store/share-link.ts';
import { setPresentMode, usePresentMode } from './presentation.ts';
import { registerServiceWorker, type OfflineUpdate } from './service-worker.ts';
import { initialTheme, saveTheme, type Theme } from './settings.ts';
import { Home } from './Home.tsx';
import { SceneView } from './SceneView.tsx';
import { useHashRoute } from './useHashRoute.ts';

export function App() {
  // A shared link carries state after '?'; the lesson is the part before it.
  const route = decodeShareLink(useHashRoute()).route;
  const [update, setUpdate] = useState<OfflineUpdate | null>(null);
  useEffect(() => registerServiceWorker(setUpdate), []);
  const { t, lang, setLang } = useI18n();
  const f = frameCatalogues[lang];
  const [theme, setTheme] = useState<Theme>(() =>
    initialTheme(window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false),
  );
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  // Presentation mode (presentation.ts): no header, large type; P turns it on and off.
  const presenting = usePresentMode();
  useEffect(() => {
    document.documentElement.classList.toggle('presenting', presenting);
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      if (!isPresentToggle(e.key, e.target instanceof HTMLElement ? e.target : null)) return;
      e.preventDefault();
      setPresentMode(!presenting);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting]);
  return (
    <div className={presenting ? 'app presenting' : 'app'}>
      <header className="app-header" hidden={presenting}>
        <h1>
          <a href="#/">{t.appName}</a>
        </h1>
        <p className="tagline">{t.tagline}</p>
        <button
          type="button"
          className="lang-switch"
          aria-label={t.language}
          onClick={() => setLang(lang === 'en' ? 'ko' : 'en')}
        >
          {t.switchLanguage}
        </button>
        <button
          type="button"
          className="theme-switch"
          aria-label={f.theme}
          aria-pressed={theme === 'dark'}
          onClick={() => {
            const next = theme === 'dark' ? 'light' : 'dark';
            saveTheme(next);
            setTheme(next);
          }}
        >
          {theme === 'dark' ? f.themeLight : f.themeDark}
        </button>
      </header>
      {update !== null && !presenting && (
        <p className="notice" role="status">
          {t.updateReady}{' '}
          <button type="button" onClick={() => update.apply()}>
            {t.updateReload}
          </button>
        </p>
      )}
      <PresentationContext.Provider value={presenting}>
        {route === '' ? <Home /> : <SceneView id={route} />}
      </PresentationContext.Provider>
    </div>
  );
}
