/**
 * Ziplists (ziplist.c), the small encoding of Redis before 7.0. A 7.0 server never writes one,
 * but it still loads them from RDB files and DUMP payloads of Redis 6.x (RDB version 9) and
 * converts them to listpacks; reading them lets such payloads RESTORE here too.
 */
import { ByteReader } from './bytes-io.ts';

const HEADER_SIZE = 10;
const END = 0xff;
const BIG_PREVLEN = 0xfe;

/** The entries of a ziplist (integers as decimal text), or null when it is malformed. */
export function decodeZiplist(zl: string): string[] | null {
  const r = new ByteReader(zl);
  const bytes = r.le(4);
  r.le(4); // offset of the last entry
  const count = r.le(2);
  if (
    bytes === null ||
    count === null ||
    Number(bytes) !== zl.length ||
    zl.length < HEADER_SIZE + 1
  )
    return null;
  if (zl.charCodeAt(zl.length - 1) !== END) return null;
  const out: string[] = [];
  while (r.remaining > 1) {
    const prev = r.byte()!;
    if (prev === BIG_PREVLEN && r.take(4) === null) return null;
    const enc = r.byte();
    if (enc === null) return null;
    let entry: string | null;
    const kind = enc & 0xc0;
    if (kind === 0x00) entry = r.take(enc & 0x3f);
    else if (kind === 0x40) {
      const lo = r.byte();
      entry = lo === null ? null : r.take(((enc & 0x3f) << 8) | lo);
    } else if (kind === 0x80) {
      if (enc !== 0x80) return null;
      const raw = r.take(4);
      if (raw === null) return null;
      let len = 0;
      for (let i = 0; i < 4; i++) len = len * 256 + raw.charCodeAt(i);
      entry = r.take(len);
    } else if (enc >= 0xf1 && enc <= 0xfd) {
      entry = String((enc & 0x0f) - 1);
    } else {
      const width =
        enc === 0xc0
          ? 2
          : enc === 0xd0
            ? 4
            : enc === 0xe0
              ? 8
              : enc === 0xf0
                ? 3
                : enc === 0xfe
                  ? 1
                  : 0;
      if (width === 0) return null;
      const u = r.le(width);
      entry = u === null ? null : BigInt.asIntN(width * 8, u).toString();
    }
    if (entry === null) return null;
    out.push(entry);
  }
  if (r.remaining !== 1) return null;
  if (Number(count) !== 0xffff && Number(count) !== out.length) return null;
  return out;
}
