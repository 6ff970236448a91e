import { memo } from 'react';
import type { MemoryMessages } from './messages.ts';
import { groupThousands } from './scales.ts';

const W = 720;
const H = 120;

/** Redis's keys in DRAM beside the database's rows on the SSD, and whether the power is on. */
export const Machine = memo(function Machine({
  keys,
  rows,
  powered,
  t,
}: {
  keys: number;
  rows: number;
  powered: boolean;
  t: MemoryMessages;
}) {
  const boxes = [
    { id: 'dram', label: t.dram, name: t.keysInRedis, n: keys, x: 20, lost: !powered },
    { id: 'ssd', label: t.disk, name: t.rowsOnDisk, n: rows, x: 380, lost: false },
  ];
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="mem-machine" aria-hidden="true">
      {boxes.map((b) => (
        <g key={b.id}>
          <rect x={b.x} y={10} width={320} height={90} className={b.lost ? 'box mem-off' : 'box'} />
          <text x={b.x + 12} y={32} className="stage-label">
            {b.label} · {powered ? t.powerOn : t.powerOffState}
          </text>
          <text x={b.x + 12} y={58} className="stage-text">
            {b.name}
          </text>
          <text x={b.x + 12} y={86} className="mem-count">
            {groupThousands(b.n)}
          </text>
        </g>
      ))}
    </svg>
  );
});
