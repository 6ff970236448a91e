import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { restoreConsoleRecord, type Restored } from './restore.ts';
import { DB_VERSION, STORES, type ConsoleRecord } from './schema.ts';

interface RedisSimDB extends DBSchema {
  consoles: { key: string; value: unknown };
}

/**
 * IndexedDB access, one database per storage namespace (the app uses the default one;
 * each embed gets its own, so two embeds on a page never share state by accident).
 */
export class Persistence {
  private db: Promise<IDBPDatabase<RedisSimDB>> | undefined;

  constructor(readonly name = 'redis-sim') {}

  private open(): Promise<IDBPDatabase<RedisSimDB>> {
    this.db ??= openDB<RedisSimDB>(this.name, DB_VERSION, {
      upgrade(db, oldVersion) {
        // Each step brings a database from version N-1 to N; add steps, never edit them.
        if (oldVersion < 1) db.createObjectStore(STORES.consoles);
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

  close(): void {
    void this.db?.then((db) => db.close());
    this.db = undefined;
  }
}
