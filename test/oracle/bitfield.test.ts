import { describe, it } from 'vitest';
import { SeededRng } from '../../src/engine/index.ts';
import { withRealRedis } from '../helpers/real-redis.ts';
import { Oracle } from './oracle.ts';

const redis = withRealRedis();

const pick = <T>(rng: SeededRng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;

describe('the engine answers like redis-server 7.0 (BITFIELD, BITFIELD_RO)', () => {
  const cases: [string, string[][]][] = [
    [
      'SET, GET and INCRBY with WRAP, SAT and FAIL',
      [
        ['BITFIELD', 'bf', 'SET', 'i8', '0', '-100', 'INCRBY', 'i8', '0', '-100'],
        ['BITFIELD', 'bf', 'OVERFLOW', 'SAT', 'INCRBY', 'i8', '0', '-100', 'GET', 'u8', '0'],
        ['GET', 'bf'],
        ['OBJECT', 'ENCODING', 'bf'],
        ['BITFIELD', 'bf', 'SET', 'u8', '#1', '-1'],
        ['BITFIELD', 'bf', 'OVERFLOW', 'SAT', 'SET', 'u8', '#1', '-1', 'OVERFLOW', 'FAIL'],
        ['BITFIELD', 'bf', 'OVERFLOW', 'FAIL', 'SET', 'u8', '#2', '256', 'GET', 'u8', '#2'],
        [
          'BITFIELD',
          'bf',
          'SET',
          'u8',
          '#3',
          '257',
          'SET',
          'i4',
          '100',
          '-9',
          'INCRBY',
          'u3',
          '17',
          '9',
        ],
        ['BITFIELD', 'bf', 'GET', 'i64', '0', 'GET', 'u63', '1', 'GET', 'u1', '1000'],
        ['BITFIELD', 'bf', 'SET', 'i64', '0', '9223372036854775807', 'INCRBY', 'i64', '0', '1'],
        [
          'BITFIELD',
          'bf',
          'OVERFLOW',
          'SAT',
          'INCRBY',
          'i64',
          '0',
          '-1',
          'INCRBY',
          'i64',
          '0',
          '9',
        ],
        ['BITFIELD', 'bf', 'OVERFLOW', 'FAIL', 'INCRBY', 'i64', '0', '-9223372036854775808'],
        ['BITFIELD', 'bf', 'OVERFLOW', 'sat', 'INCRBY', 'u63', '0', '-9223372036854775808'],
        ['BITFIELD', 'bf', 'overflow', 'wrap', 'incrby', 'U63', '0', '9223372036854775807'],
        [
          'BITFIELD',
          'x',
          'SET',
          'i1',
          '0',
          '1',
          'GET',
          'i1',
          '0',
          'SET',
          'u1',
          '1',
          '3',
          'GET',
          'u2',
          '0',
        ],
        ['GET', 'x'],
      ],
    ],
    [
      'errors: types, offsets, values, sub-commands',
      [
        ['SET', 'bf', 'abc'],
        ['BITFIELD', 'bf', 'GET', 'u64', '0'],
        ['BITFIELD', 'bf', 'GET', 'i65', '0'],
        ['BITFIELD', 'bf', 'GET', 'x8', '0'],
        ['BITFIELD', 'bf', 'GET', 'i0', '0'],
        ['BITFIELD', 'bf', 'GET', 'i', '0'],
        ['BITFIELD', 'bf', 'GET', 'u8', '-1'],
        ['BITFIELD', 'bf', 'GET', 'u8', '#-1'],
        ['BITFIELD', 'bf', 'GET', 'u8', '4294967296'],
        ['BITFIELD', 'bf', 'GET', 'u8', '4294967295'],
        ['BITFIELD', 'bf', 'GET', 'u8', '#536870911'],
        ['BITFIELD', 'bf', 'GET', 'u8', '#1152921504606846976'],
        ['BITFIELD', 'bf', 'GET', 'u8', 'x'],
        ['BITFIELD', 'bf', 'SET', 'u8', '0'],
        ['BITFIELD', 'bf', 'SET', 'u8', '0', 'x'],
        ['BITFIELD', 'bf', 'INCRBY', 'u8', '0', '9223372036854775808'],
        ['BITFIELD', 'bf', 'OVERFLOW', 'foo', 'GET', 'u8', '0'],
        ['BITFIELD', 'bf', 'OVERFLOW'],
        ['BITFIELD', 'bf', 'FOO'],
        ['BITFIELD', 'bf', 'GET', 'u8'],
        ['BITFIELD', 'bf'],
        ['GET', 'bf'],
        ['LPUSH', 'lst', 'a'],
        ['BITFIELD', 'lst', 'GET', 'u8', '0'],
        ['BITFIELD', 'lst', 'SET', 'u8', '0', '1'],
        ['BITFIELD_RO', 'lst', 'GET', 'u8', '0'],
      ],
    ],
    [
      'BITFIELD_RO reads only; missing keys; integers become raw strings',
      [
        ['SET', 'bf', 'hello'],
        ['BITFIELD_RO', 'bf', 'GET', 'u8', '0', 'GET', 'i8', '8', 'GET', 'u4', '#3'],
        ['BITFIELD_RO', 'bf', 'GET', 'u8', '0', 'SET', 'u8', '0', '1'],
        ['BITFIELD_RO', 'bf', 'INCRBY', 'u8', '0', '1'],
        ['BITFIELD_RO', 'bf', 'OVERFLOW', 'FAIL'],
        ['BITFIELD_RO', 'nokey', 'GET', 'u8', '0'],
        ['BITFIELD', 'nokey', 'GET', 'u8', '0'],
        ['EXISTS', 'nokey'],
        ['BITFIELD', 'nokey2', 'OVERFLOW', 'FAIL', 'SET', 'u2', '100', '9'],
        ['GET', 'nokey2'],
        ['SET', 'n', '123'],
        ['BITFIELD', 'n', 'GET', 'u8', '0'],
        ['OBJECT', 'ENCODING', 'n'],
        ['BITFIELD', 'n', 'SET', 'u8', '0', '49'],
        ['OBJECT', 'ENCODING', 'n'],
        ['GET', 'n'],
        ['SET', 'e', 'x', 'EX', '100'],
        ['BITFIELD', 'e', 'SET', 'u8', '8', '65'],
        ['TTL', 'e'],
      ],
    ],
  ];

  for (const [name, commands] of cases) {
    it(name, async () => {
      const oracle = new Oracle(redis.client);
      for (const argv of commands) await oracle.both(argv);
    });
  }
});

describe('seeded random BITFIELD streams give identical replies', () => {
  const keys = ['f0', 'f1', 'f2'];
  const types = [
    'i1',
    'u1',
    'i5',
    'u5',
    'i8',
    'u8',
    'i13',
    'u16',
    'i32',
    'u33',
    'i63',
    'u63',
    'i64',
    'u64',
    'i0',
  ];
  const offsets = ['0', '1', '3', '7', '8', '13', '31', '64', '100', '#0', '#1', '#3', '-1', 'x'];
  const values = [
    '0',
    '1',
    '-1',
    '7',
    '-8',
    '127',
    '128',
    '255',
    '-129',
    '100000',
    '9223372036854775807',
    '-9223372036854775808',
    'y',
  ];

  function randomCommand(rng: SeededRng): string[] {
    const argv = [pick(rng, ['BITFIELD', 'BITFIELD', 'BITFIELD', 'BITFIELD_RO']), pick(rng, keys)];
    const ops = 1 + Math.floor(rng.next() * 4);
    for (let i = 0; i < ops; i++) {
      const r = rng.next();
      if (r < 0.15) argv.push('OVERFLOW', pick(rng, ['WRAP', 'SAT', 'FAIL', 'fail', 'sat']));
      else if (r < 0.5) argv.push('GET', pick(rng, types), pick(rng, offsets));
      else
        argv.push(
          pick(rng, ['SET', 'INCRBY']),
          pick(rng, types),
          pick(rng, offsets),
          pick(rng, values),
        );
    }
    return rng.next() < 0.1
      ? ['SET', pick(rng, keys), pick(rng, ['', 'abc', '12', '\xff\x00'])]
      : argv;
  }

  for (const seed of [41, 42, 43, 44]) {
    it(`seed ${seed}: 300 commands`, async () => {
      const rng = new SeededRng(seed);
      const oracle = new Oracle(redis.client);
      for (let n = 0; n < 300; n++) await oracle.both(randomCommand(rng));
      for (const key of keys) await oracle.both(['GET', key]);
    });
  }
});
