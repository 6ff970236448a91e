import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useSimPoll } from '../../frame/useSimPoll.ts';
import { simStoreFor } from '../../../store/sim-registry.ts';
import type { LogEntry } from '../../../store/sim-store.ts';
import { MetricChart } from '../../frame/MetricChart.tsx';
import { SceneFrame } from '../../frame/SceneFrame.tsx';
import { formatLatency } from '../../frame/time-format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { parseLesson } from '../../lesson/parse-lesson.ts';
import lessonEn from './lesson.en.md?raw';
import lessonKo from './lesson.ko.md?raw';
import { singleThreadCatalogues } from './messages.ts';
import { NODE, singleThreadModel } from './model.ts';
import { Stage } from './Stage.tsx';

const lessons = { en: parseLesson(lessonEn), ko: parseLesson(lessonKo) };

const BIG_KEYS = 3;
/** The scene as the lesson runs it: the learner sends the slow commands (walk=manual). */
const DEFAULT_KNOBS = {
  clients: 4,
  rate: 200,
  keyspace: 50_000,
  walk: 'manual',
  raceRounds: 500,
  counter: 'incr',
  ioThreads: 0,
  bigKeys: BIG_KEYS,
  bigKeySize: 200_000,
};
const COUNTER_MODES = ['get-then-set', 'incr', 'watch-multi'] as const;
const ADMIN = 'admin';
const RACERS = ['app1', 'app2'];

const store = () =>
  simStoreFor('single-thread', singleThreadModel, { seed: 1, knobs: DEFAULT_KNOBS });

/** The max of several series, point by point (they share sample times). */
function worstOf(series: readonly ({ t: number[]; values: number[] } | undefined)[]) {
  const first = series.find((s) => s !== undefined);
  if (first === undefined) return { t: [], values: [] };
  const values = first.values.map((_, i) =>
    Math.max(...series.map((s) => s?.values[i - first.values.length + s.values.length] ?? 0)),
  );
  return { t: first.t, values };
}

