import { distinctIndexes } from '../datatypes/hash.ts';
import {
  createIntset,
  createSet,
  elementCount,
  setAdd,
  setForEach,
  setHas,
  setMembers,
  setPopRandom,
  setRandomMember,
  setRebuild,
  setRemove,
  setScan,
  type SetValue,
} from '../datatypes/set.ts';
import { Err } from '../errors.ts';
import { parseInt64 } from '../numbers.ts';
import {
  EMPTY_ARRAY,
  NULL,
  ONE,
  ZERO,
  array,
  bulk,
  error,
  integer,
  set as setReply,
  type Reply,
} from '../reply.ts';
import { WRONG_TYPE, intArg, isOption, isReply, lookupOfType } from './args.ts';
import {
  EMPTY_SCAN,
  parseScanCursor,
  parseScanOptions,
  scanMatches,
  scanReply,
} from './scan-args.ts';
import { ONE_KEY, type CommandContext, type CommandSpec } from './types.ts';

/**
 * The set commands (t_set.c). Handlers parse arguments and shape replies; the Set type API in
 * datatypes/set.ts owns the encodings. Where Redis builds a temporary set (SUNION, SDIFF, the
 * *STORE variants) so do we, through the same API, so result encodings and the order of the
 * reply (ascending when the result is an intset) come out as Redis's.
 */

const LONG_MAX = 9223372036854775807n;
const EMPTY_SET: Reply = Object.freeze(setReply([]));

function bulks(members: readonly string[]): Reply[] {
  return members.map(bulk);
}

function sadd(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const key = argv[1]!;
  const found = lookupOfType(ctx, key, 'set');
  if (isReply(found)) return found;
  const s = found ?? createSet(argv[2]!);
  const limits = ctx.engine.config;
  let added = 0;
  for (let i = 2; i < argv.length; i++) if (setAdd(s, argv[i]!, limits)) added++;
  if (found === undefined) ctx.db.set(key, s);
  else if (added > 0) ctx.db.modified(key);
  ctx.engine.dirty += added;
  return integer(added);
}

function srem(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  const s = lookupOfType(ctx, key, 'set');
  if (s === undefined) return ZERO;
  if (isReply(s)) return s;
  let deleted = 0;
  for (let i = 2; i < ctx.argv.length; i++) {
    if (setRemove(s, ctx.argv[i]!)) {
      deleted++;
      if (elementCount(s) === 0) {
        ctx.db.delete(key);
        break;
      }
    }
  }
  if (deleted > 0) {
    if (ctx.db.keys.get(key) === s) ctx.db.modified(key);
    ctx.engine.dirty += deleted;
  }
  return integer(deleted);
}

function smove(ctx: CommandContext): Reply {
  const [, srcKey, dstKey, member] = ctx.argv as [string, string, string, string];
  const src = ctx.db.lookup(srcKey, ctx.nowMs);
  const dst = ctx.db.lookup(dstKey, ctx.nowMs);
  if (src === undefined) return ZERO;
  if (src.type !== 'set' || (dst !== undefined && dst.type !== 'set')) return WRONG_TYPE;
  if (src === dst) return setHas(src, member) ? ONE : ZERO;
  if (!setRemove(src, member)) return ZERO;
  if (elementCount(src) === 0) ctx.db.delete(srcKey);
  else ctx.db.modified(srcKey);
  ctx.engine.dirty++;
  const target = dst ?? createSet(member);
  const added = setAdd(target, member, ctx.engine.config);
  if (added) ctx.engine.dirty++;
  if (dst === undefined) ctx.db.set(dstKey, target);
  // A member the destination already had leaves it untouched: WATCH on it stays valid.
  else if (added) ctx.db.modified(dstKey);
  return ONE;
}

function sismember(ctx: CommandContext): Reply {
  const s = lookupOfType(ctx, ctx.argv[1]!, 'set');
  if (s === undefined) return ZERO;
  if (isReply(s)) return s;
  return setHas(s, ctx.argv[2]!) ? ONE : ZERO;
}

