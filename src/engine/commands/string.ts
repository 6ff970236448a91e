import { Err, invalidExpireTime, wrongArity } from '../errors.ts';
import type { Database } from '../keyspace/database.ts';
import { stringValue, type RedisValue, type StringValue } from '../keyspace/values.ts';
import { addInt64, int64ToString, parseInt64, type Int64 } from '../numbers.ts';
import { NULL, OK, ONE, ZERO, array, bulk, error, integer, type Reply } from '../reply.ts';
import { WRONG_TYPE, isReply } from './args.ts';
import { ONE_KEY, type CommandContext, type CommandSpec } from './types.ts';

/** proto-max-bulk-len: the largest string Redis will build (512 MB). */
const MAX_STRING_LENGTH = 512 * 1024 * 1024;

/** The string at key, undefined when missing, or the WRONGTYPE reply. */
function lookupString(db: Database, key: string, nowMs: number): StringValue | undefined | Reply {
  const value: RedisValue | undefined = db.lookup(key, nowMs);
  if (value === undefined) return undefined;
  return value.type === 'string' ? value : WRONG_TYPE;
}

function get(ctx: CommandContext): Reply {
  const value = lookupString(ctx.db, ctx.argv[1]!, ctx.nowMs);
  if (value === undefined) return NULL;
  return isReply(value) ? value : bulk(value.value);
}

// ---- SET and its variants share one path, as setGenericCommand does in t_string.c ----

const SetFlag = {
  NX: 1,
  XX: 2,
  EX: 4,
  PX: 8,
  KEEPTTL: 16,
  GET: 32,
  EXAT: 64,
  PXAT: 128,
} as const;

const TIME_FLAGS = SetFlag.EX | SetFlag.PX | SetFlag.EXAT | SetFlag.PXAT;

interface SetRequest {
  flags: number;
  /** The raw expire argument, if one was given. */
  expire?: string;
  /** The reply when the write happens / is skipped because of NX or XX. */
  okReply: Reply;
  abortReply: Reply;
}

/** Parses SET's options exactly as parseExtendedStringArgumentsOrReply does. */
function parseSetOptions(argv: readonly string[]): SetRequest | Reply {
  let flags = 0;
  let expire: string | undefined;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j]!.toLowerCase();
    const hasNext = j < argv.length - 1;
    if (opt === 'nx' && !(flags & SetFlag.XX)) flags |= SetFlag.NX;
    else if (opt === 'xx' && !(flags & SetFlag.NX)) flags |= SetFlag.XX;
    else if (opt === 'get') flags |= SetFlag.GET;
    else if (opt === 'keepttl' && !(flags & TIME_FLAGS)) flags |= SetFlag.KEEPTTL;
    else if (
      (opt === 'ex' || opt === 'px' || opt === 'exat' || opt === 'pxat') &&
      !(flags & (SetFlag.KEEPTTL | TIME_FLAGS)) &&
      hasNext
    ) {
      flags |=
        opt === 'ex'
          ? SetFlag.EX
          : opt === 'px'
            ? SetFlag.PX
            : opt === 'exat'
              ? SetFlag.EXAT
              : SetFlag.PXAT;
      expire = argv[++j];
    } else {
      return error(Err.syntax);
    }
  }
  return expire === undefined
    ? { flags, okReply: OK, abortReply: NULL }
    : { flags, expire, okReply: OK, abortReply: NULL };
}

/** The absolute expire time in ms, or the error Redis gives (getExpireMillisecondsOrReply). */
function expireAtMs(ctx: CommandContext, raw: string, flags: number): number | Reply {
  const n = parseInt64(raw);
  if (n === null) return error(Err.notInteger);
  const seconds = (flags & (SetFlag.EX | SetFlag.EXAT)) !== 0;
  let ms = BigInt(n);
  if (ms <= 0n || (seconds && ms > 9223372036854775n)) {
    return error(invalidExpireTime(ctx.spec.name));
  }
  if (seconds) ms *= 1000n;
  if (flags & (SetFlag.EX | SetFlag.PX)) ms += BigInt(ctx.nowMs);
  if (ms > 9223372036854775807n) return error(invalidExpireTime(ctx.spec.name));
  return Number(ms);
}

