/**
 * What the dispatcher asks of a command on every call, resolved once: the spec, its flags as
 * bits (as Redis keeps cmd->flags) and a dense index for counters kept in arrays. The
 * command table stays the data; this is a cache over it, keyed by the spec and by the name
 * as clients type it ('GET', 'get', 'Get'), so a call costs one Map lookup and no
 * lower-casing.
 */
import { lookupCommand } from './table.ts';
import type { CommandFlag, CommandSpec } from './types.ts';

/** Commands a RESP2 connection may run while subscribed (server.c processCommand). */
const ALLOWED_WHILE_SUBSCRIBED = new Set([
  'ping',
  'subscribe',
  'ssubscribe',
  'unsubscribe',
  'sunsubscribe',
  'psubscribe',
  'punsubscribe',
  'quit',
  'reset',
]);

/** Commands MULTI runs at once instead of queueing them. */
const NOT_QUEUED = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

export const Bit = {
  readonly: 1,
  denyoom: 2,
  noMulti: 4,
  skipSlowlog: 8,
  whileSubscribed: 16,
  notQueued: 32,
  execOrDiscard: 64,
} as const;

export interface Dispatch {
  readonly spec: CommandSpec;
  readonly bits: number;
  /** Dense, stable for the process: per-engine counters index arrays with it. */
  readonly index: number;
}

const bySpec = new Map<CommandSpec, Dispatch>();

export function dispatchOf(spec: CommandSpec): Dispatch {
  let d = bySpec.get(spec);
  if (d === undefined) {
    const has = (flag: CommandFlag): boolean => spec.flags.includes(flag);
    const bits =
      (has('readonly') ? Bit.readonly : 0) |
      (has('denyoom') ? Bit.denyoom : 0) |
      (has('no_multi') ? Bit.noMulti : 0) |
      (has('skip_slowlog') ? Bit.skipSlowlog : 0) |
      (ALLOWED_WHILE_SUBSCRIBED.has(spec.name) ? Bit.whileSubscribed : 0) |
      (NOT_QUEUED.has(spec.name) ? Bit.notQueued : 0) |
      (spec.name === 'exec' || spec.name === 'discard' ? Bit.execOrDiscard : 0);
    d = { spec, bits, index: bySpec.size };
    bySpec.set(spec, d);
  }
  return d;
}

/** Names as typed; only names that resolve are kept, and a full cache starts over. */
const byTypedName = new Map<string, Dispatch>();
const TYPED_NAME_LIMIT = 4096;

/** The command for a name as typed (case-insensitive), or undefined. */
export function resolveCommand(name: string): Dispatch | undefined {
  const hit = byTypedName.get(name);
  if (hit !== undefined) return hit;
  const spec = lookupCommand(name);
  if (spec === undefined) return undefined;
  if (byTypedName.size >= TYPED_NAME_LIMIT) byTypedName.clear();
  const d = dispatchOf(spec);
  byTypedName.set(name, d);
  return d;
}
