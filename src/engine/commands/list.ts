/**
 * The list commands (t_list.c), blocking ones included. Handlers parse arguments in the
 * order Redis does (so the same bad call gets the same error), talk to lists only through
 * datatypes/list.ts, and block through blocking.ts. A list that becomes empty is deleted.
 */
import { parseTimeout } from '../blocking.ts';
import { ListValue } from '../datatypes/list.ts';
import { Err, wrongArity } from '../errors.ts';
import { parseInt64 } from '../numbers.ts';
import {
  EMPTY_ARRAY,
  NULL,
  NULL_ARRAY,
  OK,
  ZERO,
  array,
  bulk,
  bulkArray,
  error,
  integer,
  type Reply,
} from '../reply.ts';
import { isOption, isReply, lookupOfType } from './args.ts';
import { ONE_KEY, type CommandContext, type CommandSpec } from './types.ts';

type End = 'left' | 'right';

/** The list at key, undefined when missing, or WRONGTYPE. */
function lookupList(ctx: CommandContext, key: string): ListValue | undefined | Reply {
  return lookupOfType(ctx, key, 'list');
}

/** A C `long` argument as a JS number (huge values lose precision, never their order). */
function longArg(s: string, message: string = Err.notInteger): number | Reply {
  const n = parseInt64(s);
  return n === null ? error(message) : Number(n);
}

/** getRangeLongFromObjectOrReply with a lower bound and one message for every failure. */
function longAtLeast(s: string, min: number, message: string): number | Reply {
  const n = parseInt64(s);
  return n === null || Number(n) < min ? error(message) : Number(n);
}

/** LEFT or RIGHT, case-insensitive (getListPositionFromObjectOrReply). */
function endArg(s: string): End | Reply {
  if (isOption(s, 'left')) return 'left';
  if (isOption(s, 'right')) return 'right';
  return error(Err.syntax);
}

function push(list: ListValue, end: End, value: string): void {
  if (end === 'left') list.pushHead(value);
  else list.pushTail(value);
}

function pop(list: ListValue, end: End): string {
  return (end === 'left' ? list.popHead() : list.popTail())!;
}

/** Deletes the key if its list is now empty, else records the change (signalModifiedKey). */
function afterRemoval(ctx: CommandContext, key: string, list: ListValue): void {
  if (list.length === 0) ctx.db.delete(key);
  else ctx.db.modified(key);
}

/** Resolves a possibly negative index; -1 when outside the list. */
function resolveIndex(index: number, length: number): number {
  const i = index < 0 ? length + index : index;
  return i >= 0 && i < length ? i : -1;
}

/**
 * Pops up to count elements from one end, returned in pop order (LPOP/RPOP with a count,
 * LMPOP, BLMPOP), and deletes the key when it empties. Adds the count to dirty.
 */
function popRange(ctx: CommandContext, key: string, list: ListValue, end: End, count: number) {
  const n = Math.min(count, list.length);
  const values =
    end === 'left' ? list.range(0, n - 1) : list.range(list.length - n, list.length - 1, true);
  if (end === 'left') list.removeHead(n);
  else list.removeTail(n);
  afterRemoval(ctx, key, list);
  ctx.engine.dirty += n;
  return values;
}

// ---- push ----

function pushGeneric(ctx: CommandContext, end: End, onlyIfExists: boolean): Reply {
  const key = ctx.argv[1]!;
  let list = lookupList(ctx, key);
  if (isReply(list)) return list;
  if (list === undefined) {
    if (onlyIfExists) return ZERO;
    list = new ListValue();
    ctx.db.set(key, list);
  } else {
    ctx.db.modified(key);
  }
  for (let i = 2; i < ctx.argv.length; i++) push(list, end, ctx.argv[i]!);
  ctx.engine.dirty += ctx.argv.length - 2;
  return integer(list.length);
}

// ---- pop ----

