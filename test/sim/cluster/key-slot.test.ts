import { describe, expect, it } from 'vitest';
import { crc16, hashTagBounds, keySlot } from '../../../src/sim/cluster/key-slot.ts';

describe('CRC16 and key slots', () => {
  it('computes CRC16-XMODEM as Redis does ("123456789" -> 0x31C3)', () => {
    expect(crc16('123456789')).toBe(0x31c3);
    expect(crc16('')).toBe(0);
    expect(crc16('A')).toBe(0x58e5);
  });

  it('gives the slots Redis documents for plain keys', () => {
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('bar')).toBe(5061);
    expect(keySlot('hello')).toBe(866);
    expect(keySlot('123456789')).toBe(12739);
    expect(keySlot('user:1000')).toBe(1649);
    expect(keySlot('')).toBe(0);
  });

  it('hashes only the first non-empty hash tag', () => {
    expect(keySlot('{user1000}.following')).toBe(3443);
    expect(keySlot('{user1000}.followers')).toBe(3443);
    expect(keySlot('foo{bar}{zap}')).toBe(keySlot('bar'));
    expect(keySlot('foo{{bar}}zap')).toBe(keySlot('{bar'));
    expect(keySlot('foo{{bar}}zap')).toBe(4015);
  });

  it('hashes the whole key when the tag is empty, unclosed or reversed', () => {
    expect(keySlot('foo{}{bar}')).toBe(8363);
    expect(keySlot('{}')).toBe(15257);
    expect(hashTagBounds('{')).toEqual([0, 1]);
    expect(hashTagBounds('}{')).toEqual([0, 2]);
    expect(keySlot('}{')).toBe(crc16('}{') & 16383);
    expect(hashTagBounds('a{b')).toEqual([0, 3]);
  });

  it('works on bytes beyond ASCII (keys are byte strings)', () => {
    const key = '\u00ff\u0080{\u00e9}';
    expect(keySlot(key)).toBe(crc16('\u00e9') & 16383);
  });
});
