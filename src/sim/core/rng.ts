import type { Rng } from '../../engine/index.ts';

/**
 * The world's randomness: sfc32 (128-bit state, passes PractRand to 2^40+ bytes), seeded
 * through splitmix32 so nearby seeds give unrelated streams. Its whole state is four
 * integers, so a checkpoint saves it and a restored run draws the same numbers. Every
 * component that needs randomness gets its own stream (fork), so adding a draw in one
 * component does not shift the numbers every other component sees.
 */

export type RngState = readonly [number, number, number, number];

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Mixes a name into a seed, so forks are keyed by what they are for, not their order. */
function hashName(seed: number, name: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class SimRng implements Rng {
  /**
   * a, b, c, d in a Uint32Array: stored as plain numbers, values at or above 2^31 would be
   * boxed, and a draw (several per simulated request) would allocate.
   */
  private readonly s = new Uint32Array(4);

  constructor(seed: number) {
    const mix = splitmix32(seed);
    for (let i = 0; i < 4; i++) this.s[i] = mix();
    // Warm-up, as sfc32's author recommends, so the first outputs are not correlated.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A fresh stream for one component, named after its use (e.g. 'client:c1'). */
  static fork(seed: number, name: string): SimRng {
    return new SimRng(hashName(seed, name));
  }

  nextUint32(): number {
    // Stores into the Uint32Array wrap modulo 2^32, as sfc32's uint32 arithmetic does.
    const s = this.s;
    const a = s[0]!;
    const b = s[1]!;
    const c = s[2]!;
    const d = s[3]!;
    const t = (a + b + d) >>> 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return t;
  }

  /** Uniform in [0, 1); the engine's Rng interface. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Exponential with the given mean: the gaps between Poisson arrivals. */
  exponential(mean: number): number {
    // 1 - next() is in (0, 1], so the log is finite.
    return -mean * Math.log(1 - this.next());
  }

  /** Normal(mean, sd) by Box-Muller; uses one of the pair so the state stays four ints. */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** base ± up to `jitter`, uniform, never below zero: a link's or a disk's latency. */
  jittered(base: number, jitter: number): number {
    if (jitter <= 0) return base;
    return Math.max(0, base + jitter * (2 * this.next() - 1));
  }

  getState(): RngState {
    const s = this.s;
    return [s[0]!, s[1]!, s[2]!, s[3]!];
  }

  setState(state: RngState): void {
    this.s.set(state);
  }
}

/**
 * Zipf over ranks 0..n-1 with exponent s: P(k) ∝ 1/(k+1)^s. The cumulative table is built
 * once (O(n) floats) and each draw is a binary search (O(log n)), exact for any s ≥ 0.
 * Tables are cached by (n, s): many clients with the same key space share one.
 */
export class ZipfSampler {
  private static cache = new Map<string, Float64Array>();
  private readonly cdf: Float64Array;

  constructor(
    readonly n: number,
    readonly s: number,
  ) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`zipf needs n >= 1, got ${n}`);
    if (!(s >= 0)) throw new RangeError(`zipf needs s >= 0, got ${s}`);
    const id = `${n}:${s}`;
    let cdf = ZipfSampler.cache.get(id);
    if (cdf === undefined) {
      cdf = new Float64Array(n);
      let sum = 0;
      for (let k = 0; k < n; k++) cdf[k] = sum += 1 / Math.pow(k + 1, s);
      for (let k = 0; k < n; k++) cdf[k]! /= sum;
      ZipfSampler.cache.set(id, cdf);
    }
    this.cdf = cdf;
  }

  /** A rank in [0, n): 0 is the most popular key. */
  sample(rng: SimRng): number {
    const u = rng.next();
    const cdf = this.cdf;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The exact probability of a rank, for tests and for the UI's expected curve. */
  probability(rank: number): number {
    return (this.cdf[rank] ?? 0) - (rank > 0 ? this.cdf[rank - 1]! : 0);
  }
}
