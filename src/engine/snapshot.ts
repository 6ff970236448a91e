import type { Engine } from './engine.ts';
import type { RedisValue } from './keyspace/values.ts';

/**
 * The whole keyspace as plain JSON-safe data (byte strings stay strings), for IndexedDB,
 * checkpoints and export. Versioned: a reader checks `version` before trusting the rest.
 */
export interface KeyspaceSnapshot {
  readonly version: 1;
  readonly dbs: readonly DatabaseSnapshot[];
}

export interface DatabaseSnapshot {
  readonly id: number;
  /** [key, value, absolute expire time in Unix ms or null] */
  readonly entries: readonly (readonly [string, RedisValue, number | null])[];
}

export function dumpKeyspace(engine: Engine): KeyspaceSnapshot {
  const dbs: DatabaseSnapshot[] = [];
  for (const db of engine.dbs) {
    if (db.size === 0) continue;
    const entries: [string, RedisValue, number | null][] = [];
    for (const [key, value] of db.keys) {
      entries.push([key, structuredValue(value), db.expires.get(key) ?? null]);
    }
    dbs.push({ id: db.id, entries });
  }
  return { version: 1, dbs };
}

/** Replaces the engine's keyspace with a snapshot's; throws on a malformed one. */
export function restoreKeyspace(engine: Engine, snapshot: KeyspaceSnapshot): void {
  if (snapshot.version !== 1) throw new Error(`unknown keyspace snapshot version`);
  for (const db of engine.dbs) {
    db.keys.clear();
    db.expires.clear();
  }
  for (const dbSnap of snapshot.dbs) {
    const db = engine.dbs[dbSnap.id];
    if (db === undefined) throw new Error(`snapshot names database ${dbSnap.id}`);
    for (const [key, value, expire] of dbSnap.entries) {
      if (typeof key !== 'string' || !isRedisValue(value)) {
        throw new Error(`malformed entry in database ${dbSnap.id}`);
      }
      db.keys.set(key, structuredValue(value));
      if (expire !== null) db.expires.set(key, expire);
    }
  }
}

function structuredValue(value: RedisValue): RedisValue {
  return { type: value.type, value: value.value };
}

function isRedisValue(v: unknown): v is RedisValue {
  if (typeof v !== 'object' || v === null) return false;
  const candidate = v as { type?: unknown; value?: unknown };
  return candidate.type === 'string' && typeof candidate.value === 'string';
}
