import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { simStoreFor } from '../../../store/sim-registry.ts';
import type { LogEntry } from '../../../store/sim-store.ts';
import { MetricChart } from '../../frame/MetricChart.tsx';
import { SceneFrame } from '../../frame/SceneFrame.tsx';
import { useSimPoll } from '../../frame/useSimPoll.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { parseLesson } from '../../lesson/parse-lesson.ts';
import { KeyCard } from '../data-types/explorer/KeyCard.tsx';
import '../data-types/data-types.css';
import './jwt-rtr.css';
import lessonEn from './lesson.en.md?raw';
import lessonKo from './lesson.ko.md?raw';
import { jwtCatalogues } from './messages.ts';
import {
  engineMs,
  jwtModel,
  MASTER,
  PART,
  readFigures,
  REPLICA,
  type JwtFigures,
} from './model.ts';
import { Stage } from './Stage.tsx';

const lessons = { en: parseLesson(lessonEn), ko: parseLesson(lessonKo) };

/**
 * The scene as the lesson runs it: three users the learner drives (nobody acts on a
 * schedule), a 15 s refresh TTL so an idle session visibly ends, and a replica one second
 * behind so a failover can lose a rotation.
 */
const DEFAULT_KNOBS = {
  scripted: false,
  users: 3,
  accessTtl: 5,
  refreshTtl: 15,
  replica: true,
  replicaLag: 1,
};
/**
 * The summary is re-read at most once per this much virtual time at 1×, µs; faster, once per
 * POLL × speed (the same wall rate: at 10x the nodes' keyspaces were read every frame).
 */
const POLL = 200_000;
const MAX_POINTS = 300;

const store = () => simStoreFor('jwt-rtr', jwtModel, { seed: 1, knobs: DEFAULT_KNOBS });

