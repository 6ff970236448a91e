import { describe, expect, it } from 'vitest';
import { fromSeconds } from '../../../src/sim/core/clock.ts';
import type { CacheApp } from '../../../src/sim/patterns/cache.ts';
import { createScene, summarizeScene } from '../../../src/sim/scenes/index.ts';

function run(set: Record<string, string>, until: number) {
  const r = createScene('cache', 9, set);
  r.world.runUntil(fromSeconds(until));
  return { ...r, summary: summarizeScene(r), app: r.world.part('app') as CacheApp };
}

describe('look-aside under Zipf keys', () => {
  const reads = { pattern: 'look-aside', readRatio: '1', crashAt: '0', keys: '5000', skew: '1.1' };

  it('warms up to the hit ratio its TTL allows', () => {
    const { summary } = run({ ...reads, ttl: '10' }, 20);
    const bound = summary.hitRatioBound as number;
    expect(summary.hitRatio!).toBeGreaterThan(0.75);
    expect(Math.abs(summary.hitRatio! - bound)).toBeLessThan(0.06);
    const bySecond = summary.hitRatioBySecond as number[];
    // Cold at first, rising as the hot keys land in Redis.
    expect(bySecond[0]!).toBeLessThan(bySecond[8]! - 0.1);
    expect(bySecond[15]!).toBeGreaterThan(bySecond[1]!);
  });

  it('a short TTL lowers the hit ratio and raises the database load', () => {
    const long = run({ ...reads, ttl: '10' }, 12).summary;
    const short = run({ ...reads, ttl: '0.2' }, 12).summary;
    expect(short.hitRatio!).toBeLessThan(long.hitRatio! - 0.15);
    expect(short.databaseLoad!).toBeGreaterThan(1.5 * long.databaseLoad!);
    expect(Math.abs(short.hitRatio! - (short.hitRatioBound as number))).toBeLessThan(0.06);
  });
});

describe('write-back vs write-through on a Redis crash', () => {
  // Writers stop at the crash, so after the last flush the database must hold every
  // acknowledged write except the lost ones.
  const set = { crashAt: '5', stopAt: '5', readRatio: '0.5', flushEvery: '2', keys: '300' };

  it('write-back loses exactly the writes that were dirty at the crash', () => {
    const { summary, app, world } = run({ ...set, pattern: 'write-back' }, 10);
    const lost = summary.writesLost.list as { key: string; value: string }[];
    expect(lost.length).toBeGreaterThan(50);
    expect(summary.writesLost.count).toBe(lost.length);
    const lostValues = new Set(lost.map((w) => w.value));
    const rows = world.database('db').rows;
    let intact = 0;
    for (const [key, value] of app.lastAcked) {
      if (lostValues.has(value)) expect(rows.get(key)).not.toBe(value);
      else {
        expect(rows.get(key)).toBe(value);
        intact++;
      }
    }
    expect(intact).toBeGreaterThan(50);
    // Nothing lost was ever written to the database.
    for (const w of lost) expect(rows.get(w.key)).not.toBe(w.value);
  });

  it('write-through loses nothing', () => {
    const { summary, app, world } = run({ ...set, pattern: 'write-through' }, 10);
    expect(summary.writesLost.count).toBe(0);
    expect(summary.writesAcknowledged).toBeGreaterThan(1000);
    const rows = world.database('db').rows;
    for (const [key, value] of app.lastAcked) expect(rows.get(key)).toBe(value);
  });
});

describe('maxmemory and the eviction policy', () => {
  // About 80 KB above the empty server's 0.9 MB: room for some 900 cached keys of 20,000.
  const reads = { readRatio: '1', crashAt: '0', keys: '20000', skew: '1', ttl: '0' };
  const small = { ...reads, maxmemory: '0.92' };

  it('a memory limit bounds the cache; LFU and LRU keep more hot keys than random', () => {
    const free = run(reads, 10).summary;
    const lru = run({ ...small, eviction: 'allkeys-lru' }, 10);
    const lfu = run({ ...small, eviction: 'allkeys-lfu' }, 10).summary;
    const rnd = run({ ...small, eviction: 'allkeys-random' }, 10).summary;
    // Redis evicts before each command, so the last fill may overshoot by one key.
    expect(lru.world.node('redis').engine.usedMemory()).toBeLessThanOrEqual(
      0.92 * 1024 * 1024 + 200,
    );
    expect(lru.summary.evictedKeys as number).toBeGreaterThan(1000);
    expect(lru.summary.cachedKeys as number).toBeLessThan((free.cachedKeys as number) / 3);
    expect(lru.summary.hitRatio!).toBeLessThan(free.hitRatio! - 0.05);
    expect(lru.summary.hitRatio!).toBeGreaterThan(rnd.hitRatio!);
    expect(lfu.hitRatio!).toBeGreaterThan(lru.summary.hitRatio!);
  });

  it('noeviction evicts nothing: once full, the fills are refused and the cache stays as is', () => {
    const full = run({ ...small, eviction: 'noeviction' }, 10);
    expect(full.summary.evictedKeys).toBe(0);
    expect(full.world.node('redis').engine.usedMemory()).toBeLessThanOrEqual(
      0.92 * 1024 * 1024 + 200,
    );
    const free = run(reads, 10).summary;
    expect(full.summary.cachedKeys as number).toBeLessThan((free.cachedKeys as number) / 3);
  });
});
