import { describe, expect, it } from 'vitest';
import { addInt64, formatDouble, parseInt64 } from '../../src/engine/numbers.ts';

describe('parseInt64 accepts exactly what string2ll accepts', () => {
  it.each(['0', '1', '-1', '123456789', '9223372036854775807', '-9223372036854775808'])(
    'accepts %s',
    (s) => expect(String(parseInt64(s))).toBe(s),
  );
  it.each(['', '-', '-0', '01', '+1', ' 1', '1 ', '1.0', '9223372036854775808', 'abc', '1e3'])(
    'rejects %j',
    (s) => expect(parseInt64(s)).toBeNull(),
  );
});

describe('addInt64 overflows where Redis does', () => {
  it('adds exactly beyond 2^53', () => {
    expect(String(addInt64(9007199254740993n, 1))).toBe('9007199254740994');
  });
  it('returns null past int64', () => {
    expect(addInt64(9223372036854775807n, 1)).toBeNull();
    expect(addInt64(-9223372036854775808n, -1)).toBeNull();
  });
});

describe('formatDouble prints %.17g', () => {
  it.each([
    [1.5, '1.5'],
    [0.1, '0.10000000000000001'],
    [3, '3'],
    [-2.5, '-2.5'],
    [1e20, '1e+20'],
    [1.5e-7, '1.4999999999999999e-07'],
    [123456789012345680, '1.2345678901234568e+17'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('%d as %s', (d, text) => expect(formatDouble(d)).toBe(text));
});
