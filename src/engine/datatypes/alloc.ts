/**
 * Listpack sizes for the datatype modules' MEMORY USAGE estimates (object.c
 * objectComputeSize); allocator and structure sizes come from memory/alloc.ts.
 */

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
