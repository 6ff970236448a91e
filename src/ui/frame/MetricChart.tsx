import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useThrottled } from './useThrottled.ts';

/** Seconds of virtual time a chart shows, ending at the newest point. */
const WINDOW = 10_000_000;
/** Wall ms between redraws: ~7 a second, so a chart still moves smoothly to the eye. */
export const CHART_REDRAW_MS = 150;

/**
 * One metric over virtual time: d3 computes the scales and the path, React renders the
 * SVG. The newest value is written out as text beside the label, so the number can be read
 * (and found by a screen reader or a test) without looking at the line.
 *
 * The scales and path are computed again only when the points change (the store appends to
 * the same arrays, so the points are compared by a cheap fingerprint, not by reference), and
 * at most every CHART_REDRAW_MS: at 10x a sample lands every frame, and redrawing each one
 * cost layout and paint of every chart every frame.
 */
export function MetricChart({
  label,
  t,
  values,
  format,
  testId,
  width = 260,
  height = 72,
}: {
  label: string;
  t: readonly number[];
  values: readonly number[];
  format: (v: number) => string;
  testId?: string;
  width?: number;
  height?: number;
}) {
  const { d, top, latest } = useThrottled(
    `${fingerprint(t, values)}:${width}:${height}`,
    () => plot(t, values, width, height),
    CHART_REDRAW_MS,
  );
  return (
    <figure className="metric">
      <figcaption>
        <span className="metric-label">{label}</span>{' '}
        <output className="metric-value" data-testid={testId}>
          {format(latest)}
        </output>
      </figcaption>
      <svg width={width} height={height} aria-hidden="true" className="metric-plot">
        <line x1={0} x2={width} y1={height - 1} y2={height - 1} className="axis" />
        <text x={2} y={10} className="axis-label">
          {format(top)}
        </text>
        <path d={d} className="metric-line" />
      </svg>
    </figure>
  );
}

/** Changes whenever a point is added, dropped or changed (sums of both arrays and the count). */
function fingerprint(t: readonly number[], values: readonly number[]): string {
  let st = 0;
  let sv = 0;
  for (let i = 0; i < t.length; i++) st += t[i]!;
  for (let i = 0; i < values.length; i++) sv += values[i]!;
  return `${t.length}:${values.length}:${st}:${sv}`;
}

function plot(
  t: readonly number[],
  values: readonly number[],
  width: number,
  height: number,
): { d: string; top: number; latest: number } {
  const latest = values.length > 0 ? values[values.length - 1]! : 0;
  const end = t.length > 0 ? t[t.length - 1]! : 0;
  const start = Math.max(0, end - WINDOW);
  let from = 0;
  while (from < t.length && t[from]! < start) from++;
  let max = 0;
  for (let i = from; i < values.length; i++) max = Math.max(max, values[i]!);
  const x = scaleLinear()
    .domain([start, Math.max(end, start + 1)])
    .range([0, width]);
  const y = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([height - 2, 2])
    .nice();
  const points: [number, number][] = [];
  for (let i = from; i < t.length; i++) points.push([x(t[i]!), y(values[i]!)]);
  return { d: line()(points) ?? '', top: y.domain()[1]!, latest };
}
