/**
 * Redis computes HINCRBYFLOAT (and INCRBYFLOAT) in C `long double`, which on x86-64 is the
 * x87 80-bit format: a 64-bit significand and exponents down to 2^-16445. Its replies show
 * that extra precision ("3011.60000000000000009"), so a JS double cannot reproduce them.
 * This module emulates the format exactly with BigInt: a value is sign * mant * 2^exp, every
 * operation rounds to nearest-even like the FPU, parsing follows glibc's strtold as Redis's
 * string2ld filters it, and printing follows `%.17Lf` as ld2string's LD_STR_HUMAN mode trims it.
 * It is not on any hot path; clarity beats speed here.
 */

export interface LongDouble {
  readonly neg: boolean;
  /** The significand, below 2^64; 0n for zero. Ignored for infinities. */
  readonly mant: bigint;
  readonly exp: number;
  readonly inf: boolean;
}

const MANT_BITS = 64;
/** Exponent of the lowest significand bit of the smallest subnormal (2^-16445). */
const EXP_MIN = -16445;
/** Largest exponent with a 64-bit significand below 2^16384. */
const EXP_MAX = 16320;
/** Redis's MAX_LONG_DOUBLE_CHARS: string2ld refuses inputs this long or longer. */
const MAX_CHARS = 5 * 1024;

const INF_POS: LongDouble = { neg: false, mant: 0n, exp: 0, inf: true };
const INF_NEG: LongDouble = { neg: true, mant: 0n, exp: 0, inf: true };

function zero(neg: boolean): LongDouble {
  return { neg, mant: 0n, exp: 0, inf: false };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * The long double nearest to (-1)^neg * m * 2^e, ties to even. `sticky` says the true value
 * is a little more than m * 2^e (bits lost below m), which breaks ties upward.
 */
function round(neg: boolean, m: bigint, e: number, sticky = false): LongDouble {
  if (m === 0n) return zero(neg);
  const target = Math.max(e + bitLength(m) - MANT_BITS, EXP_MIN);
  let q: bigint;
  let exp = target;
  if (target > e) {
    const shift = BigInt(target - e);
    q = m >> shift;
    const rest = m - (q << shift);
    const half = 1n << (shift - 1n);
    if (rest > half || (rest === half && (sticky || (q & 1n) === 1n))) q += 1n;
    if (bitLength(q) > MANT_BITS) {
      q >>= 1n;
      exp += 1;
    }
  } else {
    q = m << BigInt(e - target);
  }
  if (q === 0n) return zero(neg);
  if (exp > EXP_MAX) return neg ? INF_NEG : INF_POS;
  return { neg, mant: q, exp, inf: false };
}

export function longDoubleFromInt(n: number | bigint): LongDouble {
  const b = BigInt(n);
  return round(b < 0n, b < 0n ? -b : b, 0);
}

export function isZero(x: LongDouble): boolean {
  return !x.inf && x.mant === 0n;
}

/** x + y rounded once, as the FPU adds; x + -x is +0. */
export function addLongDouble(x: LongDouble, y: LongDouble): LongDouble {
  if (x.inf || y.inf) {
    if (x.inf && y.inf && x.neg !== y.neg) return { neg: false, mant: 0n, exp: 0, inf: true };
    return x.inf ? x : y;
  }
  if (isZero(x) && isZero(y)) return zero(x.neg && y.neg);
  if (isZero(x)) return y;
  if (isZero(y)) return x;
  const e = Math.min(x.exp, y.exp);
  const a = (x.neg ? -x.mant : x.mant) << BigInt(x.exp - e);
  const b = (y.neg ? -y.mant : y.mant) << BigInt(y.exp - e);
  const sum = a + b;
  if (sum === 0n) return zero(false);
  return round(sum < 0n, sum < 0n ? -sum : sum, e);
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

/**
 * Parses a float as Redis's string2ld does: the whole string must be what strtold reads
 * (no spaces, no trailing junk), NaN and overflow are refused, and so is an underflow to zero.
 * Infinity is accepted (callers decide). Returns null when Redis would refuse.
 */
export function parseLongDouble(s: string): LongDouble | null {
  if (s.length === 0 || s.length >= MAX_CHARS) return null;
  const inf = INFINITY.exec(s);
  if (inf) return inf[1] === '-' ? INF_NEG : INF_POS;
  const hex = HEX.exec(s);
  if (hex) return parseHex(hex);
  const dec = DECIMAL.exec(s);
  if (dec) return parseDecimal(dec);
  return null;
}

function parseDecimal(match: RegExpExecArray): LongDouble | null {
  const neg = match[1] === '-';
  const intDigits = match[2] ?? '';
  const fracDigits = match[3] ?? '';
  if (intDigits.length + fracDigits.length === 0) return null;
  // Exponents beyond any digit string's reach all mean 0 or infinity; clamp before BigInt.
  const exp10 = Math.max(-100000, Math.min(100000, Number(match[4] ?? '0')));
  const digits = (intDigits + fracDigits).replace(/^0+/, '');
  if (digits.length === 0) return zero(neg);
  const x = exp10 - fracDigits.length;
  const magnitude = digits.length + x; // value < 10^magnitude
  if (magnitude > 4935) return null; // overflow: strtold returns HUGE_VALL with ERANGE
  if (magnitude < -4955) return null; // underflow to zero, also ERANGE
  const d = BigInt(digits);
  let result: LongDouble;
  if (x >= 0) {
    result = round(neg, d * 10n ** BigInt(x), 0);
  } else {
    const p = 10n ** BigInt(-x);
    const k = Math.max(0, bitLength(p) - bitLength(d) + MANT_BITS + 2);
    const scaled = d << BigInt(k);
    const q = scaled / p;
    result = round(neg, q, -k, q * p !== scaled);
  }
  return result.inf || isZero(result) ? null : result;
}

function parseHex(match: RegExpExecArray): LongDouble | null {
  const neg = match[1] === '-';
  const intDigits = match[2] ?? '';
  const fracDigits = match[3] ?? '';
  if (intDigits.length + fracDigits.length === 0) return null;
  const exp2 = Math.max(-200000, Math.min(200000, Number(match[4] ?? '0')));
  const m = BigInt('0x' + (intDigits + fracDigits || '0'));
  if (m === 0n) return zero(neg);
  const result = round(neg, m, exp2 - 4 * fracDigits.length);
  return result.inf || isZero(result) ? null : result;
}

const TEN17 = 10n ** 17n;

/**
 * `%.17Lf` with trailing zeros (and a bare '.') removed and "-0" shown as "0", Redis's
 * LD_STR_HUMAN format.
 */
export function formatLongDoubleHuman(x: LongDouble): string {
  if (x.inf) return x.neg ? '-inf' : 'inf';
  let scaled: bigint;
  if (x.exp >= 0) {
    scaled = (x.mant << BigInt(x.exp)) * TEN17;
  } else {
    const shift = BigInt(-x.exp);
    const n = x.mant * TEN17;
    scaled = n >> shift;
    const rest = n - (scaled << shift);
    const half = 1n << (shift - 1n);
    if (rest > half || (rest === half && (scaled & 1n) === 1n)) scaled += 1n;
  }
  const intPart = (scaled / TEN17).toString();
  const frac = (scaled % TEN17).toString().padStart(17, '0').replace(/0+$/, '');
  const text = (x.neg ? '-' : '') + intPart + (frac ? '.' + frac : '');
  return text === '-0' ? '0' : text;
}
