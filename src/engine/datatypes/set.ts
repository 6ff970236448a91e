import type { Rng } from '../clock.ts';
import type { EngineConfig } from '../config.ts';
import { int64ToString, parseInt64, type Int64 } from '../numbers.ts';
import {
  DICT_ENTRY_SIZE,
  DICT_SIZE,
  ROBJ_SIZE,
  dictSlots,
  mallocSize,
  sdsAllocSize,
} from '../memory/alloc.ts';
import { MEMORY_SAMPLES } from './alloc.ts';
import { DenseDict } from './dense-dict.ts';

/**
 * The Set type (Redis's t_set.c type API). Two encodings, as in 7.0 (which has no listpack
 * sets):
 *
 * - intset while every member is an int64 in Redis's strict string2ll form and there are at
 *   most set-max-intset-entries of them. An intset is a sorted array, so SMEMBERS, SSCAN and
 *   SUNION of such sets reply in ascending numeric order, as Redis does.
 * - hashtable otherwise, for good. Redis's order is pseudo-random; ours is a DenseDict's.
 *
 * A member that parses as an integer is the canonical decimal text of that integer (string2ll
 * refuses "01", "+1", "-0"), so an intset can keep numbers and print them back unchanged.
 */
export interface SetValue {
  readonly type: 'set';
  /** The intset encoding, ascending; null once converted. */
  ints: Int64[] | null;
  /** The hashtable encoding; null while an intset. */
  table: DenseDict | null;
}

export type SetLimits = Pick<EngineConfig, 'set-max-intset-entries'>;

/** Redis caps the intset limit at 2^30 whatever the config says. */
function intsetLimit(limits: SetLimits): number {
  return Math.min(limits['set-max-intset-entries'], 1 << 30);
}

/** setTypeCreate: the encoding a new set starts with depends on its first member. */
export function createSet(firstMember: string): SetValue {
  return parseInt64(firstMember) !== null ? createIntset() : createTableSet();
}

export function createIntset(): SetValue {
  return { type: 'set', ints: [], table: null };
}

function createTableSet(): SetValue {
  return { type: 'set', ints: null, table: new DenseDict(false) };
}

export function encodingOf(s: SetValue): string {
  return s.ints !== null ? 'intset' : 'hashtable';
}

export function elementCount(s: SetValue): number {
  return s.ints !== null ? s.ints.length : s.table!.size;
}

export function cloneValue(s: SetValue): SetValue {
  return {
    type: 'set',
    ints: s.ints !== null ? s.ints.slice() : null,
    table: s.table !== null ? s.table.clone() : null,
  };
}

/** Index of n in the sorted array, or -(insertion point) - 1. */
function search(ints: readonly Int64[], n: Int64): number {
  let lo = 0;
  let hi = ints.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ints[mid]!;
    if (v < n) lo = mid + 1;
    else if (v > n) hi = mid - 1;
    else return mid;
  }
  return -lo - 1;
}

function convertToTable(s: SetValue): void {
  if (s.ints === null) return;
  const table = new DenseDict(false);
  for (const n of s.ints) table.add(int64ToString(n));
  s.ints = null;
  s.table = table;
}

/** setTypeAdd: true when the member is new. */
export function setAdd(s: SetValue, member: string, limits: SetLimits): boolean {
  const ints = s.ints;
  if (ints !== null) {
    const n = parseInt64(member);
    if (n !== null) {
      const at = search(ints, n);
      if (at >= 0) return false;
      ints.splice(-at - 1, 0, n);
      if (ints.length > intsetLimit(limits)) convertToTable(s);
      return true;
    }
    convertToTable(s);
  }
  return s.table!.add(member);
}

export function setRemove(s: SetValue, member: string): boolean {
  const ints = s.ints;
  if (ints === null) return s.table!.delete(member);
  const n = parseInt64(member);
  if (n === null) return false;
  const at = search(ints, n);
  if (at < 0) return false;
  ints.splice(at, 1);
  return true;
}

export function setHas(s: SetValue, member: string): boolean {
  const ints = s.ints;
  if (ints === null) return s.table!.has(member);
  const n = parseInt64(member);
  return n !== null && search(ints, n) >= 0;
}

/** Calls visit for every member in the encoding's order (ascending for an intset). */
export function setForEach(s: SetValue, visit: (member: string) => void): void {
  if (s.ints !== null) {
    for (const n of s.ints) visit(int64ToString(n));
    return;
  }
  for (const m of s.table!.keys) visit(m);
}