function popGeneric(ctx: CommandContext, end: End): Reply {
  const { argv } = ctx;
  if (argv.length > 3) return error(wrongArity(ctx.spec.name));
  const hasCount = argv.length === 3;
  let count = 0;
  if (hasCount) {
    const n = longAtLeast(argv[2]!, 0, Err.mustBePositive);
    if (isReply(n)) return n;
    count = n;
  }
  const key = argv[1]!;
  const list = lookupList(ctx, key);
  if (list === undefined) return hasCount ? NULL_ARRAY : NULL;
  if (isReply(list)) return list;
  if (hasCount && count === 0) return EMPTY_ARRAY;
  if (!hasCount) {
    const value = pop(list, end);
    afterRemoval(ctx, key, list);
    ctx.engine.dirty++;
    return bulk(value);
  }
  return bulkArray(popRange(ctx, key, list, end, count));
}

/** LMPOP and BLMPOP: numkeys, keys, LEFT|RIGHT, [COUNT n]; parsed before anything else. */
interface MultiPop {
  readonly keys: readonly string[];
  readonly end: End;
  readonly count: number;
}

function parseMultiPop(argv: readonly string[], numkeysIndex: number): MultiPop | Reply {
  const numkeys = longAtLeast(argv[numkeysIndex]!, 1, Err.numkeysNotPositive);
  if (isReply(numkeys)) return numkeys;
  const whereIndex = numkeysIndex + numkeys + 1;
  if (whereIndex >= argv.length) return error(Err.syntax);
  const end = endArg(argv[whereIndex]!);
  if (isReply(end)) return end;
  let count = -1;
  for (let j = whereIndex + 1; j < argv.length; j++) {
    if (count === -1 && isOption(argv[j]!, 'count') && j < argv.length - 1) {
      const n = longAtLeast(argv[++j]!, 1, Err.countNotPositive);
      if (isReply(n)) return n;
      count = n;
    } else {
      return error(Err.syntax);
    }
  }
  const keys = argv.slice(numkeysIndex + 1, whereIndex);
  return { keys, end, count: count === -1 ? 1 : count };
}

/** The first key holding a non-empty list, WRONGTYPE if a key before it is not a list. */
function firstNonEmpty(
  ctx: CommandContext,
  keys: readonly string[],
): { key: string; list: ListValue } | undefined | Reply {
  for (const key of keys) {
    const list = lookupList(ctx, key);
    if (list === undefined) continue;
    if (isReply(list)) return list;
    if (list.length > 0) return { key, list };
  }
  return undefined;
}

function lmpop(ctx: CommandContext): Reply {
  const req = parseMultiPop(ctx.argv, 1);
  if (isReply(req)) return req;
  const found = firstNonEmpty(ctx, req.keys);
  if (found === undefined) return NULL_ARRAY;
  if (isReply(found)) return found;
  return keyAndElements(ctx, found.key, found.list, req.end, req.count);
}

function keyAndElements(
  ctx: CommandContext,
  key: string,
  list: ListValue,
  end: End,
  count: number,
): Reply {
  return array([bulk(key), bulkArray(popRange(ctx, key, list, end, count))]);
}

// ---- reading ----

function llen(ctx: CommandContext): Reply {
  const list = lookupList(ctx, ctx.argv[1]!);
  if (list === undefined) return ZERO;
  return isReply(list) ? list : integer(list.length);
}

function lindex(ctx: CommandContext): Reply {
  const list = lookupList(ctx, ctx.argv[1]!);
  if (list === undefined) return NULL;
  if (isReply(list)) return list;
  const index = longArg(ctx.argv[2]!);
  if (isReply(index)) return index;
  const i = resolveIndex(index, list.length);
  return i === -1 ? NULL : bulk(list.get(i));
}

/** The inclusive range start..end after Redis's clamping, or null when it is empty. */
function clampRange(start: number, end: number, length: number): [number, number] | null {
  if (start < 0) start = length + start;
  if (end < 0) end = length + end;
  if (start < 0) start = 0;
  if (start > end || start >= length) return null;
  if (end >= length) end = length - 1;
  return [start, end];
}

