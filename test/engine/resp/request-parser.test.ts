import { describe, expect, it } from 'vitest';
import { RequestParser, isProtocolError } from '../../../src/engine/index.ts';

type Item = string[] | string;

/** Feeds the chunks and collects commands (argv) and protocol errors (their message). */
function parse(...chunks: string[]): Item[] {
  const parser = new RequestParser();
  const out: Item[] = [];
  for (const chunk of chunks) {
    parser.feed(chunk);
    for (let r = parser.next(); r !== undefined; r = parser.next()) {
      if (isProtocolError(r)) {
        out.push(r.protocolError);
        return out;
      }
      out.push(r);
    }
  }
  return out;
}

const INPUTS: [string, Item[]][] = [
  ['*1\r\n$4\r\nPING\r\n', [['PING']]],
  [
    '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nv\r\nxy\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n',
    [
      ['SET', 'k', 'v\r\nxy'],
      ['GET', 'k'],
    ],
  ],
  ['*2\r\n$0\r\n\r\n$3\r\n\x00\xff\x80\r\n', [['', '\x00\xff\x80']]],
  ['PING\r\nSET a "b c"\nECHO \'x y\'\r\n', [['PING'], ['SET', 'a', 'b c'], ['ECHO', 'x y']]],
  ['\r\n*0\r\n*-1\r\n   \r\nPING\r\n', [['PING']]],
  ['*1\r\n$4\r\nPING\r\n*abc\r\n', [['PING'], 'ERR Protocol error: invalid multibulk length']],
];

describe('the request parser', () => {
  it('reads multibulk and inline commands whole', () => {
    for (const [input, expected] of INPUTS)
      expect(parse(input), JSON.stringify(input)).toEqual(expected);
  });

  it('gives the same commands whatever byte the input is split at', () => {
    for (const [input, expected] of INPUTS) {
      for (let at = 0; at <= input.length; at++) {
        expect(parse(input.slice(0, at), input.slice(at)), `split at ${at}`).toEqual(expected);
      }
      expect(parse(...input.split('')), 'one byte at a time').toEqual(expected);
    }
  });

  it('answers malformed requests with the protocol errors of Redis', () => {
    const cases: [string, string][] = [
      ['*abc\r\n', 'ERR Protocol error: invalid multibulk length'],
      ['*01\r\n', 'ERR Protocol error: invalid multibulk length'],
      ['*3000000000\r\n', 'ERR Protocol error: invalid multibulk length'],
      ['*1\r\nfoo\r\n', "ERR Protocol error: expected '$', got 'f'"],
      ['*1\r\n\r\n', "ERR Protocol error: expected '$', got ' '"],
      ['*1\r\n$abc\r\n', 'ERR Protocol error: invalid bulk length'],
      ['*1\r\n$-1\r\n', 'ERR Protocol error: invalid bulk length'],
      ['*1\r\n$536870913\r\n', 'ERR Protocol error: invalid bulk length'],
      ['SET a "b\r\n', 'ERR Protocol error: unbalanced quotes in request'],
      ["SET a 'b'c\r\n", 'ERR Protocol error: unbalanced quotes in request'],
      ['x'.repeat(64 * 1024 + 1), 'ERR Protocol error: too big inline request'],
      ['*' + '1'.repeat(64 * 1024 + 1), 'ERR Protocol error: too big mbulk count string'],
      ['*1\r\n$' + '1'.repeat(64 * 1024 + 1), 'ERR Protocol error: too big bulk count string'],
    ];
    for (const [input, message] of cases)
      expect(parse(input), JSON.stringify(input)).toEqual([message]);
  });

  it('stays broken after a protocol error, as the connection is about to close', () => {
    const parser = new RequestParser();
    parser.feed('*x\r\n');
    expect(parser.next()).toEqual({
      protocolError: 'ERR Protocol error: invalid multibulk length',
    });
    parser.feed('*1\r\n$4\r\nPING\r\n');
    expect(isProtocolError(parser.next()!)).toBe(true);
  });

  it('waits for a large value arriving in many chunks and returns it intact', () => {
    const value = 'v'.repeat(1_000_000);
    const input = `*2\r\n$3\r\nGET\r\n$${value.length}\r\n${value}\r\n`;
    const parser = new RequestParser();
    for (let i = 0; i < input.length; i += 4096) {
      parser.feed(input.slice(i, i + 4096));
      const r = parser.next();
      if (i + 4096 < input.length) expect(r).toBeUndefined();
      else expect(r).toEqual(['GET', value]);
    }
  });
});
