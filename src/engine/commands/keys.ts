import { Err, invalidExpireTime, unsupportedOption } from '../errors.ts';
import { globMatch } from '../keyspace/glob.ts';
import { parseInt64 } from '../numbers.ts';
import { OK, ONE, ZERO, bulkArray, error, integer, status, type Reply } from '../reply.ts';
import { isOption } from './args.ts';
import { ALL_KEYS, ONE_KEY, type CommandContext, type CommandSpec } from './types.ts';

const LLONG_MAX = 9223372036854775807n;
const LLONG_MIN = -9223372036854775808n;

function del(ctx: CommandContext): Reply {
  let deleted = 0;
  for (let i = 1; i < ctx.argv.length; i++) {
    const key = ctx.argv[i]!;
    ctx.db.expireIfNeeded(key, ctx.nowMs);
    if (ctx.db.delete(key)) deleted++;
  }
  ctx.engine.dirty += deleted;
  return integer(deleted);
}

function rename(ctx: CommandContext, nx: boolean): Reply {
  const { db } = ctx;
  const from = ctx.argv[1]!;
  const to = ctx.argv[2]!;
  const value = db.lookup(from, ctx.nowMs);
  if (value === undefined) return error(Err.noSuchKey);
  if (from === to) return nx ? ZERO : OK;
  const expire = db.getExpire(from);
  if (db.lookup(to, ctx.nowMs) !== undefined) {
    if (nx) return ZERO;
    db.delete(to);
  }
  // The value object moves as it is (same encoding), and its TTL with it.
  db.set(to, value);
  if (expire !== -1) db.setExpire(to, expire);
  db.delete(from);
  ctx.engine.dirty++;
  return nx ? ONE : OK;
}

function persist(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  if (ctx.db.lookup(key, ctx.nowMs) === undefined) return ZERO;
  if (!ctx.db.removeExpire(key)) return ZERO;
  ctx.engine.dirty++;
  return ONE;
}

function touch(ctx: CommandContext): Reply {
  let count = 0;
  for (let i = 1; i < ctx.argv.length; i++) {
    if (ctx.db.lookup(ctx.argv[i]!, ctx.nowMs) !== undefined) count++;
  }
  return integer(count);
}

function exists(ctx: CommandContext): Reply {
  let count = 0;
  // A key named twice counts twice, as in Redis; LOOKUP_NOTOUCH leaves LRU/LFU alone.
  for (let i = 1; i < ctx.argv.length; i++) {
    if (ctx.db.peek(ctx.argv[i]!, ctx.nowMs) !== undefined) count++;
  }
  return integer(count);
}

function type(ctx: CommandContext): Reply {
  const value = ctx.db.peek(ctx.argv[1]!, ctx.nowMs);
  return status(value === undefined ? 'none' : value.type);
}

function keys(ctx: CommandContext): Reply {
  const pattern = ctx.argv[1]!;
  const all = pattern === '*';
  const found: string[] = [];
  for (const key of ctx.db.keys.keys()) {
    // KEYS skips expired keys without deleting them (db.c keysCommand).
    const when = ctx.db.expires.get(key);
    if (when !== undefined && ctx.nowMs > when) continue;
    if (all || globMatch(pattern, key)) found.push(key);
  }
  return bulkArray(found);
}

function dbsize(ctx: CommandContext): Reply {
  return integer(ctx.db.size);
}

function flushdb(ctx: CommandContext): Reply {
  if (ctx.argv.length > 2) return error(Err.syntax);
  if (ctx.argv.length === 2) {
    const mode = ctx.argv[1]!;
    if (!isOption(mode, 'sync') && !isOption(mode, 'async')) return error(Err.syntax);
  }
  ctx.engine.dirty += ctx.db.size;
  ctx.db.clear();
  return status('OK');
}

const ExpireFlag = { NX: 1, XX: 2, GT: 4, LT: 8 } as const;

/**
 * EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT, as expireGenericCommand in expire.c: options are
 * checked before the number, overflow is an "invalid expire time", and a time already past
 * deletes the key and still replies 1.
 */
