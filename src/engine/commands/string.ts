import { Err, invalidExpireTime, wrongArity } from '../errors.ts';
import type { Database } from '../keyspace/database.ts';
import {
  StringEncoding,
  stringValue,
  type RedisValue,
  type StringValue,
} from '../keyspace/values.ts';
import { addInt64, int64ToString, parseInt64, type Int64 } from '../numbers.ts';
import {
  addLongDouble,
  formatLongDoubleHuman,
  longDoubleFromInt,
  parseLongDouble,
} from '../long-double.ts';
import { NULL, OK, ONE, ZERO, array, bulk, error, integer, map, type Reply } from '../reply.ts';
import { WRONG_TYPE, isOption, isReply } from './args.ts';
import { ONE_KEY, type CommandContext, type CommandSpec } from './types.ts';

/** proto-max-bulk-len: the largest string Redis will build (512 MB). */
const MAX_STRING_LENGTH = 512 * 1024 * 1024;
/** V8's longest string: 24 bytes short of 512 MB, the one size Redis allows and we cannot. */
const MAX_JS_STRING_LENGTH = 2 ** 29 - 24;

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

const PERSIST = 256;

/**
 * Parses SET's (fromIndex 3) or GETEX's (fromIndex 2) options exactly as
 * parseExtendedStringArgumentsOrReply does: a time option may repeat (the last wins) but not
 * mix with another, and NX/XX/GET/KEEPTTL belong to SET, PERSIST to GETEX.
 */
function parseExtendedOptions(
  argv: readonly string[],
  forSet: boolean,
): { flags: number; expire: string | undefined } | Reply {
  let flags = 0;
  let expire: string | undefined;
  for (let j = forSet ? 3 : 2; j < argv.length; j++) {
    const opt = argv[j]!.toLowerCase();
    const hasNext = j < argv.length - 1;
    const noTtlMode = !(flags & (SetFlag.KEEPTTL | PERSIST));
    if (forSet && opt === 'nx' && !(flags & SetFlag.XX)) flags |= SetFlag.NX;
    else if (forSet && opt === 'xx' && !(flags & SetFlag.NX)) flags |= SetFlag.XX;
    else if (forSet && opt === 'get') flags |= SetFlag.GET;
    else if (forSet && opt === 'keepttl' && !(flags & (TIME_FLAGS | PERSIST))) {
      flags |= SetFlag.KEEPTTL;
    } else if (!forSet && opt === 'persist' && !(flags & (TIME_FLAGS | SetFlag.KEEPTTL))) {
      flags |= PERSIST;
    } else if (hasNext && noTtlMode && TIME_OPTIONS.has(opt)) {
      const flag = TIME_OPTIONS.get(opt)!;
      if (flags & (TIME_FLAGS & ~flag)) return error(Err.syntax);
      flags |= flag;
      expire = argv[++j];
    } else {
      return error(Err.syntax);
    }
  }
  return { flags, expire };
}

const TIME_OPTIONS: ReadonlyMap<string, number> = new Map([
  ['ex', SetFlag.EX],
  ['px', SetFlag.PX],
  ['exat', SetFlag.EXAT],
  ['pxat', SetFlag.PXAT],
]);

/** SET key value with no options: most SETs, answered without parsing anything. */
const PLAIN_SET: SetRequest = { flags: 0, okReply: OK, abortReply: NULL };

function parseSetOptions(argv: readonly string[]): SetRequest | Reply {
  if (argv.length === 3) return PLAIN_SET;
  const parsed = parseExtendedOptions(argv, true);
  if (isReply(parsed)) return parsed;
  const { flags, expire } = parsed;
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
  // A plain SET needs the lookup only for what it does on the way: expire the old key, or
  // bump the LFU counter the new value inherits. Without TTLs or LFU it changes nothing.
  const db = ctx.db;
  if (flags & (SetFlag.NX | SetFlag.XX) || db.expires.size > 0 || ctx.engine.tracker.lfu) {
    const found = db.lookup(key, ctx.nowMs) !== undefined;
    if ((flags & SetFlag.NX && found) || (flags & SetFlag.XX && !found)) {
      return previous ?? req.abortReply;
    }
  }
  ctx.db.setString(key, value, (flags & SetFlag.KEEPTTL) !== 0);
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
  if (current !== undefined && (current.enc ?? StringEncoding.Auto) === StringEncoding.Auto) {
    // An int-encoded object is updated in place, as incrDecrCommand does: same key, TTL,
    // access time and size (an int costs the robj alone).
    current.value = int64ToString(next);
    ctx.db.modifiedSameSize(key);
  } else {
    // INCR keeps the key's TTL: Redis overwrites the value, not the key.
    ctx.db.set(key, stringValue(int64ToString(next)), true);
  }
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
  if (current.value.length + addition.length > MAX_JS_STRING_LENGTH) {
    return error(Err.stringTooLong);
  }
  current.value += addition;
  // Redis unshares the object into a raw sds before appending (dbUnshareStringValue).
  current.enc = StringEncoding.Raw;
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
    db.setString(argv[j]!, argv[j + 1]!);
  }
  ctx.engine.dirty += (argv.length - 1) / 2;
  return nx ? ONE : OK;
}