/** Every member, in the encoding's order. */
export function setMembers(s: SetValue): string[] {
  return s.ints !== null ? s.ints.map(int64ToString) : s.table!.keys.slice();
}

export function setRandomMember(s: SetValue, rng: Rng): string {
  if (s.ints !== null) return int64ToString(s.ints[Math.floor(rng.next() * s.ints.length)]!);
  const table = s.table!;
  return table.keys[table.randomSlot(rng)]!;
}

/** Removes and returns one random member (the set must not be empty). */
export function setPopRandom(s: SetValue, rng: Rng): string {
  if (s.ints !== null) {
    const i = Math.floor(rng.next() * s.ints.length);
    const n = s.ints[i]!;
    s.ints.splice(i, 1);
    return int64ToString(n);
  }
  const table = s.table!;
  const member = table.keys[table.randomSlot(rng)]!;
  table.delete(member);
  return member;
}

/**
 * Replaces the set's contents by `keep` built as a fresh set (SPOP's "keep the few that
 * remain" strategy): the encoding restarts from the first kept member, so a hashtable of
 * integers can become an intset again, exactly as spopWithCountCommand does.
 */
export function setRebuild(s: SetValue, keep: readonly string[], limits: SetLimits): void {
  const fresh = createSet(keep[0]!);
  for (const m of keep) setAdd(fresh, m, limits);
  s.ints = fresh.ints;
  s.table = fresh.table;
}

/** One SSCAN step: an intset returns everything with cursor 0; a hashtable about `count`. */
export function setScan(
  s: SetValue,
  cursor: number,
  count: number,
  visit: (member: string) => void,
): number {
  if (s.ints !== null) {
    setForEach(s, visit);
    return 0;
  }
  const keys = s.table!.keys;
  return s.table!.scan(cursor, count, (i) => visit(keys[i]!));
}

/**
 * Close to what MEMORY USAGE reports for the value (objectComputeSize; MEMORY USAGE adds the
 * key's sds and its dictEntry).
 */
export function memoryUsageOf(s: SetValue): number {
  if (s.ints !== null) {
    let width = 2;
    for (const n of s.ints) {
      if (n < -2147483648 || n > 2147483647) width = 8;
      else if (width < 4 && (n < -32768 || n > 32767)) width = 4;
    }
    return ROBJ_SIZE + mallocSize(8 + width * s.ints.length);
  }
  // Like Redis, average a few members (MEMORY USAGE's default SAMPLES 5) and extrapolate.
  const table = s.table!;
  const samples = Math.min(MEMORY_SAMPLES, table.size);
  let sampled = 0;
  for (let i = 0; i < samples; i++)
    sampled += DICT_ENTRY_SIZE + sdsAllocSize(table.keys[i]!.length);
  const members = samples === 0 ? 0 : Math.floor((sampled / samples) * table.size);
  return ROBJ_SIZE + DICT_SIZE + 8 * dictSlots(table.size) + members;
}

/** The snapshot form: the encoding and the members in the encoding's order. */
export type SavedSet = {
  readonly type: 'set';
  readonly encoding: 'intset' | 'hashtable';
  readonly members: readonly string[];
};

export function saveSet(s: SetValue): SavedSet {
  return {
    type: 'set',
    encoding: s.ints !== null ? 'intset' : 'hashtable',
    members: setMembers(s),
  };
}

/** The set a snapshot describes, or null when it is malformed (or empty). */
export function loadSet(saved: { readonly [field: string]: unknown }): SetValue | null {
  const { encoding, members } = saved;
  if (!Array.isArray(members) || members.length === 0) return null;
  if (encoding === 'intset') {
    const ints: Int64[] = [];
    for (const m of members as unknown[]) {
      const n = typeof m === 'string' ? parseInt64(m) : null;
      // Strictly ascending: sorted and without duplicates, as an intset always is.
      if (n === null || (ints.length > 0 && !(ints[ints.length - 1]! < n))) return null;
      ints.push(n);
    }
    return { type: 'set', ints, table: null };
  }
  if (encoding !== 'hashtable') return null;
  const table = new DenseDict(false);
  for (const m of members as unknown[]) {
    if (typeof m !== 'string' || !table.add(m)) return null;
  }
  return { type: 'set', ints: null, table };
}
