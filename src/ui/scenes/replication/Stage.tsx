import { scaleLinear } from 'd3-scale';
import { formatBytes, type ReplicationMessages } from './messages.ts';
import { fullSyncMicros, MASTER, STALE_SHOWN, type ReplicaView, type ReplView } from './model.ts';
import { grouped } from '../../i18n/numbers.ts';

const W = 880;
const H = 360;
const MASTER_X = 40;
const MASTER_W = 190;
const REPLICA_X = 470;
const REPLICA_W = 380;
const TOP = 34;
const AREA = 230;
const TRACK_Y = 300;
const TRACK_X0 = 40;
// Room on the right for the replicas' names beside their marks at the stream's head.
const TRACK_X1 = W - 110;

/** A replica's colour: its index into the palette (--c1 is the master's). */
const colourOf = (i: number) => `var(--c${(i % 7) + 2})`;
const seconds = (micros: number) => (micros / 1_000_000).toFixed(2);

function syncLabel(r: ReplicaView, now: number, t: ReplicationMessages): string | null {
  const s = r.lastSync;
  if (s === null) return null;
  if (s.kind === 'partial') return t.partialResync;
  const took = fullSyncMicros(s, now) ?? 0;
  return s.loadedAt === null
    ? t.fullResyncRunning(seconds(took))
    : t.fullResync(seconds(took), s.keys);
}

/**
 * The master, its replicas and the links between them, and below them the replication stream:
 * the last bytes of it with the backlog's window, where each replica stands. A replica
 * whose mark falls left of the window can no longer resync partially.
 */
export function Stage({
  view,
  t,
  backlog,
}: {
  view: ReplView;
  t: ReplicationMessages;
  backlog: number;
}) {
  const rs = view.replicas;
  const rowH = Math.min(96, AREA / Math.max(1, rs.length));
  const y = (i: number) => TOP + i * rowH + rowH / 2;
  const masterY = TOP + AREA / 2;
  const m = view.masterOffset;
  let maxLag = 0;
  for (const r of rs) maxLag = Math.max(maxLag, m - r.offset);
  const span = Math.max(backlog * 1.25, maxLag * 1.1, 1);
  const x = scaleLinear()
    .domain([m - span, m])
    .range([TRACK_X0, TRACK_X1])
    .clamp(true);
  const lags = rs.map((r) => `${r.name}: ${formatBytes(Math.max(0, m - r.offset))}`).join(', ');
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="st-stage repl-stage"
      role="img"
      aria-label={t.stageSummary(m, lags)}
    >
      <text x={MASTER_X} y={TOP + 4} className="stage-label">
        {t.writes} →
      </text>
      <rect
        x={MASTER_X}
        y={masterY - 50}
        width={MASTER_W}
        height={100}
        className="box repl-master"
      />
      <text x={MASTER_X + 10} y={masterY - 28} className="stage-text repl-name">
        {MASTER} · {t.master}
      </text>
      <text x={MASTER_X + 10} y={masterY - 8} className="stage-text" data-testid="master-offset">
        {t.offset} {grouped(m, 'en-US')}
      </text>
      <text x={MASTER_X + 10} y={masterY + 12} className="stage-text">
        {t.version(view.masterVersion)}
      </text>
      <text x={MASTER_X + 10} y={masterY + 32} className="stage-text muted">
        {t.keys(view.keys)}
      </text>
      {rs.map((r, i) => {
        const ry = y(i);
        const lag = Math.max(0, m - r.offset);
        const stale =
          r.lastStale !== null && view.now - r.lastStale.at < STALE_SHOWN ? r.lastStale : null;
        const sync = syncLabel(r, view.now, t);
        const boxH = Math.min(84, rowH - 8);
        return (
          <g key={r.name} data-testid={`replica-${r.name}`}>
            <line
              x1={MASTER_X + MASTER_W}
              y1={masterY}
              x2={REPLICA_X}
              y2={ry}
              className={r.cut ? 'repl-link cut' : 'repl-link'}
              stroke={r.cut ? undefined : colourOf(i)}
            />
            <text
              x={(MASTER_X + MASTER_W + REPLICA_X) / 2}
              y={(masterY + ry) / 2 - 6}
              textAnchor="middle"
              className="stage-text"
            >
              {r.cut ? `✂ ${t.cut} · ` : ''}
              {t.lagBytes} {formatBytes(lag)}
            </text>
            <rect
              x={REPLICA_X}
              y={ry - boxH / 2}
              width={REPLICA_W}
              height={boxH}
              className={stale === null ? 'box' : 'box repl-stale-box'}
              stroke={stale === null ? colourOf(i) : undefined}
            />
            <text x={REPLICA_X + 8} y={ry - boxH / 2 + 15} className="stage-text repl-name">
              {r.name} · {t.replica} · {t.offset} {grouped(r.offset, 'en-US')}
            </text>
            <text x={REPLICA_X + 8} y={ry - boxH / 2 + 31} className="stage-text muted">
              {t.linkStates[r.link]}
              {r.lastRead === null ? '' : ` · ${t.version(r.lastRead.got)}`}
            </text>
            {sync !== null && boxH > 44 && (
              <text
                x={REPLICA_X + 8}
                y={ry - boxH / 2 + 47}
                className="stage-text"
                data-testid={`sync-${r.name}`}
              >
                {sync}
              </text>
            )}
            {stale !== null && (
              <text
                x={REPLICA_X + 8}
                y={ry + boxH / 2 - 6}
                className="stage-text repl-stale"
                data-testid={`stale-${r.name}`}
              >
                ⚠ {t.staleMarker(stale.got, stale.master ?? '')}
              </text>
            )}
          </g>
        );
      })}
      <text x={TRACK_X0} y={TRACK_Y - 22} className="stage-label">
        {t.stream}
      </text>
      <rect x={TRACK_X0} y={TRACK_Y - 10} width={TRACK_X1 - TRACK_X0} height={20} className="box" />
      <rect
        x={x(m - backlog)}
        y={TRACK_Y - 10}
        width={TRACK_X1 - x(m - backlog)}
        height={20}
        className="repl-backlog"
      />
      <text x={TRACK_X1 - 4} y={TRACK_Y + 4} textAnchor="end" className="stage-text">
        {t.backlogWindow} {formatBytes(backlog)}
      </text>
      {rs.map((r, i) => {
        const outside = m - r.offset > backlog;
        const px = x(r.offset);
        return (
          <g key={r.name}>
            <line
              x1={px}
              x2={px}
              y1={TRACK_Y - 14}
              y2={TRACK_Y + 14 + i * 12}
              stroke={colourOf(i)}
              strokeWidth={3}
            />
            <text x={px + 4} y={TRACK_Y + 24 + i * 12} className="stage-text">
              {r.name}
              {outside ? ` · ${t.outsideBacklog}` : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
