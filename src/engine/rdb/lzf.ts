/**
 * LZF, the compression Redis applies to strings longer than 20 bytes in RDB files and DUMP
 * payloads (lzf_c.c, lzf_d.c: HLOG 16, the VERY_FAST hash). The compressor follows the same
 * greedy matching and hash as Redis's, so a payload we build is byte-for-byte Redis's;
 * Redis leaves its hash table uninitialised, we start from an empty one.
 */

const HLOG = 16;
const HSIZE = 1 << HLOG;
const MAX_LIT = 1 << 5;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3);

/** The slot of a 3-byte hash (IDX with VERY_FAST). */
function slot(h: number): number {
  return ((h >>> (3 * 8 - HLOG)) - Math.imul(h, 5)) & (HSIZE - 1);
}

/**
 * Compressed bytes of input, or null when they would not fit in outLen bytes (Redis asks
 * for at least 4 bytes saved: outLen = length - 4).
 */
export function lzfCompress(input: string, outLen: number): string | null {
  const inLen = input.length;
  if (inLen === 0 || outLen === 0) return null;
  const at = (i: number): number => input.charCodeAt(i);
  // Positions + 1, so 0 means "no earlier position".
  const htab = new Int32Array(HSIZE);
  const out = new Uint8Array(outLen + 3);
  let ip = 0;
  let op = 1; // the first literal run's length byte is at 0
  let lit = 0;
  let hval = ((at(0) << 8) | at(1)) >>> 0;
  while (ip < inLen - 2) {
    hval = ((hval << 8) | at(ip + 2)) >>> 0;
    const h = slot(hval);
    const ref = htab[h]! - 1;
    htab[h] = ip + 1;
    const off = ip - ref - 1;
    if (
      ref > 0 &&
      off < MAX_OFF &&
      at(ref + 2) === at(ip + 2) &&
      at(ref) === at(ip) &&
      at(ref + 1) === at(ip + 1)
    ) {
      let len = 2;
      const maxlen = Math.min(inLen - ip - len, MAX_REF);
      if (op + 3 + 1 >= outLen && op - (lit === 0 ? 1 : 0) + 3 + 1 >= outLen) return null;
      out[op - lit - 1] = lit - 1;
      if (lit === 0) op--;
      // lzf_c.c compares 16 bytes unrolled (unbounded by maxlen) when maxlen > 16, then
      // goes on one byte at a time; the match length depends on that, so it is kept.
      let mismatch = false;
      if (maxlen > 16) {
        for (let k = 0; k < 16 && !mismatch; k++) {
          len++;
          mismatch = at(ref + len) !== at(ip + len);
        }
      }
      if (!mismatch) {
        do len++;
        while (len < maxlen && at(ref + len) === at(ip + len));
      }
      len -= 2;
      ip++;
      if (len < 7) {
        out[op++] = (off >> 8) + (len << 5);
      } else {
        out[op++] = (off >> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 0xff;
      lit = 0;
      op++;
      ip += len + 1;
      if (ip >= inLen - 2) break;
      ip -= 2;
      hval = ((at(ip) << 8) | at(ip + 1)) >>> 0;
      hval = ((hval << 8) | at(ip + 2)) >>> 0;
      htab[slot(hval)] = ip + 1;
      ip++;
      hval = ((hval << 8) | at(ip + 2)) >>> 0;
      htab[slot(hval)] = ip + 1;
      ip++;
    } else {
      if (op >= outLen) return null;
      lit++;
      out[op++] = at(ip++);
      if (lit === MAX_LIT) {
        out[op - lit - 1] = lit - 1;
        lit = 0;
        op++;
      }
    }
  }
  if (op + 3 > outLen) return null;
  while (ip < inLen) {
    lit++;
    out[op++] = at(ip++);
    if (lit === MAX_LIT) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  }
  out[op - lit - 1] = lit - 1;
  if (lit === 0) op--;
  let s = '';
  for (let i = 0; i < op; i += 8192) {
    s += String.fromCharCode(...out.subarray(i, Math.min(op, i + 8192)));
  }
  return s;
}

/** The original bytes, or null when the data is corrupt or does not make exactly outLen. */
export function lzfDecompress(input: string, outLen: number): string | null {
  const out = new Uint8Array(outLen);
  let ip = 0;
  let op = 0;
  while (ip < input.length) {
    let ctrl = input.charCodeAt(ip++);
    if (ctrl < 1 << 5) {
      ctrl++;
      if (op + ctrl > outLen || ip + ctrl > input.length) return null;
      for (; ctrl > 0; ctrl--) out[op++] = input.charCodeAt(ip++);
    } else {
      let len = ctrl >> 5;
      let ref = op - ((ctrl & 0x1f) << 8) - 1;
      if (ip >= input.length) return null;
      if (len === 7) {
        len += input.charCodeAt(ip++);
        if (ip >= input.length) return null;
      }
      ref -= input.charCodeAt(ip++);
      len += 2;
      if (op + len > outLen || ref < 0) return null;
      for (; len > 0; len--) out[op++] = out[ref++]!;
    }
  }
  if (op !== outLen) return null;
  let s = '';
  for (let i = 0; i < op; i += 8192) {
    s += String.fromCharCode(...out.subarray(i, Math.min(op, i + 8192)));
  }
  return s;
}
