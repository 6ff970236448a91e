import { scaleLinear, scaleLog } from 'd3-scale';

/**
 * The memory lesson's arithmetic, pure and tested without a DOM: the human time scale
 * (1 ns of the machine shown as 1 s of a person's life), readable sizes and ratios, and the
 * d3 scales its charts share.
 */

/** Human seconds per machine nanosecond: 1 ns is shown as 1 s. */
export const HUMAN_SECONDS_PER_NS = 1;

export type HumanUnit = 'second' | 'minute' | 'hour' | 'day' | 'year';

export interface HumanPart {
  readonly amount: string;
  readonly unit: HumanUnit;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const YEAR = 365.25 * DAY;

const oneDecimal = (x: number) =>
  x < 10 ? String(Math.round(x * 10) / 10) : String(Math.round(x));

/**
 * A duration in human seconds as one or two parts a person can picture: 0.3 s, 1 min 40 s,
 * 13.9 h, 1.2 days, 4.8 years. The words come from the catalogue.
 */
export function humanParts(seconds: number): HumanPart[] {
  const s = Math.max(0, seconds);
  if (s < MINUTE) return [{ amount: oneDecimal(s), unit: 'second' }];
  if (s < HOUR) {
    const m = Math.floor(s / MINUTE);
    const rest = Math.round(s - m * MINUTE);
    return rest === 0
      ? [{ amount: String(m), unit: 'minute' }]
      : [
          { amount: String(m), unit: 'minute' },
          { amount: String(rest), unit: 'second' },
        ];
  }
  if (s < DAY) return [{ amount: oneDecimal(s / HOUR), unit: 'hour' }];
  if (s < YEAR) return [{ amount: oneDecimal(s / DAY), unit: 'day' }];
  return [{ amount: oneDecimal(s / YEAR), unit: 'year' }];
}

/** A machine latency in ns with SI units: 0.3 ns, 100 ns, 50 µs, 150 ms. */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns) || ns <= 0) return '0 ns';
  const fmt = (x: number) => (x < 10 ? String(Math.round(x * 10) / 10) : String(Math.round(x)));
  if (ns < 1000) return `${fmt(ns)} ns`;
  if (ns < 1e6) return `${fmt(ns / 1e3)} µs`;
  if (ns < 1e9) return `${fmt(ns / 1e6)} ms`;
  return `${fmt(ns / 1e9)} s`;
}

/** Bytes in the binary units laptops are sold in (16 MB = 16 × 2^20): 512 MB, 8 GB, 4 TB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = Math.max(0, bytes);
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const shown = v < 10 && !Number.isInteger(v) ? Math.round(v * 10) / 10 : Math.round(v);
  return `${shown} ${units[i]}`;
}

/** Groups thousands with commas: 12345 → 12,345. */
export function groupThousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** How many times slower, as a number to read aloud: 1,000×, 42×, 5.8×. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return '–';
  if (ratio < 10) return `${Math.round(ratio * 10) / 10}×`;
  return `${groupThousands(ratio)}×`;
}

export type ScaleKind = 'linear' | 'log';

/**
 * Machine ns → pixels along a bar. Linear shows the real proportions (most tiers vanish
 * next to the network); log gives every tier room, a tenfold step per equal stretch.
 */
export function latencyScale(kind: ScaleKind, minNs: number, maxNs: number, width: number) {
  return kind === 'log'
    ? scaleLog()
        .domain([Math.max(1e-3, minNs / 2), maxNs])
        .range([0, width])
        .clamp(true)
    : scaleLinear().domain([0, maxNs]).range([0, width]).clamp(true);
}

/**
 * Where a racer is along the shared race axis after `elapsed` human seconds, as a
 * fraction of the axis: it runs until its own `duration` and stops there. On the log axis
 * the clock's first human second sits at the start line.
 */
export function racePosition(
  kind: ScaleKind,
  elapsed: number,
  duration: number,
  axisMax: number,
): number {
  const at = Math.min(Math.max(0, elapsed), duration);
  const x =
    kind === 'log'
      ? scaleLog().domain([1, axisMax]).range([0, 1]).clamp(true)
      : scaleLinear().domain([0, axisMax]).range([0, 1]).clamp(true);
  return kind === 'log' && at < 1 ? 0 : x(at);
}

/**
 * The dataset slider's sizes: half-octave steps (×√2, rounded to whole MB) from 1/16 of
 * the machine's RAM to 8 times it, so the edge of RAM sits in the middle of the track.
 */
export function datasetSteps(dramBytes: number): number[] {
  const mb = 1024 ** 2;
  const out: number[] = [];
  for (let i = -8; i <= 6; i++) out.push(Math.round((dramBytes * 2 ** (i / 2)) / mb) * mb);
  return out;
}

/** The index of the step closest to `bytes` (on a log scale). */
export function nearestStep(steps: readonly number[], bytes: number): number {
  let best = 0;
  steps.forEach((s, i) => {
    if (Math.abs(Math.log(s / bytes)) < Math.abs(Math.log(steps[best]! / bytes))) best = i;
  });
  return best;
}
