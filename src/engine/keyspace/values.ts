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
}

export type RedisValue = StringValue | ListValue | HashValue | SetValue | SortedSetValue;

export type RedisType = RedisValue['type'];

export function stringValue(value: string): StringValue {
  return { type: 'string', value };
}
