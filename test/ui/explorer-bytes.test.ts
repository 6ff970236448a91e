import { describe, expect, it } from 'vitest';
import { asText, bitsOf, isPrintable } from '../../src/ui/scenes/data-types/explorer/bytes.ts';

/** A byte string as the engine keeps it, from UTF-8 text. */
function bytes(text: string): string {
  return String.fromCharCode(...new TextEncoder().encode(text));
}

describe('how the explorer reads a string value', () => {
  it('shows UTF-8 bytes as text, Korean included', () => {
    expect(asText(bytes('안녕 hello'))).toBe('안녕 hello');
    expect(isPrintable(bytes('안녕 hello'))).toBe(true);
  });

  it('calls bytes that are not text unprintable, so they are drawn as bits', () => {
    // SETBIT k 0 1 leaves one byte 0x80: not valid UTF-8.
    expect(isPrintable('\x80')).toBe(false);
    expect(isPrintable('\x00\x01')).toBe(false);
    expect(isPrintable('tab\there')).toBe(true);
  });

  it('numbers bits as SETBIT does, most significant bit of the first byte first', () => {
    expect(bitsOf('\x90\x01')).toEqual([
      [1, 0, 0, 1, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 1],
    ]);
  });
});
