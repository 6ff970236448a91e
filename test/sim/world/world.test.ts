import { describe, expect, it } from 'vitest';
import type { WorldSnapshot } from '../../../src/sim/world/world.ts';
import {
  World,
  fill,
  fromSeconds,
  openClients,
  repeatScript,
  starLinks,
  type WorldConfig,
} from '../helpers/worlds.ts';

/** A busy little world: open and closed loops, Zipf keys, a KEYS stall, a database. */
function busy(seed: number): WorldConfig {
  const clients = ['c1', 'c2', 'c3', 'zipf', 'race1', 'race2', 'admin', 'app'];
  return {
    seed,
    nodes: [{ name: 'redis' }, { name: 'fast', ioThreads: 2 }],
    databases: [
      { name: 'pg', connections: 2, readMicros: 2000, writeMicros: 5000, jitterMicros: 500 },
    ],
    links: [
      ...starLinks('redis', clients),
      { a: 'app', b: 'pg', latencyMicros: 300, jitterMicros: 50 },
      { a: 'c3', b: 'fast', latencyMicros: 50 },
    ],
    clients: [
      ...openClients(2, 2000),
      { ...openClients(1, 1000, 'fast')[0]!, name: 'c3' },
      {
        kind: 'workload',
        name: 'zipf',
        target: 'redis',
        arrival: { kind: 'closed', concurrency: 4, thinkMicros: 500 },
        readRatio: 0.9,
        keys: { dist: 'zipf', count: 10_000, s: 1.1 },
        valueSize: { min: 10, max: 200 },
      },
      {
        kind: 'workload',
        name: 'app',
        target: 'pg',
        arrival: { kind: 'open', rate: 1500 },
        readRatio: 0.7,
        keys: { dist: 'uniform', count: 100 },
        valueSize: 8,
      },
      {
        kind: 'scripted',
        name: 'race1',
        target: 'redis',
        script: 'get-then-set',
        params: { key: 'n', rounds: 300 },
      },
      {
        kind: 'scripted',
        name: 'race2',
        target: 'redis',
        script: 'get-then-set',
        params: { key: 'n', rounds: 300 },
      },
      {
        kind: 'scripted',
        name: 'admin',
        target: 'redis',
        script: 'repeat',
        params: { argv: ['KEYS', '*'], rounds: 5 },
        startMicros: 50_000,
        thinkMicros: 250_000,
      },
    ],
    metrics: { intervalMicros: 50_000, capacity: 20 },
  };
}

function run(seed: number, until: number): World {
  const world = World.create(busy(seed), { scripts: repeatScript });
  fill(world, 'redis', 20_000);
  world.runUntil(fromSeconds(until));
  return world;
}

describe('World determinism', () => {
  it('gives the same trace hash for the same seed, another for another seed', () => {
    const a = run(42, 1);
    const b = run(42, 1);
    const c = run(43, 1);
    expect(a.trace.count).toBeGreaterThan(10_000);
    expect(a.trace.hash()).toBe(b.trace.hash());
    expect(a.trace.count).toBe(b.trace.count);
    expect(c.trace.hash()).not.toBe(a.trace.hash());
  });

  it('restores a JSON checkpoint into a fresh world that runs on to the same trace', () => {
    const straight = run(7, 2);

    const first = World.create(busy(7), { scripts: repeatScript });
    fill(first, 'redis', 20_000);
    first.runUntil(fromSeconds(0.5));
    first.cut('c1', 'redis');
    first.runUntil(fromSeconds(0.7));
    first.heal('c1', 'redis');
    first.runUntil(fromSeconds(0.93));
    // Through text, as IndexedDB or a file would carry it.
    const text = JSON.stringify(first.snapshot());
    const restored = World.restore(JSON.parse(text) as WorldSnapshot, { scripts: repeatScript });
    restored.runUntil(fromSeconds(2));

    const withCut = World.create(busy(7), { scripts: repeatScript });
    fill(withCut, 'redis', 20_000);
    withCut.runUntil(fromSeconds(0.5));
    withCut.cut('c1', 'redis');
    withCut.runUntil(fromSeconds(0.7));
    withCut.heal('c1', 'redis');
    withCut.runUntil(fromSeconds(2));

    expect(restored.trace.hash()).toBe(withCut.trace.hash());
    expect(restored.trace.count).toBe(withCut.trace.count);
    expect(restored.trace.hash()).not.toBe(straight.trace.hash());
    expect(restored.client('zipf').summary()).toEqual(withCut.client('zipf').summary());
    expect(restored.metrics!.series('client:c2:p99')).toEqual(
      withCut.metrics!.series('client:c2:p99'),
    );
    expect(restored.snapshot()).toEqual(withCut.snapshot());
  });

  it('samples bounded metric series on virtual time', () => {
    const world = run(1, 2);
    const s = world.metrics!.series('client:c1:throughput')!;
    expect(s.values).toHaveLength(20);
    expect(s.t[19]).toBe(2_000_000);
    expect(s.t[0]).toBe(1_050_000);
    const mean = s.values.reduce((a, b) => a + b, 0) / s.values.length;
    expect(mean).toBeGreaterThan(1500);
    expect(mean).toBeLessThan(2500);
    expect(world.metrics!.series('node:redis:keys')!.values[19]).toBeGreaterThan(20_000);
  });
});

describe('World speed (headless)', () => {
  it('runs 10 simulated minutes of one node at 1,000 ops/s', () => {
    const world = World.create({
      seed: 1,
      nodes: [{ name: 'redis' }],
      links: starLinks('redis', ['c1']),
      clients: openClients(1, 1000),
    });
    // Wall time is printed, never asserted: CI machines vary.
    const t0 = performance.now();
    world.runUntil(fromSeconds(600));
    const wall = performance.now() - t0;
    const s = world.client('c1').summary();
    console.log(
      `10 simulated minutes, ${s.count} requests, ${world.trace.count} trace records: ${wall.toFixed(0)} ms wall`,
    );
    expect(s.count).toBeGreaterThan(594_000);
    expect(s.count).toBeLessThan(606_000);
    // Idle server: latency is two link traversals (100 ± 20 µs) plus ~8 µs of I/O.
    expect(s.p50).toBeGreaterThan(180);
    expect(s.p99).toBeLessThan(260);
  });
});