function lrange(ctx: CommandContext): Reply {
  const start = longArg(ctx.argv[2]!);
  if (isReply(start)) return start;
  const end = longArg(ctx.argv[3]!);
  if (isReply(end)) return end;
  const list = lookupList(ctx, ctx.argv[1]!);
  if (list === undefined) return EMPTY_ARRAY;
  if (isReply(list)) return list;
  const range = clampRange(start, end, list.length);
  return range === null ? EMPTY_ARRAY : bulkArray(list.range(range[0], range[1]));
}

function lpos(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const element = argv[2]!;
  let rank = 1;
  let count = -1; // -1: no COUNT option, reply with a single index
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j]!;
    const more = j < argv.length - 1;
    if (isOption(opt, 'rank') && more) {
      const n = longArg(argv[++j]!);
      if (isReply(n)) return n;
      if (n === 0) return error(Err.lposRankZero);
      rank = n;
    } else if (isOption(opt, 'count') && more) {
      const n = longAtLeast(argv[++j]!, 0, Err.lposCountNegative);
      if (isReply(n)) return n;
      count = n;
    } else if (isOption(opt, 'maxlen') && more) {
      const n = longAtLeast(argv[++j]!, 0, Err.lposMaxlenNegative);
      if (isReply(n)) return n;
      maxlen = n;
    } else {
      return error(Err.syntax);
    }
  }
  const list = lookupList(ctx, argv[1]!);
  if (list === undefined) return count !== -1 ? EMPTY_ARRAY : NULL;
  if (isReply(list)) return list;

  const fromTail = rank < 0;
  // -LONG_MIN overflows in C (undefined behaviour); here it is just a rank never reached.
  const wanted = Math.abs(rank);
  const length = list.length;
  const limit = maxlen === 0 ? length : Math.min(maxlen, length);
  const found: Reply[] = [];
  let matches = 0;
  for (let scanned = 0; scanned < limit; scanned++) {
    const index = fromTail ? length - 1 - scanned : scanned;
    if (list.get(index) !== element) continue;
    matches++;
    if (matches < wanted) continue;
    if (count === -1) return integer(index);
    found.push(integer(index));
    if (count !== 0 && found.length >= count) break;
  }
  return count === -1 ? NULL : array(found);
}

// ---- writing in place ----

function lset(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  const list = lookupList(ctx, key);
  if (list === undefined) return error(Err.noSuchKey);
  if (isReply(list)) return list;
  const index = longArg(ctx.argv[2]!);
  if (isReply(index)) return index;
  const i = resolveIndex(index, list.length);
  if (i === -1) return error(Err.indexOutOfRange);
  list.set(i, ctx.argv[3]!);
  ctx.db.modified(key);
  ctx.engine.dirty++;
  return OK;
}

function linsert(ctx: CommandContext): Reply {
  const { argv } = ctx;
  let after: boolean;
  if (isOption(argv[2]!, 'after')) after = true;
  else if (isOption(argv[2]!, 'before')) after = false;
  else return error(Err.syntax);
  const key = argv[1]!;
  const list = lookupList(ctx, key);
  if (list === undefined) return ZERO;
  if (isReply(list)) return list;
  const pivot = list.indexOf(argv[3]!);
  if (pivot === -1) return integer(-1);
  list.insertAt(after ? pivot + 1 : pivot, argv[4]!);
  ctx.db.modified(key);
  ctx.engine.dirty++;
  return integer(list.length);
}

function lrem(ctx: CommandContext): Reply {
  const count = longArg(ctx.argv[2]!);
  if (isReply(count)) return count;
  const key = ctx.argv[1]!;
  const list = lookupList(ctx, key);
  if (list === undefined) return ZERO;
  if (isReply(list)) return list;
  const removed = list.removeMatching(ctx.argv[3]!, Math.abs(count), count < 0);
  if (removed > 0) {
    ctx.engine.dirty += removed;
    afterRemoval(ctx, key, list);
  }
  return integer(removed);
}

