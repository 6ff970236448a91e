import { useI18n } from '../i18n/i18n.tsx';
import { Home } from './Home.tsx';
import { SceneView } from './SceneView.tsx';
import { useHashRoute } from './useHashRoute.ts';

export function App() {
  const route = useHashRoute();
  const { t, lang, setLang } = useI18n();
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
      </header>
      {route === '' ? <Home /> : <SceneView id={route} />}
    </div>
  );
}
