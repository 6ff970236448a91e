import type { LexBound, LexRange, ScoreRange } from '../datatypes/skiplist.ts';
import { parseInt64 } from '../numbers.ts';
import { isCSpace, strtod } from '../strtod.ts';

/**
 * Argument parsing for the sorted-set commands, with Redis's exact acceptance rules:
 * scores through getDoubleFromObject, ranges through zslParseRange / zslParseLexRange
 * (which read the argument as a C string), cursors through strtoul.
 */

/** A C function sees a binary-safe argument only up to its first NUL byte. */
function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul === -1 ? s : s.slice(0, nul);
}

/**
 * getDoubleFromObject: the whole argument must be a float; no leading space, no empty
 * string, no NaN, no overflow to infinity or underflow to zero ("inf" itself is fine).
 */
export function parseScore(s: string): number | null {
  const plain = plainInteger(s);
  if (plain !== undefined) return plain;
  if (s.length === 0 || isCSpace(s.charCodeAt(0))) return null;
  const r = strtod(s);
  if (r.end !== s.length || Number.isNaN(r.value)) return null;
  if (r.erange && (r.value === 0 || !Number.isFinite(r.value))) return null;
  return r.value;
}

/**
 * Most scores are short decimal integers ("42", "-7"): read them without strtod's general
 * path. Up to 15 digits a double holds them exactly, so the value is the one strtod gives
 * (including -0 for "-0"); anything else is left to strtod.
 */
function plainInteger(s: string): number | undefined {
  const len = s.length;
  const negative = len > 1 && s.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  if (len === 0 || len - i > 15) return undefined;
  let n = 0;
  for (; i < len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return negative ? -n : n;
}

/** One end of a score range: "(1.5" is exclusive. strtod rules, so " 1" and "" pass. */
function parseScoreBound(arg: string): { value: number; exclusive: boolean } | null {
  const s = cString(arg);
  const exclusive = s.startsWith('(');
  const from = exclusive ? 1 : 0;
  const r = strtod(s, from);
  if (r.end !== s.length || Number.isNaN(r.value)) return null;
  return { value: r.value, exclusive };
}

export function parseScoreRange(min: string, max: string): ScoreRange | null {
  const lo = parseScoreBound(min);
  if (lo === null) return null;
  const hi = parseScoreBound(max);
  if (hi === null) return null;
  return { min: lo.value, max: hi.value, minExclusive: lo.exclusive, maxExclusive: hi.exclusive };
}

const MIN_BOUND: LexBound = Object.freeze({ kind: 'min' });
const MAX_BOUND: LexBound = Object.freeze({ kind: 'max' });

/** "-", "+", "[member" or "(member" (zslParseLexRangeItem). */
function parseLexBound(s: string): LexBound | null {
  switch (s[0]) {
    case '+':
      return s.length === 1 || s[1] === '\0' ? MAX_BOUND : null;
    case '-':
      return s.length === 1 || s[1] === '\0' ? MIN_BOUND : null;
    case '(':
      return { kind: 'value', value: s.slice(1), exclusive: true };
    case '[':
      return { kind: 'value', value: s.slice(1), exclusive: false };
    default:
      return null;
  }
}

export function parseLexRange(min: string, max: string): LexRange | null {
  const lo = parseLexBound(min);
  const hi = parseLexBound(max);
  return lo === null || hi === null ? null : { min: lo, max: hi };
}

/**
 * getLongFromObject: a strict int64 as a JS number. Values beyond 2^53 lose precision,
 * which only moves indexes that are far out of any real set's range anyway.
 */
export function parseLong(s: string): number | null {
  const n = parseInt64(s);
  return n === null ? null : Number(n);
}

const ULONG_MAX = 18446744073709551615n;

/**
 * parseScanCursorOrReply: strtoul in base 10, so a sign is allowed ("-1" wraps around), an
 * empty string is cursor 0, but a leading space or anything after the digits is not.
 */
export function parseCursor(arg: string): number | null {
  const s = cString(arg);
  if (s.length === 0) return 0;
  if (isCSpace(s.charCodeAt(0))) return null;
  const m = /^([+-]?)([0-9]+)$/.exec(s);
  if (m === null) return null;
  const n = BigInt(m[2]!);
  if (n > ULONG_MAX) return null;
  const value = m[1] === '-' && n !== 0n ? ULONG_MAX + 1n - n : n;
  return Number(value);
}
