/**
 * Listpacks (listpack.c) as bytes: what Redis stores small hashes, small sorted sets and
 * each quicklist node of a list as, and how RDB files and DUMP payloads carry them. An entry
 * that reads as an int64 in string2ll's strict form is stored as an integer, so "12" and 12
 * are the same entry, as in Redis.
 */
import { parseInt64 } from '../numbers.ts';
import { ByteReader, ByteWriter } from './bytes-io.ts';

const HEADER_SIZE = 6;
const EOF_BYTE = 0xff;
const COUNT_UNKNOWN = 0xffff;

/** Encoding bytes + data of one entry, without its backlen. */
function encodeEntry(s: string): { head: number[]; data: string } {
  const n = s.length > 0 && s.length < 21 ? parseInt64(s) : null;
  if (n !== null) {
    const v = BigInt(n);
    if (v >= 0n && v <= 127n) return { head: [Number(v)], data: '' };
    if (v >= -4096n && v <= 4095n) {
      const u = Number(BigInt.asUintN(13, v));
      return { head: [(u >> 8) | 0xc0, u & 0xff], data: '' };
    }
    const width = v >= -32768n && v <= 32767n ? 2 : v >= -8388608n && v <= 8388607n ? 3 : 0;
    const w = width || (v >= -2147483648n && v <= 2147483647n ? 4 : 8);
    const tag = w === 2 ? 0xf1 : w === 3 ? 0xf2 : w === 4 ? 0xf3 : 0xf4;
    const head = [tag];
    let u = BigInt.asUintN(w * 8, v);
    for (let i = 0; i < w; i++, u >>= 8n) head.push(Number(u & 0xffn));
    return { head, data: '' };
  }
  const len = s.length;
  if (len < 64) return { head: [0x80 | len], data: s };
  if (len < 4096) return { head: [0xe0 | (len >> 8), len & 0xff], data: s };
  return {
    head: [0xf0, len & 0xff, (len >>> 8) & 0xff, (len >>> 16) & 0xff, (len >>> 24) & 0xff],
    data: s,
  };
}

/** lpEncodeBacklen: the entry's size, 7 bits a byte, written to be read backwards. */
function backlen(l: number): number[] {
  if (l <= 127) return [l];
  if (l < 16383) return [l >> 7, (l & 127) | 128];
  if (l < 2097151) return [l >> 14, ((l >> 7) & 127) | 128, (l & 127) | 128];
  if (l < 268435455) {
    return [l >> 21, ((l >> 14) & 127) | 128, ((l >> 7) & 127) | 128, (l & 127) | 128];
  }
  return [
    Math.floor(l / 2 ** 28),
    ((l >>> 21) & 127) | 128,
    ((l >> 14) & 127) | 128,
    ((l >> 7) & 127) | 128,
    (l & 127) | 128,
  ];
}

/** The bytes one entry takes in a listpack (lpEncodeGetType + backlen). */
export function listpackEntryBytes(s: string): number {
  const { head, data } = encodeEntry(s);
  const l = head.length + data.length;
  return l + backlen(l).length;
}

/** A listpack holding the entries in order. */
export function encodeListpack(entries: readonly string[]): string {
  const body = new ByteWriter();
  let size = HEADER_SIZE + 1;
  for (const e of entries) {
    const { head, data } = encodeEntry(e);
    for (const b of head) body.byte(b);
    if (data.length > 0) body.bytes(data);
    const back = backlen(head.length + data.length);
    for (const b of back) body.byte(b);
    size += head.length + data.length + back.length;
  }
  const out = new ByteWriter();
  out.le(size, 4);
  out.le(entries.length < COUNT_UNKNOWN ? entries.length : COUNT_UNKNOWN, 2);
  out.bytes(body.toString());
  out.byte(EOF_BYTE);
  return out.toString();
}

/** The entries of a listpack (integers as decimal text), or null when it is malformed. */
export function decodeListpack(lp: string): string[] | null {
  const r = new ByteReader(lp);
  const total = r.le(4);
  const count = r.le(2);
  if (total === null || count === null || Number(total) !== lp.length) return null;
  if (lp.charCodeAt(lp.length - 1) !== EOF_BYTE) return null;
  const out: string[] = [];
  while (r.remaining > 1) {
    const start = r.pos;
    const b = r.byte()!;
    let entry: string | null;
    if ((b & 0x80) === 0) entry = String(b);
    else if ((b & 0xc0) === 0x80) entry = r.take(b & 0x3f);
    else if ((b & 0xe0) === 0xc0) {
      const lo = r.byte();
      if (lo === null) return null;
      const u = ((b & 0x1f) << 8) | lo;
      entry = String(u >= 4096 ? u - 8192 : u);
    } else if ((b & 0xf0) === 0xe0) {
      const lo = r.byte();
      if (lo === null) return null;
      entry = r.take(((b & 0x0f) << 8) | lo);
    } else if (b === 0xf0) {
      const len = r.le(4);
      entry = len === null ? null : r.take(Number(len));
    } else if (b >= 0xf1 && b <= 0xf4) {
      const w = b === 0xf1 ? 2 : b === 0xf2 ? 3 : b === 0xf3 ? 4 : 8;
      const u = r.le(w);
      entry = u === null ? null : BigInt.asIntN(w * 8, u).toString();
    } else {
      return null;
    }
    if (entry === null) return null;
    const l = r.pos - start;
    if (r.take(backlen(l).length) === null) return null;
    out.push(entry);
  }
  if (r.remaining !== 1) return null;
  if (Number(count) !== COUNT_UNKNOWN && Number(count) !== out.length) return null;
  return out;
}
