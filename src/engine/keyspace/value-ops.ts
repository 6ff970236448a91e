/**
 * Type-independent operations on any value, dispatched on value.type to the datatype
 * modules (datatypes/<type>.ts export encodingOf, cloneValue, elementCount, memoryUsageOf).
 * OBJECT ENCODING, MEMORY USAGE, COPY and the DEL/UNLINK cost model call these, so adding a
 * type means adding one case to each switch; the compiler checks the switches are complete.
 */
import * as str from '../datatypes/string.ts';
import { DICT_ENTRY_SIZE, sdsAllocSize } from './alloc.ts';
import type { RedisValue } from './values.ts';

function unreachable(type: never): never {
  throw new Error(`unknown value type ${String(type)}`);
}

/** What OBJECT ENCODING prints. */
export function encodingOf(value: RedisValue): string {
  switch (value.type) {
    case 'string':
      return str.encodingOf(value);
    default:
      return unreachable(value.type);
  }
}

/** A deep copy that shares nothing mutable with the original (COPY). */
export function cloneValue(value: RedisValue): RedisValue {
  switch (value.type) {
    case 'string':
      return str.cloneValue(value);
    default:
      return unreachable(value.type);
  }
}

/** Elements to free (lazyfreeGetFreeEffort): 1 for a string, N for an aggregate. */
export function elementCount(value: RedisValue): number {
  switch (value.type) {
    case 'string':
      return str.elementCount(value);
    default:
      return unreachable(value.type);
  }
}

/** The value's bytes as objectComputeSize estimates them (without the key). */
export function memoryUsageOf(value: RedisValue): number {
  switch (value.type) {
    case 'string':
      return str.memoryUsageOf(value);
    default:
      return unreachable(value.type);
  }
}

/** MEMORY USAGE of a key: the value, the key's sds and its dict entry. */
export function memoryUsage(key: string, value: RedisValue): number {
  return memoryUsageOf(value) + sdsAllocSize(key.length) + DICT_ENTRY_SIZE;
}
