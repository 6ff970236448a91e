import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useSimPoll } from '../../frame/useSimPoll.ts';
import { simStoreFor } from '../../../store/sim-registry.ts';
import type { LogEntry } from '../../../store/sim-store.ts';
import { MetricChart } from '../../frame/MetricChart.tsx';
import { SceneFrame } from '../../frame/SceneFrame.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { parseLesson } from '../../lesson/parse-lesson.ts';
import { DatasetChart } from './DatasetChart.tsx';
import { readFigures, type MemoryFigures } from './figures.ts';
import { Hierarchy } from './Hierarchy.tsx';
import lessonEn from './lesson.en.md?raw';
import lessonKo from './lesson.ko.md?raw';
import { Machine } from './Machine.tsx';
import './memory.css';
import { memoryCatalogues, sayHuman } from './messages.ts';
import { NODE, memoryModel } from './model.ts';
import { Race } from './Race.tsx';
import {
  HUMAN_SECONDS_PER_NS,
  datasetSteps,
  formatBytes,
  formatNs,
  groupThousands,
  nearestStep,
  type ScaleKind,
} from './scales.ts';
import { useReducedMotion } from './useReducedMotion.ts';

const lessons = { en: parseLesson(lessonEn), ko: parseLesson(lessonKo) };

const DEFAULT_KNOBS = { profile: 'macbook-air-m2', datasetGB: 4, keys: 1000, powerOffAt: 0 };
const PROFILES = ['macbook-air-m2', 'server'] as const;
const GIB = 1024 ** 3;
/**
 * The summary is re-read at most once per this much virtual time at 1×, µs; faster, the
 * period grows with the speed (every read is a round trip to the worker, and the figures
 * change little in a tenth of a second of wall time).
 */
const POLL = 100_000;

const store = () => simStoreFor('memory', memoryModel, { seed: 1, knobs: DEFAULT_KNOBS });

export default function MemoryScene() {
  const { lang, t: app } = useI18n();
  const t = memoryCatalogues[lang];
  const s = store();
  const view = useStore(s, (x) => x.view);
  const knobs = useStore(s, (x) => x.knobs);
  const series = useStore(s, (x) => x.series);
  const ready = useStore(s, (x) => x.status === 'ready');
  const now = useStore(s, (x) => x.now);
  const speed = useStore(s, (x) => x.speed);
  const tick = Math.floor(now / (POLL * Math.max(1, speed)));
  const epoch = useStore(s, (x) => x.epoch);
  const reducedMotion = useReducedMotion();
  const [scale, setScale] = useState<ScaleKind>('linear');
  const [figures, setFigures] = useState<MemoryFigures | null>(null);

  // The scene's figures (tiers, the machine, keys in Redis, rows on disk) are pure reads
  // from the worker, polled on virtual time and after every load or seek.
  useSimPoll(
    ready,
    `${tick}:${epoch}:${JSON.stringify(knobs)}`,
    () => s.getState().summary(),
    (summary) => {
      const f = readFigures(summary);
      if (f !== null) setFigures(f);
    },
  );

  const describeLog = useMemo(() => (e: LogEntry) => t.log[e.key]?.(e.args) ?? null, [t]);

  const powerOffAt = Number(knobs['powerOffAt']) * 1e6;
  const powered = !(powerOffAt > 0 && now >= powerOffAt);
  /**
   * The cut becomes part of the scene's timeline, one µs from now: the world is rebuilt
   * up to now, then runs into the cut as news (logged), so scrubbing back before it
   * undoes it and replay gives the same story.
   */
  const powerOff = async () => {
    const st = s.getState();
    const wasPlaying = st.playing;
    const at = st.now;
    await st.reload({ knobs: { powerOffAt: (at + 1) / 1e6 } });
    await st.seek(at);
    await (wasPlaying ? st.play() : st.step());
  };

  const steps = figures === null ? [] : datasetSteps(figures.profile.dramBytes);
  const datasetBytes = Number(knobs['datasetGB']) * GIB;
  const stepIndex = nearestStep(steps, datasetBytes);

  return (
    <SceneFrame
      store={s}
      title={app.lessons.memory.title}
      lesson={lessons[lang]}
      consoleNode={NODE}
      describeLog={describeLog}
      stage={
        figures === null || view === undefined ? null : (
          <div className="mem-stage">
            <Hierarchy figures={figures} scale={scale} t={t} />
            <Race figures={figures} now={now} scale={scale} reducedMotion={reducedMotion} t={t} />
            <Machine keys={figures.keysInRedis} rows={figures.rowsOnDisk} powered={powered} t={t} />
          </div>
        )
      }
      controls={
        <div className="scene-controls">
          <button
            type="button"
            className="danger"
            disabled={!ready || !powered}
            onClick={() => void powerOff()}
          >
            {t.powerOff}
          </button>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={scale === 'log'}
              onChange={(e) => setScale(e.target.checked ? 'log' : 'linear')}
            />{' '}
            {t.logScale}
          </label>
          <label>
            {t.machineProfile}{' '}
            <select
              value={String(knobs['profile'])}
              disabled={!ready}
              onChange={(e) => void s.getState().reload({ knobs: { profile: e.target.value } })}
            >
              {PROFILES.map((p) => (
                <option key={p} value={p}>
                  {t.profiles[p]}
                </option>
              ))}
            </select>
          </label>
          {steps.length > 0 && (
            <label className="mem-slider">
              {t.datasetSize}{' '}
              <input
                type="range"
                min={0}
                max={steps.length - 1}
                step={1}
                value={stepIndex}
                disabled={!ready}
                aria-valuetext={formatBytes(datasetBytes)}
                onChange={(e) => {
                  const bytes = steps[Number(e.target.value)]!;
                  void s.getState().reload({ knobs: { datasetGB: bytes / GIB } });
                }}
              />{' '}
              <output>{formatBytes(datasetBytes)}</output>
            </label>
          )}
        </div>
      }
      metrics={
        figures === null ? undefined : (
          <>
            <dl className="mem-figures">
              <dt>{t.accessLatency}</dt>
              <dd>
                <output data-testid="access-latency" data-ns={figures.model.meanAccessNs}>
                  {formatNs(figures.model.meanAccessNs)}
                </output>{' '}
                ({sayHuman(t, figures.model.meanAccessNs * HUMAN_SECONDS_PER_NS)})
              </dd>
              <dt>{t.pageFaults}</dt>
              <dd>
                <output data-testid="page-faults">
                  {figures.model.pageFaultRatio > 0
                    ? t.swapping(`${Math.round(figures.model.pageFaultRatio * 100)}%`)
                    : t.fitsInRam}
                </output>
              </dd>
              <dt>{t.keysInRedis}</dt>
              <dd>
                <output data-testid="redis-keys">{groupThousands(figures.keysInRedis)}</output>
                {!powered && <span className="mem-off-note"> · {t.powerIsOff}</span>}
              </dd>
              <dt>{t.rowsOnDisk}</dt>
              <dd>
                <output data-testid="disk-rows">{groupThousands(figures.rowsOnDisk)}</output>
              </dd>
            </dl>
            <DatasetChart
              curve={figures.curve}
              roomBytes={figures.roomBytes}
              datasetBytes={figures.datasetBytes}
              model={figures.model}
              t={t}
            />
            <MetricChart
              label={t.chartKeys}
              t={series[`node:${NODE}:keys`]?.t ?? []}
              values={series[`node:${NODE}:keys`]?.values ?? []}
              format={(v) => groupThousands(v)}
            />
          </>
        )
      }
    />
  );
}
