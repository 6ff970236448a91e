import { scaleLinear } from 'd3-scale';
import { memo } from 'react';
import type { PersistenceMessages } from './messages.ts';
import {
  LAYERS,
  WINDOW,
  lastLoss,
  marks,
  runningFork,
  survivors,
  timelineBins,
  type Bin,
  type Layer,
  type Marks,
  type PersistenceView,
  type Series,
} from './model.ts';

const W = 760;
const H = 250;
const X0 = 44;
const X1 = W - 12;
const BAR_TOP = 24;
const BAR_BOTTOM = 150;
const FORK_Y = 160;
const FSYNC_Y = 180;
const AXIS_Y = 204;
const LEGEND_Y = 236;

/** Each layer's colour, from the palette (Okabe–Ito as --c1..--c8). */
export const LAYER_COLOUR: Readonly<Record<Layer, string>> = {
  disk: 'var(--c3)',
  cache: 'var(--c5)',
  memory: 'var(--c2)',
  lost: 'var(--c6)',
};

const secondsText = (micros: number) => `${(micros / 1e6).toFixed(1)} s`;

function bytesText(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

/**
 * The stacked bars as one path per layer, in whole pixels: a few hundred bins cost four
 * path strings, not a thousand elements.
 */
export function barPaths(
  bins: readonly Bin[],
  x: (t: number) => number,
): { paths: Record<Layer, string>; max: number } {
  let max = 0;
  for (const b of bins) {
    const total = b.counts.disk + b.counts.cache + b.counts.memory + b.counts.lost;
    max = Math.max(max, (total * 1e6) / Math.max(1, b.t1 - b.t0));
  }
  const y = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([0, BAR_BOTTOM - BAR_TOP]);
  const paths: Record<Layer, string> = { disk: '', cache: '', memory: '', lost: '' };
  for (const b of bins) {
    const a = Math.round(x(b.t0));
    const w = Math.max(1, Math.round(x(b.t1)) - a);
    const perSecond = 1e6 / Math.max(1, b.t1 - b.t0);
    let base = BAR_BOTTOM;
    for (const layer of LAYERS) {
      const h = y(b.counts[layer] * perSecond);
      if (h <= 0) continue;
      paths[layer] += `M${a} ${(base - h).toFixed(1)}h${w}v${h.toFixed(1)}h${-w}Z`;
      base -= h;
    }
  }
  return { paths, max };
}

/** Redis, the page cache and the disk, with what each holds now. */
function Layers({
  view,
  m,
  aof,
  fsync,
  t,
}: {
  view: PersistenceView;
  m: Marks;
  aof: boolean;
  fsync: string;
  t: PersistenceMessages;
}) {
  const down = view.status === 'killed' || view.status === 'powered-off';
  const cacheGone = view.status === 'powered-off';
  const fork = runningFork(view);
  const snapshot = view.snapshots[view.snapshots.length - 1];
  const forkTotal = fork?.bytes ?? 0;
  const cowShare = forkTotal > 0 ? Math.min(1, m.cow / forkTotal) : 0;
  return (
    <div className="ps-layers" role="group" aria-label={t.layersLabel}>
      <section
        className={`ps-layer ps-redis${down ? ' down' : ''}`}
        aria-labelledby="ps-redis-title"
        data-testid="layer-redis"
      >
        <h4 id="ps-redis-title">{t.redisLayer}</h4>
        <p className="ps-status" data-testid="redis-status">
          {view.status === 'loading'
            ? t.loadingFrom(view.loadingSource ?? 'none')
            : t.status[view.status]}
        </p>
        {!down && <p>{t.ranUpTo(m.ran)}</p>}
        {aof && !down && <p className="muted">{t.aofBuffer}</p>}
        {fork !== null && !down && (
          <div className="ps-child" data-testid="fork-child">
            <p>{t.child(fork.kind, secondsText(fork.at))}</p>
            <div className="ps-cow-bar" aria-hidden="true">
              <div style={{ width: `${(cowShare * 100).toFixed(1)}%` }} />
            </div>
            <p data-testid="cow">{t.cow(bytesText(m.cow), bytesText(forkTotal))}</p>
          </div>
        )}
      </section>
      <div className="ps-arrow" aria-hidden="true">
        {t.writeArrow} →
      </div>
      <section
        className={`ps-layer ps-cache${cacheGone ? ' down' : ''}`}
        aria-labelledby="ps-cache-title"
        data-testid="layer-cache"
      >
        <h4 id="ps-cache-title">{t.cacheLayer}</h4>
        {cacheGone ? (
          <p className="ps-status">{t.gone}</p>
        ) : aof ? (
          <p data-testid="page-cache">{t.notYetOnDisk(Math.max(0, m.written - m.synced))}</p>
        ) : (
          <p className="muted">{t.aofOff}</p>
        )}
      </section>
      <div className="ps-arrow" aria-hidden="true">
        {t.fsyncArrow(fsync)} →
      </div>
      <section
        className="ps-layer ps-disk"
        aria-labelledby="ps-disk-title"
        data-testid="layer-disk"
      >
        <h4 id="ps-disk-title">{t.diskLayer}</h4>
        {aof && <p>{t.aofSynced(m.synced)}</p>}
        <p>
          {snapshot === undefined ? t.noRdb : t.rdbFile(snapshot.seq, secondsText(snapshot.at))}
        </p>
      </section>
    </div>
  );
}

/** Writes over time, stacked by where they are now, with saves, fsyncs and the loss window. */
function Timeline({
  view,
  series,
  aof,
  t,
}: {
  view: PersistenceView;
  series: Series;
  aof: boolean;
  t: PersistenceMessages;
}) {
  const to = Math.max(view.now, 10_000_000);
  const from = Math.max(0, view.now - WINDOW);
  const x = scaleLinear().domain([from, to]).range([X0, X1]).clamp(true);
  const bins = timelineBins(series, from, aof, view.losses);
  const { paths, max } = barPaths(bins, x);
  const loss = lastLoss(view);
  const visible = (at: number) => at >= from && at <= to;
  const ticks = x.ticks(6);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="ps-timeline" role="img" aria-label={t.timeline}>
      <text x={X0} y={14} className="stage-label">
        {t.timeline}
      </text>
      {loss !== null && loss.lost > 0 && (
        <g data-testid="loss-window">
          <rect
            x={x(loss.crashedAt - loss.windowMicros)}
            y={BAR_TOP - 4}
            width={Math.max(2, x(loss.crashedAt) - x(loss.crashedAt - loss.windowMicros))}
            height={BAR_BOTTOM - BAR_TOP + 8}
            className="ps-loss-window"
          />
          <text
            x={x(loss.crashedAt - loss.windowMicros) + 3}
            y={BAR_TOP + 8}
            className="stage-text ps-loss-label"
          >
            {t.lossWindow}
          </text>
        </g>
      )}
      {LAYERS.map((layer) => (
        <path key={layer} d={paths[layer]} fill={LAYER_COLOUR[layer]} />
      ))}
      <text x={X0 - 4} y={BAR_TOP + 4} textAnchor="end" className="stage-text muted">
        {Math.round(max)}
      </text>
      <text x={X0 - 4} y={BAR_BOTTOM} textAnchor="end" className="stage-text muted">
        0
      </text>
      {view.snapshots
        .filter((s) => visible(s.at))
        .map((s) => (
          <g key={`s${s.at}`}>
            <line x1={x(s.at)} x2={x(s.at)} y1={BAR_TOP} y2={BAR_BOTTOM} className="ps-rdb-line" />
            <text x={x(s.at) + 2} y={BAR_TOP - 6} className="stage-text">
              {t.rdbMark}
            </text>
          </g>
        ))}
      <text x={X0 - 4} y={FORK_Y + 8} textAnchor="end" className="stage-text muted">
        {t.forkLane}
      </text>
      {view.forks
        .filter((f) => (f.end ?? view.now) >= from)
        .map((f) => (
          <rect
            key={`f${f.at}`}
            x={x(f.at)}
            y={FORK_Y}
            width={Math.max(2, x(f.end ?? view.now) - x(f.at))}
            height={10}
            className={f.aborted ? 'ps-fork aborted' : 'ps-fork'}
          />
        ))}
      <text x={X0 - 4} y={FSYNC_Y + 8} textAnchor="end" className="stage-text muted">
        {t.fsyncLane}
      </text>
      <path
        d={view.fsyncTicks
          .filter(visible)
          .map((at) => `M${Math.round(x(at))} ${FSYNC_Y}v10`)
          .join('')}
        className="ps-fsync"
      />
      {view.crashes
        .filter((c) => visible(c.at))
        .map((c) => (
          <g key={`c${c.at}`}>
            <line
              x1={x(c.at)}
              x2={x(c.at)}
              y1={BAR_TOP - 8}
              y2={FSYNC_Y + 10}
              className="ps-crash"
            />
            <text x={x(c.at) + 3} y={FSYNC_Y + 10} className="stage-text ps-crash-label">
              {c.kind === 'kill' ? t.killProcess : t.powerOff}
            </text>
          </g>
        ))}
      {view.restarts
        .filter((r) => (r.ready ?? view.now) >= from)
        .map((r) => (
          <rect
            key={`r${r.at}`}
            x={x(r.at)}
            y={BAR_BOTTOM - 3}
            width={Math.max(2, x(r.ready ?? view.now) - x(r.at))}
            height={3}
            className="ps-loading"
          />
        ))}
      <line x1={X0} x2={X1} y1={AXIS_Y} y2={AXIS_Y} className="wire" />
      {ticks.map((tick) => (
        <text
          key={tick}
          x={x(tick)}
          y={AXIS_Y + 14}
          // The last tick sits at the right edge: its label ends there instead of spilling over.
          textAnchor={x(tick) > X1 - 20 ? 'end' : 'middle'}
          className="stage-text"
        >
          {secondsText(tick)}
        </text>
      ))}
      {LAYERS.map((layer, i) => (
        <g key={layer} transform={`translate(${X0 + i * 175} ${LEGEND_Y})`}>
          <rect width={10} height={10} y={-9} fill={LAYER_COLOUR[layer]} />
          <text x={14} className="stage-text">
            {t.layerNames[layer]}
          </text>
        </g>
      ))}
    </svg>
  );
}

export const Stage = memo(function Stage({
  view,
  series,
  aof,
  fsync,
  t,
}: {
  view: PersistenceView;
  series: Series;
  aof: boolean;
  fsync: string;
  t: PersistenceMessages;
}) {
  const m = marks(series);
  const risk = survivors(m, aof);
  const loss = lastLoss(view);
  const status =
    view.status === 'loading' ? t.loadingFrom(view.loadingSource ?? 'none') : t.status[view.status];
  return (
    <div className="ps-stage">
      <p className="ps-visually-hidden">
        {t.stageSummary(status, m.ran - risk.kill, m.ran - risk.power, loss?.lost ?? 0)}
      </p>
      <Layers view={view} m={m} aof={aof} fsync={fsync} t={t} />
      <Timeline view={view} series={series} aof={aof} t={t} />
    </div>
  );
});
