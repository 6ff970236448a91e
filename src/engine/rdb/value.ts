/**
 * One value in Redis 7.0's RDB format (rdb.c rdbSaveObject / rdbLoadObject): a type byte and
 * the serialised value, as DUMP puts it before its footer. Saving picks the RDB type from
 * the value's encoding as Redis does (listpack hashes and sorted sets as one listpack,
 * intsets as one blob, lists as quicklist nodes of listpacks, big ones element by element);
 * loading accepts every type a 7.0 server writes plus the older ones it still reads (plain
 * lists, sets, sorted sets and hashes; ziplists of Redis 6 and before; not zipmaps), and
 * picks the encoding with the loader's rules, so OBJECT ENCODING after RESTORE matches.
 */
import type { EngineConfig } from '../config.ts';
import { DenseDict } from '../datatypes/dense-dict.ts';
import { convertToTable, createHash, hashForEach, type HashValue } from '../datatypes/hash.ts';
import { ListValue } from '../datatypes/list.ts';
import { setAdd, setForEach, type SetValue } from '../datatypes/set.ts';
import {
  forEachMember,
  fromScores,
  type SortedSetValue,
  type ZsetEnv,
} from '../datatypes/sorted-set.ts';
import { encodingOf as stringEncodingOf } from '../datatypes/string.ts';
import { stringValue, type RedisValue } from '../keyspace/values.ts';
import { formatDouble, parseInt64, type Int64 } from '../numbers.ts';
import { strtod } from '../strtod.ts';
import { ByteReader, ByteWriter } from './bytes-io.ts';
import { decodeListpack, encodeListpack, listpackEntryBytes } from './listpack.ts';
import { lzfCompress, lzfDecompress } from './lzf.ts';
import { decodeZiplist } from './ziplist.ts';

export const RdbType = {
  string: 0,
  list: 1,
  set: 2,
  zset: 3,
  hash: 4,
  zset2: 5,
  listZiplist: 10,
  setIntset: 11,
  zsetZiplist: 12,
  hashZiplist: 13,
  listQuicklist: 14,
  hashListpack: 16,
  zsetListpack: 17,
  listQuicklist2: 18,
} as const;

const ENC_INT8 = 0;
const ENC_INT16 = 1;
const ENC_INT32 = 2;
const ENC_LZF = 3;
const QUICKLIST_PLAIN = 1;
const QUICKLIST_PACKED = 2;

// ---- writing ----

function saveLen(w: ByteWriter, len: number): void {
  if (len < 1 << 6) w.byte(len);
  else if (len < 1 << 14) {
    w.byte((len >> 8) | 0x40);
    w.byte(len & 0xff);
  } else if (len <= 0xffffffff) {
    w.byte(0x80);
    for (let i = 3; i >= 0; i--) w.byte(Math.floor(len / 2 ** (8 * i)) & 0xff);
  } else {
    w.byte(0x81);
    let v = BigInt(len);
    const bytes: number[] = [];
    for (let i = 0; i < 8; i++, v >>= 8n) bytes.unshift(Number(v & 0xffn));
    for (const b of bytes) w.byte(b);
  }
}

/** rdbEncodeInteger: an int that fits 8, 16 or 32 bits, as a special-encoded "string". */
function saveEncodedInteger(w: ByteWriter, n: Int64): boolean {
  const v = Number(n);
  if (typeof n === 'bigint' || v < -(2 ** 31) || v > 2 ** 31 - 1) return false;
  const width = v >= -128 && v <= 127 ? 1 : v >= -32768 && v <= 32767 ? 2 : 4;
  w.byte(0xc0 | (width === 1 ? ENC_INT8 : width === 2 ? ENC_INT16 : ENC_INT32));
  w.le(v, width);
  return true;
}

/** rdbSaveRawString: small integers encoded, long strings LZF-compressed when it pays. */
function saveString(w: ByteWriter, s: string): void {
  if (s.length <= 11) {
    const n = parseInt64(s);
    if (n !== null && saveEncodedInteger(w, n)) return;
  }
  if (s.length > 20) {
    const packed = lzfCompress(s, s.length - 4);
    if (packed !== null) {
      w.byte(0xc0 | ENC_LZF);
      saveLen(w, packed.length);
      saveLen(w, s.length);
      w.bytes(packed);
      return;
    }
  }
  saveLen(w, s.length);
  if (s.length > 0) w.bytes(s);
}

