import { describe, it } from 'vitest';
import { SeededRng } from '../../src/engine/index.ts';
import { withRealRedis } from '../helpers/real-redis.ts';
import { Oracle } from './oracle.ts';

const redis = withRealRedis();

const pick = <T>(rng: SeededRng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;

describe('the engine answers like redis-server 7.0 (SORT, SORT_RO)', () => {
  const cases: [string, string[][]][] = [
    [
      'numeric and ALPHA order, DESC, LIMIT windows',
      [
        ['RPUSH', 'l', '3', '1', '2', '10', '-5', '1.5', '2e1', ' 7', '0x10'],
        ['SORT', 'l'],
        ['SORT', 'l', 'DESC'],
        ['SORT', 'l', 'ALPHA'],
        ['SORT', 'l', 'alpha', 'desc'],
        ['SORT', 'l', 'LIMIT', '1', '2'],
        ['SORT', 'l', 'LIMIT', '-1', '2'],
        ['SORT', 'l', 'LIMIT', '1', '-1'],
        ['SORT', 'l', 'LIMIT', '100', '2'],
        ['SORT', 'l', 'LIMIT', '0', '0'],
        ['SORT', 'l', 'LIMIT', '9223372036854775807', '9223372036854775807'],
        ['SORT', 'l', 'ASC', 'ALPHA', 'DESC'],
        ['SORT_RO', 'l', 'DESC', 'LIMIT', '0', '3'],
        ['RPUSH', 'dup', '2', '1', '2', '1', '3'],
        ['SORT', 'dup'],
        ['SORT', 'dup', 'ALPHA', 'DESC'],
      ],
    ],
    [
      'BY weights, nosort, hash fields and GET',
      [
        ['RPUSH', 'l', '3', '1', '2', '10'],
        ['MSET', 'w_1', '5', 'w_3', '-1', 'w_10', '7', 'w_2', '2'],
        ['SORT', 'l', 'BY', 'w_*'],
        ['SORT', 'l', 'BY', 'w_*', 'DESC', 'LIMIT', '1', '2'],
        ['SORT', 'l', 'BY', 'w_*', 'ALPHA'],
        ['SORT', 'l', 'BY', 'nosort'],
        ['SORT', 'l', 'BY', 'nosort', 'DESC'],
        ['SORT', 'l', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '2'],
        ['SORT', 'l', 'BY', 'nosort', 'LIMIT', '1', '2'],
        ['SORT', 'l', 'BY', 'nosort', 'BY', 'w_*'],
        ['SORT', 'l', 'GET', '#', 'GET', 'w_*'],
        ['SORT', 'l', 'BY', 'w_*', 'GET', '#', 'GET', 'w_*', 'GET', 'nokey'],
        ['HSET', 'h_1', 'f', '9'],
        ['HSET', 'h_3', 'f', '1'],
        ['HSET', 'h_10', 'f', '5'],
        ['SORT', 'l', 'BY', 'h_*->f', 'GET', 'h_*->f', 'GET', '#', 'GET', 'h_*->'],
        ['SORT', 'l', 'BY', 'h_*->', 'GET', 'h_*->g'],
        ['SET', 'w_2', 'abc'],
        ['SORT', 'l', 'BY', 'w_*'],
        ['SORT', 'l', 'BY', 'w_*', 'ALPHA'],
        ['SORT', 'l', 'LIMIT', '1'],
        ['SORT', 'l', 'LIMIT', 'x', '1'],
        ['SORT', 'l', 'LIMIT', '0', 'y'],
        ['SORT', 'l', 'FOO'],
        ['SORT', 'l', 'GET'],
      ],
    ],
    [
      "BY with LIMIT orders ties as Redis's partial quicksort does",
      [
        ['RPUSH', 'l', ...Array.from({ length: 60 }, (_, i) => `e${i}`)],
        ...Array.from({ length: 60 }, (_, i) => ['SET', `w_e${i}`, ['a', 'b', 'c', 'a'][i % 4]!]),
        ['DEL', 'w_e7', 'w_e8', 'w_e30'],
        ['SORT', 'l', 'BY', 'w_*', 'ALPHA', 'LIMIT', '0', '10'],
        ['SORT', 'l', 'BY', 'w_*', 'ALPHA', 'LIMIT', '13', '17'],
        ['SORT', 'l', 'BY', 'w_*', 'ALPHA', 'DESC', 'LIMIT', '40', '30'],
        ['SORT', 'l', 'BY', 'w_*', 'ALPHA', 'LIMIT', '-5', '3'],
        ['SORT', 'l', 'BY', 'w_*', 'ALPHA'],
        ['SORT', 'l', 'BY', 'w_*', 'LIMIT', '5', '5'],
      ],
    ],
    [
      'STORE writes a list, drops the TTL and deletes the destination for an empty result',
      [
        ['RPUSH', 'l', 'b', 'a', 'c'],
        ['SET', 'd', 'x', 'EX', '100'],
        ['SORT', 'l', 'ALPHA', 'STORE', 'd'],
        ['LRANGE', 'd', '0', '-1'],
        ['TTL', 'd'],
        ['OBJECT', 'ENCODING', 'd'],
        ['SORT', 'l', 'ALPHA', 'GET', 'nokey_*', 'STORE', 'd'],
        ['LRANGE', 'd', '0', '-1'],
        ['SORT', 'l', 'ALPHA', 'LIMIT', '10', '10', 'STORE', 'd'],
        ['EXISTS', 'd'],
        ['SORT', 'nokey', 'STORE', 'l'],
        ['EXISTS', 'l'],
        ['SORT_RO', 'l', 'STORE', 'd'],
      ],
    ],
    [
      'sets and sorted sets: input order rules and the listpack turned skiplist',
      [
        ['SADD', 'si', '5', '3', '1', '4'],
        ['SORT', 'si'],
        ['SORT', 'si', 'DESC', 'LIMIT', '1', '2'],
        ['SORT', 'si', 'BY', 'nosort'],
        ['SADD', 'sh', 'b', 'a', 'c', 'd'],
        ['SORT', 'sh', 'ALPHA'],
        ['SORT', 'sh'],
        ['SORT', 'sh', 'BY', 'nosort', 'STORE', 'dst'],
        ['LRANGE', 'dst', '0', '-1'],
        ['ZADD', 'z', '3', 'c', '1', 'a', '2', 'b', '5', 'e', '4', 'd'],
        ['OBJECT', 'ENCODING', 'z'],
        ['SORT', 'z', 'BY', 'nosort'],
        ['OBJECT', 'ENCODING', 'z'],
        ['SORT', 'z', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '2'],
        ['SORT', 'z', 'ALPHA', 'DESC'],
        ['SORT', 'z'],
      ],
    ],
    [
      'wrong types and values that are not numbers',
      [
        ['SET', 'str', 'x'],
        ['SORT', 'str'],
        ['HSET', 'h', 'a', 'b'],
        ['SORT_RO', 'h'],
        ['SORT', 'nokey'],
        ['RPUSH', 'bad', '1', '2', 'x', ''],
        ['SORT', 'bad'],
        ['SORT', 'bad', 'ALPHA'],
        ['RPUSH', 'e', '', '1', '-1'],
        ['SORT', 'e'],
        ['RPUSH', 'nul', '1\x00zz', '2'],
        ['SORT', 'nul'],
        ['RPUSH', 'inf', 'inf', '-inf', '-INF', '1'],
        ['SORT', 'inf'],
        ['RPUSH', 'big', '1e400'],
        ['SORT', 'big'],
        ['RPUSH', 'tiny', '1e-400'],
        ['SORT', 'tiny'],
        ['RPUSH', 'nan', 'nan'],
        ['SORT', 'nan'],
        ['RPUSH', 'al', 'b\x00z', 'b\x00a', 'a', 'B'],
        ['SORT', 'al', 'ALPHA'],
        ['SORT', 'al', 'ALPHA', 'STORE', 'alx'],
        ['LRANGE', 'alx', '0', '-1'],
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

describe('seeded random SORT streams give identical replies', () => {
  const elements = ['1', '2', '3', '10', '-4', '2.5', 'a', 'b', 'B', '', '07', '1e2'];
  const numbers = ['1', '2', '3', '10', '-4', '2.5', '7', '100'];
  const weights = ['1', '5', '-2', '0.5', '9', 'x', '', '3'];

  function setup(rng: SeededRng): string[] {
    const e = () => pick(rng, elements);
    const commands: (() => string[])[] = [
      () => ['RPUSH', pick(rng, ['l1', 'l2']), e(), e(), e()],
      () => ['LPUSH', 'l1', pick(rng, numbers), pick(rng, numbers)],
      () => [
        'SADD',
        'si',
        pick(
          rng,
          numbers.filter((n) => !n.includes('.')),
        ),
      ],
      () => ['SADD', 'sh', e(), e()],
      () => ['ZADD', 'z', pick(rng, weights.slice(0, 5)), e()],
      () => ['SET', `w_${e()}`, pick(rng, weights)],
      () => ['HSET', `h_${e()}`, 'f', pick(rng, weights)],
    ];
    return pick(rng, commands)();
  }

  /** A SORT whose reply does not depend on hash order (sets and sorted sets feed ties). */
  function randomSort(rng: SeededRng): string[][] {
    const key = pick(rng, ['l1', 'l2', 'si', 'sh', 'z', 'nokey', 'w_1']);
    const ro = rng.next() < 0.2;
    const alpha = rng.next() < 0.5;
    const argv = [ro ? 'SORT_RO' : 'SORT', key];
    let by = rng.next() < 0.5 ? pick(rng, ['w_*', 'h_*->f', 'nosort', 'w_*->']) : undefined;
    const unordered = key === 'sh' || key === 'z';
    const store = !ro && rng.next() < 0.3;
    if (by !== undefined && by !== 'nosort' && alpha && unordered) by = undefined;
    if (by === 'nosort' && key === 'sh' && !store) by = undefined;
    if (by !== undefined) argv.push('BY', by);
    if (alpha) argv.push('ALPHA');
    if (rng.next() < 0.4) argv.push(pick(rng, ['ASC', 'DESC']));
    if (rng.next() < 0.4) {
      argv.push(
        'LIMIT',
        pick(rng, ['0', '1', '2', '-1', '5']),
        pick(rng, ['0', '1', '2', '-1', '9']),
      );
    }
    for (let g = 0; g < 2; g++) {
      if (rng.next() < 0.3) argv.push('GET', pick(rng, ['#', 'w_*', 'h_*->f', 'h_*->g']));
    }
    if (store)
      return [
        [...argv, 'STORE', 'dst'],
        ['LRANGE', 'dst', '0', '-1'],
        ['EXISTS', 'dst'],
      ];
    return [argv];
  }

  for (const seed of [31, 32, 33, 34]) {
    it(`seed ${seed}: 300 commands`, async () => {
      const rng = new SeededRng(seed);
      const oracle = new Oracle(redis.client);
      for (let n = 0; n < 300; n++) {
        if (rng.next() < 0.4) await oracle.both(setup(rng));
        else for (const argv of randomSort(rng)) await oracle.both(argv);
      }
      await oracle.both(['OBJECT', 'ENCODING', 'z']);
    });
  }
});
