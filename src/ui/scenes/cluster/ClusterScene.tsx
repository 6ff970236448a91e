import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useSimPoll } from '../../frame/useSimPoll.ts';
import type { KnobValue } from '../../../sim/scenes/knobs.ts';
import { simStoreFor } from '../../../store/sim-registry.ts';
import type { KeySlot, LogEntry } from '../../../store/sim-store.ts';
import { SceneSettings } from '../../frame/SceneSettings.tsx';
import { MetricChart } from '../../frame/MetricChart.tsx';
import { SceneFrame } from '../../frame/SceneFrame.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { parseLesson } from '../../lesson/parse-lesson.ts';
import './cluster.css';
import { killable, ownerOf, readFigures, spare, type ClusterFigures } from './figures.ts';
import lessonEn from './lesson.en.md?raw';
import lessonKo from './lesson.ko.md?raw';
import { clusterCatalogues, formatBytes, type ClusterMessages } from './messages.ts';
import { clusterModel, loadLines } from './model.ts';
import { colourOf, Stage } from './Stage.tsx';

const lessons = { en: parseLesson(lessonEn), ko: parseLesson(lessonKo) };

/** The learner adds the node and kills the master with the buttons: nothing is scripted. */
const DEFAULT_KNOBS: Record<string, KnobValue> = { addNode: false, kill: false };
const SETTINGS = [
  'masters',
  'replicas',
  'rate',
  'hotShare',
  'reshardSlots',
  'migrateRate',
  'cluster-node-timeout',
  'clientMap',
] as const;
/** The console's node: one that the Kill master button leaves alive at first. */
const CONSOLE_NODE = 'm2';
const ADMIN = 'admin';
const DEMO = 'demo';
const CLIENTS = ['app', 'demo'] as const;
/**
 * Summary reads at most every this many µs of virtual time at 1× (and after each action);
 * faster, every POLL × speed, the same wall rate: at 10x a read a frame cost the page (and
 * the worker) more than the stage, and no one follows the slot map at 60 changes a second.
 */
const POLL = 100_000;

const MSET_CROSS = ['MSET', 'user:1:name', 'ann', 'user:2:name', 'bob'];
const MSET_TAGGED = ['MSET', '{user:1}:name', 'ann', '{user:1}:email', 'ann@example.com'];

const store = () => simStoreFor('cluster', clusterModel, { seed: 1, knobs: DEFAULT_KNOBS });

/** Scale up against scale out, side by side, from the run's own figures. */
function ScalePanel({ figures, t }: { figures: ClusterFigures; t: ClusterMessages }) {
  const s = figures.scale;
  const micros = s.requestMicros.toFixed(s.requestMicros < 10 ? 1 : 0);
  return (
    <section className="cluster-scale" aria-label={t.scaleTitle}>
      <h4>{t.scaleTitle}</h4>
      <div className="cluster-scale-cards">
        <div className="cluster-scale-card scene-card scene-figures" data-testid="scale-up">
          <h5>{t.scaleUp}</h5>
          <p>
            {t.ceiling}: <output data-testid="scale-up-ceiling">{t.opsPerSec(s.upCeiling)}</output>
          </p>
          <p>
            {t.memory}: <output>{formatBytes(s.upMemory)}</output>
          </p>
        </div>
        <div className="cluster-scale-card scene-card scene-figures" data-testid="scale-out">
          <h5>{t.scaleOut(s.outNodes)}</h5>
          <p>
            {t.ceiling}:{' '}
            <output data-testid="scale-out-ceiling">{t.opsPerSec(s.outCeiling)}</output>
          </p>
          <p>
            {t.memoryPerNode}: <output>{formatBytes(s.outMemoryPerNode)}</output>
          </p>
        </div>
      </div>
      <p className="cluster-scale-note">
        {t.load}: {t.opsPerSec(s.opsPerSec)}. {t.scaleNote(micros)}
      </p>
    </section>
  );
}

