import { describe, expect, it } from 'vitest';
import {
  datasetSteps,
  formatBytes,
  formatNs,
  formatRatio,
  humanParts,
  latencyScale,
  nearestStep,
  racePosition,
} from '../../../../src/ui/scenes/memory/scales.ts';

describe('the human time scale (1 ns shown as 1 s)', () => {
  it('words a duration in the unit a person pictures', () => {
    expect(humanParts(0.3)).toEqual([{ amount: '0.3', unit: 'second' }]);
    expect(humanParts(100)).toEqual([
      { amount: '1', unit: 'minute' },
      { amount: '40', unit: 'second' },
    ]);
    expect(humanParts(120)).toEqual([{ amount: '2', unit: 'minute' }]);
    expect(humanParts(50_000)).toEqual([{ amount: '14', unit: 'hour' }]);
    expect(humanParts(5_000)).toEqual([{ amount: '1.4', unit: 'hour' }]);
    expect(humanParts(100_000)).toEqual([{ amount: '1.2', unit: 'day' }]);
    expect(humanParts(150_000_000)).toEqual([{ amount: '4.8', unit: 'year' }]);
  });
});

describe('figures a person can read', () => {
  it('formats machine latencies with SI units', () => {
    expect(formatNs(0.3)).toBe('0.3 ns');
    expect(formatNs(100)).toBe('100 ns');
    expect(formatNs(50_000)).toBe('50 µs');
    expect(formatNs(5_000_000)).toBe('5 ms');
    expect(formatNs(150_000_000)).toBe('150 ms');
  });

  it('formats sizes in binary units as laptops are sold', () => {
    expect(formatBytes(16 * 1024 ** 2)).toBe('16 MB');
    expect(formatBytes(8 * 1024 ** 3)).toBe('8 GB');
    expect(formatBytes(5.5 * 1024 ** 3)).toBe('5.5 GB');
    expect(formatBytes(4096 * 1024 ** 3)).toBe('4 TB');
  });

  it('formats a ratio with grouped thousands', () => {
    expect(formatRatio(1000)).toBe('1,000×');
    expect(formatRatio(5.83)).toBe('5.8×');
    expect(formatRatio(42.4)).toBe('42×');
    expect(formatRatio(Number.NaN)).toBe('–');
  });
});

describe('scales', () => {
  it('linear keeps real proportions; log gives every tenfold step the same room', () => {
    const lin = latencyScale('linear', 0.3, 150_000_000, 500);
    expect(lin(100)).toBeLessThan(0.001);
    expect(lin(150_000_000)).toBe(500);
    const log = latencyScale('log', 0.3, 150_000_000, 500);
    expect(log(1000) - log(100)).toBeCloseTo(log(100_000) - log(10_000), 6);
    expect(log(100)).toBeGreaterThan(50);
  });

  it('a racer moves along the shared axis and stops at its own finish', () => {
    expect(racePosition('linear', 50, 100, 100_000)).toBeCloseTo(0.0005);
    expect(racePosition('linear', 50_000, 100, 100_000)).toBeCloseTo(0.001);
    expect(racePosition('linear', 100_000, 100_000, 100_000)).toBe(1);
    expect(racePosition('log', 0.5, 100, 100_000)).toBe(0);
    expect(racePosition('log', 100, 100, 100_000)).toBeCloseTo(0.4);
  });

  it('the dataset slider spans the edge of RAM in half-octave steps', () => {
    const gb = 1024 ** 3;
    const steps = datasetSteps(8 * gb);
    expect(steps[0]).toBe(0.5 * gb);
    expect(steps[steps.length - 1]).toBe(64 * gb);
    expect(steps).toContain(8 * gb);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!).toBeGreaterThan(steps[i - 1]!);
    expect(steps[nearestStep(steps, 4 * gb)]).toBe(4 * gb);
    expect(steps[nearestStep(steps, 5 * gb)]).toBeCloseTo(Math.SQRT2 * 4 * gb, -7);
  });
});
