import { describe, expect, it } from 'vitest';
import { dumpPayload } from '../../src/engine/commands/dump.ts';
import { SeededRng, formatReply, type Reply } from '../../src/engine/index.ts';
import { withRealRedis, type RespClient } from '../helpers/real-redis.ts';
import { Oracle, show } from './oracle.ts';

const redis = withRealRedis({
  reset: async (client) =>
    void (await client.call('CONFIG', 'SET', 'maxmemory-policy', 'noeviction')),
});

const pick = <T>(rng: SeededRng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
const range = (n: number, f: (i: number) => string): string[] =>
  Array.from({ length: n }, (_, i) => f(i));

function bytesOf(reply: Reply): string {
  if (reply.kind !== 'bulk') throw new Error(`expected a bulk reply, got ${formatReply(reply)}`);
  return reply.value;
}

/** A key's contents as text, in an order that does not depend on hash order. */
async function contents(
  call: (...argv: string[]) => Promise<Reply> | Reply,
  key: string,
): Promise<string> {
  const type = formatReply(await call('TYPE', key));
  const reply =
    type === 'string'
      ? await call('GET', key)
      : type === 'list'
        ? await call('LRANGE', key, '0', '-1')
        : type === 'set'
          ? await call('SMEMBERS', key)
          : type === 'hash'
            ? await call('HGETALL', key)
            : await call('ZRANGE', key, '0', '-1', 'WITHSCORES');
  const encoding = formatReply(await call('OBJECT', 'ENCODING', key));
  const ttl = formatReply(await call('TTL', key));
  return `${type} ${encoding} ttl=${ttl}\n${show(reply, type === 'set' ? 'sorted' : type === 'hash' ? 'pairs' : 'exact')}`;
}

/** Builds the same value on both servers. */
async function build(oracle: Oracle, commands: readonly string[][]): Promise<void> {
  for (const argv of commands) await oracle.both(argv);
}

/**
 * DUMP on one side, RESTORE on the other under `copy`, both ways. The reference is real Redis
 * restoring its own DUMP (a restored value takes the loader's encoding, not the original's).
 */
async function crossRestore(oracle: Oracle, real: RespClient, key: string): Promise<void> {
  const local = (...argv: string[]) => oracle.local.run(...argv);
  const remote = (...argv: string[]) => real.call(...argv);
  const fromReal = bytesOf(await real.call('DUMP', key));
  const fromOurs = bytesOf(local('DUMP', key));
  expect(formatReply(await real.call('RESTORE', 'reference', '0', fromReal, 'REPLACE'))).toBe('OK');
  expect(formatReply(local('RESTORE', 'copy', '0', fromReal, 'REPLACE'))).toBe('OK');
  expect(formatReply(await real.call('RESTORE', 'copy', '0', fromOurs, 'REPLACE'))).toBe('OK');
  const reference = await contents(remote, 'reference');
  expect(await contents(local, 'copy'), `engine RESTORE of real DUMP of ${key}`).toBe(reference);
  expect(await contents(remote, 'copy'), `real RESTORE of our DUMP of ${key}`).toBe(reference);
}

/** Values whose encoding is the same on both sides, so the DUMP bytes must be too. */
const identical: [string, string[][]][] = [
  ['an int-encoded string', [['SET', 'k', '12345']]],
  ['a 64-bit integer string', [['SET', 'k', '-1234567890123']]],
  ['an embstr', [['SET', 'k', 'hello']]],
  ['a string LZF compresses', [['SET', 'k', 'a'.repeat(100)]]],
  ['text LZF compresses', [['SET', 'k', range(300, (i) => `word${i % 37} `).join('')]]],
  ['a string LZF cannot shrink', [['SET', 'k', 'abcdefghijklmnopqrstuvwxyz0123456789']]],
  [
    'an appended (raw) string',
    [
      ['SET', 'k', 'ab'],
      ['APPEND', 'k', 'cd'],
    ],
  ],
  [
    'a list of one listpack',
    [
      [
        'RPUSH',
        'k',
        'a',
        '1',
        '-100',
        '5000',
        '70000',
        '9000000',
        '3000000000',
        '-9223372036854775808',
        'x'.repeat(70),
        'y'.repeat(5000),
      ],
    ],
  ],
  ['a list of many listpacks', [['RPUSH', 'k', ...range(3000, (i) => `element-${i}`)]]],
  ['an intset of 16-bit members', [['SADD', 'k', '5', '-3', '1']]],
  ['an intset of 32-bit members', [['SADD', 'k', '5', '100000']]],
  ['an intset of 64-bit members', [['SADD', 'k', '5', '9223372036854775807']]],
  ['a listpack hash', [['HSET', 'k', 'f1', 'v1', 'f2', '22', 'f3', 'x'.repeat(60)]]],
  [
    'a listpack sorted set',
    [
      [
        'ZADD',
        'k',
        '1',
        'a',
        '2.5',
        'b',
        '-3',
        'c',
        '0.1',
        'd',
        '1e300',
        'e',
        'inf',
        'f',
        '-0',
        'g',
        '4611686018427387904',
        'h',
      ],
    ],
  ],
  ['a skiplist sorted set', [['ZADD', 'k', '1', 'a', '2.5', 'b', '3', 'x'.repeat(100)]]],
  [
    'a big skiplist sorted set',
    [['ZADD', 'k', ...range(200, (i) => `${i * 1.5} m${i}`).flatMap((p) => p.split(' '))]],
  ],
];

describe('DUMP and RESTORE against redis-server 7.0', () => {
  for (const [name, commands] of identical) {
    it(`DUMP of ${name} is byte-for-byte Redis's, and restores both ways`, async () => {
      const oracle = new Oracle(redis.client);
      await build(oracle, commands);
      await oracle.both(['DUMP', 'k']);
      await crossRestore(oracle, redis.client, 'k');
    });
  }

  const sameContents: [string, string[][]][] = [
    ['a hashtable set', [['SADD', 'k', 'a', 'b', 'c', '1']]],
    [
      'a big intset that loads as a hashtable',
      [
        ['CONFIG', 'SET', 'set-max-intset-entries', '512'],
        ['SADD', 'k', ...range(600, String)],
      ],
    ],
    ['a hashtable hash', [['HSET', 'k', 'f1', 'v1', 'f2', 'x'.repeat(100)]]],
    [
      'a hash with many fields',
      [['HSET', 'k', ...range(600, (i) => `f${i} v${i}`).flatMap((p) => p.split(' '))]],
    ],
    ['a list built from the head', [['LPUSH', 'k', ...range(3000, (i) => `element-${i}`)]]],
    ['a string with a TTL', [['SET', 'k', 'v', 'EX', '1000']]],
  ];
  for (const [name, commands] of sameContents) {
    it(`${name} restores both ways with the same contents and encoding`, async () => {
      const oracle = new Oracle(redis.client);
      await build(oracle, commands);
      await crossRestore(oracle, redis.client, 'k');
    });
  }

  it('RESTORE checks options, the key, the TTL, the footer and the value, in that order', async () => {
    const oracle = new Oracle(redis.client);
    const payload = bytesOf(
      await redis.client.call('DUMP', 'nokey').then(async () => {
        await oracle.both(['SET', 'src', 'value']);
        return redis.client.call('DUMP', 'src');
      }),
    );
    const footerless = payload.slice(0, -10);
    const newer = dumpPayload(footerless).slice(0, -10) + '\x0b\x00';
    const badCrc =
      payload.slice(0, -1) + String.fromCharCode(payload.charCodeAt(payload.length - 1) ^ 1);
    const cases: string[][] = [
      ['RESTORE', 'k', '0', 'garbage'],
      ['RESTORE', 'k', '0', ''],
      ['RESTORE', 'k', '0', badCrc],
      ['RESTORE', 'k', '0', dumpPayload(footerless) + ''],
      ['RESTORE', 'k', '0', newer + dumpPayload(newer).slice(-8)],
      ['RESTORE', 'k', '0', dumpPayload('\x63abc')],
      ['RESTORE', 'k', '0', dumpPayload('\x12\x00')],
      ['RESTORE', 'k', '0', dumpPayload('\x02\x00')],
      ['RESTORE', 'k', '0', dumpPayload('\x04\x01\x01a')],
      ['RESTORE', 'k', '-1', payload],
      ['RESTORE', 'k', 'x', payload],
      ['RESTORE', 'k', '0', payload, 'FOO'],
      ['RESTORE', 'k', '0', payload, 'IDLETIME', '-1'],
      ['RESTORE', 'k', '0', payload, 'IDLETIME', 'x'],
      ['RESTORE', 'k', '0', payload, 'FREQ', '256'],
      ['RESTORE', 'k', '0', payload, 'FREQ', '-1'],
      ['RESTORE', 'k', '0', payload, 'IDLETIME', '1', 'FREQ', '1'],
      ['RESTORE', 'k', '0', payload, 'IDLETIME'],
      ['RESTORE', 'src', '-1', 'garbage'],
      ['RESTORE', 'src', '0', payload],
      ['RESTORE', 'src', '0', payload, 'REPLACE'],
      ['GET', 'src'],
      ['RESTORE', 'src', '1', payload, 'REPLACE', 'ABSTTL'],
      ['EXISTS', 'src'],
      ['RESTORE', 'k', '0', payload],
      ['GET', 'k'],
      ['TTL', 'k'],
      ['RESTORE', 'k2', '100000', payload],
      ['TTL', 'k2'],
      ['RESTORE', 'k3', '0', payload, 'IDLETIME', '1000'],
      ['OBJECT', 'IDLETIME', 'k3'],
      ['DUMP', 'nokey'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'],
      ['RESTORE', 'k4', '0', payload, 'FREQ', '100'],
      ['OBJECT', 'FREQ', 'k4'],
      ['RESTORE', 'k5', '0', payload, 'FREQ', '1', 'IDLETIME', '5'],
    ];
    for (const argv of cases) await oracle.both(argv);
  });
});

describe('seeded random values DUMP and RESTORE both ways', () => {
  const words = [
    'a',
    'b',
    'hello',
    '1',
    '-7',
    '300',
    '70000',
    '3000000000',
    '1.5',
    '',
    'x'.repeat(30),
    'y'.repeat(70),
  ];

  function randomWrite(rng: SeededRng, key: string): string[] {
    const w = () => pick(rng, words);
    return pick(rng, [
      () => ['SET', key, w()],
      () => ['APPEND', key, w()],
      () => ['INCRBY', key, '3'],
      () => ['RPUSH', key, w(), w()],
      () => ['LPUSH', key, w()],
      () => ['SADD', key, w(), pick(rng, ['1', '2', '99', '-5'])],
      () => ['HSET', key, w(), w()],
      () => ['ZADD', key, pick(rng, ['1', '2.5', '-3', '0', 'inf', '1e20']), w()],
      () => ['DEL', key],
    ])();
  }

  for (const seed of [51, 52, 53]) {
    it(`seed ${seed}: 40 values`, async () => {
      const rng = new SeededRng(seed);
      const oracle = new Oracle(redis.client);
      for (let n = 0; n < 40; n++) {
        const key = `k${n % 8}`;
        for (let i = 0; i < 1 + Math.floor(rng.next() * 6); i++) {
          // Writes of the wrong type just fail alike on both sides.
          await oracle.both(randomWrite(rng, key));
        }
        if (formatReply(await redis.client.call('EXISTS', key)) === '(integer) 1') {
          await crossRestore(oracle, redis.client, key);
        }
      }
    });
  }
});