function saveDouble(w: ByteWriter, d: number): void {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d, true);
  for (let i = 0; i < 8; i++) w.byte(view.getUint8(i));
}

/** A zset listpack score: an integer entry when double2ll accepts it, else %.17g text. */
function listpackScore(score: number): string {
  // (double)(LLONG_MAX / 2) rounds to 2^62.
  const half = 2 ** 62;
  if (Number.isInteger(score) && score >= -half && score <= half) {
    return BigInt(score).toString();
  }
  return formatDouble(score);
}

/** Quicklist nodes as RPUSH builds them: a node takes elements while it stays in size. */
function quicklistNodes(values: readonly string[], fill: number): string[][] {
  const levels = [4096, 8192, 16384, 32768, 65536];
  const sizeOk = (sz: number) => fill < 0 && -fill - 1 < levels.length && sz <= levels[-fill - 1]!;
  const nodes: string[][] = [];
  let node: string[] | undefined;
  let nodeBytes = 0;
  for (const v of values) {
    const next = nodeBytes + v.length + 8;
    const fits =
      node !== undefined && (sizeOk(next) || (next <= 8192 && fill >= 0 && node.length < fill));
    if (!fits) {
      node = [];
      nodes.push(node);
      nodeBytes = 7;
    }
    node!.push(v);
    nodeBytes += listpackEntryBytes(v);
  }
  return nodes;
}

/** The RDB type byte and serialised value. */
export function saveValue(value: RedisValue, config: EngineConfig): string {
  const w = new ByteWriter();
  switch (value.type) {
    case 'string': {
      w.byte(RdbType.string);
      if (stringEncodingOf(value) === 'int') {
        const n = parseInt64(value.value)!;
        if (!saveEncodedInteger(w, n)) saveString(w, value.value);
      } else {
        saveString(w, value.value);
      }
      break;
    }
    case 'list': {
      w.byte(RdbType.listQuicklist2);
      const nodes = quicklistNodes(
        value.range(0, value.length - 1),
        config['list-max-listpack-size'],
      );
      saveLen(w, nodes.length);
      for (const node of nodes) {
        saveLen(w, QUICKLIST_PACKED);
        saveString(w, encodeListpack(node));
      }
      break;
    }
    case 'set': {
      if (value.ints !== null) {
        w.byte(RdbType.setIntset);
        saveString(w, encodeIntset(value.ints));
      } else {
        w.byte(RdbType.set);
        saveLen(w, value.table!.size);
        setForEach(value, (m) => saveString(w, m));
      }
      break;
    }
    case 'zset': {
      if (value.encoding === 'listpack') {
        w.byte(RdbType.zsetListpack);
        const entries: string[] = [];
        forEachMember(value, false, (m, score) => entries.push(m, listpackScore(score)));
        saveString(w, encodeListpack(entries));
      } else {
        w.byte(RdbType.zset2);
        saveLen(w, value.dict.size);
        // Highest first, so loading inserts at the skiplist's head.
        forEachMember(value, true, (m, score) => {
          saveString(w, m);
          saveDouble(w, score);
        });
      }
      break;
    }
    case 'hash': {
      if (value.small !== null) {
        w.byte(RdbType.hashListpack);
        const entries: string[] = [];
        for (const [f, v] of value.small) entries.push(f, v);
        saveString(w, encodeListpack(entries));
      } else {
        w.byte(RdbType.hash);
        saveLen(w, value.table!.size);
        hashForEach(value, (f, v) => {
          saveString(w, f);
          saveString(w, v);
        });
      }
      break;
    }
  }
  return w.toString();
}

/** An intset blob: the narrowest width that holds every member, then the members ascending. */
function encodeIntset(ints: readonly Int64[]): string {
  let width = 2;
  for (const n of ints) {
    const v = BigInt(n);
    if (v < -2147483648n || v > 2147483647n) width = 8;
    else if ((v < -32768n || v > 32767n) && width < 4) width = 4;
  }
  const w = new ByteWriter();
  w.le(width, 4);
  w.le(ints.length, 4);
  for (const n of ints) w.le(BigInt(n), width);
  return w.toString();
}

// ---- reading ----

/** rdbLoadLen: a length, or {encoded} for a special string encoding, or null. */
function loadLen(r: ByteReader): { len: number; encoded: boolean } | null {
  const b = r.byte();
  if (b === null) return null;
  const kind = b >> 6;
  if (kind === 3) return { len: b & 0x3f, encoded: true };
  if (kind === 0) return { len: b & 0x3f, encoded: false };
  if (kind === 1) {
    const lo = r.byte();
    return lo === null ? null : { len: ((b & 0x3f) << 8) | lo, encoded: false };
  }
  const n = b === 0x80 ? 4 : b === 0x81 ? 8 : 0;
  if (n === 0) return null;
  const raw = r.take(n);
  if (raw === null) return null;
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + raw.charCodeAt(i);
  return { len: v, encoded: false };
}

