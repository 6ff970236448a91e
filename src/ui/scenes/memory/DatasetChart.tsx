import { scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { memo } from 'react';
import type { AccessModel } from '../../../sim/scenes/memory-model.ts';
import type { MemoryMessages } from './messages.ts';
import { formatBytes, formatNs } from './scales.ts';

const W = 300;
const H = 150;
const PAD = { left: 44, right: 8, top: 10, bottom: 22 };

/**
 * Mean access latency against dataset size, both on log axes (d3): flat while the data
 * fits in free RAM, then a cliff of orders of magnitude. The current size is the dot.
 */
export const DatasetChart = memo(function DatasetChart({
  curve,
  roomBytes,
  datasetBytes,
  model,
  t,
}: {
  curve: readonly { readonly datasetBytes: number; readonly meanAccessNs: number }[];
  roomBytes: number;
  datasetBytes: number;
  model: AccessModel;
  t: MemoryMessages;
}) {
  const xs = curve.map((p) => p.datasetBytes);
  const ys = curve.map((p) => p.meanAccessNs);
  const x = scaleLog()
    .domain([Math.min(...xs, datasetBytes), Math.max(...xs, datasetBytes)])
    .range([PAD.left, W - PAD.right])
    .clamp(true);
  const y = scaleLog()
    .domain([Math.min(...ys) / 2, Math.max(...ys, model.meanAccessNs) * 2])
    .range([H - PAD.bottom, PAD.top])
    .clamp(true);
  const d = line()(curve.map((p) => [x(p.datasetBytes), y(p.meanAccessNs)])) ?? '';
  const [y0, y1] = y.domain() as [number, number];
  const [x0, x1] = x.domain() as [number, number];
  return (
    <figure className="metric mem-dataset">
      <figcaption>
        <span className="metric-label">{t.datasetChart}</span>
      </figcaption>
      <svg
        width={W}
        height={H}
        role="img"
        aria-label={t.datasetChartSummary(formatBytes(datasetBytes), formatNs(model.meanAccessNs))}
        className="metric-plot"
      >
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={H - PAD.bottom}
          y2={H - PAD.bottom}
          className="axis"
        />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} className="axis" />
        <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" className="axis-label">
          {formatNs(y1)}
        </text>
        <text x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end" className="axis-label">
          {formatNs(y0)}
        </text>
        <text x={PAD.left} y={H - 6} className="axis-label">
          {formatBytes(x0)}
        </text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end" className="axis-label">
          {formatBytes(x1)}
        </text>
        <line
          x1={x(roomBytes)}
          x2={x(roomBytes)}
          y1={PAD.top}
          y2={H - PAD.bottom}
          className="mem-edge"
        />
        <text x={x(roomBytes) + 3} y={PAD.top + 8} className="axis-label">
          {t.ramEdge} {formatBytes(roomBytes)}
        </text>
        <path d={d} className="metric-line" />
        <circle
          cx={x(datasetBytes)}
          cy={y(model.meanAccessNs)}
          r={5}
          className="mem-point"
          data-testid="dataset-point"
        />
      </svg>
    </figure>
  );
});