function setGeneric(ctx: CommandContext, key: string, value: string, req: SetRequest): Reply {
  const { flags } = req;
  let when: number | undefined;
  if (req.expire !== undefined) {
    const parsed = expireAtMs(ctx, req.expire, flags);
    if (isReply(parsed)) return parsed;
    when = parsed;
  }
  let previous: Reply | undefined;
  if (flags & SetFlag.GET) {
    previous = get(ctx);
    if (previous.kind === 'error') return previous;
  }
  const found = ctx.db.lookup(key, ctx.nowMs) !== undefined;
  if ((flags & SetFlag.NX && found) || (flags & SetFlag.XX && !found)) {
    return previous ?? req.abortReply;
  }
  ctx.db.set(key, stringValue(value), (flags & SetFlag.KEEPTTL) !== 0);
  ctx.engine.dirty++;
  if (when !== undefined) ctx.db.setExpire(key, when);
  return previous ?? req.okReply;
}

function set(ctx: CommandContext): Reply {
  const req = parseSetOptions(ctx.argv);
  if (isReply(req)) return req;
  return setGeneric(ctx, ctx.argv[1]!, ctx.argv[2]!, req);
}

function setnx(ctx: CommandContext): Reply {
  return setGeneric(ctx, ctx.argv[1]!, ctx.argv[2]!, {
    flags: SetFlag.NX,
    okReply: ONE,
    abortReply: ZERO,
  });
}

function setex(ctx: CommandContext, flag: typeof SetFlag.EX | typeof SetFlag.PX): Reply {
  return setGeneric(ctx, ctx.argv[1]!, ctx.argv[3]!, {
    flags: flag,
    expire: ctx.argv[2]!,
    okReply: OK,
    abortReply: NULL,
  });
}

// ---- counters ----

function incrBy(ctx: CommandContext, by: Int64): Reply {
  const key = ctx.argv[1]!;
  const current = lookupString(ctx.db, key, ctx.nowMs);
  if (current !== undefined && isReply(current)) return current;
  const value = current === undefined ? 0 : parseInt64(current.value);
  if (value === null) return error(Err.notInteger);
  const next = addInt64(value, by);
  if (next === null) return error(Err.overflow);
  // INCR keeps the key's TTL: Redis overwrites the value, not the key.
  ctx.db.set(key, stringValue(int64ToString(next)), true);
  ctx.engine.dirty++;
  return integer(next);
}

function incrByArg(ctx: CommandContext, negate: boolean): Reply {
  const by = parseInt64(ctx.argv[2]!);
  if (by === null) return error(Err.notInteger);
  if (negate) {
    if (by === -9223372036854775808n) return error(Err.decrementOverflow);
    return incrBy(ctx, -by);
  }
  return incrBy(ctx, by);
}

function append(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  const addition = ctx.argv[2]!;
  const current = lookupString(ctx.db, key, ctx.nowMs);
  if (current === undefined) {
    ctx.db.set(key, stringValue(addition));
    ctx.engine.dirty++;
    return integer(addition.length);
  }
  if (isReply(current)) return current;
  if (current.value.length + addition.length > MAX_STRING_LENGTH) {
    return error(Err.stringTooLong);
  }
  current.value += addition;
  ctx.db.set(key, current, true);
  ctx.engine.dirty++;
  return integer(current.value.length);
}

function strlen(ctx: CommandContext): Reply {
  const value = lookupString(ctx.db, ctx.argv[1]!, ctx.nowMs);
  if (value === undefined) return ZERO;
  return isReply(value) ? value : integer(value.value.length);
}

function mget(ctx: CommandContext): Reply {
  const items: Reply[] = [];
  for (let i = 1; i < ctx.argv.length; i++) {
    const value = ctx.db.lookup(ctx.argv[i]!, ctx.nowMs);
    // MGET never fails on a wrong type: a non-string counts as missing.
    items.push(value?.type === 'string' ? bulk(value.value) : NULL);
  }
  return array(items);
}

