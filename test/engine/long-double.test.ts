import { describe, expect, it } from 'vitest';
import {
  addLongDouble,
  formatLongDoubleHuman,
  parseLongDouble,
  type LongDouble,
} from '../../src/engine/long-double.ts';

function add(a: string, b: string): string {
  const x = parseLongDouble(a);
  const y = parseLongDouble(b);
  if (x === null || y === null) return 'invalid';
  const sum = addLongDouble(x, y);
  return sum === 'nan' ? 'nan' : formatLongDoubleHuman(sum);
}

describe('long double arithmetic for INCRBYFLOAT', () => {
  // Outputs seen on redis-server 7.0.15 (x86-64).
  it.each([
    ['10.5', '0.1', '10.6'],
    ['0', '5.0e3', '5000'],
    ['0', '3e-5', '0.00003'],
    ['0', '1.23456789012345678901', '1.23456789012345679'],
    ['0.000003814697265625', '0', '0.00000381469726562'],
    ['-0', '-0', '0'],
    ['0', '-1e-30', '0'],
    ['0', '0x10', '16'],
    ['16', '1e-4940', '16'],
  ])('%s + %s prints %s', (a, b, out) => {
    expect(add(a, b)).toBe(out);
  });

  it('refuses what strtold would not parse or that overflows or underflows to zero', () => {
    for (const s of ['', ' 1', '1 ', 'nan', 'abc', '1e', '0x', '1e5000', '1e-5000', '1\x002']) {
      expect(parseLongDouble(s), JSON.stringify(s)).toBeNull();
    }
    expect(parseLongDouble('1'.repeat(5120))).toBeNull();
    expect(parseLongDouble('0e999999')).not.toBeNull();
  });

  it('infinities parse and make the sum infinite or NaN', () => {
    const inf = parseLongDouble('inf')!;
    const minus = parseLongDouble('-Infinity')!;
    expect('inf' in inf).toBe(true);
    expect(addLongDouble(inf, minus)).toBe('nan');
    const big = parseLongDouble('1.1e4932')!;
    const sum = addLongDouble(big, big) as LongDouble;
    expect('inf' in sum).toBe(true);
  });

  it('prints the exact value of the nearest long double, as redis-server does', () => {
    expect(add('1e30', '0')).toBe('1000000000000000000024696061952');
    // 64 bits of precision cannot hold 1e25 + 1.
    expect(add('1e25', '1')).toBe('10000000000000000000000000');
  });
});
