import { describe, expect, it } from 'vitest';
import { encodingOf } from '../../src/engine/datatypes/hash.ts';
import { SeededRng, formatReply, type Reply } from '../../src/engine/index.ts';
import { withRealRedis } from '../helpers/real-redis.ts';
import { Oracle, type Compare } from './oracle.ts';

const redis = withRealRedis();

/** OBJECT ENCODING on the real server against the engine's encodingOf. */
async function sameEncoding(oracle: Oracle, key: string): Promise<void> {
  const real = formatReply(await redis.client.call('OBJECT', 'ENCODING', key));
  const value = oracle.local.engine.dbs[0]!.keys.get(key);
  const local =
    value === undefined ? '(nil)' : value.type === 'hash' ? `"${encodingOf(value)}"` : '?';
  expect(local, `encoding of ${key}`).toBe(real);
}

/** A field/value reply (a RESP2 flat array or a RESP3 map) as a sorted list of pairs. */
function pairs(reply: Reply): string {
  const flat =
    reply.kind === 'map'
      ? reply.entries.flat()
      : reply.kind === 'array' || reply.kind === 'set'
        ? reply.items
        : [reply];
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    out.push(`${formatReply(flat[i]!)} => ${flat[i + 1] ? formatReply(flat[i + 1]!) : ''}`);
  }
  return out.sort().join('\n');
}

/** An HSCAN reply as its cursor and the batch's pairs, sorted. */
function scanPairs(reply: Reply): string {
  if (reply.kind !== 'array' || reply.items.length !== 2) return formatReply(reply);
  return `${formatReply(reply.items[0]!)}: ${pairs(reply.items[1]!)}`;
}

/** Exact while the engine's hash is a listpack (same order as Redis), unordered after. */
function orderMode(oracle: Oracle, argv: readonly string[]): Compare {
  const value = oracle.local.engine.dbs[0]!.keys.get(argv[1] ?? '');
  if (value?.type !== 'hash' || encodingOf(value) !== 'hashtable') return 'exact';
  switch (argv[0]!.toUpperCase()) {
    case 'HKEYS':
    case 'HVALS':
      return 'sorted';
    case 'HSCAN':
      // Tiny dicts come back whole in one call on both sides only with the default COUNT.
      return argv.length === 3 || argv[3]?.toUpperCase() === 'MATCH' ? scanPairs : show0;
    default:
      return pairs;
  }
}

/** Only the reply's kind (for batches whose contents legitimately differ). */
function show0(reply: Reply): string {
  return reply.kind;
}

