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

  it('gives a string overwritten by SET, MSET or GETSET what a new object would have', () => {
    const t = testEngine();
    const db = t.engine.dbs[0]!;
    const sumOfUsage = (): number =>
      [...db.keys.keys()].reduce((sum, key) => {
        const reply = t.run('MEMORY', 'USAGE', key);
        return sum + (reply.kind === 'integer' ? Number(reply.value) : 0);
      }, 0);
    t.run('SET', 's', '12345');
    t.run('APPEND', 's', 'x'.repeat(60));
    expect(t.cli('OBJECT', 'ENCODING', 's')).toBe('"raw"');
    const before = t.run('GET', 's');
    t.run('SET', 's', 'short', 'EX', '100');
    expect(t.cli('OBJECT', 'ENCODING', 's')).toBe('"embstr"');
    expect(before).toEqual({ kind: 'bulk', value: '12345' + 'x'.repeat(60) });
    expect(db.memoryUsage()).toBe(sumOfUsage());
    t.run('MSET', 's', '42');
    expect(t.cli('OBJECT', 'ENCODING', 's')).toBe('"int"');
    expect(t.cli('TTL', 's')).toBe('(integer) -1');
    t.run('GETSET', 's', 'y'.repeat(50));
    expect(t.cli('OBJECT', 'ENCODING', 's')).toBe('"raw"');
    expect(db.memoryUsage()).toBe(sumOfUsage());
    t.clock.advanceMs(30_000);
    expect(t.cli('OBJECT', 'IDLETIME', 's')).toBe('(integer) 30');
    t.run('SET', 's', 'again');
    expect(t.cli('OBJECT', 'IDLETIME', 's')).toBe('(integer) 0');
  });
});
