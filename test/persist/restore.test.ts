import { describe, expect, it } from 'vitest';
import { restoreConsoleRecord } from '../../src/persist/restore.ts';

const valid = {
  version: 1,
  history: ['SET a 1'],
  transcript: [{ input: 'SET a 1', output: 'OK', kind: 'reply', db: 0 }],
  keyspace: {
    version: 1,
    dbs: [{ id: 0, entries: [['a', { type: 'string', value: '1' }, null]] }],
  },
};

describe('restoreConsoleRecord trusts nothing it reads', () => {
  it('accepts a well-formed record', () => {
    const result = restoreConsoleRecord(structuredClone(valid));
    expect(result.ok).toBe(true);
  });

  it.each([
    ['not an object', 'hello', /not an object/],
    ['a record from a newer build', { ...valid, version: 2 }, /version 2/],
    ['a history with a number in it', { ...valid, history: ['a', 3] }, /history/],
    ['a transcript entry without output', { ...valid, transcript: [{ input: 'x' }] }, /transcript/],
    [
      'a keyspace entry with a bad expire',
      {
        ...valid,
        keyspace: {
          version: 1,
          dbs: [{ id: 0, entries: [['a', { type: 'string', value: '1' }, 'soon']] }],
        },
      },
      /keyspace/,
    ],
  ])('rejects %s with a reason', (_name, raw, reason) => {
    const result = restoreConsoleRecord(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
