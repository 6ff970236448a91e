import { describe, expect, it } from 'vitest';
import { dumpKeyspace, restoreKeyspace, type KeyspaceSnapshot } from '../../src/engine/index.ts';
import { testEngine } from '../helpers/engine.ts';

describe('keyspace snapshots', () => {
  it('survive a JSON round trip with values, bytes and TTLs intact', () => {
    const first = testEngine();
    first.run('SET', 'greeting', 'hello');
    first.run('SET', 'bytes', '\x00\xff\r\n');
    first.run('SET', 'session', 'x', 'EX', '60');
    const json = JSON.stringify(dumpKeyspace(first.engine));

    const second = testEngine();
    restoreKeyspace(second.engine, JSON.parse(json) as KeyspaceSnapshot);
    expect(second.cli('GET', 'greeting')).toBe('"hello"');
    expect(second.cli('GET', 'bytes')).toBe('"\\x00\\xff\\r\\n"');
    expect(second.cli('TTL', 'session')).toBe('(integer) 60');
  });

  it('rejects a malformed snapshot instead of loading half of it', () => {
    const { engine } = testEngine();
    expect(() => restoreKeyspace(engine, { version: 1, dbs: [{ id: 99, entries: [] }] })).toThrow(
      /database 99/,
    );
  });
});
