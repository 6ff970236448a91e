import { useEffect, useState } from 'react';
import { frameCatalogues } from '../frame/frame-messages.ts';
import { isPresentToggle } from '../frame/present-keys.ts';
import { PresentationContext } from '../frame/presentation-context.ts';
import { useI18n } from '../i18n/i18n.tsx';
import '../theme/present.css';
import { decodeShareLink } from '../../store/share-link.ts';
import { setPresentMode, usePresentMode } from './presentation.ts';
import { registerServiceWorker, type OfflineUpdate } from './service-worker.ts';
import { keepCatalogues } from '../frame/keep-messages.ts';
import { takeResetDone } from './ResetEverything.tsx';
import {
  currentSettings,
  initialTheme,
  loadSettings,
  onSettingsChange,
  saveTheme,
  updateSettings,
  type Theme,
} from './settings.ts';
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
  const k = keepCatalogues[lang];
  const [motion, setMotion] = useState(() => currentSettings().motion);
  useEffect(() => {
    document.documentElement.dataset['motion'] = motion;
  }, [motion]);
  const [settingsProblem, setSettingsProblem] = useState<string | null>(null);
  const [resetDone, setResetDone] = useState(takeResetDone);
  // The stored settings arrive after the first paint (the mirror painted it); they win.
  useEffect(() => {
    const off = onSettingsChange((s) => {
      if (s.lang !== null) setLang(s.lang);
      if (s.theme !== null) setTheme(s.theme);
      setMotion(s.motion);
    });
    void loadSettings().then(setSettingsProblem);
    return off;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, as the page opens
  }, []);
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
        <label className="motion-switch">
          <input
            type="checkbox"
            checked={motion === 'reduce'}
            onChange={(e) => updateSettings({ motion: e.target.checked ? 'reduce' : 'system' })}
          />{' '}
          {k.reduceMotion}
        </label>
      </header>
      {settingsProblem !== null && (
        <p className="notice" role="status">
          {k.settingsSetAside(settingsProblem)}{' '}
          <button type="button" onClick={() => setSettingsProblem(null)}>
            {k.dismiss}
          </button>
        </p>
      )}
      {resetDone && (
        <p className="hint" role="status">
          {k.everythingReset}{' '}
          <button type="button" onClick={() => setResetDone(false)}>
            {k.dismiss}
          </button>
        </p>
      )}
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
