import { describe, expect, it } from 'vitest';
import { testEngine } from '../../helpers/engine.ts';

/**
 * used_memory is the keyspace's running sum of per-key estimates; it must agree with what
 * MEMORY USAGE says of each key, or eviction and the memory lesson would work from a wrong
 * figure. Collections are created empty and filled by the same command, the case that
 * once left an empty collection's estimate in the sum.
 */
describe('memory accounting', () => {
  it('sums to the MEMORY USAGE of every key after collections are created and filled', () => {
    const t = testEngine();
    const big = 'x'.repeat(70);
    t.run('LPUSH', 'list', big, big, '1');
    t.run('RPUSH', 'list2', ...Array.from({ length: 200 }, (_, i) => `item-${i}`));
    t.run('ZADD', 'zset', '1', big, '2', 'b');
    t.run('ZADD', 'zset2', 'INCR', '1.5', 'm');
    t.run('SADD', 'set', 'a', 'b', big);
    t.run('HSET', 'hash', 'f', big, 'g', '1');
    t.run('SET', 'string', big);
    t.run('LMOVE', 'list', 'moved', 'LEFT', 'RIGHT');
    t.run('SINTERSTORE', 'inter', 'set', 'set');
    t.run('ZUNIONSTORE', 'union', '2', 'zset', 'zset2');
    const db = t.engine.dbs[0]!;
    let sum = 0;
    for (const key of db.keys.keys()) {
      const reply = t.run('MEMORY', 'USAGE', key);
      expect(reply.kind).toBe('integer');
      sum += reply.kind === 'integer' ? Number(reply.value) : 0;
    }
    expect(db.memoryUsage()).toBe(sum);
  });
});
