import { memo } from 'react';
import type { TierId } from '../../../sim/scenes/memory-model.ts';
import type { MemoryFigures } from './figures.ts';
import { footnoteNumbers, sayHuman, type MemoryMessages } from './messages.ts';
import {
  HUMAN_SECONDS_PER_NS,
  formatBytes,
  formatNs,
  latencyScale,
  type ScaleKind,
} from './scales.ts';

const W = 720;
const LABEL_W = 200;
const ROW_H = 24;
const BAR_W = W - LABEL_W - 170;

/** The sizes the chosen machine states; the other tiers show a typical size. */
function capacityOf(id: TierId, f: MemoryFigures, t: MemoryMessages): string {
  if (id === 'l3') return formatBytes(f.profile.cacheBytes);
  if (id === 'dram') return formatBytes(f.profile.dramBytes);
  if (id === 'ssd') return formatBytes(f.profile.ssdBytes);
  return t.tierSize[id];
}

/**
 * Every tier as a bar of its latency (linear or log, d3), then the same figures as a table
 * a screen reader can walk, each with footnotes that open to the source and assumptions.
 */
export const Hierarchy = memo(function Hierarchy({
  figures: f,
  scale,
  t,
}: {
  figures: MemoryFigures;
  scale: ScaleKind;
  t: MemoryMessages;
}) {
  const tiers = [...f.tiers].sort((a, b) => a.latencyNs - b.latencyNs);
  const max = Math.max(...tiers.map((x) => x.latencyNs));
  const min = Math.min(...tiers.map((x) => x.latencyNs));
  const x = latencyScale(scale, min, max, BAR_W);
  const numbers = footnoteNumbers([...tiers.map((x) => x.sources), f.profile.sources]);
  const H = tiers.length * ROW_H + 28;
  return (
    <div className="mem-hierarchy">
      <h4>{t.hierarchy}</h4>
      <p className="hint">{t.humanScaleNote}</p>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t.hierarchySummary}>
        {tiers.map((tier, i) => {
          const y = 8 + i * ROW_H;
          const w = Math.max(1, x(tier.latencyNs));
          return (
            <g key={tier.id} data-tier={tier.id}>
              <text x={0} y={y + 15} className="stage-text">
                {t.tiers[tier.id]}
              </text>
              <rect
                x={LABEL_W}
                y={y + 3}
                width={w}
                height={ROW_H - 8}
                className={tier.persistent ? 'mem-bar persistent' : 'mem-bar'}
              />
              <text x={LABEL_W + w + 6} y={y + 15} className="stage-text">
                {formatNs(tier.latencyNs)} · {sayHuman(t, tier.latencyNs * HUMAN_SECONDS_PER_NS)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="mem-table">
        <thead>
          <tr>
            <th scope="col">{t.tier}</th>
            <th scope="col">{t.latency}</th>
            <th scope="col">{t.humanTime}</th>
            <th scope="col">{t.capacity}</th>
            <th scope="col">{t.source}</th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((tier) => (
            <tr key={tier.id} data-testid={`tier-${tier.id}`}>
              <th scope="row">{t.tiers[tier.id]}</th>
              <td>
                {formatNs(tier.latencyNs)}
                {tier.latencyRangeNs[0] !== tier.latencyRangeNs[1] && (
                  <span className="muted">
                    {' '}
                    ({formatNs(tier.latencyRangeNs[0])}–{formatNs(tier.latencyRangeNs[1])})
                  </span>
                )}
              </td>
              <td>{sayHuman(t, tier.latencyNs * HUMAN_SECONDS_PER_NS)}</td>
              <td>{capacityOf(tier.id, f, t)}</td>
              <td>
                <details className="footnote">
                  <summary>
                    {tier.sources.map((s) => `[${numbers.get(s)}]`).join('')}
                    <span className="visually-hidden"> {t.source}</span>
                  </summary>
                  <p>{t.tierAssumption[tier.id]}</p>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="footnote sources" data-testid="sources">
        <summary>{t.footnotesHeading}</summary>
        <ol>
          {[...numbers.keys()].map((id) => {
            const s = f.sources.find((x) => x.id === id);
            return s === undefined ? null : (
              <li key={id}>
                {s.title} ({s.year})
              </li>
            );
          })}
        </ol>
        <p>
          {t.profileAssumption({
            cache: formatBytes(f.profile.cacheBytes),
            dram: formatBytes(f.profile.dramBytes),
            ssd: formatBytes(f.profile.ssdBytes),
            reserved: formatBytes(f.profile.reservedBytes),
            ssdRead: formatNs(f.profile.ssdReadNs),
            query: formatNs(f.rowReadMicros * 1000 - f.profile.ssdReadNs),
            pageFault: formatNs(f.pageFaultOverheadNs),
          })}
        </p>
      </details>
    </div>
  );
});
