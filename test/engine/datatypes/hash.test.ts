import { describe, expect, it } from 'vitest';
import {
  cloneValue,
  elementCount,
  encodingOf,
  memoryUsageOf,
  type HashValue,
} from '../../../src/engine/datatypes/hash.ts';
import { dumpKeyspace, restoreKeyspace } from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

function hashAt(t: ReturnType<typeof testEngine>, key: string): HashValue {
  const v = t.engine.dbs[0]!.keys.get(key);
  if (v?.type !== 'hash') throw new Error(`${key} is not a hash`);
  return v;
}

describe('hash encodings', () => {
  it('stays a listpack up to 512 fields and becomes a hashtable at the 513th, for good', () => {
    const t = testEngine();
    for (let i = 0; i < 512; i++) t.run('HSET', 'h', `f${i}`, 'v');
    expect(encodingOf(hashAt(t, 'h'))).toBe('listpack');
    t.run('HSET', 'h', 'f512', 'v');
    expect(encodingOf(hashAt(t, 'h'))).toBe('hashtable');
    for (let i = 0; i < 500; i++) t.run('HDEL', 'h', `f${i}`);
    expect(elementCount(hashAt(t, 'h'))).toBe(13);
    expect(encodingOf(hashAt(t, 'h'))).toBe('hashtable');
  });

  it('converts on a field or value over 64 bytes, even one that only overwrites', () => {
    const t = testEngine();
    t.run('HSET', 'h', 'a', 'x'.repeat(64));
    expect(encodingOf(hashAt(t, 'h'))).toBe('listpack');
    t.run('HSET', 'h', 'a', 'x'.repeat(65));
    expect(encodingOf(hashAt(t, 'h'))).toBe('hashtable');
    t.run('HSET', 'k', 'a', '1');
    t.run('HINCRBY', 'k', 'f'.repeat(65), '1');
    expect(encodingOf(hashAt(t, 'k'))).toBe('hashtable');
  });

  it('reads its thresholds from the engine config when it writes', () => {
    const t = testEngine();
    t.engine.config['hash-max-listpack-entries'] = 2;
    t.run('HSET', 'h', 'a', '1', 'b', '2');
    expect(encodingOf(hashAt(t, 'h'))).toBe('listpack');
    t.run('HSET', 'h', 'c', '3');
    expect(encodingOf(hashAt(t, 'h'))).toBe('hashtable');
  });

  it('keeps listpack order: an overwrite stays in place, a re-added field goes last', () => {
    const t = testEngine();
    t.run('HSET', 'h', 'a', '1', 'b', '2', 'c', '3');
    t.run('HSET', 'h', 'a', '9');
    t.run('HDEL', 'h', 'b');
    t.run('HSET', 'h', 'b', '5');
    expect(t.cli('HKEYS', 'h')).toBe('1) "a"\n2) "c"\n3) "b"');
    expect(t.cli('HSCAN', 'h', '0')).toBe(
      '1) "0"\n2) 1) "a"\n   2) "9"\n   3) "c"\n   4) "3"\n   5) "b"\n   6) "5"',
    );
  });

  it('clones deeply', () => {
    const t = testEngine();
    t.run('HSET', 'h', 'a', '1');
    const copy = cloneValue(hashAt(t, 'h'));
    t.run('HSET', 'h', 'b', '2');
    expect(elementCount(copy)).toBe(1);
  });

  it('estimates MEMORY USAGE as Redis 7.0 measures it (value part)', () => {
    const t = testEngine();
    t.run('HSET', 'one', 'a', '1');
    // Real Redis: MEMORY USAGE one = 64, of which 32 are the key's sds and dictEntry.
    expect(memoryUsageOf(hashAt(t, 'one'))).toBe(32);
    for (let i = 1; i <= 100; i++) t.run('HSET', 'lp', `field${i}`, `value${i}`);
    expect(memoryUsageOf(hashAt(t, 'lp'))).toBe(1840 - 32);
    for (let i = 1; i <= 1000; i++) t.run('HSET', 'ht', `f${i}`, `v${i}`);
    expect(memoryUsageOf(hashAt(t, 'ht'))).toBe(48296 - 32);
  });

  it('survives a snapshot round trip with its order and encoding', () => {
    const a = testEngine();
    a.run('HSET', 'small', 'z', '1', 'a', '2');
    a.run('HSET', 'big', 'f', 'x'.repeat(100));
    const snap = JSON.parse(JSON.stringify(dumpKeyspace(a.engine))) as ReturnType<
      typeof dumpKeyspace
    >;
    const b = testEngine();
    restoreKeyspace(b.engine, snap);
    expect(b.cli('HKEYS', 'small')).toBe('1) "z"\n2) "a"');
    expect(encodingOf(hashAt(b, 'small'))).toBe('listpack');
    expect(encodingOf(hashAt(b, 'big'))).toBe('hashtable');
    const bad = {
      version: 1,
      dbs: [
        { id: 0, entries: [['h', { type: 'hash', encoding: 'listpack', entries: ['a'] }, null]] },
      ],
    } as const;
    expect(() => restoreKeyspace(b.engine, bad as unknown as typeof snap)).toThrow();
  });

  it('HSCAN of a hashtable returns every field that stays while others come and go', () => {
    const t = testEngine();
    for (let i = 0; i < 1000; i++) t.run('HSET', 'h', `f${i}`, 'v');
    const seen = new Set<string>();
    let cursor = '0';
    let step = 0;
    do {
      const reply = t.run('HSCAN', 'h', cursor, 'COUNT', '25');
      if (reply.kind !== 'array') throw new Error('no scan reply');
      const [next, batch] = reply.items;
      cursor = next?.kind === 'bulk' ? next.value : '0';
      if (batch?.kind === 'array') {
        for (let i = 0; i < batch.items.length; i += 2) {
          const f = batch.items[i];
          if (f?.kind === 'bulk') seen.add(f.value);
        }
      }
      // Churn: delete some of the first 200 fields, add new ones.
      t.run('HDEL', 'h', `f${step * 3}`);
      t.run('HSET', 'h', `new${step}`, 'v');
      step++;
    } while (cursor !== '0');
    for (let i = 200; i < 1000; i++) expect(seen.has(`f${i}`)).toBe(true);
  });
});
