import type { Rng } from '../clock.ts';
import type { EngineConfig } from '../config.ts';
import { ScanOrder } from '../keyspace/scan-order.ts';
import { mallocSize, sdsAllocSize } from '../memory/alloc.ts';
import { formatDouble } from '../numbers.ts';
import {
  Skiplist,
  lexLteMax,
  lexGteMin,
  lexRangeIsEmpty,
  scoreGteMin,
  scoreLteMax,
  type LexRange,
  type ScoreRange,
  type SkiplistNode,
} from './skiplist.ts';

/**
 * The Sorted Set type (Redis's t_zset.c), behind a type API the commands call.
 *
 * A value is always a skiplist (order, ranks) plus a Map member -> score (Redis's dict:
 * O(1) ZSCORE and membership). What Redis would store as a compact listpack is recorded in
 * `encoding` only, with the exact 7.0.15 rules, because learners see it (OBJECT ENCODING,
 * MEMORY USAGE) and it changes replies in two places we keep:
 * - a listpack ZSCAN returns everything at once with cursor 0, in sorted order;
 * - a listpack stores integral scores as integers, so a -0 score reads back as 0.
 * The switch follows zsetAdd: a new member makes a listpack a skiplist when the set would
 * exceed zset-max-listpack-entries or the member zset-max-listpack-value bytes. Removing
 * members never converts back; only results built from scratch (ZUNIONSTORE, ZINTERSTORE,
 * ZDIFFSTORE, ZRANGESTORE) and restored snapshots get the small encoding again.
 */

export type ZsetEncoding = 'listpack' | 'skiplist';

export interface SortedSetValue {
  readonly type: 'zset';
  encoding: ZsetEncoding;
  /** member -> score; a skiplist-encoded set iterates it in insertion order (ZSCAN). */
  readonly dict: Map<string, number>;
  readonly zsl: Skiplist;
  /** ZSCAN cursors over a skiplist-encoded set, created by the first ZSCAN that needs them. */
  scanOrder: ScanOrder | undefined;
}

/** What the type needs from the engine: randomness for levels, the encoding thresholds. */
export interface ZsetEnv {
  readonly rng: Rng;
  readonly config: Readonly<
    Pick<EngineConfig, 'zset-max-listpack-entries' | 'zset-max-listpack-value'>
  >;
}

/** ZADD's input flags (zsetAdd's ZADD_IN_*). */
export const ZADD_INCR = 1;
export const ZADD_NX = 2;
export const ZADD_XX = 4;
export const ZADD_GT = 8;
export const ZADD_LT = 16;

/** What zsetAdd did (ZADD_OUT_*): none of the three means "same score, nothing to do". */
export const ZADD_ADDED = 1;
export const ZADD_UPDATED = 2;
export const ZADD_NOP = 4;
/** The resulting score would be NaN (inf + -inf): nothing changed. */
export const ZADD_NAN = 8;

export function createSortedSet(encoding: ZsetEncoding = 'listpack'): SortedSetValue {
  return { type: 'zset', encoding, dict: new Map(), zsl: new Skiplist(), scanOrder: undefined };
}

/** The set ZADD creates for a missing key, sized by its first member as Redis does. */
export function createForFirstMember(env: ZsetEnv, firstMember: string): SortedSetValue {
  const { config } = env;
  const big =
    config['zset-max-listpack-entries'] === 0 ||
    firstMember.length > config['zset-max-listpack-value'];
  return createSortedSet(big ? 'skiplist' : 'listpack');
}

export function zsetLength(z: SortedSetValue): number {
  return z.dict.size;
}

export function zsetScore(z: SortedSetValue, member: string): number | undefined {
  return z.dict.get(member);
}

/** A listpack keeps integral scores as integers: -0 comes back as 0. */
function stored(z: SortedSetValue, score: number): number {
  return z.encoding === 'listpack' && score === 0 ? 0 : score;
}

/**
 * Adds a member or updates its score with ZADD's NX/XX/GT/LT/INCR rules (zsetAdd). Returns
 * ZADD_* out flags; out.score receives the new score when the operation went through.
 */