export default function SingleThreadScene() {
  const { lang } = useI18n();
  const t = singleThreadCatalogues[lang];
  const s = store();
  const view = useStore(s, (x) => x.view);
  const knobs = useStore(s, (x) => x.knobs);
  const series = useStore(s, (x) => x.series);
  const ready = useStore(s, (x) => x.status === 'ready');
  const [race, setRace] = useState<{ counter: number; done: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rounds = Number(knobs['raceRounds']) * RACERS.length;

  // The counter and whether both app servers finished: pure reads from the worker, polled
  // on virtual time (at most every 100 ms of it), never journaled.
  const tick = useStore(s, (x) => Math.floor(x.now / 250_000));
  const epoch = useStore(s, (x) => x.epoch);
  useSimPoll(
    ready,
    `${tick}:${epoch}`,
    () => {
      const b = s.getState();
      return Promise.all([b.peek(NODE, 'counter'), ...RACERS.map((r) => b.stats(r))]);
    },
    ([value, ...stats]) =>
      setRace({ counter: Number(value ?? 0), done: stats.every((x) => x !== null && x.done) }),
  );

  const send = (argv: string[]) => void s.getState().send(ADMIN, argv);
  const sendToBigKey = async (verb: 'DEL' | 'UNLINK') => {
    for (let i = 1; i <= BIG_KEYS; i++) {
      const key = `big:${i}`;
      if ((await s.getState().length(NODE, key)) !== null) {
        setNotice(null);
        send([verb, key]);
        return;
      }
    }
    setNotice(t.noHugeKey);
  };

  const workers = view === undefined ? [] : view.clients.filter((c) => /^c\d+$/.test(c));
  const p99 = worstOf(workers.map((c) => series[`client:${c}:p99`]));
  const worst = workers.reduce(
    (m, c) => {
      const l = view?.latency[c];
      return l === undefined
        ? m
        : { p50: Math.max(m.p50, l.p50), p95: Math.max(m.p95, l.p95), p99: Math.max(m.p99, l.p99) };
    },
    { p50: 0, p95: 0, p99: 0 },
  );
  const describeLog = useMemo(() => (e: LogEntry) => t.log[e.key]?.(e.args) ?? null, [t]);

  const lost = race === null ? null : race.done ? rounds - race.counter : null;

  return (
    <SceneFrame
      store={s}
      title={useI18n().t.lessons['single-thread'].title}
      lesson={lessons[lang]}
      consoleNode={NODE}
      describeLog={describeLog}
      stage={
        view === undefined ? null : (
          <Stage view={view} t={t} ioThreads={Number(knobs['ioThreads'])} />
        )
      }
      controls={
        <div className="scene-controls">
          <fieldset>
            <legend>{t.slowCommands}</legend>
            <button type="button" disabled={!ready} onClick={() => send(['KEYS', '*'])}>
              {t.sendKeys}
            </button>
            <button
              type="button"
              disabled={!ready}
              onClick={() => send(['DEBUG', 'SLEEP', '0.05'])}
            >
              {t.sendDebugSleep}
            </button>
            <button
              type="button"
              disabled={!ready}
              onClick={() => send(['LRANGE', 'big:1', '0', '-1'])}
            >
              {t.sendLrange}
            </button>
            <button type="button" disabled={!ready} onClick={() => void sendToBigKey('DEL')}>
              {t.deleteHuge}
            </button>
          </fieldset>
          <fieldset>
            <legend>{t.cures}</legend>
            <button
              type="button"
              disabled={!ready}
              onClick={() => send(['SCAN', '0', 'COUNT', '100'])}
            >
              {t.sendScan}
            </button>
            <button type="button" disabled={!ready} onClick={() => void sendToBigKey('UNLINK')}>
              {t.unlinkHuge}
            </button>
          </fieldset>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={Number(knobs['ioThreads']) > 0}
              onChange={(e) =>
                void s.getState().reload({ knobs: { ioThreads: e.target.checked ? 4 : 0 } })
              }
            />{' '}
            {t.ioThreads}
          </label>
          <label>
            {t.counterMode}{' '}
            <select
              value={String(knobs['counter'])}
              onChange={(e) => void s.getState().reload({ knobs: { counter: e.target.value } })}
            >
              {COUNTER_MODES.map((m) => (
                <option key={m} value={m}>
                  {t.counterModes[m]}
                </option>
              ))}
            </select>
          </label>
          {notice !== null && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
        </div>
      }
      metrics={
        <>
          <table className="latency-table">
            <caption>{t.latencyTable}</caption>
            <thead>
              <tr>
                <th scope="col">{t.client}</th>
                <th scope="col">p50</th>
                <th scope="col">p95</th>
                <th scope="col">p99</th>
              </tr>
            </thead>
            <tbody>
              {workers.map((c) => {
                const l = view?.latency[c];
                return (
                  <tr key={c}>
                    <th scope="row">{c}</th>
                    <td>{formatLatency(l?.p50 ?? 0)}</td>
                    <td>{formatLatency(l?.p95 ?? 0)}</td>
                    <td data-testid={`p99-${c}`}>{formatLatency(l?.p99 ?? 0)}</td>
                  </tr>
                );
              })}
              <tr className="worst">
                <th scope="row">{t.allClients}</th>
                <td>{formatLatency(worst.p50)}</td>
                <td>{formatLatency(worst.p95)}</td>
                <td data-testid="p99-worst" data-micros={worst.p99}>
                  {formatLatency(worst.p99)}
                </td>
              </tr>
            </tbody>
          </table>
          <section className="race" aria-label={t.race}>
            <h4>{t.race}</h4>
            <p>{t.raceGoal(rounds)}</p>
            <p>
              {t.counterValue}: <output data-testid="race-counter">{race?.counter ?? 0}</output>
              {' · '}
              {t.lostUpdates}:{' '}
              <output data-testid="race-lost">{lost === null ? t.raceRunning : lost}</output>
            </p>
          </section>
          <MetricChart label={t.chartP99} t={p99.t} values={p99.values} format={formatLatency} />
          <MetricChart
            label={t.chartQueue}
            t={series[`node:${NODE}:queue`]?.t ?? []}
            values={series[`node:${NODE}:queue`]?.values ?? []}
            format={(v) => String(Math.round(v))}
          />
          <MetricChart
            label={t.chartBusy}
            t={series[`node:${NODE}:busy`]?.t ?? []}
            values={series[`node:${NODE}:busy`]?.values ?? []}
            format={(v) => `${Math.round(v * 100)}%`}
          />
        </>
      }
    />
  );
}
