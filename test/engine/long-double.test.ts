import { describe, expect, it } from 'vitest';
import {
  addLongDouble,
  formatLongDoubleHuman,
  longDoubleFromInt,
  parseLongDouble,
} from '../../src/engine/long-double.ts';

function sum(...xs: string[]): string {
  let v = longDoubleFromInt(0);
  for (const x of xs) v = addLongDouble(v, parseLongDouble(x)!);
  return formatLongDoubleHuman(v);
}

describe('long double arithmetic as Redis prints it (x87 80-bit, %.17Lf trimmed)', () => {
  it('shows the extra precision a double would hide', () => {
    expect(sum('10.5', '3.0e3', '1.1')).toBe('3011.60000000000000009');
    expect(sum('1.1', '2.2')).toBe('3.3');
    expect(sum('0.1', '0.2')).toBe('0.3');
    expect(sum('10.5')).toBe('10.5');
    expect(sum('3.0e3')).toBe('3000');
  });

  it('prints -0 and tiny negatives as 0', () => {
    expect(sum('1', '-1')).toBe('0');
    expect(sum('-0.000000000000000001')).toBe('0');
  });

  it('reads what strtold reads and refuses what string2ld refuses', () => {
    expect(formatLongDoubleHuman(parseLongDouble('0x10')!)).toBe('16');
    expect(formatLongDoubleHuman(parseLongDouble('0x1.8p1')!)).toBe('3');
    expect(formatLongDoubleHuman(parseLongDouble('.5')!)).toBe('0.5');
    expect(formatLongDoubleHuman(parseLongDouble('1.')!)).toBe('1');
    expect(parseLongDouble('inf')?.inf).toBe(true);
    for (const bad of ['', ' 1', '1 ', '1e', '.', 'nan', 'abc', '1e5000', '1e-4952', '0x']) {
      expect(parseLongDouble(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(parseLongDouble('3e-4951')).not.toBeNull();
  });

  it('overflows to infinity past the long double range', () => {
    expect(addLongDouble(parseLongDouble('1e4932')!, parseLongDouble('1e4932')!).inf).toBe(true);
  });
});