export function zsetAdd(
  env: ZsetEnv,
  z: SortedSetValue,
  score: number,
  member: string,
  flags: number,
  out: { score: number },
): number {
  if (Number.isNaN(score)) return ZADD_NAN;
  const current = z.dict.get(member);
  if (current !== undefined) {
    if (flags & ZADD_NX) return ZADD_NOP;
    if (flags & ZADD_INCR) {
      score += current;
      if (Number.isNaN(score)) return ZADD_NAN;
    }
    if ((flags & ZADD_LT && score >= current) || (flags & ZADD_GT && score <= current)) {
      return ZADD_NOP;
    }
    // The reply shows the score as computed, even a -0 the listpack will store as 0.
    out.score = score;
    if (score === current) return 0;
    score = stored(z, score);
    z.zsl.updateScore(current, member, score, env.rng);
    z.dict.set(member, score);
    return ZADD_UPDATED;
  }
  if (flags & ZADD_XX) return ZADD_NOP;
  if (
    z.encoding === 'listpack' &&
    (z.dict.size + 1 > env.config['zset-max-listpack-entries'] ||
      member.length > env.config['zset-max-listpack-value'])
  ) {
    z.encoding = 'skiplist';
  }
  out.score = score;
  insertNew(env.rng, z, stored(z, score), member);
  return ZADD_ADDED;
}

function insertNew(rng: Rng | number, z: SortedSetValue, score: number, member: string): void {
  z.zsl.insert(score, member, rng);
  z.dict.set(member, score);
  z.scanOrder?.added(member);
}

function forget(z: SortedSetValue, member: string): void {
  z.dict.delete(member);
  z.scanOrder?.removed(member);
}

/** Removes a member; false when it was not there. The caller deletes an emptied key. */
export function zsetRemove(z: SortedSetValue, member: string): boolean {
  const score = z.dict.get(member);
  if (score === undefined) return false;
  z.zsl.delete(score, member);
  forget(z, member);
  return true;
}

/** 0-based rank from the low end (or the high end when reverse), -1 for a missing member. */
export function zsetRank(z: SortedSetValue, member: string, reverse: boolean): number {
  const score = z.dict.get(member);
  if (score === undefined) return -1;
  const rank = z.zsl.getRank(score, member);
  return reverse ? z.dict.size - rank : rank - 1;
}

export type Emit = (member: string, score: number) => void;

/** Emits the members at 0-based ranks start..end (already clamped, start <= end < length). */
export function rangeByRank(
  z: SortedSetValue,
  start: number,
  end: number,
  reverse: boolean,
  emit: Emit,
): void {
  const len = z.dict.size;
  let node: SkiplistNode | null = reverse
    ? start > 0
      ? z.zsl.getByRank(len - start)
      : z.zsl.tail
    : start > 0
      ? z.zsl.getByRank(start + 1)
      : z.zsl.first;
  for (let n = end - start + 1; n > 0 && node !== null; n--) {
    emit(node.member, node.score);
    node = reverse ? node.backward : node.forward[0]!;
  }
}

/**
 * Emits the members with scores in range, skipping `offset` and stopping after `limit`
 * (negative: no limit), walking down when reverse. Returns how many were emitted.
 * A negative offset walks past the end and emits nothing, as Redis's loop does.
 */
export function rangeByScore(
  z: SortedSetValue,
  range: ScoreRange,
  offset: number,
  limit: number,
  reverse: boolean,
  emit: Emit,
): number {
  if (offset > 0 && offset >= z.dict.size) return 0;
  let node = reverse ? z.zsl.lastInRange(range) : z.zsl.firstInRange(range);
  node = skip(node, offset, reverse);
  let emitted = 0;
  while (node !== null && limit !== 0) {
    if (reverse ? !scoreGteMin(node.score, range) : !scoreLteMax(node.score, range)) break;
    emit(node.member, node.score);
    emitted++;
    limit--;
    node = reverse ? node.backward : node.forward[0]!;
  }
  return emitted;
}

/*
 * Lex ranges assume every member has the same score. When they do not, which members a
 * range finds depends on the search, and Redis searches a listpack linearly (zzl*InLexRange)
 * but a skiplist top-down: we do the same per encoding, so small sets answer exactly as
 * Redis does even then. (A mixed-score skiplist answers like Redis's algorithm, but on a
 * skiplist whose random shape differs from the real server's.)
 */

