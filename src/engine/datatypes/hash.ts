import type { Rng } from '../clock.ts';
import type { EngineConfig } from '../config.ts';
import { parseInt64 } from '../numbers.ts';
import {
  DICT_ENTRY_SIZE,
  DICT_SIZE,
  ROBJ_SIZE,
  dictSlots,
  mallocSize,
  sdsAllocSize,
} from '../memory/alloc.ts';
import { LISTPACK_OVERHEAD, MEMORY_SAMPLES, listpackEntrySize } from './alloc.ts';
import { DenseDict } from './dense-dict.ts';

/**
 * The Hash type (Redis's t_hash.c type API). Two encodings, as in 7.0:
 *
 * - listpack while it has at most hash-max-listpack-entries fields and no field or value
 *   longer than hash-max-listpack-value bytes. A listpack is a flat array in insertion order:
 *   overwriting a field keeps its place, deleting and re-adding moves it to the end. A JS Map
 *   behaves exactly so, which keeps HGETALL/HKEYS/HSCAN order identical to Redis's.
 * - hashtable once a limit is crossed, for good (7.0 never converts back). Its order is
 *   Redis's hash order, pseudo-random; ours is a DenseDict's (O(1) random picks, safe SCAN).
 *
 * Commands never look inside: they go through the functions below.
 */
export interface HashValue {
  readonly type: 'hash';
  /** The listpack encoding's entries; null once converted. */
  small: Map<string, string> | null;
  /** The hashtable encoding; null while small. */
  table: DenseDict | null;
}

export type HashLimits = Pick<
  EngineConfig,
  'hash-max-listpack-entries' | 'hash-max-listpack-value'
>;

export function createHash(): HashValue {
  return { type: 'hash', small: new Map(), table: null };
}

export function encodingOf(h: HashValue): string {
  return h.small !== null ? 'listpack' : 'hashtable';
}

export function elementCount(h: HashValue): number {
  return h.small !== null ? h.small.size : h.table!.size;
}

export function cloneValue(h: HashValue): HashValue {
  return {
    type: 'hash',
    small: h.small !== null ? new Map(h.small) : null,
    table: h.table !== null ? h.table.clone() : null,
  };
}

/** Turns a listpack hash into a hashtable, keeping the listpack's order as the start order. */
export function convertToTable(h: HashValue): void {
  if (h.small === null) return;
  const table = new DenseDict(true);
  for (const [field, value] of h.small) table.set(field, value);
  h.small = null;
  h.table = table;
}

/**
 * hashTypeTryConversion: before a write, any argument longer than the value limit turns a
 * listpack into a hashtable (Redis checks every field and value argument, even ones that will
 * only overwrite).
 */
export function hashPrepareWrite(
  h: HashValue,
  args: readonly string[],
  from: number,
  to: number,
  limits: HashLimits,
): void {
  if (h.small === null) return;
  const max = limits['hash-max-listpack-value'];
  for (let i = from; i <= to; i++) {
    if (args[i]!.length > max) {
      convertToTable(h);
      return;
    }
  }
}

export function hashGet(h: HashValue, field: string): string | undefined {
  return h.small !== null ? h.small.get(field) : h.table!.get(field);
}

export function hashExists(h: HashValue, field: string): boolean {
  return h.small !== null ? h.small.has(field) : h.table!.has(field);
}

/** Sets a field; true when the field is new (hashTypeSet returns "update" the other way). */
export function hashSet(h: HashValue, field: string, value: string, limits: HashLimits): boolean {
  const small = h.small;
  if (small !== null) {
    const max = limits['hash-max-listpack-value'];
    if (field.length > max || value.length > max) {
      convertToTable(h);
    } else {
      const added = !small.has(field);
      small.set(field, value);
      if (added && small.size > limits['hash-max-listpack-entries']) convertToTable(h);
      return added;
    }
  }
  return h.table!.set(field, value);
}

export function hashDelete(h: HashValue, field: string): boolean {
  return h.small !== null ? h.small.delete(field) : h.table!.delete(field);
}

/** Calls visit for every field in the encoding's order. */
export function hashForEach(h: HashValue, visit: (field: string, value: string) => void): void {
  if (h.small !== null) {
    for (const [field, value] of h.small) visit(field, value);
    return;
  }
  const { keys, values } = h.table!;
  for (let i = 0; i < keys.length; i++) visit(keys[i]!, values[i]!);
}

/**
 * Picks `count` random entries (with repetition when `distinct` is false). Reads the listpack
 * into arrays first: a listpack has no random access in Redis either (lpRandomPairs walks it).
 */
