import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { setStorageNamespace } from '../persist/namespace.ts';
import { SceneView } from '../ui/app/SceneView.tsx';
import { EmbedHostContext, type EmbedCommand, type EmbedHost } from '../ui/frame/embed-context.ts';
import { I18nProvider, useI18n } from '../ui/i18n/i18n.tsx';
import '../ui/theme/app.css';
import { embedCatalogues } from './embed-messages.ts';
import { connectToHost } from './frame-bridge.ts';
import { parseEmbedOptions, storageNamespace, type EmbedNotice } from './options.ts';

/**
 * embed.html: one lesson, no app chrome, for an iframe or a `<redis-sim>` element. The
 * options come from the URL (checked in options.ts); storage is the embed's own namespace.
 */
const params = new URLSearchParams(location.search);
const { options, notices } = parseEmbedOptions((name) => params.get(name));
setStorageNamespace(storageNamespace(options));
document.documentElement.dataset['theme'] =
  options.theme ?? (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

/** A lesson without narrative steps (the data-types console) is ready once it is drawn. */
const READY_WITHOUT_FRAME_MS = 1500;

function EmbedApp({ notices }: { notices: readonly EmbedNotice[] }) {
  const { lang } = useI18n();
  const text = embedCatalogues[lang];
  const [readySent, setReadySent] = useState(false);
  const host = useMemo(() => {
    const handlers = new Set<(c: EmbedCommand) => void>();
    const link = connectToHost({
      id: options.id ?? '',
      hostOrigin: params.get('host-origin') ?? '',
      onCommand: (c) => handlers.forEach((h) => h(c)),
      measure: document.body,
    });
    const value: EmbedHost = {
      controls: options.controls,
      autoplay: options.autoplay,
      startStep: options.step,
      speed: options.speed,
      pauseAtSteps: options.pauseAtSteps,
      listen(handler) {
        handlers.add(handler);
        return () => handlers.delete(handler);
      },
      ready(steps) {
        setReadySent(true);
        link.announce({ type: 'ready', steps });
      },
      step: (step) => link.announce({ type: 'step', step }),
      ended: () => link.announce({ type: 'ended' }),
    };
    return value;
  }, []);
  useEffect(() => {
    if (readySent) return;
    const timer = setTimeout(() => host.ready(0), READY_WITHOUT_FRAME_MS);
    return () => clearTimeout(timer);
  }, [host, readySent]);

  return (
    <EmbedHostContext.Provider value={host}>
      <div className="embed">
        {notices.map((n) => (
          <p key={n.option} className="notice" role="status">
            {text.ignored(n.option, n.value)}
          </p>
        ))}
        {options.scene === null ? (
          <main className="message">{text.noScene}</main>
        ) : (
          <SceneView id={options.scene} />
        )}
        {options.scene !== null && (
          <p className="embed-credit">
            <a href={`./#/${options.scene}`} target="_blank" rel="noopener">
              {text.openInApp}
            </a>
          </p>
        )}
      </div>
    </EmbedHostContext.Provider>
  );
}

const root = document.getElementById('root');
if (root === null) throw new Error('embed.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nProvider {...(options.lang !== null ? { fixed: options.lang } : {})}>
      <EmbedApp notices={notices} />
    </I18nProvider>
  </StrictMode>,
);
