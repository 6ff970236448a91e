import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SimStore } from '../../store/sim-store.ts';
import type { LessonStep } from '../lesson/parse-lesson.ts';
import { FitToBox } from './FitToBox.tsx';
import { LessonText } from './LessonText.tsx';
import { formatSeconds } from './time-format.ts';
import { useFrameText } from './useFrameText.ts';

/**
 * A lesson on a projector: the title and where we are on one line, then the step's text,
 * the stage and the scene's figures, each fitted whole into its part of a 1280x720 screen.
 * No buttons: the presenter drives it from the keyboard (SceneFrame handles the keys).
 */
export function PresentFrame<V>({
  store,
  title,
  step,
  index,
  count,
  playing,
  stage,
  metrics,
  error,
}: {
  /** The clock is read here, so only the bar re-renders on every batch. */
  store: SimStore<V>;
  title: string;
  step: LessonStep;
  index: number;
  count: number;
  playing: boolean;
  stage: ReactNode;
  metrics: ReactNode;
  error: string | null;
}) {
  const t = useFrameText();
  const now = useStore(store, (s) => s.now);
  return (
    <main className="scene scene-frame present-frame">
      <header className="present-bar">
        <h2>{title}</h2>
        <p className="step-count">{t.stepOf(index + 1, count)}</p>
        <p className="present-state" aria-live="polite">
          {playing ? t.presentPlaying : t.presentPaused}
        </p>
        <output className="clock" aria-label={t.timeValue(formatSeconds(now))}>
          {formatSeconds(now)} s
        </output>
      </header>
      {error !== null && (
        <p className="notice" role="alert">
          {t.loadFailed(error)}
        </p>
      )}
      <div className={metrics === undefined ? 'present-grid no-metrics' : 'present-grid'}>
        <section className="narrative" aria-labelledby="narrative-title">
          <FitToBox>
            <h3 id="narrative-title">{step.title}</h3>
            <LessonText blocks={step.blocks} />
          </FitToBox>
        </section>
        <section className="stage" role="region" aria-label={t.stage}>
          <FitToBox center>{stage}</FitToBox>
        </section>
        {metrics !== undefined && (
          <section className="metrics" aria-label={t.metrics}>
            <FitToBox>{metrics}</FitToBox>
          </section>
        )}
      </div>
      <p className="hint present-hint">{t.presentKeys}</p>
    </main>
  );
}
