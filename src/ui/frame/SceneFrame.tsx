import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { LogEntry, SimStore } from '../../store/sim-store.ts';
import { momentMicros, type Lesson } from '../lesson/parse-lesson.ts';
import { useEmbedHost } from './embed-context.ts';
import { EventLog } from './EventLog.tsx';
import { LessonText } from './LessonText.tsx';
import { presentActionFor } from './present-keys.ts';
import { PresentFrame } from './PresentFrame.tsx';
import { usePresenting } from './presentation-context.ts';
import { TimeControls } from './TimeControls.tsx';
import { shortcutFor } from './time-format.ts';
import { useFrameText } from './useFrameText.ts';

/** How far Left seeks back when there is no earlier narrative step, µs. */
const BACK_MICROS = 250_000;

export interface SceneFrameProps<V> {
  store: SimStore<V>;
  title: string;
  /** The lesson in the current language (parse-lesson.ts). */
  lesson: Lesson;
  /** The stage's SVG (or anything): the frame wraps it in the "Stage" region. */
  stage: ReactNode;
  /** The scene's own buttons (faults, commands): named after what they do. */
  controls?: ReactNode;
  /** Charts (MetricChart) and readable figures. */
  metrics?: ReactNode;
  /** Knobs that reload the scene (the frame says so). */
  settings?: ReactNode;
  /** Words the scene's log entries; null falls back to the frame's own. */
  describeLog?: (entry: LogEntry) => string | null;
  /** What a runnable lesson block does with its lines (default: the console on `consoleNode`). */
  onRun?: (commands: readonly string[]) => void;
  consoleNode?: string;
}

/**
 * The frame every simulated lesson shares: title, the narrative in steps (moving to a step
 * seeks the simulation to its moment), the stage, the scene's controls, metrics, the event
 * log and the time controls; keyboard: Space play/pause, → step, ← back.
 */
