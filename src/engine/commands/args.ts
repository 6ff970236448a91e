import { Err } from '../errors.ts';
import type { RedisType, RedisValue } from '../keyspace/values.ts';
import { parseInt64, type Int64 } from '../numbers.ts';
import { error, type Reply } from '../reply.ts';
import type { CommandContext } from './types.ts';

/**
 * Argument and lookup helpers shared by every family. They return either the value or the
 * exact error Reply, so a handler reads `const n = intArg(x); if (isReply(n)) return n;`.
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

export const WRONG_TYPE: Reply = Object.freeze(error(Err.wrongType));

/**
 * The value at key if it has the wanted type, undefined when the key is missing (or just
 * expired), or the WRONGTYPE reply (Redis's lookupKey* + checkType).
 */
export function lookupOfType<T extends RedisType>(
  ctx: CommandContext,
  key: string,
  type: T,
): Extract<RedisValue, { type: T }> | undefined | Reply {
  const value = ctx.db.lookup(key, ctx.nowMs);
  if (value === undefined) return undefined;
  return value.type === type ? (value as Extract<RedisValue, { type: T }>) : WRONG_TYPE;
}