function ltrim(ctx: CommandContext): Reply {
  const start = longArg(ctx.argv[2]!);
  if (isReply(start)) return start;
  const end = longArg(ctx.argv[3]!);
  if (isReply(end)) return end;
  const key = ctx.argv[1]!;
  const list = lookupList(ctx, key);
  if (list === undefined) return OK;
  if (isReply(list)) return list;
  const length = list.length;
  const range = clampRange(start, end, length);
  const fromHead = range === null ? length : range[0];
  const fromTail = range === null ? 0 : length - range[1] - 1;
  list.removeHead(fromHead);
  list.removeTail(fromTail);
  // Redis signals the key even when nothing was trimmed.
  afterRemoval(ctx, key, list);
  ctx.engine.dirty += fromHead + fromTail;
  return OK;
}

// ---- moving between lists ----

/**
 * Pops from source and pushes on destination (lmoveGenericCommand); the caller has checked
 * that source is a non-empty list. WRONGTYPE if the destination is not a list, before any
 * change.
 */
function moveOne(
  ctx: CommandContext,
  source: string,
  list: ListValue,
  destination: string,
  from: End,
  to: End,
): Reply {
  let target = lookupList(ctx, destination);
  if (isReply(target)) return target;
  const value = pop(list, from);
  if (target === undefined) {
    target = new ListValue();
    ctx.db.set(destination, target);
  } else {
    ctx.db.modified(destination);
  }
  push(target, to, value);
  // Source and destination may be the same list, which then never empties here.
  if (list.length === 0) ctx.db.delete(source);
  else ctx.db.modified(source);
  return bulk(value);
}

function lmoveGeneric(ctx: CommandContext, from: End, to: End): Reply {
  const source = ctx.argv[1]!;
  const list = lookupList(ctx, source);
  if (list === undefined) return NULL;
  if (isReply(list)) return list;
  const reply = moveOne(ctx, source, list, ctx.argv[2]!, from, to);
  if (reply.kind !== 'error') ctx.engine.dirty++;
  return reply;
}

function lmove(ctx: CommandContext): Reply {
  const from = endArg(ctx.argv[3]!);
  if (isReply(from)) return from;
  const to = endArg(ctx.argv[4]!);
  if (isReply(to)) return to;
  return lmoveGeneric(ctx, from, to);
}

// ---- blocking ----

/** BLPOP / BRPOP / BLMPOP (blockingPopGenericCommand). count -1: BLPOP's [key, value]. */
function blockingPop(
  ctx: CommandContext,
  keys: readonly string[],
  end: End,
  timeoutArg: string,
  count: number,
): Reply {
  const deadline = parseTimeout(timeoutArg, ctx.nowMs);
  if (isReply(deadline)) return deadline;
  const found = firstNonEmpty(ctx, keys);
  if (isReply(found)) return found;
  if (found !== undefined) return servePop(ctx, found.key, found.list, end, count, true);
  return ctx.engine.blocking.block(ctx, {
    keys,
    deadlineMs: deadline,
    wakesOn: 'list',
    serve: (served, key) => {
      const list = lookupList(served, key) as ListValue;
      return servePop(served, key, list, end, count, false);
    },
  });
}

/**
 * The reply of a blocking pop that found data: [key, value], or [key, [values]] for
 * BLMPOP. Redis counts BLPOP's pop in dirty only when it did not block
 * (serveClientBlockedOnList does not), which is kept.
 */
function servePop(
  ctx: CommandContext,
  key: string,
  list: ListValue,
  end: End,
  count: number,
  immediate: boolean,
): Reply {
  if (count !== -1) return keyAndElements(ctx, key, list, end, count);
  const value = pop(list, end);
  afterRemoval(ctx, key, list);
  if (immediate) ctx.engine.dirty++;
  return bulkArray([key, value]);
}

function blpop(ctx: CommandContext, end: End): Reply {
  const { argv } = ctx;
  return blockingPop(ctx, argv.slice(1, -1), end, argv[argv.length - 1]!, -1);
}

function blmpop(ctx: CommandContext): Reply {
  const req = parseMultiPop(ctx.argv, 2);
  if (isReply(req)) return req;
  return blockingPop(ctx, req.keys, req.end, ctx.argv[1]!, req.count);
}

