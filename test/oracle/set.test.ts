import { describe, expect, it } from 'vitest';
import { encodingOf } from '../../src/engine/datatypes/set.ts';
import { SeededRng, formatReply, type Reply } from '../../src/engine/index.ts';
import { withRealRedis } from '../helpers/real-redis.ts';
import { Oracle, type Compare } from './oracle.ts';

const redis = withRealRedis();

async function sameEncoding(oracle: Oracle, key: string): Promise<void> {
  const real = formatReply(await redis.client.call('OBJECT', 'ENCODING', key));
  const value = oracle.local.engine.dbs[0]!.keys.get(key);
  const local =
    value === undefined ? '(nil)' : value.type === 'set' ? `"${encodingOf(value)}"` : '?';
  expect(local, `encoding of ${key}`).toBe(real);
}

function members(reply: Reply): string[] {
  return reply.kind === 'array' || reply.kind === 'set'
    ? reply.items.map((r) => formatReply(r))
    : [];
}

/** An SSCAN reply as its cursor and the batch, sorted. */
function scanSorted(reply: Reply): string {
  if (reply.kind !== 'array' || reply.items.length !== 2) return formatReply(reply);
  return `${formatReply(reply.items[0]!)}: ${members(reply.items[1]!).sort().join(',')}`;
}

function kindOnly(reply: Reply): string {
  return reply.kind;
}

/**
 * Exact when every set the command reads is an intset (Redis replies in ascending order then,
 * and so do we) or missing; sorted when a hashtable is involved.
 */
function orderMode(oracle: Oracle, argv: readonly string[]): Compare {
  const db = oracle.local.engine.dbs[0]!;
  const name = argv[0]!.toUpperCase();
  const keys = name === 'SMEMBERS' || name === 'SSCAN' ? [argv[1]!] : argv.slice(1);
  const hashtable = keys.some((k) => {
    const v = db.keys.get(k);
    return v?.type === 'set' && encodingOf(v) === 'hashtable';
  });
  if (name === 'SSCAN') {
    if (!hashtable) return 'exact';
    return argv.length === 3 || argv[3]?.toUpperCase() === 'MATCH' ? scanSorted : kindOnly;
  }
  // SINTER walks its smallest input: only all-intset inputs give a known order.
  return hashtable ? 'sorted' : 'exact';
}