function lexRangeOverlaps(z: SortedSetValue, range: LexRange): boolean {
  const first = z.zsl.first;
  const last = z.zsl.tail;
  return (
    !lexRangeIsEmpty(range) &&
    first !== null &&
    last !== null &&
    lexGteMin(last.member, range) &&
    lexLteMax(first.member, range)
  );
}

function firstInLexRange(z: SortedSetValue, range: LexRange): SkiplistNode | null {
  if (z.encoding === 'skiplist') return z.zsl.firstInLexRange(range);
  if (!lexRangeOverlaps(z, range)) return null;
  for (let node = z.zsl.first; node !== null; node = node.forward[0]!) {
    if (lexGteMin(node.member, range)) return lexLteMax(node.member, range) ? node : null;
  }
  return null;
}

function lastInLexRange(z: SortedSetValue, range: LexRange): SkiplistNode | null {
  if (z.encoding === 'skiplist') return z.zsl.lastInLexRange(range);
  if (!lexRangeOverlaps(z, range)) return null;
  for (let node = z.zsl.tail; node !== null; node = node.backward) {
    if (lexLteMax(node.member, range)) return lexGteMin(node.member, range) ? node : null;
  }
  return null;
}

/** ZRANGEBYLEX's walk; same offset and limit rules as rangeByScore. */
export function rangeByLex(
  z: SortedSetValue,
  range: LexRange,
  offset: number,
  limit: number,
  reverse: boolean,
  emit: Emit,
): number {
  let node = reverse ? lastInLexRange(z, range) : firstInLexRange(z, range);
  node = skip(node, offset, reverse);
  let emitted = 0;
  while (node !== null && limit !== 0) {
    if (reverse ? !lexGteMin(node.member, range) : !lexLteMax(node.member, range)) break;
    emit(node.member, node.score);
    emitted++;
    limit--;
    node = reverse ? node.backward : node.forward[0]!;
  }
  return emitted;
}

function skip(node: SkiplistNode | null, offset: number, reverse: boolean): SkiplistNode | null {
  if (offset < 0) return null;
  while (node !== null && offset-- > 0) node = reverse ? node.backward : node.forward[0]!;
  return node;
}

export function countInScoreRange(z: SortedSetValue, range: ScoreRange): number {
  const first = z.zsl.firstInRange(range);
  if (first === null) return 0;
  const last = z.zsl.lastInRange(range)!;
  return z.zsl.getRank(last.score, last.member) - z.zsl.getRank(first.score, first.member) + 1;
}

/**
 * ZLEXCOUNT. A listpack counts forward from the first member in range; a skiplist subtracts
 * ranks, which with mixed scores can even go negative (Redis prints it as it comes).
 */
export function countInLexRange(z: SortedSetValue, range: LexRange): number {
  const first = firstInLexRange(z, range);
  if (first === null) return 0;
  if (z.encoding === 'listpack') {
    let count = 0;
    for (let n: SkiplistNode | null = first; n !== null && lexLteMax(n.member, range); count++) {
      n = n.forward[0]!;
    }
    return count;
  }
  const firstRank = z.zsl.getRank(first.score, first.member);
  const last = lastInLexRange(z, range);
  if (last === null) return z.dict.size - firstRank + 1;
  return z.zsl.getRank(last.score, last.member) - firstRank + 1;
}

/** Removes 0-based ranks start..end (clamped by the caller); returns how many went. */
export function removeRangeByRank(z: SortedSetValue, start: number, end: number): number {
  return z.zsl.deleteRangeByRank(start + 1, end + 1, (m) => forget(z, m));
}

export function removeRangeByScore(z: SortedSetValue, range: ScoreRange): number {
  return z.zsl.deleteRangeByScore(range, (m) => forget(z, m));
}

export function removeRangeByLex(z: SortedSetValue, range: LexRange): number {
  if (z.encoding === 'skiplist') return z.zsl.deleteRangeByLex(range, (m) => forget(z, m));
  const doomed: SkiplistNode[] = [];
  for (let n = firstInLexRange(z, range); n !== null && lexLteMax(n.member, range);) {
    doomed.push(n);
    n = n.forward[0]!;
  }
  for (const n of doomed) zsetRemove(z, n.member);
  return doomed.length;
}

