import { describe, expect, it } from 'vitest';
import { SeededRng, formatReply, type Reply } from '../../src/engine/index.ts';
import { withRealRedis } from '../helpers/real-redis.ts';
import { Oracle } from './oracle.ts';

const redis = withRealRedis();

const LONG_MAX = '9223372036854775807';
const LONG_MIN = '-9223372036854775808';

describe('the engine answers like redis-server 7.0 (lists)', () => {
  const cases: [string, string[][]][] = [
    [
      'pushes, lengths and the type of a list',
      [
        ['LPUSH', 'l', 'a', 'b', 'c'],
        ['RPUSH', 'l', 'd', 'e'],
        ['LRANGE', 'l', '0', '-1'],
        ['LLEN', 'l'],
        ['LLEN', 'nope'],
        ['TYPE', 'l'],
        ['LPUSHX', 'nope', 'a'],
        ['RPUSHX', 'nope', 'a', 'b'],
        ['EXISTS', 'nope'],
        ['LPUSHX', 'l', 'x', 'y'],
        ['RPUSHX', 'l', 'z'],
        ['LRANGE', 'l', '0', '-1'],
        ['SET', 's', 'v'],
        ['LPUSH', 's', 'a'],
        ['RPUSHX', 's', 'a'],
        ['LLEN', 's'],
        ['LPUSH', 'l'],
        ['RPUSH'],
        ['LPUSH', 'bin', '', '\x00\xff', 'x\r\ny', '123', '-5'],
        ['LRANGE', 'bin', '0', '-1'],
      ],
    ],
    [
      'LPOP and RPOP with and without a count',
      [
        ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'],
        ['LPOP', 'l'],
        ['RPOP', 'l'],
        ['LPOP', 'l', '0'],
        ['LPOP', 'l', '2'],
        ['RPOP', 'l', '5'],
        ['EXISTS', 'l'],
        ['LPOP', 'l'],
        ['LPOP', 'l', '0'],
        ['LPOP', 'l', '3'],
        ['RPUSH', 'l', 'a', 'b', 'c'],
        ['LPOP', 'l', '-1'],
        ['LPOP', 'l', 'x'],
        ['LPOP', 'l', '1.5'],
        ['RPOP', 'l', LONG_MAX],
        ['LPOP', 'l', '1', '2'],
        ['RPOP', 'l', '1', '2', '3'],
        ['SET', 's', 'v'],
        ['LPOP', 's'],
        ['RPOP', 's', '0'],
        ['RPOP', 's', '-1'],
        ['LPOP'],
      ],
    ],
    [
      'LRANGE, LINDEX and LSET at every edge index',
      [
        ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'],
        ['LRANGE', 'l', '1', '3'],
        ['LRANGE', 'l', '-2', '-1'],
        ['LRANGE', 'l', '-100', '100'],
        ['LRANGE', 'l', '3', '1'],
        ['LRANGE', 'l', '5', '10'],
        ['LRANGE', 'l', '-1', '-2'],
        ['LRANGE', 'l', '0', '0'],
        ['LRANGE', 'l', LONG_MIN, LONG_MAX],
        ['LRANGE', 'l', 'a', '1'],
        ['LRANGE', 'l', '0', '9223372036854775808'],
        ['LRANGE', 'nope', '0', '-1'],
        ['LRANGE', 'nope', 'x', '-1'],
        ['LINDEX', 'l', '0'],
        ['LINDEX', 'l', '-1'],
        ['LINDEX', 'l', '-5'],
        ['LINDEX', 'l', '-6'],
        ['LINDEX', 'l', '5'],
        ['LINDEX', 'l', 'x'],
        ['LINDEX', 'nope', 'x'],
        ['LINDEX', 'l', LONG_MIN],
        ['LSET', 'l', '0', 'A'],
        ['LSET', 'l', '-1', 'E'],
        ['LSET', 'l', '5', 'z'],
        ['LSET', 'l', '-6', 'z'],
        ['LSET', 'l', 'x', 'z'],
        ['LSET', 'nope', '0', 'z'],
        ['LSET', 'nope', 'x', 'z'],
        ['LRANGE', 'l', '0', '-1'],
        ['SET', 's', 'v'],
        ['LINDEX', 's', '0'],
        ['LINDEX', 's', 'x'],
        ['LSET', 's', 'x', 'z'],
        ['LRANGE', 's', '0', '1'],
        ['LRANGE', 's', 'x', '1'],
      ],
    ],
    [
      'LREM from either end, LINSERT and LTRIM',
      [
        ['RPUSH', 'l', 'a', 'b', 'a', 'c', 'a', 'b', 'a'],
        ['LREM', 'l', '2', 'a'],
        ['LRANGE', 'l', '0', '-1'],
        ['LREM', 'l', '-1', 'a'],
        ['LRANGE', 'l', '0', '-1'],
        ['LREM', 'l', '0', 'b'],
        ['LRANGE', 'l', '0', '-1'],
        ['LREM', 'l', '1', 'zz'],
        ['LREM', 'l', 'x', 'a'],
        ['LREM', 'nope', 'x', 'a'],
        ['LREM', 'l', LONG_MIN, 'a'],
        ['LRANGE', 'l', '0', '-1'],
        ['LREM', 'l', '0', 'c'],
        ['EXISTS', 'l'],
        ['RPUSH', 'l', 'a', 'b', 'c'],
        ['LINSERT', 'l', 'BEFORE', 'a', 'x'],
        ['LINSERT', 'l', 'after', 'c', 'y'],
        ['LINSERT', 'l', 'AFTER', 'b', 'z'],
        ['LINSERT', 'l', 'before', 'nothere', 'z'],
        ['LINSERT', 'l', 'middle', 'a', 'z'],
        ['LINSERT', 'nope', 'BEFORE', 'a', 'z'],
        ['LINSERT', 'nope', 'middle', 'a', 'z'],
        ['LRANGE', 'l', '0', '-1'],
        ['LTRIM', 'l', '1', '-2'],
        ['LRANGE', 'l', '0', '-1'],
        ['LTRIM', 'l', '-100', '100'],
        ['LTRIM', 'l', 'x', '1'],
        ['LTRIM', 'nope', '0', '1'],
        ['LTRIM', 'l', '2', '1'],
        ['EXISTS', 'l'],
        ['SET', 's', 'v'],
        ['LREM', 's', '0', 'a'],
        ['LREM', 's', 'x', 'a'],
        ['LINSERT', 's', 'BEFORE', 'a', 'b'],
        ['LINSERT', 's', 'bad', 'a', 'b'],
        ['LTRIM', 's', '0', '1'],
        ['LTRIM', 's', 'x', '1'],
      ],
    ],
    [
      'LPOS with RANK, COUNT, MAXLEN and their errors',
      [
        ['RPUSH', 'l', 'a', 'b', 'c', 'a', 'b', 'c', 'a'],
        ['LPOS', 'l', 'a'],
        ['LPOS', 'l', 'c'],
        ['LPOS', 'l', 'zz'],
        ['LPOS', 'l', 'a', 'RANK', '2'],
        ['LPOS', 'l', 'a', 'RANK', '-1'],
        ['LPOS', 'l', 'a', 'RANK', '-3'],
        ['LPOS', 'l', 'a', 'RANK', '4'],
        ['LPOS', 'l', 'a', 'COUNT', '0'],
        ['LPOS', 'l', 'a', 'COUNT', '2'],
        ['LPOS', 'l', 'a', 'COUNT', '2', 'RANK', '-1'],
        ['LPOS', 'l', 'a', 'RANK', '2', 'COUNT', '0'],
        ['LPOS', 'l', 'a', 'MAXLEN', '3'],
        ['LPOS', 'l', 'a', 'MAXLEN', '3', 'RANK', '2'],
        ['LPOS', 'l', 'a', 'COUNT', '0', 'MAXLEN', '4'],
        ['LPOS', 'l', 'a', 'RANK', '-2', 'COUNT', '2', 'MAXLEN', '5'],
        ['LPOS', 'l', 'zz', 'COUNT', '0'],
        ['LPOS', 'l', 'a', 'RANK', LONG_MAX, 'COUNT', '1'],
        ['LPOS', 'l', 'a', 'rank', '0'],
        ['LPOS', 'l', 'a', 'RANK', 'x'],
        ['LPOS', 'l', 'a', 'COUNT', '-1'],
        ['LPOS', 'l', 'a', 'COUNT', 'x'],
        ['LPOS', 'l', 'a', 'MAXLEN', '-1'],
        ['LPOS', 'l', 'a', 'MAXLEN', 'x'],
        ['LPOS', 'l', 'a', 'RANK'],
        ['LPOS', 'l', 'a', 'FOO', '1'],
        ['LPOS', 'nope', 'a'],
        ['LPOS', 'nope', 'a', 'COUNT', '1'],
        ['LPOS', 'nope', 'a', 'RANK', '0'],
        ['SET', 's', 'v'],
        ['LPOS', 's', 'a'],
        ['LPOS', 's', 'a', 'RANK', '0'],
        ['LPOS', 'l'],
      ],
    ],
    [
      'LMOVE and RPOPLPUSH, including onto the same list and onto the wrong type',
      [
        ['RPUSH', 'src', 'a', 'b', 'c'],
        ['LMOVE', 'src', 'dst', 'LEFT', 'RIGHT'],
        ['LMOVE', 'src', 'dst', 'right', 'left'],
        ['LRANGE', 'dst', '0', '-1'],
        ['LMOVE', 'src', 'src', 'LEFT', 'RIGHT'],
        ['LRANGE', 'src', '0', '-1'],
        ['RPOPLPUSH', 'src', 'dst'],
        ['EXISTS', 'src'],
        ['RPOPLPUSH', 'src', 'dst'],
        ['LMOVE', 'src', 'dst', 'LEFT', 'LEFT'],
        ['LMOVE', 'dst', 'dst', 'UP', 'LEFT'],
        ['LMOVE', 'dst', 'dst', 'LEFT', 'DOWN'],
        ['SET', 's', 'v'],
        ['LMOVE', 'dst', 's', 'LEFT', 'LEFT'],
        ['RPOPLPUSH', 'dst', 's'],
        ['LRANGE', 'dst', '0', '-1'],
        ['RPOPLPUSH', 's', 'dst'],
        ['RPOPLPUSH', 'nope', 's'],
        ['LMOVE', 'nope', 's', 'LEFT', 'LEFT'],
        ['RPUSH', 'one', 'x'],
        ['RPOPLPUSH', 'one', 'one'],
        ['LRANGE', 'one', '0', '-1'],
      ],
    ],
    [
      'LMPOP: numkeys, directions, COUNT and its errors',
      [
        ['RPUSH', 'b', '1', '2', '3', '4'],
        ['RPUSH', 'c', 'x'],
        ['LMPOP', '3', 'a', 'b', 'c', 'LEFT'],
        ['LMPOP', '3', 'a', 'b', 'c', 'RIGHT', 'COUNT', '2'],
        ['LMPOP', '2', 'b', 'c', 'left', 'count', '10'],
        ['LMPOP', '2', 'b', 'c', 'LEFT'],
        ['LMPOP', '2', 'b', 'c', 'LEFT'],
        ['LMPOP', '0', 'b', 'LEFT'],
        ['LMPOP', '-1', 'b', 'LEFT'],
        ['LMPOP', 'x', 'b', 'LEFT'],
        ['LMPOP', '1', 'b', 'MIDDLE'],
        ['LMPOP', '2', 'b', 'LEFT'],
        ['LMPOP', '5', 'b', 'LEFT'],
        ['LMPOP', LONG_MAX, 'b', 'LEFT'],
        ['LMPOP', '1', 'b', 'LEFT', 'COUNT'],
        ['LMPOP', '1', 'b', 'LEFT', 'COUNT', '0'],
        ['LMPOP', '1', 'b', 'LEFT', 'COUNT', '-1'],
        ['LMPOP', '1', 'b', 'LEFT', 'COUNT', 'x'],
        ['LMPOP', '1', 'b', 'LEFT', 'COUNT', '1', 'COUNT', '1'],
        ['LMPOP', '1', 'b', 'LEFT', 'FOO'],
        ['LMPOP', '1', 'b'],
        ['SET', 's', 'v'],
        ['RPUSH', 'l', 'a'],
        ['LMPOP', '2', 'nope', 's', 'LEFT'],
        ['LMPOP', '2', 'l', 's', 'LEFT'],
        ['LMPOP', '2', 's', 'l', 'LEFT'],
      ],
    ],
    [
      'blocking commands that find data reply at once, with their argument errors',
      [
        ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'],
        ['BLPOP', 'nope', 'l', '0'],
        ['BRPOP', 'l', 'nope', '1.5'],
        ['BLMOVE', 'l', 'dst', 'LEFT', 'RIGHT', '0'],
        ['BRPOPLPUSH', 'l', 'dst', '0'],
        ['BLMPOP', '0', '2', 'nope', 'l', 'RIGHT', 'COUNT', '2'],
        ['LRANGE', 'dst', '0', '-1'],
        ['BLPOP', 'l', '-1'],
        ['BLPOP', 'l', 'abc'],
        ['BLPOP', 'l', ''],
        ['BLPOP', 'l', ' 1'],
        ['BLPOP', 'l', 'nan'],
        ['BLPOP', 'l', 'inf'],
        ['BLPOP', 'l', '1e400'],
        ['BLPOP', 'l', '1e5000'],
        ['BLPOP', 'l', '9223372036854776'],
        ['BLPOP', 'l', '0x10'],
        ['BLMOVE', 'l', 'dst', 'LEFT', 'UP', 'x'],
        ['BLMOVE', 'l', 'dst', 'LEFT', 'LEFT', 'x'],
        ['BLMOVE', 'l', 'dst', 'LEFT', 'LEFT', '-1'],
        ['BRPOPLPUSH', 'l', 'dst', '-0.5'],
        ['BLMPOP', 'x', '1', 'l', 'LEFT'],
        ['BLMPOP', '0', '0', 'l', 'LEFT'],
        ['BLMPOP', '-1', '1', 'l', 'LEFT', 'COUNT', '0'],
        ['BLMPOP', '0', '1', 'l', 'LEFT', 'COUNT', '0'],
        ['BLMPOP', '0', '1', 'l'],
        ['SET', 's', 'v'],
        ['BLPOP', 'nope', 's', '0'],
        ['BLPOP', 'l', 's', '0'],
        ['BLMOVE', 's', 'dst', 'LEFT', 'LEFT', '0'],
        ['BLMOVE', 'l', 's', 'LEFT', 'LEFT', '0'],
        ['BLMPOP', '0', '2', 's', 'l', 'LEFT'],
        ['LRANGE', 'l', '0', '-1'],
        ['BLPOP', 'l'],
        ['BLMOVE', 'l', 'dst', 'LEFT', 'LEFT'],
      ],
    ],
  ];

  for (const [name, commands] of cases) {
    it(name, async () => {
      const oracle = new Oracle(redis.client);
      for (const argv of commands) await oracle.both(argv);
    });
  }

  it('a long list built from both ends reads back the same everywhere', async () => {
    const oracle = new Oracle(redis.client);
    const rng = new SeededRng(7);
    for (let i = 0; i < 40; i++) {
      const values = Array.from(
        { length: 50 },
        (_, j) => `v${i}-${j}-${Math.floor(rng.next() * 5)}`,
      );
      await oracle.both([i % 3 === 0 ? 'LPUSH' : 'RPUSH', 'big', ...values]);
    }
    await oracle.both(['LRANGE', 'big', '0', '-1']);
    await oracle.both(['LRANGE', 'big', '-700', '-600']);
    await oracle.both(['LINDEX', 'big', '1234']);
    await oracle.both(['LPOS', 'big', 'v3-7-1', 'RANK', '-1']);
    await oracle.both(['LREM', 'big', '0', 'v5-5-2']);
    await oracle.both(['LREM', 'big', '-3', 'v30-1-0']);
    await oracle.both(['LINSERT', 'big', 'AFTER', 'v20-20-3', 'new']);
    await oracle.both(['LTRIM', 'big', '100', '-100']);
    await oracle.both(['LPOP', 'big', '333']);
    await oracle.both(['RPOP', 'big', '333']);
    await oracle.both(['LRANGE', 'big', '0', '-1']);
    await oracle.both(['LLEN', 'big']);
  });
});