describe('the engine answers like redis-server 7.0 (sets)', () => {
  const cases: [string, string[][]][] = [
    [
      'SADD, SREM, SISMEMBER, SMISMEMBER, SCARD, SMEMBERS of an intset',
      [
        ['SADD', 's', '5', '3', '1', '-2', '3'],
        ['SMEMBERS', 's'],
        ['SADD', 's', '9223372036854775807', '-9223372036854775808', '0'],
        ['SMEMBERS', 's'],
        ['SISMEMBER', 's', '3'],
        ['SISMEMBER', 's', '03'],
        ['SISMEMBER', 's', 'x'],
        ['SISMEMBER', 'nokey', 'x'],
        ['SMISMEMBER', 's', '1', '2', 'x'],
        ['SMISMEMBER', 'nokey', '1', '2'],
        ['SCARD', 's'],
        ['SCARD', 'nokey'],
        ['SREM', 's', '1', 'x', '1', '07'],
        ['SREM', 'nokey', '1'],
        ['SMEMBERS', 'nokey'],
        ['SSCAN', 's', '0'],
        ['SSCAN', 's', '12', 'MATCH', '*9*', 'COUNT', '1'],
        ['SREM', 's', '5', '3', '-2', '9223372036854775807', '-9223372036854775808', '0', '9'],
        ['EXISTS', 's'],
      ],
    ],
    [
      'type clashes, wrong arity and bad options',
      [
        ['SET', 'str', 'x'],
        ['SADD', 'str', 'a'],
        ['SREM', 'str', 'a'],
        ['SMEMBERS', 'str'],
        ['SISMEMBER', 'str', 'a'],
        ['SMISMEMBER', 'str', 'a'],
        ['SCARD', 'str'],
        ['SPOP', 'str'],
        ['SPOP', 'str', '2'],
        ['SPOP', 'str', '-2'],
        ['SRANDMEMBER', 'str'],
        ['SRANDMEMBER', 'str', '2'],
        ['SSCAN', 'str', '0'],
        ['SADD', 's', 'a'],
        ['SINTER', 's', 'str'],
        ['SINTER', 'nokey', 'str'],
        ['SUNION', 's', 'str'],
        ['SDIFF', 'nokey', 'str'],
        ['SINTERSTORE', 'dst', 's', 'str'],
        ['SINTERCARD', '2', 's', 'str'],
        ['SMOVE', 's', 'str', 'a'],
        ['SMOVE', 'str', 's', 'a'],
        ['SMOVE', 'nokey', 'str', 'a'],
        ['SADD', 's'],
        ['SREM', 's'],
        ['SCARD'],
        ['SMOVE', 's', 'x'],
        ['SPOP', 's', '1', '2'],
        ['SRANDMEMBER', 's', '1', '2'],
        ['SPOP', 's', 'x'],
        ['SPOP', 's', '-1'],
        ['SPOP', 'nokey', '-1'],
        ['SRANDMEMBER', 's', 'x'],
        ['SRANDMEMBER', 's', '-9223372036854775808'],
        ['SINTERCARD', '0', 's'],
        ['SINTERCARD', 'x', 's'],
        ['SINTERCARD', '3', 's', 's'],
        ['SINTERCARD', '1', 's', 'LIMIT'],
        ['SINTERCARD', '1', 's', 'LIMIT', '-1'],
        ['SINTERCARD', '1', 's', 'LIMIT', 'x'],
        ['SINTERCARD', '1', 's', 'BOGUS', '1'],
        ['SINTERCARD', '1'],
        ['SSCAN', 's', 'x'],
        ['SSCAN', 's', '0', 'COUNT', '0'],
        ['SSCAN', 's', '0', 'TYPE', 'set'],
        ['SSCAN', 'nokey', '0', 'COUNT', '0'],
      ],
    ],
    [
      'intersections, unions and differences of intsets, in ascending order',
      [
        ['SADD', 'a', '1', '2', '3', '4', '5'],
        ['SADD', 'b', '4', '5', '6', '7'],
        ['SADD', 'c', '5', '7', '9'],
        ['SINTER', 'a', 'b'],
        ['SINTER', 'a', 'b', 'c'],
        ['SINTER', 'a', 'nokey'],
        ['SINTER', 'a', 'a'],
        ['SUNION', 'a', 'b', 'nokey', 'c'],
        ['SDIFF', 'a', 'b'],
        ['SDIFF', 'a', 'b', 'c'],
        ['SDIFF', 'a', 'a'],
        ['SDIFF', 'nokey', 'a'],
        ['SDIFF', 'c', 'nokey'],
        ['SINTERCARD', '2', 'a', 'b'],
        ['SINTERCARD', '3', 'a', 'b', 'c', 'LIMIT', '0'],
        ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '1'],
        ['SINTERCARD', '2', 'a', 'nokey'],
        ['SET', 'dst', 'old'],
        ['EXPIRE', 'dst', '100'],
        ['SINTERSTORE', 'dst', 'a', 'b'],
        ['TTL', 'dst'],
        ['SMEMBERS', 'dst'],
        ['SUNIONSTORE', 'dst', 'a', 'c'],
        ['SMEMBERS', 'dst'],
        ['SDIFFSTORE', 'dst', 'a', 'b'],
        ['SMEMBERS', 'dst'],
        ['SINTERSTORE', 'dst', 'a', 'nokey'],
        ['EXISTS', 'dst'],
        ['SUNIONSTORE', 'dst', 'nokey'],
        ['SDIFFSTORE', 'a', 'a', 'b'],
        ['SMEMBERS', 'a'],
        ['SUNIONSTORE', 'a', 'a', 'c'],
        ['SMEMBERS', 'a'],
      ],
    ],
    [
      'SMOVE between sets and onto new keys',
      [
        ['SADD', 'src', '1', '2', 'x'],
        ['SMOVE', 'src', 'dst', '1'],
        ['SMOVE', 'src', 'dst', '1'],
        ['SMOVE', 'src', 'src', 'x'],
        ['SMOVE', 'src', 'src', 'nope'],
        ['SMOVE', 'src', 'dst', 'x'],
        ['SMOVE', 'src', 'dst', '2'],
        ['EXISTS', 'src'],
        ['SMEMBERS', 'dst'],
        ['SADD', 'other', '2'],
        ['SMOVE', 'dst', 'other', '2'],
        ['SCARD', 'other'],
      ],
    ],
    [
      'SPOP and SRANDMEMBER whose answer is the whole set',
      [
        ['SADD', 's', '3', '1', '2'],
        ['SRANDMEMBER', 's', '3'],
        ['SRANDMEMBER', 's', '100'],
        ['SRANDMEMBER', 's', '0'],
        ['SRANDMEMBER', 'nokey'],
        ['SRANDMEMBER', 'nokey', '5'],
        ['SPOP', 'nokey'],
        ['SPOP', 'nokey', '5'],
        ['SPOP', 's', '0'],
        ['SPOP', 's', '3'],
        ['EXISTS', 's'],
        ['SADD', 's', 'b', 'a'],
        ['SPOP', 's', '5'],
      ],
    ],
  ];

  for (const [name, commands] of cases) {
    it(name, async () => {
      const oracle = new Oracle(redis.client);
      for (const argv of commands) {
        const mode = ['SPOP', 'SRANDMEMBER'].includes(argv[0]!)
          ? 'sorted'
          : orderMode(oracle, argv);
        await oracle.both(argv, mode);
      }
    });
  }

  it('keeps an intset up to 512 integers and converts for good on a string or the 513th', async () => {
    const oracle = new Oracle(redis.client);
    const ints = Array.from({ length: 512 }, (_, i) => String(i * 7 - 1000));
    await oracle.both(['SADD', 'ints', ...ints]);
    await sameEncoding(oracle, 'ints');
    await oracle.both(['SMEMBERS', 'ints']);
    await oracle.both(['SSCAN', 'ints', '0']);
    await oracle.both(['SADD', 'ints', '5000']);
    await sameEncoding(oracle, 'ints');
    await oracle.both(['SREM', 'ints', '5000', '-1000']);
    await sameEncoding(oracle, 'ints');

    for (const [key, first] of [
      ['a', '1'],
      ['b', '01'],
      ['c', '-0'],
      ['d', '+1'],
      ['e', '9223372036854775808'],
      ['f', ' 1'],
      ['g', '1.0'],
    ] as const) {
      await oracle.both(['SADD', key, first]);
      await sameEncoding(oracle, key);
    }
    await oracle.both(['SADD', 'a', 'x']);
    await sameEncoding(oracle, 'a');
    await oracle.both(['SREM', 'a', 'x']);
    await sameEncoding(oracle, 'a');

    // Results are built as fresh sets, so their encoding follows their contents.
    await oracle.both(['SADD', 'mixed', '1', '2', 'x']);
    await oracle.both(['SINTERSTORE', 'r1', 'mixed', 'a']);
    await sameEncoding(oracle, 'r1');
    await oracle.both(['SDIFFSTORE', 'r2', 'mixed', 'a']);
    await sameEncoding(oracle, 'r2');
    await oracle.both(['SUNIONSTORE', 'r3', 'mixed']);
    await sameEncoding(oracle, 'r3');
    await oracle.both(['SMOVE', 'mixed', 'r4', 'x']);
    await sameEncoding(oracle, 'r4');
    await oracle.both(['SMOVE', 'mixed', 'r5', '1']);
    await sameEncoding(oracle, 'r5');
    await oracle.both(['SMEMBERS', 'mixed'], 'sorted');
    await sameEncoding(oracle, 'mixed');
  });

  it('SPOP of most of a set rebuilds it, so a hashtable of integers becomes an intset', async () => {
    const oracle = new Oracle(redis.client);
    const many = Array.from({ length: 600 }, (_, i) => String(i));
    await oracle.both(['SADD', 'big', ...many]);
    await sameEncoding(oracle, 'big');
    const real = members(await redis.client.call('SPOP', 'big', '590'));
    const local = members(oracle.local.run('SPOP', 'big', '590'));
    expect(local.length).toBe(real.length);
    expect(new Set(local).size).toBe(590);
    await sameEncoding(oracle, 'big');
    await oracle.both(['SCARD', 'big']);
    // A light pop keeps the encoding.
    await oracle.both(['SADD', 'str', 'a', 'b', 'c', 'd', 'e', 'f']);
    expect(members(oracle.local.run('SPOP', 'str', '2'))).toHaveLength(2);
    await redis.client.call('SPOP', 'str', '2');
    await sameEncoding(oracle, 'str');
  });

  it('follows CONFIG SET set-max-intset-entries', async () => {
    const oracle = new Oracle(redis.client);
    await redis.client.call('CONFIG', 'SET', 'set-max-intset-entries', '3');
    oracle.local.engine.config['set-max-intset-entries'] = 3;
    try {
      await oracle.both(['SADD', 's', '1', '2', '3']);
      await sameEncoding(oracle, 's');
      await oracle.both(['SADD', 's', '4']);
      await sameEncoding(oracle, 's');
    } finally {
      await redis.client.call('CONFIG', 'SET', 'set-max-intset-entries', '512');
    }
  });

  it('SDIFFSTORE picks the same algorithm, so the same result encoding, as Redis', async () => {
    const oracle = new Oracle(redis.client);
    const big = Array.from({ length: 600 }, (_, i) => String(i));
    await oracle.both(['SADD', 'big', ...big]);
    await oracle.both(['SADD', 'most', ...big.slice(0, 590)]);
    // Algorithm 2 (copy the first set, then remove) goes through a hashtable.
    await oracle.both(['SDIFFSTORE', 'r', 'big', 'most']);
    await sameEncoding(oracle, 'r');
    await oracle.both(['SMEMBERS', 'r'], 'sorted');
    await oracle.both(['SADD', 'few', '1', '2']);
    await oracle.both(['SDIFFSTORE', 'r2', 'few', 'most', 'big', 'big', 'big']);
    await sameEncoding(oracle, 'r2');
  });

  it('a full SSCAN of a hashtable returns every member, like Redis', async () => {
    const oracle = new Oracle(redis.client);
    const many = Array.from({ length: 800 }, (_, i) => `m${i}`);
    await oracle.both(['SADD', 'big', ...many]);
    const collect = async (call: (argv: string[]) => Promise<Reply> | Reply) => {
      const seen = new Set<string>();
      let cursor = '0';
      do {
        const reply = await call(['SSCAN', 'big', cursor, 'COUNT', '37', 'MATCH', '*7*']);
        if (reply.kind !== 'array') throw new Error(formatReply(reply));
        const [next, batch] = reply.items as [Reply, Reply];
        cursor = next.kind === 'bulk' ? next.value : '0';
        for (const m of members(batch)) seen.add(m);
      } while (cursor !== '0');
      return [...seen].sort().join(',');
    };
    expect(await collect((argv) => oracle.local.run(...argv))).toBe(
      await collect((argv) => redis.client.call(...argv)),
    );
  });

  it('random members come from the set, distinct for a positive count; RESP3 shapes match', async () => {
    const oracle = new Oracle(redis.client);
    await oracle.both(['SADD', 'ints', ...Array.from({ length: 30 }, (_, i) => String(i))]);
    await oracle.both(['SADD', 'strs', ...Array.from({ length: 700 }, (_, i) => `s${i}`)]);
    const { run, session } = oracle.local;
    for (const key of ['ints', 'strs']) {
      const all = new Set(members(run('SMEMBERS', key)));
      for (const count of ['1', '5', '20', '-50', '-1']) {
        const real = await redis.client.call('SRANDMEMBER', key, count);
        const local = run('SRANDMEMBER', key, count);
        expect(local.kind).toBe(real.kind);
        const picked = members(local);
        expect(picked.length).toBe(members(real).length);
        for (const m of picked) expect(all.has(m)).toBe(true);
        if (!count.startsWith('-')) expect(new Set(picked).size).toBe(picked.length);
      }
      expect(all.has(formatReply(run('SRANDMEMBER', key)))).toBe(true);
    }
    session.protocol = 3;
    await redis.client.call('HELLO', '3');
    try {
      for (const argv of [
        ['SMEMBERS', 'ints'],
        ['SINTER', 'ints', 'ints'],
        ['SUNION', 'ints'],
        ['SDIFF', 'ints', 'nokey'],
        ['SMEMBERS', 'nokey'],
        ['SPOP', 'nokey', '2'],
        ['SRANDMEMBER', 'nokey', '2'],
        ['SSCAN', 'ints', '0'],
      ]) {
        const real = await redis.client.call(...argv);
        const local = run(...argv);
        expect(local.kind, argv.join(' ')).toBe(real.kind);
        expect(members(local).sort()).toEqual(members(real).sort());
      }
      const real = await redis.client.call('SPOP', 'ints', '3');
      expect(run('SPOP', 'ints', '3').kind).toBe(real.kind);
    } finally {
      await redis.client.call('HELLO', '2');
      session.protocol = 2;
    }
  });
});

