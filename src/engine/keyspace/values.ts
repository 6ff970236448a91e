/**
 * The values a key can hold. Each type keeps its data behind its own module (datatypes/),
 * so commands never depend on an encoding. A String is a byte string; bitmaps are Strings.
 */
export interface StringValue {
  readonly type: 'string';
  value: string;
}

export type RedisValue = StringValue;

export type RedisType = RedisValue['type'];

export function stringValue(value: string): StringValue {
  return { type: 'string', value };
}
