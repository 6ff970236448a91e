import { describe, expect, it } from 'vitest';
import { rewriteForReplicas } from '../../../src/sim/replication/rewrite.ts';
import { createScene } from '../../../src/sim/scenes/index.ts';
import { fromSeconds } from '../../../src/sim/core/clock.ts';
import type { World } from '../../../src/sim/world/world.ts';

const NOW = 1_795_878_569_754;

describe('writes as a 7.0 master sends them to its replicas', () => {
  it('expiries become absolute milliseconds, as a real replica MONITOR shows', () => {
    const r = (...argv: string[]): readonly string[] => rewriteForReplicas(argv, NOW);
    expect(r('SET', 'a', '1', 'EX', '100')).toEqual([
      'SET',
      'a',
      '1',
      'PXAT',
      String(NOW + 100_000),
    ]);
    expect(r('SET', 'g', '1', 'GET', 'EX', '10')).toEqual([
      'SET',
      'g',
      '1',
      'PXAT',
      String(NOW + 10_000),
    ]);
    expect(r('SET', 'e', '1', 'EXAT', '1795879569')).toEqual([
      'SET',
      'e',
      '1',
      'PXAT',
      '1795879569000',
    ]);
    expect(r('SET', 'e2', '1', 'PXAT', '1795879569000')).toEqual([
      'SET',
      'e2',
      '1',
      'PXAT',
      '1795879569000',
    ]);
    expect(r('SETEX', 'b', '100', '1')).toEqual(['SET', 'b', '1', 'PXAT', String(NOW + 100_000)]);
    expect(r('PSETEX', 'c', '100000', '1')).toEqual([
      'SET',
      'c',
      '1',
      'PXAT',
      String(NOW + 100_000),
    ]);
    expect(r('EXPIRE', 'a', '50')).toEqual(['PEXPIREAT', 'a', String(NOW + 50_000)]);
    expect(r('PEXPIRE', 'a', '50000')).toEqual(['PEXPIREAT', 'a', String(NOW + 50_000)]);
    expect(r('EXPIREAT', 'a', '1795879569')).toEqual(['PEXPIREAT', 'a', '1795879569000']);
    expect(r('EXPIRE', 'a', '100', 'NX')).toEqual(['PEXPIREAT', 'a', String(NOW + 100_000), 'NX']);
    expect(r('EXPIRE', 'k', '-1')).toEqual(['DEL', 'k']);
    expect(r('GETEX', 'a', 'EX', '30')).toEqual(['PEXPIREAT', 'a', String(NOW + 30_000)]);
    expect(r('GETEX', 'a', 'PERSIST')).toEqual(['PERSIST', 'a']);
    expect(r('SET', 'p', '1', 'KEEPTTL')).toEqual(['SET', 'p', '1', 'KEEPTTL']);
    expect(r('INCR', 'n')).toEqual(['INCR', 'n']);
  });
});

/** Sends one command to a node as a client would (the reply goes nowhere). */
function send(world: World, node: string, argv: string[]): void {
  world.node(node).receive({ kind: 'request', from: 'test', to: node, req: 0, argv });
}

describe('replicas apply what the master sent', () => {
  it('an expiry set on the master ends at the same instant on a replica that applies it later', () => {
    const w = createScene('replication', 1, { cutAt: '20', cutFor: '10', rate: '10' }).world;
    w.runUntil(fromSeconds(21)); // redis-3 is cut off
    send(w, 'redis-1', ['SET', 'session', 'x', 'EX', '100']);
    send(w, 'redis-1', ['SET', 'k:ttl', 'y']);
    send(w, 'redis-1', ['EXPIRE', 'k:ttl', '50']);
    w.runUntil(fromSeconds(33)); // healed at 30 s: redis-3 catches up from the backlog
    const at = (node: string, key: string): number | undefined =>
      w.node(node).engine.dbs[0]!.expires.get(key);
    const expected = at('redis-1', 'session');
    expect(expected).toBeDefined();
    expect(at('redis-3', 'session')).toBe(expected);
    expect(at('redis-2', 'session')).toBe(expected);
    expect(at('redis-1', 'k:ttl')).toBeDefined();
    expect(at('redis-3', 'k:ttl')).toBe(at('redis-1', 'k:ttl'));
  });

  it('a transaction reaches the replicas whole', () => {
    const w = createScene('replication', 1, { cutFor: '0', rate: '10' }).world;
    w.runUntil(fromSeconds(8));
    for (const argv of [['MULTI'], ['SET', 'm1', '1'], ['INCR', 'm2'], ['GET', 'm1'], ['EXEC']]) {
      send(w, 'redis-1', argv);
    }
    w.runUntil(fromSeconds(9));
    const db = w.node('redis-2').engine.dbs[0]!;
    expect(db.keys.has('m1')).toBe(true);
    expect(db.keys.has('m2')).toBe(true);
  });
});
