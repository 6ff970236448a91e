import { describe, expect, it } from 'vitest';
import {
  describeKeyspace,
  type KeyView,
  type KeyspaceView,
  type Reply,
} from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

function find(view: KeyspaceView, key: string): KeyView {
  const found = view.keys.find((k) => k.key === key);
  if (found === undefined) throw new Error(`no key ${key} in the picture`);
  return found;
}

function integerOf(reply: Reply): number {
  if (reply.kind !== 'integer') throw new Error(`expected an integer, got ${reply.kind}`);
  return Number(reply.value);
}

function bulkOf(reply: Reply): string {
  if (reply.kind !== 'bulk') throw new Error(`expected a bulk`);
  return reply.value;
}

describe('describeKeyspace', () => {
  it('gives each type its TYPE, OBJECT ENCODING and MEMORY USAGE as the commands say', () => {
    const { engine, run } = testEngine();
    run('SET', 'n', '12345');
    run('SET', 's', 'hello');
    run('SET', 'long', 'x'.repeat(50));
    run('RPUSH', 'l', 'a', 'b', 'c');
    run('SADD', 'ints', '3', '1', '2');
    run('SADD', 'words', 'x', 'y');
    run('HSET', 'h', 'f', 'v');
    run('ZADD', 'z', '2', 'b', '1', 'a');
    const view = describeKeyspace(engine, 0);
    expect(view.size).toBe(8);
    for (const key of view.keys) {
      expect(key.type).toBe(bulkOfStatus(run('TYPE', key.key)));
      expect(key.encoding).toBe(bulkOf(run('OBJECT', 'ENCODING', key.key)));
      expect(key.memory).toBe(integerOf(run('MEMORY', 'USAGE', key.key)));
    }
    expect(view.keys.map((k) => k.key)).toEqual(['h', 'ints', 'l', 'long', 'n', 's', 'words', 'z']);
    expect(find(view, 'n')).toMatchObject({ type: 'string', encoding: 'int', numeric: true });
    expect(find(view, 's')).toMatchObject({ encoding: 'embstr', numeric: false, length: 5 });
    expect(find(view, 'long')).toMatchObject({ encoding: 'raw', length: 50 });
    expect(find(view, 'l')).toMatchObject({ head: ['a', 'b', 'c'], tail: [], length: 3 });
    expect(find(view, 'ints')).toMatchObject({ encoding: 'intset', members: ['1', '2', '3'] });
    expect(find(view, 'h')).toMatchObject({ fields: [['f', 'v']], length: 1 });
    const z = find(view, 'z');
    if (z.type !== 'zset') throw new Error('z is not a zset');
    expect(z.entries.map((e) => [e.member, e.score])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(z.entries.every((e) => e.levels >= 1 && e.levels <= z.levels)).toBe(true);
  });

  it('follows the encodings across their thresholds', () => {
    const { engine, run } = testEngine();
    const ints = Array.from({ length: 512 }, (_, i) => String(i));
    run('SADD', 'set', ...ints);
    run('HSET', 'hash', ...ints.flatMap((i) => [`f${i}`, i]));
    run('ZADD', 'zset', ...ints.slice(0, 128).flatMap((i) => [i, `m${i}`]));
    let view = describeKeyspace(engine, 0);
    expect(find(view, 'set').encoding).toBe('intset');
    expect(find(view, 'hash').encoding).toBe('listpack');
    expect(find(view, 'zset').encoding).toBe('listpack');

    run('SADD', 'set', '512');
    run('HSET', 'hash', 'one-more', 'v');
    run('ZADD', 'zset', '999', 'one-more');
    view = describeKeyspace(engine, 0);
    expect(find(view, 'set').encoding).toBe('hashtable');
    expect(find(view, 'hash').encoding).toBe('hashtable');
    expect(find(view, 'zset').encoding).toBe('skiplist');
    for (const key of view.keys) {
      expect(key.encoding).toBe(bulkOf(run('OBJECT', 'ENCODING', key.key)));
      expect(key.memory).toBe(integerOf(run('MEMORY', 'USAGE', key.key)));
    }
    // A word in an intset makes it a hashtable at once.
    run('SADD', 'small', '1');
    run('SADD', 'small', 'word');
    expect(find(describeKeyspace(engine, 0), 'small').encoding).toBe('hashtable');
  });

  it('bounds what it shows of big values and counts what it left out', () => {
    const { engine, run } = testEngine();
    const many = Array.from({ length: 10_000 }, (_, i) => `e${i}`);
    run('RPUSH', 'list', ...many);
    run('SADD', 'set', ...many);
    run('ZADD', 'z', ...many.flatMap((m, i) => [String(i), m]));
    run('SET', 'big', 'y'.repeat(5000));
    const limits = { maxKeys: 3, maxElements: 10, maxBytes: 100 };
    const view = describeKeyspace(engine, 0, limits);
    expect(view.size).toBe(4);
    expect(view.keys.map((k) => k.key)).toEqual(['big', 'list', 'set']);
    const all = describeKeyspace(engine, 0, { ...limits, maxKeys: 10 });
    const list = find(all, 'list');
    if (list.type !== 'list') throw new Error('not a list');
    expect(list.length).toBe(10_000);
    expect(list.head).toEqual(many.slice(0, 8));
    expect(list.tail).toEqual(['e9998', 'e9999']);
    const big = find(all, 'big');
    if (big.type !== 'string') throw new Error('not a string');
    expect(big.length).toBe(5000);
    expect(big.bytes.length).toBe(100);
    const set = find(all, 'set');
    if (set.type !== 'set') throw new Error('not a set');
    expect(set.members.length).toBe(10);
    const z = find(all, 'z');
    if (z.type !== 'zset') throw new Error('not a zset');
    expect(z.entries.map((e) => e.member)).toEqual([
      'e0',
      'e1',
      'e2',
      'e3',
      'e4',
      'e5',
      'e6',
      'e7',
      'e8',
      'e9',
    ]);
    // Ten thousand nodes at p = 1/4 reach well above one level.
    expect(z.levels).toBeGreaterThan(3);
  });

  it('gives the absolute expire time and leaves out a key whose time has passed', () => {
    const { engine, clock, run } = testEngine();
    run('SET', 'k', 'v', 'EX', '2');
    run('SET', 'forever', 'v');
    const start = engine.nowMs();
    const view = describeKeyspace(engine, 0);
    expect(find(view, 'k').expiresAtMs).toBe(start + integerOf(run('PTTL', 'k')));
    expect(find(view, 'forever').expiresAtMs).toBeNull();

    clock.advanceMs(2001);
    const later = describeKeyspace(engine, 0);
    expect(later.keys.map((k) => k.key)).toEqual(['forever']);
    expect(later.size).toBe(1);
    // The picture expired nothing itself: the key is still in memory until a lookup or the
    // active cycle frees it, and the keyspace counters did not move.
    expect(engine.dbs[0]!.keys.has('k')).toBe(true);
    expect(bulkOfInfo(run('INFO', 'stats'))).toContain('expired_keys:0');
  });

  it('describes the database asked for, and an empty one as empty', () => {
    const { engine, run } = testEngine();
    run('SELECT', '3');
    run('SET', 'there', '1');
    expect(describeKeyspace(engine, 0).keys).toEqual([]);
    expect(describeKeyspace(engine, 3).keys.map((k) => k.key)).toEqual(['there']);
    expect(describeKeyspace(engine, 99).size).toBe(0);
  });
});

function bulkOfStatus(reply: Reply): string {
  if (reply.kind !== 'status') throw new Error(`expected a status, got ${reply.kind}`);
  return reply.value;
}

function bulkOfInfo(reply: Reply): string {
  if (reply.kind === 'verbatim' || reply.kind === 'bulk') return String(reply.value);
  throw new Error(`expected text, got ${reply.kind}`);
}
