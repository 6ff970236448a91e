import {
  ZADD_ADDED,
  ZADD_GT,
  ZADD_INCR,
  ZADD_LT,
  ZADD_NAN,
  ZADD_NOP,
  ZADD_NX,
  ZADD_UPDATED,
  ZADD_XX,
  countInLexRange,
  countInScoreRange,
  createForFirstMember,
  createSortedSet,
  forEachMember,
  fromScores,
  popEnd,
  randomMember,
  rangeByLex,
  rangeByRank,
  rangeByScore,
  removeRangeByLex,
  removeRangeByRank,
  removeRangeByScore,
  scanStep,
  zsetAdd,
  zsetLength,
  zsetRank,
  zsetRemove,
  zsetScore,
  type Emit,
  type SortedSetValue,
} from '../datatypes/sorted-set.ts';
import { elementCount as setLength, setHas, setMembers } from '../datatypes/set.ts';
import type { LexRange, ScoreRange } from '../datatypes/skiplist.ts';
import { parseTimeout } from '../blocking.ts';
import { Err, needsInputKey } from '../errors.ts';
import { globMatch } from '../keyspace/glob.ts';
import type { RedisValue } from '../keyspace/values.ts';
import { INT64_MIN, formatDouble, parseInt64 } from '../numbers.ts';
import {
  EMPTY_ARRAY,
  NULL,
  NULL_ARRAY,
  ZERO,
  array,
  bulk,
  double,
  error,
  integer,
  type Reply,
} from '../reply.ts';
import { WRONG_TYPE, isOption, isReply, lookupOfType } from './args.ts';
import { NO_KEYS, ONE_KEY, type CommandContext, type CommandSpec } from './types.ts';
import { parseCursor, parseLexRange, parseLong, parseScore, parseScoreRange } from './zset-args.ts';

/**
 * The Sorted Set commands, argument parsing and replies only; the data lives behind
 * datatypes/sorted-set.ts. Checks happen in the order t_zset.c makes them, because that
 * order decides which error a learner sees when several things are wrong at once.
 */

const HALF_LONG_MAX = 4611686018427387903n;

function lookupZset(ctx: CommandContext, key: string): SortedSetValue | undefined | Reply {
  return lookupOfType(ctx, key, 'zset');
}

/**
 * Members with optional scores: RESP2 flattens member, score pairs; RESP3 nests each pair
 * with a real double (Redis cannot use a map there: the order matters).
 */
function scoredReply(
  ctx: CommandContext,
  members: readonly string[],
  scores: readonly number[],
  withScores: boolean,
): Reply {
  const items: Reply[] = [];
  const nested = withScores && ctx.session.protocol === 3;
  for (let i = 0; i < members.length; i++) {
    if (!withScores) items.push(bulk(members[i]!));
    else if (nested) items.push(array([bulk(members[i]!), double(scores[i]!)]));
    else items.push(bulk(members[i]!), double(scores[i]!));
  }
  return array(items);
}

/** Collects emitted members and scores in order. */
class Collector {
  readonly members: string[] = [];
  readonly scores: number[] = [];
  readonly emit: Emit = (member, score) => {
    this.members.push(member);
    this.scores.push(score);
  };
}

/** After removing members: deletes the key if it became empty, else signals the change. */
function afterRemoval(ctx: CommandContext, key: string, z: SortedSetValue): void {
  if (zsetLength(z) === 0) ctx.db.delete(key);
  else ctx.db.modified(key);
}

// ---- ZADD, ZINCRBY ----

/** zsetAdd's out parameter, shared: it is read right after each call, and nothing nests. */
const ZADD_OUT = { score: 0 };

function zaddGeneric(ctx: CommandContext, initialFlags: number): Reply {
  const { argv } = ctx;
  let flags = initialFlags;
  let ch = false;
  let scoreIdx = 2;
  for (; scoreIdx < argv.length; scoreIdx++) {
    const opt = argv[scoreIdx]!;
    // Options are words; a score (a digit, a sign, a dot) ends them at once.
    const letter = opt.charCodeAt(0) | 0x20;
    if (letter < 97 || letter > 122) break;
    if (isOption(opt, 'nx')) flags |= ZADD_NX;
    else if (isOption(opt, 'xx')) flags |= ZADD_XX;
    else if (isOption(opt, 'ch')) ch = true;
    else if (isOption(opt, 'incr')) flags |= ZADD_INCR;
    else if (isOption(opt, 'gt')) flags |= ZADD_GT;
    else if (isOption(opt, 'lt')) flags |= ZADD_LT;
    else break;
  }
  const incr = (flags & ZADD_INCR) !== 0;
  const nx = (flags & ZADD_NX) !== 0;
  const gt = (flags & ZADD_GT) !== 0;
  const lt = (flags & ZADD_LT) !== 0;
  const args = argv.length - scoreIdx;
  if (args % 2 !== 0 || args === 0) return error(Err.syntax);
  const elements = args / 2;
  if (nx && flags & ZADD_XX) return error(Err.zaddNxXx);
  if ((gt && nx) || (lt && nx) || (gt && lt)) return error(Err.zaddGtLtNx);
  if (incr && elements > 1) return error(Err.zaddIncrPairs);

  // Every score is parsed before anything changes: the command is all or nothing. The
  // usual single pair needs no array.
  const first = parseScore(argv[scoreIdx]!);
  if (first === null) return error(Err.notFloat);
  let scores: number[] | undefined;
  if (elements > 1) {
    scores = new Array<number>(elements);
    scores[0] = first;
    for (let j = 1; j < elements; j++) {
      const score = parseScore(argv[scoreIdx + j * 2]!);
      if (score === null) return error(Err.notFloat);
      scores[j] = score;
    }
  }

  const key = argv[1]!;
  let z = lookupZset(ctx, key);
  if (isReply(z)) return z;
  let created = false;
  if (z === undefined) {
    if (flags & ZADD_XX) return incr ? NULL : ZERO;
    z = createForFirstMember(ctx.engine, argv[scoreIdx + 1]!);
    ctx.db.set(key, z);
    created = true;
  }

  let added = 0;
  let updated = 0;
  let processed = 0;
  const out = ZADD_OUT;
  for (let j = 0; j < elements; j++) {
    const score = scores === undefined ? first : scores[j]!;
    const result = zsetAdd(ctx.engine, z, score, argv[scoreIdx + 1 + j * 2]!, flags, out);
    // Only INCR can make NaN, and INCR takes one pair: nothing has changed yet.
    if (result & ZADD_NAN) return error(Err.scoreIsNaN);
    if (result & ZADD_ADDED) added++;
    if (result & ZADD_UPDATED) updated++;
    if (!(result & ZADD_NOP)) processed++;
  }
  ctx.engine.dirty += added + updated;
  if ((added || updated) && !created) ctx.db.modified(key);
  if (incr) return processed ? double(out.score) : NULL;
  return integer(ch ? added + updated : added);
}