describe('the engine answers like redis-server 7.0 (hashes)', () => {
  const cases: [string, string[][]][] = [
    [
      'HSET, HGET, HMGET, HDEL and the listpack order',
      [
        ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
        ['HSET', 'h', 'a', '9'],
        ['HGETALL', 'h'],
        ['HDEL', 'h', 'b'],
        ['HSET', 'h', 'b', '5'],
        ['HGETALL', 'h'],
        ['HKEYS', 'h'],
        ['HVALS', 'h'],
        ['HGET', 'h', 'a'],
        ['HGET', 'h', 'zz'],
        ['HGET', 'nokey', 'a'],
        ['HMGET', 'h', 'a', 'zz', 'c'],
        ['HMGET', 'nokey', 'a', 'b'],
        ['HMSET', 'h', 'x', '1', 'y', '2'],
        ['HMSET', 'h', 'x'],
        ['HSET', 'h', 'x'],
        ['HSET', 'h'],
        ['HSETNX', 'h', 'x', 'new'],
        ['HSETNX', 'h', 'z', 'new'],
        ['HSETNX', 'fresh', 'f', 'v'],
        ['HLEN', 'h'],
        ['HLEN', 'nokey'],
        ['HEXISTS', 'h', 'x'],
        ['HEXISTS', 'h', 'nope'],
        ['HEXISTS', 'nokey', 'x'],
        ['HSTRLEN', 'h', 'z'],
        ['HSTRLEN', 'h', 'nope'],
        ['HSTRLEN', 'nokey', 'z'],
        ['HDEL', 'h', 'a', 'a', 'nope'],
        ['HDEL', 'nokey', 'a'],
        ['HDEL', 'fresh', 'f'],
        ['EXISTS', 'fresh'],
        ['HGETALL', 'nokey'],
        ['HKEYS', 'nokey'],
        ['HVALS', 'nokey'],
      ],
    ],
    [
      'type clashes and wrong arity',
      [
        ['SET', 's', 'str'],
        ['HSET', 's', 'a', '1'],
        ['HGET', 's', 'a'],
        ['HMGET', 's', 'a'],
        ['HDEL', 's', 'a'],
        ['HLEN', 's'],
        ['HGETALL', 's'],
        ['HKEYS', 's'],
        ['HINCRBY', 's', 'a', '1'],
        ['HINCRBY', 's', 'a', 'x'],
        ['HINCRBYFLOAT', 's', 'a', '1'],
        ['HSETNX', 's', 'a', '1'],
        ['HSTRLEN', 's', 'a'],
        ['HEXISTS', 's', 'a'],
        ['HRANDFIELD', 's'],
        ['HRANDFIELD', 's', '3'],
        ['HRANDFIELD', 's', 'x'],
        ['HSCAN', 's', '0'],
        ['HSCAN', 's', 'x'],
        ['HSET', 'h', 'f', 'v'],
        ['GET', 'h'],
        ['HGET', 'h'],
        ['HLEN'],
        ['HGETALL', 'h', 'x'],
        ['HINCRBY', 'h', 'f'],
        ['HSETNX', 'h', 'f'],
        ['HSCAN', 'h'],
      ],
    ],
    [
      'HINCRBY at the edges of int64',
      [
        ['HINCRBY', 'h', 'n', '5'],
        ['HINCRBY', 'h', 'n', '-10'],
        ['HSET', 'h', 'big', '9223372036854775806'],
        ['HINCRBY', 'h', 'big', '1'],
        ['HINCRBY', 'h', 'big', '1'],
        ['HSET', 'h', 'small', '-9223372036854775808'],
        ['HINCRBY', 'h', 'small', '-1'],
        ['HINCRBY', 'h', 'small', '9223372036854775807'],
        ['HSET', 'h', 'text', 'abc'],
        ['HINCRBY', 'h', 'text', '1'],
        ['HSET', 'h', 'sp', ' 1'],
        ['HINCRBY', 'h', 'sp', '1'],
        ['HSET', 'h', 'f', '1.5'],
        ['HINCRBY', 'h', 'f', '1'],
        ['HINCRBY', 'h', 'n', '1.5'],
        ['HINCRBY', 'h', 'n', '99999999999999999999'],
        ['HINCRBY', 'nokey', 'n', 'x'],
        ['EXISTS', 'nokey'],
        ['HGETALL', 'h'],
      ],
    ],
    [
      'HINCRBYFLOAT prints long doubles as Redis does',
      [
        ['HINCRBYFLOAT', 'h', 'f', '10.5'],
        ['HINCRBYFLOAT', 'h', 'f', '3.0e3'],
        ['HINCRBYFLOAT', 'h', 'f', '1.1'],
        ['HINCRBYFLOAT', 'h', 'f', '2.2'],
        ['HINCRBYFLOAT', 'h', 'g', '1.1'],
        ['HINCRBYFLOAT', 'h', 'g', '2.2'],
        ['HINCRBYFLOAT', 'h', 'p', '0.1'],
        ['HINCRBYFLOAT', 'h', 'p', '0.2'],
        ['HINCRBYFLOAT', 'h', 'p', '-0.3'],
        ['HINCRBYFLOAT', 'h', 'q', '-0.000000000000000001'],
        ['HINCRBYFLOAT', 'h', 'q', '5e20'],
        ['HINCRBYFLOAT', 'h', 'r', '1.7976931348623157e308'],
        ['HINCRBYFLOAT', 'h', 'r', '1e308'],
        ['HINCRBYFLOAT', 'h', 's', '3e-4951'],
        ['HINCRBYFLOAT', 'h', 's', '1e-4952'],
        ['HINCRBYFLOAT', 'h', 'hex', '0x10'],
        ['HINCRBYFLOAT', 'h', 'hex', '0x1.8p1'],
        ['HINCRBYFLOAT', 'h', 'big', '1e4932'],
        ['HINCRBYFLOAT', 'h', 'big', '1e4932'],
        ['HINCRBYFLOAT', 'h', 'x', '1e5000'],
        ['HINCRBYFLOAT', 'h', 'x', 'inf'],
        ['HINCRBYFLOAT', 'h', 'x', '-Infinity'],
        ['HINCRBYFLOAT', 'h', 'x', 'nan'],
        ['HINCRBYFLOAT', 'h', 'x', ' 1'],
        ['HINCRBYFLOAT', 'h', 'x', '1 '],
        ['HINCRBYFLOAT', 'h', 'x', '1e'],
        ['HINCRBYFLOAT', 'h', 'x', '.'],
        ['HINCRBYFLOAT', 'h', 'x', ''],
        ['HINCRBYFLOAT', 'h', 'x', '1.'],
        ['HINCRBYFLOAT', 'h', 'x', '.5'],
        ['HINCRBYFLOAT', 'h', 'x', '-5'],
        ['HINCRBYFLOAT', 'h', 'x', '+7'],
        ['HSET', 'h', 'str', 'abc', 'inf', 'inf', 'int', '12'],
        ['HINCRBYFLOAT', 'h', 'str', '1'],
        ['HINCRBYFLOAT', 'h', 'inf', '1'],
        ['HINCRBYFLOAT', 'h', 'int', '0.5'],
        ['HINCRBYFLOAT', 'h', 'int', '-12.5'],
      ],
    ],
    [
      'HSCAN of a listpack: everything at once, MATCH, COUNT and bad cursors',
      [
        ['HSET', 'h', 'name', 'ann', 'age', '30', 'nick', 'a', 'n2', 'b'],
        ['HSCAN', 'h', '0'],
        ['HSCAN', 'h', '7'],
        ['HSCAN', 'h', '0', 'MATCH', 'n*'],
        ['HSCAN', 'h', '0', 'match', '*'],
        ['HSCAN', 'h', '0', 'COUNT', '1'],
        ['HSCAN', 'h', '0', 'COUNT', '0'],
        ['HSCAN', 'h', '0', 'COUNT', '-1'],
        ['HSCAN', 'h', '0', 'COUNT', 'x'],
        ['HSCAN', 'h', '0', 'COUNT'],
        ['HSCAN', 'h', '0', 'MATCH'],
        ['HSCAN', 'h', '0', 'TYPE', 'hash'],
        ['HSCAN', 'h', '0', 'BOGUS', '1'],
        ['HSCAN', 'h', 'abc'],
        ['HSCAN', 'h', ' 1'],
        ['HSCAN', 'h', '1 '],
        ['HSCAN', 'h', '-1'],
        ['HSCAN', 'h', '+3'],
        ['HSCAN', 'h', ''],
        ['HSCAN', 'h', '18446744073709551615'],
        ['HSCAN', 'h', '18446744073709551616'],
        ['HSCAN', 'nokey', '0', 'COUNT', '0'],
        ['HSCAN', 'nokey', 'x'],
      ],
    ],
    [
      'HRANDFIELD argument checks and whole-hash answers',
      [
        ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
        ['HRANDFIELD', 'nokey'],
        ['HRANDFIELD', 'nokey', '3'],
        ['HRANDFIELD', 'nokey', '-3', 'WITHVALUES'],
        ['HRANDFIELD', 'h', '0'],
        ['HRANDFIELD', 'h', '3'],
        ['HRANDFIELD', 'h', '10', 'WITHVALUES'],
        ['HRANDFIELD', 'h', 'x'],
        ['HRANDFIELD', 'h', '1', 'WITHSCORES'],
        ['HRANDFIELD', 'h', '1', 'WITHVALUES', 'x'],
        ['HRANDFIELD', 'h', 'x', 'WITHVALUES', 'x'],
        ['HRANDFIELD', 'h', '-9223372036854775808'],
        ['HRANDFIELD', 'h', '9223372036854775807', 'WITHVALUES'],
        ['HRANDFIELD', 'h', '-4611686018427387904', 'WITHVALUES'],
      ],
    ],
  ];

  for (const [name, commands] of cases) {
    it(name, async () => {
      const oracle = new Oracle(redis.client);
      for (const argv of commands) await oracle.both(argv);
    });
  }

  it('switches listpack to hashtable at 512 fields and at 65-byte values, never back', async () => {
    const oracle = new Oracle(redis.client);
    for (let i = 0; i < 512; i++) await oracle.both(['HSET', 'many', `f${i}`, `${i}`]);
    await sameEncoding(oracle, 'many');
    await oracle.both(['HGETALL', 'many']);
    await oracle.both(['HSET', 'many', 'f0', 'again']);
    await sameEncoding(oracle, 'many');
    await oracle.both(['HSET', 'many', 'f512', 'x']);
    await sameEncoding(oracle, 'many');
    await oracle.both(['HDEL', 'many', 'f512', 'f511', 'f510']);
    await sameEncoding(oracle, 'many');
    await oracle.both(['HGETALL', 'many'], pairs);
    await oracle.both(['HKEYS', 'many'], 'sorted');

    const v64 = 'v'.repeat(64);
    const v65 = 'v'.repeat(65);
    await oracle.both(['HSET', 'wide', 'a', v64]);
    await sameEncoding(oracle, 'wide');
    await oracle.both(['HSET', 'wide', 'f'.repeat(64), '1']);
    await sameEncoding(oracle, 'wide');
    await oracle.both(['HSETNX', 'wide', 'a', v65]);
    await sameEncoding(oracle, 'wide');
    // HSET converts on a long argument even when it only overwrites.
    await oracle.both(['HSET', 'wide', 'a', v65]);
    await sameEncoding(oracle, 'wide');
    await oracle.both(['HSET', 'wide', 'a', '1']);
    await sameEncoding(oracle, 'wide');

    await oracle.both(['HSET', 'wf', 'a', '1']);
    await oracle.both(['HINCRBYFLOAT', 'wf', 'k'.repeat(65), '1']);
    await sameEncoding(oracle, 'wf');
    await oracle.both(['HSET', 'wi', 'a', '1']);
    await oracle.both(['HINCRBY', 'wi', 'k'.repeat(65), '1']);
    await sameEncoding(oracle, 'wi');
    await oracle.both(['HSET', 'wn', 'a', '1']);
    await oracle.both(['HSETNX', 'wn', 'a', v65]);
    await sameEncoding(oracle, 'wn');
  });

  it('follows CONFIG SET thresholds read at write time', async () => {
    const oracle = new Oracle(redis.client);
    await redis.client.call('CONFIG', 'SET', 'hash-max-listpack-entries', '4');
    await redis.client.call('CONFIG', 'SET', 'hash-max-listpack-value', '8');
    oracle.local.engine.config['hash-max-listpack-entries'] = 4;
    oracle.local.engine.config['hash-max-listpack-value'] = 8;
    try {
      await oracle.both(['HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4']);
      await sameEncoding(oracle, 'h');
      await oracle.both(['HSET', 'h', 'e', '5']);
      await sameEncoding(oracle, 'h');
      await oracle.both(['HSET', 'g', 'a', '12345678']);
      await sameEncoding(oracle, 'g');
      await oracle.both(['HSET', 'g', 'a', '123456789']);
      await sameEncoding(oracle, 'g');
    } finally {
      await redis.client.call('CONFIG', 'SET', 'hash-max-listpack-entries', '512');
      await redis.client.call('CONFIG', 'SET', 'hash-max-listpack-value', '64');
    }
  });

  it('a full HSCAN of a hashtable returns every field exactly as Redis holds them', async () => {
    const oracle = new Oracle(redis.client);
    const args: string[] = [];
    for (let i = 0; i < 700; i++) args.push(`field:${i}`, `value:${i}`);
    await oracle.both(['HSET', 'big', ...args]);
    await sameEncoding(oracle, 'big');
    const collect = async (call: (argv: string[]) => Promise<Reply> | Reply) => {
      const seen = new Map<string, string>();
      let cursor = '0';
      do {
        const reply = await call(['HSCAN', 'big', cursor, 'COUNT', '50', 'MATCH', '*1*']);
        if (reply.kind !== 'array') throw new Error(formatReply(reply));
        const [next, items] = reply.items as [Reply, Reply];
        cursor = next.kind === 'bulk' ? next.value : '0';
        if (items.kind !== 'array') throw new Error('bad batch');
        for (let i = 0; i < items.items.length; i += 2) {
          seen.set(formatReply(items.items[i]!), formatReply(items.items[i + 1]!));
        }
      } while (cursor !== '0');
      return [...seen].sort().join('\n');
    };
    const real = await collect((argv) => redis.client.call(...argv));
    const local = await collect((argv) => oracle.local.run(...argv));
    expect(local).toBe(real);
  });

  it('HRANDFIELD picks fields that exist, distinct for a positive count, in RESP2 and RESP3 shapes', async () => {
    const oracle = new Oracle(redis.client);
    const fields = Array.from({ length: 20 }, (_, i) => [`f${i}`, `v${i}`]).flat();
    await oracle.both(['HSET', 'small', ...fields]);
    const big = Array.from({ length: 600 }, (_, i) => [`f${i}`, `v${i}`]).flat();
    await oracle.both(['HSET', 'big', ...big]);
    const { run, session } = oracle.local;
    for (const key of ['small', 'big']) {
      for (const count of ['5', '-30', '15', '1', '-1']) {
        const real = await redis.client.call('HRANDFIELD', key, count, 'WITHVALUES');
        const local = run('HRANDFIELD', key, count, 'WITHVALUES');
        expect(shape(local)).toEqual(shape(real));
        const items = local.kind === 'array' ? local.items : [];
        const picked: string[] = [];
        for (let i = 0; i < items.length; i += 2) {
          const [f, v] = [formatReply(items[i]!), formatReply(items[i + 1]!)];
          expect(v).toBe(f.replace('f', 'v'));
          picked.push(f);
        }
        if (!count.startsWith('-')) expect(new Set(picked).size).toBe(picked.length);
      }
      const one = run('HRANDFIELD', key);
      expect(one.kind).toBe('bulk');
    }
    session.protocol = 3;
    await redis.client.call('HELLO', '3');
    try {
      const real = await redis.client.call('HRANDFIELD', 'small', '-3', 'WITHVALUES');
      const local = run('HRANDFIELD', 'small', '-3', 'WITHVALUES');
      expect(shape(local)).toEqual(shape(real));
      await oracle.both(['HGETALL', 'small']);
      await oracle.both(['HGETALL', 'nokey']);
      await oracle.both(['HRANDFIELD', 'nokey', '2', 'WITHVALUES']);
    } finally {
      await redis.client.call('HELLO', '2');
      session.protocol = 2;
    }
  });
});

