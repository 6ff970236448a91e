import { useEffect, useState } from 'react';
import { frameCatalogues } from '../frame/frame-messages.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { decodeShareLink } from '../../store/share-link.ts';
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
  return (
    <div className="app">
      <header className="app-header">
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
      {update !== null && (
        <p className="notice" role="status">
          {t.updateReady}{' '}
          <button type="button" onClick={() => update.apply()}>
            {t.updateReload}
          </button>
        </p>
      )}
      {route === '' ? <Home /> : <SceneView id={route} />}
    </div>
  );
}
