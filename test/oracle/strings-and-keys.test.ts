import { describe, it } from 'vitest';
import { SeededRng } from '../../src/engine/index.ts';
import { withRealRedis } from '../helpers/real-redis.ts';
import { Oracle, type Compare } from './oracle.ts';

const redis = withRealRedis();

describe('the engine answers like redis-server 7.0 (strings and keys)', () => {
  const cases: [string, string[][]][] = [
    [
      'SET and GET, with every option',
      [
        ['SET', 'k', 'v'],
        ['GET', 'k'],
        ['GET', 'missing'],
        ['SET', 'k', 'v2', 'NX'],
        ['SET', 'k', 'v3', 'XX'],
        ['SET', 'new', 'v', 'XX'],
        ['SET', 'k', 'v4', 'GET'],
        ['SET', 'k2', 'x', 'NX', 'GET'],
        ['SET', 'k', 'v', 'NX', 'XX'],
        ['SET', 'k', 'v', 'EX', '10', 'PX', '100'],
        ['SET', 'k', 'v', 'EX', '0'],
        ['SET', 'k', 'v', 'EX', '-1'],
        ['SET', 'k', 'v', 'PX', 'abc'],
        ['SET', 'k', 'v', 'EX'],
        ['SET', 'k', 'v', 'KEEPTTL', 'EX', '5'],
        ['SET', 'k', 'v', 'EX', '100'],
        ['TTL', 'k'],
        ['SET', 'k', 'v', 'KEEPTTL'],
        ['TTL', 'k'],
        ['SET', 'k', 'v'],
        ['TTL', 'k'],
        ['SET', 'k', 'v', 'EX', '9223372036854775807'],
        ['SET', 'k', 'v', 'EXAT', '1'],
        ['GET', 'k'],
        ['SET', 'k', 'v', 'bogus'],
        ['set'],
        ['GET'],
        ['GET', 'a', 'b'],
      ],
    ],
    [
      'counters at the edge of int64',
      [
        ['INCR', 'c'],
        ['INCRBY', 'c', '10'],
        ['DECR', 'c'],
        ['DECRBY', 'c', '-5'],
        ['SET', 'c', '9223372036854775806'],
        ['INCR', 'c'],
        ['INCR', 'c'],
        ['SET', 'c', '-9223372036854775808'],
        ['DECR', 'c'],
        ['DECRBY', 'c', '-9223372036854775808'],
        ['SET', 'c', '0'],
        ['DECRBY', 'c', '-9223372036854775808'],
        ['SET', 'c', ' 1'],
        ['INCR', 'c'],
        ['SET', 'c', '01'],
        ['INCR', 'c'],
        ['SET', 'c', '1.5'],
        ['INCR', 'c'],
        ['INCRBY', 'c', 'x'],
        ['INCRBY', 'n', '99999999999999999999'],
        ['SET', 'c', '-0'],
        ['INCR', 'c'],
      ],
    ],
    [
      'APPEND, STRLEN, MSET, MGET',
      [
        ['APPEND', 'a', 'hello'],
        ['APPEND', 'a', ' world'],
        ['STRLEN', 'a'],
        ['STRLEN', 'nope'],
        ['MSET', 'x', '1', 'y', '2'],
        ['MSET', 'x', '1', 'y'],
        ['MGET', 'x', 'y', 'nope'],
        ['MSETNX', 'x', '3', 'z', '4'],
        ['MSETNX', 'p', '3', 'q', '4'],
        ['MGET', 'p', 'q'],
      ],
    ],
    [
      'keys, expiry and types',
      [
        ['MSET', 'user:1', 'a', 'user:2', 'b', 'item:1', 'c'],
        ['EXISTS', 'user:1', 'user:1', 'nope'],
        ['TYPE', 'user:1'],
        ['TYPE', 'nope'],
        ['DBSIZE'],
        ['EXPIRE', 'user:1', '100'],
        ['TTL', 'user:1'],
        ['TTL', 'user:2'],
        ['TTL', 'nope'],
        ['EXPIRE', 'user:1', '200', 'NX'],
        ['EXPIRE', 'user:1', '200', 'XX'],
        ['EXPIRE', 'user:1', '50', 'GT'],
        ['EXPIRE', 'user:1', '50', 'LT'],
        ['EXPIRE', 'user:2', '50', 'GT'],
        ['EXPIRE', 'user:2', '50', 'LT'],
        ['EXPIRE', 'user:1', '5', 'NX', 'XX'],
        ['EXPIRE', 'user:1', '5', 'GT', 'LT'],
        ['EXPIRE', 'user:1', '5', 'FOO'],
        ['EXPIRE', 'user:1', 'abc'],
        ['EXPIRE', 'user:1', '9223372036854775807'],
        ['EXPIRE', 'nope', '10'],
        ['EXPIRE', 'item:1', '-1'],
        ['EXISTS', 'item:1'],
        ['DEL', 'user:1', 'user:2', 'nope'],
        ['DBSIZE'],
        ['FLUSHDB', 'ASYNC'],
        ['FLUSHDB', 'wrong'],
        ['FLUSHDB', 'SYNC', 'x'],
        ['DBSIZE'],
      ],
    ],
    [
      'connection and unknown commands',
      [
        ['PING'],
        ['PING', 'hi'],
        ['PING', 'a', 'b'],
        ['ECHO', 'hello world'],
        ['ECHO'],
        ['NOSUCH'],
        ['nosuch', 'a', 'b c'],
        ['foo', 'x\r\ny'],
        ['foo', 'a'.repeat(200), 'b'],
      ],
    ],
  ];

  for (const [name, commands] of cases) {
    it(name, async () => {
      const oracle = new Oracle(redis.client);
      for (const argv of commands) await oracle.both(argv);
    });
  }

  it('KEYS with glob patterns', async () => {
    const oracle = new Oracle(redis.client);
    const keys = ['hello', 'hallo', 'hxllo', 'hllo', 'heeeello', 'h*llo', 'h[a]llo', 'a\\b', 'x'];
    for (const key of keys) await oracle.both(['SET', key, '1']);
    const patterns = ['*', 'h?llo', 'h*llo', 'h[ae]llo', 'h[^e]llo', 'h[a-b]llo', 'h[b-a]llo'];
    patterns.push('h\\*llo', '*[', 'h[', 'a\\\\b', '[^a-z]*', '??', '', 'H*');
    for (const pattern of patterns) await oracle.both(['KEYS', pattern], 'sorted');
  });
});

