import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useSimPoll } from '../../frame/useSimPoll.ts';
import type { KnobValue } from '../../../sim/scenes/knobs.ts';
import { simStoreFor } from '../../../store/sim-registry.ts';
import type { LogEntry } from '../../../store/sim-store.ts';
import { MetricChart } from '../../frame/MetricChart.tsx';
import { SceneFrame } from '../../frame/SceneFrame.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { parseLesson } from '../../lesson/parse-lesson.ts';
import './failover.css';
import lessonEn from './lesson.en.md?raw';
import lessonKo from './lesson.ko.md?raw';
import { failoverCatalogues, NOREPLICAS, READONLY } from './messages.ts';
import { BIN, failoverModel, masters, NODES, OLD_MASTER, SENTINELS } from './model.ts';
import { PhaseTable } from './PhaseTable.tsx';
import { Stage } from './Stage.tsx';
import { grouped } from '../../i18n/numbers.ts';

const lessons = { en: parseLesson(lessonEn), ko: parseLesson(lessonKo) };

/** Redis's defaults, and the same ten times shorter for a class that cannot wait 30 s. */
const DEFAULT_TIMEOUTS = { 'down-after-milliseconds': 30_000, 'failover-timeout': 180_000 };
const FAST_TIMEOUTS = { 'down-after-milliseconds': 3_000, 'failover-timeout': 18_000 };
const LATENCY = { fast: 50, slow: 20_000 } as const;
/**
 * The learner kills and partitions with the buttons, so the scripted fault is off; 200
 * writes/s keeps every write countable while the trace stays light enough for 10x playback.
 */
const DEFAULT_KNOBS: Record<string, KnobValue> = {
  event: 'none',
  return: false,
  rate: 200,
  ...DEFAULT_TIMEOUTS,
};
const LOST_SHOWN = 20;

const store = () => simStoreFor('failover', failoverModel, { seed: 1, knobs: DEFAULT_KNOBS });

interface Loss {
  count: number;
  list: string[];
  named: boolean;
}

