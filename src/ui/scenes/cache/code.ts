import type { CachePattern } from '../../../sim/patterns/cache.ts';
import type { Op } from './model.ts';

/**
 * Each pattern's code as data: short pseudo-code lines, each naming the ops (model.ts) it
 * runs, so the panel can light the line the animated request is on. The code is the same in
 * every language (it is code); only the panel's heading is translated.
 */
export interface CodeLine {
  readonly text: string;
  readonly ops: readonly Op[];
}

const read: readonly CodeLine[] = [
  { text: 'function read(key):', ops: [] },
  { text: '  value = redis.GET(key)', ops: ['get'] },
  { text: '  if value != nil: return value      # hit', ops: ['hit-reply'] },
  { text: '  value = db.SELECT(key)             # miss', ops: ['db-read'] },
  { text: '  redis.SET(key, value, PX ttl, NX)', ops: ['fill'] },
  { text: '  return value', ops: ['miss-reply'] },
];

export const PATTERN_CODE: Readonly<Record<CachePattern, readonly CodeLine[]>> = {
  'look-aside': [
    ...read,
    { text: '', ops: [] },
    { text: 'function write(key, value):', ops: [] },
    { text: '  db.UPDATE(key, value)', ops: ['db-write'] },
    { text: '  redis.DEL(key)                     # invalidate', ops: ['invalidate'] },
    { text: '  return OK', ops: ['write-reply'] },
  ],
  'write-through': [
    ...read,
    { text: '', ops: [] },
    { text: 'function write(key, value):', ops: [] },
    { text: '  db.UPDATE(key, value)', ops: ['db-write'] },
    { text: '  redis.SET(key, value, PX ttl)', ops: ['cache-write'] },
    { text: '  return OK', ops: ['write-reply'] },
  ],
  'write-back': [
    ...read,
    { text: '', ops: [] },
    { text: 'function write(key, value):', ops: [] },
    { text: '  n = n + 1', ops: [] },
    { text: '  redis.MSET(key, value, "dirty:" + n, key + " " + value)', ops: ['mset'] },
    { text: '  return OK                          # not in db yet', ops: ['write-reply'] },
    { text: '', ops: [] },
    { text: 'every flushEvery seconds:', ops: [] },
    { text: '  dirty = redis.MGET(markers since last flush)', ops: ['flush-read'] },
    { text: '  for each (key, value) in dirty: db.UPDATE(key, value)', ops: ['flush-write'] },
    { text: '  redis.DEL(markers)', ops: ['flush-del'] },
  ],
};

/** The patterns in the order the controls offer them (the sim's CACHE_PATTERNS). */
export const PATTERNS: readonly CachePattern[] = ['look-aside', 'write-through', 'write-back'];

/**
 * The index of the line that runs `op` in a pattern's code; before its first call a request
 * is at the head of its function (`read` or `write`); -1 when nothing runs.
 */
export function lineOf(pattern: CachePattern, op: Op | null, kind?: 'read' | 'write'): number {
  const code = PATTERN_CODE[pattern];
  if (op === null) {
    return kind === undefined ? -1 : code.findIndex((l) => l.text.startsWith(`function ${kind}(`));
  }
  return code.findIndex((l) => l.ops.includes(op));
}