function zrem(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  const z = lookupZset(ctx, key);
  if (z === undefined) return ZERO;
  if (isReply(z)) return z;
  let deleted = 0;
  for (let j = 2; j < ctx.argv.length; j++) {
    if (zsetRemove(z, ctx.argv[j]!)) deleted++;
    if (zsetLength(z) === 0) break;
  }
  if (deleted) {
    afterRemoval(ctx, key, z);
    ctx.engine.dirty += deleted;
  }
  return integer(deleted);
}

// ---- ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX ----

type RangeKind = 'rank' | 'score' | 'lex';

function zremrangeGeneric(ctx: CommandContext, kind: RangeKind): Reply {
  const { argv } = ctx;
  let start = 0;
  let end = 0;
  const scoreRange = kind === 'score' ? parseScoreRange(argv[2]!, argv[3]!) : null;
  const lexRange = kind === 'lex' ? parseLexRange(argv[2]!, argv[3]!) : null;
  if (kind === 'rank') {
    const s = parseLong(argv[2]!);
    const e = s === null ? null : parseLong(argv[3]!);
    if (s === null || e === null) return error(Err.notInteger);
    start = s;
    end = e;
  } else if (kind === 'score' && scoreRange === null) {
    return error(Err.minMaxNotFloat);
  } else if (kind === 'lex' && lexRange === null) {
    return error(Err.minMaxNotLex);
  }

  const key = argv[1]!;
  const z = lookupZset(ctx, key);
  if (z === undefined) return ZERO;
  if (isReply(z)) return z;

  let deleted: number;
  if (kind === 'rank') {
    const len = zsetLength(z);
    if (start < 0) start = len + start;
    if (end < 0) end = len + end;
    if (start < 0) start = 0;
    if (start > end || start >= len) return ZERO;
    if (end >= len) end = len - 1;
    deleted = removeRangeByRank(z, start, end);
  } else if (kind === 'score') {
    deleted = removeRangeByScore(z, scoreRange!);
  } else {
    deleted = removeRangeByLex(z, lexRange!);
  }
  if (deleted) afterRemoval(ctx, key, z);
  ctx.engine.dirty += deleted;
  return integer(deleted);
}

// ---- ZRANGE and friends, ZRANGESTORE ----

type Direction = 'auto' | 'forward' | 'reverse';

/**
 * zrangeGenericCommand: ZRANGE with its BYSCORE/BYLEX/REV/LIMIT/WITHSCORES options, the
 * older fixed-shape commands (a fixed kind or direction turns that option into a syntax
 * error) and ZRANGESTORE (store: no WITHSCORES, the result goes to argv[1]).
 */
