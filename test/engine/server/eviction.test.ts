import { describe, expect, it } from 'vitest';
import { dumpKeyspace, restoreKeyspace } from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

/** INFO's text, as the bulk reply carries it. */
function info(t: ReturnType<typeof testEngine>, section: string): string {
  const reply = t.run('INFO', section);
  return reply.kind === 'verbatim' || reply.kind === 'bulk' ? reply.value : '';
}

/** An engine holding `count` keys k0..k(n-1), created one second apart. */
function filled(count: number, policy: string, ttlEvery = 0) {
  const t = testEngine();
  for (let i = 0; i < count; i++) {
    if (ttlEvery > 0 && i % ttlEvery === 0) t.run('SET', `k${i}`, 'v'.repeat(20), 'EX', '100000');
    else t.run('SET', `k${i}`, 'v'.repeat(20));
    t.clock.advanceMs(1000);
  }
  t.run('CONFIG', 'SET', 'maxmemory-policy', policy);
  // The limit is what is used now: every new key must push another one out.
  t.run('CONFIG', 'SET', 'maxmemory', String(t.engine.usedMemory()));
  return t;
}

function survivors(t: ReturnType<typeof testEngine>, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (t.engine.dbs[0]!.keys.has(`k${i}`)) n++;
  return n;
}

describe('maxmemory eviction', () => {
  it('noeviction refuses writes that may grow memory, still serves reads and deletes', () => {
    const t = filled(10, 'noeviction');
    t.run('CONFIG', 'SET', 'maxmemory', '1');
    expect(t.cli('SET', 'new', 'x')).toBe(
      "(error) OOM command not allowed when used memory > 'maxmemory'.",
    );
    expect(t.cli('GET', 'k1')).toBe(`"${'v'.repeat(20)}"`);
    expect(t.cli('DEL', 'k1')).toBe('(integer) 1');
    expect(info(t, 'stats')).toContain('evicted_keys:0');
  });

  it('allkeys-lru evicts the keys nobody read recently', () => {
    const t = filled(600, 'allkeys-lru');
    t.clock.advanceMs(5000);
    // Read the older half: now the newer half is the least recently used.
    for (let i = 0; i < 300; i++) t.run('GET', `k${i}`);
    t.clock.advanceMs(5000);
    for (let i = 0; i < 100; i++) t.run('SET', `new${i}`, 'v'.repeat(20));
    const evicted = 700 - t.engine.dbs[0]!.size;
    expect(evicted).toBeGreaterThanOrEqual(90);
    const coldLost = 300 - survivors(t, 300, 600);
    const hotLost = 300 - survivors(t, 0, 300);
    expect(coldLost).toBeGreaterThan(hotLost * 5);
    expect(info(t, 'stats')).toMatch(/evicted_keys:(\d+)/);
  });

  it('allkeys-lfu keeps frequently read keys and evicts rarely read ones', () => {
    const t = filled(400, 'allkeys-lfu');
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 100; i++) t.run('GET', `k${i}`);
    }
    expect(Number(t.cli('OBJECT', 'FREQ', 'k0').replace('(integer) ', ''))).toBeGreaterThan(5);
    for (let i = 0; i < 100; i++) t.run('SET', `new${i}`, 'v'.repeat(20));
    expect(survivors(t, 0, 100)).toBe(100);
    expect(t.engine.dbs[0]!.size).toBeLessThan(500);
  });

  it('volatile-lru only evicts keys with a TTL, then refuses writes', () => {
    const t = filled(300, 'volatile-lru', 3);
    for (let i = 0; i < 150; i++) t.run('SET', `new${i}`, 'v'.repeat(20));
    for (let i = 0; i < 300; i++) {
      if (i % 3 !== 0) expect(t.engine.dbs[0]!.keys.has(`k${i}`)).toBe(true);
    }
    expect(t.engine.dbs[0]!.expires.size).toBe(0);
    expect(t.cli('SET', 'one-more', 'x')).toContain('OOM command not allowed');
  });

  it('volatile-ttl evicts the keys closest to expiring first', () => {
    const t = testEngine();
    for (let i = 0; i < 200; i++) t.run('SET', `k${i}`, 'v'.repeat(20), 'EX', String(1000 + i));
    t.run('CONFIG', 'SET', 'maxmemory-policy', 'volatile-ttl');
    t.run('CONFIG', 'SET', 'maxmemory', String(t.engine.usedMemory()));
    for (let i = 0; i < 40; i++) t.run('SET', `new${i}`, 'v'.repeat(20));
    const lostEarly = 100 - survivors(t, 0, 100);
    const lostLate = 100 - survivors(t, 100, 200);
    expect(lostEarly).toBeGreaterThan(lostLate * 3);
  });

  it('random policies evict something and volatile-random spares keys without TTL', () => {
    const all = filled(200, 'allkeys-random');
    for (let i = 0; i < 30; i++) all.run('SET', `new${i}`, 'v'.repeat(20));
    expect(all.engine.dbs[0]!.size).toBeLessThan(230);
    all.run('PING'); // evictions run before each command, so the last write is freed by the next
    expect(all.engine.usedMemory()).toBeLessThanOrEqual(all.engine.config.maxmemory);

    const vol = filled(200, 'volatile-random', 2);
    for (let i = 0; i < 30; i++) vol.run('SET', `new${i}`, 'v'.repeat(20));
    for (let i = 1; i < 200; i += 2) expect(vol.engine.dbs[0]!.keys.has(`k${i}`)).toBe(true);
    expect(vol.engine.dbs[0]!.expires.size).toBeLessThan(100);
  });

  it('lowering maxmemory below used memory evicts at once', () => {
    const t = filled(100, 'allkeys-lru');
    const before = t.engine.usedMemory();
    t.run('CONFIG', 'SET', 'maxmemory', String(before - 2000));
    expect(t.engine.usedMemory()).toBeLessThanOrEqual(before - 2000);
    expect(t.engine.tracker.evictedKeys).toBeGreaterThan(0);
  });
});

