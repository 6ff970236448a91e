import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { KnobValue } from '../../../sim/scenes/knobs.ts';
import { simStoreFor } from '../../../store/sim-registry.ts';
import type { LogEntry } from '../../../store/sim-store.ts';
import { SceneSettings } from '../../frame/SceneSettings.tsx';
import { MetricChart } from '../../frame/MetricChart.tsx';
import { SceneFrame } from '../../frame/SceneFrame.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { parseLesson } from '../../lesson/parse-lesson.ts';
import lessonEn from './lesson.en.md?raw';
import lessonKo from './lesson.ko.md?raw';
import { formatBytes, replicationCatalogues } from './messages.ts';
import { APP, MASTER, replicationModel } from './model.ts';
import './replication.css';
import { Stage } from './Stage.tsx';

const lessons = { en: parseLesson(lessonEn), ko: parseLesson(lessonKo) };

/**
 * The learner cuts and heals the links with the buttons, so the scripted cut is off. 200
 * writes/s keep the stream the page receives light (every request is a few trace records).
 */
const DEFAULT_KNOBS: Record<string, KnobValue> = { cutFor: 0, replicas: 2, rate: 200 };
const REPLICA_COUNTS = [1, 2, 3, 4] as const;
/** Backlog sizes to choose from: 16 KB holds about a second of the writer's stream at 200/s. */
const BACKLOG_SIZES = [16_384, 65_536, 262_144, 1_048_576, 16_777_216] as const;
const DEFAULT_BACKLOG = 1_048_576;
/** The settings shown, in this order. */
const SETTINGS = ['rate', 'keys', 'valueSize', 'latencyMicros'] as const;

const store = () => simStoreFor('replication', replicationModel, { seed: 1, knobs: DEFAULT_KNOBS });

