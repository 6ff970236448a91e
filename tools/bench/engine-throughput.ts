/**
 * In-process throughput: the engine against a bare Map doing the same work (the floor no
 * Redis in JS can beat) and against ioredis-mock (the usual in-memory stand-in).
 *
 * One sample is one child process (engine-throughput-round.ts): a process's JIT settles on
 * its own inlining and layout, and a whole process can run fast or slow for it, so samples
 * taken in one process would all share its luck. Each child warms every contender up, times
 * them in alternating passes and reports each one's fastest pass; the figures here are the
 * medians over the processes, with the lowest and highest beside them so the noise shows.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RoundRates, RoundResult } from './engine-throughput-round.ts';

const ROUND = fileURLToPath(new URL('./engine-throughput-round.ts', import.meta.url));

/** A median with the lowest and highest sample, as BENCHMARKS.md prints them. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** One timing of every contender: medians over processes, ratios taken inside each. */
export interface ThroughputFigures {
  map: Spread;
  engine: Spread;
  ioredisMock: Spread;
  /** Per process: engine ÷ map, each contender's fastest pass in that process. */
  engineVsMap: Spread;
  /** Per process: engine ÷ ioredis-mock on the same slice of the workload. */
  engineVsMock: Spread;
}

export interface ThroughputResult {
  ops: number;
  /** Operations in ioredis-mock's slice of the workload (the engine is timed on it too). */
  sliceOps: number;
  processes: number;
  passes: number;
  /** Timed by the wall clock. */
  wall: ThroughputFigures;
  /** Timed by the CPU time of the process, all its threads (GC and compiler included). */
  cpu: ThroughputFigures;
}

function spread(xs: readonly number[]): Spread {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export function measureEngineThroughput(
  ops = 200_000,
  processes = 9,
  passes = 6,
): ThroughputResult {
  // ioredis-mock is far slower; it gets the first 20,000 operations, and so does a second
  // engine run, so that ratio compares the same work on the same (smaller) keyspace.
  const sliceOps = Math.min(ops, 20_000);
  const rounds: RoundResult[] = [];
  for (let i = 0; i < processes; i++) {
    // The same Node flags as this process (tsx's loader when run by `npm run bench`). No gc()
    // between passes: forced full collections age the code of the contenders not running and
    // V8 flushes it, so every pass would start cold.
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, ROUND, String(ops), String(sliceOps), String(passes)],
      { encoding: 'utf8' },
    );
    rounds.push(JSON.parse(out.trim().split('\n').pop()!) as RoundResult);
  }
  const figures = (pick: (r: RoundResult) => RoundRates): ThroughputFigures => ({
    map: spread(rounds.map((r) => pick(r).map)),
    engine: spread(rounds.map((r) => pick(r).engine)),
    ioredisMock: spread(rounds.map((r) => pick(r).ioredisMock)),
    engineVsMap: spread(rounds.map((r) => pick(r).engine / pick(r).map)),
    engineVsMock: spread(rounds.map((r) => pick(r).engineSlice / pick(r).ioredisMock)),
  });
  return {
    ops,
    sliceOps,
    processes,
    passes,
    wall: figures((r) => r.wall),
    cpu: figures((r) => r.cpu),
  };
}
