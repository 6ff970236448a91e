import { LatencyHistogram } from '../world/histogram.ts';
import type { World } from '../world/world.ts';

/** Helpers the scenes' summaries share. */

/** One histogram holding every sample of the given ones. */
export function mergeHistograms(hs: readonly LatencyHistogram[]): LatencyHistogram {
  const counts = new Map<number, number>();
  let n = 0;
  let max = 0;
  let sum = 0;
  for (const h of hs) {
    const s = h.snapshot();
    for (const [i, c] of s.buckets) counts.set(i, (counts.get(i) ?? 0) + c);
    n += s.n;
    max = Math.max(max, s.max);
    sum += s.sum;
  }
  const out = new LatencyHistogram();
  out.restore({ buckets: [...counts].sort((a, b) => a[0] - b[0]), n, max, sum });
  return out;
}

export function percentiles(h: LatencyHistogram): { p50: number; p95: number; p99: number } {
  return { p50: h.percentile(0.5), p95: h.percentile(0.95), p99: h.percentile(0.99) };
}

/** Live keys of a node's db 0 with a prefix, as a client would see them (expired ones don't count). */
export function liveKeys(world: World, node: string, prefix: string): number {
  const db = world.node(node).engine.dbs[0]!;
  const nowMs = world.node(node).engine.clock.nowMicros() / 1000;
  let n = 0;
  for (const key of db.keys.keys()) {
    if (!key.startsWith(prefix)) continue;
    const when = db.expires.get(key);
    if (when === undefined || !(nowMs > when)) n++;
  }
  return n;
}

/** Rounds to 4 decimals: summaries are for reading and comparing, not for bits. */
export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