/**
 * Removes and returns the lowest (or highest) member, or undefined when empty. ZPOPMIN,
 * ZPOPMAX, ZMPOP and the blocking pops all go through here.
 */
export function popEnd(z: SortedSetValue, max: boolean): [string, number] | undefined {
  const node = max ? z.zsl.tail : z.zsl.first;
  if (node === null) return undefined;
  const { member, score } = node;
  z.zsl.delete(score, member);
  forget(z, member);
  return [member, score];
}

/** Every member, ascending (or descending), with its score. */
export function forEachMember(z: SortedSetValue, reverse: boolean, emit: Emit): void {
  let node = reverse ? z.zsl.tail : z.zsl.first;
  while (node !== null) {
    emit(node.member, node.score);
    node = reverse ? node.backward : node.forward[0]!;
  }
}

/** A uniformly drawn member (by rank, O(log N)); the set must not be empty. */
export function randomMember(z: SortedSetValue, rng: Rng): SkiplistNode {
  const rank = Math.floor(rng.next() * z.dict.size) + 1;
  return z.zsl.getByRank(Math.min(rank, z.dict.size))!;
}

/**
 * A set built from scratch from member -> score (ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE): built
 * as a skiplist, then made a listpack when it is small enough (zsetConvertToListpackIfNeeded).
 * Takes ownership of the map.
 */
export function fromScores(env: ZsetEnv, scores: Map<string, number>): SortedSetValue {
  const z: SortedSetValue = {
    type: 'zset',
    encoding: 'skiplist',
    dict: scores,
    zsl: new Skiplist(),
    scanOrder: undefined,
  };
  let longest = 0;
  for (const [member, score] of scores) {
    z.zsl.insert(score, member, env.rng);
    if (member.length > longest) longest = member.length;
  }
  if (fitsListpack(env, scores.size, longest)) toListpack(z);
  return z;
}

function fitsListpack(env: ZsetEnv, count: number, longest: number): boolean {
  return (
    count <= env.config['zset-max-listpack-entries'] &&
    longest <= env.config['zset-max-listpack-value']
  );
}

function toListpack(z: SortedSetValue): void {
  z.encoding = 'listpack';
  z.scanOrder = undefined;
  for (const node of z.zsl.nodes()) {
    if (Object.is(node.score, -0)) {
      z.zsl.rescoreInPlace(node, 0);
      z.dict.set(node.member, 0);
    }
  }
}

/**
 * One ZSCAN step. A listpack is returned whole with cursor 0 (Redis does not keep state for
 * small encodings); a skiplist is walked with ScanOrder cursors over the dict.
 */
export function scanStep(
  z: SortedSetValue,
  cursor: number,
  count: number,
): { cursor: number; members: string[] } {
  if (z.encoding === 'listpack') {
    const members: string[] = [];
    z.zsl.forEach((member) => void members.push(member));
    return { cursor: 0, members };
  }
  if (z.scanOrder === undefined) {
    z.scanOrder = new ScanOrder();
    for (const member of z.dict.keys()) z.scanOrder.added(member);
  }
  const step = z.scanOrder.scan(cursor, count);
  return { cursor: step.cursor, members: step.keys };
}

/**
 * The snapshot form: the encoding and, in order, [member, score as %.17g text, node height]
 * (text because JSON has no inf or -0; heights so a restored set draws the same skiplist).
 */
export type SavedSortedSet = {
  readonly type: 'zset';
  readonly encoding: ZsetEncoding;
  readonly entries: readonly (readonly [string, string, number])[];
};

export function saveSortedSet(z: SortedSetValue): SavedSortedSet {
  const entries: [string, string, number][] = [];
  z.zsl.forEach((member, score, level) => void entries.push([member, formatDouble(score), level]));
  return { type: 'zset', encoding: z.encoding, entries };
}

function parseSavedScore(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  if (!/^-?[0-9]+(\.[0-9]+)?(e[+-][0-9]+)?$/.test(text)) return null;
  return Number(text);
}

