import { describe, expect, it } from 'vitest';
import { strtod } from '../../src/engine/strtod.ts';
import { parseCursor, parseScore, parseScoreRange } from '../../src/engine/commands/zset-args.ts';

describe('strtod as glibc parses floats', () => {
  it('parses decimal, exponent, hex, inf and nan forms and says where it stopped', () => {
    expect(strtod('1.5')).toEqual({ value: 1.5, end: 3, erange: false });
    expect(strtod('  -2e3x')).toEqual({ value: -2000, end: 6, erange: false });
    expect(strtod('1e')).toEqual({ value: 1, end: 1, erange: false });
    expect(strtod('.5').value).toBe(0.5);
    expect(strtod('5.').end).toBe(2);
    expect(strtod('0x1p3').value).toBe(8);
    expect(strtod('0x.8').value).toBe(0.5);
    expect(strtod('0xg')).toEqual({ value: 0, end: 1, erange: false });
    expect(strtod('-Infinity').value).toBe(-Infinity);
    expect(strtod('infinit').end).toBe(3);
    expect(Number.isNaN(strtod('nan(123)').value)).toBe(true);
    expect(strtod('nan(123)').end).toBe(8);
    expect(strtod('abc')).toEqual({ value: 0, end: 0, erange: false });
    expect(strtod('-')).toEqual({ value: 0, end: 0, erange: false });
  });

  it('flags overflow and underflow as ERANGE', () => {
    expect(strtod('1e400')).toEqual({ value: Infinity, end: 5, erange: true });
    expect(strtod('1e-400').erange).toBe(true);
    expect(strtod('0e-400').erange).toBe(false);
    expect(strtod('inf').erange).toBe(false);
  });
});

describe('sorted-set argument parsing', () => {
  it('takes a score only when the whole argument is a float', () => {
    expect(parseScore('1.5')).toBe(1.5);
    expect(parseScore('+inf')).toBe(Infinity);
    expect(parseScore('4.9e-324')).toBe(5e-324);
    for (const bad of ['', ' 1', '1 ', 'nan', '1e400', '1e-400', '1\x00', '0x', 'abc']) {
      expect(parseScore(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('reads integer scores as strtod does, sign, leading zeros and -0 included', () => {
    const integers = ['0', '-0', '7', '007', '-12', '+5', '123456789012345', '-999999999999999'];
    for (const s of [...integers, '1234567890123456', '99999999999999999999', '-', '1e3', '12a']) {
      const r = strtod(s);
      const expected = r.end === s.length && s.length > 0 ? r.value : null;
      expect(Object.is(parseScore(s), expected), s).toBe(true);
    }
  });

  it('reads score ranges as C strings: "(" opens, " 1" and "" pass, junk after NUL is ignored', () => {
    expect(parseScoreRange('(1', '+inf')).toEqual({
      min: 1,
      max: Infinity,
      minExclusive: true,
      maxExclusive: false,
    });
    expect(parseScoreRange('', '(')).toEqual({
      min: 0,
      max: 0,
      minExclusive: false,
      maxExclusive: true,
    });
    expect(parseScoreRange(' 1', '2\x00junk')?.max).toBe(2);
    expect(parseScoreRange('((1', '2')).toBeNull();
    expect(parseScoreRange('nan', '2')).toBeNull();
  });

  it('parses cursors with strtoul: signs wrap, a leading space does not pass', () => {
    expect(parseCursor('0')).toBe(0);
    expect(parseCursor('')).toBe(0);
    expect(parseCursor('+7')).toBe(7);
    expect(parseCursor('-1')).toBe(2 ** 64);
    expect(parseCursor(' 1')).toBeNull();
    expect(parseCursor('1x')).toBeNull();
    expect(parseCursor('18446744073709551616')).toBeNull();
  });
});
