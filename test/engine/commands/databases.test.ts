import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/engine/index.ts';
import { testEngine } from '../../helpers/engine.ts';

function scanAll(run: (...argv: string[]) => Reply, ...options: string[]): string[] {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const reply = run('SCAN', cursor, ...options);
    if (reply.kind !== 'array') throw new Error('SCAN failed');
    const [next, page] = reply.items;
    cursor = next?.kind === 'bulk' ? next.value : '0';
    if (page?.kind === 'array')
      for (const k of page.items) if (k.kind === 'bulk') keys.push(k.value);
  } while (cursor !== '0');
  return keys;
}

describe('database commands', () => {
  it('SELECT switches the session database; other sessions stay where they are', () => {
    const { engine, cli } = testEngine();
    cli('SET', 'k', 'zero');
    expect(cli('SELECT', '3')).toBe('OK');
    expect(cli('GET', 'k')).toBe('(nil)');
    const other = engine.createSession();
    expect(engine.execute(other, ['GET', 'k'])).toEqual({ kind: 'bulk', value: 'zero' });
    expect(cli('SELECT', '16')).toBe('(error) ERR DB index is out of range');
  });

  it('SWAPDB exchanges contents, TTLs and scan order under connected clients', () => {
    const { cli, clock } = testEngine();
    cli('SET', 'a', '1', 'EX', '10');
    cli('SELECT', '1');
    cli('SET', 'b', '2');
    expect(cli('SWAPDB', '0', '1')).toBe('OK');
    expect(cli('GET', 'a')).toBe('"1"');
    expect(cli('SCAN', '0')).toBe('1) "0"\n2) 1) "a"');
    clock.advanceMs(10_001);
    expect(cli('GET', 'a')).toBe('(nil)');
    cli('SELECT', '0');
    expect(cli('KEYS', '*')).toBe('1) "b"');
  });

  it('MOVE and COPY carry the TTL; COPY makes an independent value', () => {
    const { cli } = testEngine();
    cli('SET', 'k', 'v', 'EX', '100');
    expect(cli('COPY', 'k', 'c')).toBe('(integer) 1');
    cli('APPEND', 'c', '!');
    expect(cli('GET', 'k')).toBe('"v"');
    expect(cli('TTL', 'c')).toBe('(integer) 100');
    expect(cli('MOVE', 'k', '2')).toBe('(integer) 1');
    cli('SELECT', '2');
    expect(cli('TTL', 'k')).toBe('(integer) 100');
  });

  it('RANDOMKEY deletes expired keys it draws and returns a live one', () => {
    const { cli, clock, engine } = testEngine();
    for (let i = 0; i < 20; i++) cli('SET', `old${i}`, 'x', 'PX', '10');
    cli('SET', 'live', 'x');
    clock.advanceMs(11);
    expect(cli('RANDOMKEY')).toBe('"live"');
    for (let i = 0; i < 20; i++) expect(cli('RANDOMKEY')).toBe('"live"');
    cli('DEL', 'live');
    expect(cli('RANDOMKEY')).toBe('(nil)');
    expect(engine.dbs[0]!.size).toBe(0);
  });

  it('SCAN skips expired keys, filters by MATCH and TYPE, and sees every stable key', () => {
    const { run, cli, clock } = testEngine();
    for (let i = 0; i < 50; i++) cli('SET', `user:${i}`, 'x');
    for (let i = 0; i < 10; i++) cli('SET', `tmp:${i}`, 'x', 'PX', '5');
    clock.advanceMs(6);
    const all = scanAll(run, 'COUNT', '3');
    expect(all.length).toBe(50);
    expect(new Set(all).size).toBe(50);
    expect(scanAll(run, 'MATCH', 'user:1*').sort()).toEqual(
      ['user:1', ...Array.from({ length: 10 }, (_, i) => `user:1${i}`)].sort(),
    );
    expect(scanAll(run, 'TYPE', 'hash')).toEqual([]);
    expect(scanAll(run, 'TYPE', 'String').length).toBe(50);
    expect(cli('SCAN', '0', 'COUNT', '0')).toBe('(error) ERR syntax error');
    expect(cli('SCAN', 'abc')).toBe('(error) ERR invalid cursor');
  });

  it('SCAN follows keys added and removed after the first scan, and after a flush', () => {
    const { run, cli } = testEngine();
    cli('MSET', 'a', '1', 'b', '2');
    expect(scanAll(run).sort()).toEqual(['a', 'b']);
    cli('DEL', 'a');
    cli('SET', 'c', '3');
    expect(scanAll(run).sort()).toEqual(['b', 'c']);
    cli('FLUSHDB');
    expect(scanAll(run)).toEqual([]);
    cli('SET', 'd', '4');
    expect(scanAll(run)).toEqual(['d']);
    expect(cli('RANDOMKEY')).toBe('"d"');
  });

  it('FLUSHALL empties every database and counts the removed keys as changes', () => {
    const { cli, engine } = testEngine();
    cli('SET', 'a', '1');
    cli('SELECT', '9');
    cli('MSET', 'b', '2', 'c', '3');
    const before = engine.dirty;
    expect(cli('FLUSHALL', 'ASYNC')).toBe('OK');
    expect(engine.dirty - before).toBe(3);
    expect(engine.dbs.every((db) => db.size === 0)).toBe(true);
  });
});