function zrangeGeneric(
  ctx: CommandContext,
  srcIdx: number,
  store: boolean,
  fixedKind: RangeKind | 'auto',
  fixedDirection: Direction,
): Reply {
  const { argv } = ctx;
  let kind = fixedKind;
  let direction = fixedDirection;
  let withScores = false;
  let offset = 0;
  let limit = -1;
  for (let j = srcIdx + 3; j < argv.length; j++) {
    const arg = argv[j]!;
    const left = argv.length - j - 1;
    if (!store && isOption(arg, 'withscores')) {
      withScores = true;
    } else if (isOption(arg, 'limit') && left >= 2) {
      const o = parseLong(argv[j + 1]!);
      const l = o === null ? null : parseLong(argv[j + 2]!);
      if (o === null || l === null) return error(Err.notInteger);
      offset = o;
      limit = l;
      j += 2;
    } else if (direction === 'auto' && isOption(arg, 'rev')) {
      direction = 'reverse';
    } else if (kind === 'auto' && isOption(arg, 'bylex')) {
      kind = 'lex';
    } else if (kind === 'auto' && isOption(arg, 'byscore')) {
      kind = 'score';
    } else {
      return error(Err.syntax);
    }
  }
  const reverse = direction === 'reverse';
  if (kind === 'auto') kind = 'rank';
  // A LIMIT of exactly -1 is indistinguishable from no LIMIT, as in Redis.
  if (limit !== -1 && kind === 'rank') return error(Err.zrangeLimitNeedsBy);
  if (withScores && kind === 'lex') return error(Err.zrangeWithscoresBylex);

  // BYSCORE and BYLEX take [max, min] when reversed; ranks stay [start, stop].
  const swap = reverse && kind !== 'rank';
  const minArg = argv[swap ? srcIdx + 2 : srcIdx + 1]!;
  const maxArg = argv[swap ? srcIdx + 1 : srcIdx + 2]!;
  let start = 0;
  let end = 0;
  let scoreRange: ScoreRange | null = null;
  let lexRange: LexRange | null = null;
  if (kind === 'rank') {
    const s = parseLong(minArg);
    const e = s === null ? null : parseLong(maxArg);
    if (s === null || e === null) return error(Err.notInteger);
    start = s;
    end = e;
  } else if (kind === 'score') {
    scoreRange = parseScoreRange(minArg, maxArg);
    if (scoreRange === null) return error(Err.minMaxNotFloat);
  } else {
    lexRange = parseLexRange(minArg, maxArg);
    if (lexRange === null) return error(Err.minMaxNotLex);
  }

  const z = lookupZset(ctx, argv[srcIdx]!);
  if (isReply(z)) return z;
  if (z === undefined) return store ? storeRange(ctx, null) : EMPTY_ARRAY;

  const out = new Collector();
  // ZRANGESTORE builds its destination as a listpack unless a rank range is known to be big.
  let storeBig = false;
  if (kind === 'rank') {
    const len = zsetLength(z);
    if (start < 0) start = len + start;
    if (end < 0) end = len + end;
    if (start < 0) start = 0;
    if (start <= end && start < len) {
      if (end >= len) end = len - 1;
      storeBig = end - start + 1 > ctx.engine.config['zset-max-listpack-entries'];
      rangeByRank(z, start, end, reverse, out.emit);
    }
  } else if (kind === 'score') {
    rangeByScore(z, scoreRange!, offset, limit, reverse, out.emit);
  } else {
    rangeByLex(z, lexRange!, offset, limit, reverse, out.emit);
  }
  if (store) return storeRange(ctx, out, storeBig);
  return scoredReply(ctx, out.members, out.scores, withScores);
}

/** ZRANGESTORE's ending: the range becomes argv[1], or an empty range deletes it. */
function storeRange(ctx: CommandContext, result: Collector | null, big = false): Reply {
  const dst = ctx.argv[1]!;
  if (result === null || result.members.length === 0) {
    if (ctx.db.delete(dst)) ctx.engine.dirty++;
    return ZERO;
  }
  const z = createSortedSet(big ? 'skiplist' : 'listpack');
  const scratch = { score: 0 };
  for (let i = 0; i < result.members.length; i++) {
    zsetAdd(ctx.engine, z, result.scores[i]!, result.members[i]!, 0, scratch);
  }
  ctx.db.set(dst, z);
  ctx.engine.dirty++;
  return integer(result.members.length);
}

// ---- read-only lookups ----

function zcard(ctx: CommandContext): Reply {
  const z = lookupZset(ctx, ctx.argv[1]!);
  if (z === undefined) return ZERO;
  return isReply(z) ? z : integer(zsetLength(z));
}

function zscore(ctx: CommandContext): Reply {
  const z = lookupZset(ctx, ctx.argv[1]!);
  if (z === undefined) return NULL;
  if (isReply(z)) return z;
  const score = zsetScore(z, ctx.argv[2]!);
  return score === undefined ? NULL : double(score);
}

function zmscore(ctx: CommandContext): Reply {
  const z = lookupZset(ctx, ctx.argv[1]!);
  if (isReply(z)) return z;
  const items: Reply[] = [];
  for (let j = 2; j < ctx.argv.length; j++) {
    const score = z === undefined ? undefined : zsetScore(z, ctx.argv[j]!);
    items.push(score === undefined ? NULL : double(score));
  }
  return array(items);
}

function zrank(ctx: CommandContext, reverse: boolean): Reply {
  const z = lookupZset(ctx, ctx.argv[1]!);
  if (z === undefined) return NULL;
  if (isReply(z)) return z;
  const rank = zsetRank(z, ctx.argv[2]!, reverse);
  return rank < 0 ? NULL : integer(rank);
}

function zcount(ctx: CommandContext): Reply {
  const range = parseScoreRange(ctx.argv[2]!, ctx.argv[3]!);
  if (range === null) return error(Err.minMaxNotFloat);
  const z = lookupZset(ctx, ctx.argv[1]!);
  if (z === undefined) return ZERO;
  return isReply(z) ? z : integer(countInScoreRange(z, range));
}

function zlexcount(ctx: CommandContext): Reply {
  const range = parseLexRange(ctx.argv[2]!, ctx.argv[3]!);
  if (range === null) return error(Err.minMaxNotLex);
  const z = lookupZset(ctx, ctx.argv[1]!);
  if (z === undefined) return ZERO;
  return isReply(z) ? z : integer(countInLexRange(z, range));
}

// ---- pops ----

export interface ZpopShape {
  /** Prefix the reply with the key the members came from (BZPOP*, ZMPOP, BZMPOP). */
  readonly emitKey: boolean;
  /** Pairs as nested [member, score] arrays (RESP3 with a count, ZMPOP/BZMPOP always). */
  readonly nested: boolean;
  /** Reply a null array rather than an empty one when no key has members (ZMPOP). */
  readonly nilWhenEmpty: boolean;
}

