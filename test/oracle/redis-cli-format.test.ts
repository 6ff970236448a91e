import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReply, splitArgs } from '../../src/engine/index.ts';
import { testEngine } from '../helpers/engine.ts';
import { RealRedis } from '../helpers/real-redis.ts';

let server: RealRedis;

beforeAll(async () => {
  server = await RealRedis.start();
});

afterAll(() => server?.stop());

/**
 * What the real redis-cli prints for one line typed into it: the line goes through its own
 * argument splitter, the reply through its terminal formatter (--no-raw).
 */
function realCli(line: string): string {
  const out = execFileSync('redis-cli', ['--no-raw', '-p', String(server.port)], {
    input: Buffer.from(line + '\n', 'latin1'),
    encoding: 'latin1',
  });
  return out.replace(/\n$/, '');
}

describe('the console splits and prints exactly as the real redis-cli does', () => {
  const script: string[] = [
    'SET greeting hello',
    'GET greeting',
    'GET missing',
    'SET bytes "\\x00\\x01\\xff\\"\\\\\\n\\t"',
    'GET bytes',
    "SET single 'it\\'s \\n literal'",
    'GET single',
    'SET hangul "\\xed\\x95\\x9c\\xea\\xb8\\x80"',
    'GET hangul',
    'SET spaced "hello   world"',
    'GET spaced',
    'MSET a 1 b 2 c 3 d 4 e 5 f 6 g 7 h 8',
    'MGET a b c d e f g h missing greeting',
    'MGET missing',
    'INCR a',
    'INCR greeting',
    'GET',
    'KEYS nothing*',
    'NOSUCH x "y z"',
  ];

  it('for strings, integers, nils, errors, bytes, quotes and long arrays', () => {
    const { engine, session, clock } = testEngine();
    for (const line of script) {
      const expected = realCli(line);
      const argv = splitArgs(line);
      expect(argv, line).not.toBeNull();
      clock.set(Date.now() * 1000);
      expect(formatReply(engine.execute(session, argv!)!), line).toBe(expected);
    }
  });
});
