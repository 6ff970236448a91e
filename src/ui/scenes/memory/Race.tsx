import { memo } from 'react';
import type { MemoryFigures } from './figures.ts';
import { sayHuman, type MemoryMessages } from './messages.ts';
import { RACE_LENGTH, RACE_START } from './model.ts';
import {
  HUMAN_SECONDS_PER_NS,
  formatNs,
  formatRatio,
  racePosition,
  type ScaleKind,
} from './scales.ts';

const W = 720;
const LANE_X = 190;
const LANE_W = W - LANE_X - 30;

/** The two racers' times in human seconds, and how far the race clock has run at `now`. */
export function raceTimes(f: MemoryFigures, now: number) {
  const redis = f.model.meanAccessNs * HUMAN_SECONDS_PER_NS;
  const database = f.rowReadMicros * 1000 * HUMAN_SECONDS_PER_NS;
  const slower = Math.max(redis, database);
  const elapsed = (Math.max(0, now - RACE_START) / RACE_LENGTH) * slower;
  return { redis, database, slower, elapsed: Math.min(elapsed, slower) };
}

/**
 * A GET from Redis's DRAM against a row read from the database's SSD, on the human scale
 * and on virtual time: Play runs it, the scrubber rewinds it. With reduced motion a racer
 * is drawn only at the start or at its finish line.
 */
export const Race = memo(function Race({
  figures: f,
  now,
  scale,
  reducedMotion,
  t,
}: {
  figures: MemoryFigures;
  now: number;
  scale: ScaleKind;
  reducedMotion: boolean;
  t: MemoryMessages;
}) {
  const r = raceTimes(f, now);
  const started = now >= RACE_START;
  const lanes = [
    {
      id: 'redis',
      label: t.raceRedis,
      duration: r.redis,
      ns: f.model.meanAccessNs,
      c: 'var(--c1)',
    },
    {
      id: 'database',
      label: t.raceDatabase,
      duration: r.database,
      ns: f.rowReadMicros * 1000,
      c: 'var(--c6)',
    },
  ];
  const ratio = r.database / r.redis;
  return (
    <div className="mem-race">
      <h4>{t.race}</h4>
      <svg viewBox={`0 0 ${W} 110`} aria-hidden="true">
        {lanes.map((lane, i) => {
          const y = 22 + i * 44;
          const done = r.elapsed >= lane.duration;
          const p = racePosition(scale, r.elapsed, lane.duration, r.slower);
          const shown = reducedMotion && !done ? 0 : p;
          const finish =
            LANE_X + racePosition(scale, lane.duration, lane.duration, r.slower) * LANE_W;
          return (
            <g key={lane.id} data-lane={lane.id}>
              <text x={0} y={y + 5} className="stage-text">
                {lane.label}
              </text>
              <line x1={LANE_X} x2={LANE_X + LANE_W} y1={y} y2={y} className="wire" />
              <line x1={finish} x2={finish} y1={y - 10} y2={y + 10} className="finish" />
              <circle cx={LANE_X + shown * LANE_W} cy={y} r={8} fill={lane.c} />
              <text x={LANE_X} y={y + 24} className="stage-text muted">
                {formatNs(lane.ns)} → {sayHuman(t, lane.duration)}
                {done && started ? ` · ${t.raceDone}` : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <p>
        {t.raceClock}:{' '}
        <output data-testid="race-clock">{started ? sayHuman(t, r.elapsed) : t.raceWaiting}</output>
      </p>
      <p className="mem-ratio">
        {t.ratioLabel}{' '}
        <output data-testid="race-ratio" data-ratio={ratio}>
          {formatRatio(ratio)}
        </output>{' '}
        {t.ratioTail}
      </p>
      {f.ramReadP50 > 0 && f.ssdReadP50 > 0 && (
        <p className="hint">
          {t.measuredEndToEnd(
            formatNs(f.ramReadP50 * 1000),
            formatNs(f.ssdReadP50 * 1000),
            formatRatio(f.ssdReadP50 / f.ramReadP50),
          )}
        </p>
      )}
    </div>
  );
});