export function loadPlainLen(r: ByteReader): number | null {
  const l = loadLen(r);
  return l === null || l.encoded ? null : l.len;
}

/** rdbGenericLoadStringObject: the string's bytes (integers as decimal text), or null. */
export function loadString(r: ByteReader): string | null {
  const l = loadLen(r);
  if (l === null) return null;
  if (!l.encoded) return r.take(l.len);
  if (l.len === ENC_INT8 || l.len === ENC_INT16 || l.len === ENC_INT32) {
    const width = l.len === ENC_INT8 ? 1 : l.len === ENC_INT16 ? 2 : 4;
    const u = r.le(width);
    return u === null ? null : BigInt.asIntN(width * 8, u).toString();
  }
  if (l.len === ENC_LZF) {
    const clen = loadPlainLen(r);
    const len = loadPlainLen(r);
    if (clen === null || len === null) return null;
    const packed = r.take(clen);
    return packed === null ? null : lzfDecompress(packed, len);
  }
  return null;
}

function loadBinaryDouble(r: ByteReader): number | null {
  const raw = r.take(8);
  if (raw === null) return null;
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 8; i++) view.setUint8(i, raw.charCodeAt(i));
  return view.getFloat64(0, true);
}

/** rdbLoadDoubleValue (RDB_TYPE_ZSET): a length byte and the text, 253..255 for nan/inf. */
function loadTextDouble(r: ByteReader): number | null {
  const len = r.byte();
  if (len === null) return null;
  if (len === 253) return NaN;
  if (len === 254) return Infinity;
  if (len === 255) return -Infinity;
  const text = r.take(len);
  return text === null ? null : strtod(text).value;
}

function decodeIntset(blob: string): Int64[] | null {
  const r = new ByteReader(blob);
  const width = r.le(4);
  const count = r.le(4);
  if (width === null || count === null) return null;
  const w = Number(width);
  if ((w !== 2 && w !== 4 && w !== 8) || blob.length !== 8 + w * Number(count)) return null;
  const ints: Int64[] = [];
  let prev: bigint | undefined;
  for (let i = 0; i < Number(count); i++) {
    const v = BigInt.asIntN(w * 8, r.le(w)!);
    if (prev !== undefined && v <= prev) return null;
    prev = v;
    ints.push(
      v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v,
    );
  }
  return ints;
}

function tableSet(members: Iterable<string>): SetValue | null {
  const table = new DenseDict(false);
  for (const m of members) if (!table.add(m)) return null;
  return { type: 'set', ints: null, table };
}

function hashFromPairs(
  pairs: readonly string[],
  config: EngineConfig,
  big: boolean,
): HashValue | null {
  const h = createHash();
  if (big) convertToTable(h);
  for (let i = 0; i < pairs.length; i += 2) {
    const f = pairs[i]!;
    const v = pairs[i + 1]!;
    if (h.small !== null) {
      if (h.small.has(f)) return null;
      h.small.set(f, v);
    } else if (!h.table!.set(f, v)) {
      return null;
    }
  }
  if (h.small !== null && h.small.size > config['hash-max-listpack-entries']) convertToTable(h);
  return h;
}

/**
 * The value a serialised RDB object holds (the bytes after it are ignored, as RESTORE
 * ignores them), or null when it is malformed, empty or of a type we do not load.
 */
export function loadValue(
  payload: string,
  env: ZsetEnv & { config: EngineConfig },
): RedisValue | null {
  const r = new ByteReader(payload);
  return loadValueBody(r.byte(), r, env);
}