// ---- GETSET, GETDEL, GETEX ----

function getset(ctx: CommandContext): Reply {
  const previous = get(ctx);
  if (previous.kind === 'error') return previous;
  ctx.db.setString(ctx.argv[1]!, ctx.argv[2]!);
  ctx.engine.dirty++;
  return previous;
}

function getdel(ctx: CommandContext): Reply {
  const previous = get(ctx);
  if (previous.kind === 'bulk' && ctx.db.delete(ctx.argv[1]!)) ctx.engine.dirty++;
  return previous;
}

function getex(ctx: CommandContext): Reply {
  const parsed = parseExtendedOptions(ctx.argv, false);
  if (isReply(parsed)) return parsed;
  const key = ctx.argv[1]!;
  const value = lookupString(ctx.db, key, ctx.nowMs);
  if (value === undefined) return NULL;
  if (isReply(value)) return value;
  const { flags, expire } = parsed;
  let when = 0;
  if (expire !== undefined) {
    const ms = expireAtMs(ctx, expire, flags);
    if (isReply(ms)) return ms;
    when = ms;
  }
  const reply = bulk(value.value);
  if (flags & (SetFlag.EXAT | SetFlag.PXAT) && when <= ctx.nowMs) {
    // An absolute time already past deletes the key (after reading it).
    ctx.db.delete(key);
    ctx.engine.dirty++;
  } else if (expire !== undefined) {
    ctx.db.setExpire(key, when);
    ctx.engine.dirty++;
  } else if (flags & PERSIST && ctx.db.removeExpire(key)) {
    ctx.engine.dirty++;
  }
  return reply;
}

// ---- INCRBYFLOAT ----

function incrbyfloat(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  const current = lookupString(ctx.db, key, ctx.nowMs);
  if (current !== undefined && isReply(current)) return current;
  const value = current === undefined ? longDoubleFromInt(0) : parseLongDouble(current.value);
  if (value === null) return error(Err.notFloat);
  const incr = parseLongDouble(ctx.argv[2]!);
  if (incr === null) return error(Err.notFloat);
  const sum = addLongDouble(value, incr);
  // inf + -inf comes back as an infinity too: either way Redis refuses the result.
  if (sum.inf) return error(Err.incrementNanOrInfinity);
  const text = formatLongDoubleHuman(sum);
  // The result is built from bytes, never int-encoded; the key keeps its TTL (dbOverwrite).
  ctx.db.set(key, stringValue(text, StringEncoding.NoInt), true);
  ctx.engine.dirty++;
  return bulk(text);
}

// ---- ranges ----

/** GETRANGE/SUBSTR: inclusive byte range, negative indexes from the end, clamped. */
function getrange(ctx: CommandContext): Reply {
  const startArg = parseInt64(ctx.argv[2]!);
  if (startArg === null) return error(Err.notInteger);
  const endArg = parseInt64(ctx.argv[3]!);
  if (endArg === null) return error(Err.notInteger);
  const value = lookupString(ctx.db, ctx.argv[1]!, ctx.nowMs);
  if (value === undefined) return EMPTY_BULK;
  if (isReply(value)) return value;
  const s = value.value;
  const len = s.length;
  // Indexes beyond 2^53 only matter by their sign, so doubles are exact enough.
  let start = Number(startArg);
  let end = Number(endArg);
  if (start < 0 && end < 0 && start > end) return EMPTY_BULK;
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end || len === 0) return EMPTY_BULK;
  return bulk(s.slice(start, end + 1));
}

const EMPTY_BULK: Reply = Object.freeze(bulk(''));

function setrange(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  const offsetArg = parseInt64(ctx.argv[2]!);
  if (offsetArg === null) return error(Err.notInteger);
  if (offsetArg < 0) return error(Err.offsetOutOfRange);
  const patch = ctx.argv[3]!;
  const current = lookupString(ctx.db, key, ctx.nowMs);
  if (current !== undefined && isReply(current)) return current;
  const old = current === undefined ? '' : current.value;
  if (patch.length === 0) return current === undefined ? ZERO : integer(old.length);
  const offset = Number(offsetArg);
  // proto-max-bulk-len (512 MB), less the 24 bytes V8 strings cannot reach.
  if (offset + patch.length > MAX_JS_STRING_LENGTH) return error(Err.stringTooLong);
  const next =
    offset > old.length
      ? old + '\0'.repeat(offset - old.length) + patch
      : old.slice(0, offset) + patch + old.slice(offset + patch.length);
  ctx.db.set(key, stringValue(next, StringEncoding.Raw), true);
  ctx.engine.dirty++;
  return integer(next.length);
}

// ---- LCS ----

