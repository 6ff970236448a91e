import { Err } from '../errors.ts';
import { parseInt64, type Int64 } from '../numbers.ts';
import { error, type Reply } from '../reply.ts';

/**
 * Argument helpers shared by every family. They return either the parsed value or the exact
 * error Reply, so a handler reads `const n = intArg(x); if (isReply(n)) return n;`.
 */
export function intArg(s: string): Int64 | Reply {
  const n = parseInt64(s);
  return n === null ? error(Err.notInteger) : n;
}

export function isReply(x: unknown): x is Reply {
  return typeof x === 'object' && x !== null && 'kind' in x;
}

/** Case-insensitive option match, as strcasecmp in the Redis sources. */
export function isOption(arg: string, option: string): boolean {
  return arg.length === option.length && arg.toLowerCase() === option;
}
