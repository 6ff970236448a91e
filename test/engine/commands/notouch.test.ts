import { describe, expect, it } from 'vitest';
import { testEngine } from '../../helpers/engine.ts';

describe('TYPE, EXISTS, TTL, EXPIRETIME, OBJECT and SCAN TYPE (LOOKUP_NOTOUCH)', () => {
  const reads = [
    ['TYPE', 'k'],
    ['EXISTS', 'k'],
    ['TTL', 'k'],
    ['PTTL', 'k'],
    ['EXPIRETIME', 'k'],
    ['PEXPIRETIME', 'k'],
    ['OBJECT', 'ENCODING', 'k'],
    ['SCAN', '0', 'TYPE', 'string'],
  ];

  it('leave the idle time of a key alone', () => {
    const { cli, clock } = testEngine();
    cli('SET', 'k', 'v');
    clock.advanceMs(5000);
    for (const argv of reads) cli(...argv);
    expect(cli('OBJECT', 'IDLETIME', 'k')).toBe('(integer) 5');
    cli('GET', 'k');
    expect(cli('OBJECT', 'IDLETIME', 'k')).toBe('(integer) 0');
  });

  it('leave the LFU counter of a key alone', () => {
    const { cli } = testEngine();
    cli('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    cli('SET', 'k', 'v');
    for (let i = 0; i < 20; i++) for (const argv of reads) cli(...argv);
    expect(cli('OBJECT', 'FREQ', 'k')).toBe('(integer) 5');
    cli('GET', 'k');
    expect(cli('OBJECT', 'FREQ', 'k')).toBe('(integer) 6');
  });

  it('still count keyspace hits and misses', () => {
    const { cli, engine } = testEngine();
    cli('SET', 'k', 'v');
    const t = engine.tracker;
    cli('TYPE', 'k');
    cli('TYPE', 'nope');
    expect([t.hits, t.misses]).toEqual([1, 1]);
    cli('EXISTS', 'k', 'nope', 'k');
    expect([t.hits, t.misses]).toEqual([3, 2]);
    cli('TTL', 'nope');
    cli('PEXPIRETIME', 'k');
    expect([t.hits, t.misses]).toEqual([4, 3]);
    cli('OBJECT', 'ENCODING', 'k');
    cli('OBJECT', 'FREQ', 'nope');
    expect([t.hits, t.misses]).toEqual([5, 4]);
    cli('SCAN', '0', 'TYPE', 'list');
    expect([t.hits, t.misses]).toEqual([6, 4]);
    cli('EXPIRE', 'k', '10');
    cli('DEL', 'nope');
    expect([t.hits, t.misses]).toEqual([6, 4]);
  });
});
