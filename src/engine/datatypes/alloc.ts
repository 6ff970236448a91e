/**
 * Byte sizes as Redis's allocator (jemalloc) and its structures report them, for MEMORY USAGE
 * estimates (object.c objectComputeSize).
 */

/** The jemalloc size class a request of n bytes lands in (16-byte quantum, 4 classes a doubling). */
export function jemallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return Math.ceil(n / 16) * 16;
  const step = 2 ** (Math.ceil(Math.log2(n)) - 3);
  return Math.ceil(n / step) * step;
}

/** What an sds string of this length occupies (header by length, the bytes, a NUL). */
export function sdsAllocSize(len: number): number {
  const header = len < 32 ? 1 : len < 256 ? 3 : len < 65536 ? 5 : 9;
  return jemallocSize(header + len + 1);
}

/** sizeof(robj) */
export const ROBJ_SIZE = 16;
/** sizeof(dict) in 7.0 */
export const DICT_SIZE = 56;
/** sizeof(dictEntry) */
export const DICT_ENTRY_SIZE = 24;

/** Buckets of a dict holding n entries: a power of two, at least 4 (dict.c _dictExpandIfNeeded). */
export function dictSlots(n: number): number {
  let size = 4;
  while (size < n) size *= 2;
  return size;
}

/** Bytes a listpack entry takes: encoding + payload + back-length (listpack.c). */
export function listpackEntrySize(s: string, asInt: number | bigint | null): number {
  let encoded: number;
  if (asInt !== null) {
    const v = asInt;
    if (v >= 0 && v <= 127) encoded = 1;
    else if (v >= -4096 && v <= 4095) encoded = 2;
    else if (v >= -32768 && v <= 32767) encoded = 3;
    else if (v >= -8388608 && v <= 8388607) encoded = 4;
    else if (v >= -2147483648 && v <= 2147483647) encoded = 5;
    else encoded = 9;
  } else {
    const len = s.length;
    encoded = len < 64 ? 1 + len : len < 4096 ? 2 + len : 5 + len;
  }
  const back = encoded < 128 ? 1 : encoded < 16384 ? 2 : encoded < 2097152 ? 3 : 4;
  return encoded + back;
}

/** MEMORY USAGE's default SAMPLES: how many entries of a big aggregate it averages. */
export const MEMORY_SAMPLES = 5;

/** Listpack header (total bytes + element count) and end byte. */
export const LISTPACK_OVERHEAD = 7;