export default function ClusterScene() {
  const { lang, t: app } = useI18n();
  const t = clusterCatalogues[lang];
  const s = store();
  const view = useStore(s, (x) => x.view);
  const info = useStore(s, (x) => x.info);
  const ready = useStore(s, (x) => x.status === 'ready');
  const tick = useStore(s, (x) => Math.floor(x.now / (POLL * Math.max(1, x.speed))));
  const epoch = useStore(s, (x) => x.epoch);
  const [figures, setFigures] = useState<ClusterFigures>(() => readFigures(null));
  const [acted, setActed] = useState(0);
  const [key, setKey] = useState('');
  const [answer, setAnswer] = useState<{ key: string; slot: KeySlot | null } | null>(null);
  const describeLog = useMemo(() => (e: LogEntry) => t.log[e.key]?.(e.args) ?? null, [t]);

  // The cluster's state is read from the simulation's summary (a pure read, never
  // journaled), on virtual time and after each action; one read at a time.
  useSimPoll(
    ready,
    `${tick}:${epoch}:${acted}`,
    () => s.getState().summary(),
    (summary) => setFigures(readFigures(summary)),
  );

  // The key's slot comes from the simulation's CRC16; an answer counts for its own key only.
  useEffect(() => {
    if (key === '' || !ready) return;
    void s
      .getState()
      .keySlot(key)
      .then((slot) => setAnswer({ key, slot }));
  }, [s, key, ready]);
  const slot = key !== '' && answer?.key === key ? answer.slot : null;

  const series = useStore(s, (x) => x.series);
  const lines = useMemo(() => loadLines(series), [series]);
  const load = useMemo(() => {
    const m = new Map<string, number>();
    for (const [n, l] of lines) m.set(n, l.values.at(-1) ?? 0);
    return m;
  }, [lines]);

  const act = (part: string, verb: string, args: readonly string[]) =>
    void s
      .getState()
      .partAction(part, verb, args)
      .finally(() => setActed((n) => n + 1));
  const spareNode = spare(figures.members);
  const victim = killable(figures.members);
  const resharding = figures.reshard !== null && figures.reshard.phase !== 'done';
  const reshardSlots = String(info?.values['reshardSlots'] ?? 1024);
  const owner = slot === null ? '' : ownerOf(figures.ranges, slot.slot);
  const reply = figures.replies.at(-1);
  const migration = figures.migrations[0];

  return (
    <SceneFrame
      store={s}
      title={app.lessons.cluster.title}
      lesson={lessons[lang]}
      consoleNode={CONSOLE_NODE}
      describeLog={describeLog}
      stage={
        view === undefined ? null : (
          <div className="cluster-stage">
            <Stage figures={figures} keySlot={slot?.slot ?? null} load={load} t={t} />
            <p className="cluster-status" aria-live="polite">
              <span data-testid="migration">
                {migration === undefined
                  ? ''
                  : `${t.migrating(migration.slot, migration.from, migration.to)}. `}
              </span>
              <span data-testid="reshard">
                {figures.reshard === null
                  ? ''
                  : t.reshard(
                      figures.reshard.slotsMoved,
                      figures.reshard.keysMoved,
                      figures.reshard.target,
                      figures.reshard.phase === 'done',
                    )}
              </span>
            </p>
            <ScalePanel figures={figures} t={t} />
          </div>
        )
      }
      controls={
        <div className="scene-controls cluster-controls">
          <div className="cluster-key">
            <label htmlFor="cluster-key">{t.key}</label>
            <input
              id="cluster-key"
              type="text"
              value={key}
              spellCheck={false}
              autoComplete="off"
              aria-describedby="cluster-key-hint cluster-key-result"
              onChange={(e) => setKey(e.currentTarget.value)}
            />
            <small id="cluster-key-hint">{t.keyHint}</small>
            <output id="cluster-key-result" data-testid="key-result" aria-live="polite">
              {slot === null ? null : (
                <>
                  <span data-testid="key-slot">{t.keySlot(slot.slot)}</span>
                  {' · '}
                  <span data-testid="key-owner">
                    {owner === '' ? t.keyNoOwner : t.keyOwner(owner)}
                  </span>
                  {' · '}
                  <span data-testid="key-hashed">
                    {t.keyHashed(slot.hashed, slot.hashed !== key)}
                  </span>
                </>
              )}
            </output>
          </div>
          <div className="cluster-buttons">
            <button
              type="button"
              title={t.addNodeHint}
              disabled={!ready || spareNode === null || resharding}
              onClick={() =>
                spareNode !== null && act(ADMIN, 'add-node', [spareNode, reshardSlots])
              }
            >
              {t.addNode}
            </button>
            <button
              type="button"
              title={t.killMasterHint}
              disabled={!ready || victim === null}
              onClick={() => victim !== null && act(ADMIN, 'kill', [victim])}
            >
              {t.killMaster}
            </button>
            <button
              type="button"
              title={t.msetHint}
              disabled={!ready}
              onClick={() => act(DEMO, 'send', MSET_CROSS)}
            >
              {t.msetCross}
            </button>
            <button
              type="button"
              title={t.msetHint}
              disabled={!ready}
              onClick={() => act(DEMO, 'send', MSET_TAGGED)}
            >
              {t.msetTagged}
            </button>
          </div>
          <p className="cluster-reply">
            {t.lastReply}:{' '}
            <output data-testid="mset-reply">
              {reply === undefined
                ? t.noReplyYet
                : `${reply.command} → ${reply.reply === 'OK' ? 'OK' : `(error) ${reply.reply}`}`}
            </output>
          </p>
        </div>
      }
      metrics={
        <>
          <table className="cluster-redirects">
            <caption>{t.redirectsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.client}</th>
                <th scope="col">{t.moved}</th>
                <th scope="col">{t.ask}</th>
              </tr>
            </thead>
            <tbody>
              {CLIENTS.map((c) => (
                <tr key={c}>
                  <th scope="row">{t.clientNames[c] ?? c}</th>
                  <td data-testid={`moved-${c}`}>{figures.clients[c]?.moved ?? 0}</td>
                  <td data-testid={`ask-${c}`}>{figures.clients[c]?.ask ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="cluster-load">
            {[...lines].map(([node, line]) => (
              <div
                key={node}
                className="cluster-load-chart"
                style={{ borderColor: colourOf(figures.members, node) }}
              >
                <MetricChart
                  label={t.chartLoad(node)}
                  t={line.t}
                  values={line.values}
                  format={(v) => t.opsPerSec(v)}
                  testId={`load-${node}`}
                  width={200}
                  height={48}
                />
              </div>
            ))}
          </div>
        </>
      }
      settings={
        info === null ? undefined : (
          <SceneSettings
            store={s}
            idPrefix="cluster-knob"
            shown={SETTINGS}
            labels={t.knobs}
            apply={t.applySettings}
          />
        )
      }
    />
  );
}