/**
 * SPOP of part of a set: both sides pop members of the set they held, as many as asked;
 * then the key is rewritten on both sides with what real Redis kept, so the streams go on
 * from the same state.
 */
async function randomPop(oracle: Oracle, argv: string[]): Promise<void> {
  const key = argv[1]!;
  const before = new Set(members(await redis.client.call('SMEMBERS', key)));
  const real = await redis.client.call(...argv);
  const local = oracle.local.run(...argv);
  expect(local.kind === 'set' ? 'array' : local.kind).toBe(real.kind);
  if (real.kind === 'error' || before.size === 0) {
    expect(formatReply(local)).toBe(formatReply(real));
    return;
  }
  const popped = local.kind === 'bulk' ? [formatReply(local)] : members(local);
  expect(popped.length).toBe(real.kind === 'bulk' ? 1 : members(real).length);
  for (const m of popped) expect(before.has(m), `${m} was in ${key}`).toBe(true);
  expect(new Set(popped).size).toBe(popped.length);
  const kept = await redis.client.call('SMEMBERS', key);
  const keptRaw =
    kept.kind === 'array' ? kept.items.map((r) => (r.kind === 'bulk' ? r.value : '')) : [];
  await oracle.both(['DEL', key]);
  if (keptRaw.length > 0) await oracle.both(['SADD', key, ...keptRaw]);
}