/** The nesting and kinds of a reply, without its contents. */
function shape(reply: Reply): string {
  if (reply.kind === 'array' || reply.kind === 'set') {
    return `${reply.kind}(${reply.items.map(shape).join(',')})`;
  }
  return reply.kind;
}

describe('seeded random hash command streams give identical replies', () => {
  const keys = ['h0', 'h1', 'h2', 'str'];
  const fields = ['a', 'b', 'c', 'd', 'e', 'n', 'x\r\ny', '\xff\x00', 'long'];
  const values = ['', '1', '-3', '10', 'hello', '3.5', '9223372036854775807', ' 1', '01', 'v'];
  values.push('w'.repeat(65));
  const pick = <T>(rng: SeededRng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;

  function randomCommand(rng: SeededRng): string[] {
    const k = () => pick(rng, keys);
    const f = () => pick(rng, fields);
    const v = () => pick(rng, values);
    const n = () => pick(rng, ['1', '-1', '0', '5', '100', 'x', '1.5', '9223372036854775807']);
    const commands: (() => string[])[] = [
      () => ['HSET', k(), f(), v()],
      () => ['HSET', k(), f(), v(), f(), v()],
      () => ['HMSET', k(), f(), v()],
      () => ['HSETNX', k(), f(), v()],
      () => ['HGET', k(), f()],
      () => ['HMGET', k(), f(), f()],
      () => ['HDEL', k(), f(), f()],
      () => ['HLEN', k()],
      () => ['HEXISTS', k(), f()],
      () => ['HSTRLEN', k(), f()],
      () => ['HINCRBY', k(), f(), n()],
      () => ['HINCRBYFLOAT', k(), f(), pick(rng, ['1.5', '-0.1', '3e2', 'x', '0x1p-3', '1'])],
      () => ['HKEYS', k()],
      () => ['HVALS', k()],
      () => ['HGETALL', k()],
      () => ['HSCAN', k(), '0'],
      () => ['HSCAN', k(), '0', 'MATCH', pick(rng, ['*', '[a-c]', '?', 'l*'])],
      () => ['HSCAN', k(), pick(rng, ['0', 'x', '-1']), 'COUNT', n()],
      () => ['HRANDFIELD', k(), pick(rng, ['0', '9', '100']), 'WITHVALUES'],
      () => ['SET', 'str', v()],
      () => ['DEL', k()],
      () => ['TYPE', k()],
      () => [pick(rng, ['HSET', 'HGET', 'HDEL', 'HLEN', 'HINCRBY', 'HMGET']), k()],
    ];
    const argv = pick(rng, commands)();
    if (rng.next() < 0.3) argv[0] = argv[0]!.toLowerCase();
    return argv;
  }

  for (const seed of [11, 12, 13, 14]) {
    it(`seed ${seed}: 400 commands`, async () => {
      const rng = new SeededRng(seed);
      const oracle = new Oracle(redis.client);
      for (let i = 0; i < 400; i++) {
        const argv = randomCommand(rng);
        const key = argv[1] ?? '';
        const name = argv[0]!.toUpperCase();
        const unordered = ['HKEYS', 'HVALS', 'HGETALL', 'HSCAN', 'HRANDFIELD'].includes(name);
        const mode = unordered ? orderMode(oracle, argv) : 'exact';
        await oracle.both(argv, mode);
        if (keys.includes(key) && key !== 'str') await sameEncoding(oracle, key);
      }
      for (const key of keys) await oracle.both(['TYPE', key]);
    });
  }
});
