import { describe, expect, it } from 'vitest';
import {
  elementCount,
  encodingOf,
  memoryUsageOf,
  type SetValue,
} from '../../../src/engine/datatypes/set.ts';
import { SeededRng, dumpKeyspace, restoreKeyspace } from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

function setAt(t: ReturnType<typeof testEngine>, key: string): SetValue {
  const v = t.engine.dbs[0]!.keys.get(key);
  if (v?.type !== 'set') throw new Error(`${key} is not a set`);
  return v;
}

describe('set encodings', () => {
  it('an intset holds up to 512 int64s in ascending order, then becomes a hashtable for good', () => {
    const t = testEngine();
    t.run('SADD', 's', '10', '-3', '9223372036854775807', '-9223372036854775808', '0');
    expect(encodingOf(setAt(t, 's'))).toBe('intset');
    expect(t.cli('SMEMBERS', 's')).toBe(
      '1) "-9223372036854775808"\n2) "-3"\n3) "0"\n4) "10"\n5) "9223372036854775807"',
    );
    for (let i = 0; i < 507; i++) t.run('SADD', 's', String(1000 + i));
    expect(elementCount(setAt(t, 's'))).toBe(512);
    expect(encodingOf(setAt(t, 's'))).toBe('intset');
    t.run('SADD', 's', '5');
    expect(encodingOf(setAt(t, 's'))).toBe('hashtable');
    t.run('SPOP', 's', '10');
    expect(encodingOf(setAt(t, 's'))).toBe('hashtable');
  });

  it('only strict integers qualify: "01", "+1", "-0", " 1" and 2^63 make a hashtable', () => {
    for (const m of ['01', '+1', '-0', ' 1', '9223372036854775808', 'a']) {
      const t = testEngine();
      t.run('SADD', 's', m);
      expect(encodingOf(setAt(t, 's')), m).toBe('hashtable');
    }
  });

  it('a string member converts an intset, and removing it does not convert back', () => {
    const t = testEngine();
    t.run('SADD', 's', '1', '2');
    t.run('SADD', 's', 'x');
    t.run('SREM', 's', 'x');
    expect(encodingOf(setAt(t, 's'))).toBe('hashtable');
  });

  it('SPOP that keeps only a few members rebuilds the set from them', () => {
    const t = testEngine();
    for (let i = 0; i < 600; i++) t.run('SADD', 's', String(i));
    expect(encodingOf(setAt(t, 's'))).toBe('hashtable');
    t.run('SPOP', 's', '595');
    expect(elementCount(setAt(t, 's'))).toBe(5);
    expect(encodingOf(setAt(t, 's'))).toBe('intset');
  });

  it('estimates MEMORY USAGE as Redis 7.0 measures it (value part)', () => {
    const t = testEngine();
    for (let i = 1; i <= 100; i++) t.run('SADD', 'ints', String(i));
    expect(memoryUsageOf(setAt(t, 'ints'))).toBe(272 - 32);
    for (let i = 1; i <= 1000; i++) t.run('SADD', 'strs', `m${i}`);
    expect(memoryUsageOf(setAt(t, 'strs'))).toBe(40296 - 32);
  });

  it('survives a snapshot round trip with its encoding, and refuses an unsorted intset', () => {
    const a = testEngine();
    a.run('SADD', 'ints', '3', '1');
    a.run('SADD', 'strs', 'b', 'a');
    const snap = dumpKeyspace(a.engine);
    const b = testEngine();
    restoreKeyspace(b.engine, JSON.parse(JSON.stringify(snap)) as typeof snap);
    expect(encodingOf(setAt(b, 'ints'))).toBe('intset');
    expect(b.cli('SMEMBERS', 'ints')).toBe('1) "1"\n2) "3"');
    expect(encodingOf(setAt(b, 'strs'))).toBe('hashtable');
    const bad = {
      version: 1,
      dbs: [
        { id: 0, entries: [['s', { type: 'set', encoding: 'intset', members: ['3', '1'] }, null]] },
      ],
    };
    expect(() => restoreKeyspace(b.engine, bad as unknown as typeof snap)).toThrow();
  });

  it('a full SSCAN returns every member that stays while others are added and removed', () => {
    const rng = new SeededRng(7);
    for (let round = 0; round < 5; round++) {
      const t = testEngine();
      for (let i = 0; i < 700; i++) t.run('SADD', 's', `m${i}`);
      const churn = new Set<string>();
      const seen = new Set<string>();
      let cursor = '0';
      let n = 0;
      do {
        const reply = t.run('SSCAN', 's', cursor, 'COUNT', String(1 + Math.floor(rng.next() * 30)));
        if (reply.kind !== 'array') throw new Error('no scan reply');
        const [next, batch] = reply.items;
        cursor = next?.kind === 'bulk' ? next.value : '0';
        if (batch?.kind === 'array')
          for (const m of batch.items) if (m.kind === 'bulk') seen.add(m.value);
        for (let k = 0; k < 5; k++) {
          const victim = `m${Math.floor(rng.next() * 700)}`;
          churn.add(victim);
          t.run('SREM', 's', victim);
          t.run('SADD', 's', `new${n++}`);
        }
      } while (cursor !== '0');
      for (let i = 0; i < 700; i++) {
        if (!churn.has(`m${i}`)) expect(seen.has(`m${i}`), `m${i}`).toBe(true);
      }
    }
  });

  it('SRANDMEMBER and SPOP draw from the engine rng', () => {
    const t = testEngine();
    for (let i = 0; i < 50; i++) t.run('SADD', 's', `m${i}`);
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const r = t.run('SRANDMEMBER', 's');
      if (r.kind === 'bulk') counts.set(r.value, (counts.get(r.value) ?? 0) + 1);
    }
    expect(counts.size).toBe(50);
    for (const c of counts.values()) expect(c).toBeGreaterThan(40);
  });
});