export default function ReplicationScene() {
  const { lang, t: app } = useI18n();
  const t = replicationCatalogues[lang];
  const s = store();
  const view = useStore(s, (x) => x.view);
  const knobs = useStore(s, (x) => x.knobs);
  const info = useStore(s, (x) => x.info);
  const ready = useStore(s, (x) => x.status === 'ready');
  const [waitReplicas, setWaitReplicas] = useState(1);
  const [waitTimeout, setWaitTimeout] = useState(100);
  const describeLog = useMemo(() => (e: LogEntry) => t.log[e.key]?.(e.args) ?? null, [t]);
  const values = info?.values ?? knobs;
  const backlog = Number(values['repl-backlog-size'] ?? DEFAULT_BACKLOG);
  const replicaCount = Number(values['replicas'] ?? 2);
  const replicas = view?.replicas ?? [];

  return (
    <SceneFrame
      store={s}
      title={app.lessons.replication.title}
      lesson={lessons[lang]}
      consoleNode={MASTER}
      describeLog={describeLog}
      stage={
        view === undefined ? null : (
          <div className="repl-stage-wrap">
            <Stage view={view} t={t} backlog={backlog} />
          </div>
        )
      }
      controls={
        <div className="scene-controls repl-controls">
          <label>
            {t.replicaCount}{' '}
            <select
              value={replicaCount}
              onChange={(e) =>
                void s.getState().reload({ knobs: { replicas: Number(e.target.value) } })
              }
            >
              {REPLICA_COUNTS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.backlogSize}{' '}
            <select
              value={backlog}
              onChange={(e) =>
                void s.getState().reload({ knobs: { 'repl-backlog-size': Number(e.target.value) } })
              }
            >
              {(BACKLOG_SIZES as readonly number[]).includes(backlog) ? null : (
                <option value={backlog}>{formatBytes(backlog)}</option>
              )}
              {BACKLOG_SIZES.map((n) => (
                <option key={n} value={n}>
                  {formatBytes(n)}
                </option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>{t.links}</legend>
            {replicas.map((r) => (
              <span key={r.name} className="repl-link-buttons">
                <button
                  type="button"
                  disabled={!ready || r.cut}
                  onClick={() => void s.getState().cut(MASTER, r.name)}
                >
                  {t.cutLink(r.name)}
                </button>
                <button
                  type="button"
                  disabled={!ready || !r.cut}
                  onClick={() => void s.getState().heal(MASTER, r.name)}
                >
                  {t.healLink(r.name)}
                </button>
              </span>
            ))}
          </fieldset>
          <fieldset>
            <legend>WAIT</legend>
            <label>
              {t.waitReplicas}{' '}
              <select
                value={waitReplicas}
                onChange={(e) => setWaitReplicas(Number(e.target.value))}
              >
                {Array.from({ length: replicaCount + 1 }, (_, n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              {t.waitTimeout}{' '}
              <input
                type="number"
                min={0}
                max={60_000}
                value={waitTimeout}
                onChange={(e) =>
                  setWaitTimeout(Math.max(0, Math.round(Number(e.target.value) || 0)))
                }
              />
            </label>{' '}
            <button
              type="button"
              disabled={!ready}
              title={t.waitHint}
              onClick={() =>
                void s
                  .getState()
                  .partAction(APP, 'wait', [String(waitReplicas), String(waitTimeout)])
              }
            >
              {t.sendWait}
            </button>
          </fieldset>
          <button
            type="button"
            disabled={!ready || replicas.length === 0}
            title={t.writeToReplicaHint}
            onClick={() => void s.getState().partAction(APP, 'write-replica', [replicas[0]!.name])}
          >
            {t.writeToReplica}
          </button>
        </div>
      }
      metrics={
        view === undefined ? null : (
          <>
            <dl className="repl-figures scene-figures">
              <dt>{t.masterReplOffset}</dt>
              <dd>
                <output data-testid="master-repl-offset">{view.masterOffset}</output>
              </dd>
              <dt>{t.fullSyncs}</dt>
              <dd>
                <output data-testid="full-syncs">{view.fullSyncs}</output>
              </dd>
              <dt>{t.partialSyncs}</dt>
              <dd>
                <output data-testid="partial-syncs">{view.partialSyncs}</output>
              </dd>
              <dt>{t.staleReads}</dt>
              <dd>
                <output data-testid="stale-reads">
                  {view.staleReads} / {view.reads}
                </output>
              </dd>
              <dt>{t.lastWait}</dt>
              <dd>
                <output data-testid="last-wait">
                  {view.lastWait === null
                    ? t.noWaitYet
                    : t.waitResult({
                        replicas: view.lastWait.replicas,
                        timeout: view.lastWait.timeout,
                        acked: view.lastWait.acked,
                        micros: view.lastWait.micros,
                        write: view.lastWait.write,
                      })}
                </output>
              </dd>
              {view.refused !== null && (
                <>
                  <dt>{t.replicaError}</dt>
                  <dd>
                    <output data-testid="replica-error" className="repl-error">
                      (error) {view.refused.error}
                    </output>
                  </dd>
                </>
              )}
            </dl>
            <table className="repl-table">
              <thead>
                <tr>
                  <th scope="col">{t.replica}</th>
                  <th scope="col">{t.offset}</th>
                  <th scope="col">{t.lagBytes}</th>
                </tr>
              </thead>
              <tbody>
                {view.replicas.map((r) => (
                  <tr key={r.name}>
                    <th scope="row">{r.name}</th>
                    <td data-testid={`offset-${r.name}`}>{r.offset}</td>
                    <td data-testid={`lag-${r.name}`}>
                      {formatBytes(Math.max(0, view.masterOffset - r.offset))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {view.replicas.map((r) => (
              <MetricChart
                key={r.name}
                label={t.chartLag(r.name)}
                t={r.lag.t}
                values={r.lag.values}
                format={formatBytes}
                testId={`chart-lag-${r.name}`}
              />
            ))}
          </>
        )
      }
      settings={
        info === null ? undefined : (
          <SceneSettings
            store={s}
            idPrefix="repl-knob"
            shown={SETTINGS}
            labels={t.knobs}
            apply={t.applySettings}
          />
        )
      }
    />
  );
}
