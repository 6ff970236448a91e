/**
 * A reply as a command produces it, before it meets a protocol. Like Redis's addReply*
 * family, a command states what it means (a null, a map, a double) and the connection's
 * protocol decides the bytes: RESP2 turns a map into a flat array and a double into a bulk
 * string, RESP3 keeps them. Strings are byte strings (see bytes.ts).
 */
export type Reply =
  | { readonly kind: 'status'; readonly value: string }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'integer'; readonly value: number | bigint }
  | { readonly kind: 'bulk'; readonly value: string }
  /** A missing value: `$-1` in RESP2, `_` in RESP3. */
  | { readonly kind: 'null' }
  /** A missing aggregate: `*-1` in RESP2, `_` in RESP3. */
  | { readonly kind: 'nullArray' }
  | { readonly kind: 'array'; readonly items: readonly Reply[] }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [Reply, Reply])[] }
  | { readonly kind: 'set'; readonly items: readonly Reply[] }
  | { readonly kind: 'push'; readonly items: readonly Reply[] }
  | { readonly kind: 'double'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'verbatim'; readonly format: string; readonly value: string }
  | { readonly kind: 'bignum'; readonly value: string };

export type ReplyKind = Reply['kind'];

export const status = (value: string): Reply => ({ kind: 'status', value });
export const error = (message: string): Reply => ({ kind: 'error', message });
/**
 * Shared replies for the small integers counters and lengths mostly are (Redis keeps
 * shared.integers 0..9999 for the same reason): no allocation for most INCRs and pushes.
 */
const SMALL_INTEGERS: readonly Reply[] = Array.from({ length: 10000 }, (_, value) =>
  Object.freeze({ kind: 'integer', value }),
);

export const integer = (value: number | bigint): Reply =>
  typeof value === 'number' && value >= 0 && value < 10000 && Number.isInteger(value)
    ? SMALL_INTEGERS[value]!
    : { kind: 'integer', value };
export const bulk = (value: string): Reply => ({ kind: 'bulk', value });
export const array = (items: readonly Reply[]): Reply => ({ kind: 'array', items });
export const bulkArray = (values: readonly string[]): Reply => array(values.map(bulk));
export const double = (value: number): Reply => ({ kind: 'double', value });
export const boolean = (value: boolean): Reply => ({ kind: 'boolean', value });
export const map = (entries: readonly (readonly [Reply, Reply])[]): Reply => ({
  kind: 'map',
  entries,
});
export const set = (items: readonly Reply[]): Reply => ({ kind: 'set', items });
export const verbatim = (value: string, format = 'txt'): Reply => ({
  kind: 'verbatim',
  format,
  value,
});

/** Replies every command shares; frozen so no handler can change them for the others. */
export const OK: Reply = Object.freeze({ kind: 'status', value: 'OK' });
export const PONG: Reply = Object.freeze({ kind: 'status', value: 'PONG' });
export const QUEUED: Reply = Object.freeze({ kind: 'status', value: 'QUEUED' });
export const NULL: Reply = Object.freeze({ kind: 'null' });
export const NULL_ARRAY: Reply = Object.freeze({ kind: 'nullArray' });
export const ZERO: Reply = Object.freeze({ kind: 'integer', value: 0 });
export const ONE: Reply = Object.freeze({ kind: 'integer', value: 1 });
export const EMPTY_ARRAY: Reply = Object.freeze({ kind: 'array', items: Object.freeze([]) });

export const isError = (r: Reply): r is Extract<Reply, { kind: 'error' }> => r.kind === 'error';

/** Returns the bulk-or-null contents of a reply; handy for callers that know the shape. */
export function bulkOrNull(r: Reply): string | null {
  return r.kind === 'bulk' ? r.value : null;
}
