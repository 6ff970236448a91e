/**
 * REPLICAOF / SLAVEOF and ROLE against a real redis-server, on the pure engine (no host, so
 * its link to the master never comes up): the replies, READONLY for writes, MASTERDOWN
 * once replica-serve-stale-data is no, inside and outside MULTI, and NO ONE.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatReply } from '../../src/engine/index.ts';
import { freePort, RealRedis, type RespClient } from '../helpers/real-redis.ts';
import { Oracle } from './oracle.ts';

let server: RealRedis;
let client: RespClient;

beforeAll(async () => {
  server = await RealRedis.start();
  client = await server.connect();
});

afterAll(async () => {
  await client?.call('REPLICAOF', 'NO', 'ONE');
  client?.close();
  server?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('REPLICAOF and SLAVEOF argument errors, ROLE of a master without replicas', async () => {
  const o = new Oracle(client);
  // The master's offset counts what it streamed; here only the role and replicas compare.
  await o.both(['ROLE'], (r) =>
    r.kind === 'array' ? `${formatReply(r.items[0]!)} ${formatReply(r.items[2]!)}` : formatReply(r),
  );
  await o.both(['ROLE', 'x']);
  await o.both(['REPLICAOF', 'localhost']);
  await o.both(['SLAVEOF', 'a', 'b', 'c']);
  await o.both(['REPLICAOF', 'localhost', 'abc']);
  await o.both(['REPLICAOF', 'localhost', '70000']);
  await o.both(['SLAVEOF', 'localhost', '-1']);
  await o.both(['REPLICAOF', 'no', 'one']);
  await o.both(['INFO', 'replication'], (r) =>
    r.kind === 'bulk' || r.kind === 'verbatim' ? (/role:\w+/.exec(r.value)?.[0] ?? '') : '',
  );
});

it('a replica refuses writes, then everything not flagged stale while its link is down', async () => {
  const o = new Oracle(client);
  // Nothing listens there: the link stays down on both sides.
  const port = String(await freePort());
  await o.both(['SET', 'a', '1']);
  await o.both(['REPLICAOF', '127.0.0.1', port]);
  await o.both(['REPLICAOF', '127.0.0.1', port]);
  await sleep(100);
  await o.both(['ROLE']);
  await o.both(['SET', 'b', '2']);
  await o.both(['INCR', 'a']);
  await o.both(['GET', 'a']);
  await o.both(['MULTI']);
  await o.both(['SET', 'c', '3']);
  await o.both(['GET', 'a']);
  await o.both(['EXEC']);
  await o.both(['CONFIG', 'SET', 'replica-serve-stale-data', 'no']);
  await o.both(['GET', 'a']);
  await o.both(['PING']);
  await o.both(['INFO', 'replication'], (r) =>
    r.kind === 'bulk' || r.kind === 'verbatim'
      ? r.value
          .split('\r\n')
          .filter((l) =>
            /^(role|master_host|master_port|master_link_status|slave_read_only)/.test(l),
          )
          .join(' ')
      : '',
  );
  await o.both(['CONFIG', 'GET', 'slave-serve-stale-data']);
  await o.both(['CONFIG', 'SET', 'replica-serve-stale-data', 'yes']);
  await o.both(['CONFIG', 'SET', 'replica-read-only', 'no']);
  await o.both(['SET', 'b', '2']);
  await o.both(['CONFIG', 'SET', 'replica-read-only', 'yes']);
  await o.both(['SLAVEOF', 'NO', 'ONE']);
  await o.both(['SET', 'b', '3']);
  await o.both(['MGET', 'a', 'b']);
});

it('a transaction queued on a master aborts at EXEC once the server is a stale replica', async () => {
  const o = new Oracle(client);
  const port = String(await freePort());
  await o.both(['CONFIG', 'SET', 'replica-serve-stale-data', 'no']);
  await o.both(['SET', 'xx', '1']);
  await o.both(['MULTI']);
  await o.both(['GET', 'xx']);
  // Queued: REPLICAOF runs inside EXEC, so the transaction still runs.
  await o.both(['REPLICAOF', '127.0.0.1', port]);
  await o.both(['SET', 'yy', '2']);
  await o.both(['EXEC']);
  await o.both(['SET', 'zz', '3']);
  await o.both(['REPLICAOF', 'NO', 'ONE']);
  await o.both(['MGET', 'xx', 'yy']);
  await o.both(['CONFIG', 'SET', 'replica-serve-stale-data', 'yes']);
  expect(o.local.engine.replicaOf).toBeUndefined();
});
