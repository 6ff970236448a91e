import { describe, it } from 'vitest';
import { SeededRng } from '../../src/engine/index.ts';
import { withRealRedis } from '../helpers/real-redis.ts';
import { Oracle } from './oracle.ts';

const redis = withRealRedis();

const pick = <T>(rng: SeededRng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;

describe('the engine answers like redis-server 7.0 (bitmaps)', () => {
  const cases: [string, string[][]][] = [
    [
      'SETBIT and GETBIT, offsets and bad arguments',
      [
        ['SETBIT', 'b', '7', '1'],
        ['GET', 'b'],
        ['SETBIT', 'b', '7', '1'],
        ['SETBIT', 'b', '7', '0'],
        ['SETBIT', 'b', '100', '0'],
        ['STRLEN', 'b'],
        ['GETBIT', 'b', '7'],
        ['GETBIT', 'b', '100000'],
        ['GETBIT', 'nokey', '0'],
        ['SETBIT', 'b', '-1', '1'],
        ['SETBIT', 'b', '4294967296', '1'],
        ['SETBIT', 'b', 'x', '1'],
        ['SETBIT', 'b', '1', '2'],
        ['SETBIT', 'b', '1', '-1'],
        ['SETBIT', 'b', '1', 'x'],
        ['SETBIT', 'b', 'x', 'x'],
        ['GETBIT', 'b', '4294967296'],
        ['GETBIT', 'b', '4294967295'],
        ['GETBIT', 'nokey', '-1'],
        ['SET', 'n', '7'],
        ['GETBIT', 'n', '2'],
        ['GETBIT', 'n', '7'],
        ['SETBIT', 'n', '6', '0'],
        ['GET', 'n'],
        ['SET', 'e', 'a', 'EX', '100'],
        ['SETBIT', 'e', '20', '1'],
        ['TTL', 'e'],
        ['SETBIT', 'e', '20'],
      ],
    ],
    [
      'BITCOUNT in bytes and in bits',
      [
        ['SET', 's', 'foobar'],
        ['BITCOUNT', 's'],
        ['BITCOUNT', 's', '0', '0'],
        ['BITCOUNT', 's', '1', '1'],
        ['BITCOUNT', 's', '1', '1', 'BYTE'],
        ['BITCOUNT', 's', '5', '30', 'BIT'],
        ['BITCOUNT', 's', '-1', '-1'],
        ['BITCOUNT', 's', '-5', '-1', 'bit'],
        ['BITCOUNT', 's', '-1', '-5'],
        ['BITCOUNT', 's', '-1', '-5', 'FOO'],
        ['BITCOUNT', 's', '0', '1', 'FOO'],
        ['BITCOUNT', 's', '0'],
        ['BITCOUNT', 's', '0', '1', 'BIT', 'x'],
        ['BITCOUNT', 's', 'a', '1'],
        ['BITCOUNT', 's', '0', '100'],
        ['BITCOUNT', 's', '0', '100', 'BIT'],
        ['BITCOUNT', 's', '3', '3', 'BIT'],
        ['BITCOUNT', 's', '2', '5', 'BIT'],
        ['BITCOUNT', 's', '9', '9', 'BIT'],
        ['BITCOUNT', 's', '100', '200'],
        ['BITCOUNT', 'nokey'],
        ['BITCOUNT', 'nokey', 'x', 'y'],
        ['SET', 'empty', ''],
        ['BITCOUNT', 'empty', '0', '-1'],
        ['BITCOUNT', 'empty', '0', '-1', 'BIT'],
      ],
    ],
    [
      'BITPOS and its "no clear bit found" rules',
      [
        ['SET', 'ff', '\xff\xff\xff'],
        ['BITPOS', 'ff', '0'],
        ['BITPOS', 'ff', '0', '0'],
        ['BITPOS', 'ff', '0', '0', '-1'],
        ['BITPOS', 'ff', '1'],
        ['BITPOS', 'ff', '0', '1', '2', 'BIT'],
        ['BITPOS', 'ff', '0', '0', '-1', 'BIT'],
        ['SET', 'z', '\x00\x00\x00'],
        ['BITPOS', 'z', '1'],
        ['BITPOS', 'z', '0'],
        ['BITPOS', 'z', '1', '1'],
        ['BITPOS', 'z', '0', '2', '1'],
        ['SET', 'm', '\x00\xff\xf0'],
        ['BITPOS', 'm', '1', '0'],
        ['BITPOS', 'm', '1', '2', '-1', 'BYTE'],
        ['BITPOS', 'm', '1', '7', '15', 'BIT'],
        ['BITPOS', 'm', '0', '8', '15', 'BIT'],
        ['BITPOS', 'm', '0', '8', '19', 'BIT'],
        ['BITPOS', 'm', '0', '9', '11', 'BIT'],
        ['BITPOS', 'm', '1', '3', '5', 'BIT'],
        ['BITPOS', 'm', '1', '20', '23', 'BIT'],
        ['BITPOS', 'm', '0', '20', '23', 'BIT'],
        ['BITPOS', 'm', '0', '-4', '-1', 'BIT'],
        ['BITPOS', 'm', '1', '-100', '-90', 'BIT'],
        ['BITPOS', 'm', '0', '3', '1'],
        ['BITPOS', 'nokey', '0'],
        ['BITPOS', 'nokey', '1'],
        ['BITPOS', 'nokey', '1', 'x'],
        ['BITPOS', 'nokey', '2'],
        ['BITPOS', 'm', '2'],
        ['BITPOS', 'm', 'x'],
        ['BITPOS', 'm', '1', 'x'],
        ['BITPOS', 'm', '1', '0', 'x'],
        ['BITPOS', 'm', '1', '0', '1', 'FOO'],
        ['BITPOS', 'm', '1', '0', '1', 'BIT', 'x'],
        ['SET', 'empty', ''],
        ['BITPOS', 'empty', '0'],
        ['BITPOS', 'empty', '1'],
        ['BITPOS', 'empty', '0', '0', '-1'],
        ['BITPOS', 'm'],
      ],
    ],
    [
      'BITOP AND OR XOR NOT',
      [
        ['SET', 'a', 'foobar'],
        ['SET', 'b', 'abcdef'],
        ['SET', 'c', 'xy'],
        ['BITOP', 'AND', 'd', 'a', 'b'],
        ['GET', 'd'],
        ['BITOP', 'or', 'd', 'a', 'c'],
        ['GET', 'd'],
        ['BITOP', 'XOR', 'd', 'a', 'b', 'c'],
        ['GET', 'd'],
        ['BITOP', 'NOT', 'd', 'c'],
        ['GET', 'd'],
        ['BITOP', 'NOT', 'd', 'a', 'b'],
        ['BITOP', 'NAND', 'd', 'a'],
        ['BITOP', 'AND', 'd', 'nokey', 'a'],
        ['GET', 'd'],
        ['SET', 'd', 'x', 'EX', '100'],
        ['BITOP', 'AND', 'd', 'nokey', 'nokey2'],
        ['EXISTS', 'd'],
        ['BITOP', 'OR', 'd', 'a'],
        ['TTL', 'd'],
        ['BITOP', 'AND', 'a', 'a', 'c'],
        ['GET', 'a'],
        ['BITOP', 'AND', 'd'],
      ],
    ],
  ];

  for (const [name, commands] of cases) {
    it(name, async () => {
      const oracle = new Oracle(redis.client);
      for (const argv of commands) await oracle.both(argv);
    });
  }

  it('long bitmaps count and search the same as Redis', async () => {
    const oracle = new Oracle(redis.client);
    const rng = new SeededRng(7);
    for (let n = 0; n < 200; n++) {
      await oracle.both(['SETBIT', 'big', String(Math.floor(rng.next() * 5000)), '1']);
    }
    await oracle.both(['SETBIT', 'ones', '4000', '1']);
    await oracle.both(['BITOP', 'NOT', 'ones', 'ones']);
    for (let n = 0; n < 60; n++) {
      const start = String(Math.floor(rng.next() * 900) - 300);
      const end = String(Math.floor(rng.next() * 900) - 300);
      const unit = pick(rng, ['BIT', 'BYTE']);
      await oracle.both(['BITCOUNT', 'big', start, end, unit]);
      await oracle.both(['BITPOS', pick(rng, ['big', 'ones']), pick(rng, ['0', '1']), start]);
      await oracle.both(['BITPOS', pick(rng, ['big', 'ones']), pick(rng, ['0', '1']), start, end]);
      await oracle.both(['BITPOS', 'big', pick(rng, ['0', '1']), start, end, unit]);
    }
  });
});

describe('seeded random bitmap streams give identical replies', () => {
  const keys = ['b0', 'b1', 'b2', 'b3'];
  const values = ['', 'a', 'foobar', '\xff\xff', '\x00', '\xf0\x0f\xaa', '12'];
  const offsets = ['0', '1', '7', '8', '15', '31', '63', '100', '-1', 'x', '4294967296'];
  const indexes = ['0', '1', '2', '-1', '-2', '-9', '5', '17', '63', 'x'];

  function randomCommand(rng: SeededRng): string[] {
    const k = () => pick(rng, keys);
    const i = () => pick(rng, indexes);
    const unit = () => pick(rng, ['BIT', 'BYTE', 'bit', 'WORD']);
    const commands: (() => string[])[] = [
      () => ['SET', k(), pick(rng, values)],
      () => ['SETBIT', k(), pick(rng, offsets), pick(rng, ['0', '1', '1', '2'])],
      () => ['SETBIT', k(), pick(rng, offsets), pick(rng, ['0', '1'])],
      () => ['GETBIT', k(), pick(rng, offsets)],
      () => ['BITCOUNT', k()],
      () => ['BITCOUNT', k(), i(), i()],
      () => ['BITCOUNT', k(), i(), i(), unit()],
      () => ['BITPOS', k(), pick(rng, ['0', '1'])],
      () => ['BITPOS', k(), pick(rng, ['0', '1']), i()],
      () => ['BITPOS', k(), pick(rng, ['0', '1']), i(), i()],
      () => ['BITPOS', k(), pick(rng, ['0', '1', '2']), i(), i(), unit()],
      () => ['BITOP', pick(rng, ['AND', 'OR', 'XOR', 'NOT', 'nand']), k(), k(), k()],
      () => ['BITOP', 'NOT', k(), k()],
      () => ['GET', k()],
      () => ['APPEND', k(), pick(rng, values)],
      () => ['DEL', k()],
      () => [pick(rng, ['SETBIT', 'GETBIT', 'BITOP', 'BITPOS']), k()],
    ];
    return pick(rng, commands)();
  }

  for (const seed of [21, 22, 23, 24, 25]) {
    it(`seed ${seed}: 400 commands`, async () => {
      const rng = new SeededRng(seed);
      const oracle = new Oracle(redis.client);
      for (let n = 0; n < 400; n++) await oracle.both(randomCommand(rng));
      for (const key of keys) await oracle.both(['GET', key]);
    });
  }
});
