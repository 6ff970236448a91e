/**
 * DUMP and RESTORE (cluster.c): a value serialised as Redis 7.0 serialises it in an RDB file
 * (rdb/value.ts), then the RDB version (10, two bytes little-endian) and a CRC-64 of all that
 * (eight bytes little-endian). A payload from a real redis-server 7.0 restores here and ours
 * restores there. RESTORE checks its options, then that the key is free, then the TTL, then
 * the footer, then the value, each with Redis's error.
 */
import { Err } from '../errors.ts';
import {
  LRU_CLOCK_MAX,
  isLfuPolicy,
  lfuMinutes,
  lruClock,
  type TrackedValue,
} from '../keyspace/access.ts';
import { parseInt64 } from '../numbers.ts';
import { NULL, OK, bulk, error, type Reply } from '../reply.ts';
import { crc64Bytes } from '../rdb/crc64.ts';
import { loadValue, saveValue } from '../rdb/value.ts';
import { isOption } from './args.ts';
import { ONE_KEY, type CommandContext, type CommandSpec } from './types.ts';

/** RDB_VERSION of Redis 7.0. */
export const RDB_VERSION = 10;

/** The DUMP payload of a serialised value: the version and the checksum appended. */
export function dumpPayload(serialised: string): string {
  const body = serialised + String.fromCharCode(RDB_VERSION & 0xff, RDB_VERSION >> 8);
  return body + crc64Bytes(body);
}

/** verifyDumpPayload: a footer with a version we can read and a matching checksum. */
export function verifyDumpPayload(payload: string): boolean {
  if (payload.length < 10) return false;
  const footer = payload.length - 10;
  const version = payload.charCodeAt(footer) | (payload.charCodeAt(footer + 1) << 8);
  if (version > RDB_VERSION) return false;
  return crc64Bytes(payload, payload.length - 8) === payload.slice(payload.length - 8);
}

function dump(ctx: CommandContext): Reply {
  const value = ctx.db.lookup(ctx.argv[1]!, ctx.nowMs);
  if (value === undefined) return NULL;
  return bulk(dumpPayload(saveValue(value, ctx.engine.config)));
}

function restore(ctx: CommandContext): Reply {
  const { argv, db, engine } = ctx;
  let replace = false;
  let absttl = false;
  let idle = -1;
  let freq = -1;
  for (let j = 4; j < argv.length; j++) {
    const arg = argv[j]!;
    const more = argv.length - j - 1;
    if (isOption(arg, 'replace')) replace = true;
    else if (isOption(arg, 'absttl')) absttl = true;
    else if (isOption(arg, 'idletime') && more >= 1 && freq === -1) {
      const n = parseInt64(argv[++j]!);
      if (n === null) return error(Err.notInteger);
      if (n < 0) return error(Err.restoreIdletime);
      idle = Number(n);
    } else if (isOption(arg, 'freq') && more >= 1 && idle === -1) {
      const n = parseInt64(argv[++j]!);
      if (n === null) return error(Err.notInteger);
      if (n < 0 || n > 255) return error(Err.restoreFreq);
      freq = Number(n);
    } else {
      return error(Err.syntax);
    }
  }
  const key = argv[1]!;
  if (!replace && db.lookup(key, ctx.nowMs) !== undefined) return error(Err.busyKey);
  const ttlArg = parseInt64(argv[2]!);
  if (ttlArg === null) return error(Err.notInteger);
  if (ttlArg < 0) return error(Err.restoreTtl);
  const payload = argv[3]!;
  if (!verifyDumpPayload(payload)) return error(Err.dumpPayload);
  const value = loadValue(payload, engine);
  if (value === null) return error(Err.badDataFormat);

  const deleted = replace && db.delete(key);
  let ttl = Number(ttlArg);
  if (ttl !== 0 && !absttl) ttl += ctx.nowMs;
  if (ttl !== 0 && ttl <= ctx.nowMs) {
    // Already expired: the key is not created (and REPLACE has deleted the old one).
    if (deleted) engine.dirty++;
    return OK;
  }
  const tracked: TrackedValue = value;
  if (isLfuPolicy(engine.config['maxmemory-policy'])) {
    if (freq >= 0) tracked.lru = (lfuMinutes(ctx.nowMs) << 8) | freq;
  } else if (idle >= 0) {
    let lru = lruClock(ctx.nowMs) - idle;
    if (lru < 0) lru += LRU_CLOCK_MAX;
    tracked.lru = lru;
  }
  db.set(key, value);
  if (ttl !== 0) db.setExpire(key, ttl);
  engine.dirty++;
  return OK;
}

export const dumpCommands: readonly CommandSpec[] = [
  {
    name: 'dump',
    arity: 2,
    flags: ['readonly'],
    keys: ONE_KEY,
    group: 'generic',
    complexity:
      'O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1).',
    summary: 'Return a serialized version of the value stored at the specified key.',
    since: '2.6.0',
    handler: dump,
  },
  {
    name: 'restore',
    arity: -4,
    flags: ['write', 'denyoom'],
    keys: ONE_KEY,
    group: 'generic',
    complexity:
      'O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).',
    summary: 'Create a key using the provided serialized value, previously obtained using DUMP.',
    since: '2.6.0',
    handler: restore,
  },
];
