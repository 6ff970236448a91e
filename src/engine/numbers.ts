/**
 * Number parsing and printing with Redis's exact rules (util.c string2ll / ld2string).
 * Redis integers are int64: values beyond 2^53 are kept as bigint so INCR at the edge of
 * the range stays exact, while everyday numbers stay plain numbers on the fast path.
 */
export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

export type Int64 = number | bigint;

const ANY_INT = /^(0|-?[1-9][0-9]*)$/;

/**
 * /^(0|-?[1-9][0-9]{0,14})$/ without the regex: every SET of a number asks (memory
 * accounting reads the encoding), and a character loop is several times cheaper. At most
 * 15 digits, so Number(s) is exact.
 */
function isSmallInt(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const digits = n - i;
  if (digits < 1 || digits > 15) return false;
  const first = s.charCodeAt(i);
  if (first === 48) return n === 1; // "0" alone: no leading zeros, no "-0"
  if (first < 49 || first > 57) return false;
  for (i++; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Parses a strict int64 as Redis's string2ll does: no sign but a leading '-', no leading
 * zeros, no spaces, "-0" rejected, at most 20 characters. Returns null when invalid.
 */
export function parseInt64(s: string): Int64 | null {
  if (s.length <= 16 && isSmallInt(s)) return Number(s);
  if (s.length >= 21 || !ANY_INT.test(s)) return null;
  const big = BigInt(s);
  if (big > INT64_MAX || big < INT64_MIN) return null;
  return Number.isSafeInteger(Number(big)) ? Number(big) : big;
}

/** Adds two int64s; null when the sum leaves the int64 range (Redis's overflow check). */
export function addInt64(a: Int64, b: Int64): Int64 | null {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  const sum = BigInt(a) + BigInt(b);
  if (sum > INT64_MAX || sum < INT64_MIN) return null;
  return Number.isSafeInteger(Number(sum)) ? Number(sum) : sum;
}

export function int64ToString(n: Int64): string {
  return typeof n === 'number' ? String(n) : n.toString();
}

/**
 * A double as Redis 7.0 prints it (printf "%.17g"; "inf", "-inf", "nan"), the format of
 * ZSCORE replies and RESP3 doubles.
 */
export function formatDouble(d: number): string {
  if (Number.isNaN(d)) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const [mantissa, expPart] = d.toExponential(16).split('e') as [string, string];
  const exp = Number(expPart);
  if (exp < -4 || exp >= 17) {
    const m = stripZeros(mantissa);
    const sign = exp < 0 ? '-' : '+';
    return `${m}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return stripZeros(d.toFixed(16 - exp));
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
