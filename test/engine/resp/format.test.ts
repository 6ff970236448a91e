import { describe, expect, it } from 'vitest';
import { formatReply, formatReplyRaw, quoteBytes } from '../../../src/engine/index.ts';
import type { Reply } from '../../../src/engine/index.ts';

const bulk = (value: string): Reply => ({ kind: 'bulk', value });
const int = (value: number): Reply => ({ kind: 'integer', value });
const arr = (...items: Reply[]): Reply => ({ kind: 'array', items });

describe('formatReply prints like redis-cli in a terminal', () => {
  it('prints each simple reply type', () => {
    expect(formatReply({ kind: 'status', value: 'OK' })).toBe('OK');
    expect(formatReply(int(1))).toBe('(integer) 1');
    expect(formatReply(bulk('hello'))).toBe('"hello"');
    expect(formatReply({ kind: 'null' })).toBe('(nil)');
    expect(formatReply({ kind: 'nullArray' })).toBe('(nil)');
    expect(formatReply({ kind: 'error', message: 'ERR syntax error' })).toBe(
      '(error) ERR syntax error',
    );
    expect(formatReply(arr())).toBe('(empty array)');
  });

  it('numbers arrays and indents nested ones under their number', () => {
    const nested = arr(int(1), arr(int(2), bulk('x')), arr());
    expect(formatReply(nested)).toBe(
      ['1) (integer) 1', '2) 1) (integer) 2', '   2) "x"', '3) (empty array)'].join('\n'),
    );
  });

  it('right-aligns indexes to the widest one', () => {
    const eleven = arr(...Array.from({ length: 11 }, (_, i) => int(i)));
    const lines = formatReply(eleven).split('\n');
    expect(lines[0]).toBe(' 1) (integer) 0');
    expect(lines[10]).toBe('11) (integer) 10');
  });

  it('quotes bytes like sdscatrepr: C escapes and lower-case \\x for the rest', () => {
    expect(quoteBytes('a"b\\c\n\r\t\x07\x08')).toBe('"a\\"b\\\\c\\n\\r\\t\\a\\b"');
    expect(quoteBytes('\x00\x7f\xff')).toBe('"\\x00\\x7f\\xff"');
    // "한" is three UTF-8 bytes, which redis-cli shows escaped.
    expect(quoteBytes('\xed\x95\x9c')).toBe('"\\xed\\x95\\x9c"');
  });

  it('shapes RESP3 types the RESP2 way on a RESP2 connection', () => {
    const map: Reply = { kind: 'map', entries: [[bulk('a'), int(1)]] };
    expect(formatReply(map, 2)).toBe('1) "a"\n2) (integer) 1');
    expect(formatReply(map, 3)).toBe('1# "a" => (integer) 1');
    expect(formatReply({ kind: 'double', value: 1.5 }, 2)).toBe('"1.5"');
    expect(formatReply({ kind: 'double', value: 1.5 }, 3)).toBe('(double) 1.5');
    expect(formatReply({ kind: 'boolean', value: true }, 2)).toBe('(integer) 1');
    expect(formatReply({ kind: 'boolean', value: false }, 3)).toBe('(false)');
    expect(formatReply({ kind: 'set', items: [bulk('m')] }, 3)).toBe('1~ "m"');
    expect(formatReply({ kind: 'map', entries: [] }, 3)).toBe('(empty hash)');
  });

  it('prints a map value that spans lines on its own line, as redis-cli 7.0 does', () => {
    const map: Reply = { kind: 'map', entries: [[bulk('k'), arr(int(1), int(2))]] };
    expect(formatReply(map, 3)).toBe('1# "k" => \n   1) (integer) 1\n   2) (integer) 2');
  });

  it('prints raw output for INFO-like replies', () => {
    expect(formatReplyRaw(bulk('# Server\r\nredis_version:7.0.15\r\n'))).toBe(
      '# Server\r\nredis_version:7.0.15\r\n',
    );
  });
});
