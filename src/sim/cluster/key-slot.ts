/**
 * Where a key lives in Redis Cluster: one of 16384 hash slots, CRC16 of the key (the XMODEM
 * variant: polynomial 0x1021, initial value 0, no reflection, no final xor) modulo 16384.
 * A hash tag narrows what is hashed: the bytes between the first `{` and the first `}` after
 * it, if there is at least one byte between them. So `{user1}.a` and `{user1}.b` share a
 * slot, while `foo{}{bar}` (an empty first tag) hashes whole. Keys are byte strings.
 */

export const SLOT_COUNT = 16384;

const TABLE: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    t[i] = crc;
  }
  return t;
})();

/** CRC16-XMODEM of bytes [start, end) of a byte string. */
export function crc16(bytes: string, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ bytes.charCodeAt(i)) & 0xff]!;
  }
  return crc;
}

/** The part of the key that is hashed: its hash tag if it has a non-empty one, else all of it. */
export function hashTagBounds(key: string): readonly [number, number] {
  const open = key.indexOf('{');
  if (open < 0) return [0, key.length];
  const close = key.indexOf('}', open + 1);
  if (close < 0 || close === open + 1) return [0, key.length];
  return [open + 1, close];
}

/** The hash slot of a key (CLUSTER KEYSLOT). */
export function keySlot(key: string): number {
  const [start, end] = hashTagBounds(key);
  return crc16(key, start, end) & (SLOT_COUNT - 1);
}
