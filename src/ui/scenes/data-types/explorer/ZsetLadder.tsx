import { scaleBand, scaleLinear } from 'd3';
import type { ZsetView } from '../../../../worker/api.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { asText } from './bytes.ts';

const NODE_WIDTH = 52;
const LEVEL_HEIGHT = 14;
const LABEL_SPACE = 34;

/** A score as Redis prints it: integers without a decimal point. */
function scoreText(score: number): string {
  if (score === Infinity) return 'inf';
  if (score === -Infinity) return '-inf';
  return String(score);
}

/**
 * A sorted set as a ladder in score order. A skiplist shows each node's tower of levels and
 * the forward link on every level (to the next node at least as tall); a listpack is one
 * flat row, because Redis keeps no levels for it.
 */
export function ZsetLadder({ view }: { view: ZsetView }) {
  const { t } = useI18n();
  const skiplist = view.encoding === 'skiplist';
  const height = skiplist ? Math.max(1, view.levels) : 1;
  // Columns by index (any string can be a member): the skiplist's header tower comes first.
  const offset = skiplist ? 1 : 0;
  const count = view.entries.length + offset;
  const x = scaleBand<number>()
    .domain(Array.from({ length: count }, (_, i) => i))
    .range([0, Math.max(1, count) * NODE_WIDTH])
    .paddingInner(0.25);
  const y = scaleLinear()
    .domain([0, height])
    .range([height * LEVEL_HEIGHT, 0]);
  const width = Math.max(1, count) * NODE_WIDTH + (skiplist ? 24 : 0);
  const svgHeight = height * LEVEL_HEIGHT + LABEL_SPACE;
  const bw = x.bandwidth();

  // Forward links: on level i, from each tower that reaches it to the next one that does.
  const links: { level: number; from: number; to: number | null }[] = [];
  if (skiplist) {
    const heights = [height, ...view.entries.map((e) => e.levels)];
    for (let level = 0; level < height; level++) {
      let from = 0;
      for (let i = 1; i < heights.length; i++) {
        if (heights[i]! > level) {
          links.push({ level, from, to: i });
          from = i;
        }
      }
      links.push({ level, from, to: null });
    }
  }
  const colX = (i: number) => x(i) ?? 0;
  const levelMid = (level: number) => y(level + 0.5);

  return (
    <svg
      className="zset-ladder"
      role="list"
      aria-label={skiplist ? t.explorer.levels(view.levels) : t.explorer.types.zset}
      width={width}
      height={svgHeight}
      viewBox={`0 0 ${width} ${svgHeight}`}
    >
      {links.map(({ level, from, to }) => {
        const x1 = colX(from) + bw;
        const x2 = to === null ? width - 4 : colX(to);
        return (
          <line
            key={`${level}-${from}`}
            className={to === null ? 'zset-link nil' : 'zset-link'}
            x1={x1}
            x2={x2}
            y1={levelMid(level)}
            y2={levelMid(level)}
            markerEnd={to === null ? undefined : 'url(#zset-arrow)'}
          />
        );
      })}
      <defs>
        <marker
          id="zset-arrow"
          viewBox="0 0 6 6"
          refX="6"
          refY="3"
          markerWidth="6"
          markerHeight="6"
          orient="auto"
        >
          <path d="M0,0 L6,3 L0,6 z" className="zset-arrowhead" />
        </marker>
      </defs>
      {skiplist && (
        <g aria-hidden="true">
          {Array.from({ length: height }, (_, level) => (
            <rect
              key={level}
              className="zset-level header"
              x={colX(0)}
              y={y(level + 1) + 1}
              width={bw}
              height={LEVEL_HEIGHT - 2}
            />
          ))}
        </g>
      )}
      {view.entries.map((entry, i) => {
        const left = colX(i + offset);
        const tower = skiplist ? entry.levels : 1;
        const label = skiplist
          ? t.explorer.memberLabel(asText(entry.member), scoreText(entry.score), entry.levels)
          : t.explorer.entryLabel(asText(entry.member), scoreText(entry.score));
        return (
          <g key={entry.member} role="listitem" aria-label={label} className="zset-node">
            {Array.from({ length: tower }, (_, level) => (
              <rect
                key={level}
                className="zset-level"
                x={left}
                y={y(level + 1) + 1}
                width={bw}
                height={LEVEL_HEIGHT - 2}
              />
            ))}
            <text className="zset-member" x={left + bw / 2} y={height * LEVEL_HEIGHT + 14}>
              {asText(entry.member)}
            </text>
            <text className="zset-score" x={left + bw / 2} y={height * LEVEL_HEIGHT + 28}>
              {scoreText(entry.score)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
