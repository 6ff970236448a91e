import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { keeperOf } from '../../store/keeper-registry.ts';
import type { KeeperState } from '../../store/scene-keeper.ts';
import { decodeShareLink } from '../../store/share-link.ts';
import type { LogEntry, SimStore } from '../../store/sim-store.ts';
import { momentMicros, type Lesson } from '../lesson/parse-lesson.ts';
import { useEmbedHost } from './embed-context.ts';
import { EventLog } from './EventLog.tsx';
import { LessonText } from './LessonText.tsx';
import { KeeperNotices, LessonTools } from './LessonTools.tsx';
import { presentActionFor } from './present-keys.ts';
import { PresentFrame } from './PresentFrame.tsx';
import { usePresenting } from './presentation-context.ts';
import { TimeControls } from './TimeControls.tsx';
import { shortcutFor } from './time-format.ts';
import { useFrameText } from './useFrameText.ts';
import { usePreferredSpeed } from './usePreferredSpeed.ts';
import './scene-shapes.css';

/** A store made without simStoreFor (tests) has no keeper: the frame acts as if booted. */
const NO_KEEPER = createStore<KeeperState>()(() => ({
  phase: 'ready',
  notices: [],
  start: { step: 1, seek: false, serial: 0 },
  saving: false,
}));

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
  const embed = useEmbedHost();
  const playing = useStore(store, (s) => s.playing);
  const keeper = keeperOf(store) ?? null;
  const kept = keeper?.state ?? NO_KEEPER;
  const booted = useStore(kept, (s) => s.phase === 'ready');
  const restored = useStore(kept, (s) => s.start.serial > 0);
  const stageRef = useRef<HTMLElement>(null);
  // Back on a lesson opened earlier in this page: its step, as the keeper holds it.
  const [index, setIndex] = useState(() =>
    Math.min(lesson.steps.length - 1, Math.max(0, (keeper?.currentStep ?? 1) - 1)),
  );
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

  const goToRef = useRef(goTo);
  const indexRef = useRef(index);
  const stepsRef = useRef(lesson.steps.length);
  useEffect(() => {
    goToRef.current = goTo;
    indexRef.current = index;
    stepsRef.current = lesson.steps.length;
  });

  // Saved and shared lessons (scene-keeper.ts): opened once per page, from a shared link in
  // the URL, else from storage; the link's query then leaves the address bar, so a reload
  // continues from the saved lesson instead of replaying the link again.
  useEffect(() => {
    if (keeper === null) return;
    const decoded = decodeShareLink(window.location.hash);
    const linked = decoded.route === keeper.scene && window.location.hash.includes('?');
    void keeper
      .boot(linked ? decoded.share : null, linked ? decoded.notices : [], props.consoleNode)
      .then(() => {
        if (linked) history.replaceState(history.state, '', `#/${keeper.scene}`);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per keeper, as the page opened
  }, [keeper]);
  useEffect(() => {
    if (keeper === null) return;
    return keeper.state.subscribe((s, before) => {
      if (s.start.serial === before.start.serial) return;
      if (s.start.seek) goToRef.current(s.start.step - 1);
      else setIndex(Math.min(lesson.steps.length - 1, Math.max(0, s.start.step - 1)));
    });
  }, [keeper, lesson]);
  useEffect(() => keeper?.setStep(index + 1), [keeper, index]);
  usePreferredSpeed(store, { booted, restored, embedded: embed !== null });
  useEffect(() => {
    if (keeper === null) return;
    const leave = () => {
      if (document.visibilityState === 'hidden') void keeper.flush();
    };
    document.addEventListener('visibilitychange', leave);
    window.addEventListener('pagehide', leave);
    return () => {
      document.removeEventListener('visibilitychange', leave);
      window.removeEventListener('pagehide', leave);
      void keeper.flush();
    };
  }, [keeper]);

  // Embedded: start where the host page asked, and keep it told (embed-context.ts).
  const started = useRef(false);
  useEffect(() => {
    if (embed === null || info === null || !booted || started.current) return;
    started.current = true;
    const s = store.getState();
    void s.setSpeed(embed.speed);
    s.setPauseAtMarkers(embed.pauseAtSteps);
    // A saved lesson continues where it was; the host's start step is for a first visit.
    if (embed.startStep > 1 && !restored) goToRef.current(embed.startStep - 1);
    if (embed.autoplay) void s.play();
    embed.ready(lesson.steps.length);
  }, [embed, info, store, lesson, booted, restored]);
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

  const { onRun, consoleNode } = props;
  const runOnConsole = useCallback(
    (commands: readonly string[]) => {
      const node = consoleNode ?? info?.topology.nodes[0];
      if (node === undefined) return;
      for (const c of commands) void store.getState().runConsole(node, c);
    },
    [consoleNode, info, store],
  );
  const run = onRun ?? runOnConsole;

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
      else void s.stepBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, presenting]);

  const step = lesson.steps[index]!;
  const horizon = Math.max(
    (info?.defaultUntil ?? 5) * 1_000_000,
    ...moments.map((m) => (m ?? 0) * 1.25),
  );
  // A boolean, not the clock: the frame itself need not render on every batch.
  const ended = useStore(store, (s) => s.now >= horizon);
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
        store={store}
        stage={props.stage}
        metrics={props.metrics}
        error={status === 'error' ? (error ?? '') : null}
      />
    );
  }

  return (
    <main className="scene scene-frame" data-chrome={chrome}>
      <h2>{title}</h2>
      {keeper !== null && <KeeperNotices keeper={keeper} />}
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
        <section className="stage" role="region" aria-label={t.stage} ref={stageRef}>
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
      {chrome === 'full' && keeper !== null && (
        <LessonTools
          keeper={keeper}
          step={index + 1}
          consoleNode={props.consoleNode ?? info?.topology.nodes[0]}
          stage={stageRef}
        />
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