describe('seeded random command streams give identical replies', () => {
  const keys = ['k0', 'k1', 'k2', 'k3', 'n0', 'n1', 'user:{1}', 'h\xe2\x9c\x93'];
  const values = ['', 'a', 'hello', '10', '-3', '0', '9223372036854775807', '3.5', ' 1', '01'];
  values.push('x\r\ny', '\xff\x00\x7f', 'k0');
  const pick = <T>(rng: SeededRng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;

  function randomCommand(rng: SeededRng): [string[], Compare] {
    const k = () => pick(rng, keys);
    const v = () => pick(rng, values);
    const n = () => pick(rng, ['1', '-1', '0', '5', '100', 'x', '9223372036854775807']);
    const commands: (() => string[])[] = [
      () => ['SET', k(), v()],
      () => ['SET', k(), v(), pick(rng, ['NX', 'XX', 'GET', 'KEEPTTL', 'EX', 'PX'])],
      () => ['SET', k(), v(), 'EX', n()],
      () => ['GET', k()],
      () => ['INCR', k()],
      () => ['DECR', k()],
      () => ['INCRBY', k(), n()],
      () => ['DECRBY', k(), n()],
      () => ['APPEND', k(), v()],
      () => ['STRLEN', k()],
      () => ['DEL', k(), k()],
      () => ['EXISTS', k(), k(), k()],
      () => ['MSET', k(), v(), k(), v()],
      () => ['MSETNX', k(), v(), k(), v()],
      () => ['MGET', k(), k(), k()],
      () => ['SETNX', k(), v()],
      () => ['TYPE', k()],
      () => ['EXPIRE', k(), n()],
      () => ['EXPIRE', k(), n(), pick(rng, ['NX', 'XX', 'GT', 'LT', 'ZZ'])],
      () => ['TTL', k()],
      () => ['DBSIZE'],
      () => ['ECHO', v()],
      () => ['PING'],
      // wrong arity and unknown commands are part of the stream on purpose
      () => [pick(rng, ['GET', 'SET', 'INCR', 'STRLEN', 'TTL', 'ECHO', 'TYPE'])],
      () => [pick(rng, ['frob', 'GETT', 'sett']), v()],
    ];
    const argv = pick(rng, commands)();
    // Command names are case-insensitive; mix the case as people type.
    if (rng.next() < 0.3) argv[0] = argv[0]!.toLowerCase();
    return [argv, 'exact'];
  }

  for (const seed of [1, 2, 3, 4]) {
    it(`seed ${seed}: 500 commands`, async () => {
      const rng = new SeededRng(seed);
      const oracle = new Oracle(redis.client);
      for (let i = 0; i < 500; i++) {
        const [argv, compare] = randomCommand(rng);
        await oracle.both(argv, compare);
      }
      await oracle.both(['KEYS', '*'], 'sorted');
    });
  }
});