/** BLMOVE / BRPOPLPUSH after their positions are parsed (blmoveGenericCommand). */
function blmoveGeneric(ctx: CommandContext, from: End, to: End, timeoutArg: string): Reply {
  const deadline = parseTimeout(timeoutArg, ctx.nowMs);
  if (isReply(deadline)) return deadline;
  const source = ctx.argv[1]!;
  const destination = ctx.argv[2]!;
  const list = lookupList(ctx, source);
  if (isReply(list)) return list;
  if (list !== undefined) return lmoveGeneric(ctx, from, to);
  return ctx.engine.blocking.block(ctx, {
    keys: [source],
    deadlineMs: deadline,
    wakesOn: 'list',
    serve: (served, key) =>
      moveOne(served, key, lookupList(served, key) as ListValue, destination, from, to),
    deniedReply: NULL,
  });
}

function blmove(ctx: CommandContext): Reply {
  const from = endArg(ctx.argv[3]!);
  if (isReply(from)) return from;
  const to = endArg(ctx.argv[4]!);
  if (isReply(to)) return to;
  return blmoveGeneric(ctx, from, to, ctx.argv[5]!);
}

// ---- the table ----

const list = { group: 'list', keys: ONE_KEY } as const;
const PUSH_COMPLEXITY =
  'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.';
const POP_COMPLEXITY = 'O(N) where N is the number of elements returned';
const TWO_KEYS = { first: 1, last: 2, step: 1 } as const;
const MOVABLE_KEYS = { first: 0, last: 0, step: 0 } as const;

