/**
 * CRC-64/Jones as Redis's crc64.c computes it (reflected, polynomial 0xad93d23594c935a9,
 * starting from 0, no final xor): the checksum at the end of a DUMP payload. The 64-bit
 * state is kept as two 32-bit halves so a long payload costs no BigInt arithmetic.
 */

/** The reflected polynomial, split in halves. */
const POLY_HI = 0x95ac9329;
const POLY_LO = 0xac4bc9b5;

const TABLE_HI = new Uint32Array(256);
const TABLE_LO = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  let hi = 0;
  let lo = i;
  for (let k = 0; k < 8; k++) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (carry) {
      hi = (hi ^ POLY_HI) >>> 0;
      lo = (lo ^ POLY_LO) >>> 0;
    }
  }
  TABLE_HI[i] = hi;
  TABLE_LO[i] = lo;
}

/** The CRC of bytes[0, end) of a byte string, as 8 little-endian bytes (a byte string). */
export function crc64Bytes(bytes: string, end = bytes.length): string {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < end; i++) {
    const idx = (lo ^ bytes.charCodeAt(i)) & 0xff;
    lo = (((lo >>> 8) | (hi << 24)) ^ TABLE_LO[idx]!) >>> 0;
    hi = ((hi >>> 8) ^ TABLE_HI[idx]!) >>> 0;
  }
  let out = '';
  for (let k = 0; k < 4; k++) out += String.fromCharCode((lo >>> (8 * k)) & 0xff);
  for (let k = 0; k < 4; k++) out += String.fromCharCode((hi >>> (8 * k)) & 0xff);
  return out;
}
