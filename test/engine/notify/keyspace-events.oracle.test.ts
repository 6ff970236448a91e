/**
 * Keyspace notifications against a real redis-server 7.0.15: a subscriber on `__key*__:*`
 * on each server, the same commands sent to both, and the two message streams must be the
 * same, message for message (event names, keys, databases and order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReply, type Reply } from '../../../src/engine/index.ts';
import { startRespServer, type RespServer } from '../../../tools/resp-server.ts';
import { RealRedis, RespClient } from '../../helpers/real-redis.ts';
import { Wire } from '../../helpers/two-connections.ts';

type Step = string[] | { sleep: number };

let real: RealRedis;
let ours: RespServer;

beforeAll(async () => {
  real = await RealRedis.start();
  ours = await startRespServer({ port: 0 });
});

afterAll(async () => {
  real?.stop();
  await ours?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the steps on one server; returns the command replies and the messages received. */
async function play(
  port: number,
  flags: string,
  steps: readonly Step[],
): Promise<{ replies: string[]; messages: string[] }> {
  const client = await RespClient.connect(port);
  await client.call('FLUSHALL');
  await client.call('CONFIG', 'SET', 'maxmemory', '0');
  await client.call('CONFIG', 'SET', 'notify-keyspace-events', flags);
  const subscriber = await Wire.connect(port);
  subscriber.send(['PSUBSCRIBE', '__key*__:*']);
  await subscriber.read();
  const replies: string[] = [];
  for (const step of steps) {
    if ('sleep' in step) await sleep(step.sleep);
    else replies.push(formatReply(await client.call(...step)));
  }
  await client.call('CONFIG', 'SET', 'notify-keyspace-events', '');
  await client.call('CONFIG', 'SET', 'maxmemory', '0');
  await sleep(50);
  const messages: string[] = [];
  while (subscriber.pending > 0) {
    const m = (await subscriber.read()) as Extract<Reply, { kind: 'push' | 'array' }>;
    messages.push(
      m.items
        .slice(2)
        .map((r) => formatReply(r))
        .join(' '),
    );
  }
  subscriber.close();
  client.close();
  return { replies, messages };
}

async function same(flags: string, steps: readonly Step[]): Promise<string[]> {
  const theirs = await play(real.port, flags, steps);
  const mine = await play(ours.port, flags, steps);
  expect(mine.replies).toEqual(theirs.replies);
  expect(mine.messages).toEqual(theirs.messages);
  return mine.messages;
}

