/**
 * Type-independent operations on any value, dispatched on value.type to the datatype
 * modules (datatypes/<type>.ts export encodingOf, cloneValue, elementCount, memoryUsageOf).
 * OBJECT ENCODING, MEMORY USAGE, COPY and the DEL/UNLINK cost model call these, so adding a
 * type means adding one case to each switch; the compiler checks the switches are complete.
 */
import * as hash from '../datatypes/hash.ts';
import * as list from '../datatypes/list.ts';
import * as set from '../datatypes/set.ts';
import * as zset from '../datatypes/sorted-set.ts';
import * as str from '../datatypes/string.ts';
import { DICT_ENTRY_SIZE, sdsAllocSize } from '../memory/alloc.ts';
import type { RedisValue } from './values.ts';

/** What OBJECT ENCODING prints. */
export function encodingOf(value: RedisValue): string {
  switch (value.type) {
    case 'string':
      return str.encodingOf(value);
    case 'list':
      return list.encodingOf(value);
    case 'hash':
      return hash.encodingOf(value);
    case 'set':
      return set.encodingOf(value);
    case 'zset':
      return zset.encodingOf(value);
  }
}

/** A deep copy that shares nothing mutable with the original (COPY). */
export function cloneValue(value: RedisValue): RedisValue {
  switch (value.type) {
    case 'string':
      return str.cloneValue(value);
    case 'list':
      return list.cloneValue(value);
    case 'hash':
      return hash.cloneValue(value);
    case 'set':
      return set.cloneValue(value);
    case 'zset':
      return zset.cloneValue(value);
  }
}

/** Elements to free (lazyfreeGetFreeEffort): 1 for a string, N for an aggregate. */
export function elementCount(value: RedisValue): number {
  switch (value.type) {
    case 'string':
      return str.elementCount(value);
    case 'list':
      return list.elementCount(value);
    case 'hash':
      return hash.elementCount(value);
    case 'set':
      return set.elementCount(value);
    case 'zset':
      return zset.elementCount(value);
  }
}

/** The value's bytes as objectComputeSize estimates them (without the key). */
export function memoryUsageOf(value: RedisValue): number {
  switch (value.type) {
    case 'string':
      return str.memoryUsageOf(value);
    case 'list':
      return list.memoryUsageOf(value);
    case 'hash':
      return hash.memoryUsageOf(value);
    case 'set':
      return set.memoryUsageOf(value);
    case 'zset':
      return zset.memoryUsageOf(value);
  }
}

/** MEMORY USAGE of a key: the value, the key's sds and its dict entry. */
export function memoryUsage(key: string, value: RedisValue): number {
  return memoryUsageOf(value) + sdsAllocSize(key.length) + DICT_ENTRY_SIZE;
}
