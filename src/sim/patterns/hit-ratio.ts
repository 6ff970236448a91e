import { ZipfSampler } from '../core/rng.ts';

/**
 * The hit ratio a TTL allows a look-aside cache under a read-only Poisson load, as a bound
 * to compare the measured one with. A key read at rate λ is filled on a miss and expires T
 * later, so each cycle is one miss followed by, on average, λT hits: its hit ratio is
 * λT / (1 + λT). Summed over keys weighted by their share of reads. (It ignores the reads
 * that miss while the first miss is still fetching from the database, a small correction.)
 */
export function lookAsideHitRatioBound(
  keyCount: number,
  zipfS: number,
  readsPerSecond: number,
  ttlSeconds: number,
): number {
  if (ttlSeconds <= 0) return 1;
  const zipf = new ZipfSampler(keyCount, zipfS);
  let hit = 0;
  for (let k = 0; k < keyCount; k++) {
    const p = zipf.probability(k);
    const lt = readsPerSecond * p * ttlSeconds;
    hit += (p * lt) / (1 + lt);
  }
  return hit;
}
