/**
 * A real redis-server 7.0.15 replicating from redis-sim's RESP server: it must load the RDB
 * payload of the full sync and apply the command stream, ending with the same data.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeRdb } from '../../../src/engine/index.ts';
import { startRespServer, type RespServer } from '../../../tools/resp-server.ts';
import { RealRedis, RespClient } from '../../helpers/real-redis.ts';
import { describeDataset } from '../../helpers/dataset.ts';
import { testEngine } from '../../helpers/engine.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'redis-sim-replica-'));
let ours: RespServer;

beforeAll(async () => {
  ours = await startRespServer({ port: 0 });
});

afterAll(async () => {
  await ours?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const big = 'x'.repeat(20_000);
const binary = '\0\xff\r\n\x80';

it('the payload of a full sync is an RDB file redis-check-rdb accepts, checksum included', async () => {
  const t = testEngine();
  t.run('SET', 'big', big);
  t.run('SET', binary, binary, 'EX', '100');
  t.run('RPUSH', 'l', 'a', 'b', big);
  t.run('SADD', 's', '1', '2', 'x');
  t.run('HSET', 'h', 'f', 'v');
  t.run('ZADD', 'z', '1.5', 'a', '-inf', 'b');
  t.run('SELECT', '9');
  t.run('SET', 'nine', '9');
  const file = join(dir, 'payload.rdb');
  writeFileSync(file, Buffer.from(encodeRdb(t.engine.dbs, t.engine.config), 'latin1'));
  const { stdout } = await run('redis-check-rdb', [file]);
  expect(stdout).toContain('RDB looks OK');
  expect(stdout).toContain('7 keys read');
  expect(stdout).toContain('Checksum OK');
});

it('a real replica loads the dataset and follows the stream', async () => {
  const master = await RespClient.connect(ours.port);
  const setup = [
    ['SET', 'big', big],
    ['SET', binary, binary, 'EX', '1000'],
    ['RPUSH', 'l', 'a', 'b', 'c'],
    ['SADD', 's', '1', '2', 'x'],
    ['HSET', 'h', 'f', 'v', 'g', 'w'],
    ['ZADD', 'z', '1.5', 'a', '2', 'b', '-inf', 'c'],
    ['SELECT', '3'],
    ['SET', 'three', '3'],
    ['SELECT', '0'],
  ];
  for (const argv of setup) await master.call(...argv);
  const replica = await RealRedis.start([
    '--dir',
    dir,
    '--replicaof',
    '127.0.0.1',
    String(ours.port),
  ]);
  const client = await replica.connect();
  try {
    const linked = async () => {
      const info = (await client.call('INFO', 'replication')) as { value: string };
      return info.value.includes('master_link_status:up');
    };
    for (let i = 0; i < 200 && !(await linked()); i++) await sleep(50);
    expect(await linked()).toBe(true);
    const after = [
      ['SET', 'k', 'v', 'EX', '500'],
      ['INCRBYFLOAT', 'f', '2.5'],
      ['HINCRBYFLOAT', 'h', 'n', '1.25'],
      ['SPOP', 's'],
      ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '2'],
      ['ZPOPMIN', 'z'],
      ['EXPIRE', 'big', '-1'],
      ['SELECT', '3'],
      ['GETEX', 'three', 'PX', '200000'],
      ['SELECT', '0'],
    ];
    for (const argv of after) await master.call(...argv);
    const expected = await describeDataset(master);
    let seen: string[] = [];
    for (let i = 0; i < 100; i++) {
      seen = await describeDataset(client);
      if (JSON.stringify(seen) === JSON.stringify(expected)) break;
      await sleep(50);
    }
    expect(seen).toEqual(expected);
  } finally {
    client.close();
    replica.stop();
    master.close();
  }
}, 30_000);
