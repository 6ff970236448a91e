import {
  createHash,
  hashDelete,
  hashExists,
  hashForEach,
  hashGet,
  hashPrepareWrite,
  hashRandomEntries,
  hashScan,
  hashSet,
  elementCount,
  type HashValue,
} from '../datatypes/hash.ts';
import { Err, wrongArity } from '../errors.ts';
import {
  addLongDouble,
  formatLongDoubleHuman,
  longDoubleFromInt,
  parseLongDouble,
} from '../long-double.ts';
import { addInt64, parseInt64, type Int64 } from '../numbers.ts';
import {
  EMPTY_ARRAY,
  NULL,
  OK,
  ONE,
  ZERO,
  array,
  bulk,
  error,
  integer,
  map,
  type Reply,
} from '../reply.ts';
import { intArg, isOption, isReply, lookupOfType } from './args.ts';
import {
  EMPTY_SCAN,
  parseScanCursor,
  parseScanOptions,
  scanMatches,
  scanReply,
} from './scan-args.ts';
import { ONE_KEY, type CommandContext, type CommandSpec } from './types.ts';

/**
 * The hash commands (t_hash.c). Handlers parse arguments and shape replies; the Hash type
 * API in datatypes/hash.ts owns the encodings. Argument errors come before the key lookup
 * exactly where Redis checks them first.
 */

const LONG_MAX = 9223372036854775807n;

/** The hash to write to, created (empty, not yet stored) when the key is missing. */
function hashForWrite(ctx: CommandContext, key: string): HashValue | Reply {
  const found = lookupOfType(ctx, key, 'hash');
  return found === undefined ? createHash() : found;
}

/** Stores a hash created by hashForWrite, or signals the change to one that exists. */
function commit(ctx: CommandContext, key: string, h: HashValue): void {
  if (ctx.db.keys.get(key) === h) ctx.db.modified(key);
  else ctx.db.set(key, h);
}

function hset(ctx: CommandContext): Reply {
  const { argv } = ctx;
  if (argv.length % 2 === 1) return error(wrongArity(ctx.spec.name));
  const key = argv[1]!;
  const h = hashForWrite(ctx, key);
  if (isReply(h)) return h;
  const limits = ctx.engine.config;
  hashPrepareWrite(h, argv, 2, argv.length - 1, limits);
  let created = 0;
  for (let i = 2; i < argv.length; i += 2) {
    if (hashSet(h, argv[i]!, argv[i + 1]!, limits)) created++;
  }
  commit(ctx, key, h);
  ctx.engine.dirty += (argv.length - 2) / 2;
  return ctx.spec.name === 'hset' ? integer(created) : OK;
}

function hsetnx(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const key = argv[1]!;
  const h = hashForWrite(ctx, key);
  if (isReply(h)) return h;
  if (hashExists(h, argv[2]!)) return ZERO;
  hashPrepareWrite(h, argv, 2, 3, ctx.engine.config);
  hashSet(h, argv[2]!, argv[3]!, ctx.engine.config);
  commit(ctx, key, h);
  ctx.engine.dirty++;
  return ONE;
}

function hget(ctx: CommandContext): Reply {
  const h = lookupOfType(ctx, ctx.argv[1]!, 'hash');
  if (h === undefined) return NULL;
  if (isReply(h)) return h;
  const value = hashGet(h, ctx.argv[2]!);
  return value === undefined ? NULL : bulk(value);
}

function hmget(ctx: CommandContext): Reply {
  const h = lookupOfType(ctx, ctx.argv[1]!, 'hash');
  if (isReply(h)) return h;
  const items: Reply[] = [];
  for (let i = 2; i < ctx.argv.length; i++) {
    const value = h === undefined ? undefined : hashGet(h, ctx.argv[i]!);
    items.push(value === undefined ? NULL : bulk(value));
  }
  return array(items);
}

function hdel(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  const h = lookupOfType(ctx, key, 'hash');
  if (h === undefined) return ZERO;
  if (isReply(h)) return h;
  let deleted = 0;
  for (let i = 2; i < ctx.argv.length; i++) {
    if (hashDelete(h, ctx.argv[i]!)) {
      deleted++;
      if (elementCount(h) === 0) {
        ctx.db.delete(key);
        break;
      }
    }
  }
  if (deleted > 0) {
    if (ctx.db.keys.get(key) === h) ctx.db.modified(key);
    ctx.engine.dirty += deleted;
  }
  return integer(deleted);
}

function hlen(ctx: CommandContext): Reply {
  const h = lookupOfType(ctx, ctx.argv[1]!, 'hash');
  if (h === undefined) return ZERO;
  return isReply(h) ? h : integer(elementCount(h));
}

