import { describe, expect, it } from 'vitest';
import type { CacheApp } from '../../../../src/sim/patterns/cache.ts';
import { createScene } from '../../../../src/sim/scenes/index.ts';
import { micros } from '../../../../src/sim/core/clock.ts';
import type { TraceRecord } from '../../../../src/sim/index.ts';
import {
  BIN,
  cacheModel,
  charts,
  lostByKey,
  type CacheView,
  type Op,
} from '../../../../src/ui/scenes/cache/model.ts';
import type { SceneInfo, SimUpdate } from '../../../../src/worker/api.ts';
import type { CachePattern } from '../../../../src/sim/patterns/cache.ts';
import { lineOf, PATTERN_CODE, PATTERNS } from '../../../../src/ui/scenes/cache/code.ts';
import { framesOf } from '../../../../src/ui/scenes/cache/Stage.tsx';

const INFO = {} as SceneInfo;

/** Runs the real cache scene and folds its trace through the model in frame-sized batches. */
function play(set: Record<string, string>, until: number) {
  const run = createScene('cache', 3, set);
  let batch: SimUpdate[] = [];
  run.world.subscribe((record: TraceRecord) => batch.push({ kind: 'trace', record }));
  let view: CacheView = cacheModel.reset(INFO, 0);
  for (let t = 16_000; t <= until; t += 16_000) {
    run.world.runUntil(micros(t));
    view = cacheModel.apply(view, batch, t);
    batch = [];
  }
  return { view, app: run.world.part('app') as CacheApp };
}

const sum = (view: CacheView, f: 'reads' | 'hits') => view.bins.reduce((n, b) => n + b[f], 0);

describe('cache scene model', () => {
  it('counts the same reads and hits as the app server, and links every read to a path', () => {
    const { view, app } = play({ rate: '400', crashAt: '0' }, 3_000_000);
    // A read still waiting for Redis at the end is counted by the app, not yet by the trace.
    expect(sum(view, 'reads')).toBeGreaterThan(app.counters.reads - 5);
    expect(sum(view, 'reads')).toBeLessThanOrEqual(app.counters.reads);
    expect(sum(view, 'hits')).toBe(app.counters.hits);
    for (const f of view.recent) {
      if (f.kind === 'read' && f.hit === true) expect(f.ops).toEqual(['get', 'hit-reply']);
      if (f.kind === 'read' && f.hit === false) {
        expect(f.ops).toEqual(['get', 'db-read', 'fill', 'miss-reply']);
      }
      if (f.kind === 'write') expect(f.ops).toEqual(['db-write', 'invalidate', 'write-reply']);
      expect(f.end).not.toBeNull();
    }
    expect(view.recent.some((f) => f.kind === 'read')).toBe(true);
  });

  it('sees the hit ratio rise as the hot keys warm up', () => {
    const { view } = play({ rate: '1000', crashAt: '0' }, 4_000_000);
    const { hitRatio, dbLoad, latency } = charts(view.bins, view.now);
    expect(hitRatio.values.length).toBeGreaterThan(10);
    const first = hitRatio.values[0]!;
    const last = hitRatio.values[hitRatio.values.length - 1]!;
    expect(last).toBeGreaterThan(first + 0.1);
    // Misses go to the database: load falls as the cache warms.
    expect(dbLoad.values[dbLoad.values.length - 1]!).toBeLessThan(dbLoad.values[0]!);
    expect(Math.max(...latency.values)).toBeGreaterThan(1_000);
    expect(hitRatio.t.every((t) => t % BIN === 0 && t <= view.now)).toBe(true);
  });

  it('write-back: a crash between flushes loses the dirty writes the app counts as lost', () => {
    const { view, app } = play(
      { pattern: 'write-back', rate: '500', readRatio: '0.5', flushEvery: '1', crashAt: '2.6' },
      3_000_000,
    );
    expect(app.writesLost.length).toBeGreaterThan(0);
    expect(view.lostCount).toBe(app.writesLost.length);
    expect(view.lost.map((w) => w.key).sort()).toEqual(app.writesLost.map((w) => w.key).sort());
    const listed = lostByKey(view.lost);
    expect(listed.reduce((n, x) => n + x.count, 0)).toBe(view.lostCount);
    expect(view.flushes).toBeGreaterThan(0);
  });

  it('write-through and look-aside lose nothing in a crash', () => {
    for (const pattern of ['write-through', 'look-aside']) {
      const { view } = play({ pattern, rate: '500', readRatio: '0.5', crashAt: '1.5' }, 2_000_000);
      expect(view.lostCount).toBe(0);
      expect(view.recent.some((f) => f.kind === 'write')).toBe(true);
    }
  });
});

describe('the code panel', () => {
  it('every op a request can take lights exactly one line of its pattern', () => {
    const ops: Record<CachePattern, Op[]> = {
      'look-aside': [
        'get',
        'hit-reply',
        'db-read',
        'fill',
        'miss-reply',
        'db-write',
        'invalidate',
        'write-reply',
      ],
      'write-through': [
        'get',
        'hit-reply',
        'db-read',
        'fill',
        'miss-reply',
        'db-write',
        'cache-write',
        'write-reply',
      ],
      'write-back': [
        'get',
        'hit-reply',
        'db-read',
        'fill',
        'miss-reply',
        'mset',
        'write-reply',
        'flush-read',
        'flush-write',
        'flush-del',
      ],
    };
    for (const p of PATTERNS) {
      const lines = ops[p].map((op) => lineOf(p, op));
      expect(lines.every((i) => i >= 0)).toBe(true);
      // Lines come in the order the ops run.
      expect([...lines].sort((a, b) => a - b)).toEqual(lines);
      expect(PATTERN_CODE[p][lineOf(p, null, 'write')]!.text).toMatch(/^function write/);
    }
    expect(lineOf('look-aside', 'mset')).toBe(-1);
  });

  it('a sampled trip goes user → app → each call and back → user', () => {
    const flow = { id: 1, kind: 'read', key: 'k', start: 0, end: 9, hit: false } as const;
    const frames = framesOf({ ...flow, ops: ['get', 'db-read', 'fill', 'miss-reply'] });
    expect(frames.map((f) => f.at)).toEqual([
      'users',
      'app',
      'redis',
      'app',
      'db',
      'app',
      'redis',
      'app',
      'users',
    ]);
  });
});
