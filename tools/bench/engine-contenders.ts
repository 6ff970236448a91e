/**
 * The contenders of the engine throughput bench: the engine, a bare Map doing the same work
 * (the floor no Redis in JS can beat) and ioredis-mock (the usual in-memory stand-in). Each
 * runner makes one full pass over a workload starting from an empty store.
 */
import RedisMock from 'ioredis-mock';
import { Engine, ManualClock, SeededRng } from '../../src/engine/index.ts';
import type { Op } from './workload.ts';

/**
 * One full pass over a workload, from an empty store. What it returns is only kept so the
 * work cannot be optimised away.
 */
export type Runner = () => unknown;

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
export function bareMap(argvs: readonly (readonly string[])[]): Runner {
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
    // Returned rather than tested here: a check after the loop would have no type feedback
    // when the loop is first compiled, and would deoptimise the pass on its way out.
    return sink;
  };
}

export function engineRunner(argvs: readonly (readonly string[])[]): Runner {
  return () => {
    const engine = new Engine({
      clock: new ManualClock(1_700_000_000_000_000),
      rng: new SeededRng(1),
    });
    const session = engine.createSession();
    for (const argv of argvs) engine.execute(session, argv);
  };
}

export function mockRunner(ops: readonly Op[]): Runner {
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
