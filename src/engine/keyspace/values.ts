/**
 * The values a key can hold. Each type keeps its data behind its own module in datatypes/
 * (the "type API" of Redis's t_*.c files), so commands never depend on an encoding.
 * A String is a byte string; bitmaps are Strings.
 *
 * To add a type: define its value interface in datatypes/<type>.ts with a `type` tag, add it
 * to RedisValue below, and give snapshot.ts its (de)serialisation.
 */
import type { ListValue } from '../datatypes/list.ts';

export interface StringValue {
  readonly type: 'string';
  value: string;
}

export type RedisValue = StringValue | ListValue;

export type RedisType = RedisValue['type'];

export function stringValue(value: string): StringValue {
  return { type: 'string', value };
}