/** A value of the given RDB type read from `r`, which is left just after it (an RDB file). */
export function loadValueBody(
  type: number | null,
  r: ByteReader,
  env: ZsetEnv & { config: EngineConfig },
): RedisValue | null {
  const { config } = env;
  switch (type) {
    case RdbType.string: {
      const s = loadString(r);
      return s === null ? null : stringValue(s);
    }
    case RdbType.listZiplist: {
      const blob = loadString(r);
      const entries = blob === null ? null : decodeZiplist(blob);
      return entries === null || entries.length === 0 ? null : ListValue.from(entries);
    }
    case RdbType.list:
    case RdbType.listQuicklist:
    case RdbType.listQuicklist2: {
      const n = loadPlainLen(r);
      if (n === null || n === 0) return null;
      const values: string[] = [];
      for (let i = 0; i < n; i++) {
        if (type === RdbType.list) {
          const s = loadString(r);
          if (s === null) return null;
          values.push(s);
          continue;
        }
        if (type === RdbType.listQuicklist) {
          const blob = loadString(r);
          const entries = blob === null ? null : decodeZiplist(blob);
          if (entries === null) return null;
          for (const e of entries) values.push(e);
          continue;
        }
        const container = loadPlainLen(r);
        if (container !== QUICKLIST_PACKED && container !== QUICKLIST_PLAIN) return null;
        const data = loadString(r);
        if (data === null || data.length === 0) return null;
        if (container === QUICKLIST_PLAIN) {
          values.push(data);
          continue;
        }
        const entries = decodeListpack(data);
        if (entries === null) return null;
        for (const e of entries) values.push(e);
      }
      return values.length === 0 ? null : ListValue.from(values);
    }
    case RdbType.set: {
      const n = loadPlainLen(r);
      if (n === null || n === 0) return null;
      const members: string[] = [];
      for (let i = 0; i < n; i++) {
        const m = loadString(r);
        if (m === null) return null;
        members.push(m);
      }
      if (n > Math.min(config['set-max-intset-entries'], 1 << 30)) return tableSet(members);
      const s: SetValue = { type: 'set', ints: [], table: null };
      for (const m of members) if (!setAdd(s, m, config)) return null;
      return s;
    }
    case RdbType.setIntset: {
      const blob = loadString(r);
      const ints = blob === null ? null : decodeIntset(blob);
      if (ints === null) return null;
      if (ints.length > config['set-max-intset-entries']) {
        return tableSet(ints.map((n) => n.toString()));
      }
      // An empty intset loads as an empty set in Redis; it cannot be made by commands.
      return ints.length === 0 ? null : { type: 'set', ints, table: null };
    }
    case RdbType.zset:
    case RdbType.zset2: {
      const n = loadPlainLen(r);
      if (n === null || n === 0) return null;
      const scores = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const m = loadString(r);
        if (m === null) return null;
        const score = type === RdbType.zset2 ? loadBinaryDouble(r) : loadTextDouble(r);
        if (score === null || Number.isNaN(score) || scores.has(m)) return null;
        scores.set(m, score);
      }
      return fromScores(env, scores);
    }
    case RdbType.zsetZiplist:
    case RdbType.zsetListpack: {
      const blob = loadString(r);
      const entries =
        blob === null
          ? null
          : type === RdbType.zsetZiplist
            ? decodeZiplist(blob)
            : decodeListpack(blob);
      if (entries === null || entries.length % 2 !== 0 || entries.length === 0) return null;
      const scores = new Map<string, number>();
      for (let i = 0; i < entries.length; i += 2) {
        const score = strtod(entries[i + 1]!).value;
        // A converted ziplist is checked for duplicates (a 7.0 listpack only when sanitising).
        if (type === RdbType.zsetZiplist && scores.has(entries[i]!)) return null;
        scores.set(entries[i]!, score);
      }
      const z: SortedSetValue = fromScores(env, scores);
      // A loaded listpack stays one unless it has too many entries, whatever their length.
      z.encoding = scores.size > config['zset-max-listpack-entries'] ? 'skiplist' : 'listpack';
      return z;
    }
    case RdbType.hash: {
      const n = loadPlainLen(r);
      if (n === null || n === 0) return null;
      const pairs: string[] = [];
      let longest = 0;
      for (let i = 0; i < 2 * n; i++) {
        const s = loadString(r);
        if (s === null) return null;
        pairs.push(s);
        if (s.length > longest) longest = s.length;
      }
      const big =
        n > config['hash-max-listpack-entries'] || longest > config['hash-max-listpack-value'];
      return hashFromPairs(pairs, config, big);
    }
    case RdbType.hashZiplist:
    case RdbType.hashListpack: {
      const blob = loadString(r);
      const entries =
        blob === null
          ? null
          : type === RdbType.hashZiplist
            ? decodeZiplist(blob)
            : decodeListpack(blob);
      if (entries === null || entries.length % 2 !== 0 || entries.length === 0) return null;
      return hashFromPairs(entries, config, false);
    }
    default:
      return null;
  }
}
