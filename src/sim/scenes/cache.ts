import type { EngineConfig } from '../../engine/index.ts';
import { fromSeconds } from '../core/clock.ts';
import type { CacheApp } from '../patterns/cache.ts';
import { CACHE_PATTERNS } from '../patterns/cache.ts';
import { lookAsideHitRatioBound } from '../patterns/hit-ratio.ts';
import type { SceneEvent } from './director.ts';
import { num, str, type KnobSpec } from './knobs.ts';
import { percentiles, round4 } from './measure.ts';
import type { SceneDef } from './types.ts';

/**
 * cache: an app server, Redis and a slower database. The pattern knob picks look-aside,
 * write-through or write-back; TTL, key skew and rate shape the hit ratio and the database
 * load; Redis crashes at `crashAt` (0: never) and write-back's unflushed writes are lost;
 * `maxmemory` and `eviction` bound the cache the way redis.conf does.
 */

/** maxmemory-policy's values; Redis's default is noeviction (a full cache refuses writes). */
const EVICTION_POLICIES: readonly EngineConfig['maxmemory-policy'][] = [
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
];

const knobs: readonly KnobSpec[] = [
  { kind: 'choice', name: 'pattern', default: 'look-aside', choices: CACHE_PATTERNS },
  { kind: 'number', name: 'ttl', default: 10, min: 0, max: 86_400, unit: 's (0: none)' },
  { kind: 'number', name: 'keys', default: 10_000, min: 1, max: 1_000_000, integer: true },
  { kind: 'number', name: 'skew', default: 1, min: 0, max: 3, unit: 'Zipf s (0: uniform)' },
  { kind: 'number', name: 'rate', default: 1000, min: 1, max: 50_000, unit: 'req/s' },
  { kind: 'number', name: 'readRatio', default: 0.9, min: 0, max: 1 },
  { kind: 'number', name: 'flushEvery', default: 1, min: 0.01, max: 600, unit: 's' },
  { kind: 'number', name: 'crashAt', default: 12, min: 0, max: 86_400, unit: 's (0: never)' },
  { kind: 'number', name: 'dbReadMs', default: 5, min: 0.01, max: 10_000 },
  { kind: 'number', name: 'dbWriteMs', default: 10, min: 0.01, max: 10_000 },
  { kind: 'number', name: 'dbConnections', default: 20, min: 1, max: 10_000, integer: true },
  { kind: 'number', name: 'stopAt', default: 0, min: 0, max: 86_400, unit: 's (0: never)' },
  /** Redis's memory limit; its empty-server baseline is about 0.9 MB, so keys get the rest. */
  { kind: 'number', name: 'maxmemory', default: 0, min: 0, max: 4096, unit: 'MB (0: no limit)' },
  { kind: 'choice', name: 'eviction', default: 'noeviction', choices: EVICTION_POLICIES },
];

export const cache: SceneDef = {
  id: 'cache',
  knobs,
  defaultUntil: 20,
  build(k, seed) {
    // Every key has a row from the start (version 0), so a miss always finds one to cache.
    const rows: Record<string, string> = {};
    for (let i = 0; i < num(k, 'keys'); i++) rows[`key:${i}`] = `key:${i}#0`;
    const crashAt = num(k, 'crashAt');
    const events: SceneEvent[] =
      crashAt > 0
        ? [{ at: fromSeconds(crashAt), action: 'crash', node: 'redis', notify: ['app'] }]
        : [];
    return {
      world: {
        seed,
        nodes: [
          {
            name: 'redis',
            maxmemory: Math.round(num(k, 'maxmemory') * 1024 * 1024),
            maxmemoryPolicy: str(k, 'eviction') as EngineConfig['maxmemory-policy'],
          },
        ],
        databases: [
          {
            name: 'db',
            connections: num(k, 'dbConnections'),
            readMicros: num(k, 'dbReadMs') * 1000,
            writeMicros: num(k, 'dbWriteMs') * 1000,
            jitterMicros: num(k, 'dbReadMs') * 200,
            rows,
          },
        ],
        links: [
          { a: 'app', b: 'redis', latencyMicros: 100, jitterMicros: 20 },
          { a: 'app', b: 'db', latencyMicros: 200, jitterMicros: 40 },
        ],
        parts: [
          {
            kind: 'cache-app',
            name: 'app',
            params: {
              pattern: str(k, 'pattern'),
              rate: num(k, 'rate'),
              readRatio: num(k, 'readRatio'),
              keyCount: num(k, 'keys'),
              zipfS: num(k, 'skew'),
              ttlSeconds: num(k, 'ttl'),
              flushMicros: fromSeconds(num(k, 'flushEvery')),
              stopMicros: fromSeconds(num(k, 'stopAt')),
            },
          },
        ],
        metrics: null,
      },
      events,
      steps: [
        { id: 'cold-cache', at: 0 },
        { id: 'warm', at: fromSeconds(2) },
        ...(crashAt > 0 ? [{ id: 'crash', at: fromSeconds(crashAt) }] : []),
      ],
    };
  },
  summarize(world, k) {
    const app = world.part('app') as CacheApp;
    const db = world.database('db');
    const seconds = world.now / 1_000_000;
    const c = app.counters;
    const lost = app.writesLost;
    const bySecond = app.readsBySecond.map((r, i) =>
      round4(r === 0 ? 0 : (app.hitsBySecond[i] ?? 0) / r),
    );
    return {
      requests: app.latency.count,
      latency: percentiles(app.latency),
      hitRatio: round4(app.hitRatio),
      databaseLoad: round4(seconds > 0 ? (db.reads + db.writes) / seconds : 0),
      writesAcknowledged: c.writesAcknowledged,
      writesLost: {
        count: lost.length,
        list: lost.map((w) => ({ key: w.key, value: w.value, at: w.at })),
      },
      extra: {
        pattern: str(k, 'pattern'),
        hits: c.hits,
        misses: c.misses,
        hitRatioBySecond: bySecond,
        hitRatioBound: round4(
          lookAsideHitRatioBound(
            num(k, 'keys'),
            num(k, 'skew'),
            num(k, 'rate') * num(k, 'readRatio'),
            num(k, 'ttl'),
          ),
        ),
        dbReads: db.reads,
        dbWrites: db.writes,
        flushes: c.flushes,
        flushedWrites: c.flushedWrites,
        crashes: c.crashes,
        cachedKeys: world.node('redis').engine.dbs[0]!.size,
        evictedKeys: world.node('redis').engine.tracker.evictedKeys,
      },
    };
  },
};