function hstrlen(ctx: CommandContext): Reply {
  const h = lookupOfType(ctx, ctx.argv[1]!, 'hash');
  if (h === undefined) return ZERO;
  if (isReply(h)) return h;
  return integer(hashGet(h, ctx.argv[2]!)?.length ?? 0);
}

function hexists(ctx: CommandContext): Reply {
  const h = lookupOfType(ctx, ctx.argv[1]!, 'hash');
  if (h === undefined) return ZERO;
  if (isReply(h)) return h;
  return hashExists(h, ctx.argv[2]!) ? ONE : ZERO;
}

function hkeys(ctx: CommandContext): Reply {
  const h = lookupOfType(ctx, ctx.argv[1]!, 'hash');
  if (h === undefined) return EMPTY_ARRAY;
  if (isReply(h)) return h;
  const items: Reply[] = [];
  hashForEach(h, (field) => items.push(bulk(field)));
  return array(items);
}

function hvals(ctx: CommandContext): Reply {
  const h = lookupOfType(ctx, ctx.argv[1]!, 'hash');
  if (h === undefined) return EMPTY_ARRAY;
  if (isReply(h)) return h;
  const items: Reply[] = [];
  hashForEach(h, (_field, value) => items.push(bulk(value)));
  return array(items);
}

function hgetall(ctx: CommandContext): Reply {
  const h = lookupOfType(ctx, ctx.argv[1]!, 'hash');
  if (h === undefined) return map([]);
  if (isReply(h)) return h;
  const entries: [Reply, Reply][] = [];
  hashForEach(h, (field, value) => entries.push([bulk(field), bulk(value)]));
  return map(entries);
}

function hincrby(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const incr = intArg(argv[3]!);
  if (isReply(incr)) return incr;
  const key = argv[1]!;
  const h = hashForWrite(ctx, key);
  if (isReply(h)) return h;
  const current = hashGet(h, argv[2]!);
  let value: Int64 = 0;
  if (current !== undefined) {
    const parsed = parseInt64(current);
    if (parsed === null) return error(Err.hashValueNotInteger);
    value = parsed;
  }
  const sum = addInt64(value, incr);
  if (sum === null) return error(Err.overflow);
  hashSet(h, argv[2]!, String(sum), ctx.engine.config);
  commit(ctx, key, h);
  ctx.engine.dirty++;
  return integer(sum);
}

function hincrbyfloat(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const incr = parseLongDouble(argv[3]!);
  if (incr === null) return error(Err.notFloat);
  if (incr.inf) return error(Err.nanOrInfinity);
  const key = argv[1]!;
  const h = hashForWrite(ctx, key);
  if (isReply(h)) return h;
  const current = hashGet(h, argv[2]!);
  let value = longDoubleFromInt(0);
  if (current !== undefined) {
    const parsed = parseLongDouble(current);
    if (parsed === null) return error(Err.hashValueNotFloat);
    value = parsed;
  }
  const sum = addLongDouble(value, incr);
  if (sum.inf) return error(Err.incrementNanOrInfinity);
  const text = formatLongDoubleHuman(sum);
  hashSet(h, argv[2]!, text, ctx.engine.config);
  commit(ctx, key, h);
  ctx.engine.dirty++;
  return bulk(text);
}

function hrandfield(ctx: CommandContext): Reply {
  const { argv } = ctx;
  if (argv.length >= 3) {
    const parsed = intArg(argv[2]!);
    if (isReply(parsed)) return parsed;
    const l = BigInt(parsed);
    if (l < -LONG_MAX) return error(Err.countOutOfRange);
    if (argv.length > 4 || (argv.length === 4 && !isOption(argv[3]!, 'withvalues'))) {
      return error(Err.syntax);
    }
    const withValues = argv.length === 4;
    if (withValues && (l < -LONG_MAX / 2n || l > LONG_MAX / 2n)) return error(Err.outOfRange);
    return hrandfieldWithCount(ctx, l, withValues);
  }
  const h = lookupOfType(ctx, argv[1]!, 'hash');
  if (h === undefined) return NULL;
  if (isReply(h)) return h;
  return bulk(hashRandomEntries(h, 1, false, ctx.engine.rng)[0]![0]);
}

function hrandfieldWithCount(ctx: CommandContext, l: bigint, withValues: boolean): Reply {
  const h = lookupOfType(ctx, ctx.argv[1]!, 'hash');
  if (h === undefined) return EMPTY_ARRAY;
  if (isReply(h)) return h;
  if (l === 0n) return EMPTY_ARRAY;
  const distinct = l > 0n;
  const size = elementCount(h);
  // Beyond the hash's size a distinct sample is the whole hash, in its order (Redis's CASE 2).
  const count = distinct && l >= BigInt(size) ? size : Number(distinct ? l : -l);
  let entries: [string, string][];
  if (distinct && count === size) {
    entries = [];
    hashForEach(h, (field, value) => entries.push([field, value]));
  } else {
    entries = hashRandomEntries(h, count, distinct && count > 1, ctx.engine.rng);
  }
  const items: Reply[] = [];
  const resp3 = ctx.session.protocol === 3;
  for (const [field, value] of entries) {
    if (!withValues) items.push(bulk(field));
    else if (resp3) items.push(array([bulk(field), bulk(value)]));
    else items.push(bulk(field), bulk(value));
  }
  return array(items);
}

