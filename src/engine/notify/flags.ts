/**
 * notify-keyspace-events: which classes of keyspace events are published, as the bit set
 * Redis 7.0.15 keeps (server.h NOTIFY_*), read from and printed as its flag letters.
 */
export const Notify = {
  keyspace: 1 << 0, // K
  keyevent: 1 << 1, // E
  generic: 1 << 2, // g
  string: 1 << 3, // $
  list: 1 << 4, // l
  set: 1 << 5, // s
  hash: 1 << 6, // h
  zset: 1 << 7, // z
  expired: 1 << 8, // x
  evicted: 1 << 9, // e
  stream: 1 << 10, // t
  keyMiss: 1 << 11, // m
  module: 1 << 13, // d
  newKey: 1 << 14, // n
} as const;

/** 'A': every class but key misses and new keys, which must be asked for by name. */
const ALL =
  Notify.generic |
  Notify.string |
  Notify.list |
  Notify.set |
  Notify.hash |
  Notify.zset |
  Notify.expired |
  Notify.evicted |
  Notify.stream |
  Notify.module;

const LETTERS: Readonly<Record<string, number>> = {
  A: ALL,
  g: Notify.generic,
  $: Notify.string,
  l: Notify.list,
  s: Notify.set,
  h: Notify.hash,
  z: Notify.zset,
  x: Notify.expired,
  e: Notify.evicted,
  K: Notify.keyspace,
  E: Notify.keyevent,
  t: Notify.stream,
  m: Notify.keyMiss,
  d: Notify.module,
  n: Notify.newKey,
};

/** Printed in this order after 'A' or the class letters (keyspaceEventsFlagsToString). */
const CLASS_ORDER = 'g$lshzxetdn';

export const INVALID_EVENT_CLASS = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";

/** The flags a string of letters names, or undefined when a letter is unknown. */
export function parseEventFlags(letters: string): number | undefined {
  let flags = 0;
  for (const c of letters) {
    const bit = LETTERS[c];
    if (bit === undefined) return undefined;
    flags |= bit;
  }
  return flags;
}

/** The letters CONFIG GET prints for a set of flags. */
export function formatEventFlags(flags: number): string {
  let out = '';
  if ((flags & ALL) === ALL) out = 'A';
  else for (const c of CLASS_ORDER) if (flags & LETTERS[c]!) out += c;
  if (flags & Notify.keyspace) out += 'K';
  if (flags & Notify.keyevent) out += 'E';
  if (flags & Notify.keyMiss) out += 'm';
  return out;
}
