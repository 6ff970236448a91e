import * as hash from '../datatypes/hash.ts';
import * as list from '../datatypes/list.ts';
import * as set from '../datatypes/set.ts';
import * as zset from '../datatypes/sorted-set.ts';
import type { RedisValue, StringValue } from './values.ts';

/**
 * Operations every value type provides (each datatype module exports them under the same
 * names), dispatched on the type tag: OBJECT ENCODING, MEMORY USAGE, COPY, and the cost model
 * (how many elements a DEL frees) go through here and never through a type's internals.
 */
export function elementCount(v: RedisValue): number {
  switch (v.type) {
    case 'string':
      return 1;
    case 'list':
      return list.elementCount(v);
    case 'hash':
      return hash.elementCount(v);
    case 'set':
      return set.elementCount(v);
    case 'zset':
      return zset.elementCount(v);
  }
}

export function cloneValue(v: RedisValue): RedisValue {
  switch (v.type) {
    case 'string':
      return { ...v } satisfies StringValue;
    case 'list':
      return list.cloneValue(v);
    case 'hash':
      return hash.cloneValue(v);
    case 'set':
      return set.cloneValue(v);
    case 'zset':
      return zset.cloneValue(v);
  }
}
