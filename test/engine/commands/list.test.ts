import { describe, expect, it } from 'vitest';
import { dumpKeyspace, restoreKeyspace } from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

describe('list commands', () => {
  it('build a queue with RPUSH and drain it with LPOP, deleting the empty list', () => {
    const { cli } = testEngine();
    expect(cli('RPUSH', 'q', 'a', 'b', 'c')).toBe('(integer) 3');
    expect(cli('LPOP', 'q')).toBe('"a"');
    expect(cli('LPOP', 'q', '5')).toBe('1) "b"\n2) "c"');
    expect(cli('EXISTS', 'q')).toBe('(integer) 0');
    expect(cli('LPOP', 'q')).toBe('(nil)');
    expect(cli('TYPE', 'q')).toBe('none');
  });

  it('count every element written or removed in dirty, as server.dirty does', () => {
    const { engine, cli } = testEngine();
    const dirtyAfter = (...argv: string[]) => {
      const before = engine.dirty;
      cli(...argv);
      return engine.dirty - before;
    };
    expect(dirtyAfter('RPUSH', 'l', 'a', 'b', 'a', 'c', 'a')).toBe(5);
    expect(dirtyAfter('LREM', 'l', '0', 'a')).toBe(3);
    expect(dirtyAfter('LREM', 'l', '0', 'zz')).toBe(0);
    expect(dirtyAfter('LSET', 'l', '0', 'x')).toBe(1);
    expect(dirtyAfter('LINSERT', 'l', 'BEFORE', 'x', 'y')).toBe(1);
    expect(dirtyAfter('LINSERT', 'l', 'BEFORE', 'nope', 'y')).toBe(0);
    expect(dirtyAfter('LMOVE', 'l', 'm', 'LEFT', 'LEFT')).toBe(1);
    expect(dirtyAfter('RPUSH', 'l', '1', '2', '3', '4')).toBe(4);
    expect(dirtyAfter('LTRIM', 'l', '1', '-2')).toBe(2);
    expect(dirtyAfter('LPOP', 'l', '0')).toBe(0);
    expect(dirtyAfter('RPOP', 'l', '10')).toBe(4);
    expect(dirtyAfter('LLEN', 'm')).toBe(0);
  });

  it('keep the TTL of a list when elements are pushed or popped', () => {
    const { cli } = testEngine();
    cli('RPUSH', 'l', 'a', 'b');
    cli('EXPIRE', 'l', '100');
    cli('RPUSH', 'l', 'c');
    cli('LPOP', 'l');
    cli('LSET', 'l', '0', 'z');
    expect(cli('TTL', 'l')).toBe('(integer) 100');
  });

  it('forget an expired list', () => {
    const { cli, clock } = testEngine();
    cli('RPUSH', 'l', 'a');
    cli('EXPIRE', 'l', '1');
    clock.advanceMs(1001);
    expect(cli('LLEN', 'l')).toBe('(integer) 0');
    expect(cli('RPUSHX', 'l', 'a')).toBe('(integer) 0');
    expect(cli('RPUSH', 'l', 'b')).toBe('(integer) 1');
    expect(cli('TTL', 'l')).toBe('(integer) -1');
  });

  it('notify WATCH of every change but not of a read or a miss', () => {
    const { engine, cli } = testEngine();
    const touched: string[] = [];
    engine.dbs[0]!.onModified = (_, key) => touched.push(key);
    cli('RPUSH', 'l', 'a', 'b');
    cli('LRANGE', 'l', '0', '-1');
    cli('LREM', 'l', '0', 'zz');
    cli('LMOVE', 'l', 'm', 'LEFT', 'LEFT');
    expect(touched).toEqual(['l', 'm', 'l']);
  });

  it('reply with the RESP3 null for a missing value and a missing array alike', () => {
    const { run, session } = testEngine();
    session.protocol = 3;
    expect(run('LPOP', 'nope').kind).toBe('null');
    expect(run('LPOP', 'nope', '2').kind).toBe('nullArray');
    expect(run('LMPOP', '1', 'nope', 'LEFT').kind).toBe('nullArray');
    expect(run('LINDEX', 'nope', '0').kind).toBe('null');
    expect(run('LPOS', 'nope', 'a').kind).toBe('null');
  });

  it('move the one element of a list onto itself without losing it', () => {
    const { cli } = testEngine();
    cli('RPUSH', 'l', 'only');
    expect(cli('RPOPLPUSH', 'l', 'l')).toBe('"only"');
    expect(cli('LMOVE', 'l', 'l', 'LEFT', 'RIGHT')).toBe('"only"');
    expect(cli('LRANGE', 'l', '0', '-1')).toBe('1) "only"');
  });

  it('survive a snapshot round trip, and refuse a malformed saved list', () => {
    const { engine, cli } = testEngine();
    cli('RPUSH', 'l', 'a', '\xff\x00', '');
    const snapshot = dumpKeyspace(engine);
    const copy = testEngine();
    restoreKeyspace(copy.engine, JSON.parse(JSON.stringify(snapshot)) as typeof snapshot);
    expect(copy.cli('LRANGE', 'l', '0', '-1')).toBe(cli('LRANGE', 'l', '0', '-1'));
    const bad = (items: unknown) => ({
      version: 1 as const,
      dbs: [{ id: 0, entries: [['l', { type: 'list', items }, null] as const] }],
    });
    expect(() => restoreKeyspace(copy.engine, bad([1, 2]))).toThrow();
    expect(() => restoreKeyspace(copy.engine, bad([]))).toThrow();
    expect(() => restoreKeyspace(copy.engine, bad('abc'))).toThrow();
  });

  it('handle a big list quickly at both ends', () => {
    const { run } = testEngine();
    const values = Array.from({ length: 1000 }, (_, i) => String(i));
    for (let i = 0; i < 200; i++) run('RPUSH', 'big', ...values);
    for (let i = 0; i < 100_000; i++) run('LPOP', 'big');
    expect(run('LLEN', 'big')).toEqual({ kind: 'integer', value: 100_000 });
    expect(run('LINDEX', 'big', '50000')).toEqual({ kind: 'bulk', value: '0' });
  });
});