function expireGeneric(ctx: CommandContext, relative: boolean, seconds: boolean): Reply {
  const { argv, db } = ctx;
  let flags = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j]!;
    if (isOption(opt, 'nx')) flags |= ExpireFlag.NX;
    else if (isOption(opt, 'xx')) flags |= ExpireFlag.XX;
    else if (isOption(opt, 'gt')) flags |= ExpireFlag.GT;
    else if (isOption(opt, 'lt')) flags |= ExpireFlag.LT;
    else return error(unsupportedOption(opt));
  }
  if (flags & ExpireFlag.NX && flags & (ExpireFlag.XX | ExpireFlag.GT | ExpireFlag.LT)) {
    return error(Err.expireOptionsNxConflict);
  }
  if (flags & ExpireFlag.GT && flags & ExpireFlag.LT) return error(Err.expireOptionsGtLt);

  const parsed = parseInt64(argv[2]!);
  if (parsed === null) return error(Err.notInteger);
  let when = BigInt(parsed);
  if (seconds) {
    if (when > LLONG_MAX / 1000n || when < LLONG_MIN / 1000n) {
      return error(invalidExpireTime(ctx.spec.name));
    }
    when *= 1000n;
  }
  const base = relative ? BigInt(ctx.nowMs) : 0n;
  if (when > LLONG_MAX - base) return error(invalidExpireTime(ctx.spec.name));
  when += base;

  const key = argv[1]!;
  if (db.lookup(key, ctx.nowMs) === undefined) return ZERO;

  if (flags) {
    const current = db.getExpire(key);
    if (flags & ExpireFlag.NX && current !== -1) return ZERO;
    if (flags & ExpireFlag.XX && current === -1) return ZERO;
    // No TTL counts as an infinite one: GT never wins against it, LT always does.
    if (flags & ExpireFlag.GT && (current === -1 || when <= BigInt(current))) return ZERO;
    if (flags & ExpireFlag.LT && current !== -1 && when >= BigInt(current)) return ZERO;
  }

  ctx.engine.dirty++;
  if (when <= BigInt(ctx.nowMs)) {
    db.delete(key);
    return ONE;
  }
  db.setExpire(key, Number(when));
  return ONE;
}

/** TTL, PTTL, EXPIRETIME, PEXPIRETIME (ttlGenericCommand); seconds are rounded, not cut. */
function ttlGeneric(ctx: CommandContext, ms: boolean, absolute = false): Reply {
  const key = ctx.argv[1]!;
  if (ctx.db.peek(key, ctx.nowMs) === undefined) return integer(-2);
  const expire = ctx.db.getExpire(key);
  if (expire === -1) return integer(-1);
  const ttl = Math.max(0, absolute ? expire : expire - ctx.nowMs);
  return integer(ms ? ttl : Math.floor((ttl + 500) / 1000));
}

const generic = { group: 'generic', keys: ONE_KEY } as const;
const expireFlags = ['write', 'fast'] as const;

