import { describe, expect, it } from 'vitest';
import { SimRng } from '../../../src/sim/core/rng.ts';
import { LatencyHistogram } from '../../../src/sim/world/histogram.ts';

describe('LatencyHistogram', () => {
  it('reports percentiles within 1/64 above the exact ones', () => {
    const h = new LatencyHistogram();
    const rng = new SimRng(1);
    const values: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const v = Math.round(rng.exponential(2000)) + (i % 100 === 0 ? 1_000_000 : 0);
      values.push(v);
      h.record(v);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99, 0.999]) {
      const exact = values[Math.ceil(q * values.length) - 1]!;
      const got = h.percentile(q);
      expect(got).toBeGreaterThanOrEqual(exact);
      expect(got).toBeLessThanOrEqual(exact * (1 + 1 / 64) + 1);
    }
    const copy = new LatencyHistogram();
    copy.restore(h.snapshot());
    expect(copy.percentile(0.99)).toBe(h.percentile(0.99));
  });

  it('is exact below 64 µs', () => {
    const h = new LatencyHistogram();
    for (let v = 1; v <= 50; v++) h.record(v);
    expect(h.percentile(0.5)).toBe(25);
    expect(h.percentile(1)).toBe(50);
  });
});
