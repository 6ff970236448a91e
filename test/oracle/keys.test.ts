import { describe, expect, it } from 'vitest';
import { SeededRng, formatReply, type Reply } from '../../src/engine/index.ts';
import { withRealRedis } from '../helpers/real-redis.ts';
import { Oracle, type Compare } from './oracle.ts';

const redis = withRealRedis();

const pick = <T>(rng: SeededRng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;

/** A SCAN page compared by its cursor and its keys as a set (Redis's order is its own). */
const scanPage: Compare = (reply: Reply) => {
  if (reply.kind !== 'array') return formatReply(reply);
  const [cursor, keys] = reply.items;
  const names = keys?.kind === 'array' ? keys.items.map((k) => formatReply(k)).sort() : [];
  return `${formatReply(cursor!)} | ${names.join(' ')}`;
};

/** RANDOMKEY compared by whether it found a key. */
const foundOrNot: Compare = (reply: Reply) => reply.kind;

describe('the engine answers like redis-server 7.0 (generic keys and databases)', () => {
  const cases: [string, string[][]][] = [
    [
      'RENAME and RENAMENX move the value and its TTL',
      [
        ['SET', 'a', '1', 'EX', '100'],
        ['RENAME', 'a', 'b'],
        ['EXISTS', 'a'],
        ['GET', 'b'],
        ['TTL', 'b'],
        ['RENAME', 'nokey', 'x'],
        ['RENAMENX', 'nokey', 'x'],
        ['RENAME', 'b', 'b'],
        ['RENAMENX', 'b', 'b'],
        ['RENAME', 'nokey', 'nokey'],
        ['SET', 'c', '2'],
        ['RENAMENX', 'b', 'c'],
        ['RENAMENX', 'b', 'd'],
        ['TTL', 'd'],
        ['SET', 'e', '3', 'EX', '50'],
        ['RENAME', 'c', 'e'],
        ['TTL', 'e'],
        ['GET', 'e'],
        ['RENAME', 'e'],
      ],
    ],
    [
      'UNLINK, TOUCH, PERSIST, EXPIRETIME, PEXPIRETIME',
      [
        ['MSET', 'a', '1', 'b', '2', 'c', '3'],
        ['UNLINK', 'a', 'a', 'nokey'],
        ['TOUCH', 'b', 'b', 'c', 'nokey'],
        ['PERSIST', 'b'],
        ['PERSIST', 'nokey'],
        ['EXPIREAT', 'b', '99999999999'],
        ['EXPIRETIME', 'b'],
        ['PEXPIRETIME', 'b'],
        ['PEXPIREAT', 'b', '99999999999500'],
        ['EXPIRETIME', 'b'],
        ['PEXPIREAT', 'b', '99999999999499'],
        ['EXPIRETIME', 'b'],
        ['EXPIRETIME', 'c'],
        ['PEXPIRETIME', 'nokey'],
        ['PERSIST', 'b'],
        ['TTL', 'b'],
        ['PERSIST', 'b'],
        ['UNLINK'],
        ['TOUCH'],
        ['EXPIRETIME', 'a', 'b'],
      ],
    ],
    [
      'SELECT, MOVE and SWAPDB',
      [
        ['SET', 'k', 'zero'],
        ['SELECT', '1'],
        ['GET', 'k'],
        ['SET', 'k', 'one'],
        ['SELECT', '16'],
        ['SELECT', '-1'],
        ['SELECT', 'x'],
        ['SELECT', '2147483648'],
        ['SELECT', '1.0'],
        ['MOVE', 'k', '0'],
        ['MOVE', 'k', '1'],
        ['MOVE', 'k', '2'],
        ['MOVE', 'k', '99'],
        ['MOVE', 'k', 'x'],
        ['MOVE', 'k', '99999999999'],
        ['MOVE', 'nokey', '0'],
        ['EXISTS', 'k'],
        ['SELECT', '2'],
        ['GET', 'k'],
        ['EXPIRE', 'k', '100'],
        ['MOVE', 'k', '3'],
        ['SELECT', '3'],
        ['TTL', 'k'],
        ['SWAPDB', '3', '0'],
        ['GET', 'k'],
        ['SELECT', '0'],
        ['GET', 'k'],
        ['TTL', 'k'],
        ['SWAPDB', '0', '0'],
        ['SWAPDB', '0', '16'],
        ['SWAPDB', '-1', '0'],
        ['SWAPDB', 'x', '0'],
        ['SWAPDB', '0', 'x'],
        ['SWAPDB', 'x', 'y'],
        ['SWAPDB', '99999999999', '0'],
        ['SWAPDB', '0', '99999999999'],
        ['DBSIZE'],
        ['SELECT'],
        ['SWAPDB', '0'],
      ],
    ],
    [
      'COPY within and across databases',
      [
        ['SET', 'src', 'v', 'EX', '100'],
        ['COPY', 'src', 'dst'],
        ['GET', 'dst'],
        ['TTL', 'dst'],
        ['COPY', 'src', 'dst'],
        ['COPY', 'src', 'dst', 'REPLACE'],
        ['COPY', 'src', 'src'],
        ['COPY', 'src', 'src', 'DB', '0'],
        ['COPY', 'src', 'src', 'DB', '1'],
        ['COPY', 'nokey', 'x'],
        ['COPY', 'src', 'x', 'DB', '16'],
        ['COPY', 'src', 'x', 'DB', 'x'],
        ['COPY', 'src', 'x', 'DB'],
        ['COPY', 'src', 'x', 'FOO'],
        ['COPY', 'src', 'x', 'DB', '1', 'DB', '2'],
        ['COPY', 'src', 'x', 'REPLACE', 'REPLACE'],
        ['SELECT', '2'],
        ['GET', 'x'],
        ['TTL', 'x'],
        ['SELECT', '1'],
        ['GET', 'src'],
        ['APPEND', 'src', '!'],
        ['SELECT', '0'],
        ['GET', 'src'],
        ['COPY', 'src'],
      ],
    ],
    [
      'FLUSHALL empties every database',
      [
        ['SET', 'a', '1'],
        ['SELECT', '5'],
        ['SET', 'b', '2'],
        ['FLUSHALL', 'bogus'],
        ['FLUSHALL', 'SYNC', 'ASYNC'],
        ['FLUSHALL', 'async'],
        ['DBSIZE'],
        ['SELECT', '0'],
        ['DBSIZE'],
        ['SET', 'c', '3'],
        ['FLUSHALL', 'SYNC'],
        ['DBSIZE'],
        ['FLUSHALL'],
      ],
    ],
    [
      'SCAN arguments and errors',
      [
        ['MSET', 'user:1', 'a', 'user:2', 'b', 'item:1', 'c'],
        ['SCAN', 'x'],
        ['SCAN', ' 0'],
        ['SCAN', '0 '],
        ['SCAN', '+'],
        ['SCAN', '1.5'],
        ['SCAN', '18446744073709551616'],
        ['SCAN', '0', 'COUNT', '0'],
        ['SCAN', '0', 'COUNT', '-1'],
        ['SCAN', '0', 'COUNT', 'x'],
        ['SCAN', '0', 'COUNT'],
        ['SCAN', '0', 'MATCH'],
        ['SCAN', '0', 'TYPE'],
        ['SCAN', '0', 'FOO', 'bar'],
        ['SCAN', 'x', 'COUNT', '0'],
        ['SCAN', '0', 'COUNT', '0', 'FOO'],
        ['SCAN'],
      ],
    ],
  ];

  for (const [name, commands] of cases) {
    it(name, async () => {
      const oracle = new Oracle(redis.client);
      for (const argv of commands) await oracle.both(argv);
    });
  }

  it('SCAN pages of a small keyspace hold the same keys', async () => {
    const oracle = new Oracle(redis.client);
    await oracle.both(['MSET', 'user:1', 'a', 'user:2', 'b', 'item:1', 'c', 'x', 'd']);
    await oracle.both(['SET', 'gone', 'e', 'PX', '1']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const pages: string[][] = [
      ['SCAN', '0'],
      ['SCAN', '00'],
      ['SCAN', ''],
      ['SCAN', '0', 'MATCH', 'user:*'],
      ['SCAN', '0', 'MATCH', '*'],
      ['SCAN', '0', 'match', 'nothing*', 'COUNT', '100'],
      ['SCAN', '0', 'TYPE', 'string'],
      ['SCAN', '0', 'TYPE', 'STRING', 'MATCH', 'item*'],
      ['SCAN', '0', 'TYPE', 'list'],
      ['SCAN', '0', 'COUNT', '1000', 'COUNT', '20'],
    ];
    for (const argv of pages) await oracle.both(argv, scanPage);
    await oracle.both(['DBSIZE']);
  });

  it('RANDOMKEY finds a key exactly when the database has one', async () => {
    const oracle = new Oracle(redis.client);
    await oracle.both(['RANDOMKEY']);
    await oracle.both(['SET', 'only', '1']);
    await oracle.both(['RANDOMKEY']);
    await oracle.both(['SET', 'short', '1', 'PX', '1']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 10; i++) await oracle.both(['RANDOMKEY']);
    await oracle.both(['DEL', 'only']);
    await oracle.both(['RANDOMKEY']);
    await oracle.both(['DBSIZE']);
    await oracle.both(['RANDOMKEY', 'x']);
  });
});

describe('seeded random key streams give identical replies', () => {
  const keys = ['k0', 'k1', 'k2', 'k3', 'k4', 'user:1', 'user:2', 'x'];
  const values = ['', 'a', '10', 'hello', '\xff\x00'];
  const dbs = ['0', '1', '2', '0', '1', '16', '-1', 'x'];

  function randomCommand(rng: SeededRng): [string[], Compare] {
    const k = () => pick(rng, keys);
    const d = () => pick(rng, dbs);
    const commands: (() => [string[], Compare])[] = [
      () => [['SET', k(), pick(rng, values)], 'exact'],
      () => [['SET', k(), pick(rng, values), 'EX', pick(rng, ['100', '200'])], 'exact'],
      () => [['GET', k()], 'exact'],
      () => [['DEL', k(), k()], 'exact'],
      () => [['UNLINK', k(), k()], 'exact'],
      () => [['EXISTS', k(), k()], 'exact'],
      () => [['TOUCH', k(), k()], 'exact'],
      () => [['RENAME', k(), k()], 'exact'],
      () => [['RENAMENX', k(), k()], 'exact'],
      () => [['PERSIST', k()], 'exact'],
      () => [['EXPIRE', k(), pick(rng, ['100', '300', '-1', 'x'])], 'exact'],
      () => [['EXPIREAT', k(), pick(rng, ['99999999999', '1'])], 'exact'],
      () => [['EXPIRETIME', k()], 'exact'],
      () => [
        ['PEXPIRETIME', k()],
        (r) => (r.kind === 'integer' && r.value > 0 ? '>0' : formatReply(r)),
      ],
      () => [['TTL', k()], 'exact'],
      () => [['TYPE', k()], 'exact'],
      () => [['SELECT', d()], 'exact'],
      () => [['MOVE', k(), d()], 'exact'],
      () => [['COPY', k(), k()], 'exact'],
      () => [['COPY', k(), k(), 'DB', d()], 'exact'],
      () => [['COPY', k(), k(), 'REPLACE'], 'exact'],
      () => [['COPY', k(), k(), pick(rng, ['DB', 'REPLACE', 'FOO'])], 'exact'],
      () => [['SWAPDB', d(), d()], 'exact'],
      () => [['DBSIZE'], 'exact'],
      () => [['RANDOMKEY'], foundOrNot],
      () => [['SCAN', '0'], scanPage],
      () => [['SCAN', '0', 'MATCH', pick(rng, ['k*', 'user:?', '*', '[kx]*'])], scanPage],
      () => [['SCAN', pick(rng, ['0', 'x', '-'])], scanPage],
      () => [['KEYS', pick(rng, ['*', 'k?', 'user:*'])], 'sorted'],
      () => [['FLUSHDB'], 'exact'],
      () => [[pick(rng, ['RENAME', 'MOVE', 'COPY', 'SWAPDB', 'SELECT', 'PERSIST']), k()], 'exact'],
    ];
    // FLUSHDB empties too often to leave much to compare; keep it rare.
    let made = pick(rng, commands)();
    if (made[0][0] === 'FLUSHDB' && rng.next() < 0.8) made = [['DBSIZE'], 'exact'];
    return made;
  }

  for (const seed of [31, 32, 33, 34, 35]) {
    it(`seed ${seed}: 500 commands`, async () => {
      const rng = new SeededRng(seed);
      const oracle = new Oracle(redis.client);
      for (let n = 0; n < 500; n++) {
        const [argv, compare] = randomCommand(rng);
        await oracle.both(argv, compare);
      }
      for (const db of ['0', '1', '2']) {
        await oracle.both(['SELECT', db]);
        await oracle.both(['KEYS', '*'], 'sorted');
      }
    });
  }
});

describe('SCAN keeps its promise against real Redis', () => {
  it('a full iteration returns every key present throughout, on both sides', async () => {
    const oracle = new Oracle(redis.client);
    const rng = new SeededRng(99);
    for (let i = 0; i < 300; i++) await oracle.both(['SET', `key:${i}`, String(i)]);
    // Keys that stay the whole time; the others may be deleted and re-added while scanning.
    const stable = new Set<string>();
    for (let i = 0; i < 300; i += 3) stable.add(`key:${i}`);
    for (const side of ['real', 'local'] as const) {
      const seen = new Set<string>();
      let cursor = '0';
      let calls = 0;
      do {
        const reply =
          side === 'real'
            ? await redis.client.call('SCAN', cursor, 'COUNT', '7')
            : oracle.local.run('SCAN', cursor, 'COUNT', '7');
        expect(reply.kind).toBe('array');
        if (reply.kind !== 'array') break;
        const [next, page] = reply.items;
        cursor = next?.kind === 'bulk' ? next.value : '0';
        if (page?.kind === 'array')
          for (const k of page.items) if (k.kind === 'bulk') seen.add(k.value);
        // Churn between calls: delete and re-create keys that are not in the stable set.
        for (let j = 0; j < 5; j++) {
          const n = 1 + 3 * Math.floor(rng.next() * 100);
          const argv = rng.next() < 0.5 ? ['DEL', `key:${n}`] : ['SET', `key:${n}`, 'x'];
          await oracle.both(argv);
          await oracle.both(['SET', `new:${Math.floor(rng.next() * 1000)}`, 'y']);
        }
        calls++;
      } while (cursor !== '0' && calls < 1000);
      expect(cursor, side).toBe('0');
      for (const key of stable) expect(seen.has(key), `${side} missed ${key}`).toBe(true);
    }
  });
});
