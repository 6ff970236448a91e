import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../../src/sim/core/trace.ts';
import { World, collect, fromSeconds } from '../helpers/worlds.ts';

describe('DiskDb', () => {
  it('runs at most `connections` queries at once and queues the rest', () => {
    const world = World.create({
      seed: 9,
      databases: [{ name: 'pg', connections: 2, readMicros: 10_000, writeMicros: 10_000 }],
      links: [{ a: 'app', b: 'pg', latencyMicros: 100 }],
      clients: [
        {
          kind: 'workload',
          name: 'app',
          target: 'pg',
          arrival: { kind: 'closed', concurrency: 10 },
          readRatio: 1,
          keys: { dist: 'uniform', count: 10 },
          valueSize: 1,
        },
      ],
      metrics: { intervalMicros: 100_000, capacity: 100 },
    });
    const queued = collect(world, 'db-queue') as Extract<TraceRecord, { type: 'db-queue' }>[];
    let maxActive = 0;
    world.subscribe(() => (maxActive = Math.max(maxActive, world.database('pg').active)));
    world.runUntil(fromSeconds(1));
    expect(maxActive).toBe(2);
    expect(Math.max(...queued.map((q) => q.queued))).toBe(8);
    // Two connections at 10 ms a query: 200 queries/s, each waiting behind four others.
    const s = world.client('app').summary();
    expect(s.count).toBeGreaterThan(190);
    expect(s.count).toBeLessThan(210);
    expect(s.p50).toBeGreaterThan(45_000);
    const load = world.metrics!.series('db:pg:queue')!.values;
    expect(Math.max(...load)).toBe(8);
  });
});
