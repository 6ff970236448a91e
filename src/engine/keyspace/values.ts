import type { HashValue } from '../datatypes/hash.ts';
import type { ListValue } from '../datatypes/list.ts';
import type { SetValue } from '../datatypes/set.ts';
import type { SortedSetValue } from '../datatypes/sorted-set.ts';

/**
 * The values a key can hold. Each type keeps its data behind its own module in datatypes/
 * (the "type API" of Redis's t_*.c files), so commands never depend on an encoding.
 * A String is a byte string; bitmaps are Strings.
 *
 * To add a type: define its value interface in datatypes/<type>.ts with a `type` tag, add it
 * to RedisValue below, and give snapshot.ts its (de)serialisation.
 */

export interface StringValue {
  readonly type: 'string';
  value: string;
  /**
   * How Redis would have built the object, which is all OBJECT ENCODING needs: the bytes
   * alone cannot tell an appended "abcd" (raw) from a SET one (embstr). See StringEncoding.
   * Absent means StringEncoding.Auto.
   */
  enc?: StringEncoding;
  /**
   * The keyspace's fields (keyspace/access.ts ValueMeta), present from creation so that
   * storing a string does not change its shape.
   */
  lru?: number | undefined;
  mem?: number | undefined;
}

/**
 * Auto: made from a command argument by tryObjectEncoding (SET, MSET, GETSET, INCR...):
 * "int" when string2ll accepts it, else "embstr" up to 44 bytes, else "raw".
 * NoInt: made by createStringObject from computed bytes (INCRBYFLOAT): embstr or raw by length.
 * Raw: modified in place (APPEND, SETRANGE, SETBIT) or built as an sds (BITOP): always "raw".
 */
export const StringEncoding = { Auto: 0, NoInt: 1, Raw: 2 } as const;
export type StringEncoding = (typeof StringEncoding)[keyof typeof StringEncoding];

export type RedisValue = StringValue | ListValue | HashValue | SetValue | SortedSetValue;

export type RedisType = RedisValue['type'];

export function stringValue(value: string, enc: StringEncoding = StringEncoding.Auto): StringValue {
  // Always set every field so every string value shares one object shape.
  return { type: 'string', value, enc, lru: undefined, mem: undefined };
}