/** The value a snapshot saved, or null when anything in it is malformed. */
export function loadSortedSet(saved: { readonly [field: string]: unknown }): SortedSetValue | null {
  const { encoding, entries } = saved;
  if ((encoding !== 'listpack' && encoding !== 'skiplist') || !Array.isArray(entries)) return null;
  if (entries.length === 0) return null;
  const z = createSortedSet(encoding);
  let prev: { member: string; score: number } | undefined;
  for (const entry of entries as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3) return null;
    const [member, text, level] = entry as unknown[];
    const score = parseSavedScore(text);
    if (typeof member !== 'string' || score === null) return null;
    if (!Number.isInteger(level) || (level as number) < 1 || (level as number) > 32) return null;
    // Entries must come in skiplist order with no duplicate member.
    if (
      prev !== undefined &&
      (score < prev.score || (score === prev.score && member <= prev.member))
    ) {
      return null;
    }
    if (z.dict.has(member)) return null;
    insertNew(level as number, z, score, member);
    prev = { member, score };
  }
  if (encoding === 'listpack') toListpack(z);
  return z;
}

// ---- the functions every type exports for OBJECT ENCODING, COPY, DEL cost, MEMORY USAGE ----

export function encodingOf(v: SortedSetValue): string {
  return v.encoding;
}

/** A deep copy with the same skiplist shape and encoding (COPY, zsetDup). */
export function cloneValue(v: SortedSetValue): SortedSetValue {
  const copy = createSortedSet(v.encoding);
  v.zsl.forEach((member, score, level) => insertNew(level, copy, score, member));
  return copy;
}

export function elementCount(v: SortedSetValue): number {
  return v.dict.size;
}

/**
 * MEMORY USAGE's estimate of the value (objectComputeSize with the default 5 samples),
 * without the key itself: jemalloc size classes over the listpack bytes, or over the
 * skiplist nodes, dict entries and member strings.
 */
export function memoryUsageOf(v: SortedSetValue): number {
  const robj = 16;
  if (v.encoding === 'listpack') {
    let bytes = 7; // listpack header and end byte
    v.zsl.forEach((member, score) => {
      bytes += listpackEntrySize(member) + listpackScoreSize(score);
    });
    return robj + mallocSize(bytes);
  }
  const n = v.dict.size;
  const slots = n === 0 ? 0 : Math.max(4, 2 ** Math.ceil(Math.log2(n)));
  // robj + zset + zskiplist + dict, the bucket array, and the full-height header node.
  let size = robj + 16 + 32 + 56 + 8 * slots + mallocSize(24 + 32 * 16);
  let sampled = 0;
  let sampleBytes = 0;
  v.zsl.forEach((member, _score, level) => {
    if (sampled === 5) return false;
    sampleBytes += sdsAllocSize(member.length) + 24 + mallocSize(24 + 16 * level);
    sampled++;
    return true;
  });
  if (sampled > 0) size += Math.floor((sampleBytes / sampled) * n);
  return size;
}

const INT_STRING = /^(0|-?[1-9][0-9]{0,18})$/;

function listpackIntSize(v: number): number {
  if (v >= 0 && v <= 127) return 1;
  if (v >= -4096 && v <= 4095) return 2;
  if (v >= -32768 && v <= 32767) return 3;
  if (v >= -8388608 && v <= 8388607) return 4;
  if (v >= -2147483648 && v <= 2147483647) return 5;
  return 9;
}

function withBacklen(entry: number): number {
  return entry + (entry <= 127 ? 1 : entry < 16383 ? 2 : entry < 2097151 ? 3 : 4);
}

function listpackEntrySize(s: string): number {
  if (s.length <= 20 && INT_STRING.test(s)) {
    const big = BigInt(s);
    if (big >= -9223372036854775808n && big <= 9223372036854775807n) {
      return withBacklen(listpackIntSize(Number(big)));
    }
  }
  const header = s.length < 64 ? 1 : s.length < 4096 ? 2 : 5;
  return withBacklen(header + s.length);
}

function listpackScoreSize(score: number): number {
  if (Number.isInteger(score) && Math.abs(score) < 2 ** 63) {
    return withBacklen(listpackIntSize(score));
  }
  // Other scores are stored as their %.17g text.
  return withBacklen(1 + formatDouble(score).length);
}
