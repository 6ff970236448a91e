/**
 * C's strtod as glibc implements it in the "C" locale, because Redis parses every float
 * argument with it and its quirks are visible: leading whitespace, "inf"/"infinity"/"nan"
 * in any case, hexadecimal floats ("0x1p3"), and a partial parse that stops at the first
 * byte that does not fit. Callers decide what to accept (Redis's getDoubleFromObject wants
 * the whole string and no overflow; zslParseRange tolerates more).
 */

export interface StrtodResult {
  readonly value: number;
  /** Index just past the parsed number; the start index when nothing was parsed. */
  readonly end: number;
  /** errno == ERANGE: the magnitude overflowed to infinity or underflowed. */
  readonly erange: boolean;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const hexValue = (c: number): number =>
  c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;

/** C's isspace in the "C" locale. */
export function isCSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function matchWord(s: string, at: number, word: string): boolean {
  return s.slice(at, at + word.length).toLowerCase() === word;
}

export function strtod(s: string, start = 0): StrtodResult {
  let i = start;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  let negative = false;
  const sign = s.charCodeAt(i);
  if (sign === 43 /* + */ || sign === 45 /* - */) {
    negative = sign === 45;
    i++;
  }
  const none: StrtodResult = { value: 0, end: start, erange: false };

  if (matchWord(s, i, 'inf')) {
    const end = matchWord(s, i, 'infinity') ? i + 8 : i + 3;
    return { value: negative ? -Infinity : Infinity, end, erange: false };
  }
  if (matchWord(s, i, 'nan')) {
    let end = i + 3;
    if (s[end] === '(') {
      let j = end + 1;
      while (j < s.length && /[0-9A-Za-z_]/.test(s[j]!)) j++;
      if (s[j] === ')') end = j + 1;
    }
    return { value: NaN, end, erange: false };
  }

  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    const hex = parseHex(s, i + 2, negative);
    if (hex !== null) return hex;
    // "0x" with no hex digit after it: only the "0" is a number.
    return { value: negative ? -0 : 0, end: i + 1, erange: false };
  }

  const digitsStart = i;
  let digits = 0;
  let nonZero = false;
  while (i < s.length && isDigit(s.charCodeAt(i))) {
    if (s[i] !== '0') nonZero = true;
    i++;
    digits++;
  }
  if (s[i] === '.') {
    i++;
    while (i < s.length && isDigit(s.charCodeAt(i))) {
      if (s[i] !== '0') nonZero = true;
      i++;
      digits++;
    }
  }
  if (digits === 0) return none;
  let mantissaEnd = i;
  if (s[i] === 'e' || s[i] === 'E') {
    let j = i + 1;
    if (s[j] === '+' || s[j] === '-') j++;
    if (j < s.length && isDigit(s.charCodeAt(j))) {
      while (j < s.length && isDigit(s.charCodeAt(j))) j++;
      mantissaEnd = j;
    }
  }
  const text = s.slice(digitsStart, mantissaEnd);
  // JavaScript's Number() rounds decimal text correctly, as glibc does.
  const magnitude = Number(text.endsWith('.') ? text.slice(0, -1) : text);
  const value = negative ? -magnitude : magnitude;
  const erange =
    magnitude === Infinity ||
    (nonZero && magnitude === 0) ||
    (magnitude !== 0 && magnitude < 2.2250738585072014e-308);
  return { value, end: mantissaEnd, erange };
}

function parseHex(s: string, at: number, negative: boolean): StrtodResult | null {
  let i = at;
  let mantissa = 0n;
  let digits = 0;
  let exponent = 0;
  while (i < s.length && hexValue(s.charCodeAt(i)) >= 0) {
    mantissa = mantissa * 16n + BigInt(hexValue(s.charCodeAt(i)));
    i++;
    digits++;
  }
  if (s[i] === '.') {
    i++;
    while (i < s.length && hexValue(s.charCodeAt(i)) >= 0) {
      mantissa = mantissa * 16n + BigInt(hexValue(s.charCodeAt(i)));
      exponent -= 4;
      i++;
      digits++;
    }
  }
  if (digits === 0) return null;
  if (s[i] === 'p' || s[i] === 'P') {
    let j = i + 1;
    let expNegative = false;
    if (s[j] === '+' || s[j] === '-') {
      expNegative = s[j] === '-';
      j++;
    }
    if (j < s.length && isDigit(s.charCodeAt(j))) {
      let e = 0;
      while (j < s.length && isDigit(s.charCodeAt(j))) {
        e = Math.min(e * 10 + (s.charCodeAt(j) - 48), 1e6);
        j++;
      }
      exponent += expNegative ? -e : e;
      i = j;
    }
  }
  // Number(bigint) rounds to nearest; splitting the power keeps 2**e from overflowing early.
  const half = Math.trunc(exponent / 2);
  const magnitude = mantissa === 0n ? 0 : Number(mantissa) * 2 ** half * 2 ** (exponent - half);
  const erange =
    magnitude === Infinity ||
    (mantissa !== 0n && magnitude === 0) ||
    (magnitude !== 0 && magnitude < 2.2250738585072014e-308);
  return { value: negative ? -magnitude : magnitude, end: i, erange };
}
