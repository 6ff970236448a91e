/**
 * Headless simulation speed: simulated seconds per wall second. Each setup runs twice on
 * fresh worlds, a short run and a long one; the long run's extra simulated time over its
 * extra wall time is the marginal speed, so building the world, filling it and the JIT's
 * warm-up (all paid by both runs) do not count. The bar: 10 simulated minutes in under
 * 1 s of wall time, i.e. at least 600x.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fromSeconds } from '../../src/sim/core/clock.ts';
import { createScene } from '../../src/sim/scenes/index.ts';
import type { World } from '../../src/sim/world/world.ts';

export interface SpeedRow {
  readonly name: string;
  readonly shortSeconds: number;
  readonly longSeconds: number;
  /** CPU ms of each run (the best of the rounds), and the long run's wall ms. */
  readonly shortMs: number;
  readonly longMs: number;
  readonly longWallMs: number;
  /** Simulated seconds per wall second, marginal. */
  readonly ratio: number;
  /** Trace records per simulated second (how busy the setup is). */
  readonly recordsPerSecond: number;
}

export interface SimSpeed {
  readonly rows: readonly SpeedRow[];
  readonly bar: number;
  readonly rounds: number;
  /** The machine's 1-minute load average before and after, and its CPU count. */
  readonly load: readonly [number, number];
  readonly cpus: number;
}

interface Setup {
  readonly name: string;
  build(): World;
}

const SETUPS: readonly Setup[] = [
  {
    name: '`cache` scene, look-aside, 1,000 req/s',
    build: () => createScene('cache', 1, { rate: '1000', crashAt: '0' }).world,
  },
  {
    name: '`persistence` scene, AOF everysec + `save 10 1000`, 1,000 writes/s',
    build: () =>
      createScene('persistence', 1, { appendonly: 'yes', appendfsync: 'everysec', crash: 'none' })
        .world,
  },
  {
    name: '`failover` scene: 1 master, 2 replicas, 3 sentinels, 1,000 writes/s (no kill)',
    build: () => createScene('failover', 1, { event: 'none' }).world,
  },
  {
    // The product brief's bar: a 3-node replicated setup. The scene as a learner runs it
    // (its scripted 3 s cut and resync included), with 1,000 writes/s replicated to both
    // replicas and 500 reads/s served by them.
    name: '`replication` scene: master + 2 replicas, 1,000 writes/s + 500 reads/s on the replicas',
    build: () => createScene('replication', 1).world,
  },
];

/**
 * CPU ms of this process for one run (wall ms alongside). CPU time, because the bench
 * shares its machine: on a loaded box wall time counts other processes' slices too; on an
 * idle one the two agree (the simulation is one thread that never waits).
 */
function timeRun(setup: Setup, seconds: number): { ms: number; wallMs: number; records: number } {
  const world = setup.build();
  const wall = performance.now();
  const cpu = process.cpuUsage();
  world.runUntil(fromSeconds(seconds));
  const used = process.cpuUsage(cpu);
  return {
    ms: (used.user + used.system) / 1000,
    wallMs: performance.now() - wall,
    records: world.trace.count,
  };
}

export function measureSimSpeed(shortSeconds = 60, longSeconds = 600, rounds = 3): SimSpeed {
  const loadBefore = loadavg()[0]!;
  const rows = SETUPS.map((setup) => {
    // Warm the JIT on this setup's code paths before timing.
    timeRun(setup, shortSeconds);
    let shortMs = Infinity;
    let longMs = Infinity;
    let longWallMs = Infinity;
    let records = 0;
    for (let i = 0; i < rounds; i++) {
      shortMs = Math.min(shortMs, timeRun(setup, shortSeconds).ms);
      const long = timeRun(setup, longSeconds);
      longMs = Math.min(longMs, long.ms);
      longWallMs = Math.min(longWallMs, long.wallMs);
      records = long.records;
    }
    const extraWall = Math.max(1e-3, longMs - shortMs) / 1000;
    return {
      name: setup.name,
      shortSeconds,
      longSeconds,
      shortMs,
      longMs,
      longWallMs,
      ratio: (longSeconds - shortSeconds) / extraWall,
      recordsPerSecond: records / longSeconds,
    };
  });
  return { rows, bar: 600, rounds, load: [loadBefore, loadavg()[0]!], cpus: cpus().length };
}

/** A Markdown table with a verdict per row, for `npm run bench` and BENCHMARKS.md. */
export function formatSimSpeed(s: SimSpeed): string {
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  const r0 = s.rows[0];
  const span = r0 === undefined ? '' : `${r0.longSeconds} s vs ${r0.shortSeconds} s simulated`;
  return [
    `Headless, one thread, CPU time (wall time on an idle machine; the long run's wall time is shown too), marginal cost of a long run over a short one (${span}, best of ${s.rounds} each after a warm-up), so start-up does not count. Bar: 10 simulated minutes in under 1 s of wall time (${s.bar}x). Machine load (1-minute average) ${s.load[0].toFixed(1)} before, ${s.load[1].toFixed(1)} after, on ${s.cpus} CPUs: a busy machine slows even CPU time (caches and memory bandwidth are shared).`,
    '',
    '| setup | trace records / sim s | short run CPU ms | long run CPU ms | long run wall ms | sim s per s | verdict |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...s.rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.recordsPerSecond)} | ${fmt(r.shortMs)} | ${fmt(r.longMs)} | ${fmt(r.longWallMs)} | ${fmt(r.ratio)}x | ${r.ratio >= s.bar ? 'meets the bar' : 'BELOW the bar'} |`,
    ),
  ].join('\n');
}