/**
 * genericZpopCommand: pops up to `count` members (-1: a single pop) from the lowest (or
 * highest) end of the first existing key among `keys`. The blocking commands reuse it once
 * a key is ready; a type clash on the first existing key is WRONGTYPE.
 */
export function zpopGeneric(
  ctx: CommandContext,
  keys: readonly string[],
  max: boolean,
  count: number,
  shape: ZpopShape,
): Reply {
  let key: string | undefined;
  let z: SortedSetValue | undefined;
  for (const candidate of keys) {
    const found = lookupZset(ctx, candidate);
    if (found === undefined) continue;
    if (isReply(found)) return found;
    key = candidate;
    z = found;
    break;
  }
  if (z === undefined || key === undefined) return shape.nilWhenEmpty ? NULL_ARRAY : EMPTY_ARRAY;
  if (count === 0) return EMPTY_ARRAY;
  const wanted = count === -1 ? 1 : count;
  const pairs: Reply[] = [];
  for (let n = 0; n < wanted; n++) {
    const popped = popEnd(z, max);
    if (popped === undefined) break;
    ctx.engine.dirty++;
    const [member, score] = popped;
    if (shape.nested) pairs.push(array([bulk(member), double(score)]));
    else pairs.push(bulk(member), double(score));
  }
  afterRemoval(ctx, key, z);
  if (!shape.emitKey) return array(pairs);
  if (!shape.nested) return array([bulk(key), ...pairs]);
  return array([bulk(key), array(pairs)]);
}

function zpopMinMax(ctx: CommandContext, max: boolean): Reply {
  const { argv } = ctx;
  if (argv.length > 3) return error(Err.syntax);
  let count = -1;
  if (argv.length === 3) {
    const n = parseLong(argv[2]!);
    if (n === null || n < 0) return error(Err.mustBePositive);
    count = n;
  }
  const nested = ctx.session.protocol === 3 && count !== -1;
  return zpopGeneric(ctx, [argv[1]!], max, count, {
    emitKey: false,
    nested,
    nilWhenEmpty: false,
  });
}

/** ZMPOP's arguments after numkeys: keys, MIN|MAX, [COUNT n]; BZMPOP shares the parse. */
export function parseMpop(
  argv: readonly string[],
  numkeysIdx: number,
): { keys: string[]; max: boolean; count: number } | Reply {
  const numkeys = parseLong(argv[numkeysIdx]!);
  if (numkeys === null || numkeys < 1) return error(Err.numkeysNotPositive);
  const whereIdx = numkeysIdx + numkeys + 1;
  if (whereIdx >= argv.length) return error(Err.syntax);
  const where = argv[whereIdx]!;
  let max: boolean;
  if (isOption(where, 'min')) max = false;
  else if (isOption(where, 'max')) max = true;
  else return error(Err.syntax);
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (count === -1 && isOption(argv[j]!, 'count') && more > 0) {
      j++;
      const n = parseLong(argv[j]!);
      if (n === null || n < 1) return error(Err.countNotPositive);
      count = n;
    } else {
      return error(Err.syntax);
    }
  }
  return {
    keys: argv.slice(numkeysIdx + 1, whereIdx),
    max,
    count: count === -1 ? 1 : count,
  };
}

function zmpop(ctx: CommandContext): Reply {
  const parsed = parseMpop(ctx.argv, 1);
  if (isReply(parsed)) return parsed;
  return zpopGeneric(ctx, parsed.keys, parsed.max, parsed.count, {
    emitKey: true,
    nested: true,
    nilWhenEmpty: true,
  });
}

// ---- BZPOPMIN, BZPOPMAX, BZMPOP ----

const BZPOP_SHAPE: ZpopShape = { emitKey: true, nested: false, nilWhenEmpty: false };
const BZMPOP_SHAPE: ZpopShape = { emitKey: true, nested: true, nilWhenEmpty: true };

/**
 * blockingGenericZpopCommand: the timeout is parsed first; the first key holding a sorted
 * set is popped at once (WRONGTYPE if the first existing key is something else); with none,
 * the client blocks until a sorted set appears on one of the keys. Inside EXEC the answer
 * is the timeout's null array, even for timeout 0.
 */
function blockingZpop(
  ctx: CommandContext,
  keys: readonly string[],
  max: boolean,
  timeoutArg: string,
  count: number,
  shape: ZpopShape,
): Reply {
  const deadline = parseTimeout(timeoutArg, ctx.nowMs);
  if (isReply(deadline)) return deadline;
  for (const key of keys) {
    const z = lookupZset(ctx, key);
    if (z === undefined) continue;
    if (isReply(z)) return z;
    return zpopGeneric(ctx, [key], max, count, shape);
  }
  return ctx.engine.blocking.block(ctx, {
    keys,
    deadlineMs: deadline,
    wakesOn: 'zset',
    serve: (served, key) => zpopGeneric(served, [key], max, count, shape),
  });
}

function bzpopMinMax(ctx: CommandContext, max: boolean): Reply {
  const { argv } = ctx;
  return blockingZpop(ctx, argv.slice(1, -1), max, argv[argv.length - 1]!, -1, BZPOP_SHAPE);
}

function bzmpop(ctx: CommandContext): Reply {
  const parsed = parseMpop(ctx.argv, 2);
  if (isReply(parsed)) return parsed;
  return blockingZpop(ctx, parsed.keys, parsed.max, ctx.argv[1]!, parsed.count, BZMPOP_SHAPE);
}

// ---- ZUNION, ZINTER, ZDIFF, their STORE forms, ZINTERCARD ----

