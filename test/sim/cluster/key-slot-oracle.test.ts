import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keySlot } from '../../../src/sim/cluster/key-slot.ts';
import { sampleKeys } from '../../../tools/bench/cluster-keys.ts';
import { RealCluster } from '../../../tools/bench/real-cluster.ts';
import { RespClient } from '../../helpers/real-redis.ts';

/** CLUSTER KEYSLOT of a real cluster-enabled redis-server against keySlot, key by key. */
const PORT = 7410;
let cluster: RealCluster;
let client: RespClient;

beforeAll(async () => {
  cluster = await RealCluster.start([PORT]);
  client = await RespClient.connect(PORT);
});

afterAll(() => {
  client?.close();
  cluster?.stop();
});

describe('key slots against real Redis', () => {
  it('agrees with CLUSTER KEYSLOT on edge cases and 3,000 seeded random keys', async () => {
    const keys = sampleKeys(3000, 7);
    const replies = await Promise.all(keys.map((k) => client.call('CLUSTER', 'KEYSLOT', k)));
    const mismatches = keys.filter((k, i) => {
      const r = replies[i]!;
      return r.kind !== 'integer' || Number(r.value) !== keySlot(k);
    });
    expect(mismatches).toEqual([]);
  });
});
