/**
 * In-process throughput: the engine against a bare Map doing the same work (the floor no
 * Redis in JS can beat) and against ioredis-mock (the usual in-memory stand-in). Rounds
 * alternate between contenders and the median is kept, so a noisy machine slows all alike.
 */
import RedisMock from 'ioredis-mock';
import { Engine, ManualClock, SeededRng } from '../../src/engine/index.ts';
import { argvOf, makeWorkload, type Op } from './workload.ts';

type Runner = () => Promise<void> | void;

/**
 * A (score, member)-ordered array beside a member -> score Map: the least a ZADD must keep
 * to answer ZRANGE in order, found by binary search and moved with splice.
 */
class SortedPairs {
  readonly scores = new Map<string, number>();
  private readonly order: { score: number; member: string }[] = [];

  /** Returns 1 when the member is new, as ZADD counts. */
  add(score: number, member: string): number {
    const old = this.scores.get(member);
    if (old === score) return 0;
    if (old !== undefined) this.order.splice(this.indexOf(old, member), 1);
    this.order.splice(this.indexOf(score, member), 0, { score, member });
    this.scores.set(member, score);
    return old === undefined ? 1 : 0;
  }

  private indexOf(score: number, member: string): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.order[mid]!;
      if (e.score < score || (e.score === score && e.member < member)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The floor: the same argv the engine gets, dispatched on the name, with the least work each
 * command needs (INCR parses and formats its integer, ZADD parses its score and keeps order),
 * but no types, TTLs, accounting or replies.
 */
function bareMap(argvs: readonly (readonly string[])[]): Runner {
  return () => {
    const strings = new Map<string, string>();
    const lists = new Map<string, string[]>();
    const zsets = new Map<string, SortedPairs>();
    let sink = 0;
    for (const argv of argvs) {
      const key = argv[1]!;
      switch (argv[0]) {
        case 'GET':
          sink += strings.get(key)?.length ?? 0;
          break;
        case 'SET':
          strings.set(key, argv[2]!);
          break;
        case 'INCR': {
          const n = Number(strings.get(key) ?? '0');
          if (!Number.isSafeInteger(n)) throw new Error('not an integer');
          strings.set(key, String(n + 1));
          sink += n;
          break;
        }
        case 'LPUSH': {
          let list = lists.get(key);
          if (list === undefined) lists.set(key, (list = []));
          sink += list.push(argv[2]!);
          break;
        }
        case 'ZADD': {
          const score = Number(argv[2]);
          if (Number.isNaN(score)) throw new Error('not a float');
          let zset = zsets.get(key);
          if (zset === undefined) zsets.set(key, (zset = new SortedPairs()));
          sink += zset.add(score, argv[3]!);
          break;
        }
      }
    }
    if (sink < 0) throw new Error('unreachable');
  };
}

function engineRunner(argvs: readonly (readonly string[])[]): Runner {
  return () => {
    const engine = new Engine({
      clock: new ManualClock(1_700_000_000_000_000),
      rng: new SeededRng(1),
    });
    const session = engine.createSession();
    for (const argv of argvs) engine.execute(session, argv);
  };
}

function mockRunner(ops: readonly Op[]): Runner {
  return async () => {
    const redis = new RedisMock();
    await redis.flushall();
    for (const op of ops) {
      switch (op.kind) {
        case 'get':
          await redis.get(op.key);
          break;
        case 'set':
          await redis.set(op.key, op.value);
          break;
        case 'incr':
          await redis.incr(op.key);
          break;
        case 'lpush':
          await redis.lpush(op.key, op.value);
          break;
        case 'zadd':
          await redis.zadd(op.key, op.score, op.member);
          break;
      }
    }
    redis.disconnect();
  };
}

async function opsPerSecond(run: Runner, count: number): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface ThroughputResult {
  ops: number;
  /** Operations in ioredis-mock's slice of the workload (the engine is timed on it too). */
  sliceOps: number;
  map: number;
  engine: number;
  ioredisMock: number;
  /** Median over rounds of engine ÷ map, each pair timed back to back. */
  engineVsMap: number;
  /** Median over rounds of engine ÷ ioredis-mock on the same slice, timed back to back. */
  engineVsMock: number;
}

export async function measureEngineThroughput(
  ops = 200_000,
  rounds = 7,
): Promise<ThroughputResult> {
  const workload = makeWorkload(ops);
  // ioredis-mock is far slower; it gets the first 20,000 operations, and so does a second
  // engine run, so that ratio compares the same work on the same (smaller) keyspace.
  const slice = workload.slice(0, Math.min(ops, 20_000));
  // Both sides get the very same argv arrays, as a client would send them.
  const argvs = workload.map(argvOf);
  const contenders = {
    map: { run: bareMap(argvs), n: argvs.length },
    engine: { run: engineRunner(argvs), n: argvs.length },
    engineSlice: { run: engineRunner(slice.map(argvOf)), n: slice.length },
    ioredisMock: { run: mockRunner(slice), n: slice.length },
  };
  const samples: Record<keyof typeof contenders, number[]> = {
    map: [],
    engine: [],
    engineSlice: [],
    ioredisMock: [],
  };
  // One warm-up round so the JIT has seen every path.
  for (const c of Object.values(contenders)) await c.run();
  for (let r = 0; r < rounds; r++) {
    for (const [name, c] of Object.entries(contenders) as [
      keyof typeof contenders,
      { run: Runner; n: number },
    ][]) {
      samples[name].push(await opsPerSecond(c.run, c.n));
    }
  }
  // On a shared machine the load drifts between rounds; a ratio of two runs made back to
  // back drifts much less than either rate, so the verdicts use the median of those.
  const ratios = (a: number[], b: number[]): number[] => a.map((x, i) => x / b[i]!);
  return {
    ops,
    sliceOps: slice.length,
    map: median(samples.map),
    engine: median(samples.engine),
    ioredisMock: median(samples.ioredisMock),
    engineVsMap: median(ratios(samples.engine, samples.map)),
    engineVsMock: median(ratios(samples.engineSlice, samples.ioredisMock)),
  };
}
