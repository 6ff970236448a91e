/**
 * A read-only picture of one database for the data-types explorer: every key (up to a bound)
 * with what TYPE, OBJECT ENCODING, MEMORY USAGE and PTTL would say, and a bounded view of its
 * contents shaped for drawing. Nothing is touched: no access time, no hit/miss counters, no
 * lazy expiry. A key whose time has passed is left out, because any command would find it
 * gone (the host runs the active expire cycle to actually free it, as serverCron would).
 */
import type { Engine } from '../engine.ts';
import { hashForEach } from '../datatypes/hash.ts';
import type { ListValue } from '../datatypes/list.ts';
import { setForEach } from '../datatypes/set.ts';
import type { SortedSetValue } from '../datatypes/sorted-set.ts';
import { keyOverhead } from '../memory/alloc.ts';
import { encodingOf, memoryUsageOf } from './value-ops.ts';
import type { RedisType, RedisValue } from './values.ts';

export interface DescribeLimits {
  /** Keys listed at most; the rest are only counted. */
  readonly maxKeys: number;
  /** Elements (list items, members, fields) shown per key at most. */
  readonly maxElements: number;
  /** Bytes of a string value shown at most. */
  readonly maxBytes: number;
}

export const defaultDescribeLimits: DescribeLimits = {
  maxKeys: 100,
  maxElements: 10,
  maxBytes: 256,
};

/** What every key shows, whatever its type. */
interface KeyBase {
  /** The key as a byte string (one char per byte). */
  readonly key: string;
  readonly type: RedisType;
  /** OBJECT ENCODING. */
  readonly encoding: string;
  /** MEMORY USAGE, bytes. */
  readonly memory: number;
  /** Absolute expire time in Unix ms, or null when the key has no TTL. */
  readonly expiresAtMs: number | null;
  /** STRLEN, LLEN, HLEN, SCARD or ZCARD. */
  readonly length: number;
}

export interface StringView extends KeyBase {
  readonly type: 'string';
  /** The first maxBytes bytes. */
  readonly bytes: string;
  /** True when the value reads as a number (INCR/INCRBYFLOAT would accept it). */
  readonly numeric: boolean;
}

export interface ListView extends KeyBase {
  readonly type: 'list';
  /** Elements from the head. */
  readonly head: readonly string[];
  /** The last elements when the list is longer than what head shows; else empty. */
  readonly tail: readonly string[];
}

export interface SetView extends KeyBase {
  readonly type: 'set';
  /** Members in the encoding's order (ascending for an intset). */
  readonly members: readonly string[];
}

export interface HashView extends KeyBase {
  readonly type: 'hash';
  readonly fields: readonly (readonly [field: string, value: string])[];
}

export interface ZsetEntryView {
  readonly member: string;
  readonly score: number;
  /** The skiplist node's height (1 to 32). */
  readonly levels: number;
}

export interface ZsetView extends KeyBase {
  readonly type: 'zset';
  /** The lowest-ranked entries, in score order. */
  readonly entries: readonly ZsetEntryView[];
  /** Levels in use by the whole skiplist (its tallest node). */
  readonly levels: number;
}

export type KeyView = StringView | ListView | SetView | HashView | ZsetView;

export interface KeyspaceView {
  readonly db: number;
  /** Live keys in the database. */
  readonly size: number;
  /** Up to maxKeys keys, in byte order. */
  readonly keys: readonly KeyView[];
  /** The time the picture was taken, Unix ms. */
  readonly nowMs: number;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Describes database `dbIndex` as it stands at the engine's clock. */
export function describeKeyspace(
  engine: Engine,
  dbIndex: number,
  limits: DescribeLimits = defaultDescribeLimits,
): KeyspaceView {
  const nowMs = engine.nowMs();
  const db = engine.dbs[dbIndex];
  if (db === undefined) return { db: dbIndex, size: 0, keys: [], nowMs };
  const live = (key: string): boolean => {
    const when = db.expires.get(key);
    return when === undefined || !(nowMs > when);
  };
  let size = 0;
  const names: string[] = [];
  for (const key of db.keys.keys()) {
    if (!live(key)) continue;
    size++;
    // A huge database is listed from its first keys rather than sorted whole on every call.
    if (names.length < Math.max(limits.maxKeys, 1000)) names.push(key);
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const keys = names
    .slice(0, limits.maxKeys)
    .map((key) => describeKey(key, db.keys.get(key)!, db.expires.get(key) ?? null, limits));
  return { db: dbIndex, size, keys, nowMs };
}

function describeKey(
  key: string,
  value: RedisValue,
  expiresAtMs: number | null,
  limits: DescribeLimits,
): KeyView {
  const base = {
    key,
    encoding: encodingOf(value),
    // Computed as MEMORY USAGE does, for the drawn keys only: the database's cached per-key
    // figures lag behind values changed in place.
    memory: keyOverhead(key) + memoryUsageOf(value),
    expiresAtMs,
  };
  const n = limits.maxElements;
  switch (value.type) {
    case 'string':
      return {
        ...base,
        type: 'string',
        length: value.value.length,
        bytes: value.value.slice(0, limits.maxBytes),
        numeric: value.value.length <= 64 && NUMBER.test(value.value),
      };
    case 'list':
      return { ...base, type: 'list', length: value.length, ...listEnds(value, n) };
    case 'set': {
      const members: string[] = [];
      let length = 0;
      setForEach(value, (m) => {
        length++;
        if (members.length < n) members.push(m);
      });
      return { ...base, type: 'set', length, members };
    }
    case 'hash': {
      const fields: [string, string][] = [];
      let length = 0;
      hashForEach(value, (f, v) => {
        length++;
        if (fields.length < n) fields.push([f, v]);
      });
      return { ...base, type: 'hash', length, fields };
    }
    case 'zset':
      return { ...base, type: 'zset', length: value.dict.size, ...zsetEntries(value, n) };
  }
}

/** The first elements, and the last two when the middle is left out. */
function listEnds(list: ListValue, n: number): { head: string[]; tail: string[] } {
  const len = list.length;
  const tailCount = len > n ? Math.min(2, n) : 0;
  const headCount = Math.min(len, n - tailCount);
  const head: string[] = [];
  for (let i = 0; i < headCount; i++) head.push(list.get(i));
  const tail: string[] = [];
  for (let i = len - tailCount; i < len; i++) tail.push(list.get(i));
  return { head, tail };
}

function zsetEntries(z: SortedSetValue, n: number): { entries: ZsetEntryView[]; levels: number } {
  const entries: ZsetEntryView[] = [];
  for (const node of z.zsl.nodes()) {
    if (entries.length >= n) break;
    entries.push({ member: node.member, score: node.score, levels: node.forward.length });
  }
  return { entries, levels: z.zsl.level };
}