export function hashRandomEntries(
  h: HashValue,
  count: number,
  distinct: boolean,
  rng: Rng,
): [string, string][] {
  let keys: readonly string[];
  let values: readonly string[];
  if (h.small !== null) {
    keys = [...h.small.keys()];
    values = [...h.small.values()];
  } else {
    keys = h.table!.keys;
    values = h.table!.values;
  }
  const size = keys.length;
  const out: [string, string][] = [];
  if (!distinct) {
    for (let n = 0; n < count; n++) {
      const i = Math.floor(rng.next() * size);
      out.push([keys[i]!, values[i]!]);
    }
    return out;
  }
  for (const i of distinctIndexes(size, count, rng)) out.push([keys[i]!, values[i]!]);
  return out;
}

/**
 * `count` distinct indexes below `size` (count < size): a partial Fisher-Yates shuffle when
 * count is a large share of size, else rejection sampling (Redis's CASE 3 and CASE 4).
 */
export function distinctIndexes(size: number, count: number, rng: Rng): number[] {
  if (count * 3 > size) {
    const all = Array.from({ length: size }, (_, i) => i);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(rng.next() * (size - i));
      const t = all[i]!;
      all[i] = all[j]!;
      all[j] = t;
    }
    all.length = count;
    return all;
  }
  const seen = new Set<number>();
  while (seen.size < count) seen.add(Math.floor(rng.next() * size));
  return [...seen];
}

/**
 * One HSCAN step: a listpack returns everything at once with cursor 0, as Redis does; a
 * hashtable returns about `count` fields.
 */
export function hashScan(
  h: HashValue,
  cursor: number,
  count: number,
  visit: (field: string, value: string) => void,
): number {
  if (h.small !== null) {
    hashForEach(h, visit);
    return 0;
  }
  const { keys, values } = h.table!;
  return h.table!.scan(cursor, count, (i) => visit(keys[i]!, values[i]!));
}

/**
 * Close to what MEMORY USAGE reports for the value (objectComputeSize; MEMORY USAGE adds the
 * key's sds and its dictEntry). Exact for a hashtable; a listpack's allocation may be one
 * size class larger in Redis after in-place edits.
 */
export function memoryUsageOf(h: HashValue): number {
  if (h.small !== null) {
    let bytes = LISTPACK_OVERHEAD;
    for (const [field, value] of h.small) {
      bytes += listpackEntrySize(field, listpackInt(field));
      bytes += listpackEntrySize(value, listpackInt(value));
    }
    return ROBJ_SIZE + mallocSize(bytes);
  }
  // Like Redis, average a few entries (MEMORY USAGE's default SAMPLES 5) and extrapolate.
  const table = h.table!;
  const samples = Math.min(MEMORY_SAMPLES, table.size);
  let sampled = 0;
  for (let i = 0; i < samples; i++) {
    sampled += DICT_ENTRY_SIZE + sdsAllocSize(table.keys[i]!.length);
    sampled += sdsAllocSize(table.values[i]!.length);
  }
  const entries = samples === 0 ? 0 : Math.floor((sampled / samples) * table.size);
  return ROBJ_SIZE + DICT_SIZE + 8 * dictSlots(table.size) + entries;
}

/** A listpack stores strings that are canonical int64s as integers. */
function listpackInt(s: string): number | bigint | null {
  return s.length <= 20 ? parseInt64(s) : null;
}

/** The snapshot form: the encoding and the entries flat, in the encoding's order. */
export type SavedHash = {
  readonly type: 'hash';
  readonly encoding: 'listpack' | 'hashtable';
  readonly entries: readonly string[];
};

export function saveHash(h: HashValue): SavedHash {
  const entries: string[] = [];
  hashForEach(h, (field, value) => entries.push(field, value));
  return { type: 'hash', encoding: h.small !== null ? 'listpack' : 'hashtable', entries };
}

/** The hash a snapshot describes, or null when it is malformed (or empty: Redis never keeps one). */
export function loadHash(saved: { readonly [field: string]: unknown }): HashValue | null {
  const { encoding, entries } = saved;
  if (encoding !== 'listpack' && encoding !== 'hashtable') return null;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length % 2 !== 0) return null;
  const fields = new Map<string, string>();
  for (let i = 0; i < entries.length; i += 2) {
    const field: unknown = entries[i];
    const value: unknown = entries[i + 1];
    if (typeof field !== 'string' || typeof value !== 'string' || fields.has(field)) return null;
    fields.set(field, value);
  }
  const h: HashValue = { type: 'hash', small: fields, table: null };
  if (encoding === 'hashtable') convertToTable(h);
  return h;
}