function smismember(ctx: CommandContext): Reply {
  const s = lookupOfType(ctx, ctx.argv[1]!, 'set');
  if (isReply(s)) return s;
  const items: Reply[] = [];
  for (let i = 2; i < ctx.argv.length; i++) {
    items.push(s !== undefined && setHas(s, ctx.argv[i]!) ? ONE : ZERO);
  }
  return array(items);
}

function scard(ctx: CommandContext): Reply {
  const s = lookupOfType(ctx, ctx.argv[1]!, 'set');
  if (s === undefined) return ZERO;
  return isReply(s) ? s : integer(elementCount(s));
}

/**
 * The sets named by keys, undefined for a missing key (an empty set), or WRONGTYPE as soon as
 * one key holds something else, even after a missing one (Redis looks them all up first).
 */
function lookupSets(
  ctx: CommandContext,
  keys: readonly string[],
): (SetValue | undefined)[] | Reply {
  const sets: (SetValue | undefined)[] = [];
  for (const key of keys) {
    const s = lookupOfType(ctx, key, 'set');
    if (isReply(s)) return s;
    sets.push(s);
  }
  return sets;
}

/** Stores a computed set at dstKey (dropping its TTL), or deletes dstKey when it is empty. */
function storeResult(ctx: CommandContext, dstKey: string, result: SetValue): Reply {
  const size = elementCount(result);
  if (size > 0) {
    ctx.db.set(dstKey, result);
    ctx.engine.dirty++;
    return integer(size);
  }
  ctx.db.expireIfNeeded(dstKey, ctx.nowMs);
  if (ctx.db.delete(dstKey)) ctx.engine.dirty++;
  return ZERO;
}

interface InterRequest {
  dstKey?: string;
  cardinalityOnly?: boolean;
  /** 0 for no limit */
  limit?: number;
}

/** sinterGenericCommand: walks the smallest set and keeps what every other set has. */
function sinterGeneric(ctx: CommandContext, keys: readonly string[], req: InterRequest): Reply {
  const found = lookupSets(ctx, keys);
  if (isReply(found)) return found;
  if (found.includes(undefined)) {
    if (req.dstKey !== undefined) return storeResult(ctx, req.dstKey, createIntset());
    return req.cardinalityOnly ? ZERO : EMPTY_SET;
  }
  const sets = (found as SetValue[]).slice().sort((a, b) => elementCount(a) - elementCount(b));
  const first = sets[0]!;
  const limit = req.limit ?? 0;
  const members: string[] = [];
  let cardinality = 0;
  // Iterate a snapshot: the result may be stored over one of the inputs only after the walk.
  setForEach(first, (member) => {
    if (limit > 0 && cardinality >= limit) return;
    for (let j = 1; j < sets.length; j++) {
      const other = sets[j]!;
      if (other !== first && !setHas(other, member)) return;
    }
    cardinality++;
    if (!req.cardinalityOnly) members.push(member);
  });
  if (req.cardinalityOnly) return integer(cardinality);
  if (req.dstKey === undefined) return setReply(bulks(members));
  const result = createIntset();
  for (const m of members) setAdd(result, m, ctx.engine.config);
  return storeResult(ctx, req.dstKey, result);
}

