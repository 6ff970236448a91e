import { Err } from '../errors.ts';
import { globMatch } from '../keyspace/glob.ts';
import { parseInt64 } from '../numbers.ts';
import { array, bulk, error, type Reply } from '../reply.ts';
import { isOption } from './args.ts';

/** ULONG_MAX + 1: a cursor must fit an unsigned long. */
const ULONG_LIMIT = 18446744073709551616n;

/**
 * A SCAN-family cursor as parseScanCursorOrReply reads it, with C's strtoul: no leading
 * space, an optional sign ("-1" wraps around to 2^64-1), digits to the end, no overflow.
 * The empty string is cursor 0, as strtoul makes it. Cursors above 2^53 lose precision,
 * which no cursor we hand out reaches.
 */
export function parseScanCursor(s: string): number | Reply {
  const m = /^([+-]?)(\d+)$/.exec(s);
  if (m === null) return s === '' ? 0 : error(Err.invalidCursor);
  let n = BigInt(m[2]!);
  if (n >= ULONG_LIMIT) return error(Err.invalidCursor);
  if (m[1] === '-' && n !== 0n) n = ULONG_LIMIT - n;
  return Number(n);
}

export interface ScanOptions {
  count: number;
  /** null when there is no pattern or it is "*" (Redis skips matching then). */
  pattern: string | null;
}

/** COUNT and MATCH for HSCAN/SSCAN/ZSCAN (scanGenericCommand), from argv[start] on. */
export function parseScanOptions(argv: readonly string[], start: number): ScanOptions | Reply {
  const options: ScanOptions = { count: 10, pattern: null };
  for (let i = start; i < argv.length; i += 2) {
    const opt = argv[i]!;
    const hasValue = i + 1 < argv.length;
    if (isOption(opt, 'count') && hasValue) {
      const n = parseInt64(argv[i + 1]!);
      if (n === null) return error(Err.notInteger);
      if (n < 1) return error(Err.syntax);
      options.count = Number(n);
    } else if (isOption(opt, 'match') && hasValue) {
      const pattern = argv[i + 1]!;
      options.pattern = pattern === '*' ? null : pattern;
    } else {
      return error(Err.syntax);
    }
  }
  return options;
}

export function scanMatches(options: ScanOptions, s: string): boolean {
  return options.pattern === null || globMatch(options.pattern, s);
}

/** The reply every SCAN-family command gives: the next cursor and the batch. */
export function scanReply(cursor: number, items: readonly string[]): Reply {
  return array([bulk(String(cursor)), array(items.map(bulk))]);
}

export const EMPTY_SCAN: Reply = Object.freeze(scanReply(0, []));
