/**
 * SORT and SORT_RO (sort.c): the elements of a list, set or sorted set, sorted as numbers
 * or (ALPHA) as strings, optionally by weights read from other keys (BY pattern), limited
 * (LIMIT), mapped to other keys' values (GET pattern, GET #) and stored as a list (STORE).
 *
 * What a learner can see and we keep:
 * - a BY pattern without '*' skips sorting: lists and sorted sets come back in their own
 *   order (reversed by DESC), sets in their encoding's order unless STORE forces ALPHA;
 * - numeric ties are broken by comparing the elements as strings, so the order is total;
 * - an element that is not a number (strtod must consume it all; NaN and overflow fail)
 *   makes the whole command fail, but only after every weight was read;
 * - sorting a sorted set turns its listpack into a skiplist for good (zsetConvert);
 * - STORE writes a list (dropping the destination's TTL) or deletes the destination when
 *   the result is empty.
 * ALPHA without STORE compares with strcoll, which in the server's default "C" locale is
 * strcmp: bytes up to the first NUL. Redis sorts with glibc's qsort, a stable merge sort,
 * and BY with a LIMIT window with its own partial quicksort (pqsort.ts), which orders ties
 * its own way: both are kept.
 */
import { hashGet } from '../datatypes/hash.ts';
import { ListValue } from '../datatypes/list.ts';
import { setMembers } from '../datatypes/set.ts';
import { rangeByRank } from '../datatypes/sorted-set.ts';
import { Err } from '../errors.ts';
import type { RedisValue } from '../keyspace/values.ts';
import { parseInt64 } from '../numbers.ts';
import { strtod } from '../strtod.ts';
import { NULL, array, bulk, error, integer, type Reply } from '../reply.ts';
import { WRONG_TYPE, isOption } from './args.ts';
import { pqsort } from './pqsort.ts';
import type { CommandContext, CommandSpec } from './types.ts';

interface SortItem {
  readonly element: string;
  score: number;
  /** The BY weight as a string (ALPHA BY); undefined when the weight key is missing. */
  weight: string | undefined;
}

/**
 * lookupKeyByPattern: '#' is the element itself; otherwise the first '*' is replaced by the
 * element, and a "->field" after it reads a hash field instead of a string.
 */
function lookupByPattern(ctx: CommandContext, pattern: string, element: string): string | null {
  if (pattern === '#') return element;
  const star = pattern.indexOf('*');
  if (star < 0) return null;
  const arrow = pattern.indexOf('->', star + 1);
  const hasField = arrow >= 0 && arrow + 2 < pattern.length;
  const key =
    pattern.slice(0, star) + element + pattern.slice(star + 1, hasField ? arrow : pattern.length);
  const value = ctx.db.lookup(key, ctx.nowMs);
  if (value === undefined) return null;
  if (hasField) {
    if (value.type !== 'hash') return null;
    return hashGet(value, pattern.slice(arrow + 2)) ?? null;
  }
  return value.type === 'string' ? value.value : null;
}