describe('seeded random set command streams give identical replies', () => {
  const keys = ['s0', 's1', 's2', 'str'];
  const items = ['1', '2', '3', '-5', '10', '01', 'a', 'b', '', 'x\r\ny', '9223372036854775807'];
  const pick = <T>(rng: SeededRng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;

  function randomCommand(rng: SeededRng): string[] {
    const k = () => pick(rng, keys);
    const m = () => pick(rng, items);
    const n = () => pick(rng, ['0', '1', '2', '5', '-1', 'x']);
    const commands: (() => string[])[] = [
      () => ['SADD', k(), m(), m()],
      () => ['SADD', k(), m()],
      () => ['SREM', k(), m(), m()],
      () => ['SISMEMBER', k(), m()],
      () => ['SMISMEMBER', k(), m(), m()],
      () => ['SCARD', k()],
      () => ['SMEMBERS', k()],
      () => ['SINTER', k(), k()],
      () => ['SUNION', k(), k()],
      () => ['SDIFF', k(), k(), k()],
      () => ['SINTERCARD', pick(rng, ['1', '2', '0', '3']), k(), k(), 'LIMIT', n()],
      () => ['SINTERSTORE', k(), k(), k()],
      () => ['SUNIONSTORE', k(), k(), k()],
      () => ['SDIFFSTORE', k(), k(), k()],
      () => ['SMOVE', k(), k(), m()],
      () => ['SSCAN', k(), '0', 'MATCH', pick(rng, ['*', '[0-9]', '?', 'a*'])],
      () => ['SRANDMEMBER', k(), pick(rng, ['0', '100', 'x', '-0'])],
      () => ['SPOP', k(), pick(rng, ['0', '100', 'x', '-1'])],
      () => ['SET', 'str', m()],
      () => ['DEL', k()],
      () => ['TYPE', k()],
      () => ['SPOP', k()],
      () => ['SPOP', k(), pick(rng, ['1', '2'])],
      () => [pick(rng, ['SADD', 'SREM', 'SCARD', 'SMOVE', 'SINTERSTORE', 'SSCAN']), k()],
    ];
    const argv = pick(rng, commands)();
    if (rng.next() < 0.3) argv[0] = argv[0]!.toLowerCase();
    return argv;
  }

  for (const seed of [21, 22, 23, 24]) {
    it(`seed ${seed}: 400 commands`, async () => {
      const rng = new SeededRng(seed);
      const oracle = new Oracle(redis.client);
      for (let i = 0; i < 400; i++) {
        const argv = randomCommand(rng);
        const name = argv[0]!.toUpperCase();
        if (name === 'SPOP' && (argv.length === 2 || argv[2] === '1' || argv[2] === '2')) {
          await randomPop(oracle, argv);
          continue;
        }
        const mode = name === 'SRANDMEMBER' || name === 'SPOP' ? 'sorted' : orderMode(oracle, argv);
        await oracle.both(argv, mode);
        for (const key of keys)
          if (key !== 'str' && argv.includes(key)) await sameEncoding(oracle, key);
      }
    });
  }
});
