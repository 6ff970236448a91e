/**
 * The String type API beyond plain get/set: what OBJECT ENCODING, MEMORY USAGE, COPY and the
 * lazy-free cost see of a string. The bytes stay a byte string; the only extra state is the
 * encoding hint (values.ts StringEncoding), because Redis's encoding depends on how the
 * object was made, not only on its bytes.
 */
import { ROBJ_SIZE, mallocSize, sdsAllocSize } from '../memory/alloc.ts';
import { StringEncoding, stringValue, type StringValue } from '../keyspace/values.ts';
import { parseInt64 } from '../numbers.ts';

/** OBJECT_ENCODING_EMBSTR_SIZE_LIMIT in object.c. */
const EMBSTR_SIZE_LIMIT = 44;

export function encodingOf(v: StringValue): 'int' | 'embstr' | 'raw' {
  const enc = v.enc ?? StringEncoding.Auto;
  if (enc === StringEncoding.Raw) return 'raw';
  const len = v.value.length;
  if (
    enc === StringEncoding.Auto &&
    len <= 20 &&
    mayBeInteger(v.value) &&
    parseInt64(v.value) !== null
  ) {
    return 'int';
  }
  return len <= EMBSTR_SIZE_LIMIT ? 'embstr' : 'raw';
}

/** A cheap first test: an integer starts with a digit or '-' (most strings do not). */
function mayBeInteger(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 45;
}

export function cloneValue(v: StringValue): StringValue {
  // dupStringObject keeps the encoding; the bytes are immutable JS strings, so sharing is a copy.
  return stringValue(v.value, v.enc ?? StringEncoding.Auto);
}

/** Freeing a string is one step (lazyfreeGetFreeEffort). */
export function elementCount(_v: StringValue): number {
  return 1;
}

/** objectComputeSize for a string: the robj plus its sds, as jemalloc rounds them. */
export function memoryUsageOf(v: StringValue): number {
  switch (encodingOf(v)) {
    case 'int':
      return ROBJ_SIZE;
    case 'embstr':
      // One allocation: robj + sdshdr8 + bytes + NUL.
      return mallocSize(ROBJ_SIZE + 3 + v.value.length + 1);
    default:
      return ROBJ_SIZE + sdsAllocSize(v.value.length, false);
  }
}
