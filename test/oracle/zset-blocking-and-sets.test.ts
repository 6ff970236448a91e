import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SeededRng, formatReply, type Reply } from '../../src/engine/index.ts';
import { RealRedis, type RespClient } from '../helpers/real-redis.ts';
import { twoConnections, type Step } from '../helpers/two-connections.ts';
import { Oracle, type Compare } from './oracle.ts';

let server: RealRedis;
let client: RespClient;

beforeAll(async () => {
  server = await RealRedis.start();
  client = await server.connect();
});

afterAll(() => {
  client?.close();
  server?.stop();
});

beforeEach(async () => {
  await client.call('FLUSHALL');
});

describe('blocking sorted-set pops answer like redis-server 7.0', () => {
  it('pop at once when data is there, and refuse bad arguments in the same order', async () => {
    const oracle = new Oracle(client);
    for (const argv of [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd'],
      ['SET', 'str', 'v'],
      ['BZPOPMIN', 'nope', 'z', '0'],
      ['BZPOPMAX', 'nope', 'z', '1.5'],
      ['BZMPOP', '0', '2', 'nope', 'z', 'MIN'],
      ['BZMPOP', '0', '1', 'z', 'max', 'COUNT', '10'],
      ['EXISTS', 'z'],
      ['ZADD', 'z', '1', 'a'],
      ['BZPOPMIN', 'str', 'z', '0'],
      ['BZPOPMIN', 'nope', 'str', 'z', '0'],
      ['BZMPOP', '0', '2', 'str', 'z', 'MIN'],
      ['BZPOPMIN', 'z', 'x'],
      ['BZPOPMIN', 'z', '-1'],
      ['BZPOPMIN', 'z', 'inf'],
      ['BZPOPMIN', 'z', '1e400'],
      ['BZPOPMIN', 'z'],
      ['BZMPOP', '0', '0', 'z', 'MIN'],
      ['BZMPOP', 'x', '0', 'z', 'MIN'],
      ['BZMPOP', 'x', '1', 'z', 'MIN'],
      ['BZMPOP', '-1', '1', 'z', 'MIN'],
      ['BZMPOP', '0', '1', 'z', 'MID'],
      ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '0'],
      ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '1', 'COUNT', '2'],
      ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT'],
      ['BZMPOP', '0', '3', 'z', 'MIN'],
      ['BZMPOP', '0', '1', 'z'],
      ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '3'],
      ['EXISTS', 'z'],
    ]) {
      await oracle.both(argv);
    }
  });

  it('inside MULTI/EXEC a pop with no data answers nil at once, even with timeout 0', async () => {
    const oracle = new Oracle(client);
    for (const argv of [
      ['MULTI'],
      ['BZPOPMIN', 'q', '0'],
      ['BZPOPMAX', 'q', '10'],
      ['BZMPOP', '0', '1', 'q', 'MAX', 'COUNT', '2'],
      ['ZADD', 'q', '1', 'a', '2', 'b'],
      ['BZPOPMAX', 'q', '0'],
      ['BZMPOP', '0', '1', 'q', 'MIN', 'COUNT', '2'],
      ['EXEC'],
    ]) {
      await oracle.both(argv);
    }
  });

  it('a client blocked on a sorted set is served by a ZADD on another connection', async () => {
    const t = await twoConnections(server.port);
    try {
      const steps: Step[] = [
        [0, ['BZPOPMIN', 'q1', 'q2', '5']],
        [1, ['ZADD', 'q2', '3', 'c', '1', 'a', '2', 'b']],
        [1, ['ZRANGE', 'q2', '0', '-1', 'WITHSCORES']],
        [0, ['BZPOPMAX', 'q3', '5']],
        [1, ['RPUSH', 'q3', 'not', 'a', 'zset']],
        [1, ['DEL', 'q3']],
        [1, ['ZADD', 'q3', '1', 'x', '2', 'y']],
        [0, ['BZMPOP', '5', '2', 'q4', 'q5', 'MAX', 'COUNT', '5']],
        [1, ['ZADD', 'q5', '1', 'x', '2', 'y']],
        [1, ['EXISTS', 'q5']],
        [0, ['HELLO', '3']],
        [0, ['BZPOPMIN', 'q6', '5']],
        [1, ['ZINCRBY', 'q6', '2.5', 'm']],
        [0, ['BZMPOP', '5', '1', 'q7', 'MIN']],
        [1, ['ZUNIONSTORE', 'q7', '1', 'q2']],
        [0, ['BZPOPMIN', 'q8', '5']],
        [1, ['MULTI']],
        [1, ['ZADD', 'q8', '5', 'late']],
        [1, ['ZADD', 'q8', '1', 'early']],
        [1, ['EXEC']],
        [1, ['ZRANGE', 'q8', '0', '-1']],
      ];
      for (const s of steps) await t.step(s);
    } finally {
      t.close();
    }
  });

  it('a client blocked on a sorted set times out with a null, in RESP2 and RESP3', async () => {
    const t = await twoConnections(server.port);
    try {
      await t.step([0, ['BZPOPMIN', 'q', '0.05']]);
      await t.step([1, ['HELLO', '3']]);
      await t.step([1, ['BZMPOP', '0.05', '1', 'q', 'MIN']]);
      await t.wait(200);
      await t.step([0, ['BZPOPMAX', 'q', '0.05']]);
      await t.wait(200);
    } finally {
      t.close();
    }
  });
});