/** An input of a set operation: a sorted set, or a plain Set whose members all score 1. */
interface OpSource {
  readonly size: number;
  scoreOf(member: string): number | undefined;
  /** Visits every member with its score until visit returns false. */
  each(visit: (member: string, score: number) => boolean): void;
  weight: number;
}

function zsetSource(z: SortedSetValue | undefined): OpSource {
  return {
    size: z === undefined ? 0 : zsetLength(z),
    scoreOf: (m) => z?.dict.get(m),
    // Redis walks sorted-set inputs from the tail; the order never shows in a result.
    each: (visit) => {
      for (let node = z?.zsl.tail ?? null; node !== null; node = node.backward) {
        if (!visit(node.member, node.score)) return;
      }
    },
    weight: 1,
  };
}

/** A Set key as a set-operation input: every member scores 1, as zuiNext makes it. */
function setSource(value: RedisValue): OpSource | undefined {
  if (value.type !== 'set') return undefined;
  const s = value;
  return {
    size: setLength(s),
    scoreOf: (m) => (setHas(s, m) ? 1 : undefined),
    each: (visit) => {
      // setForEach cannot stop early; a member list can (ZINTERCARD's LIMIT).
      for (const member of setMembers(s)) if (!visit(member, 1)) return;
    },
    weight: 1,
  };
}

type SetOp = 'union' | 'inter' | 'diff';
type Aggregate = 'sum' | 'min' | 'max';

function aggregate(target: number, value: number, how: Aggregate): number {
  if (how === 'sum') {
    const sum = target + value;
    // inf + -inf is NaN; Redis's convention makes it 0.
    return Number.isNaN(sum) ? 0 : sum;
  }
  // Written as Redis compares, so a NaN value never wins.
  if (how === 'min') return value < target ? value : target;
  return value > target ? value : target;
}

function zsetOpGeneric(
  ctx: CommandContext,
  dst: string | null,
  numkeysIdx: number,
  op: SetOp,
  cardinalityOnly: boolean,
): Reply {
  const { argv } = ctx;
  const setnum = parseLong(argv[numkeysIdx]!);
  if (setnum === null) return error(Err.notInteger);
  if (setnum < 1) return error(needsInputKey(ctx.spec.name));
  if (setnum > argv.length - (numkeysIdx + 1)) return error(Err.syntax);

  const sources: OpSource[] = [];
  let j = numkeysIdx + 1;
  for (let i = 0; i < setnum; i++, j++) {
    const value = ctx.db.lookup(argv[j]!, ctx.nowMs);
    if (value === undefined || value.type === 'zset') {
      sources.push(zsetSource(value));
      continue;
    }
    const asSet = setSource(value);
    if (asSet === undefined) return WRONG_TYPE;
    sources.push(asSet);
  }

  let how: Aggregate = 'sum';
  let withScores = false;
  let limit = 0;
  while (j < argv.length) {
    const remaining = argv.length - j;
    const arg = argv[j]!;
    if (op !== 'diff' && !cardinalityOnly && remaining >= setnum + 1 && isOption(arg, 'weights')) {
      j++;
      for (let i = 0; i < setnum; i++, j++) {
        const w = parseScore(argv[j]!);
        if (w === null) return error(Err.weightNotFloat);
        sources[i]!.weight = w;
      }
    } else if (op !== 'diff' && !cardinalityOnly && remaining >= 2 && isOption(arg, 'aggregate')) {
      const a = argv[j + 1]!;
      if (isOption(a, 'sum')) how = 'sum';
      else if (isOption(a, 'min')) how = 'min';
      else if (isOption(a, 'max')) how = 'max';
      else return error(Err.syntax);
      j += 2;
    } else if (dst === null && !cardinalityOnly && isOption(arg, 'withscores')) {
      withScores = true;
      j++;
    } else if (cardinalityOnly && remaining >= 2 && isOption(arg, 'limit')) {
      const n = parseLong(argv[j + 1]!);
      if (n === null || n < 0) return error(Err.limitNegative);
      limit = n;
      j += 2;
    } else {
      return error(Err.syntax);
    }
  }

  // Smallest first, as Redis sorts them (a stable sort keeps equal sizes in key order,
  // which fixes the order a SUM adds its terms in).
  if (op !== 'diff') sources.sort((a, b) => a.size - b.size);

  const result = new Map<string, number>();
  let cardinality = 0;
  const first = sources[0]!;
  if (op === 'inter') {
    if (first.size > 0) {
      const rest = sources.slice(1);
      first.each((member, s) => {
        let score = first.weight * s;
        if (Number.isNaN(score)) score = 0;
        for (const src of rest) {
          const other = src.scoreOf(member);
          if (other === undefined) return true;
          score = aggregate(score, other * src.weight, how);
        }
        if (!cardinalityOnly) result.set(member, score);
        // ZINTERCARD stops counting at its LIMIT.
        return !(cardinalityOnly && ++cardinality === limit);
      });
    }
  } else if (op === 'union') {
    for (const src of sources) {
      if (src.size === 0) continue;
      src.each((member, s) => {
        let score = src.weight * s;
        if (Number.isNaN(score)) score = 0;
        const prev = result.get(member);
        result.set(member, prev === undefined ? score : aggregate(prev, score, how));
        return true;
      });
    }
  } else if (first.size > 0) {
    const rest = sources.slice(1);
    first.each((member, s) => {
      if (rest.every((src) => src.scoreOf(member) === undefined)) result.set(member, s);
      return true;
    });
  }

  if (cardinalityOnly) return integer(cardinality);
  if (dst !== null) {
    if (result.size === 0) {
      if (ctx.db.delete(dst)) ctx.engine.dirty++;
      return ZERO;
    }
    ctx.db.set(dst, fromScores(ctx.engine, result));
    ctx.engine.dirty++;
    return integer(result.size);
  }
  const sorted = [...result].sort(([ma, sa], [mb, sb]) =>
    sa < sb ? -1 : sa > sb ? 1 : ma < mb ? -1 : ma > mb ? 1 : 0,
  );
  return scoredReply(
    ctx,
    sorted.map((e) => e[0]),
    sorted.map((e) => e[1]),
    withScores,
  );
}

