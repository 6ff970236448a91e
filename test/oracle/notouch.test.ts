import { describe, it } from 'vitest';
import type { Reply } from '../../src/engine/index.ts';
import { withRealRedis } from '../helpers/real-redis.ts';
import { Oracle, type Compare } from './oracle.ts';

/**
 * TYPE, EXISTS, TTL and friends, OBJECT and SCAN's TYPE filter look keys up with
 * LOOKUP_NOTOUCH: they leave a key's LRU/LFU data alone but still count keyspace hits and
 * misses. Checked against a real redis-server.
 */

const redis = withRealRedis({
  reset: async (c) => {
    await c.call('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
  },
});

const text = (r: Reply): string =>
  r.kind === 'bulk' || r.kind === 'verbatim' ? r.value : r.kind === 'status' ? r.value : '';

/** One line of INFO stats. */
const stat =
  (name: string): Compare =>
  (r) =>
    text(r)
      .split('\r\n')
      .find((l) => l.startsWith(`${name}:`)) ?? `no ${name}`;

async function statsMatch(oracle: Oracle): Promise<void> {
  await oracle.both(['INFO', 'stats'], stat('keyspace_hits'));
  await oracle.both(['INFO', 'stats'], stat('keyspace_misses'));
}

describe('lookups that do not touch the key (LOOKUP_NOTOUCH)', () => {
  it('count keyspace hits and misses like the real server', async () => {
    const oracle = new Oracle(redis.client);
    await oracle.both(['CONFIG', 'RESETSTAT']);
    await oracle.both(['SET', 'k', 'v']);
    await oracle.both(['EXPIRE', 'k', '100']);
    await oracle.both(['RPUSH', 'l', 'a']);
    await statsMatch(oracle);
    for (const argv of [
      ['TYPE', 'k'],
      ['TYPE', 'nope'],
      ['EXISTS', 'k', 'nope', 'k', 'l'],
      ['TTL', 'k'],
      ['PTTL', 'nope'],
      ['EXPIRETIME', 'k'],
      ['PEXPIRETIME', 'l'],
      ['OBJECT', 'ENCODING', 'k'],
      ['OBJECT', 'REFCOUNT', 'nope'],
      ['SCAN', '0', 'TYPE', 'list'],
      ['GET', 'k'],
      ['GET', 'nope'],
    ]) {
      await oracle.both(argv, argv[0] === 'PTTL' || argv[0] === 'TTL' ? () => 'ttl' : 'exact');
      await statsMatch(oracle);
    }
  });

  it('leave the LFU counter alone, where GET raises it', async () => {
    const oracle = new Oracle(redis.client);
    await oracle.both(['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu']);
    await oracle.both(['SET', 'k', 'v']);
    await oracle.both(['OBJECT', 'FREQ', 'k']);
    for (let i = 0; i < 5; i++) {
      for (const argv of [
        ['TYPE', 'k'],
        ['EXISTS', 'k'],
        ['TTL', 'k'],
        ['PTTL', 'k'],
        ['EXPIRETIME', 'k'],
        ['PEXPIRETIME', 'k'],
        ['OBJECT', 'ENCODING', 'k'],
        ['SCAN', '0', 'TYPE', 'string'],
      ]) {
        await oracle.both(argv);
      }
    }
    await oracle.both(['OBJECT', 'FREQ', 'k']);
    // The first GET on a fresh counter always raises it (probability 1 at LFU_INIT_VAL).
    await oracle.both(['GET', 'k']);
    await oracle.both(['OBJECT', 'FREQ', 'k']);
  });

  it('leave the LRU idle time alone, where GET resets it', async () => {
    const oracle = new Oracle(redis.client);
    await oracle.both(['SET', 'k', 'v']);
    await new Promise((r) => setTimeout(r, 2100));
    for (const argv of [
      ['TYPE', 'k'],
      ['EXISTS', 'k'],
      ['TTL', 'k'],
      ['EXPIRETIME', 'k'],
      ['SCAN', '0', 'TYPE', 'string'],
    ]) {
      await oracle.both(argv);
    }
    const idle: Compare = (r) => (r.kind === 'integer' && r.value >= 2 ? 'idle' : 'fresh');
    await oracle.both(['OBJECT', 'IDLETIME', 'k'], idle);
    await oracle.both(['GET', 'k']);
    await oracle.both(['OBJECT', 'IDLETIME', 'k'], idle);
  });
});
