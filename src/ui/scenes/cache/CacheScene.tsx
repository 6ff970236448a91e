import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { CachePattern } from '../../../sim/patterns/cache.ts';
import type { KnobValue } from '../../../sim/scenes/knobs.ts';
import { simStoreFor } from '../../../store/sim-registry.ts';
import type { LogEntry } from '../../../store/sim-store.ts';
import { MetricChart } from '../../frame/MetricChart.tsx';
import { SceneFrame } from '../../frame/SceneFrame.tsx';
import { SceneSettings } from '../../frame/SceneSettings.tsx';
import { formatLatency } from '../../frame/time-format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { parseLesson } from '../../lesson/parse-lesson.ts';
import './cache.css';
import { PATTERNS } from './code.ts';
import lessonEn from './lesson.en.md?raw';
import lessonKo from './lesson.ko.md?raw';
import { cacheCatalogues } from './messages.ts';
import { cacheModel, charts, lostByKey, REDIS } from './model.ts';
import { Stage } from './Stage.tsx';

const lessons = { en: parseLesson(lessonEn), ko: parseLesson(lessonKo) };

/**
 * The learner crashes Redis with the button, so the scripted crash is off; a cache with a
 * memory limit should evict (Redis's own default, noeviction, refuses writes instead).
 */
const DEFAULT_KNOBS: Record<string, KnobValue> = {
  pattern: 'look-aside',
  crashAt: 0,
  eviction: 'allkeys-lru',
};
/** The settings shown, in this order (a knob the scene lacks is skipped). */
const SETTINGS = [
  'ttl',
  'maxmemory',
  'eviction',
  'skew',
  'readRatio',
  'keys',
  'rate',
  'flushEvery',
] as const;
const LOST_SHOWN = 20;

const store = () => simStoreFor('cache', cacheModel, { seed: 1, knobs: DEFAULT_KNOBS });

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

export default function CacheScene() {
  const { lang, t: app } = useI18n();
  const t = cacheCatalogues[lang];
  const s = store();
  const view = useStore(s, (x) => x.view);
  const info = useStore(s, (x) => x.info);
  const knobs = useStore(s, (x) => x.knobs);
  const ready = useStore(s, (x) => x.status === 'ready');
  const pattern = (
    PATTERNS.includes(knobs['pattern'] as CachePattern) ? knobs['pattern'] : 'look-aside'
  ) as CachePattern;
  const describeLog = useMemo(() => (e: LogEntry) => t.log[e.key]?.(e.args) ?? null, [t]);
  const lines = useMemo(() => (view === undefined ? null : charts(view.bins, view.now)), [view]);
  const lost = useMemo(() => (view === undefined ? [] : lostByKey(view.lost)), [view]);
  const hit = lines?.hitRatio.values.at(-1) ?? 0;

  return (
    <SceneFrame
      store={s}
      title={app.lessons.cache.title}
      lesson={lessons[lang]}
      consoleNode={REDIS}
      describeLog={describeLog}
      stage={view === undefined ? null : <Stage view={view} pattern={pattern} t={t} />}
      controls={
        <div className="scene-controls">
          <fieldset>
            <legend>{t.pattern}</legend>
            {PATTERNS.map((p) => (
              <label key={p}>
                <input
                  type="radio"
                  name="cache-pattern"
                  value={p}
                  checked={pattern === p}
                  onChange={() => void s.getState().reload({ knobs: { pattern: p } })}
                />{' '}
                {t.patterns[p]}
              </label>
            ))}
          </fieldset>
          <button
            type="button"
            disabled={!ready}
            title={t.crashHint}
            onClick={() => void s.getState().crashAndRestart(REDIS)}
          >
            {t.crashRedis}
          </button>
        </div>
      }
      metrics={
        <>
          <p className="cache-figures scene-figures">
            {t.hitRatio}: <output data-testid="hit-ratio">{percent(hit)}</output>
            {' · '}
            {t.lostWrites}: <output data-testid="lost-writes">{view?.lostCount ?? 0}</output>
          </p>
          <section className="cache-lost" aria-label={t.lostList}>
            <h4>{t.lostList}</h4>
            {lost.length === 0 ? (
              <p>{t.lostNone}</p>
            ) : (
              <ul data-testid="lost-list">
                {lost.slice(0, LOST_SHOWN).map((w) => (
                  <li key={w.key}>
                    <code>{w.key}</code> {w.count > 1 ? t.times(w.count) : ''}
                  </li>
                ))}
                {lost.length > LOST_SHOWN && <li>{t.lostMore(lost.length - LOST_SHOWN)}</li>}
              </ul>
            )}
          </section>
          <MetricChart
            label={t.chartHitRatio}
            t={lines?.hitRatio.t ?? []}
            values={lines?.hitRatio.values ?? []}
            format={percent}
            testId="chart-hit-ratio"
          />
          <MetricChart
            label={t.chartDbLoad}
            t={lines?.dbLoad.t ?? []}
            values={lines?.dbLoad.values ?? []}
            format={(v) => t.queriesPerSecond(Math.round(v))}
            testId="chart-db-load"
          />
          <MetricChart
            label={t.chartLatency}
            t={lines?.latency.t ?? []}
            values={lines?.latency.values ?? []}
            format={formatLatency}
            testId="chart-latency"
          />
        </>
      }
      settings={
        info === null ? undefined : (
          <SceneSettings
            store={s}
            idPrefix="cache-knob"
            shown={SETTINGS}
            labels={t.knobs}
            hints={t.knobHints}
            apply={t.applySettings}
          />
        )
      }
    />
  );
}