// ---- ZRANDMEMBER ----

function zrandmember(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const rng = ctx.engine.rng;
  if (argv.length < 3) {
    const z = lookupZset(ctx, argv[1]!);
    if (z === undefined) return NULL;
    if (isReply(z)) return z;
    return bulk(randomMember(z, rng).member);
  }
  const exact = parseInt64(argv[2]!);
  if (exact === null) return error(Err.notInteger);
  if (exact === INT64_MIN) return error(Err.countOutOfRange);
  const parsed = Number(exact);
  let withScores = false;
  if (argv.length > 4 || (argv.length === 4 && !isOption(argv[3]!, 'withscores'))) {
    return error(Err.syntax);
  }
  if (argv.length === 4) {
    withScores = true;
    const big = BigInt(exact);
    if (big < -HALF_LONG_MAX || big > HALF_LONG_MAX) return error(Err.outOfRange);
  }
  const z = lookupZset(ctx, argv[1]!);
  if (z === undefined) return EMPTY_ARRAY;
  if (isReply(z)) return z;
  const size = zsetLength(z);
  const unique = parsed >= 0;
  const count = Math.abs(parsed);
  if (count === 0) return EMPTY_ARRAY;

  const out = new Collector();
  if (!unique || count === 1) {
    // Independent draws, repeats allowed, in draw order.
    for (let n = 0; n < count; n++) {
      const node = randomMember(z, rng);
      out.emit(node.member, node.score);
    }
  } else if (count >= size) {
    // The whole set, walked from the top as Redis's iterator does.
    forEachMember(z, true, out.emit);
  } else {
    // count distinct ranks, by a partial Fisher-Yates shuffle over a sparse index map.
    const swapped = new Map<number, number>();
    for (let n = 0; n < count; n++) {
      const pick = n + Math.floor(rng.next() * (size - n));
      const rank = swapped.get(pick) ?? pick;
      swapped.set(pick, swapped.get(n) ?? n);
      const node = z.zsl.getByRank(rank + 1)!;
      out.emit(node.member, node.score);
    }
  }
  return scoredReply(ctx, out.members, out.scores, withScores);
}

// ---- ZSCAN ----

function zscan(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const cursor = parseCursor(argv[2]!);
  if (cursor === null) return error(Err.invalidCursor);
  const z = lookupZset(ctx, argv[1]!);
  if (z === undefined) return array([bulk('0'), EMPTY_ARRAY]);
  if (isReply(z)) return z;
  let count = 10;
  let pattern: string | undefined;
  for (let i = 3; i < argv.length;) {
    const left = argv.length - i;
    if (isOption(argv[i]!, 'count') && left >= 2) {
      const n = parseLong(argv[i + 1]!);
      if (n === null) return error(Err.notInteger);
      if (n < 1) return error(Err.syntax);
      count = n;
      i += 2;
    } else if (isOption(argv[i]!, 'match') && left >= 2) {
      pattern = argv[i + 1]!;
      if (pattern === '*') pattern = undefined;
      i += 2;
    } else {
      return error(Err.syntax);
    }
  }
  const step = scanStep(z, cursor, count);
  const items: Reply[] = [];
  for (const member of step.members) {
    if (pattern !== undefined && !globMatch(pattern, member)) continue;
    const score = zsetScore(z, member);
    if (score === undefined) continue;
    // Scores travel as text here in both protocols (%.17g).
    items.push(bulk(member), bulk(formatDouble(score)));
  }
  return array([bulk(String(step.cursor)), array(items)]);
}

// ---- the command table ----

const sortedSet = { group: 'sorted_set', keys: ONE_KEY } as const;
const BY_RANGE_COMPLEXITY =
  'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).';
const REMOVE_RANGE_COMPLEXITY =
  'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.';
const STORE_KEYS = { first: 1, last: 1, step: 1 } as const;

