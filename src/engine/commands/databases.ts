/**
 * Commands that reach across the 16 logical databases or over the whole keyspace: SELECT,
 * SWAPDB, MOVE, COPY, FLUSHALL, RANDOMKEY and SCAN (db.c). Argument errors come in Redis's
 * order; a database number is a C int first (getIntFromObjectOrReply), then an index.
 */
import { Err } from '../errors.ts';
import type { Database } from '../keyspace/database.ts';
import { globMatch } from '../keyspace/glob.ts';
import { cloneValue } from '../keyspace/value-ops.ts';
import { parseInt64 } from '../numbers.ts';
import { NULL, OK, ONE, ZERO, array, bulk, bulkArray, error, type Reply } from '../reply.ts';
import { isOption, isReply } from './args.ts';
import { NO_KEYS, type CommandContext, type CommandSpec } from './types.ts';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** getIntFromObjectOrReply: an int64 that must also fit a C int. */
function intArg(arg: string, message?: string): number | Reply {
  const n = parseInt64(arg);
  if (n === null) return error(message ?? Err.notInteger);
  if (n < INT_MIN || n > INT_MAX) return error(message ?? Err.intRange);
  return Number(n);
}

/** The database at a parsed index, or the "out of range" reply. */
function dbAt(ctx: CommandContext, id: number): Database | Reply {
  return ctx.engine.dbs[id] ?? error(Err.dbIndexOutOfRange);
}

function select(ctx: CommandContext): Reply {
  const id = intArg(ctx.argv[1]!);
  if (isReply(id)) return id;
  const db = dbAt(ctx, id);
  if (isReply(db)) return db;
  ctx.session.db = id;
  return OK;
}

function swapdb(ctx: CommandContext): Reply {
  const first = intArg(ctx.argv[1]!, Err.invalidFirstDb);
  if (isReply(first)) return first;
  const second = intArg(ctx.argv[2]!, Err.invalidSecondDb);
  if (isReply(second)) return second;
  const a = ctx.engine.dbs[first];
  const b = ctx.engine.dbs[second];
  if (a === undefined || b === undefined) return error(Err.dbIndexOutOfRange);
  if (a !== b) {
    // dbSwapDatabases: transactions watching either side fail, then clients blocked on a
    // key that now holds data are served (after this command, like any other wake-up).
    ctx.engine.touchAllWatchedKeysInDb(a, b);
    ctx.engine.touchAllWatchedKeysInDb(b, a);
    a.swapWith(b);
    ctx.engine.blocking.scanForReadyKeys(a);
    ctx.engine.blocking.scanForReadyKeys(b);
  }
  ctx.engine.dirty++;
  return OK;
}

function move(ctx: CommandContext): Reply {
  const id = intArg(ctx.argv[2]!);
  if (isReply(id)) return id;
  const dst = dbAt(ctx, id);
  if (isReply(dst)) return dst;
  const src = ctx.db;
  if (src === dst) return error(Err.sameObject);
  const key = ctx.argv[1]!;
  const value = src.lookup(key, ctx.nowMs);
  if (value === undefined) return ZERO;
  const expire = src.getExpire(key);
  if (dst.lookup(key, ctx.nowMs) !== undefined) return ZERO;
  dst.set(key, value);
  if (expire !== -1) dst.setExpire(key, expire);
  src.delete(key);
  ctx.engine.dirty++;
  return ONE;
}

function copy(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const src = ctx.db;
  let dst = ctx.db;
  let replace = false;
  for (let j = 3; j < argv.length; j++) {
    if (isOption(argv[j]!, 'replace')) {
      replace = true;
    } else if (isOption(argv[j]!, 'db') && j < argv.length - 1) {
      const id = intArg(argv[++j]!);
      if (isReply(id)) return id;
      const db = dbAt(ctx, id);
      if (isReply(db)) return db;
      dst = db;
    } else {
      return error(Err.syntax);
    }
  }
  const key = argv[1]!;
  const newKey = argv[2]!;
  if (src === dst && key === newKey) return error(Err.sameObject);
  const value = src.lookup(key, ctx.nowMs);
  if (value === undefined) return ZERO;
  const expire = src.getExpire(key);
  if (dst.lookup(newKey, ctx.nowMs) !== undefined) {
    if (!replace) return ZERO;
    dst.delete(newKey);
  }
  dst.set(newKey, cloneValue(value));
  if (expire !== -1) dst.setExpire(newKey, expire);
  ctx.engine.dirty++;
  return ONE;
}

function flushall(ctx: CommandContext): Reply {
  const { argv } = ctx;
  if (argv.length > 2 || (argv.length === 2 && !isSyncOrAsync(argv[1]!))) {
    return error(Err.syntax);
  }
  for (const db of ctx.engine.dbs) {
    ctx.engine.dirty += db.size;
    db.clear();
  }
  return OK;
}

function isSyncOrAsync(arg: string): boolean {
  return isOption(arg, 'sync') || isOption(arg, 'async');
}

