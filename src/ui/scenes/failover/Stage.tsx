import { memo } from 'react';
import type { FailoverMessages } from './messages.ts';
import { linkId, masters, NODES, SENTINELS, WRITER, type FailoverView } from './model.ts';

const W = 720;
const H = 340;
const NODE_W = 170;
const NODE_H = 64;
const SENT_W = 220;
const SENT_H = 70;

const nodeX = (i: number) => 40 + i * 230;
const NODE_Y = 150;
const sentX = (i: number) => 10 + i * 240;
const SENT_Y = 20;
const APP = { x: 275, y: 270, w: 170, h: 44 };

const centre = (x: number, w: number) => x + w / 2;

/**
 * Sentinels on top, data nodes in the middle, the app below: each replica's link to its
 * master, each sentinel's idea of the master, the app's target, and the links a partition
 * cut (dashed). Drawn from the folded view only; colours from the palette variables.
 */
export const Stage = memo(function Stage({ view, t }: { view: FailoverView; t: FailoverMessages }) {
  const ms = masters(view);
  const nodeIndex = (n: string) => NODES.indexOf(n as (typeof NODES)[number]);
  const isolated = (n: string) =>
    [...view.cut].some((id) => id.split('|').includes(n)) &&
    NODES.filter((o) => o !== n).every((o) => view.cut.has(linkId(n, o)));
  const targetIdx = nodeIndex(view.target);
  const masterText = ms.length === 0 ? t.noMaster : ms.join(', ');
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="fo-stage"
      role="img"
      aria-label={t.stageSummary(masterText, view.target)}
    >
      {/* replication: each replica to the master it follows */}
      {NODES.map((n, i) => {
        const m = view.nodes[n]!;
        const mi = m.master === null ? -1 : nodeIndex(m.master);
        if (!m.up || mi < 0) return null;
        const cut = view.cut.has(linkId(n, m.master!));
        const x1 = centre(nodeX(i), NODE_W);
        const x2 = centre(nodeX(mi), NODE_W);
        const y = NODE_Y + NODE_H + 12 + Math.abs(i - mi) * 6;
        return (
          <path
            key={`r-${n}`}
            d={`M${x1} ${NODE_Y + NODE_H}V${y}H${x2}V${NODE_Y + NODE_H}`}
            className={cut ? 'fo-wire fo-cut' : 'fo-wire fo-repl'}
            markerEnd="url(#fo-arrow)"
          />
        );
      })}
      {/* each sentinel to the master it names */}
      {SENTINELS.map((s, i) => {
        const named = nodeIndex(view.sentinels[s]!.master);
        if (named < 0) return null;
        const cut = view.cut.has(linkId(s, view.sentinels[s]!.master));
        return (
          <line
            key={`s-${s}`}
            x1={centre(sentX(i), SENT_W)}
            y1={SENT_Y + SENT_H}
            x2={centre(nodeX(named), NODE_W)}
            y2={NODE_Y}
            className={cut ? 'fo-wire fo-cut' : 'fo-wire fo-watch'}
          />
        );
      })}
      {targetIdx >= 0 && (
        <line
          x1={centre(APP.x, APP.w)}
          y1={APP.y}
          x2={centre(nodeX(targetIdx), NODE_W)}
          y2={NODE_Y + NODE_H}
          className="fo-wire fo-writes"
          markerEnd="url(#fo-arrow)"
        />
      )}
      <defs>
        <marker
          id="fo-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="6"
          markerHeight="6"
          orient="auto"
        >
          <path d="M0 0L10 5L0 10z" className="fo-arrowhead" />
        </marker>
      </defs>
      {SENTINELS.map((s, i) => {
        const v = view.sentinels[s]!;
        const x = sentX(i);
        const state = v.odownAt !== null ? 'ODOWN' : v.sdownAt !== null ? 'SDOWN' : null;
        return (
          <g key={s} data-testid={`stage-${s}`}>
            <rect
              x={x}
              y={SENT_Y}
              width={SENT_W}
              height={SENT_H}
              rx={8}
              className="fo-box fo-sentinel"
            />
            <text x={x + 10} y={SENT_Y + 18} className="stage-text fo-name">
              {s}
            </text>
            {state !== null && (
              <text
                x={x + SENT_W - 10}
                y={SENT_Y + 18}
                textAnchor="end"
                className={`stage-text fo-${state.toLowerCase()}`}
              >
                {state}
              </text>
            )}
            <text x={x + 10} y={SENT_Y + 38} className="stage-text">
              {t.sentinelNames(v.master)}
            </text>
            <text x={x + 10} y={SENT_Y + 58} className="stage-text muted">
              {t.epoch(v.epoch)} ·{' '}
              {v.vote === null ? t.noVote : t.votedFor(v.vote.leader, v.vote.epoch)}
            </text>
          </g>
        );
      })}
      {NODES.map((n, i) => {
        const v = view.nodes[n]!;
        const x = nodeX(i);
        const role = !v.up ? t.down : v.master === null ? t.master : t.replicaOf(v.master);
        const cls = !v.up ? 'fo-down' : v.master === null ? 'fo-master' : 'fo-replica';
        return (
          <g key={n} data-testid={`stage-${n}`}>
            <rect
              x={x}
              y={NODE_Y}
              width={NODE_W}
              height={NODE_H}
              rx={8}
              className={`fo-box ${cls}`}
            />
            <text x={x + 10} y={NODE_Y + 22} className="stage-text fo-name">
              {n}
            </text>
            <text x={x + 10} y={NODE_Y + 42} className="stage-text" data-testid={`role-${n}`}>
              {role}
            </text>
            {v.up && isolated(n) && (
              <text x={x + 10} y={NODE_Y + 58} className="stage-text fo-sdown">
                {t.isolated}
              </text>
            )}
          </g>
        );
      })}
      <g data-testid="stage-app">
        <rect x={APP.x} y={APP.y} width={APP.w} height={APP.h} rx={8} className="fo-box fo-app" />
        <text x={APP.x + 10} y={APP.y + 18} className="stage-text fo-name">
          {WRITER}
        </text>
        <text x={APP.x + 10} y={APP.y + 36} className="stage-text">
          {t.writesTo(view.target)}
        </text>
      </g>
      <text
        x={W - 10}
        y={H - 8}
        textAnchor="end"
        className="stage-label"
        data-testid="stage-master"
      >
        {t.currentMaster}: {masterText}
      </text>
      {ms.length > 1 && (
        <text x={10} y={H - 8} className="stage-label fo-split" data-testid="split-brain">
          {t.splitBrain}
        </text>
      )}
    </svg>
  );
});
