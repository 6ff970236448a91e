/**
 * Allocation sizes as Redis's jemalloc reports them (zmalloc_size), for MEMORY USAGE
 * estimates: small requests round up to 8 or a multiple of 16 up to 128 bytes, then each
 * power-of-two range splits into four equal size classes.
 */
export function mallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 128) return (n + 15) & ~15;
  const step = 2 ** Math.floor(Math.log2(n - 1)) / 4;
  return Math.ceil(n / step) * step;
}

/** Bytes an sds string of `len` bytes allocates (header by length, plus the NUL). */
export function sdsAllocSize(len: number, allowType5 = true): number {
  const header =
    len < 32 && allowType5 ? 1 : len < 256 ? 3 : len < 65536 ? 5 : len < 2 ** 32 ? 9 : 17;
  return mallocSize(header + len + 1);
}

/** sizeof(robj) on 64-bit builds. */
export const ROBJ_SIZE = 16;
/** sizeof(dictEntry): what MEMORY USAGE adds for the key's slot in the main dict. */
export const DICT_ENTRY_SIZE = 24;
