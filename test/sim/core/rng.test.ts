import { describe, expect, it } from 'vitest';
import { SimRng, ZipfSampler } from '../../../src/sim/core/rng.ts';

describe('SimRng', () => {
  it('repeats a seed, differs across seeds, and resumes from a saved state', () => {
    const a = new SimRng(1);
    const b = new SimRng(1);
    const c = new SimRng(2);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(xs).not.toEqual(Array.from({ length: 5 }, () => c.next()));
    const state = a.getState();
    const later = [a.next(), a.next()];
    const d = new SimRng(99);
    d.setState(state);
    expect([d.next(), d.next()]).toEqual(later);
  });

  it('draws exponential gaps with the requested mean (Poisson arrivals)', () => {
    const rng = new SimRng(3);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += rng.exponential(1000);
    expect(sum / 100_000).toBeCloseTo(1000, -1.5);
  });

  it('keeps jitter within its bound and normals around their mean', () => {
    const rng = new SimRng(4);
    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < 10_000; i++) {
      const j = rng.jittered(100, 20);
      lo = Math.min(lo, j);
      hi = Math.max(hi, j);
      sum += rng.normal(50, 5);
    }
    expect(lo).toBeGreaterThanOrEqual(80);
    expect(hi).toBeLessThanOrEqual(120);
    expect(sum / 10_000).toBeCloseTo(50, 0);
  });
});

describe('ZipfSampler', () => {
  it('skews draws as P(k) ∝ 1/(k+1)^s', () => {
    const zipf = new ZipfSampler(1000, 1);
    const rng = new SimRng(5);
    const counts = new Array<number>(1000).fill(0);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) counts[zipf.sample(rng)]!++;
    // Rank 0 against the harmonic number H(1000) ≈ 7.485: about 13.4% of draws.
    expect(zipf.probability(0)).toBeCloseTo(1 / 7.4855, 3);
    expect(counts[0]! / draws).toBeCloseTo(zipf.probability(0), 2);
    expect(counts[1]! / counts[0]!).toBeCloseTo(0.5, 1);
    // The hottest 10% of keys take about 69% of the traffic; uniform would give 10%.
    const top = counts.slice(0, 100).reduce((a, b) => a + b, 0) / draws;
    expect(top).toBeGreaterThan(0.65);
    expect(top).toBeLessThan(0.73);
  });

  it('is uniform when s = 0', () => {
    const zipf = new ZipfSampler(10, 0);
    expect(zipf.probability(0)).toBeCloseTo(0.1, 10);
    expect(zipf.probability(9)).toBeCloseTo(0.1, 10);
  });
});
