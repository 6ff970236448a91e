/**
 * Operations every value type answers, dispatched on value.type: what OBJECT ENCODING
 * prints, MEMORY USAGE's estimate, the element count (the cost of DEL, the lazy-free
 * threshold) and a deep copy (COPY). Each type's module owns the real answer; this file
 * only routes to it, so adding a type is one case in each switch.
 */
import { EMBSTR_LIMIT, ROBJ_SIZE, mallocSize, sdsHeader } from '../memory/alloc.ts';
import { parseInt64 } from '../numbers.ts';
import type { RedisValue, StringValue } from './values.ts';

export function encodingOf(value: RedisValue): string {
  switch (value.type) {
    case 'string':
      return stringEncoding(value);
  }
}

/** Bytes of the value (robj plus payload), without the key; Redis's objectComputeSize. */
export function memoryUsageOf(value: RedisValue, samples = 5): number {
  void samples;
  switch (value.type) {
    case 'string':
      return stringMemory(value);
  }
}

export function elementCount(value: RedisValue): number {
  switch (value.type) {
    case 'string':
      return 1;
  }
}

export function cloneValue(value: RedisValue): RedisValue {
  switch (value.type) {
    case 'string':
      return { type: 'string', value: value.value };
  }
}

/**
 * tryObjectEncoding: a string of at most 20 bytes that parses as a long is stored as an
 * integer; up to 44 bytes it is embedded in the robj's allocation; longer ones are raw.
 */
export function stringEncoding(v: StringValue): 'int' | 'embstr' | 'raw' {
  const s = v.value;
  if (s.length <= 20 && parseInt64(s) !== null) return 'int';
  return s.length <= EMBSTR_LIMIT ? 'embstr' : 'raw';
}

function stringMemory(v: StringValue): number {
  const len = v.value.length;
  switch (stringEncoding(v)) {
    case 'int':
      return ROBJ_SIZE;
    case 'embstr':
      // robj, sdshdr8, the bytes and a NUL in one allocation.
      return mallocSize(ROBJ_SIZE + 3 + len + 1);
    case 'raw':
      return ROBJ_SIZE + mallocSize(sdsHeader(len) + len + 1);
  }
}