function randomkey(ctx: CommandContext): Reply {
  const { db } = ctx;
  for (;;) {
    const key = db.randomKey(ctx.engine.rng);
    if (key === undefined) return NULL;
    // An expired key is deleted and another one drawn (dbRandomKey).
    if (!db.expireIfNeeded(key, ctx.nowMs)) return bulk(key);
  }
}

const CURSOR = /^[+-]?[0-9]*$/;
const ULONG_MAX = 18446744073709551615n;

/**
 * parseScanCursorOrReply: strtoul in base 10, so a sign and leading zeros are accepted, an
 * empty string is cursor 0, and "-n" wraps around to 2^64 - n.
 */
function parseCursor(arg: string): number | null {
  if (!CURSOR.test(arg) || arg === '+' || arg === '-') return null;
  const digits = arg.replace(/^[+-]/, '');
  const magnitude = digits === '' ? 0n : BigInt(digits);
  if (magnitude > ULONG_MAX) return null;
  const value = arg.startsWith('-') && magnitude !== 0n ? ULONG_MAX + 1n - magnitude : magnitude;
  // Our cursors are small sequence numbers; anything beyond 2^53 is past the end.
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

function scan(ctx: CommandContext): Reply {
  const { argv, db } = ctx;
  const cursor = parseCursor(argv[1]!);
  if (cursor === null) return error(Err.invalidCursor);
  let count = 10;
  let pattern: string | undefined;
  let typeName: string | undefined;
  for (let i = 2; i < argv.length; i += 2) {
    const opt = argv[i]!;
    const hasValue = i + 1 < argv.length;
    if (isOption(opt, 'count') && hasValue) {
      const n = parseInt64(argv[i + 1]!);
      if (n === null) return error(Err.notInteger);
      if (n < 1) return error(Err.syntax);
      count = Number(n);
    } else if (isOption(opt, 'match') && hasValue) {
      const p = argv[i + 1]!;
      pattern = p === '*' ? undefined : p;
    } else if (isOption(opt, 'type') && hasValue) {
      typeName = argv[i + 1]!.toLowerCase();
    } else {
      return error(Err.syntax);
    }
  }
  const page = db.scan(cursor, count);
  const keys: string[] = [];
  for (const key of page.keys) {
    if (pattern !== undefined && !globMatch(pattern, key)) continue;
    if (typeName !== undefined) {
      // LOOKUP_NOTOUCH, as Redis's SCAN reads the type.
      const value = db.peek(key, ctx.nowMs);
      if ((value?.type ?? 'none') !== typeName) continue;
    }
    if (db.expireIfNeeded(key, ctx.nowMs)) continue;
    keys.push(key);
  }
  return array([bulk(String(page.cursor)), bulkArray(keys)]);
}

const dbRow = { group: 'generic', keys: NO_KEYS } as const;

export const databaseCommands: readonly CommandSpec[] = [
  {
    ...dbRow,
    name: 'select',
    arity: 2,
    group: 'connection',
    flags: ['loading', 'stale', 'fast'],
    complexity: 'O(1)',
    summary: 'Change the selected database for the current connection',
    since: '1.0.0',
    handler: select,
  },
  {
    ...dbRow,
    name: 'swapdb',
    arity: 3,
    group: 'server',
    flags: ['write', 'fast'],
    complexity:
      'O(N) where N is the count of clients watching or blocking on keys from both databases.',
    summary: 'Swaps two Redis databases',
    since: '4.0.0',
    handler: swapdb,
  },
  {
    ...dbRow,
    name: 'move',
    arity: 3,
    flags: ['write', 'fast'],
    keys: { first: 1, last: 1, step: 1 },
    complexity: 'O(1)',
    summary: 'Move a key to another database',
    since: '1.0.0',
    handler: move,
  },
  {
    ...dbRow,
    name: 'copy',
    arity: -3,
    flags: ['write', 'denyoom'],
    keys: { first: 1, last: 2, step: 1 },
    complexity:
      'O(N) worst case for collections, where N is the number of nested items. O(1) for string values.',
    summary: 'Copy a key',
    since: '6.2.0',
    handler: copy,
  },
  {
    ...dbRow,
    name: 'flushall',
    arity: -1,
    group: 'server',
    flags: ['write'],
    complexity: 'O(N) where N is the total number of keys in all databases',
    summary: 'Remove all keys from all databases',
    since: '1.0.0',
    handler: flushall,
  },
  {
    ...dbRow,
    name: 'randomkey',
    arity: 1,
    flags: ['readonly'],
    complexity: 'O(1)',
    summary: 'Return a random key from the keyspace',
    since: '1.0.0',
    handler: randomkey,
  },
  {
    ...dbRow,
    name: 'scan',
    arity: -2,
    flags: ['readonly'],
    complexity:
      'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.',
    summary: 'Incrementally iterate the keys space',
    since: '2.8.0',
    handler: scan,
  },
];