export function SceneFrame<V>(props: SceneFrameProps<V>) {
  const { store, lesson, title } = props;
  const t = useFrameText();
  const info = useStore(store, (s) => s.info);
  const status = useStore(store, (s) => s.status);
  const error = useStore(store, (s) => s.error);
  const log = useStore(store, (s) => s.log);
  const [index, setIndex] = useState(0);
  const embed = useEmbedHost();
  const now = useStore(store, (s) => s.now);
  const playing = useStore(store, (s) => s.playing);
  const presenting = usePresenting();

  const moments = useMemo(
    () => lesson.steps.map((s) => momentMicros(s.at, info?.steps ?? [])),
    [lesson, info],
  );
  useEffect(() => {
    store.getState().setMarkers(moments.flatMap((m) => (m === null || m === 0 ? [] : [m])));
  }, [store, moments]);

  const goTo = (i: number) => {
    const next = Math.min(lesson.steps.length - 1, Math.max(0, i));
    setIndex(next);
    const at = moments[next];
    if (at !== null && at !== undefined) void store.getState().seek(at);
  };

  // Embedded: start where the host page asked, and keep it told (embed-context.ts).
  const started = useRef(false);
  const goToRef = useRef(goTo);
  const indexRef = useRef(index);
  const stepsRef = useRef(lesson.steps.length);
  useEffect(() => {
    goToRef.current = goTo;
    indexRef.current = index;
    stepsRef.current = lesson.steps.length;
  });
  useEffect(() => {
    if (embed === null || info === null || started.current) return;
    started.current = true;
    const s = store.getState();
    void s.setSpeed(embed.speed);
    s.setPauseAtMarkers(embed.pauseAtSteps);
    if (embed.startStep > 1) goToRef.current(embed.startStep - 1);
    if (embed.autoplay) void s.play();
    embed.ready(lesson.steps.length);
  }, [embed, info, store, lesson]);
  useEffect(() => {
    if (embed === null) return;
    return embed.listen((command) => {
      const s = store.getState();
      if (command.type === 'play') void s.play();
      else if (command.type === 'pause') void s.pause();
      else goToRef.current(command.step - 1);
    });
  }, [embed, store]);
  useEffect(() => {
    if (embed !== null && started.current) embed.step(index + 1);
  }, [embed, index]);

  const run =
    props.onRun ??
    ((commands: readonly string[]) => {
      const node = props.consoleNode ?? info?.topology.nodes[0];
      if (node === undefined) return;
      for (const c of commands) void store.getState().runConsole(node, c);
    });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (presenting) {
        const act = presentActionFor(e.key, e.target instanceof HTMLElement ? e.target : null);
        if (act === null) return;
        e.preventDefault();
        if (act.kind === 'toggle-play') void store.getState().togglePlay();
        else if (act.kind === 'jump') {
          // A digit past the last step names no step: nothing moves.
          if (act.step <= stepsRef.current) goToRef.current(act.step - 1);
        } else goToRef.current(indexRef.current + (act.kind === 'next' ? 1 : -1));
        return;
      }
      const action = shortcutFor(e.key, e.target instanceof HTMLElement ? e.target : null);
      if (action === null) return;
      e.preventDefault();
      const s = store.getState();
      if (action === 'toggle') void s.togglePlay();
      else if (action === 'step') void s.step();
      else void s.seek(Math.max(0, s.now - BACK_MICROS));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, presenting]);

  const step = lesson.steps[index]!;
  const horizon = Math.max(
    (info?.defaultUntil ?? 5) * 1_000_000,
    ...moments.map((m) => (m ?? 0) * 1.25),
  );
  const ended = now >= horizon;
  useEffect(() => {
    if (embed !== null && ended && playing) {
      void store.getState().pause();
      embed.ended();
    }
  }, [embed, ended, playing, store]);
  const chrome = embed?.controls ?? 'full';
  const markers = moments.flatMap((m, i) =>
    m === null ? [] : [{ at: m, label: lesson.steps[i]!.title }],
  );

  if (presenting) {
    return (
      <PresentFrame
        title={title}
        step={step}
        index={index}
        count={lesson.steps.length}
        playing={playing}
        now={now}
        stage={props.stage}
        metrics={props.metrics}
        error={status === 'error' ? (error ?? '') : null}
      />
    );
  }

  return (
    <main className="scene scene-frame" data-chrome={chrome}>
      <h2>{title}</h2>
      {status === 'error' && (
        <p className="notice" role="alert">
          {t.loadFailed(error ?? '')}
        </p>
      )}
      <div className="frame-grid">
        <section className="narrative" aria-labelledby="narrative-title">
          <p className="step-count">{t.stepOf(index + 1, lesson.steps.length)}</p>
          <h3 id="narrative-title">{step.title}</h3>
          <LessonText blocks={step.blocks} onRun={run} />
          <div className="narrative-nav">
            <button type="button" disabled={index === 0} onClick={() => goTo(index - 1)}>
              {t.back}
            </button>
            <button
              type="button"
              disabled={index === lesson.steps.length - 1}
              onClick={() => goTo(index + 1)}
            >
              {t.next}
            </button>
          </div>
        </section>
        <section className="stage" role="region" aria-label={t.stage}>
          {props.stage}
        </section>
      </div>
      {chrome !== 'none' && <TimeControls store={store} markers={markers} horizon={horizon} />}
      {chrome === 'full' && <p className="hint">{t.keyboardHint}</p>}
      {chrome !== 'none' && props.controls}
      {chrome === 'full' && (
        <div className="frame-grid">
          {props.metrics !== undefined && (
            <section className="metrics" aria-label={t.metrics}>
              {props.metrics}
            </section>
          )}
          <EventLog entries={log} {...(props.describeLog ? { describe: props.describeLog } : {})} />
        </div>
      )}
      {chrome === 'full' && props.settings !== undefined && (
        <details className="settings">
          <summary>{t.settings}</summary>
          <p className="hint">{t.settingsRestart}</p>
          {props.settings}
        </details>
      )}
    </main>
  );
}