/** sunionDiffGenericCommand: the result is built as a real set, then replied or stored. */
function sunionDiffGeneric(
  ctx: CommandContext,
  keys: readonly string[],
  dstKey: string | undefined,
  op: 'union' | 'diff',
): Reply {
  const found = lookupSets(ctx, keys);
  if (isReply(found)) return found;
  const limits = ctx.engine.config;
  const result = createIntset();
  const first = found[0];
  if (op === 'union') {
    for (const s of found) if (s !== undefined) setForEach(s, (m) => setAdd(result, m, limits));
  } else if (first !== undefined && !found.slice(1).includes(first)) {
    // Redis picks the cheaper of two algorithms; they differ in the result's encoding.
    let algoOne = 0;
    let algoTwo = 0;
    for (const s of found) {
      if (s === undefined) continue;
      algoOne += elementCount(first);
      algoTwo += elementCount(s);
    }
    if (Math.floor(algoOne / 2) <= algoTwo) {
      const others = found.slice(1).filter((s): s is SetValue => s !== undefined);
      setForEach(first, (m) => {
        for (const s of others) if (setHas(s, m)) return;
        setAdd(result, m, limits);
      });
    } else {
      setForEach(first, (m) => setAdd(result, m, limits));
      for (let j = 1; j < found.length && elementCount(result) > 0; j++) {
        const s = found[j];
        if (s !== undefined) setForEach(s, (m) => setRemove(result, m));
      }
    }
  }
  if (dstKey !== undefined) return storeResult(ctx, dstKey, result);
  return setReply(bulks(setMembers(result)));
}

function sinter(ctx: CommandContext): Reply {
  return sinterGeneric(ctx, ctx.argv.slice(1), {});
}

function sinterstore(ctx: CommandContext): Reply {
  return sinterGeneric(ctx, ctx.argv.slice(2), { dstKey: ctx.argv[1]! });
}

function sintercard(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const numkeys = parseInt64(argv[1]!);
  if (numkeys === null || numkeys < 1) return error(Err.numkeysNotPositive);
  if (numkeys > argv.length - 2) return error(Err.numkeysTooMany);
  const n = Number(numkeys);
  let limit = 0;
  for (let j = 2 + n; j < argv.length; j++) {
    if (isOption(argv[j]!, 'limit') && j + 1 < argv.length) {
      const parsed = parseInt64(argv[++j]!);
      if (parsed === null || parsed < 0) return error(Err.limitNegative);
      limit = Number(parsed);
    } else {
      return error(Err.syntax);
    }
  }
  return sinterGeneric(ctx, argv.slice(2, 2 + n), { cardinalityOnly: true, limit });
}

function smembers(ctx: CommandContext): Reply {
  return sinterGeneric(ctx, [ctx.argv[1]!], {});
}

/** A count argument of SRANDMEMBER/HRANDFIELD: any long but LONG_MIN. */
function randomCount(arg: string): bigint | Reply {
  const parsed = intArg(arg);
  if (isReply(parsed)) return parsed;
  const l = BigInt(parsed);
  return l < -LONG_MAX ? error(Err.countOutOfRange) : l;
}

function spop(ctx: CommandContext): Reply {
  const { argv } = ctx;
  if (argv.length === 3) return spopWithCount(ctx);
  if (argv.length > 3) return error(Err.syntax);
  const key = argv[1]!;
  const s = lookupOfType(ctx, key, 'set');
  if (s === undefined) return NULL;
  if (isReply(s)) return s;
  const member = setPopRandom(s, ctx.engine.rng);
  if (elementCount(s) === 0) ctx.db.delete(key);
  else ctx.db.modified(key);
  ctx.engine.dirty++;
  return bulk(member);
}

/** How many times the popped count may exceed what stays before SPOP rebuilds the set. */
const SPOP_MOVE_STRATEGY_MUL = 5;

