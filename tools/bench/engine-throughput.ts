/**
 * In-process throughput: the engine against a bare Map doing the same work (the floor no
 * Redis in JS can beat) and against ioredis-mock (the usual in-memory stand-in). Rounds
 * alternate between contenders and the median is kept, so a noisy machine slows all alike.
 */
import RedisMock from 'ioredis-mock';
import { Engine, ManualClock, SeededRng } from '../../src/engine/index.ts';
import { argvOf, makeWorkload, type Op } from './workload.ts';

type Runner = () => Promise<void> | void;

function bareMap(ops: readonly Op[]): Runner {
  return () => {
    const strings = new Map<string, string>();
    const lists = new Map<string, string[]>();
    const zsets = new Map<string, Map<string, number>>();
    let sink = 0;
    for (const op of ops) {
      switch (op.kind) {
        case 'get':
          sink += strings.get(op.key)?.length ?? 0;
          break;
        case 'set':
          strings.set(op.key, op.value);
          break;
        case 'incr':
          strings.set(op.key, String(Number(strings.get(op.key) ?? '0') + 1));
          break;
        case 'lpush': {
          let list = lists.get(op.key);
          if (list === undefined) lists.set(op.key, (list = []));
          list.push(op.value);
          break;
        }
        case 'zadd': {
          let zset = zsets.get(op.key);
          if (zset === undefined) zsets.set(op.key, (zset = new Map<string, number>()));
          zset.set(op.member, op.score);
          break;
        }
      }
    }
    if (sink < 0) throw new Error('unreachable');
  };
}

function engineRunner(ops: readonly Op[]): Runner {
  const argvs = ops.map(argvOf);
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
  map: number;
  engine: number;
  ioredisMock: number;
}

export async function measureEngineThroughput(
  ops = 200_000,
  rounds = 5,
): Promise<ThroughputResult> {
  const workload = makeWorkload(ops);
  // ioredis-mock is far slower; a smaller slice keeps the run short without changing its rate.
  const mockWorkload = workload.slice(0, Math.min(ops, 20_000));
  const contenders = {
    map: { run: bareMap(workload), n: workload.length },
    engine: { run: engineRunner(workload), n: workload.length },
    ioredisMock: { run: mockRunner(mockWorkload), n: mockWorkload.length },
  };
  const samples: Record<keyof typeof contenders, number[]> = {
    map: [],
    engine: [],
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
  return {
    ops,
    map: median(samples.map),
    engine: median(samples.engine),
    ioredisMock: median(samples.ioredisMock),
  };
}
