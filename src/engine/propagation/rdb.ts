/**
 * The RDB payload of a full sync (rdb.c, format version 10 of Redis 7.0): every database's
 * keys with their expire times, in the plain (non-listpack) forms every Redis loader reads:
 * strings, lists (RDB_TYPE_LIST), sets, hashes and sorted sets with binary scores
 * (RDB_TYPE_ZSET_2). The checksum is written as zero, which loaders take as "not computed".
 * The result is a byte string, one char a byte.
 */
import { hashForEach } from '../datatypes/hash.ts';
import { setForEach } from '../datatypes/set.ts';
import { forEachMember } from '../datatypes/sorted-set.ts';
import type { Database } from '../keyspace/database.ts';
import type { RedisValue } from '../keyspace/values.ts';

const Opcode = { expireMs: 0xfc, selectDb: 0xfe, resizeDb: 0xfb, eof: 0xff } as const;
const RdbType = { string: 0, list: 1, set: 2, hash: 4, zset2: 5 } as const;

/** rdbSaveLen: 6-bit, 14-bit or 32-bit big-endian lengths. */
function length(n: number): string {
  if (n < 0x40) return String.fromCharCode(n);
  if (n < 0x4000) return String.fromCharCode(0x40 | (n >> 8), n & 0xff);
  return String.fromCharCode(
    0x80,
    (n >>> 24) & 0xff,
    (n >>> 16) & 0xff,
    (n >>> 8) & 0xff,
    n & 0xff,
  );
}

function str(s: string): string {
  return length(s.length) + s;
}

const scratch = new DataView(new ArrayBuffer(8));

function bytes8(): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += String.fromCharCode(scratch.getUint8(i));
  return out;
}

function int64le(n: number): string {
  scratch.setBigInt64(0, BigInt(n), true);
  return bytes8();
}

function doublele(n: number): string {
  scratch.setFloat64(0, n, true);
  return bytes8();
}

/** The object's type byte and its body; the key goes between them. */
function encodeValue(value: RedisValue): [type: number, body: string] {
  switch (value.type) {
    case 'string':
      return [RdbType.string, str(value.value)];
    case 'list': {
      const items = value.toArray();
      return [RdbType.list, length(items.length) + items.map(str).join('')];
    }
    case 'set': {
      const members: string[] = [];
      setForEach(value, (m) => members.push(str(m)));
      return [RdbType.set, length(members.length) + members.join('')];
    }
    case 'hash': {
      const pairs: string[] = [];
      hashForEach(value, (f, v) => pairs.push(str(f) + str(v)));
      return [RdbType.hash, length(pairs.length) + pairs.join('')];
    }
    case 'zset': {
      const entries: string[] = [];
      forEachMember(value, false, (m, score) => entries.push(str(m) + doublele(score)));
      return [RdbType.zset2, length(entries.length) + entries.join('')];
    }
  }
}

/** The whole keyspace as an RDB file. */
export function encodeRdb(dbs: readonly Database[]): string {
  let out = 'REDIS0010';
  for (const db of dbs) {
    if (db.keys.size === 0) continue;
    out += String.fromCharCode(Opcode.selectDb) + length(db.id);
    out += String.fromCharCode(Opcode.resizeDb) + length(db.keys.size) + length(db.expires.size);
    for (const [key, value] of db.keys) {
      const when = db.expires.get(key);
      if (when !== undefined) out += String.fromCharCode(Opcode.expireMs) + int64le(when);
      const [type, body] = encodeValue(value);
      out += String.fromCharCode(type) + str(key) + body;
    }
  }
  return out + String.fromCharCode(Opcode.eof) + '\0'.repeat(8);
}