function spopWithCount(ctx: CommandContext): Reply {
  const parsed = parseInt64(ctx.argv[2]!);
  if (parsed === null || parsed < 0) return error(Err.mustBePositive);
  const key = ctx.argv[1]!;
  const s = lookupOfType(ctx, key, 'set');
  if (s === undefined) return EMPTY_SET;
  if (isReply(s)) return s;
  if (parsed === 0) return EMPTY_SET;
  const size = elementCount(s);
  if (parsed >= size) {
    // All of it: Redis replies through SUNION of the one set, so in a fresh set's order.
    const reply = sunionDiffGeneric(ctx, [key], undefined, 'union');
    ctx.db.delete(key);
    ctx.engine.dirty += size;
    return reply;
  }
  const count = Number(parsed);
  const remaining = size - count;
  const popped: string[] = [];
  if (remaining * SPOP_MOVE_STRATEGY_MUL > count) {
    for (let n = 0; n < count; n++) popped.push(setPopRandom(s, ctx.engine.rng));
  } else {
    // Few stay: move those out into a new set and reply with what is left of the old one.
    const keep: string[] = [];
    for (let n = 0; n < remaining; n++) keep.push(setPopRandom(s, ctx.engine.rng));
    setForEach(s, (m) => popped.push(m));
    setRebuild(s, keep, ctx.engine.config);
  }
  ctx.db.modified(key);
  ctx.engine.dirty += count;
  return setReply(bulks(popped));
}

function srandmember(ctx: CommandContext): Reply {
  const { argv } = ctx;
  if (argv.length === 3) return srandmemberWithCount(ctx);
  if (argv.length > 3) return error(Err.syntax);
  const s = lookupOfType(ctx, argv[1]!, 'set');
  if (s === undefined) return NULL;
  if (isReply(s)) return s;
  return bulk(setRandomMember(s, ctx.engine.rng));
}

function srandmemberWithCount(ctx: CommandContext): Reply {
  const l = randomCount(ctx.argv[2]!);
  if (isReply(l)) return l;
  const s = lookupOfType(ctx, ctx.argv[1]!, 'set');
  if (s === undefined) return EMPTY_ARRAY;
  if (isReply(s)) return s;
  if (l === 0n) return EMPTY_ARRAY;
  const rng = ctx.engine.rng;
  const size = elementCount(s);
  if (l < 0n || l === 1n) {
    const count = Number(l < 0n ? -l : l);
    const items: Reply[] = [];
    for (let n = 0; n < count; n++) items.push(bulk(setRandomMember(s, rng)));
    return array(items);
  }
  const members = setMembers(s);
  if (l >= BigInt(size)) return array(bulks(members));
  return array(distinctIndexes(size, Number(l), rng).map((i) => bulk(members[i]!)));
}

function sscan(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const cursor = parseScanCursor(argv[2]!);
  if (isReply(cursor)) return cursor;
  const s = lookupOfType(ctx, argv[1]!, 'set');
  if (s === undefined) return EMPTY_SCAN;
  if (isReply(s)) return s;
  const options = parseScanOptions(argv, 3);
  if (isReply(options)) return options;
  const items: string[] = [];
  const next = setScan(s, cursor, options.count, (m) => {
    if (scanMatches(options, m)) items.push(m);
  });
  return scanReply(next, items);
}

const set = { group: 'set', keys: ONE_KEY } as const;
const ALL_SETS = { first: 1, last: -1, step: 1 } as const;
const O_UNION = 'O(N) where N is the total number of elements in all given sets.';
const O_INTER =
  'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.';