function lcs(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const va = ctx.db.lookup(argv[1]!, ctx.nowMs);
  const vb = ctx.db.lookup(argv[2]!, ctx.nowMs);
  if ((va && va.type !== 'string') || (vb && vb.type !== 'string')) {
    return error(Err.lcsNotStrings);
  }
  const a = va?.type === 'string' ? va.value : '';
  const b = vb?.type === 'string' ? vb.value : '';
  let getlen = false;
  let getidx = false;
  let withmatchlen = false;
  let minmatchlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j]!;
    if (isOption(opt, 'idx')) getidx = true;
    else if (isOption(opt, 'len')) getlen = true;
    else if (isOption(opt, 'withmatchlen')) withmatchlen = true;
    else if (isOption(opt, 'minmatchlen') && j < argv.length - 1) {
      const n = parseInt64(argv[++j]!);
      if (n === null) return error(Err.notInteger);
      minmatchlen = n < 0 ? 0 : Number(n);
    } else return error(Err.syntax);
  }
  if (getlen && getidx) return error(Err.lcsLenAndIdx);
  const alen = a.length;
  const blen = b.length;
  const cells = (alen + 1) * (blen + 1);
  if (cells * 4 > MAX_STRING_LENGTH) return error(Err.lcsTooMuchMemory);
  const table = new Uint32Array(cells);
  const w = blen + 1;
  for (let i = 1; i <= alen; i++) {
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= blen; j++) {
      table[i * w + j] =
        ca === b.charCodeAt(j - 1)
          ? table[(i - 1) * w + j - 1]! + 1
          : Math.max(table[(i - 1) * w + j]!, table[i * w + j - 1]!);
    }
  }
  const total = table[alen * w + blen]!;
  if (getlen) return integer(total);
  // Walk back from the end, as Redis does, collecting the string and the matching ranges.
  const chars: string[] = [];
  const matches: Reply[] = [];
  let aStart = -1;
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  let i = alen;
  let j = blen;
  while (i > 0 && j > 0) {
    let emit = false;
    if (a.charCodeAt(i - 1) === b.charCodeAt(j - 1)) {
      chars.push(a[i - 1]!);
      if (aStart === -1) {
        aStart = aEnd = i - 1;
        bStart = bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else {
        emit = true;
      }
      if (aStart === 0 || bStart === 0) emit = true;
      i--;
      j--;
    } else {
      if (table[(i - 1) * w + j]! > table[i * w + j - 1]!) i--;
      else j--;
      if (aStart !== -1) emit = true;
    }
    if (emit) {
      const matchLen = aEnd - aStart + 1;
      if (getidx && (minmatchlen === 0 || matchLen >= minmatchlen)) {
        const range: Reply[] = [
          array([integer(aStart), integer(aEnd)]),
          array([integer(bStart), integer(bEnd)]),
        ];
        if (withmatchlen) range.push(integer(matchLen));
        matches.push(array(range));
      }
      aStart = -1;
    }
  }
  if (getidx) {
    return map([
      [bulk('matches'), array(matches)],
      [bulk('len'), integer(total)],
    ]);
  }
  return bulk(chars.reverse().join(''));
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
  {
    ...str,
    name: 'getset',
    arity: 3,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(1)',
    summary: 'Set the string value of a key and return its old value',
    since: '1.0.0',
    handler: getset,
  },
  {
    ...str,
    name: 'getdel',
    arity: 2,
    flags: ['write', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the value of a key and delete the key',
    since: '6.2.0',
    handler: getdel,
  },
  {
    ...str,
    name: 'getex',
    arity: -2,
    flags: ['write', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the value of a key and optionally set its expiration',
    since: '6.2.0',
    handler: getex,
  },
  {
    ...str,
    name: 'incrbyfloat',
    arity: 3,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(1)',
    summary: 'Increment the float value of a key by the given amount',
    since: '2.6.0',
    handler: incrbyfloat,
  },
  {
    ...str,
    name: 'getrange',
    arity: 4,
    flags: ['readonly'],
    complexity:
      'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.',
    summary: 'Get a substring of the string stored at a key',
    since: '2.4.0',
    handler: getrange,
  },
  {
    ...str,
    name: 'substr',
    arity: 4,
    flags: ['readonly'],
    complexity:
      'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.',
    summary: 'Get a substring of the string stored at a key',
    since: '1.0.0',
    handler: getrange,
  },
  {
    ...str,
    name: 'setrange',
    arity: 4,
    flags: ['write', 'denyoom'],
    complexity:
      'O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.',
    summary: 'Overwrite part of a string at key starting at the specified offset',
    since: '2.2.0',
    handler: setrange,
  },
  {
    ...str,
    name: 'lcs',
    arity: -3,
    flags: ['readonly'],
    keys: { first: 1, last: 2, step: 1 },
    complexity: 'O(N*M) where N and M are the lengths of s1 and s2, respectively',
    summary: 'Find longest common substring',
    since: '7.0.0',
    handler: lcs,
  },
];
