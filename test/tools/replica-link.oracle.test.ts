/**
 * redis-sim's RESP server as a replica of a real redis-server 7.0.15 (tools/replica-link.ts):
 * REPLICAOF connects, the full sync's RDB is loaded and the command stream applied until
 * both datasets and offsets agree; writes are refused; a lost master shows as a down link.
 * And as a master: REPLICAOF NO ONE drops the replicas attached to it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Reply } from '../../src/engine/index.ts';
import { startRespServer, type RespServer } from '../../tools/resp-server.ts';
import { describeDataset } from '../helpers/dataset.ts';
import { RealRedis, RespClient } from '../helpers/real-redis.ts';

const dir = mkdtempSync(join(tmpdir(), 'redis-sim-replica-link-'));
let real: RealRedis;
let ours: RespServer;
let master: RespClient;
let replica: RespClient;

beforeAll(async () => {
  // Its own folder: as a replica (the last test) it saves the RDB it receives.
  real = await RealRedis.start(['--dir', dir, '--repl-diskless-sync-delay', '0']);
  ours = await startRespServer({ port: 0 });
  master = await real.connect();
  replica = await RespClient.connect(ours.port);
});

afterAll(async () => {
  master?.close();
  replica?.close();
  real?.stop();
  await ours?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const items = (r: Reply | undefined): readonly Reply[] => (r?.kind === 'array' ? r.items : []);
const value = (r: Reply | undefined): unknown =>
  r === undefined ? undefined : 'value' in r ? r.value : undefined;

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const offsetOf = async (client: RespClient) => Number(value(items(await client.call('ROLE'))[1]));
const replicaOffset = async () => Number(value(items(await replica.call('ROLE'))[4]));

it('replicates a real master: full sync, then the stream, with matching offsets', async () => {
  await master.call('RPUSH', 'list', 'a', 'b', 'c');
  await master.call('HSET', 'hash', 'f', '1', 'g', '2');
  await master.call('ZADD', 'zset', '1', 'x', '2.5', 'y');
  await master.call('SADD', 'set', '1', '2', '3');
  await master.call('SET', 'ttl', 'v', 'EX', '1000');
  await master.call('SELECT', '3');
  await master.call('SET', 'in3', 'x'.repeat(500));
  await master.call('SELECT', '0');
  await replica.call('SET', 'only-ours', '1');

  expect(value(await replica.call('REPLICAOF', '127.0.0.1', String(real.port)))).toBe('OK');
  await until('the link', async () => value(items(await replica.call('ROLE'))[3]) === 'connected');
  expect(await describeDataset(replica)).toEqual(await describeDataset(master));

  await master.call('INCR', 'counter');
  await master.call('MULTI');
  await master.call('LPOP', 'list');
  await master.call('SADD', 'set', '4');
  await master.call('EXEC');
  await master.call('DEL', 'hash');
  await master.call('SELECT', '3');
  await master.call('PEXPIRE', 'in3', '500000');
  await master.call('SELECT', '0');
  const target = await offsetOf(master);
  await until('the offset', async () => (await replicaOffset()) === target);
  expect(await describeDataset(replica)).toEqual(await describeDataset(master));

  const refused = await replica.call('SET', 'x', '1');
  expect(refused).toEqual({
    kind: 'error',
    message: "READONLY You can't write against a read only replica.",
  });
  const info = String(value(await replica.call('INFO', 'replication')));
  expect(info).toContain('role:slave');
  expect(info).toContain('master_link_status:up');
  // The master lists us with the port we listen on and the offset we acknowledged.
  await until('the ack', async () => {
    const listed = items(items(await master.call('ROLE'))[2]);
    return listed.some((r) => value(items(r)[1]) === String(ours.port));
  });
});

it('a lost master is a down link; REPLICAOF NO ONE makes a writable master again', async () => {
  await replica.call('CONFIG', 'SET', 'replica-serve-stale-data', 'no');
  await master.call('CLIENT', 'KILL', 'TYPE', 'replica');
  await until('the link to drop', async () => {
    const r = await replica.call('GET', 'counter');
    return r.kind === 'error' && r.message.startsWith('MASTERDOWN');
  });
  // It reconnects by itself within a second or so.
  await until('the link again', async () => value(await replica.call('GET', 'counter')) === '1');
  await replica.call('CONFIG', 'SET', 'replica-serve-stale-data', 'yes');
  expect(value(await replica.call('REPLICAOF', 'NO', 'ONE'))).toBe('OK');
  expect(value(await replica.call('SET', 'x', '1'))).toBe('OK');
  expect(value(items(await replica.call('ROLE'))[0])).toBe('master');
});

it('as a master, REPLICAOF NO ONE after a REPLICAOF drops the attached replicas', async () => {
  await master.call('REPLICAOF', '127.0.0.1', String(ours.port));
  await until('the real replica', async () =>
    String(value(await master.call('INFO', 'replication'))).includes('master_link_status:up'),
  );
  expect(items(items(await replica.call('ROLE'))[2])).toHaveLength(1);
  await replica.call('REPLICAOF', '127.0.0.1', '1');
  await replica.call('REPLICAOF', 'NO', 'ONE');
  expect(items(items(await replica.call('ROLE'))[2])).toHaveLength(0);
  await master.call('REPLICAOF', 'NO', 'ONE');
});
