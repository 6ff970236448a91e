/**
 * Just enough x87 80-bit `long double` for INCRBYFLOAT, which Redis computes in long double
 * on x86-64 Linux: strtold (correctly rounded, 64-bit significand, subnormals down to
 * 2^-16445), one correctly rounded addition, and printf("%.17Lf") with the trailing zeros
 * stripped (util.c ld2string LD_STR_HUMAN). A double would print 10.5 + 0.1 as
 * 10.59999999999999964 where Redis prints 10.6, so the arithmetic is done exactly on BigInt
 * mantissas and rounded once, as the FPU does.
 */

/** A finite value (-1)^neg * m * 2^e with m < 2^64, or an infinity. */
export type LongDouble =
  | { readonly neg: boolean; readonly m: bigint; readonly e: number }
  | { readonly inf: true; readonly neg: boolean };

type Finite = { readonly neg: boolean; readonly m: bigint; readonly e: number };

const PRECISION = 64;
/** Exponent of the smallest subnormal. */
const MIN_EXP = -16445;
/** Values must stay below 2^MAX_BITS. */
const MAX_BITS = 16384;
/** Redis's MAX_LONG_DOUBLE_CHARS: longer input is refused. */
const MAX_CHARS = 5 * 1024;

const DECIMAL = /^([+-]?)(?:(\d+)\.?(\d*)|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const HEX = /^([+-]?)0[xX](?:([0-9a-fA-F]+)\.?([0-9a-fA-F]*)|\.([0-9a-fA-F]+))(?:[pP]([+-]?\d+))?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

function isFinite(x: LongDouble): x is Finite {
  return !('inf' in x);
}

/**
 * Rounds (m + a fraction below 1 if sticky) * 2^e to the nearest long double, ties to even.
 * A sticky caller supplies at least two bits more than the result keeps.
 */
function round(neg: boolean, m: bigint, e: number, sticky = false): LongDouble {
  if (m === 0n) return { neg, m: 0n, e: 0 };
  const shift = Math.max(bitLength(m) - PRECISION, MIN_EXP - e, 0);
  if (shift > 0) {
    const big = BigInt(shift);
    let q = m >> big;
    const rem = m - (q << big);
    const half = 1n << (big - 1n);
    if (rem > half || (rem === half && (sticky || (q & 1n) === 1n))) q += 1n;
    m = q;
    e += shift;
    if (bitLength(m) > PRECISION) {
      m >>= 1n;
      e += 1;
    }
  }
  if (m !== 0n && bitLength(m) + e > MAX_BITS) return { inf: true, neg };
  return { neg, m, e };
}

/**
 * strtold as Redis's string2ld uses it: the whole string must be a number (no spaces, no
 * NaN); overflow and underflow to zero are refused (null), as glibc reports ERANGE for them.
 */
export function parseLongDouble(s: string): LongDouble | null {
  if (s.length === 0 || s.length >= MAX_CHARS) return null;
  let match = DECIMAL.exec(s);
  if (match !== null) {
    const [, sign, intPart = '', fracPart = '', onlyFrac, exp = '0'] = match;
    const digits = (onlyFrac === undefined ? intPart + fracPart : onlyFrac).replace(/^0+/, '');
    const neg = sign === '-';
    if (digits === '') return { neg, m: 0n, e: 0 };
    const fracLen = onlyFrac === undefined ? fracPart.length : onlyFrac.length;
    // An exponent far outside the range overflows or underflows whatever the digits say.
    const e10 = Math.max(-20000, Math.min(20000, Number(exp))) - fracLen;
    const magnitude = digits.length + e10;
    if (magnitude > 4934) return null;
    if (magnitude < -4952) return null;
    const d = BigInt(digits);
    const x =
      e10 >= 0 ? round(neg, d * 10n ** BigInt(e10), 0) : divide(neg, d, 10n ** BigInt(-e10));
    return rangeChecked(x);
  }
  match = HEX.exec(s);
  if (match !== null) {
    const [, sign, intPart = '', fracPart = '', onlyFrac, exp = '0'] = match;
    const digits = onlyFrac === undefined ? intPart + fracPart : onlyFrac;
    const fracLen = onlyFrac === undefined ? fracPart.length : onlyFrac.length;
    const neg = sign === '-';
    const m = BigInt('0x' + digits);
    if (m === 0n) return { neg, m: 0n, e: 0 };
    const e2 = Math.max(-100000, Math.min(100000, Number(exp))) - 4 * fracLen;
    if (bitLength(m) + e2 > MAX_BITS + 1) return null;
    if (bitLength(m) + e2 < MIN_EXP - 2) return null;
    return rangeChecked(round(neg, m, e2));
  }
  match = INFINITY.exec(s);
  if (match !== null) return { inf: true, neg: match[1] === '-' };
  return null;
}

function rangeChecked(x: LongDouble): LongDouble | null {
  if (!isFinite(x)) return null;
  return x.m === 0n ? null : x;
}

/** d / q correctly rounded, with enough quotient bits to round once. */
function divide(neg: boolean, d: bigint, q: bigint): LongDouble {
  const s = Math.max(0, PRECISION + 3 + bitLength(q) - bitLength(d));
  const n = d << BigInt(s);
  const quotient = n / q;
  return round(neg, quotient, -s, quotient * q !== n);
}

/** a + b rounded once, as the FPU adds; an infinity in gives an infinity (or NaN) out. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble | 'nan' {
  if (!isFinite(a) || !isFinite(b)) {
    if (!isFinite(a) && !isFinite(b) && a.neg !== b.neg) return 'nan';
    return isFinite(a) ? b : a;
  }
  if (a.m === 0n && b.m === 0n) return { neg: a.neg && b.neg, m: 0n, e: 0 };
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const e = Math.min(a.e, b.e);
  const sa = (a.neg ? -a.m : a.m) << BigInt(a.e - e);
  const sb = (b.neg ? -b.m : b.m) << BigInt(b.e - e);
  const sum = sa + sb;
  // An exact zero sum is +0 when rounding to nearest.
  return round(sum < 0n, sum < 0n ? -sum : sum, e);
}

export function isInfinite(x: LongDouble): boolean {
  return !isFinite(x);
}

/** printf("%.17Lf") with trailing zeros (and a bare point) removed, "-0" printed as "0". */
export function formatLongDoubleHuman(x: LongDouble): string {
  if (!isFinite(x)) return x.neg ? '-inf' : 'inf';
  let digits: string;
  if (x.e >= 0) {
    digits = (x.m << BigInt(x.e)).toString() + '0'.repeat(17);
  } else {
    const n = x.m * 10n ** 17n;
    const shift = BigInt(-x.e);
    let q = n >> shift;
    const rem = n - (q << shift);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    digits = q.toString().padStart(18, '0');
  }
  const intPart = digits.slice(0, -17);
  const frac = digits.slice(-17).replace(/0+$/, '');
  const text = (x.neg ? '-' : '') + intPart + (frac === '' ? '' : '.' + frac);
  return text === '-0' ? '0' : text;
}
