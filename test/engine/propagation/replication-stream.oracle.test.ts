/**
 * The replication stream of redis-sim's RESP server against a real redis-server 7.0.15:
 * both get a raw replica attached with SYNC, run the same commands, and must stream the
 * same propagated commands (SELECT, MULTI/EXEC and every 7.0 rewrite included). Absolute
 * times (SET ... PXAT, PEXPIREAT) may differ by the moment each server ran the command.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../../src/engine/index.ts';
import { startRespServer, type RespServer } from '../../../tools/resp-server.ts';
import { RealRedis, RespClient } from '../../helpers/real-redis.ts';
import { ReplicaStream } from '../../helpers/replica-stream.ts';

type Step =
  | readonly string[]
  /** Sent by a second client, which blocks; the next step runs once it is blocked. */
  | { readonly block: readonly string[] }
  | { readonly sleep: number };

const END = '__end_of_scenario__';
/** Absolute ms times of the two servers may differ by this much. */
const TIME_TOLERANCE_MS = 5000;

let real: RealRedis;
let ours: RespServer;
const dir = mkdtempSync(join(tmpdir(), 'redis-sim-repl-'));

beforeAll(async () => {
  // SYNC without capabilities gets a disk-based payload: keep its file out of the worktree.
  real = await RealRedis.start([
    '--dir',
    dir,
    '--repl-diskless-sync',
    'no',
    '--enable-debug-command',
    'yes',
  ]);
  ours = await startRespServer({ port: 0 });
  // Started with --enable-debug-command yes, as the real one (DEBUG SET-ACTIVE-EXPIRE).
  ours.engine.config['enable-debug-command'] = 'yes';
}, 20_000);