export const setCommands: readonly CommandSpec[] = [
  {
    ...set,
    name: 'sadd',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    complexity:
      'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
    summary: 'Add one or more members to a set',
    since: '1.0.0',
    handler: sadd,
  },
  {
    ...set,
    name: 'srem',
    arity: -3,
    flags: ['write', 'fast'],
    complexity: 'O(N) where N is the number of members to be removed.',
    summary: 'Remove one or more members from a set',
    since: '1.0.0',
    handler: srem,
  },
  {
    ...set,
    name: 'smove',
    arity: 4,
    flags: ['write', 'fast'],
    keys: { first: 1, last: 2, step: 1 },
    complexity: 'O(1)',
    summary: 'Move a member from one set to another',
    since: '1.0.0',
    handler: smove,
  },
  {
    ...set,
    name: 'sismember',
    arity: 3,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Determine if a given value is a member of a set',
    since: '1.0.0',
    handler: sismember,
  },
  {
    ...set,
    name: 'smismember',
    arity: -3,
    flags: ['readonly', 'fast'],
    complexity: 'O(N) where N is the number of elements being checked for membership',
    summary: 'Returns the membership associated with the given elements for a set',
    since: '6.2.0',
    handler: smismember,
  },
  {
    ...set,
    name: 'scard',
    arity: 2,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the number of members in a set',
    since: '1.0.0',
    handler: scard,
  },
  {
    ...set,
    name: 'smembers',
    arity: 2,
    flags: ['readonly'],
    complexity: 'O(N) where N is the set cardinality.',
    summary: 'Get all the members in a set',
    since: '1.0.0',
    handler: smembers,
  },
  {
    ...set,
    name: 'sinter',
    arity: -2,
    flags: ['readonly'],
    keys: ALL_SETS,
    complexity: O_INTER,
    summary: 'Intersect multiple sets',
    since: '1.0.0',
    handler: sinter,
  },
  {
    ...set,
    name: 'sintercard',
    arity: -3,
    flags: ['readonly', 'movablekeys'],
    // numkeys-style keys: COMMAND INFO shows no fixed range (movablekeys).
    keys: { first: 0, last: 0, step: 0 },
    complexity: O_INTER,
    summary: 'Intersect multiple sets and return the cardinality of the result',
    since: '7.0.0',
    handler: sintercard,
  },
  {
    ...set,
    name: 'sinterstore',
    arity: -3,
    flags: ['write', 'denyoom'],
    keys: ALL_SETS,
    complexity: O_INTER,
    summary: 'Intersect multiple sets and store the resulting set in a key',
    since: '1.0.0',
    handler: sinterstore,
  },
  {
    ...set,
    name: 'sunion',
    arity: -2,
    flags: ['readonly'],
    keys: ALL_SETS,
    complexity: O_UNION,
    summary: 'Add multiple sets',
    since: '1.0.0',
    handler: (ctx) => sunionDiffGeneric(ctx, ctx.argv.slice(1), undefined, 'union'),
  },
  {
    ...set,
    name: 'sunionstore',
    arity: -3,
    flags: ['write', 'denyoom'],
    keys: ALL_SETS,
    complexity: O_UNION,
    summary: 'Add multiple sets and store the resulting set in a key',
    since: '1.0.0',
    handler: (ctx) => sunionDiffGeneric(ctx, ctx.argv.slice(2), ctx.argv[1], 'union'),
  },
  {
    ...set,
    name: 'sdiff',
    arity: -2,
    flags: ['readonly'],
    keys: ALL_SETS,
    complexity: O_UNION,
    summary: 'Subtract multiple sets',
    since: '1.0.0',
    handler: (ctx) => sunionDiffGeneric(ctx, ctx.argv.slice(1), undefined, 'diff'),
  },
  {
    ...set,
    name: 'sdiffstore',
    arity: -3,
    flags: ['write', 'denyoom'],
    keys: ALL_SETS,
    complexity: O_UNION,
    summary: 'Subtract multiple sets and store the resulting set in a key',
    since: '1.0.0',
    handler: (ctx) => sunionDiffGeneric(ctx, ctx.argv.slice(2), ctx.argv[1], 'diff'),
  },
  {
    ...set,
    name: 'spop',
    arity: -2,
    flags: ['write', 'fast'],
    complexity:
      'Without the count argument O(1), otherwise O(N) where N is the value of the passed count.',
    summary: 'Remove and return one or multiple random members from a set',
    since: '1.0.0',
    handler: spop,
  },
  {
    ...set,
    name: 'srandmember',
    arity: -2,
    flags: ['readonly'],
    complexity:
      'Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.',
    summary: 'Get one or multiple random members from a set',
    since: '1.0.0',
    handler: srandmember,
  },
  {
    ...set,
    name: 'sscan',
    arity: -3,
    flags: ['readonly'],
    complexity:
      'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
    summary: 'Incrementally iterate Set elements',
    since: '2.8.0',
    handler: sscan,
  },
];