export const listCommands: readonly CommandSpec[] = [
  {
    ...list,
    name: 'lpush',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    complexity: PUSH_COMPLEXITY,
    summary: 'Prepend one or multiple elements to a list',
    since: '1.0.0',
    handler: (ctx) => pushGeneric(ctx, 'left', false),
  },
  {
    ...list,
    name: 'rpush',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    complexity: PUSH_COMPLEXITY,
    summary: 'Append one or multiple elements to a list',
    since: '1.0.0',
    handler: (ctx) => pushGeneric(ctx, 'right', false),
  },
  {
    ...list,
    name: 'lpushx',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    complexity: PUSH_COMPLEXITY,
    summary: 'Prepend an element to a list, only if the list exists',
    since: '2.2.0',
    handler: (ctx) => pushGeneric(ctx, 'left', true),
  },
  {
    ...list,
    name: 'rpushx',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    complexity: PUSH_COMPLEXITY,
    summary: 'Append an element to a list, only if the list exists',
    since: '2.2.0',
    handler: (ctx) => pushGeneric(ctx, 'right', true),
  },
  {
    ...list,
    name: 'lpop',
    arity: -2,
    flags: ['write', 'fast'],
    complexity: POP_COMPLEXITY,
    summary: 'Remove and get the first elements in a list',
    since: '1.0.0',
    handler: (ctx) => popGeneric(ctx, 'left'),
  },
  {
    ...list,
    name: 'rpop',
    arity: -2,
    flags: ['write', 'fast'],
    complexity: POP_COMPLEXITY,
    summary: 'Remove and get the last elements in a list',
    since: '1.0.0',
    handler: (ctx) => popGeneric(ctx, 'right'),
  },
  {
    ...list,
    name: 'llen',
    arity: 2,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the length of a list',
    since: '1.0.0',
    handler: llen,
  },
  {
    ...list,
    name: 'lrange',
    arity: 4,
    flags: ['readonly'],
    complexity:
      'O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.',
    summary: 'Get a range of elements from a list',
    since: '1.0.0',
    handler: lrange,
  },
  {
    ...list,
    name: 'lindex',
    arity: 3,
    flags: ['readonly'],
    complexity:
      'O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).',
    summary: 'Get an element from a list by its index',
    since: '1.0.0',
    handler: lindex,
  },
  {
    ...list,
    name: 'lset',
    arity: 4,
    flags: ['write', 'denyoom'],
    complexity:
      'O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).',
    summary: 'Set the value of an element in a list by its index',
    since: '1.0.0',
    handler: lset,
  },
  {
    ...list,
    name: 'lrem',
    arity: 4,
    flags: ['write'],
    complexity: 'O(N+M) where N is the length of the list and M is the number of elements removed.',
    summary: 'Remove elements from a list',
    since: '1.0.0',
    handler: lrem,
  },
  {
    ...list,
    name: 'linsert',
    arity: 5,
    flags: ['write', 'denyoom'],
    complexity:
      'O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).',
    summary: 'Insert an element before or after another element in a list',
    since: '2.2.0',
    handler: linsert,
  },
  {
    ...list,
    name: 'ltrim',
    arity: 4,
    flags: ['write'],
    complexity: 'O(N) where N is the number of elements to be removed by the operation.',
    summary: 'Trim a list to the specified range',
    since: '1.0.0',
    handler: ltrim,
  },
  {
    ...list,
    name: 'lpos',
    arity: -3,
    flags: ['readonly'],
    complexity:
      'O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.',
    summary: 'Return the index of matching elements on a list',
    since: '6.0.6',
    handler: lpos,
  },
  {
    ...list,
    name: 'lmove',
    arity: 5,
    flags: ['write', 'denyoom'],
    keys: TWO_KEYS,
    complexity: 'O(1)',
    summary: 'Pop an element from a list, push it to another list and return it',
    since: '6.2.0',
    handler: lmove,
  },
  {
    ...list,
    name: 'rpoplpush',
    arity: 3,
    flags: ['write', 'denyoom'],
    keys: TWO_KEYS,
    complexity: 'O(1)',
    summary: 'Remove the last element in a list, prepend it to another list and return it',
    since: '1.2.0',
    handler: (ctx) => lmoveGeneric(ctx, 'right', 'left'),
  },
  {
    ...list,
    name: 'lmpop',
    arity: -4,
    flags: ['write'],
    keys: MOVABLE_KEYS,
    complexity:
      'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
    summary: 'Pop elements from a list',
    since: '7.0.0',
    handler: lmpop,
  },
  {
    ...list,
    name: 'blpop',
    arity: -3,
    flags: ['write', 'noscript', 'blocking'],
    keys: { first: 1, last: -2, step: 1 },
    complexity: 'O(N) where N is the number of provided keys.',
    summary: 'Remove and get the first element in a list, or block until one is available',
    since: '2.0.0',
    handler: (ctx) => blpop(ctx, 'left'),
  },
  {
    ...list,
    name: 'brpop',
    arity: -3,
    flags: ['write', 'noscript', 'blocking'],
    keys: { first: 1, last: -2, step: 1 },
    complexity: 'O(N) where N is the number of provided keys.',
    summary: 'Remove and get the last element in a list, or block until one is available',
    since: '2.0.0',
    handler: (ctx) => blpop(ctx, 'right'),
  },
  {
    ...list,
    name: 'blmove',
    arity: 6,
    flags: ['write', 'denyoom', 'noscript', 'blocking'],
    keys: TWO_KEYS,
    complexity: 'O(1)',
    summary:
      'Pop an element from a list, push it to another list and return it; or block until one is available',
    since: '6.2.0',
    handler: blmove,
  },
  {
    ...list,
    name: 'brpoplpush',
    arity: 4,
    flags: ['write', 'denyoom', 'noscript', 'blocking'],
    keys: TWO_KEYS,
    complexity: 'O(1)',
    summary:
      'Pop an element from a list, push it to another list and return it; or block until one is available',
    since: '2.2.0',
    handler: (ctx) => blmoveGeneric(ctx, 'right', 'left', ctx.argv[3]!),
  },
  {
    ...list,
    name: 'blmpop',
    arity: -5,
    flags: ['write', 'blocking'],
    keys: MOVABLE_KEYS,
    complexity:
      'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
    summary: 'Pop elements from a list, or block until one is available',
    since: '7.0.0',
    handler: blmpop,
  },
];
