import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { storageNamespace } from './namespace.ts';
import { restoreConsoleRecord, type Restored } from './restore.ts';
import { DB_VERSION, STORES, type ConsoleRecord, type VersionedStore } from './schema.ts';
import {
  isChangeNotice,
  isQuotaError,
  isVersioned,
  newTabId,
  type ChangeNotice,
  type Versioned,
  type WriteResult,
} from './versioned.ts';

interface RedisSimDB extends DBSchema {
  consoles: { key: string; value: unknown };
  scenes: { key: string; value: unknown };
  settings: { key: string; value: unknown };
}

/**
 * IndexedDB access, one database per storage namespace (the app uses the default one;
 * each embed gets its own, so two embeds on a page never share state by accident).
 */
export class Persistence {
  private db: Promise<IDBPDatabase<RedisSimDB>> | undefined;
  private channel: BroadcastChannel | null = null;
  /** This tab: its own writes come back on the channel and are not news. */
  readonly tab = newTabId();

  constructor(readonly name = storageNamespace()) {}

  private open(): Promise<IDBPDatabase<RedisSimDB>> {
    this.db ??= openDB<RedisSimDB>(this.name, DB_VERSION, {
      upgrade(db, oldVersion) {
        // Each step brings a database from version N-1 to N; add steps, never edit them.
        if (oldVersion < 1) db.createObjectStore(STORES.consoles);
        if (oldVersion < 2) {
          db.createObjectStore(STORES.scenes);
          db.createObjectStore(STORES.settings);
        }
      },
    });
    return this.db;
  }

  /** The saved console of a scene: null when none, or the reason it could not be read. */
  async loadConsole(sceneId: string): Promise<Restored<ConsoleRecord> | null> {
    const raw = await (await this.open()).get(STORES.consoles, sceneId);
    if (raw === undefined) return null;
    return restoreConsoleRecord(raw);
  }

  async saveConsole(sceneId: string, record: ConsoleRecord): Promise<void> {
    await (await this.open()).put(STORES.consoles, record, sceneId);
  }

  async deleteConsole(sceneId: string): Promise<void> {
    await (await this.open()).delete(STORES.consoles, sceneId);
  }

  /**
   * A versioned record as stored (its `data` still unchecked: the caller validates it), or
   * null when there is none or it is not even a versioned record.
   */
  async readVersioned(store: VersionedStore, key: string): Promise<Versioned<unknown> | null> {
    const raw = await (await this.open()).get(store, key);
    return isVersioned(raw) ? raw : null;
  }

  /**
   * Writes revision `baseRev + 1` of a record, in one transaction, only if the stored one is
   * still `baseRev` (0: none yet). Another tab's newer record comes back as a conflict.
   */
  async writeVersioned<T>(
    store: VersionedStore,
    key: string,
    data: T,
    baseRev: number,
  ): Promise<WriteResult<T>> {
    let db: IDBPDatabase<RedisSimDB>;
    try {
      db = await this.open();
    } catch (e) {
      return { ok: false, kind: 'unavailable', reason: String(e) };
    }
    try {
      const tx = db.transaction(store, 'readwrite');
      const current = await tx.store.get(key);
      const currentRev = isVersioned(current) ? current.rev : 0;
      if (currentRev !== baseRev && isVersioned(current)) {
        await tx.done;
        return { ok: false, kind: 'conflict', theirs: current as Versioned<T> };
      }
      const rev = currentRev + 1;
      const record: Versioned<T> = { rev, tab: this.tab, data };
      await tx.store.put(record, key);
      await tx.done;
      this.broadcast({ store, key, rev, tab: this.tab });
      return { ok: true, rev };
    } catch (e) {
      if (isQuotaError(e)) return { ok: false, kind: 'quota', reason: String(e) };
      return { ok: false, kind: 'unavailable', reason: String(e) };
    }
  }

  /**
   * Moves a record that failed its checks out of the way (to `aside:<key>`, replacing an
   * older one there), so the lesson starts fresh while the bytes stay for a bug report.
   */
  async setAside(store: VersionedStore, key: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(store, 'readwrite');
    const raw: unknown = await tx.store.get(key);
    if (raw !== undefined) await tx.store.put(raw, `aside:${key}`);
    await tx.store.delete(key);
    await tx.done;
    this.broadcast({ store, key, rev: 0, tab: this.tab });
  }

  /** A record exactly as stored (tests and diagnostics). */
  async readRaw(store: VersionedStore, key: string): Promise<unknown> {
    return (await this.open()).get(store, key);
  }

  async deleteRecord(store: VersionedStore, key: string): Promise<void> {
    await (await this.open()).delete(store, key);
    this.broadcast({ store, key, rev: 0, tab: this.tab });
  }

  /** "Reset everything": every store emptied, the other tabs told. */
  async clearEverything(): Promise<void> {
    const db = await this.open();
    const tx = db.transaction([STORES.consoles, STORES.scenes, STORES.settings], 'readwrite');
    await Promise.all([
      tx.objectStore(STORES.consoles).clear(),
      tx.objectStore(STORES.scenes).clear(),
      tx.objectStore(STORES.settings).clear(),
      tx.done,
    ]);
    this.broadcast({ store: '*', key: '*', rev: 0, tab: this.tab });
  }

  /** Calls `listener` when another tab changes a record of this database. */
  onChange(listener: (notice: ChangeNotice) => void): () => void {
    const channel = this.changes();
    if (channel === null) return () => undefined;
    const handler = (e: MessageEvent): void => {
      if (isChangeNotice(e.data) && e.data.tab !== this.tab) listener(e.data);
    };
    channel.addEventListener('message', handler);
    return () => channel.removeEventListener('message', handler);
  }

  private changes(): BroadcastChannel | null {
    if (typeof BroadcastChannel === 'undefined') return null;
    this.channel ??= new BroadcastChannel(`${this.name}:changes`);
    return this.channel;
  }

  private broadcast(notice: ChangeNotice): void {
    this.changes()?.postMessage(notice);
  }

  close(): void {
    void this.db?.then((db) => db.close());
    this.db = undefined;
    this.channel?.close();
    this.channel = null;
  }
}