describe('blocking list commands against a second connection', () => {
  it('a short timeout with no data replies with a null for every blocking command', async () => {
    const oracle = new Oracle(redis.client);
    const { engine, session, clock } = oracle.local;
    const commands = [
      ['BLPOP', 'a', 'b', '0.05'],
      ['BRPOP', 'a', '0.05'],
      ['BLMOVE', 'a', 'b', 'LEFT', 'RIGHT', '0.05'],
      ['BRPOPLPUSH', 'a', 'b', '0.05'],
      ['BLMPOP', '0.05', '2', 'a', 'b', 'LEFT', 'COUNT', '3'],
    ];
    for (const argv of commands) {
      const real = await redis.client.call(...argv);
      let delivered: Reply | undefined;
      session.deliver = (r) => (delivered = r);
      expect(engine.execute(session, argv)).toBeUndefined();
      clock.advanceMs(51);
      engine.expireBlockedClients(engine.nowMs());
      expect(delivered && formatReply(delivered), argv.join(' ')).toBe(formatReply(real));
      expect(delivered?.kind).toBe(real.kind);
    }
  });

  it('a push on another connection wakes the blocked client with the same reply', async () => {
    const other = await redis.server.connect();
    try {
      const oracle = new Oracle(redis.client);
      const { engine, clock } = oracle.local;
      const blocked = engine.createSession();
      const scenarios: [string[], string[]][] = [
        [
          ['BLPOP', 'q1', 'q2', '5'],
          ['RPUSH', 'q2', 'x', 'y'],
        ],
        [
          ['BRPOP', 'q3', '5'],
          ['LPUSH', 'q3', 'a', 'b', 'c'],
        ],
        [
          ['BLMOVE', 'q4', 'dst', 'RIGHT', 'LEFT', '5'],
          ['RPUSH', 'q4', 'm', 'n'],
        ],
        [
          ['BLMPOP', '5', '2', 'q5', 'q6', 'RIGHT', 'COUNT', '2'],
          ['RPUSH', 'q6', '1', '2', '3'],
        ],
      ];
      for (const [block, push] of scenarios) {
        const realBlocked = other.call(...block);
        // Give the real server time to register the blocked client before the push.
        await new Promise((r) => setTimeout(r, 30));
        let delivered: Reply | undefined;
        blocked.deliver = (r) => (delivered = r);
        clock.set(Date.now() * 1000);
        expect(engine.execute(blocked, block)).toBeUndefined();
        await oracle.both(push);
        expect(delivered && formatReply(delivered), block.join(' ')).toBe(
          formatReply(await realBlocked),
        );
        await oracle.both(['LRANGE', push[1]!, '0', '-1']);
      }
      await oracle.both(['LRANGE', 'dst', '0', '-1']);
    } finally {
      other.close();
    }
  });
});