describe('memory accounting', () => {
  it('used_memory grows with SET and shrinks back with DEL', () => {
    const t = testEngine();
    const idle = t.engine.usedMemory();
    expect(idle).toBeGreaterThan(800_000);
    t.run('SET', 'k', 'x'.repeat(1000));
    expect(t.engine.usedMemory() - idle).toBeGreaterThan(1000);
    t.run('DEL', 'k');
    expect(t.engine.usedMemory()).toBe(idle);
    expect(info(t, 'memory')).toContain(`used_memory:${idle}\r\n`);
  });

  it('MEMORY USAGE matches redis 7.0 for strings of every encoding', () => {
    const t = testEngine();
    const cases: [string, string, number][] = [
      ['k', 'hello', 64],
      ['k', '12345', 48],
      ['k', 'a'.repeat(44), 96],
      ['k', 'a'.repeat(45), 112],
      ['k', 'a'.repeat(300), 368],
      ['k', 'a'.repeat(70000), 81968],
      ['b'.repeat(40), 'x', 104],
    ];
    for (const [key, value, usage] of cases) {
      t.run('SET', key, value);
      expect(t.cli('MEMORY', 'USAGE', key)).toBe(`(integer) ${usage}`);
    }
  });
});

describe('memory accounting across whole-keyspace changes', () => {
  it('FLUSHDB and a snapshot restore keep used_memory right', () => {
    const t = testEngine();
    const idle = t.engine.usedMemory();
    for (let i = 0; i < 50; i++) t.run('SET', `k${i}`, 'x'.repeat(100));
    const full = t.engine.usedMemory();
    const snapshot = dumpKeyspace(t.engine);
    t.run('FLUSHDB');
    expect(t.engine.usedMemory()).toBe(idle);
    restoreKeyspace(t.engine, snapshot);
    expect(t.engine.usedMemory()).toBe(full);
  });
});
