import { useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { SimStore } from '../../store/sim-store.ts';
import { formatSeconds, SPEED_STEPS, sliderFromSpeed, speedFromSlider } from './time-format.ts';
import { useFrameText } from './useFrameText.ts';

/**
 * Play/Pause (one button whose name follows the state), Step, Restart, speed (log scale),
 * seed, and the timeline: seeking there is a checkpoint restore and a replay in the worker.
 * The narrative's moments are marks on the timeline.
 */
export function TimeControls<V>({
  store,
  markers,
  horizon,
}: {
  store: SimStore<V>;
  markers: readonly { readonly at: number; readonly label: string }[];
  /** The timeline's end, µs (it grows as time passes it). */
  horizon: number;
}) {
  const t = useFrameText();
  const playing = useStore(store, (s) => s.playing);
  const speed = useStore(store, (s) => s.speed);
  const now = useStore(store, (s) => s.now);
  const seed = useStore(store, (s) => s.seed);
  const pauseAt = useStore(store, (s) => s.pauseAtMarkers);
  const ready = useStore(store, (s) => s.status === 'ready');
  // What the learner is typing into the seed field; null shows the seed in effect.
  const [seedDraft, setSeedDraft] = useState<string | null>(null);
  const seedText = seedDraft ?? String(seed);
  const end = Math.max(horizon, now);

  // One seek in flight at a time; dragging keeps only the latest target.
  const seeking = useRef<{ busy: boolean; next: number | null }>({ busy: false, next: null });
  const seek = (at: number) => {
    const s = seeking.current;
    s.next = at;
    if (s.busy) return;
    const run = async () => {
      s.busy = true;
      while (s.next !== null) {
        const target = s.next;
        s.next = null;
        await store.getState().seek(target);
      }
      s.busy = false;
    };
    void run();
  };

  const commitSeed = () => {
    const n = Number(seedText);
    setSeedDraft(null);
    if (Number.isSafeInteger(n) && n >= 0 && n <= 0xffffffff && n !== seed) {
      void store.getState().reload({ seed: n });
    }
  };

  return (
    <div className="time-controls" role="toolbar" aria-label={t.timeControls}>
      <div className="time-buttons">
        <button
          type="button"
          className="primary"
          disabled={!ready}
          onClick={() => void store.getState().togglePlay()}
        >
          {playing ? t.pause : t.play}
        </button>
        <button type="button" disabled={!ready} onClick={() => void store.getState().step()}>
          {t.step}
        </button>
        <button type="button" disabled={!ready} onClick={() => void store.getState().reload()}>
          {t.restart}
        </button>
        <label className="speed">
          {t.speed}{' '}
          <input
            type="range"
            min={0}
            max={SPEED_STEPS}
            step={1}
            value={Math.round(sliderFromSpeed(speed) * SPEED_STEPS)}
            aria-valuetext={t.speedValue(String(speed))}
            onChange={(e) =>
              void store.getState().setSpeed(speedFromSlider(Number(e.target.value) / SPEED_STEPS))
            }
          />{' '}
          <output>{t.speedValue(String(speed))}</output>
        </label>
        <label className="seed">
          {t.seed}{' '}
          <input
            type="number"
            min={0}
            value={seedText}
            onChange={(e) => setSeedDraft(e.target.value)}
            onBlur={commitSeed}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitSeed();
            }}
          />
        </label>
        <label className="pause-at">
          <input
            type="checkbox"
            checked={pauseAt}
            onChange={(e) => store.getState().setPauseAtMarkers(e.target.checked)}
          />{' '}
          {t.pauseAtSteps}
        </label>
        <output
          className="clock"
          data-testid="sim-clock"
          aria-label={t.timeValue(formatSeconds(now))}
        >
          {(now / 1e6).toFixed(6)} s
        </output>
      </div>
      <div className="timeline">
        <input
          type="range"
          aria-label={t.timeline}
          min={0}
          max={end}
          step={1000}
          value={now}
          aria-valuetext={t.timeValue(formatSeconds(now))}
          onChange={(e) => seek(Number(e.target.value))}
        />
        <div className="timeline-marks" aria-hidden="true">
          {markers.map((m, i) => (
            <span
              key={i}
              className="timeline-mark"
              style={{ left: `${(100 * m.at) / end}%` }}
              title={m.label}
            >
              {i + 1}
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}
