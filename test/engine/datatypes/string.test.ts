import { describe, expect, it } from 'vitest';
import {
  cloneValue,
  elementCount,
  encodingOf,
  memoryUsage,
  memoryUsageOf,
} from '../../../src/engine/keyspace/value-ops.ts';
import { StringEncoding, stringValue } from '../../../src/engine/keyspace/values.ts';
import { mallocSize } from '../../../src/engine/memory/alloc.ts';
import { testEngine } from '../../helpers/engine.ts';

describe('string encodings and sizes', () => {
  it('SET picks int, embstr (up to 44 bytes) or raw; in-place edits make raw', () => {
    const { run, engine } = testEngine();
    run('SET', 'i', '-42');
    run('SET', 'e', 'x'.repeat(44));
    run('SET', 'r', 'x'.repeat(45));
    run('SET', 'a', 'abc');
    run('APPEND', 'a', 'd');
    run('INCRBYFLOAT', 'f', '3');
    run('SETBIT', 'b', '1', '1');
    const enc = (k: string) => encodingOf(engine.dbs[0]!.keys.get(k)!);
    expect([enc('i'), enc('e'), enc('r'), enc('a'), enc('f'), enc('b')]).toEqual([
      'int',
      'embstr',
      'raw',
      'raw',
      'embstr',
      'raw',
    ]);
  });

  it('MEMORY USAGE estimates match redis-server 7.0.15 for a key named "k"', () => {
    // Measured: int 48, "abc" 64, 44 bytes 96, 45 bytes 112, 100 bytes 160, 1000 bytes 1072.
    const cases: [string, number][] = [
      ['12345', 48],
      ['abc', 64],
      ['x'.repeat(44), 96],
      ['x'.repeat(45), 112],
      ['x'.repeat(100), 160],
      ['x'.repeat(1000), 1072],
    ];
    for (const [value, bytes] of cases) expect(memoryUsage('k', stringValue(value))).toBe(bytes);
    expect(memoryUsage('k'.repeat(25), stringValue('1'))).toBe(72);
  });

  it('clones keep the bytes and the encoding but not the object', () => {
    const v = stringValue('abc', StringEncoding.Raw);
    const c = cloneValue(v);
    expect(c).not.toBe(v);
    expect(c).toEqual(v);
    expect(elementCount(v)).toBe(1);
    expect(memoryUsageOf(stringValue('7'))).toBe(16);
  });

  it('jemalloc size classes', () => {
    expect([1, 8, 9, 23, 128, 129, 160, 161, 1006, 5000].map(mallocSize)).toEqual([
      8, 8, 16, 32, 128, 160, 160, 192, 1024, 5120,
    ]);
  });
});
