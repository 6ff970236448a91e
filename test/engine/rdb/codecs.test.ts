import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../../src/engine/index.ts';
import { crc64Bytes } from '../../../src/engine/rdb/crc64.ts';
import { decodeListpack, encodeListpack } from '../../../src/engine/rdb/listpack.ts';
import { lzfCompress, lzfDecompress } from '../../../src/engine/rdb/lzf.ts';

const hexLe = (bytes: string): string =>
  [...bytes]
    .reverse()
    .map((c) => c.charCodeAt(0).toString(16).padStart(2, '0'))
    .join('');

function randomBytes(rng: SeededRng, n: number, alphabet: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(rng.next() * alphabet));
  return s;
}

describe('the RDB codecs', () => {
  it("CRC-64 gives crc64.c's check value for 123456789", () => {
    expect(hexLe(crc64Bytes('123456789'))).toBe('e9c6d914c4b8d9ca');
    expect(hexLe(crc64Bytes(''))).toBe('0000000000000000');
  });

  it('LZF round-trips repetitive and random bytes, and refuses what it cannot shrink', () => {
    const rng = new SeededRng(3);
    let packedCount = 0;
    for (let n = 0; n < 60; n++) {
      const s = randomBytes(
        rng,
        21 + Math.floor(rng.next() * 3000),
        1 + Math.floor(rng.next() * 8),
      );
      const packed = lzfCompress(s, s.length - 4);
      if (packed === null) continue;
      packedCount++;
      expect(packed.length).toBeLessThanOrEqual(s.length - 4);
      expect(lzfDecompress(packed, s.length)).toBe(s);
    }
    expect(packedCount).toBeGreaterThan(40);
    const long = 'abc'.repeat(1000);
    expect(lzfDecompress(lzfCompress(long, long.length - 4)!, long.length)).toBe(long);
    expect(lzfCompress('abcdefghijklmnopqrstuvwxyz', 22)).toBeNull();
    expect(lzfDecompress('\x05ab', 6)).toBeNull();
  });

  it('listpacks keep every entry, integers of every width included', () => {
    const entries = [
      '',
      '0',
      '127',
      '128',
      '-1',
      '4095',
      '-4096',
      '4096',
      '32767',
      '-32768',
      '8388607',
      '-8388608',
      '2147483647',
      '-2147483648',
      '2147483648',
      '9223372036854775807',
      '-9223372036854775808',
      '9223372036854775808',
      '007',
      '-0',
      'x'.repeat(63),
      'y'.repeat(64),
      'z'.repeat(4095),
      'w'.repeat(4096),
    ];
    const lp = encodeListpack(entries);
    expect(lp.charCodeAt(lp.length - 1)).toBe(0xff);
    expect(decodeListpack(lp)).toEqual(entries);
    expect(decodeListpack(lp.slice(0, -1))).toBeNull();
  });
});