function mset(ctx: CommandContext, nx: boolean): Reply {
  const { argv, db } = ctx;
  if (argv.length % 2 === 0) return error(wrongArity(ctx.spec.name));
  if (nx) {
    for (let j = 1; j < argv.length; j += 2) {
      if (db.lookup(argv[j]!, ctx.nowMs) !== undefined) return ZERO;
    }
  }
  for (let j = 1; j < argv.length; j += 2) {
    db.set(argv[j]!, stringValue(argv[j + 1]!));
  }
  ctx.engine.dirty += (argv.length - 1) / 2;
  return nx ? ONE : OK;
}

const str = {
  group: 'string',
  keys: ONE_KEY,
} as const;

export const stringCommands: readonly CommandSpec[] = [
  {
    ...str,
    name: 'get',
    arity: 2,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the value of a key',
    since: '1.0.0',
    handler: get,
  },
  {
    ...str,
    name: 'set',
    arity: -3,
    flags: ['write', 'denyoom'],
    complexity: 'O(1)',
    summary: 'Set the string value of a key',
    since: '1.0.0',
    handler: set,
  },
  {
    ...str,
    name: 'setnx',
    arity: 3,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(1)',
    summary: 'Set the value of a key, only if the key does not exist',
    since: '1.0.0',
    handler: setnx,
  },
  {
    ...str,
    name: 'setex',
    arity: 4,
    flags: ['write', 'denyoom'],
    complexity: 'O(1)',
    summary: 'Set the value and expiration of a key',
    since: '2.0.0',
    handler: (ctx) => setex(ctx, SetFlag.EX),
  },
  {
    ...str,
    name: 'psetex',
    arity: 4,
    flags: ['write', 'denyoom'],
    complexity: 'O(1)',
    summary: 'Set the value and expiration in milliseconds of a key',
    since: '2.6.0',
    handler: (ctx) => setex(ctx, SetFlag.PX),
  },
  {
    ...str,
    name: 'incr',
    arity: 2,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(1)',
    summary: 'Increment the integer value of a key by one',
    since: '1.0.0',
    handler: (ctx) => incrBy(ctx, 1),
  },
  {
    ...str,
    name: 'decr',
    arity: 2,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(1)',
    summary: 'Decrement the integer value of a key by one',
    since: '1.0.0',
    handler: (ctx) => incrBy(ctx, -1),
  },
  {
    ...str,
    name: 'incrby',
    arity: 3,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(1)',
    summary: 'Increment the integer value of a key by the given amount',
    since: '1.0.0',
    handler: (ctx) => incrByArg(ctx, false),
  },
  {
    ...str,
    name: 'decrby',
    arity: 3,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(1)',
    summary: 'Decrement the integer value of a key by the given number',
    since: '1.0.0',
    handler: (ctx) => incrByArg(ctx, true),
  },
  {
    ...str,
    name: 'append',
    arity: 3,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(1)',
    summary: 'Append a value to a key',
    since: '2.0.0',
    handler: append,
  },
  {
    ...str,
    name: 'strlen',
    arity: 2,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the length of the value stored in a key',
    since: '2.2.0',
    handler: strlen,
  },
  {
    ...str,
    name: 'mget',
    arity: -2,
    flags: ['readonly', 'fast'],
    keys: { first: 1, last: -1, step: 1 },
    complexity: 'O(N) where N is the number of keys to retrieve.',
    summary: 'Get the values of all the given keys',
    since: '1.0.0',
    handler: mget,
  },
  {
    ...str,
    name: 'mset',
    arity: -3,
    flags: ['write', 'denyoom'],
    keys: { first: 1, last: -1, step: 2 },
    complexity: 'O(N) where N is the number of keys to set.',
    summary: 'Set multiple keys to multiple values',
    since: '1.0.1',
    handler: (ctx) => mset(ctx, false),
  },
  {
    ...str,
    name: 'msetnx',
    arity: -3,
    flags: ['write', 'denyoom'],
    keys: { first: 1, last: -1, step: 2 },
    complexity: 'O(N) where N is the number of keys to set.',
    summary: 'Set multiple keys to multiple values, only if none of the keys exist',
    since: '1.0.1',
    handler: (ctx) => mset(ctx, true),
  },
];
