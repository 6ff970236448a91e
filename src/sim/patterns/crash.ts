import type { RedisNode } from '../world/node.ts';

/**
 * A Redis process that dies and comes straight back with empty memory (no persistence: the
 * persistence work replaces this with a restart that reloads RDB/AOF). Connections and the
 * requests queued in front of the executor survive, an approximation that keeps clients
 * without timeouts from stalling forever; what matters for the lessons is that every key,
 * and so every write that lived only in Redis, is gone.
 */
export function wipeNode(node: RedisNode): number {
  let keys = 0;
  for (const db of node.engine.dbs) {
    keys += db.size;
    db.clear();
  }
  return keys;
}

/** A part that wants to look at a node's memory just before it is wiped (to count losses). */
export interface CrashObserver {
  beforeCrash(node: string): void;
}

export function isCrashObserver(x: unknown): x is CrashObserver {
  return (
    typeof x === 'object' && x !== null && typeof (x as CrashObserver).beforeCrash === 'function'
  );
}