export default function FailoverScene() {
  const { lang, t: app } = useI18n();
  const t = failoverCatalogues[lang];
  const s = store();
  const view = useStore(s, (x) => x.view);
  const knobs = useStore(s, (x) => x.knobs);
  const ready = useStore(s, (x) => x.status === 'ready');
  const describeLog = useMemo(() => (e: LogEntry) => t.log[e.key]?.(e.args) ?? null, [t]);
  const [loss, setLoss] = useState<Loss>({ count: 0, list: [], named: false });

  // The lost writes: a pure read of the world (the writer's acknowledged keys that the new
  // master lacks), polled on virtual time, never journaled.
  const tick = useStore(s, (x) => Math.floor(x.now / BIN));
  const epoch = useStore(s, (x) => x.epoch);
  useSimPoll(
    ready,
    `${tick}:${epoch}`,
    () => s.getState().summary(),
    (sum) => {
      if (sum === null) return;
      const f = sum['failover'] as { promoted: string | null } | undefined;
      setLoss({
        count: sum.writesLost?.count ?? 0,
        list: (sum.writesLost?.list ?? []).map(String),
        named: f?.promoted !== null && f?.promoted !== undefined,
      });
    },
  );

  const downAfter = Number(knobs['down-after-milliseconds']);
  const failoverTimeout = Number(knobs['failover-timeout']);
  const fast = downAfter === FAST_TIMEOUTS['down-after-milliseconds'];
  const latency = Number(knobs['latencyMicros']) >= LATENCY.slow ? 'slow' : 'fast';
  // The buttons act on whoever is master now, so a second kill takes down the promoted one.
  const master = view === undefined ? OLD_MASTER : (masters(view)[0] ?? null);
  const dead = view === undefined ? [] : NODES.filter((n) => !view.nodes[n]!.up);
  const partitioned = view !== undefined && view.cut.size > 0;
  const reload = (k: Record<string, KnobValue>) => void s.getState().reload({ knobs: k });

  const charts = useMemo(() => {
    // The open bin is still filling: charting it would show a dip that is not there.
    const bins = (view?.bins ?? []).filter((b) => b.t + BIN <= (view?.now ?? 0));
    const perSecond = 1e6 / BIN;
    return {
      t: bins.map((b) => b.t),
      acked: bins.map((b) => b.acked * perSecond),
      refused: bins.map((b) => b.refused * perSecond),
    };
  }, [view]);

  // A partition cuts the master from the replicas and the sentinels, not from the app.
  const cutOff = async (m: string) => {
    for (const other of [...NODES, ...SENTINELS]) if (other !== m) await s.getState().cut(m, other);
  };
  const healAll = async (ids: readonly string[]) => {
    for (const id of ids) {
      const [a, b] = id.split('|');
      if (a !== undefined && b !== undefined) await s.getState().heal(a, b);
    }
  };

  return (
    <SceneFrame
      store={s}
      title={app.lessons.failover.title}
      lesson={lessons[lang]}
      consoleNode={OLD_MASTER}
      describeLog={describeLog}
      stage={
        view === undefined ? null : (
          <figure className="fo-stage-wrap">
            <Stage view={view} t={t} />
            <figcaption className="hint">{t.stageTitle}</figcaption>
            <PhaseTable view={view} t={t} downAfter={downAfter} failoverTimeout={failoverTimeout} />
          </figure>
        )
      }
      controls={
        <div className="scene-controls">
          <fieldset>
            <legend>{t.faults}</legend>
            <button
              type="button"
              disabled={!ready || master === null}
              onClick={() => master !== null && void s.getState().crash(master, 'kill')}
            >
              {t.killMaster}
            </button>
            <button
              type="button"
              disabled={!ready || dead.length === 0}
              onClick={() => dead.forEach((n) => void s.getState().restart(n))}
            >
              {t.restartOldMaster}
            </button>
            <button
              type="button"
              disabled={!ready || partitioned || master === null}
              onClick={() => master !== null && void cutOff(master)}
            >
              {t.partitionMaster}
            </button>
            <button
              type="button"
              disabled={!ready || !partitioned}
              onClick={() => void healAll([...view.cut])}
            >
              {t.healPartition}
            </button>
          </fieldset>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={fast}
              aria-describedby="fo-speed-hint"
              onChange={(e) => reload(e.target.checked ? FAST_TIMEOUTS : DEFAULT_TIMEOUTS)}
            />{' '}
            {t.speedUp}
          </label>
          <small id="fo-speed-hint" className="hint">
            {t.speedUpHint(downAfter, failoverTimeout)}
          </small>
          <label>
            {t.minReplicas}{' '}
            <select
              value={String(knobs['min-replicas-to-write'])}
              aria-describedby="fo-minrep-hint"
              onChange={(e) => reload({ 'min-replicas-to-write': Number(e.target.value) })}
            >
              {[0, 1, 2].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <small id="fo-minrep-hint" className="hint">
            {t.minReplicasHint}
          </small>
          <label>
            {t.latency}{' '}
            <select
              value={latency}
              onChange={(e) =>
                reload({ latencyMicros: LATENCY[e.target.value as keyof typeof LATENCY] })
              }
            >
              {(['fast', 'slow'] as const).map((l) => (
                <option key={l} value={l}>
                  {t.latencies[l]}
                </option>
              ))}
            </select>
          </label>
        </div>
      }
      metrics={
        view === undefined ? null : (
          <>
            <p className="fo-figures">
              {t.currentMaster}:{' '}
              <output data-testid="current-master">{masters(view).join(', ') || t.noMaster}</output>
              {' · '}
              {t.lostWrites}:{' '}
              <output data-testid="lost-writes">{loss.named ? loss.count : 0}</output>
            </p>
            <section className="fo-election" aria-label={t.election}>
              <h4>{t.election}</h4>
              {view.leader === null ? (
                <p>{t.electionNone}</p>
              ) : (
                <p data-testid="election">{t.electionEpoch(view.epoch, view.leader)}</p>
              )}
              <table className="fo-table">
                <thead>
                  <tr>
                    <th scope="col">{t.voter}</th>
                    <th scope="col">{t.vote}</th>
                  </tr>
                </thead>
                <tbody>
                  {SENTINELS.map((x) => {
                    const v = view.sentinels[x]!.vote;
                    return (
                      <tr key={x}>
                        <th scope="row">{x}</th>
                        <td>{v === null ? t.noVote : `${v.leader} (${v.epoch})`}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
            <section className="fo-selection" aria-label={t.selection}>
              <h4>{t.selection}</h4>
              {view.selection === null ? (
                <p>{t.selectionNone}</p>
              ) : (
                <>
                  <p data-testid="selection">
                    {t.chosen(view.selection.chosen)} {t.rules[view.selection.rule]}
                  </p>
                  <table className="fo-table">
                    <thead>
                      <tr>
                        <th scope="col">{t.replica}</th>
                        <th scope="col">{t.priority}</th>
                        <th scope="col">{t.offset}</th>
                        <th scope="col">{t.runId}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {view.selection.candidates.map((c) => (
                        <tr
                          key={c.name}
                          className={c.name === view.selection?.chosen ? 'fo-chosen' : ''}
                        >
                          <th scope="row">{c.name}</th>
                          <td>{c.priority}</td>
                          <td>{grouped(c.offset, lang === 'ko' ? 'ko-KR' : 'en-US')}</td>
                          <td>
                            <code>{c.runId.slice(0, 8)}</code>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </section>
            <section className="fo-lost" aria-label={t.lostList}>
              <h4>{t.lostList}</h4>
              {!loss.named ? (
                <p>{t.lostPending}</p>
              ) : loss.count === 0 ? (
                <p>{t.lostNone}</p>
              ) : (
                <ul data-testid="lost-list">
                  {loss.list.slice(0, LOST_SHOWN).map((k) => (
                    <li key={k}>
                      <code>{k}</code>
                    </li>
                  ))}
                  {loss.count > LOST_SHOWN && <li>{t.lostMore(loss.count - LOST_SHOWN)}</li>}
                </ul>
              )}
            </section>
            <section className="fo-writes" aria-label={t.writes}>
              <h4>{t.writes}</h4>
              <ul>
                {NODES.filter((n) => (view.acked[n] ?? 0) > 0).map((n) => (
                  <li key={n} data-testid={`acked-${n}`}>
                    {t.ackedBy(n, view.acked[n] ?? 0)}
                    {view.fault !== null && (view.ackedSinceFault[n] ?? 0) > 0 && (
                      <> · {t.ackedSinceFault(n, view.ackedSinceFault[n] ?? 0)}</>
                    )}
                  </li>
                ))}
              </ul>
              <p>
                {t.refused}: <code>NOREPLICAS</code>{' '}
                <output data-testid="refused-noreplicas">{view.refused.noreplicas}</output>
                {' · '}
                <code>READONLY</code>{' '}
                <output data-testid="refused-readonly">{view.refused.readonly}</output>
              </p>
              {view.lastRefusal !== null && (
                <p>
                  {t.lastRefusal(view.lastRefusal.node)}{' '}
                  <code data-testid="last-refusal">
                    {view.lastRefusal.error === 'noreplicas' ? NOREPLICAS : READONLY}
                  </code>
                </p>
              )}
            </section>
            <MetricChart
              label={t.chartAcked}
              t={charts.t}
              values={charts.acked}
              format={(v) => t.perSecond(Math.round(v))}
              testId="chart-acked"
            />
            <MetricChart
              label={t.chartRefused}
              t={charts.t}
              values={charts.refused}
              format={(v) => t.perSecond(Math.round(v))}
              testId="chart-refused"
            />
          </>
        )
      }
    />
  );
}
