import type { Rng } from '../clock.ts';

/**
 * Random key sampling over a JS Map, which has no random access. Redis samples its hash
 * table's buckets (dictGetSomeKeys / dictGetRandomKey); we keep an array snapshot of the
 * keys and pick random slots in it, skipping keys deleted since. The snapshot is rebuilt
 * once the database has changed by a quarter of its size, so the cost stays amortised O(1)
 * per write and nothing is added to the SET/DEL hot path but a counter.
 */
export class KeySampler {
  private pool: string[] = [];
  private builtAt = -1;

  /** Appends up to `count` live keys of `map` to `out`. `churn` counts the db's changes. */
  sample(
    map: ReadonlyMap<string, unknown>,
    churn: number,
    count: number,
    rng: Rng,
    out: string[],
  ): void {
    if (map.size === 0 || count <= 0) return;
    if (map.size <= count) {
      for (const key of map.keys()) out.push(key);
      return;
    }
    if (this.builtAt < 0 || churn - this.builtAt > Math.max(16, this.pool.length >> 2)) {
      this.pool = Array.from(map.keys());
      this.builtAt = churn;
    }
    const pool = this.pool;
    const want = out.length + count;
    for (let attempts = count * 8; out.length < want && attempts > 0; attempts--) {
      const key = pool[Math.floor(rng.next() * pool.length)]!;
      if (map.has(key)) out.push(key);
    }
  }

  /** One random live key, or undefined (dictGetRandomKey). */
  randomKey(map: ReadonlyMap<string, unknown>, churn: number, rng: Rng): string | undefined {
    const out: string[] = [];
    if (map.size === 1) for (const key of map.keys()) return key;
    this.sample(map, churn, 1, rng, out);
    return out[0];
  }
}