afterAll(async () => {
  real?.stop();
  await ours?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function blockedClients(client: RespClient): Promise<number> {
  const info = await client.call('INFO', 'clients');
  const text = info.kind === 'bulk' || info.kind === 'verbatim' ? info.value : '';
  return Number(/blocked_clients:(\d+)/.exec(text)?.[1] ?? 0);
}

/** Runs the steps on one server with a replica attached; returns what the replica got. */
async function streamOf(
  port: number,
  steps: readonly Step[],
  setup: readonly (readonly string[])[] = [],
): Promise<string[][]> {
  const a = await RespClient.connect(port);
  const b = await RespClient.connect(port);
  const pending: Promise<unknown>[] = [];
  try {
    await a.call('SELECT', '0');
    await a.call('FLUSHALL');
    await a.call('CONFIG', 'SET', 'repl-ping-replica-period', '3600');
    for (const argv of setup) await a.call(...argv);
    const stream = await ReplicaStream.attach(port);
    try {
      await stream.synced();
      for (const step of steps) {
        if ('sleep' in step) await sleep(step.sleep);
        else if ('block' in step) {
          // One blocked client at a time: the step before it served the previous one.
          pending.push(b.call(...step.block));
          while ((await blockedClients(a)) < 1) await sleep(5);
        } else {
          await a.call(...step);
        }
      }
      await Promise.all(pending);
      await a.call('PUBLISH', END, 'x');
      await stream.waitFor((cmds) => cmds.some((c) => c[1] === END));
      const end = stream.commands.findIndex((c) => c[1] === END);
      return stream.commands.slice(0, end).filter((c) => c[0]!.toLowerCase() !== 'ping');
    } finally {
      stream.close();
    }
  } finally {
    a.close();
    b.close();
  }
}

/** Ours with absolute times replaced by real Redis's where they are within the tolerance. */
function alignTimes(expected: string[][], actual: string[][]): string[][] {
  return actual.map((argv, i) =>
    argv.map((arg, j) => {
      const other = expected[i]?.[j];
      const isTime = (s: string | undefined) => s !== undefined && /^\d{12,14}$/.test(s);
      if (
        isTime(arg) &&
        isTime(other) &&
        Math.abs(Number(arg) - Number(other!)) <= TIME_TOLERANCE_MS
      ) {
        return other!;
      }
      return arg;
    }),
  );
}

/**
 * Runs of DELs in byte order: SCAN and the active expire cycle meet expired keys in the
 * dict's order, which is Redis's hash order and not ours.
 */
function sortDeletionRuns(stream: string[][]): string[][] {
  const out: string[][] = [];
  let run: string[][] = [];
  const key = (c: string[]) => c.join(' ');
  for (const command of [...stream, ['']]) {
    if (command[0] === 'DEL' || command[0] === 'UNLINK') {
      run.push(command);
      continue;
    }
    out.push(...run.sort((x, y) => (key(x) < key(y) ? -1 : 1)));
    run = [];
    if (command[0] !== '') out.push(command);
  }
  return out;
}

async function expectSameStream(
  steps: readonly Step[],
  setup: readonly (readonly string[])[] = [],
  options: { readonly dictOrder?: boolean } = {},
): Promise<string[][]> {
  let [theirs, mine] = await Promise.all([
    streamOf(real.port, steps, setup),
    streamOf(ours.port, steps, setup),
  ]);
  if (options.dictOrder === true)
    [theirs, mine] = [sortDeletionRuns(theirs), sortDeletionRuns(mine)];
  expect(alignTimes(theirs, mine)).toEqual(theirs);
  return theirs;
}

const now = () => Date.now();
const inSeconds = (s: number) => String(Math.floor(now() / 1000) + s);
const inMs = (ms: number) => String(now() + ms);

describe('strings', () => {
  it('SET with an expire becomes SET ... PXAT; GET is dropped; SETEX/PSETEX too', async () => {
    const stream = await expectSameStream([
      ['SET', 'k', 'v'],
      ['SET', 'k', 'v', 'EX', '100'],
      ['set', 'k', 'v', 'px', '100000'],
      ['SET', 'k', 'v', 'EXAT', inSeconds(100)],
      ['SET', 'k', 'v', 'PXAT', inMs(100000)],
      ['SET', 'k', 'v2', 'GET'],
      ['SET', 'k', 'v3', 'XX', 'GET', 'KEEPTTL'],
      ['SET', 'k', 'v4', 'NX'],
      ['SET', 'k', 'v5', 'GET', 'EX', '50'],
      ['SET', 'k', 'v6', 'KEEPTTL'],
      ['SETEX', 'k', '100', 'v'],
      ['PSETEX', 'k', '100000', 'v'],
      ['SETNX', 'k', 'x'],
      ['SETNX', 'new', 'x'],
      ['GETSET', 'k', 'w'],
      ['MSET', 'a', '1', 'b', '2'],
      ['MSETNX', 'a', '1', 'c', '3'],
      ['APPEND', 'a', 'x'],
      ['SETRANGE', 'b', '3', 'yy'],
      ['INCR', 'n'],
      ['INCRBY', 'n', '10'],
      ['DECR', 'n'],
    ]);
    expect(stream[0]).toEqual(['SELECT', '0']);
  });

  it('GETDEL becomes DEL; GETEX becomes PEXPIREAT, PERSIST, DEL or nothing; INCRBYFLOAT becomes SET KEEPTTL', async () => {
    await expectSameStream([
      ['SET', 'k', 'v'],
      ['GETDEL', 'k'],
      ['GETDEL', 'k'],
      ['SET', 'k', 'v'],
      ['GETEX', 'k'],
      ['GETEX', 'k', 'EX', '100'],
      ['GETEX', 'k', 'PX', '100000'],
      ['GETEX', 'k', 'EXAT', inSeconds(100)],
      ['GETEX', 'k', 'PXAT', inMs(100000)],
      ['GETEX', 'k', 'PERSIST'],
      ['GETEX', 'k', 'PERSIST'],
      ['GETEX', 'k', 'EXAT', inSeconds(-100)],
      ['GETEX', 'missing', 'EX', '10'],
      ['SET', 'f', '10.5', 'EX', '100'],
      ['INCRBYFLOAT', 'f', '0.1'],
      ['INCRBYFLOAT', 'f', '5.0e3'],
      ['INCRBYFLOAT', 'g', '3'],
    ]);
  });
});

describe('keys and expiry', () => {
  it('the EXPIRE family becomes PEXPIREAT, a time in the past DEL, and no change nothing', async () => {
    await expectSameStream([
      ['SET', 'k', 'v'],
      ['EXPIRE', 'k', '100'],
      ['PEXPIRE', 'k', '100000'],
      ['EXPIREAT', 'k', inSeconds(100)],
      ['PEXPIREAT', 'k', inMs(100000)],
      ['EXPIRE', 'k', '100', 'NX'],
      ['EXPIRE', 'k', '1000', 'GT'],
      ['expire', 'k', '50', 'lt'],
      ['PERSIST', 'k'],
      ['PERSIST', 'k'],
      ['EXPIRE', 'missing', '100'],
      ['EXPIREAT', 'k', inSeconds(-100)],
      ['SET', 'k', 'v'],
      ['PEXPIRE', 'k', '-1'],
      ['SET', 'k', 'v'],
      ['EXPIRE', 'k', '0'],
    ]);
  });

  it('DEL, UNLINK, RENAME, COPY, MOVE, SWAPDB, SELECT and FLUSHDB/FLUSHALL (even when empty)', async () => {
    await expectSameStream([
      ['SET', 'a', '1'],
      ['DEL', 'a', 'missing'],
      ['DEL', 'missing'],
      ['SET', 'a', '1'],
      ['UNLINK', 'a'],
      ['SET', 'a', '1'],
      ['RENAME', 'a', 'b'],
      ['COPY', 'b', 'c'],
      ['COPY', 'b', 'c'],
      ['MOVE', 'c', '3'],
      ['SELECT', '3'],
      ['SET', 'x', '1'],
      ['SWAPDB', '3', '4'],
      ['SELECT', '5'],
      ['FLUSHDB'],
      ['FLUSHALL'],
      ['FLUSHALL', 'ASYNC'],
    ]);
  });

  it('keys found expired by a command are deleted with DEL first, inside MULTI with a write', async () => {
    await expectSameStream(
      [
        ['SET', 'a', '1', 'PX', '1'],
        ['SET', 'b', '1', 'PX', '1'],
        ['SET', 'c', '1', 'PX', '1'],
        ['SET', 'd', '1', 'PX', '1'],
        { sleep: 20 },
        ['GET', 'a'],
        ['INCR', 'b'],
        ['EXISTS', 'c'],
        ['CONFIG', 'SET', 'lazyfree-lazy-expire', 'yes'],
        ['GET', 'd'],
        ['CONFIG', 'SET', 'lazyfree-lazy-expire', 'no'],
        ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
      ],
      [['DEBUG', 'SET-ACTIVE-EXPIRE', '0']],
    );
  });

  it('SCAN and RANDOMKEY delete expired keys without MULTI', async () => {
    await expectSameStream(
      [
        ['SET', 'a', '1', 'PX', '1'],
        ['SET', 'b', '1', 'PX', '1'],
        { sleep: 20 },
        ['SCAN', '0'],
        ['SET', 'c', '1', 'PX', '1'],
        ['SET', 'd', '1', 'PX', '1'],
        { sleep: 20 },
        ['RANDOMKEY'],
        ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
      ],
      [['DEBUG', 'SET-ACTIVE-EXPIRE', '0']],
      { dictOrder: true },
    );
  });

  it('the active expire cycle streams one DEL a key, without MULTI', async () => {
    const [theirs, mine] = await Promise.all(
      [real.port, ours.port].map((port) =>
        streamOf(port, [
          ['SET', 'a', '1', 'PX', '20'],
          ['SET', 'b', '1', 'PX', '20'],
          ['SET', 'c', '1', 'PX', '20'],
          { sleep: 600 },
        ]),
      ),
    );
    // The cycle's sampling order is the dict's: compare the deletions as a set.
    const sorted = (s: string[][]) => [...s.slice(4)].sort().map((c) => c.join(' '));
    expect(alignTimes(theirs!, mine!).slice(0, 4)).toEqual(theirs!.slice(0, 4));
    expect(sorted(mine!)).toEqual(sorted(theirs!));
    expect(sorted(theirs!)).toEqual(['DEL a', 'DEL b', 'DEL c']);
  });
});

describe('hashes, sets and sorted sets', () => {
  it('HINCRBYFLOAT becomes HSET; no-op writes are not propagated', async () => {
    await expectSameStream([
      ['HSET', 'h', 'f', '1', 'g', '2'],
      ['HSET', 'h', 'f', '1'],
      ['HINCRBYFLOAT', 'h', 'f', '2.5'],
      ['HINCRBY', 'h', 'g', '3'],
      ['HDEL', 'h', 'nope'],
      ['HDEL', 'h', 'g'],
      ['HSETNX', 'h', 'f', 'x'],
      ['SADD', 's', 'a'],
      ['SADD', 's', 'a'],
      ['SREM', 's', 'zz'],
      ['SRANDMEMBER', 's'],
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'],
      ['ZADD', 'z', '1', 'a'],
      ['ZINCRBY', 'z', '1', 'a'],
      ['ZREM', 'z', 'nope'],
    ]);
  });

  it('SORT ... STORE and BITFIELD go as typed; RESTORE with a TTL carries ABSTTL', async () => {
    // A payload from the real server (the two give the same bytes for a small list).
    const c = await RespClient.connect(real.port);
    await c.call('RPUSH', 'src', '3', '1', '2');
    const dumped = await c.call('DUMP', 'src');
    await c.call('DEL', 'src');
    c.close();
    expect(dumped.kind).toBe('bulk');
    const payload = dumped.kind === 'bulk' ? dumped.value : '';
    await expectSameStream([
      ['RPUSH', 'l', '3', '1', '2'],
      ['SORT', 'l', 'STORE', 'sorted'],
      ['SORT', 'l', 'DESC', 'LIMIT', '0', '2', 'STORE', 'top'],
      ['SORT', 'nothing', 'STORE', 'top'],
      ['SORT', 'l'],
      ['BITFIELD', 'b', 'SET', 'u8', '0', '200', 'INCRBY', 'u8', '0', '100'],
      ['BITFIELD', 'b', 'GET', 'u8', '0'],
      ['BITFIELD', 'b', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '0', '250'],
      ['RESTORE', 'r1', '0', payload],
      ['RESTORE', 'r2', '100000', payload],
      ['RESTORE', 'r1', '0', payload, 'REPLACE'],
      ['RESTORE', 'r3', inMs(100000), payload, 'ABSTTL'],
      ['RESTORE', 'r4', '1', payload, 'ABSTTL'],
    ]);
  });

  it('SPOP becomes SREM, or DEL when it takes the whole set', async () => {
    await expectSameStream([
      ['SADD', 's', 'only'],
      ['SPOP', 's'],
      ['SPOP', 's'],
      ['SADD', 's', 'a', 'b', 'c'],
      ['SPOP', 's', '3'],
      ['SADD', 's', '1', '2'],
      ['SPOP', 's', '10'],
      ['SADD', 's', 'a'],
      ['SPOP', 's', '0'],
      ['SPOP', 's', '1'],
    ]);
  });

  it('SPOP with a count below the size becomes one SREM a member, wrapped in MULTI', async () => {
    const members = ['a', 'b', 'c', 'd', 'e', 'f'];
    const shapes = await Promise.all(
      [real.port, ours.port].map(async (port) => {
        const stream = await streamOf(port, [
          ['SADD', 's', ...members],
          ['SPOP', 's', '3'],
        ]);
        const srems = stream.slice(3, -1);
        expect(stream.slice(0, 3)).toEqual([['SELECT', '0'], ['SADD', 's', ...members], ['MULTI']]);
        expect(stream.at(-1)).toEqual(['EXEC']);
        expect(new Set(srems.map((c) => c[2])).size).toBe(3);
        for (const c of srems) expect(members).toContain(c[2]);
        return srems.map((c) => c.slice(0, 2));
      }),
    );
    expect(shapes[1]).toEqual(shapes[0]);
  });

  it('ZPOP, ZMPOP and BZPOP/BZMPOP answered at once become ZPOPMIN/ZPOPMAX', async () => {
    await expectSameStream([
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e', '6', 'f', '7', 'g', '8', 'h'],
      ['ZPOPMIN', 'z'],
      ['zpopmax', 'z', '1'],
      ['ZMPOP', '2', 'nothing', 'z', 'MIN', 'COUNT', '1'],
      ['ZMPOP', '1', 'z', 'max'],
      ['BZPOPMIN', 'z', '0'],
      ['BZPOPMAX', 'nothing', 'z', '0'],
      ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '10'],
      ['ZMPOP', '1', 'z', 'MIN'],
      ['ZPOPMIN', 'z'],
    ]);
  });
});

describe('lists and blocking', () => {
  it('LMPOP and blocking pops answered at once become LPOP/RPOP, LMOVE, RPOPLPUSH', async () => {
    await expectSameStream([
      ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e', 'f', 'g'],
      ['LPOP', 'l'],
      ['RPOP', 'l', '1'],
      ['LMPOP', '2', 'nothing', 'l', 'LEFT', 'COUNT', '2'],
      ['LMPOP', '1', 'l', 'right'],
      ['BLPOP', 'nothing', 'l', '0'],
      ['RPUSH', 'l', 'x', 'y', 'z', 'w'],
      ['BRPOP', 'l', '1'],
      ['BLMOVE', 'l', 'm', 'left', 'RIGHT', '0'],
      ['BRPOPLPUSH', 'l', 'm', '0'],
      ['BLMPOP', '0', '1', 'm', 'LEFT', 'COUNT', '10'],
      ['LMPOP', '1', 'm', 'LEFT'],
      ['RPOPLPUSH', 'l', 'm'],
      ['LMOVE', 'l', 'm', 'LEFT', 'LEFT'],
      ['LPOP', 'l'],
    ]);
  });

  it('a blocked client served later streams the non-blocking form after the push', async () => {
    await expectSameStream([
      { block: ['BLPOP', 'q', '0'] },
      ['LPUSH', 'q', 'a'],
      { block: ['BRPOP', 'q', '0'] },
      ['RPUSH', 'q', 'a', 'b'],
      { block: ['BLMOVE', 'src', 'dst', 'RIGHT', 'LEFT', '0'] },
      ['LPUSH', 'src', 'x'],
      { block: ['BRPOPLPUSH', 'src', 'dst', '0'] },
      ['LPUSH', 'src', 'y'],
      { block: ['BLMPOP', '0', '2', 'none', 'q2', 'RIGHT', 'COUNT', '10'] },
      ['RPUSH', 'q2', '1', '2', '3'],
      { block: ['BZPOPMIN', 'z', '0'] },
      ['ZADD', 'z', '1', 'a', '2', 'b'],
      { block: ['BZMPOP', '0', '1', 'z2', 'MAX', 'COUNT', '5'] },
      ['ZADD', 'z2', '1', 'a', '2', 'b'],
    ]);
  });

  it('a blocked client served after EXEC follows the transaction', async () => {
    await expectSameStream([
      { block: ['BLPOP', 'q', '0'] },
      ['MULTI'],
      ['LPUSH', 'q', 'a'],
      ['LPUSH', 'q', 'b'],
      ['EXEC'],
    ]);
  });
});

describe('transactions, databases and pub/sub', () => {
  it('EXEC wraps two or more propagated commands in MULTI/EXEC, one alone is not wrapped', async () => {
    await expectSameStream([
      ['MULTI'],
      ['SET', 'a', '1'],
      ['EXEC'],
      ['MULTI'],
      ['GET', 'a'],
      ['EXEC'],
      ['MULTI'],
      ['SET', 'a', '2'],
      ['INCR', 'a'],
      ['GET', 'a'],
      ['EXEC'],
      ['MULTI'],
      ['SET', 'b', '1', 'EX', '100'],
      ['SELECT', '2'],
      ['SET', 'c', '1'],
      ['SPOP', 'nothing'],
      ['EXEC'],
      ['SELECT', '0'],
      ['MULTI'],
      ['DEL', 'nothing'],
      ['EXEC'],
      ['MULTI'],
      ['SADD', 's', 'x', 'y'],
      ['SPOP', 's', '2'],
      ['EXEC'],
    ]);
  });

  it('blocking pops, expired keys and flushes inside EXEC join its MULTI/EXEC', async () => {
    await expectSameStream(
      [
        ['RPUSH', 'l', 'a', 'b'],
        ['SET', 'old', '1', 'PX', '1'],
        { sleep: 20 },
        ['MULTI'],
        ['BLPOP', 'l', '0'],
        ['BLPOP', 'empty', '0'],
        ['GET', 'old'],
        ['BRPOPLPUSH', 'l', 'm', '0'],
        ['PUBLISH', 'ch', 'm'],
        ['FLUSHDB'],
        ['EXEC'],
        ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
      ],
      [['DEBUG', 'SET-ACTIVE-EXPIRE', '0']],
    );
  });

  it('a served BLMOVE whose destination is not a list propagates nothing', async () => {
    await expectSameStream([
      ['SET', 'dst', 'string'],
      { block: ['BLMOVE', 'src', 'dst', 'LEFT', 'LEFT', '0.3'] },
      ['RPUSH', 'src', 'a'],
      { sleep: 400 },
      ['DEL', 'dst'],
    ]);
  });

  it('PUBLISH is streamed to replicas, in the publisher database', async () => {
    await expectSameStream([
      ['PUBLISH', 'ch', 'hello'],
      ['SELECT', '7'],
      ['PUBLISH', 'ch', 'again'],
      ['SET', 'k', 'v'],
    ]);
  });

  it('random writes over a few keys stream alike', async () => {
    const rng = new SeededRng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
    const keys = ['k1', 'k2', 'k3'];
    const makers: (() => string[])[] = [
      () => ['SET', pick(keys), String(Math.floor(rng.next() * 100))],
      () => [
        'SET',
        pick(keys),
        'v',
        pick(['EX', 'PX']),
        String(1000 + Math.floor(rng.next() * 9000)),
      ],
      () => ['INCR', pick(keys)],
      () => ['INCRBYFLOAT', pick(keys), '1.5'],
      () => ['GETEX', pick(keys), 'PX', '50000'],
      () => ['GETDEL', pick(keys)],
      () => ['EXPIRE', pick(keys), String(Math.floor(rng.next() * 200) - 50)],
      () => ['PERSIST', pick(keys)],
      () => ['DEL', pick(keys)],
      () => ['APPEND', pick(keys), 'x'],
      () => ['GET', pick(keys)],
      () => ['SELECT', pick(['0', '1'])],
    ];
    const steps: string[][] = [];
    for (let i = 0; i < 120; i++) steps.push(pick(makers)());
    await expectSameStream(steps);
  });
});

describe('randomised across types', () => {
  it('random writes to lists, sets, hashes, sorted sets and bitmaps stream alike', async () => {
    const rng = new SeededRng(11);
    const int = (n: number) => String(Math.floor(rng.next() * n));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
    const key = () => pick(['a', 'b', 'c']);
    const member = () => pick(['m1', 'm2', 'm3', '4', '5']);
    const makers: (() => string[])[] = [
      () => [pick(['LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX']), key(), member(), member()],
      () => [pick(['LPOP', 'RPOP']), key(), ...(rng.next() < 0.5 ? [int(3)] : [])],
      () => ['LREM', key(), pick(['0', '1', '-1']), member()],
      () => ['LSET', key(), pick(['0', '-1', '5']), member()],
      () => ['LTRIM', key(), int(3), pick(['-1', '1', '0'])],
      () => ['LINSERT', key(), pick(['BEFORE', 'AFTER']), member(), member()],
      () => ['LMOVE', key(), key(), pick(['LEFT', 'RIGHT']), pick(['LEFT', 'RIGHT'])],
      () => ['SADD', key(), member(), member()],
      () => ['SREM', key(), member()],
      () => ['SMOVE', key(), key(), member()],
      () => [pick(['SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE']), key(), key(), key()],
      () => ['HSET', key(), member(), int(10)],
      () => ['HDEL', key(), member(), member()],
      () => ['HSETNX', key(), member(), 'x'],
      () => ['HINCRBY', key(), member(), int(5)],
      () => [
        'ZADD',
        key(),
        ...pick([[], ['NX'], ['XX'], ['GT'], ['LT'], ['CH']]),
        int(5),
        member(),
      ],
      () => ['ZADD', key(), 'INCR', int(3), member()],
      () => ['ZREM', key(), member()],
      () => ['ZREMRANGEBYSCORE', key(), int(3), int(6)],
      () => ['ZREMRANGEBYRANK', key(), '0', int(2)],
      () => [pick(['ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE']), key(), '2', key(), key()],
      () => ['ZRANGESTORE', key(), key(), '0', int(3)],
      () => ['SETBIT', key(), int(20), pick(['0', '1'])],
      () => ['SETRANGE', key(), int(4), 'xy'],
      () => ['BITOP', pick(['AND', 'OR', 'NOT']), key(), key()],
      () => ['RENAME', key(), key()],
      () => ['RENAMENX', key(), key()],
      () => ['COPY', key(), key(), ...(rng.next() < 0.5 ? ['REPLACE'] : [])],
      () => ['DEL', key()],
      () => [
        'EXPIRE',
        key(),
        String(100 + Number(int(100))),
        ...pick([[], ['NX'], ['XX'], ['GT'], ['LT']]),
      ],
      () => ['PERSIST', key()],
      () => ['SET', key(), int(100), ...pick([[], ['NX'], ['XX'], ['KEEPTTL'], ['GET']])],
    ];
    const steps: string[][] = [];
    for (let i = 0; i < 300; i++) steps.push(pick(makers)());
    await expectSameStream(steps);
  });
});

describe('SYNC and PSYNC on the RESP server', () => {
  it('PSYNC answers +FULLRESYNC with a 40-character replication id and a valid RDB payload', async () => {
    const stream = await ReplicaStream.attach(ours.port, 'PSYNC ? -1');
    try {
      await stream.synced();
      expect(stream.fullResync).toMatch(/^\+FULLRESYNC [0-9a-f]{40} \d+$/);
      expect(stream.payloadLength).toBeGreaterThanOrEqual(18);
      const client = await RespClient.connect(ours.port);
      const info = (await client.call('INFO', 'replication')) as { value: string };
      client.close();
      const replid = stream.fullResync!.split(' ')[1]!;
      expect(info.value).toContain(`master_replid:${replid}\r\n`);
      expect(info.value).toMatch(/connected_slaves:[1-9]/);
    } finally {
      stream.close();
    }
  });

  it('REPLCONF is answered as Redis answers it', async () => {
    for (const port of [real.port, ours.port]) {
      const c = await RespClient.connect(port);
      try {
        expect(await c.call('REPLCONF', 'listening-port', '6380')).toEqual({
          kind: 'status',
          value: 'OK',
        });
        expect(await c.call('REPLCONF', 'capa', 'eof', 'capa', 'psync2')).toEqual({
          kind: 'status',
          value: 'OK',
        });
        expect(await c.call('REPLCONF', 'bogus', 'x')).toEqual({
          kind: 'error',
          message: 'ERR Unrecognized REPLCONF option: bogus',
        });
        expect(await c.call('REPLCONF', 'listening-port')).toEqual({
          kind: 'error',
          message: 'ERR syntax error',
        });
      } finally {
        c.close();
      }
    }
  });
});