describe('seeded random list command streams give identical replies', () => {
  const keys = ['l0', 'l1', 'l2', 's0', 'missing'];
  const values = ['a', 'b', 'c', '', '1', '-2', '9223372036854775807', 'x\r\ny', '\xff\x00'];
  const indexes = ['0', '1', '-1', '2', '-3', '5', '-10', '100', 'x', '1.5', LONG_MAX, LONG_MIN];
  const counts = ['0', '1', '2', '3', '-1', '-2', '10', 'x', LONG_MAX];
  const pick = <T>(rng: SeededRng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;

  function randomCommand(rng: SeededRng): string[] {
    const k = () => pick(rng, keys);
    const v = () => pick(rng, values);
    const i = () => pick(rng, indexes);
    const n = () => pick(rng, counts);
    const end = () => pick(rng, ['LEFT', 'RIGHT', 'left', 'right', 'MIDDLE']);
    const vs = () => Array.from({ length: 1 + Math.floor(rng.next() * 4) }, v);
    const commands: (() => string[])[] = [
      () => ['LPUSH', k(), ...vs()],
      () => ['RPUSH', k(), ...vs()],
      () => ['RPUSH', k(), ...vs()],
      () => ['LPUSHX', k(), ...vs()],
      () => ['RPUSHX', k(), ...vs()],
      () => ['LPOP', k()],
      () => ['RPOP', k()],
      () => ['LPOP', k(), n()],
      () => ['RPOP', k(), n()],
      () => ['LLEN', k()],
      () => ['LRANGE', k(), i(), i()],
      () => ['LINDEX', k(), i()],
      () => ['LSET', k(), i(), v()],
      () => ['LREM', k(), n(), v()],
      () => ['LINSERT', k(), pick(rng, ['BEFORE', 'AFTER', 'after', 'nowhere']), v(), v()],
      () => ['LTRIM', k(), i(), i()],
      () => ['LPOS', k(), v()],
      () => ['LPOS', k(), v(), 'RANK', i(), 'COUNT', n()],
      () => ['LPOS', k(), v(), 'COUNT', n(), 'MAXLEN', n()],
      () => ['LPOS', k(), v(), pick(rng, ['RANK', 'COUNT', 'MAXLEN', 'BOGUS'])],
      () => ['LMOVE', k(), k(), end(), end()],
      () => ['RPOPLPUSH', k(), k()],
      () => ['LMPOP', pick(rng, ['1', '2', '3', '0', 'x']), k(), k(), end()],
      () => ['LMPOP', '2', k(), k(), end(), 'COUNT', n()],
      () => ['BLPOP', k(), k(), '0.01'],
      () => ['BLMPOP', '0.01', '2', k(), k(), end(), 'COUNT', n()],
      () => ['SET', pick(rng, ['s0', 'l2']), v()],
      () => ['DEL', k()],
      () => ['TYPE', k()],
      () => ['EXISTS', k(), k()],
      // wrong arity on purpose
      () => [pick(rng, ['LPUSH', 'RPOP', 'LRANGE', 'LINDEX', 'LSET', 'LREM', 'LINSERT', 'LMOVE'])],
      () => ['LRANGE', k(), '0'],
      () => ['LPOP', k(), '1', '2'],
    ];
    const argv = pick(rng, commands)();
    if (rng.next() < 0.2) argv[0] = argv[0]!.toLowerCase();
    return argv;
  }

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: 400 commands`, async () => {
      const rng = new SeededRng(seed);
      const oracle = new Oracle(redis.client);
      for (let n = 0; n < 400; n++) {
        const argv = randomCommand(rng);
        const blocking = argv[0]!.toUpperCase().startsWith('BL');
        // A blocking command that would wait is compared in the unit tests, not here.
        if (blocking && (await wouldBlock(oracle, argv))) continue;
        await oracle.both(argv);
      }
      for (const key of keys) await oracle.both(['LRANGE', key, '0', '-1']);
    });
  }

  /** True when a blocking call has no list to pop from (the engine side checks the same). */
  async function wouldBlock(oracle: Oracle, argv: string[]): Promise<boolean> {
    const probe = argv[0]!.toUpperCase() === 'BLPOP' ? argv.slice(1, -1) : argv.slice(3, 5);
    for (const key of probe) {
      const type = await redis.client.call('TYPE', key);
      if (type.kind === 'status' && type.value !== 'none') return false;
    }
    // The argument errors come before the wait: let those through when they would fire.
    const local = oracle.local.engine.execute(oracle.local.session, argv);
    if (local === undefined) {
      oracle.local.engine.unblock(oracle.local.session);
      return true;
    }
    // The engine did not block: it must have replied with an argument error.
    expect(local.kind, JSON.stringify(argv)).toBe('error');
    const real = await redis.client.call(...argv);
    expect(formatReply(local)).toBe(formatReply(real));
    return true;
  }
});