export const keyCommands: readonly CommandSpec[] = [
  {
    ...generic,
    name: 'del',
    arity: -2,
    flags: ['write'],
    keys: ALL_KEYS,
    complexity:
      'O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).',
    summary: 'Delete a key',
    since: '1.0.0',
    handler: del,
  },
  {
    ...generic,
    name: 'exists',
    arity: -2,
    flags: ['readonly', 'fast'],
    keys: ALL_KEYS,
    complexity: 'O(N) where N is the number of keys to check.',
    summary: 'Determine if a key exists',
    since: '1.0.0',
    handler: exists,
  },
  {
    ...generic,
    name: 'type',
    arity: 2,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Determine the type stored at key',
    since: '1.0.0',
    handler: type,
  },
  {
    ...generic,
    name: 'keys',
    arity: 2,
    flags: ['readonly'],
    keys: { first: 0, last: 0, step: 0 },
    complexity:
      'O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.',
    summary: 'Find all keys matching the given pattern',
    since: '1.0.0',
    handler: keys,
  },
  {
    name: 'dbsize',
    arity: 1,
    flags: ['readonly', 'fast'],
    keys: { first: 0, last: 0, step: 0 },
    group: 'server',
    complexity: 'O(1)',
    summary: 'Return the number of keys in the selected database',
    since: '1.0.0',
    handler: dbsize,
  },
  {
    name: 'flushdb',
    arity: -1,
    flags: ['write'],
    keys: { first: 0, last: 0, step: 0 },
    group: 'server',
    complexity: 'O(N) where N is the number of keys in the selected database',
    summary: 'Remove all keys from the current database',
    since: '1.0.0',
    handler: flushdb,
  },
  {
    ...generic,
    name: 'expire',
    arity: -3,
    flags: expireFlags,
    complexity: 'O(1)',
    summary: "Set a key's time to live in seconds",
    since: '1.0.0',
    handler: (ctx) => expireGeneric(ctx, true, true),
  },
  {
    ...generic,
    name: 'pexpire',
    arity: -3,
    flags: expireFlags,
    complexity: 'O(1)',
    summary: "Set a key's time to live in milliseconds",
    since: '2.6.0',
    handler: (ctx) => expireGeneric(ctx, true, false),
  },
  {
    ...generic,
    name: 'expireat',
    arity: -3,
    flags: expireFlags,
    complexity: 'O(1)',
    summary: 'Set the expiration for a key as a UNIX timestamp',
    since: '1.2.0',
    handler: (ctx) => expireGeneric(ctx, false, true),
  },
  {
    ...generic,
    name: 'pexpireat',
    arity: -3,
    flags: expireFlags,
    complexity: 'O(1)',
    summary: 'Set the expiration for a key as a UNIX timestamp specified in milliseconds',
    since: '2.6.0',
    handler: (ctx) => expireGeneric(ctx, false, false),
  },
  {
    ...generic,
    name: 'ttl',
    arity: 2,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the time to live for a key in seconds',
    since: '1.0.0',
    handler: (ctx) => ttlGeneric(ctx, false),
  },
  {
    ...generic,
    name: 'pttl',
    arity: 2,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the time to live for a key in milliseconds',
    since: '2.6.0',
    handler: (ctx) => ttlGeneric(ctx, true),
  },
  {
    ...generic,
    name: 'unlink',
    arity: -2,
    flags: ['write', 'fast'],
    keys: ALL_KEYS,
    complexity:
      'O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.',
    summary:
      'Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.',
    since: '4.0.0',
    handler: del,
  },
  {
    ...generic,
    name: 'rename',
    arity: 3,
    flags: ['write'],
    keys: { first: 1, last: 2, step: 1 },
    complexity: 'O(1)',
    summary: 'Rename a key',
    since: '1.0.0',
    handler: (ctx) => rename(ctx, false),
  },
  {
    ...generic,
    name: 'renamenx',
    arity: 3,
    flags: ['write', 'fast'],
    keys: { first: 1, last: 2, step: 1 },
    complexity: 'O(1)',
    summary: 'Rename a key, only if the new key does not exist',
    since: '1.0.0',
    handler: (ctx) => rename(ctx, true),
  },
  {
    ...generic,
    name: 'persist',
    arity: 2,
    flags: ['write', 'fast'],
    complexity: 'O(1)',
    summary: 'Remove the expiration from a key',
    since: '2.2.0',
    handler: persist,
  },
  {
    ...generic,
    name: 'expiretime',
    arity: 2,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the expiration Unix timestamp for a key',
    since: '7.0.0',
    handler: (ctx) => ttlGeneric(ctx, false, true),
  },
  {
    ...generic,
    name: 'pexpiretime',
    arity: 2,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the expiration Unix timestamp for a key in milliseconds',
    since: '7.0.0',
    handler: (ctx) => ttlGeneric(ctx, true, true),
  },
  {
    ...generic,
    name: 'touch',
    arity: -2,
    flags: ['readonly', 'fast'],
    keys: ALL_KEYS,
    complexity: 'O(N) where N is the number of keys that will be touched.',
    summary:
      'Alters the last access time of a key(s). Returns the number of existing keys specified.',
    since: '3.2.1',
    handler: touch,
  },
];
