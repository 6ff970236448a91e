/**
 * `npm run calibrate`: measures real redis-server's execution times (SLOWLOG, which counts
 * execution only, not queueing or network) for the commands whose cost the lessons show,
 * and writes src/engine/cost-calibration.ts, the data the engine's cost model reads.
 * Per command: a base time, and for O(N) commands a time per element, fitted over several
 * sizes. Re-run on the target machine kind; the figures are noisy, so each is a median.
 */
import { writeFileSync } from 'node:fs';
import type { Reply } from '../src/engine/index.ts';
import { RealRedis, type RespClient } from '../test/helpers/real-redis.ts';

const REPEAT = 31;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function num(r: Reply | undefined): number {
  return r?.kind === 'integer' ? Number(r.value) : NaN;
}

/** Runs `argv` REPEAT times and returns the median execution time in µs from SLOWLOG. */
async function timeOf(client: RespClient, argv: string[], repeat = REPEAT): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    await client.call('SLOWLOG', 'RESET');
    await client.call(...argv);
    const log = await client.call('SLOWLOG', 'GET', '1');
    const entry = log.kind === 'array' ? log.items[0] : undefined;
    if (entry?.kind === 'array') samples.push(num(entry.items[2]));
  }
  return median(samples);
}

/**
 * Sub-microsecond commands are below SLOWLOG's resolution: run many (pipelined) and read the
 * server's own average from INFO commandstats instead.
 */
async function perCall(
  client: RespClient,
  argvOf: (i: number) => string[],
  n = 20_000,
): Promise<number> {
  await client.call('CONFIG', 'RESETSTAT');
  const name = argvOf(0)[0]!.toLowerCase();
  const pending: Promise<Reply>[] = [];
  for (let i = 0; i < n; i++) pending.push(client.call(...argvOf(i)));
  await Promise.all(pending);
  const stats = await client.call('INFO', 'commandstats');
  const text = stats.kind === 'bulk' ? stats.value : '';
  const match = new RegExp(`cmdstat_${name}:.*usec_per_call=([0-9.]+)`).exec(text);
  return match ? Number(match[1]) : NaN;
}

async function fill(
  client: RespClient,
  command: string,
  key: string,
  n: number,
  pairs = false,
): Promise<void> {
  await client.call('DEL', key);
  const batch = 1000;
  for (let i = 0; i < n; i += batch) {
    const args: string[] = [];
    for (let j = i; j < Math.min(n, i + batch); j++) {
      if (pairs)
        args.push(command === 'ZADD' ? String(j) : `f${j}`, command === 'ZADD' ? `m${j}` : `v${j}`);
      else args.push(`e${j}`);
    }
    await client.call(command, key, ...args);
  }
}

interface Fit {
  /** µs per element beyond the base */
  perUnit: number;
  points: { units: number; micros: number }[];
}

/** Least squares through the origin of (micros - base) against units. */
function fit(base: number, points: { units: number; micros: number }[]): Fit {
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += p.units * (p.micros - base);
    den += p.units * p.units;
  }
  return { perUnit: Math.max(0, num / den), points };
}

const server = await RealRedis.start(['--enable-debug-command', 'yes']);
const client = await server.connect();
try {
  await client.call('CONFIG', 'SET', 'slowlog-log-slower-than', '0');
  await client.call('FLUSHALL');
  await client.call('SET', 'str', 'hello');
  await client.call('RPUSH', 'smalllist', 'a', 'b', 'c');
  const base: Record<string, number> = {
    get: await perCall(client, (i) => ['GET', `k${i % 1000}`]),
    set: await perCall(client, (i) => ['SET', `k${i % 1000}`, 'hello']),
    incr: await perCall(client, (i) => ['INCR', `c${i % 1000}`]),
    lpush: await perCall(client, (i) => ['LPUSH', `l${i % 100}`, 'x']),
    sadd: await perCall(client, (i) => ['SADD', `s${i % 100}`, `m${i}`]),
    hset: await perCall(client, (i) => ['HSET', `h${i % 100}`, `f${i}`, 'v']),
    zadd: await perCall(client, (i) => ['ZADD', `z${i % 100}`, String(i), `m${i}`]),
    scan: 0,
    unlink: 0,
  };
  const perUnit: Record<string, Fit> = {};

  // KEYS walks the whole keyspace: the single-thread lesson's villain.
  const keysPoints = [];
  for (const n of [10_000, 100_000]) {
    await client.call('FLUSHALL');
    await client.call('DEBUG', 'POPULATE', String(n));
    keysPoints.push({ units: n, micros: await timeOf(client, ['KEYS', '*'], 5) });
    if (n === 100_000) base.scan = await timeOf(client, ['SCAN', '0', 'COUNT', '10']);
  }
  perUnit.keys = fit(0, keysPoints);

  for (const [name, command, read, pairs] of [
    ['lrange', 'RPUSH', ['LRANGE', 'big', '0', '-1'], false],
    ['smembers', 'SADD', ['SMEMBERS', 'big'], false],
    ['hgetall', 'HSET', ['HGETALL', 'big'], true],
    ['zrange', 'ZADD', ['ZRANGE', 'big', '0', '-1'], true],
  ] as const) {
    const points = [];
    for (const n of [1_000, 10_000, 100_000]) {
      await client.call('FLUSHALL');
      await fill(client, command, 'big', n, pairs);
      points.push({ units: n, micros: await timeOf(client, [...read], 5) });
    }
    perUnit[name] = fit(0, points);
  }

  // DEL frees every element on the main thread; UNLINK hands the work to a background thread.
  const delPoints = [];
  for (const n of [10_000, 100_000]) {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      await fill(client, 'SADD', 'big', n);
      samples.push(await timeOf(client, ['DEL', 'big'], 1));
    }
    delPoints.push({ units: n, micros: median(samples) });
  }
  perUnit.del = fit(0, delPoints);
  const unlinkSamples: number[] = [];
  for (let i = 0; i < 3; i++) {
    await fill(client, 'SADD', 'big', 100_000);
    unlinkSamples.push(await timeOf(client, ['UNLINK', 'big'], 1));
  }
  base.unlink = median(unlinkSamples);

  const info = await client.call('INFO', 'server');
  const version =
    /redis_version:(\S+)/.exec(info.kind === 'bulk' ? info.value : '')?.[1] ?? 'unknown';
  const data = {
    measuredOn: new Date().toISOString().slice(0, 10),
    redisVersion: version,
    baseMicros: base,
    perUnitMicros: Object.fromEntries(Object.entries(perUnit).map(([k, f]) => [k, f.perUnit])),
    points: Object.fromEntries(Object.entries(perUnit).map(([k, f]) => [k, f.points])),
  };
  const source = [
    '/**',
    ' * Execution times of real redis-server, measured by `npm run calibrate`',
    ' * (tools/calibrate-cost-model.ts) through SLOWLOG. Generated: do not edit by hand.',
    ' */',
    `export const calibration = ${JSON.stringify(data, null, 2)} as const;`,
    '',
  ].join('\n');
  writeFileSync('src/engine/cost-calibration.ts', source);
  console.log(JSON.stringify(data, null, 2));
} finally {
  client.close();
  server.stop();
}
