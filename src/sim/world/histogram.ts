/**
 * A latency histogram with bounded relative error, after HdrHistogram: values below 64 µs
 * are counted exactly; above, each power of two is split into 64 buckets, so a reported
 * percentile is within 1/64 (1.6%) of the true value (it reports the bucket's upper bound,
 * so it never understates). Fixed memory (64 × 38 counters covers 0 to ~2^43 µs, 100 days),
 * O(1) record, O(buckets) percentile: cheap enough to ask at any time.
 */

const SUB_BITS = 6;
const SUB = 1 << SUB_BITS;
const MAX_EXP = 43;
const BUCKETS = (MAX_EXP - SUB_BITS + 2) * SUB;

function indexOf(v: number): number {
  if (v < SUB) return v;
  if (v <= 0xffffffff) {
    // Every latency a run sees: shifts instead of powers of two.
    const e = 31 - Math.clz32(v);
    return (e - SUB_BITS + 1) * SUB + (v >>> (e - SUB_BITS)) - SUB;
  }
  const e = Math.floor(Math.log2(v));
  const sub = Math.floor(v / 2 ** (e - SUB_BITS)) - SUB;
  return Math.min(BUCKETS - 1, (e - SUB_BITS + 1) * SUB + sub);
}

/** The largest value that falls in bucket i. */
function upperBound(i: number): number {
  if (i < SUB) return i;
  const e = Math.floor(i / SUB) - 1 + SUB_BITS;
  const sub = i % SUB;
  return (SUB + sub + 1) * 2 ** (e - SUB_BITS) - 1;
}

export class LatencyHistogram {
  private counts = new Float64Array(BUCKETS);
  private n = 0;
  private maxSeen = 0;
  private sum = 0;
  /** Buckets touched since the last reset: reset clears only those. */
  private lo = BUCKETS;
  private hi = -1;

  get count(): number {
    return this.n;
  }

  get max(): number {
    return this.maxSeen;
  }

  get mean(): number {
    return this.n === 0 ? 0 : this.sum / this.n;
  }

  record(micros: number): void {
    const v = Math.max(0, Math.round(micros));
    const i = indexOf(v);
    this.counts[i]!++;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
    this.n++;
    this.sum += v;
    if (v > this.maxSeen) this.maxSeen = v;
  }

  /** The value at quantile q (0..1), within 1.6% above the true one; 0 when empty. */
  percentile(q: number): number {
    if (this.n === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(upperBound(i), this.maxSeen);
    }
    return this.maxSeen;
  }

  reset(): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.lo = BUCKETS;
    this.hi = -1;
    this.n = 0;
    this.maxSeen = 0;
    this.sum = 0;
  }

  /** Sparse [bucket, count] pairs: small and JSON-safe. */
  snapshot(): HistogramState {
    const buckets: [number, number][] = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]! > 0) buckets.push([i, this.counts[i]!]);
    return { buckets, n: this.n, max: this.maxSeen, sum: this.sum };
  }

  restore(state: HistogramState): void {
    this.reset();
    for (const [i, c] of state.buckets) {
      this.counts[i] = c;
      if (i < this.lo) this.lo = i;
      if (i > this.hi) this.hi = i;
    }
    this.n = state.n;
    this.maxSeen = state.max;
    this.sum = state.sum;
  }
}

export interface HistogramState {
  readonly buckets: readonly (readonly [number, number])[];
  readonly n: number;
  readonly max: number;
  readonly sum: number;
}
