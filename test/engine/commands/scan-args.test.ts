import { describe, expect, it } from 'vitest';
import { parseScanCursor, parseScanOptions } from '../../../src/engine/commands/scan-args.ts';
import { isReply } from '../../../src/engine/commands/args.ts';

describe('SCAN-family arguments', () => {
  it('reads cursors as strtoul does', () => {
    expect(parseScanCursor('0')).toBe(0);
    expect(parseScanCursor('')).toBe(0);
    expect(parseScanCursor('+5')).toBe(5);
    expect(parseScanCursor('-1')).toBe(2 ** 64 - 1);
    for (const bad of ['x', ' 1', '1 ', '18446744073709551616', '+', '0x1']) {
      expect(isReply(parseScanCursor(bad)), bad).toBe(true);
    }
  });

  it('takes COUNT and MATCH in any order, refuses COUNT below 1', () => {
    expect(parseScanOptions(['x', 'k', '0', 'match', 'a*', 'COUNT', '3'], 3)).toEqual({
      count: 3,
      pattern: 'a*',
    });
    expect(parseScanOptions(['x', 'k', '0', 'MATCH', '*'], 3)).toEqual({
      count: 10,
      pattern: null,
    });
    expect(parseScanOptions(['x', 'k', '0', 'COUNT', '0'], 3)).toEqual({
      kind: 'error',
      message: 'ERR syntax error',
    });
  });
});
