/**
 * What one UI poll of the failover scene's summary costs late in a run: the scene run to
 * 600 simulated s, then polled after every further 100 ms step, the kept figures against
 * the same figures counted from scratch over every acknowledged write (what each poll did
 * before). Only the poll calls are timed, CPU time, median over the polls.
 */
import { cpus, loadavg } from 'node:os';
import { cpuUsage } from 'node:process';
import { fromSeconds } from '../../src/sim/core/clock.ts';
import { failoverFigures } from '../../src/sim/scenes/failover.ts';
import { createScene, summarizeScene } from '../../src/sim/scenes/index.ts';

export interface PollRow {
  readonly name: string;
  readonly ackedWrites: number;
  readonly lost: number;
  /** Median CPU µs of one summary poll, kept, and of the lost-write count from scratch. */
  readonly keptMicros: number;
  readonly scratchMicros: number;
}

export interface FailoverPoll {
  readonly atSeconds: number;
  readonly polls: number;
  readonly rows: readonly PollRow[];
  /** The machine's 1-minute load average before the run, and its CPU count. */
  readonly load: number;
  readonly cpus: number;
}

const SETUPS = [
  { name: 'master killed at 10 s, back at 50 s (defaults)', set: {} },
  { name: 'master partitioned at 10 s for 40 s (split brain)', set: { event: 'partition' } },
] as const;

const cpuMicros = (): number => {
  const u = cpuUsage();
  return u.user + u.system;
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
};

export function measureFailoverPoll(atSeconds = 600, polls = 40): FailoverPoll {
  const load = loadavg()[0] ?? 0;
  const rows = SETUPS.map(({ name, set }) => {
    const run = createScene('failover', 1, set);
    run.world.runUntil(fromSeconds(atSeconds));
    summarizeScene(run);
    const kept: number[] = [];
    const scratch: number[] = [];
    for (let i = 1; i <= polls; i++) {
      run.world.runUntil(fromSeconds(atSeconds + i / 10));
      let t = cpuMicros();
      summarizeScene(run);
      kept.push(cpuMicros() - t);
      t = cpuMicros();
      failoverFigures(run.world, 0, 2, true);
      scratch.push(cpuMicros() - t);
    }
    const f = failoverFigures(run.world, 0, 2);
    return {
      name,
      ackedWrites: f.ackedWrites,
      lost: f.ackedWritesLost,
      keptMicros: median(kept),
      scratchMicros: median(scratch),
    };
  });
  return { atSeconds, polls, rows, load, cpus: cpus().length };
}

export function formatFailoverPoll(p: FailoverPoll): string {
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  return [
    `The failover scene run to ${p.atSeconds} simulated s, then polled ${p.polls} times, one poll after each further 100 ms. Median CPU time of one poll: the whole summary as the worker answers it now (lost writes kept between polls), against the lost-write count alone redone from scratch over every acknowledged write, as each poll did before. Machine load (1-minute average) ${p.load.toFixed(1)} on ${p.cpus} CPUs.`,
    '',
    '| run | acknowledged writes | lost | poll now µs | from scratch µs | cheaper |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...p.rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.ackedWrites)} | ${fmt(r.lost)} | ${fmt(r.keptMicros)} | ${fmt(r.scratchMicros)} | ${fmt(r.scratchMicros / Math.max(1, r.keptMicros))}x |`,
    ),
  ].join('\n');
}
