import { scaleLinear } from 'd3-scale';
import { memo } from 'react';
import { nodeState, type ClusterFigures, type Member } from './figures.ts';
import type { ClusterMessages } from './messages.ts';

const W = 720;
const H = 300;
const X0 = 20;
const STRIP_W = W - 2 * X0;
const STRIP_Y = 34;
const STRIP_H = 40;
const ROW_Y = [128, 218] as const;
const BOX_H = 72;
const SLOT_COUNT = 16384;
const TICKS = [0, 4096, 8192, 12288, 16383];

/** A member's colour: its place in the member list, in the Okabe–Ito palette (--c1..--c8). */
export function colourOf(members: readonly Member[], name: string): string {
  const i = members.findIndex((m) => m.name === name);
  return `var(--c${(i < 0 ? 7 : i % 8) + 1})`;
}

/**
 * Where a member sits: masters (m1, m2, ...) in the top row, each replica (r1, ...) under
 * the master it started with, the spare at the end of the top row. Places follow the names
 * the scene gives, so a promoted replica stays where it was and the learner can follow it.
 */
export function placeOf(name: string): { col: number; row: 0 | 1 } {
  const n = Number(name.slice(1));
  return { col: Number.isInteger(n) && n > 0 ? n - 1 : 0, row: name.startsWith('r') ? 1 : 0 };
}

/** The slot strip: one rect per owned range (never per slot), the moving slots marked. */
export const Stage = memo(function Stage({
  figures,
  keySlot,
  load,
  t,
}: {
  figures: ClusterFigures;
  keySlot: number | null;
  load: ReadonlyMap<string, number>;
  t: ClusterMessages;
}) {
  const { members, ranges, migrations } = figures;
  const x = scaleLinear()
    .domain([0, SLOT_COUNT])
    .range([X0, X0 + STRIP_W]);
  const cols = Math.max(1, ...members.map((m) => placeOf(m.name).col + 1));
  const colW = STRIP_W / cols;
  const box = (m: Member) => {
    const p = placeOf(m.name);
    return { x: X0 + p.col * colW + 4, y: ROW_Y[p.row], w: colW - 8 };
  };
  const byName = new Map(members.map((m) => [m.name, m]));
  const owners = [...new Set(ranges.map((r) => r.owner))];
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t.slotsSummary(
        owners
          .map((o) =>
            t.slotsOf(
              o,
              ranges.filter((r) => r.owner === o).reduce((n, r) => n + r.b - r.a + 1, 0),
            ),
          )
          .join(', '),
      )}
      className="cluster-svg"
    >
      <text x={X0} y={STRIP_Y - 10} className="cluster-title">
        {t.slotsTitle}
      </text>
      <g data-testid="slot-strip">
        {ranges.map((r) => (
          <rect
            key={`${r.a}-${r.owner}`}
            x={x(r.a)}
            y={STRIP_Y}
            width={Math.max(0.75, x(r.b + 1) - x(r.a))}
            height={STRIP_H}
            fill={colourOf(members, r.owner)}
          />
        ))}
      </g>
      {TICKS.map((s) => (
        <text key={s} x={x(s)} y={STRIP_Y + STRIP_H + 14} className="cluster-tick">
          {s}
        </text>
      ))}
      {migrations.map((m) => (
        <g key={`${m.slot}-${m.from}`} className="cluster-migrating">
          <line x1={x(m.slot)} x2={x(m.slot)} y1={STRIP_Y - 6} y2={STRIP_Y + STRIP_H + 4} />
          <text x={Math.min(x(m.slot) + 4, W - 200)} y={STRIP_Y + STRIP_H + 28}>
            {t.migrating(m.slot, m.from, m.to)}
          </text>
        </g>
      ))}
      {keySlot !== null && (
        <g className="cluster-key-mark">
          <path
            d={`M${x(keySlot + 0.5)} ${STRIP_Y + STRIP_H}l-6 10h12z`}
            transform={`translate(0 ${migrations.length > 0 ? 30 : 0})`}
          />
          <text
            x={Math.min(x(keySlot) + 8, W - 110)}
            y={STRIP_Y + STRIP_H + (migrations.length > 0 ? 40 : 10)}
          >
            {`${t.keyMark}: ${keySlot}`}
          </text>
        </g>
      )}
      {members.map((m) => {
        const b = box(m);
        const master = m.of === null ? undefined : byName.get(m.of);
        const link =
          m.role === 'replica' &&
          master !== undefined &&
          placeOf(master.name).col === placeOf(m.name).col;
        return link ? (
          <line
            key={`link-${m.name}`}
            className="cluster-repl-link"
            x1={b.x + b.w / 2}
            x2={b.x + b.w / 2}
            y1={ROW_Y[0] + BOX_H}
            y2={ROW_Y[1]}
          />
        ) : null;
      })}
      {members.map((m) => {
        const b = box(m);
        const state = nodeState(m);
        const ops = load.get(m.name) ?? 0;
        return (
          <g
            key={m.name}
            className={`cluster-node state-${state}`}
            data-testid={`node-${m.name}`}
            data-state={state}
            data-role={m.role}
          >
            <rect x={b.x} y={b.y} width={b.w} height={BOX_H} rx={6} className="cluster-box" />
            <rect x={b.x} y={b.y} width={b.w} height={8} fill={colourOf(members, m.name)} />
            <text x={b.x + 6} y={b.y + 24} className="cluster-name">
              {m.name}
            </text>
            <text x={b.x + 6} y={b.y + 38} className="cluster-detail">
              {m.role === 'replica' && m.of !== null ? t.replicaOf(m.of) : t.roles[m.role]}
            </text>
            <text x={b.x + 6} y={b.y + 52} className="cluster-detail">
              {m.role === 'master' && m.joined ? t.slotCount(m.slots) : t.opsPerSec(ops)}
            </text>
            <text x={b.x + 6} y={b.y + 66} className="cluster-state">
              {t.states[state]}
              {state === 'pfail' || state === 'fail'
                ? ` (${t.flaggedBy(state === 'fail' ? m.failBy : m.pfailBy)})`
                : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
});
