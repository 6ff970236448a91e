import { Suspense } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { isSceneId, sceneComponents } from '../scenes/registry.ts';

export function SceneView({ id }: { id: string }) {
  const { t } = useI18n();
  if (!isSceneId(id)) return <main className="message">{t.notFound(id)}</main>;
  const Scene = sceneComponents[id];
  if (Scene === undefined) {
    return (
      <main className="message">
        <h2>{t.lessons[id].title}</h2>
        <p>
          {t.lessons[id].blurb} <span className="badge">{t.coming}</span>
        </p>
      </main>
    );
  }
  return (
    <Suspense fallback={<main className="message">{t.loading}</main>}>
      <Scene />
    </Suspense>
  );
}