export const zsetCommands: readonly CommandSpec[] = [
  {
    ...sortedSet,
    name: 'zadd',
    arity: -4,
    flags: ['write', 'denyoom', 'fast'],
    complexity:
      'O(log(N)) for each item added, where N is the number of elements in the sorted set.',
    summary: 'Add one or more members to a sorted set, or update its score if it already exists',
    since: '1.2.0',
    handler: (ctx) => zaddGeneric(ctx, 0),
  },
  {
    ...sortedSet,
    name: 'zincrby',
    arity: 4,
    flags: ['write', 'denyoom', 'fast'],
    complexity: 'O(log(N)) where N is the number of elements in the sorted set.',
    summary: 'Increment the score of a member in a sorted set',
    since: '1.2.0',
    handler: (ctx) => zaddGeneric(ctx, ZADD_INCR),
  },
  {
    ...sortedSet,
    name: 'zrem',
    arity: -3,
    flags: ['write', 'fast'],
    complexity:
      'O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.',
    summary: 'Remove one or more members from a sorted set',
    since: '1.2.0',
    handler: zrem,
  },
  {
    ...sortedSet,
    name: 'zcard',
    arity: 2,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the number of members in a sorted set',
    since: '1.2.0',
    handler: zcard,
  },
  {
    ...sortedSet,
    name: 'zscore',
    arity: 3,
    flags: ['readonly', 'fast'],
    complexity: 'O(1)',
    summary: 'Get the score associated with the given member in a sorted set',
    since: '1.2.0',
    handler: zscore,
  },
  {
    ...sortedSet,
    name: 'zmscore',
    arity: -3,
    flags: ['readonly', 'fast'],
    complexity: 'O(N) where N is the number of members being requested.',
    summary: 'Get the score associated with the given members in a sorted set',
    since: '6.2.0',
    handler: zmscore,
  },
  {
    ...sortedSet,
    name: 'zrank',
    arity: 3,
    flags: ['readonly', 'fast'],
    complexity: 'O(log(N))',
    summary: 'Determine the index of a member in a sorted set',
    since: '2.0.0',
    handler: (ctx) => zrank(ctx, false),
  },
  {
    ...sortedSet,
    name: 'zrevrank',
    arity: 3,
    flags: ['readonly', 'fast'],
    complexity: 'O(log(N))',
    summary:
      'Determine the index of a member in a sorted set, with scores ordered from high to low',
    since: '2.0.0',
    handler: (ctx) => zrank(ctx, true),
  },
  {
    ...sortedSet,
    name: 'zcount',
    arity: 4,
    flags: ['readonly', 'fast'],
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    summary: 'Count the members in a sorted set with scores within the given values',
    since: '2.0.0',
    handler: zcount,
  },
  {
    ...sortedSet,
    name: 'zlexcount',
    arity: 4,
    flags: ['readonly', 'fast'],
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    summary: 'Count the number of members in a sorted set between a given lexicographical range',
    since: '2.8.9',
    handler: zlexcount,
  },
  {
    ...sortedSet,
    name: 'zrange',
    arity: -4,
    flags: ['readonly'],
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.',
    summary: 'Return a range of members in a sorted set',
    since: '1.2.0',
    handler: (ctx) => zrangeGeneric(ctx, 1, false, 'auto', 'auto'),
  },
  {
    ...sortedSet,
    name: 'zrangestore',
    arity: -5,
    flags: ['write', 'denyoom'],
    keys: { first: 1, last: 2, step: 1 },
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.',
    summary: 'Store a range of members from sorted set into another key',
    since: '6.2.0',
    handler: (ctx) => zrangeGeneric(ctx, 2, true, 'auto', 'auto'),
  },
  {
    ...sortedSet,
    name: 'zrevrange',
    arity: -4,
    flags: ['readonly'],
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.',
    summary:
      'Return a range of members in a sorted set, by index, with scores ordered from high to low',
    since: '1.2.0',
    handler: (ctx) => zrangeGeneric(ctx, 1, false, 'rank', 'reverse'),
  },
  {
    ...sortedSet,
    name: 'zrangebyscore',
    arity: -4,
    flags: ['readonly'],
    complexity: BY_RANGE_COMPLEXITY,
    summary: 'Return a range of members in a sorted set, by score',
    since: '1.0.5',
    handler: (ctx) => zrangeGeneric(ctx, 1, false, 'score', 'forward'),
  },
  {
    ...sortedSet,
    name: 'zrevrangebyscore',
    arity: -4,
    flags: ['readonly'],
    complexity: BY_RANGE_COMPLEXITY,
    summary:
      'Return a range of members in a sorted set, by score, with scores ordered from high to low',
    since: '2.2.0',
    handler: (ctx) => zrangeGeneric(ctx, 1, false, 'score', 'reverse'),
  },
  {
    ...sortedSet,
    name: 'zrangebylex',
    arity: -4,
    flags: ['readonly'],
    complexity: BY_RANGE_COMPLEXITY,
    summary: 'Return a range of members in a sorted set, by lexicographical range',
    since: '2.8.9',
    handler: (ctx) => zrangeGeneric(ctx, 1, false, 'lex', 'forward'),
  },
  {
    ...sortedSet,
    name: 'zrevrangebylex',
    arity: -4,
    flags: ['readonly'],
    complexity: BY_RANGE_COMPLEXITY,
    summary:
      'Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.',
    since: '2.8.9',
    handler: (ctx) => zrangeGeneric(ctx, 1, false, 'lex', 'reverse'),
  },
  {
    ...sortedSet,
    name: 'zremrangebyrank',
    arity: 4,
    flags: ['write'],
    complexity: REMOVE_RANGE_COMPLEXITY,
    summary: 'Remove all members in a sorted set within the given indexes',
    since: '2.0.0',
    handler: (ctx) => zremrangeGeneric(ctx, 'rank'),
  },
  {
    ...sortedSet,
    name: 'zremrangebyscore',
    arity: 4,
    flags: ['write'],
    complexity: REMOVE_RANGE_COMPLEXITY,
    summary: 'Remove all members in a sorted set within the given scores',
    since: '1.2.0',
    handler: (ctx) => zremrangeGeneric(ctx, 'score'),
  },
  {
    ...sortedSet,
    name: 'zremrangebylex',
    arity: 4,
    flags: ['write'],
    complexity: REMOVE_RANGE_COMPLEXITY,
    summary: 'Remove all members in a sorted set between the given lexicographical range',
    since: '2.8.9',
    handler: (ctx) => zremrangeGeneric(ctx, 'lex'),
  },
  {
    ...sortedSet,
    name: 'zpopmin',
    arity: -2,
    flags: ['write', 'fast'],
    complexity:
      'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.',
    summary: 'Remove and return members with the lowest scores in a sorted set',
    since: '5.0.0',
    handler: (ctx) => zpopMinMax(ctx, false),
  },
  {
    ...sortedSet,
    name: 'zpopmax',
    arity: -2,
    flags: ['write', 'fast'],
    complexity:
      'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.',
    summary: 'Remove and return members with the highest scores in a sorted set',
    since: '5.0.0',
    handler: (ctx) => zpopMinMax(ctx, true),
  },
  {
    ...sortedSet,
    name: 'zmpop',
    arity: -4,
    flags: ['write', 'movablekeys'],
    keys: NO_KEYS,
    complexity:
      'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
    summary: 'Remove and return members with scores in a sorted set',
    since: '7.0.0',
    handler: zmpop,
  },
  {
    ...sortedSet,
    name: 'bzpopmin',
    arity: -3,
    flags: ['write', 'noscript', 'blocking', 'fast'],
    keys: { first: 1, last: -2, step: 1 },
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    summary:
      'Remove and return the member with the lowest score from one or more sorted sets, or block until one is available',
    since: '5.0.0',
    handler: (ctx) => bzpopMinMax(ctx, false),
  },
  {
    ...sortedSet,
    name: 'bzpopmax',
    arity: -3,
    flags: ['write', 'noscript', 'blocking', 'fast'],
    keys: { first: 1, last: -2, step: 1 },
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    summary:
      'Remove and return the member with the highest score from one or more sorted sets, or block until one is available',
    since: '5.0.0',
    handler: (ctx) => bzpopMinMax(ctx, true),
  },
  {
    ...sortedSet,
    name: 'bzmpop',
    arity: -5,
    flags: ['write', 'blocking', 'movablekeys'],
    keys: NO_KEYS,
    complexity:
      'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
    summary:
      'Remove and return members with scores in a sorted set or block until one is available',
    since: '7.0.0',
    handler: bzmpop,
  },
  {
    ...sortedSet,
    name: 'zunion',
    arity: -3,
    flags: ['readonly', 'movablekeys'],
    keys: NO_KEYS,
    complexity:
      'O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
    summary: 'Add multiple sorted sets',
    since: '6.2.0',
    handler: (ctx) => zsetOpGeneric(ctx, null, 1, 'union', false),
  },
  {
    ...sortedSet,
    name: 'zinter',
    arity: -3,
    flags: ['readonly', 'movablekeys'],
    keys: NO_KEYS,
    complexity:
      'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.',
    summary: 'Intersect multiple sorted sets',
    since: '6.2.0',
    handler: (ctx) => zsetOpGeneric(ctx, null, 1, 'inter', false),
  },
  {
    ...sortedSet,
    name: 'zdiff',
    arity: -3,
    flags: ['readonly', 'movablekeys'],
    keys: NO_KEYS,
    complexity:
      'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.',
    summary: 'Subtract multiple sorted sets',
    since: '6.2.0',
    handler: (ctx) => zsetOpGeneric(ctx, null, 1, 'diff', false),
  },
  {
    ...sortedSet,
    name: 'zunionstore',
    arity: -4,
    flags: ['write', 'denyoom', 'movablekeys'],
    keys: STORE_KEYS,
    complexity:
      'O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
    summary: 'Add multiple sorted sets and store the resulting sorted set in a new key',
    since: '2.0.0',
    handler: (ctx) => zsetOpGeneric(ctx, ctx.argv[1]!, 2, 'union', false),
  },
  {
    ...sortedSet,
    name: 'zinterstore',
    arity: -4,
    flags: ['write', 'denyoom', 'movablekeys'],
    keys: STORE_KEYS,
    complexity:
      'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.',
    summary: 'Intersect multiple sorted sets and store the resulting sorted set in a new key',
    since: '2.0.0',
    handler: (ctx) => zsetOpGeneric(ctx, ctx.argv[1]!, 2, 'inter', false),
  },
  {
    ...sortedSet,
    name: 'zdiffstore',
    arity: -4,
    flags: ['write', 'denyoom', 'movablekeys'],
    keys: STORE_KEYS,
    complexity:
      'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.',
    summary: 'Subtract multiple sorted sets and store the resulting sorted set in a new key',
    since: '6.2.0',
    handler: (ctx) => zsetOpGeneric(ctx, ctx.argv[1]!, 2, 'diff', false),
  },
  {
    ...sortedSet,
    name: 'zintercard',
    arity: -3,
    flags: ['readonly', 'movablekeys'],
    keys: NO_KEYS,
    complexity:
      'O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.',
    summary: 'Intersect multiple sorted sets and return the cardinality of the result',
    since: '7.0.0',
    handler: (ctx) => zsetOpGeneric(ctx, null, 1, 'inter', true),
  },
  {
    ...sortedSet,
    name: 'zrandmember',
    arity: -2,
    flags: ['readonly'],
    complexity: 'O(N) where N is the number of elements returned',
    summary: 'Get one or multiple random elements from a sorted set',
    since: '6.2.0',
    handler: zrandmember,
  },
  {
    ...sortedSet,
    name: 'zscan',
    arity: -3,
    flags: ['readonly'],
    complexity:
      'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
    summary: 'Incrementally iterate sorted sets elements and associated scores',
    since: '2.8.0',
    handler: zscan,
  },
];