function hscan(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const cursor = parseScanCursor(argv[2]!);
  if (isReply(cursor)) return cursor;
  const h = lookupOfType(ctx, argv[1]!, 'hash');
  if (h === undefined) return EMPTY_SCAN;
  if (isReply(h)) return h;
  const options = parseScanOptions(argv, 3);
  if (isReply(options)) return options;
  const items: string[] = [];
  const next = hashScan(h, cursor, options.count, (field, value) => {
    if (scanMatches(options, field)) items.push(field, value);
  });
  return scanReply(next, items);
}

const hash = { group: 'hash', keys: ONE_KEY } as const;

export const hashCommands: readonly CommandSpec[] = [
  {
    ...hash,
    name: 'hset',
    arity: -4,
    flags: ['write', 'denyoom', 'fast'],
    complexity:
      'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.',
    summary: 'Set the string value of a hash field',
    since: '2.0.0',
    handler: hset,
  },
  {
    ...hash,
    name: 'hsetnx',
    arity: 4,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(1)',
    summary: 'Set the value of a hash field, only if the field does not exist',
    since: '2.0.0',
    handler: hsetnx,
  },
  {
    ...hash,
    name: 'hget',
    arity: 3,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the value of a hash field',
    since: '2.0.0',
    handler: hget,
  },
  {
    ...hash,
    name: 'hmget',
    arity: -3,
    flags: ['readonly', 'fast'],
    complexity: 'O(N) where N is the number of fields being requested.',
    summary: 'Get the values of all the given hash fields',
    since: '2.0.0',
    handler: hmget,
  },
  {
    ...hash,
    name: 'hmset',
    arity: -4,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(N) where N is the number of fields being set.',
    summary: 'Set multiple hash fields to multiple values',
    since: '2.0.0',
    handler: hset,
  },
  {
    ...hash,
    name: 'hdel',
    arity: -3,
    flags: ['write', 'fast'],
    complexity: 'O(N) where N is the number of fields to be removed.',
    summary: 'Delete one or more hash fields',
    since: '2.0.0',
    handler: hdel,
  },
  {
    ...hash,
    name: 'hlen',
    arity: 2,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the number of fields in a hash',
    since: '2.0.0',
    handler: hlen,
  },
  {
    ...hash,
    name: 'hstrlen',
    arity: 3,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the length of the value of a hash field',
    since: '3.2.0',
    handler: hstrlen,
  },
  {
    ...hash,
    name: 'hexists',
    arity: 3,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Determine if a hash field exists',
    since: '2.0.0',
    handler: hexists,
  },
  {
    ...hash,
    name: 'hkeys',
    arity: 2,
    flags: ['readonly'],
    complexity: 'O(N) where N is the size of the hash.',
    summary: 'Get all the fields in a hash',
    since: '2.0.0',
    handler: hkeys,
  },
  {
    ...hash,
    name: 'hvals',
    arity: 2,
    flags: ['readonly'],
    complexity: 'O(N) where N is the size of the hash.',
    summary: 'Get all the values in a hash',
    since: '2.0.0',
    handler: hvals,
  },
  {
    ...hash,
    name: 'hgetall',
    arity: 2,
    flags: ['readonly'],
    complexity: 'O(N) where N is the size of the hash.',
    summary: 'Get all the fields and values in a hash',
    since: '2.0.0',
    handler: hgetall,
  },
  {
    ...hash,
    name: 'hincrby',
    arity: 4,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(1)',
    summary: 'Increment the integer value of a hash field by the given number',
    since: '2.0.0',
    handler: hincrby,
  },
  {
    ...hash,
    name: 'hincrbyfloat',
    arity: 4,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(1)',
    summary: 'Increment the float value of a hash field by the given amount',
    since: '2.6.0',
    handler: hincrbyfloat,
  },
  {
    ...hash,
    name: 'hrandfield',
    arity: -2,
    flags: ['readonly'],
    complexity: 'O(N) where N is the number of fields returned',
    summary: 'Get one or multiple random fields from a hash',
    since: '6.2.0',
    handler: hrandfield,
  },
  {
    ...hash,
    name: 'hscan',
    arity: -3,
    flags: ['readonly'],
    complexity:
      'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
    summary: 'Incrementally iterate hash fields and associated values',
    since: '2.8.0',
    handler: hscan,
  },
];
