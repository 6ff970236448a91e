import { afterAll, beforeAll, describe, it } from 'vitest';
import { RealRedis } from '../helpers/real-redis.ts';
import { twoConnections, type Step } from '../helpers/two-connections.ts';

let server: RealRedis;

beforeAll(async () => {
  server = await RealRedis.start();
});

afterAll(() => {
  server?.stop();
});

async function run(steps: Step[]): Promise<void> {
  const t = await twoConnections(server.port);
  try {
    for (const s of steps) await t.step(s);
  } finally {
    t.close();
  }
}

/** WATCH on client 0, then a command on client 1, then client 0's transaction. */
function watchThen(keys: string[], other: string[][]): Step[] {
  return [
    [0, ['WATCH', ...keys]],
    ...other.map((argv): Step => [1, argv]),
    [0, ['MULTI']],
    [0, ['PING']],
    [0, ['EXEC']],
  ];
}

describe('SWAPDB over two connections answers like redis-server 7.0', () => {
  it('fails transactions watching keys on either side of the swap, and only those', async () => {
    await run([
      [1, ['SET', 'in0', 'v']],
      [1, ['SELECT', '1']],
      [1, ['SET', 'in1', 'v']],
      [1, ['SET', 'both', 'one']],
      [1, ['SELECT', '0']],
      [1, ['SET', 'both', 'zero']],
      ...watchThen(['in0'], [['SWAPDB', '0', '1']]),
      ...watchThen(['in1'], [['SWAPDB', '0', '1']]),
      ...watchThen(['both'], [['SWAPDB', '1', '0']]),
      ...watchThen(['nowhere'], [['SWAPDB', '0', '1']]),
      ...watchThen(['in0'], [['SWAPDB', '2', '3']]),
      ...watchThen(['in0'], [['SWAPDB', '0', '0']]),
      ...watchThen(['nowhere', 'in1'], [['SWAPDB', '0', '1']]),
      [0, ['SELECT', '5']],
      [0, ['SET', 'k', 'v']],
      ...watchThen(['k'], [['SWAPDB', '0', '1']]),
      ...watchThen(['k'], [['SWAPDB', '5', '6']]),
      ...watchThen(['k'], [['SWAPDB', '5', '6']]),
      [0, ['GET', 'k']],
    ]);
  });

  it('follows the expired-key rules of touchAllWatchedKeysInDb', async () => {
    const t = await twoConnections(server.port);
    try {
      // Keep the real server from deleting expired keys on its own during the test.
      await t.step([1, ['DEBUG', 'SET-ACTIVE-EXPIRE', '0']]);
      await t.step([1, ['SET', 'e', 'v', 'PX', '20']]);
      await t.step([1, ['SELECT', '1']]);
      await t.step([1, ['SET', 'e1', 'v', 'PX', '20']]);
      await t.step([1, ['SET', 'live', 'v']]);
      await t.step([1, ['SELECT', '0']]);
      await new Promise((r) => setTimeout(r, 60));
      // Watched while expired, then the swap removes it: no logical change.
      for (const s of watchThen(['e'], [['SWAPDB', '0', '1']])) await t.step(s);
      // Now db0 holds db1's old keys: e1 expired, live alive.
      for (const s of watchThen(['e1'], [['SWAPDB', '0', '1']])) await t.step(s);
      for (const s of watchThen(['live'], [['SWAPDB', '0', '1']])) await t.step(s);
      await t.step([1, ['DEBUG', 'SET-ACTIVE-EXPIRE', '1']]);
    } finally {
      t.close();
    }
  });

  it('serves clients blocked on keys the swap brings into their database', async () => {
    await run([
      [0, ['BLPOP', 'q', '5']],
      [1, ['SELECT', '1']],
      [1, ['RPUSH', 'q', 'a', 'b']],
      [1, ['SWAPDB', '0', '1']],
      [1, ['LRANGE', 'q', '0', '-1']],
      [1, ['SELECT', '0']],
      [1, ['LRANGE', 'q', '0', '-1']],
      [0, ['BZPOPMAX', 'z', '5']],
      [1, ['SELECT', '3']],
      [1, ['ZADD', 'z', '1', 'a', '2', 'b']],
      [1, ['SWAPDB', '3', '0']],
      [0, ['BLPOP', 'z2', '5']],
      [1, ['SELECT', '4']],
      [1, ['ZADD', 'z2', '1', 'a']],
      [1, ['SWAPDB', '4', '0']],
      [1, ['TYPE', 'z2']],
      [1, ['RPUSH', 'z2', 'list', 'at', 'last']],
      [1, ['SWAPDB', '4', '0']],
      [1, ['TYPE', 'z2']],
      [1, ['SELECT', '0']],
      [1, ['LRANGE', 'z2', '0', '-1']],
    ]);
  });
});
