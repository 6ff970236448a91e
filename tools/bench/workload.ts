/**
 * The benchmark workload: a fixed, seeded mix of GET/SET/INCR/LPUSH/ZADD over a key space,
 * generated once so every contender does exactly the same work in the same order.
 */
import { SeededRng } from '../../src/engine/index.ts';

export type Op =
  | { kind: 'get'; key: string }
  | { kind: 'set'; key: string; value: string }
  | { kind: 'incr'; key: string }
  | { kind: 'lpush'; key: string; value: string }
  | { kind: 'zadd'; key: string; score: number; member: string };

export function makeWorkload(count: number, keys = 10_000, seed = 7): Op[] {
  const rng = new SeededRng(seed);
  const ops: Op[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng.next();
    const n = Math.floor(rng.next() * keys);
    if (r < 0.4) ops.push({ kind: 'get', key: `key:${n}` });
    else if (r < 0.7) ops.push({ kind: 'set', key: `key:${n}`, value: `value-${i}` });
    else if (r < 0.8) ops.push({ kind: 'incr', key: `counter:${n % 1000}` });
    else if (r < 0.9) ops.push({ kind: 'lpush', key: `list:${n % 100}`, value: `item-${i}` });
    else {
      const score = Math.floor(rng.next() * 1000);
      ops.push({ kind: 'zadd', key: `zset:${n % 100}`, score, member: `member-${n}` });
    }
  }
  return ops;
}

/** The argv a Redis client would send for an op. */
export function argvOf(op: Op): string[] {
  switch (op.kind) {
    case 'get':
      return ['GET', op.key];
    case 'set':
      return ['SET', op.key, op.value];
    case 'incr':
      return ['INCR', op.key];
    case 'lpush':
      return ['LPUSH', op.key, op.value];
    case 'zadd':
      return ['ZADD', op.key, String(op.score), op.member];
  }
}
