/**
 * The one place for allocation sizes as jemalloc rounds them (zmalloc_size) and the sizes of
 * Redis's structures, so per-key estimates land on the figures MEMORY USAGE prints.
 * jemalloc's size classes: 8, 16, then four classes per doubling (32 48 64 80 96 112 128,
 * 160 192 224 256, 320 ...). Datatype modules build their memoryUsageOf from these.
 */
export function mallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 16) return 16;
  if (n <= 128) return (n + 15) & ~15;
  // Group of sizes (2^k, 2^(k+1)] is split into four steps of 2^(k-2).
  const k = 31 - Math.clz32(n - 1);
  const step = 2 ** (k - 2);
  return Math.ceil(n / step) * step;
}

/** sds header bytes for a string of this length (sdsReqType: type 8, 16, 32, 64). */
export function sdsHeader(len: number): number {
  if (len < 256) return 3;
  if (len < 65536) return 5;
  return len < 4294967296 ? 9 : 17;
}

/**
 * Bytes an sds string of `len` bytes allocates: header, bytes and NUL. Short strings made by
 * sdsnew use the one-byte sdshdr5 header (keys, set members, hash fields); an sds that is
 * grown in place never does (allowType5 false).
 */
export function sdsAllocSize(len: number, allowType5 = true): number {
  return mallocSize((len < 32 && allowType5 ? 1 : sdsHeader(len)) + len + 1);
}

/** sizeof(robj): type, encoding, lru, refcount and the pointer. */
export const ROBJ_SIZE = 16;
/** sizeof(dictEntry): key, value and next pointers. */
export const DICT_ENTRY_SIZE = 24;
/** sizeof(dict) in 7.0. */
export const DICT_SIZE = 56;
/** Strings up to this length are stored embedded in their robj (OBJ_ENCODING_EMBSTR_SIZE_LIMIT). */
export const EMBSTR_LIMIT = 44;

/** What the keyspace itself spends on one key besides its value: dict entry and key sds. */
export function keyOverhead(key: string): number {
  return DICT_ENTRY_SIZE + sdsAllocSize(key.length);
}

/** Buckets of a dict holding n entries: a power of two, at least 4 (dict.c _dictExpandIfNeeded). */
export function dictSlots(n: number): number {
  let size = 4;
  while (size < n) size *= 2;
  return size;
}

/** used_memory_human and friends: Redis's bytesToHuman. */
export function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T', 'P'];
  let value = n / 1024;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value.toFixed(2)}${units[i]}`;
}