export default function JwtRtrScene() {
  const { lang, t: app } = useI18n();
  const t = jwtCatalogues[lang];
  const s = store();
  const view = useStore(s, (x) => x.view);
  const now = useStore(s, (x) => x.now);
  const knobs = useStore(s, (x) => x.knobs);
  const epoch = useStore(s, (x) => x.epoch);
  const ready = useStore(s, (x) => x.status === 'ready');
  const speed = useStore(s, (x) => x.speed);
  const tick = Math.floor(now / (POLL * Math.max(1, speed)));
  const replica = knobs['replica'] === true;
  const users = Number(knobs['users'] ?? DEFAULT_KNOBS.users);
  const lag = Number(knobs['replicaLag'] ?? DEFAULT_KNOBS.replicaLag);

  const [figures, setFigures] = useState<JwtFigures | null>(null);
  const [selected, setSelected] = useState(0);
  const [flipped, setFlipped] = useState<ReadonlySet<string>>(new Set());
  const [bump, setBump] = useState(0);
  const [chart, setChart] = useState<{ epoch: number; t: number[]; values: number[] }>({
    epoch: -1,
    t: [],
    values: [],
  });

  // The nodes' keys and the users' tokens: a pure read of the world, on virtual time, after
  // every action and when the view changes.
  useSimPoll(
    ready,
    `${tick}:${epoch}:${bump}`,
    () => s.getState().summary(),
    (summary) => {
      const f = readFigures(summary);
      setFigures(f);
      if (f === null) return;
      const ep = s.getState().epoch;
      const keys = f.keyspaces[f.master];
      const n = keys?.keys.filter((k) => k.key.startsWith('rt:')).length ?? 0;
      setChart((c) => {
        // A restart or a seek back starts the chart again.
        const fresh = c.epoch !== ep || (c.t.length > 0 && f.at < c.t[c.t.length - 1]!);
        const base = fresh ? { epoch: ep, t: [], values: [] } : c;
        if (base.t[base.t.length - 1] === f.at) return base;
        return {
          epoch: ep,
          t: [...base.t, f.at].slice(-MAX_POINTS),
          values: [...base.values, n].slice(-MAX_POINTS),
        };
      });
    },
    [view],
  );

  const act = (verb: string, args: string[] = []) =>
    void s
      .getState()
      .partAction(PART, verb, args)
      .then(() => setBump((b) => b + 1));
  const user = [String(selected)];
  const describeLog = useMemo(() => (e: LogEntry) => t.log[e.key]?.(e.args) ?? null, [t]);
  const counts = view?.counts;
  const trip = view?.lastTrip ?? null;
  const nodes = replica ? [MASTER, REPLICA] : [MASTER];

  return (
    <SceneFrame
      store={s}
      title={app.lessons['jwt-rtr'].title}
      lesson={lessons[lang]}
      consoleNode={figures?.master ?? MASTER}
      describeLog={describeLog}
      stage={
        view === undefined ? null : (
          <div className="jwt-stage-wrap stage-row">
            <Stage
              view={view}
              figures={figures}
              now={now}
              selected={selected}
              replica={replica}
              lagSeconds={lag}
              t={t}
            />
            <figure className="jwt-trip" data-testid="last-trip">
              <figcaption>{t.lastTrip}</figcaption>
              {trip === null ? (
                <p className="hint">{t.lastTripNone}</p>
              ) : (
                <>
                  <p className="hint">
                    {t.lastTripBy(trip.who === 'attacker' ? t.attacker : t.user(trip.user + 1))}
                  </p>
                  <pre className="scene-card scene-code">
                    <code>{trip.commands.join('\n')}</code>
                  </pre>
                </>
              )}
            </figure>
            <div className="jwt-keyspaces">
              {nodes.map((name) => {
                const keys = figures?.keyspaces[name];
                const isMaster = name === (figures?.master ?? MASTER);
                const role = isMaster ? t.master : name === MASTER ? t.oldMaster : t.replica;
                const label = t.keysOn(`${role} (${name})`);
                return (
                  <section key={name} aria-label={label} data-testid={`keys-${name}`}>
                    <h4>{label}</h4>
                    {keys?.down === true ? (
                      <p>{t.nodeDown}</p>
                    ) : keys === undefined || keys.keys.length === 0 ? (
                      <p>{t.noKeys}</p>
                    ) : (
                      <div className="jwt-cards">
                        {keys.keys.map((k) => (
                          <KeyCard
                            key={k.key}
                            view={k}
                            now={engineMs(keys, figures?.at ?? now, now)}
                            bitmap={false}
                            flipped={flipped.has(`${name}/${k.key}`)}
                            onToggleBits={() =>
                              setFlipped((f) => {
                                const next = new Set(f);
                                const id = `${name}/${k.key}`;
                                if (!next.delete(id)) next.add(id);
                                return next;
                              })
                            }
                          />
                        ))}
                      </div>
                    )}
                  </section>
                );
              })}
            </div>
          </div>
        )
      }
      controls={
        <div className="scene-controls jwt-controls">
          <label>
            {t.chooseUser}{' '}
            <select value={selected} onChange={(e) => setSelected(Number(e.target.value))}>
              {Array.from({ length: users }, (_, i) => (
                <option key={i} value={i}>
                  {t.user(i + 1)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!ready} onClick={() => act('login', user)}>
            {t.login}
          </button>
          <button type="button" disabled={!ready} onClick={() => act('refresh', user)}>
            {t.refresh}
          </button>
          <button type="button" disabled={!ready} onClick={() => act('steal', user)}>
            {t.steal}
          </button>
          <button type="button" disabled={!ready} onClick={() => act('replay')}>
            {t.replay}
          </button>
          <button type="button" disabled={!ready} onClick={() => act('logout', user)}>
            {t.logout}
          </button>
          {replica && (
            <button
              type="button"
              disabled={!ready || view?.failedOver === true}
              title={t.failoverHint}
              onClick={() => act('failover')}
            >
              {t.failover}
            </button>
          )}
          <label title={t.withReplicaHint}>
            <input
              type="checkbox"
              checked={replica}
              onChange={(e) => void s.getState().reload({ knobs: { replica: e.target.checked } })}
            />{' '}
            {t.withReplica}
          </label>
        </div>
      }
      metrics={
        <>
          <dl className="jwt-figures">
            {(
              [
                'logins',
                'rotations',
                'reuse',
                'revoked',
                'logouts',
                'refused',
                'attackerRotations',
              ] as const
            ).map((k) => (
              <div key={k}>
                <dt>{t.figures[k]}</dt>
                <dd>
                  <output data-testid={`count-${k}`}>{counts?.[k] ?? 0}</output>
                </dd>
              </div>
            ))}
          </dl>
          <MetricChart
            label={t.chartKeys}
            t={chart.t}
            values={chart.values}
            format={(v) => t.keys(Math.round(v))}
            testId="chart-keys"
          />
        </>
      }
    />
  );
}