/**
 * A blocking pop with a 10 ms timeout on both sides: real Redis answers after the wait or at
 * once; the engine either answers at once or blocks, and is then timed out by hand.
 */
async function blockingBoth(oracle: Oracle, argv: string[]): Promise<void> {
  const { engine, session, clock } = oracle.local;
  const real = client.call(...argv);
  clock.set(Date.now() * 1000);
  let delivered: Reply | undefined;
  session.deliver = (r) => (delivered = r);
  let local = engine.execute(session, argv);
  if (local === undefined) {
    clock.advanceMs(11);
    engine.expireBlockedClients(engine.nowMs());
    local = delivered;
  }
  session.deliver = undefined;
  expect(local && formatReply(local), JSON.stringify(argv)).toBe(formatReply(await real));
}

describe('sorted-set operations take Set keys as members scoring 1', () => {
  it('ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD over sets and sorted sets', async () => {
    const oracle = new Oracle(client);
    for (const argv of [
      ['SADD', 's', 'a', 'b', 'c', 'd'],
      ['SADD', 'ints', '1', '2', '3', '10'],
      ['ZADD', 'z', '5', 'a', '0.5', 'b', '7', 'x', '-1', '2'],
      ['ZUNION', '2', 's', 'z', 'WITHSCORES'],
      ['ZUNION', '3', 's', 'ints', 'z', 'WEIGHTS', '2', '3', '0.5', 'WITHSCORES'],
      ['ZUNION', '2', 's', 'z', 'AGGREGATE', 'MIN', 'WITHSCORES'],
      ['ZUNION', '2', 's', 'z', 'AGGREGATE', 'MAX', 'WITHSCORES'],
      ['ZINTER', '2', 's', 'z', 'WITHSCORES'],
      ['ZINTER', '2', 'z', 's', 'WEIGHTS', '1', '10', 'WITHSCORES'],
      ['ZINTER', '2', 'ints', 'z', 'WITHSCORES'],
      ['ZINTER', '2', 's', 's', 'WITHSCORES'],
      ['ZDIFF', '2', 's', 'z', 'WITHSCORES'],
      ['ZDIFF', '2', 'z', 's', 'WITHSCORES'],
      ['ZDIFF', '3', 'ints', 'z', 'missing', 'WITHSCORES'],
      ['ZINTERCARD', '2', 's', 'z'],
      ['ZINTERCARD', '2', 's', 'z', 'LIMIT', '1'],
      ['ZINTERCARD', '2', 's', 'ints'],
      ['ZUNIONSTORE', 'dst', '2', 's', 'ints'],
      ['TYPE', 'dst'],
      ['OBJECT', 'ENCODING', 'dst'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZINTERSTORE', 'dst', '2', 's', 'z', 'WEIGHTS', '3', '1'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZDIFFSTORE', 'dst', '2', 's', 'z'],
      ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'],
      ['ZINTERSTORE', 'dst', '2', 's', 'ints'],
      ['EXISTS', 'dst'],
      ['ZUNIONSTORE', 's', '2', 's', 'z'],
      ['TYPE', 's'],
      ['ZRANGE', 's', '0', '-1', 'WITHSCORES'],
      ['RPUSH', 'l', 'a'],
      ['ZUNION', '2', 'ints', 'l'],
      ['ZINTERCARD', '2', 'ints', 'l'],
      ['SET', 'str', 'v'],
      ['ZDIFF', '2', 'str', 'ints'],
      ['ZRANGE', 'ints', '0', '-1'],
      ['ZCARD', 'ints'],
    ]) {
      await oracle.both(argv);
    }
  });

  it('a Set big enough for a skiplist result converts like a sorted set would', async () => {
    const oracle = new Oracle(client);
    const members = Array.from({ length: 200 }, (_, i) => `m${i}`);
    await oracle.both(['SADD', 'big', ...members]);
    await oracle.both(['ZUNIONSTORE', 'dst', '1', 'big']);
    await oracle.both(['OBJECT', 'ENCODING', 'dst']);
    await oracle.both(['ZCARD', 'dst']);
    await oracle.both(['ZINTER', '2', 'big', 'dst', 'WITHSCORES']);
  });

  describe('seeded random streams over mixed sets and sorted sets', () => {
    const keys = ['z0', 'z1', 's0', 's1', 'str', 'missing'];
    const members = ['a', 'b', 'c', '1', '2', '-3', 'long'];
    const pick = <T>(rng: SeededRng, xs: readonly T[]): T =>
      xs[Math.floor(rng.next() * xs.length)]!;

    function randomCommand(rng: SeededRng): [string[], Compare] {
      const k = () => pick(rng, keys);
      const m = () => pick(rng, members);
      const sc = () => pick(rng, ['0', '1', '-1', '2.5', 'inf', '-inf']);
      const n = () => pick(rng, ['1', '2', '2', '3']);
      const keyList = (count: string) => Array.from({ length: Number(count) }, k);
      const maybe = (p: number, ...xs: string[]) => (rng.next() < p ? xs : []);
      const commands: (() => [string[], Compare?])[] = [
        () => [['ZADD', pick(rng, ['z0', 'z1']), sc(), m(), sc(), m()]],
        () => [['SADD', pick(rng, ['s0', 's1']), m(), m(), m()]],
        () => [['SREM', pick(rng, ['s0', 's1']), m()]],
        () => [['ZREM', pick(rng, ['z0', 'z1']), m()]],
        () => {
          const c = n();
          const op = pick(rng, ['ZUNION', 'ZINTER', 'ZDIFF']);
          const weights = maybe(
            0.3,
            'WEIGHTS',
            ...keyList(c).map(() => pick(rng, ['1', '2', '0.5', '-1', '0'])),
          );
          const agg = maybe(0.3, 'AGGREGATE', pick(rng, ['SUM', 'MIN', 'MAX']));
          return [[op, c, ...keyList(c), ...weights, ...agg, ...maybe(0.6, 'WITHSCORES')]];
        },
        () => {
          const c = n();
          const op = pick(rng, ['ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE']);
          return [[op, pick(rng, ['dst', 'dst', 's1']), c, ...keyList(c)]];
        },
        () => {
          const c = n();
          return [['ZINTERCARD', c, ...keyList(c), ...maybe(0.3, 'LIMIT', '1')]];
        },
        () => [['ZRANGE', 'dst', '0', '-1', 'WITHSCORES']],
        () => [[pick(rng, ['BZPOPMIN', 'BZPOPMAX']), k(), k(), pick(rng, ['0.01', 'x', '-1'])]],
        () => {
          const c = pick(rng, ['1', '2', '0']);
          const count = maybe(0.5, 'COUNT', pick(rng, ['1', '3', '0']));
          return [['BZMPOP', '0.01', c, ...keyList(c), pick(rng, ['MIN', 'MAX']), ...count]];
        },
        () => [['SMEMBERS', pick(rng, ['s0', 's1'])], 'sorted'],
        () => [['TYPE', k()]],
        () => [['DEL', k()]],
      ];
      const [argv, compare] = pick(rng, commands)();
      for (let i = 1; i < argv.length; i++) if (argv[i] === 'long') argv[i] = 'L'.repeat(70);
      return [argv, compare ?? 'exact'];
    }

    for (const seed of [11, 12, 13, 14]) {
      it(`seed ${seed}: 400 commands`, async () => {
        const rng = new SeededRng(seed);
        const oracle = new Oracle(client);
        await oracle.both(['SET', 'str', 'v']);
        for (let i = 0; i < 400; i++) {
          const [argv, compare] = randomCommand(rng);
          if (argv[0]!.startsWith('BZ')) await blockingBoth(oracle, argv);
          else await oracle.both(argv, compare);
        }
      });
    }
  });
});

