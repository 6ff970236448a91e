import { loadHash, saveHash } from './datatypes/hash.ts';
import { loadSet, saveSet } from './datatypes/set.ts';
import { ListValue } from './datatypes/list.ts';
import type { Engine } from './engine.ts';
import { loadSortedSet, saveSortedSet } from './datatypes/sorted-set.ts';
import { stringValue, type RedisType, type RedisValue } from './keyspace/values.ts';

/**
 * The whole keyspace as plain JSON-safe data (byte strings stay strings), for IndexedDB,
 * checkpoints and export. Versioned: a reader checks `version` before trusting the rest.
 */
export interface KeyspaceSnapshot {
  readonly version: 1;
  readonly dbs: readonly DatabaseSnapshot[];
}

/** A value as JSON-safe data: its type tag and whatever its codec chose to keep. */
export interface SavedValue {
  readonly type: string;
  readonly [field: string]: unknown;
}

export interface DatabaseSnapshot {
  readonly id: number;
  /** [key, value, absolute expire time in Unix ms or null] */
  readonly entries: readonly (readonly [string, SavedValue, number | null])[];
}

interface ValueCodec<T extends RedisValue> {
  save(value: T): SavedValue;
  /** The value, or null when the saved data is malformed. */
  load(saved: SavedValue): T | null;
}

/** One codec a type; the compiler insists every type in RedisValue has one. */
const codecs: { [K in RedisType]: ValueCodec<Extract<RedisValue, { type: K }>> } = {
  string: {
    save: (v) => ({ type: 'string', value: v.value }),
    load: (s) => (typeof s.value === 'string' ? stringValue(s.value) : null),
  },
  hash: { save: saveHash, load: loadHash },
  set: { save: saveSet, load: loadSet },
  zset: { save: saveSortedSet, load: loadSortedSet },
  list: {
    save: (v) => ({ type: 'list', items: v.toArray() }),
    load: (s) =>
      Array.isArray(s.items) &&
      s.items.length > 0 &&
      s.items.every((x): x is string => typeof x === 'string')
        ? ListValue.from(s.items)
        : null,
  },
};

function saveValue(value: RedisValue): SavedValue {
  return (codecs[value.type] as ValueCodec<RedisValue>).save(value);
}

function loadValue(saved: SavedValue): RedisValue | null {
  const codec = codecs[saved.type as RedisType] as ValueCodec<RedisValue> | undefined;
  return codec === undefined ? null : codec.load(saved);
}

export function dumpKeyspace(engine: Engine): KeyspaceSnapshot {
  const dbs: DatabaseSnapshot[] = [];
  for (const db of engine.dbs) {
    if (db.size === 0) continue;
    const entries: [string, SavedValue, number | null][] = [];
    for (const [key, value] of db.keys) {
      entries.push([key, saveValue(value), db.expires.get(key) ?? null]);
    }
    dbs.push({ id: db.id, entries });
  }
  return { version: 1, dbs };
}

/** Replaces the engine's keyspace with a snapshot's; throws on a malformed one. */
export function restoreKeyspace(engine: Engine, snapshot: KeyspaceSnapshot): void {
  if (snapshot.version !== 1) throw new Error(`unknown keyspace snapshot version`);
  const loaded: [number, string, RedisValue, number | null][] = [];
  for (const dbSnap of snapshot.dbs) {
    if (engine.dbs[dbSnap.id] === undefined) {
      throw new Error(`snapshot names database ${dbSnap.id}`);
    }
    for (const [key, saved, expire] of dbSnap.entries) {
      const value = typeof key === 'string' && saved ? loadValue(saved) : null;
      if (value === null) throw new Error(`malformed entry in database ${dbSnap.id}`);
      loaded.push([dbSnap.id, key, value, expire]);
    }
  }
  // Only now that everything parsed: replace the keyspace in one go.
  for (const db of engine.dbs) db.clear();
  for (const [id, key, value, expire] of loaded) {
    const db = engine.dbs[id]!;
    db.set(key, value);
    if (expire !== null) db.setExpire(key, expire);
  }
  for (const db of engine.dbs) db.rebuildAccounting();
  // Clients blocked on keys the load filled are served now, as after Redis swaps in a
  // loaded keyspace (swapMainDbWithTempDb rescans, beforeSleep serves).
  for (const db of engine.dbs) engine.blocking.scanForReadyKeys(db);
  engine.blocking.serveReadyKeys();
}