describe('keyspace notifications match redis-server', () => {
  it('strings: SET with options, INCRBYFLOAT, APPEND, SETRANGE, MSET, GETDEL, GETEX', async () => {
    const messages = await same('KEA', [
      ['SET', 's', 'v', 'EX', '100'],
      ['SET', 's', 'w', 'NX'],
      ['SET', 's', 'w', 'XX', 'KEEPTTL'],
      ['SETNX', 't', '1'],
      ['SETEX', 'u', '10', 'x'],
      ['INCR', 't'],
      ['INCRBYFLOAT', 't', '1.5'],
      ['APPEND', 'a', 'xyz'],
      ['SETRANGE', 'a', '1', 'Q'],
      ['SETRANGE', 'empty', '0', ''],
      ['MSET', 'm1', '1', 'm2', '2'],
      ['MSETNX', 'm1', '1', 'm3', '3'],
      ['GETSET', 'm1', '9'],
      ['GETDEL', 'm2'],
      ['GETDEL', 'm2'],
      ['GETEX', 'm1', 'EX', '100'],
      ['GETEX', 'm1', 'PERSIST'],
      ['GETEX', 'm1', 'PERSIST'],
      ['GETEX', 'm1', 'PXAT', '1'],
      ['SETBIT', 'b', '7', '1'],
      ['BITFIELD', 'b', 'SET', 'u8', '0', '3'],
      ['BITOP', 'AND', 'dest', 'b', 'nothing'],
      ['BITOP', 'OR', 'dest', 'b'],
    ]);
    expect(messages).toContain('"__keyevent@0__:incrbyfloat" "t"');
  });

  it('new keys, generic events: DEL, EXPIRE, PERSIST, RENAME, MOVE, COPY, RESTORE, SWAPDB', async () => {
    await same('KEAn', [
      ['SET', 'k', '1'],
      ['SET', 'k2', '2'],
      ['DEL', 'k', 'nope', 'k'],
      ['UNLINK', 'k2'],
      ['SET', 'k', '1'],
      ['EXPIRE', 'k', '100'],
      ['PERSIST', 'k'],
      ['PERSIST', 'k'],
      ['PEXPIREAT', 'k', '1'],
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['RENAME', 'a', 'b'],
      ['RENAME', 'b', 'b'],
      ['RENAMENX', 'b', 'c'],
      ['MOVE', 'c', '3'],
      ['SET', 'x', 'y'],
      ['COPY', 'x', 'x2'],
      ['COPY', 'x', 'x3', 'DB', '2'],
      ['RESTORE', 'r', '0', '\x00\x01v\x0a\x00\x92\x08\xf6\x8a\x9c\x87\xfc\xec'],
      ['RESTORE', 'r', '0', '\x00\x01v\x0a\x00\x92\x08\xf6\x8a\x9c\x87\xfc\xec', 'REPLACE'],
      ['SWAPDB', '0', '3'],
      ['FLUSHDB'],
    ]);
  });

  it('lists: pushes, pops that empty a list, LMOVE, LTRIM, LREM, SORT STORE', async () => {
    await same('KEA', [
      ['RPUSH', 'l', 'a', 'b', 'c', 'd'],
      ['LPUSHX', 'none', 'x'],
      ['LINSERT', 'l', 'BEFORE', 'b', 'z'],
      ['LINSERT', 'l', 'BEFORE', 'missing', 'z'],
      ['LSET', 'l', '0', 'q'],
      ['LMOVE', 'l', 'm', 'RIGHT', 'LEFT'],
      ['RPOPLPUSH', 'm', 'm'],
      ['RPOPLPUSH', 'm', 'n'],
      ['LREM', 'l', '0', 'z'],
      ['LTRIM', 'l', '0', '10'],
      ['LTRIM', 'nolist', '0', '1'],
      ['SORT', 'l', 'ALPHA', 'STORE', 'sorted'],
      ['SORT', 'none', 'STORE', 'sorted'],
      ['LPOP', 'l', '2'],
      ['LMPOP', '1', 'l', 'RIGHT'],
      ['RPOP', 'l'],
      ['BLPOP', 'n', '0'],
      ['LTRIM', 'l', '1', '0'],
    ]);
  });

  it('hashes, sets and sorted sets, with the stores and SMOVE', async () => {
    await same('KEA', [
      ['HSET', 'h', 'f', '1', 'g', '2'],
      ['HSETNX', 'h', 'f', '1'],
      ['HINCRBY', 'h', 'f', '2'],
      ['HINCRBYFLOAT', 'h', 'f', '0.5'],
      ['HDEL', 'h', 'f', 'g'],
      ['SADD', 's', 'a', 'b', 'c'],
      ['SADD', 's', 'a'],
      ['SREM', 's', 'a'],
      ['SMOVE', 's', 't', 'b'],
      ['SADD', 't', 'c'],
      ['SMOVE', 's', 't', 'c'],
      ['SINTERSTORE', 'i', 't', 'none'],
      ['SUNIONSTORE', 'u', 't'],
      ['SDIFFSTORE', 'u', 't', 't'],
      ['SADD', 'one', 'x'],
      ['SPOP', 'one'],
      ['SREM', 't', 'b'],
      ['SPOP', 't', '5'],
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd'],
      ['ZADD', 'z', 'INCR', '1', 'a'],
      ['ZINCRBY', 'z', '1', 'b'],
      ['ZADD', 'z', 'NX', '9', 'a'],
      ['ZREM', 'z', 'a'],
      ['ZREMRANGEBYSCORE', 'z', '0', '3'],
      ['ZRANGESTORE', 'zr', 'z', '0', '-1'],
      ['ZUNIONSTORE', 'zu', '1', 'z'],
      ['ZINTERSTORE', 'zu', '2', 'z', 'none'],
      ['ZPOPMIN', 'z'],
      ['ZMPOP', '1', 'zr', 'MAX', 'COUNT', '5'],
    ]);
  });

  it('expired keys, lazily and actively, and evicted keys under maxmemory', async () => {
    const messages = await same('KEA', [
      ['SET', 'gone', 'v', 'PX', '1'],
      { sleep: 20 },
      ['GET', 'gone'],
      ['SET', 'later', 'v', 'PX', '1'],
      { sleep: 400 },
      ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru'],
      ['SET', 'victim', 'v'],
      ['CONFIG', 'SET', 'maxmemory', '1'],
      ['GET', 'victim'],
      ['CONFIG', 'SET', 'maxmemory', '0'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
    ]);
    expect(messages).toContain('"__keyevent@0__:expired" "gone"');
    expect(messages).toContain('"__keyevent@0__:expired" "later"');
    expect(messages).toContain('"__keyevent@0__:evicted" "victim"');
  });

  it('a blocked client served by another client’s push fires the pop and its del', async () => {
    const flags = 'KEA';
    const streams: string[][] = [];
    for (const port of [real.port, ours.port]) {
      const blocked = await RespClient.connect(port);
      const served = blocked.call('BLMOVE', 'src', 'dst', 'LEFT', 'RIGHT', '0');
      const result = await play(port, flags, [
        { sleep: 50 },
        ['LPUSH', 'src', 'v'],
        { sleep: 50 },
        ['BZPOPMIN', 'zz', '0.01'],
      ]);
      expect(formatReply(await served)).toBe('"v"');
      blocked.close();
      streams.push(result.messages);
    }
    expect(streams[1]).toEqual(streams[0]);
    expect(streams[0]).toContain('"__keyevent@0__:rpush" "dst"');
  });

  it('MULTI/EXEC fires each command’s events in order', async () => {
    await same('KEA', [
      ['MULTI'],
      ['SET', 'a', '1'],
      ['LPUSH', 'l', 'x'],
      ['LPOP', 'l'],
      ['DEL', 'a'],
      ['EXEC'],
    ]);
  });

  it('only the classes asked for, keyspace or keyevent side only', async () => {
    await same('Kl', [
      ['SET', 'a', '1'],
      ['LPUSH', 'l', 'x'],
      ['DEL', 'l'],
    ]);
    await same('Eg$', [
      ['SET', 'a', '1'],
      ['LPUSH', 'l', 'x'],
      ['DEL', 'l', 'a'],
    ]);
  });

  it('key misses of read lookups, in write commands too, never OBJECT’s (m)', async () => {
    const messages = await same('KEm', [
      ['SET', 'here', '1'],
      ['GET', 'missing'],
      ['GET', 'here'],
      ['MGET', 'a', 'here', 'b'],
      ['EXISTS', 'nope'],
      ['TYPE', 'nope'],
      ['TTL', 'nope'],
      ['LRANGE', 'nolist', '0', '-1'],
      ['HGET', 'nohash', 'f'],
      ['ZSCORE', 'nozset', 'm'],
      ['SMEMBERS', 'noset'],
      ['STRLEN', 'nope'],
      ['GETDEL', 'm1'],
      ['SUNIONSTORE', 'd', 'm2', 'm3'],
      ['GETEX', 'm4', 'PERSIST'],
      ['COPY', 'm5', 'd2'],
      ['SET', 'm6', 'v', 'GET'],
      ['SORT', 'm7', 'STORE', 'd3'],
      ['ZUNIONSTORE', 'z', '2', 'm8', 'here'],
      ['ZRANGESTORE', 'z', 'm9', '0', '-1'],
      ['INCR', 'm10'],
      ['LMOVE', 'm11', 'm12', 'LEFT', 'LEFT'],
      ['OBJECT', 'ENCODING', 'm13'],
      ['MULTI'],
      ['GET', 'm14'],
      ['GETDEL', 'm15'],
      ['EXEC'],
    ]);
    expect(messages).toContain('"__keyevent@0__:keymiss" "missing"');
  });

  it('CONFIG SET/GET of the flags, and the error for an unknown letter', async () => {
    const client = await RespClient.connect(real.port);
    const mine = await RespClient.connect(ours.port);
    for (const flags of ['gKE', '$lshzxeKE', 'KA', 'EA', 'AKEmn', 'nd', '', 'Q', 'gKEz?']) {
      const r1 = formatReply(await client.call('CONFIG', 'SET', 'notify-keyspace-events', flags));
      const r2 = formatReply(await mine.call('CONFIG', 'SET', 'notify-keyspace-events', flags));
      expect(r2).toBe(r1);
      const g1 = formatReply(await client.call('CONFIG', 'GET', 'notify-keyspace-events'));
      const g2 = formatReply(await mine.call('CONFIG', 'GET', 'notify-keyspace-events'));
      expect(g2).toBe(g1);
    }
    await client.call('CONFIG', 'SET', 'notify-keyspace-events', '');
    await mine.call('CONFIG', 'SET', 'notify-keyspace-events', '');
    client.close();
    mine.close();
  });
});
