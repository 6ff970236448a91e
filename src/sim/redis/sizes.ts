import type { KeyspaceSnapshot } from '../../engine/index.ts';

/**
 * Byte sizes the persistence model charges time for. They are estimates, not Redis's exact
 * encodings: what matters is that a bigger dataset forks, saves and loads proportionally
 * slower, and that an AOF grows by the RESP bytes of each write.
 */

/** Per-key overhead in memory and in an RDB: dict entry, object header, key header. */
const KEY_OVERHEAD = 48;

/** The dataset's size in bytes, from a keyspace dump (which a fork takes anyway). */
export function datasetBytes(keyspace: KeyspaceSnapshot): number {
  let bytes = 0;
  for (const db of keyspace.dbs) {
    for (const [key, saved] of db.entries) {
      const value =
        saved.type === 'string' && typeof saved.value === 'string'
          ? saved.value.length
          : JSON.stringify(saved).length;
      bytes += key.length + value + KEY_OVERHEAD;
    }
  }
  return bytes;
}

/** A command's size in the AOF: its RESP multi-bulk encoding. */
export function respBytes(argv: readonly string[]): number {
  let n = 3 + digits(argv.length);
  for (const arg of argv) n += 5 + digits(arg.length) + arg.length;
  return n;
}

function digits(n: number): number {
  return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : String(n).length;
}