describe('CLIENT UNBLOCK answers like redis-server 7.0', () => {
  it('ends a wait with the timeout reply or an UNBLOCKED error, and refuses bad arguments', async () => {
    const t = await twoConnections(server.port);
    try {
      const [local, real] = await t.ids(0);
      const unblock = async (...rest: string[]) =>
        t.step([1, ['CLIENT', 'UNBLOCK', local, ...rest]], ['CLIENT', 'UNBLOCK', real, ...rest]);
      await unblock();
      await t.step([0, ['BZPOPMIN', 'q', '0']]);
      await unblock('BOGUS');
      await unblock('TIMEOUT', 'x');
      await unblock('timeout');
      await t.step([0, ['BLPOP', 'q', '0']]);
      await unblock('ERROR');
      await t.step([0, ['HELLO', '3']]);
      await t.step([0, ['BZMPOP', '0', '1', 'q', 'MIN']]);
      await unblock();
      await t.step([1, ['CLIENT', 'UNBLOCK', 'x']]);
      await t.step([1, ['CLIENT', 'UNBLOCK', 'x', 'BOGUS']]);
      await t.step([1, ['CLIENT', 'UNBLOCK', '999999']]);
      await t.step([1, ['CLIENT', 'UNBLOCK']]);
    } finally {
      t.close();
    }
  });
});
