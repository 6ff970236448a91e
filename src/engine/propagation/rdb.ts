/**
 * The RDB payload of a full sync (rdb.c, format version 10 of Redis 7.0): every database's
 * keys with their expire times, each value in the form DUMP uses (rdb/value.ts: listpacks,
 * intsets, quicklists as Redis 7.0 writes them), and the file's CRC-64 at the end.
 * The result is a byte string, one char a byte.
 */
import type { EngineConfig } from '../config.ts';
import type { Database } from '../keyspace/database.ts';
import { crc64Bytes } from '../rdb/crc64.ts';
import { saveValue } from '../rdb/value.ts';

const Opcode = { expireMs: 0xfc, selectDb: 0xfe, resizeDb: 0xfb, eof: 0xff } as const;

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

const str = (s: string): string => length(s.length) + s;

function int64le(n: number): string {
  const scratch = new DataView(new ArrayBuffer(8));
  scratch.setBigInt64(0, BigInt(n), true);
  let out = '';
  for (let i = 0; i < 8; i++) out += String.fromCharCode(scratch.getUint8(i));
  return out;
}

/** The whole keyspace as an RDB file. */
export function encodeRdb(dbs: readonly Database[], config: EngineConfig): string {
  let out = 'REDIS0010';
  for (const db of dbs) {
    if (db.keys.size === 0) continue;
    out += String.fromCharCode(Opcode.selectDb) + length(db.id);
    out += String.fromCharCode(Opcode.resizeDb) + length(db.keys.size) + length(db.expires.size);
    for (const [key, value] of db.keys) {
      const when = db.expires.get(key);
      if (when !== undefined) out += String.fromCharCode(Opcode.expireMs) + int64le(when);
      // The value's type byte, then the key, then its body.
      const saved = saveValue(value, config);
      out += saved[0]! + str(key) + saved.slice(1);
    }
  }
  out += String.fromCharCode(Opcode.eof);
  return out + crc64Bytes(out);
}