/** strcmp of the C strings: bytes up to the first NUL. */
function collate(a: string, b: string): number {
  const na = a.indexOf('\0');
  const nb = b.indexOf('\0');
  const ca = na < 0 ? a : a.slice(0, na);
  const cb = nb < 0 ? b : b.slice(0, nb);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/** compareStringObjects: binary, then by length (JS compares byte strings the same way). */
function binary(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A weight as sortCommandGeneric reads it: strtod over the whole C string. */
function weightOf(s: string): number | null {
  const r = strtod(s);
  const stop = r.end === s.length || s.charCodeAt(r.end) === 0;
  if (!stop || r.erange || Number.isNaN(r.value)) return null;
  return r.value;
}

function sortGeneric(ctx: CommandContext, readonly: boolean): Reply {
  const { argv, db } = ctx;
  const cluster = ctx.engine.config['cluster-enabled'] === 'yes';
  let desc = false;
  let alpha = false;
  let limitStart = 0;
  let limitCount = -1;
  let dontsort = false;
  let sortby: string | undefined;
  let storekey: string | undefined;
  const gets: string[] = [];
  for (let j = 2; j < argv.length; j++) {
    const arg = argv[j]!;
    const left = argv.length - j - 1;
    if (isOption(arg, 'asc')) desc = false;
    else if (isOption(arg, 'desc')) desc = true;
    else if (isOption(arg, 'alpha')) alpha = true;
    else if (isOption(arg, 'limit') && left >= 2) {
      const start = parseInt64(argv[j + 1]!);
      if (start === null) return error(Err.notInteger);
      const count = parseInt64(argv[j + 2]!);
      if (count === null) return error(Err.notInteger);
      limitStart = Number(start);
      limitCount = Number(count);
      j += 2;
    } else if (!readonly && isOption(arg, 'store') && left >= 1) {
      storekey = argv[++j]!;
    } else if (isOption(arg, 'by') && left >= 1) {
      sortby = argv[++j]!;
      // A pattern without '*' is a constant weight: nothing to sort (and it stays so).
      if (!sortby.includes('*')) dontsort = true;
      else if (cluster) return error(Err.sortByInCluster);
    } else if (isOption(arg, 'get') && left >= 1) {
      if (cluster) return error(Err.sortGetInCluster);
      gets.push(argv[++j]!);
    } else {
      return error(Err.syntax);
    }
  }

  const found = db.lookup(argv[1]!, ctx.nowMs);
  if (found !== undefined && found.type !== 'list' && found.type !== 'set' && found.type !== 'zset')
    return WRONG_TYPE;
  const sortval: RedisValue = found ?? new ListValue();

  if (dontsort && sortval.type === 'set' && storekey !== undefined) {
    // A stored set must not depend on its hash order: sort it as strings instead.
    dontsort = false;
    alpha = true;
    sortby = undefined;
  }
  if (sortval.type === 'zset') sortval.encoding = 'skiplist';

  const length =
    sortval.type === 'list'
      ? sortval.length
      : sortval.type === 'set'
        ? (sortval.ints?.length ?? sortval.table!.size)
        : sortval.dict.size;

  let start = Math.min(Math.max(limitStart, 0), length);
  const count = Math.min(Math.max(limitCount, -1), length);
  let end = count < 0 ? length - 1 : start + count - 1;
  if (start >= length) {
    start = length - 1;
    end = length - 2;
  }
  if (end >= length) end = length - 1;

  let items: SortItem[];
  const item = (element: string): SortItem => ({ element, score: 0, weight: undefined });
  if (dontsort && sortval.type !== 'set') {
    // Lists and sorted sets load just the window, in their own order.
    items = [];
    if (end >= start) {
      if (sortval.type === 'list') {
        const n = end - start + 1;
        const values = desc
          ? sortval.range(length - start - n, length - start - 1, true)
          : sortval.range(start, end);
        for (const v of values) items.push(item(v));
      } else if (sortval.type === 'zset') {
        rangeByRank(sortval, start, end, desc, (member) => items.push(item(member)));
      }
      end -= start;
      start = 0;
    }
  } else if (sortval.type === 'list') {
    items = sortval.range(0, length - 1).map(item);
  } else if (sortval.type === 'set') {
    items = setMembers(sortval).map(item);
  } else {
    items = [];
    if (sortval.type === 'zset') {
      // The dict's order, which only shows when weights tie.
      for (const member of sortval.dict.keys()) items.push(item(member));
    }
  }
  if (length === 0) items = [];

  let conversionError = false;
  if (!dontsort) {
    for (const it of items) {
      let byval: string | null;
      if (sortby !== undefined) {
        byval = lookupByPattern(ctx, sortby, it.element);
        if (byval === null) continue;
      } else {
        byval = it.element;
      }
      if (alpha) {
        if (sortby !== undefined) it.weight = byval;
      } else {
        const w = weightOf(byval);
        if (w === null) conversionError = true;
        else it.score = w;
      }
    }
    const store = storekey !== undefined;
    let cmp: (a: SortItem, b: SortItem) => number;
    if (!alpha) {
      cmp = (a, b) =>
        a.score > b.score ? 1 : a.score < b.score ? -1 : binary(a.element, b.element);
    } else if (sortby !== undefined) {
      const strings = store ? binary : collate;
      cmp = (a, b) => {
        if (a.weight === undefined || b.weight === undefined) {
          return a.weight === b.weight ? 0 : a.weight === undefined ? -1 : 1;
        }
        return strings(a.weight, b.weight);
      };
    } else {
      cmp = store
        ? (a, b) => binary(a.element, b.element)
        : (a, b) => collate(a.element, b.element);
    }
    const ordered = desc ? (a: SortItem, b: SortItem) => -cmp(a, b) : cmp;
    if (sortby !== undefined && (start !== 0 || end !== items.length - 1)) {
      pqsort(items, ordered, start, end);
    } else {
      items.sort(ordered);
    }
  }

  const outputlen = gets.length > 0 ? gets.length * (end - start + 1) : end - start + 1;
  if (conversionError) return error(Err.sortScoreNotDouble);
  if (storekey === undefined) {
    const out: Reply[] = [];
    for (let j = start; j <= end; j++) {
      const element = items[j]!.element;
      if (gets.length === 0) out.push(bulk(element));
      for (const pattern of gets) {
        const v = lookupByPattern(ctx, pattern, element);
        out.push(v === null ? NULL : bulk(v));
      }
    }
    return array(out);
  }
  const values: string[] = [];
  for (let j = start; j <= end; j++) {
    const element = items[j]!.element;
    if (gets.length === 0) values.push(element);
    for (const pattern of gets) values.push(lookupByPattern(ctx, pattern, element) ?? '');
  }
  if (outputlen > 0) {
    db.set(storekey, ListValue.from(values));
    ctx.engine.dirty += outputlen;
  } else if (db.delete(storekey)) {
    ctx.engine.dirty++;
  }
  return integer(outputlen);
}

const sortRow = { group: 'generic', keys: { first: 1, last: 1, step: 1 } } as const;

export const sortCommands: readonly CommandSpec[] = [
  {
    ...sortRow,
    name: 'sort',
    arity: -2,
    flags: ['write', 'denyoom', 'movablekeys'],
    complexity:
      'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).',
    summary: 'Sort the elements in a list, set or sorted set',
    since: '1.0.0',
    handler: (ctx) => sortGeneric(ctx, false),
  },
  {
    ...sortRow,
    name: 'sort_ro',
    arity: -2,
    flags: ['readonly', 'movablekeys'],
    complexity:
      'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).',
    summary: 'Sort the elements in a list, set or sorted set. Read-only variant of SORT.',
    since: '7.0.0',
    handler: (ctx) => sortGeneric(ctx, true),
  },
];
