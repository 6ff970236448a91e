import type { Database } from './keyspace/database.ts';
import type { Session } from './engine.ts';

/** One WATCHed key of one session (multi.c watchedKey). */
export interface WatchedKey {
  readonly key: string;
  readonly db: Database;
  readonly session: Session;
  /** The key was already logically expired when WATCH ran. */
  expired: boolean;
}

/**
 * WATCH bookkeeping, as multi.c keeps it: per database, key -> the sessions watching it,
 * so a write finds its watchers in O(1); per session, the list of its watched keys, so
 * UNWATCH and EXEC drop them without scanning. Every key write reaches touchKey through
 * Database.onModified; with nothing watched in that database it returns at once.
 */
export class WatchRegistry {
  private readonly byDb: Map<string, WatchedKey[]>[];

  constructor(
    databases: number,
    private readonly nowMs: () => number,
  ) {
    this.byDb = Array.from({ length: databases }, () => new Map<string, WatchedKey[]>());
  }

  watch(session: Session, db: Database, key: string): void {
    for (const wk of session.watched) if (wk.db === db && wk.key === key) return;
    const watchers = this.watchersOf(db);
    let list = watchers.get(key);
    if (list === undefined) watchers.set(key, (list = []));
    const wk: WatchedKey = { key, db, session, expired: isExpired(db, key, this.nowMs()) };
    list.push(wk);
    session.watched.push(wk);
  }

  unwatchAll(session: Session): void {
    for (const wk of session.watched) {
      const watchers = this.watchersOf(wk.db);
      const list = watchers.get(wk.key);
      if (list === undefined) continue;
      const at = list.indexOf(wk);
      if (at !== -1) list.splice(at, 1);
      if (list.length === 0) watchers.delete(wk.key);
    }
    session.watched.length = 0;
  }

  /** True when a key watched while alive has since expired (multi.c isWatchedKeyExpired). */
  anyWatchedKeyExpired(session: Session): boolean {
    const now = this.nowMs();
    for (const wk of session.watched) {
      if (!wk.expired && isExpired(wk.db, wk.key, now)) return true;
    }
    return false;
  }

  /** A key was written, deleted or expired (multi.c touchWatchedKey). */
  touchKey(db: Database, key: string): void {
    const watchers = this.byDb[db.id];
    if (watchers === undefined || watchers.size === 0) return;
    const list = watchers.get(key);
    if (list === undefined) return;
    for (const wk of [...list]) {
      if (wk.expired) {
        if (!db.keys.has(key)) {
          // The expired key is now really gone: logically nothing changed.
          wk.expired = false;
          continue;
        }
        // Redis 7.0 leaves the loop here, so later watchers of this key stay clean.
        break;
      }
      wk.session.dirtyCas = true;
      // A dirty session's other watches no longer matter.
      this.unwatchAll(wk.session);
    }
  }

  /** FLUSHDB, FLUSHALL, SWAPDB (multi.c touchAllWatchedKeysInDb). */
  touchAllInDb(emptied: Database, replacedWith?: Database): void {
    const watchers = this.byDb[emptied.id];
    if (watchers === undefined || watchers.size === 0) return;
    const now = this.nowMs();
    for (const [key, list] of watchers) {
      const inEmptied = emptied.keys.has(key);
      const inReplacement = replacedWith !== undefined && replacedWith.keys.has(key);
      if (!inEmptied && !inReplacement) continue;
      for (const wk of list) {
        if (wk.expired) {
          if (!inReplacement) {
            wk.expired = false;
            continue;
          } else if (isExpired(replacedWith, key, now)) {
            continue;
          }
        } else if (!inEmptied && isExpired(replacedWith!, key, now)) {
          wk.expired = true;
          continue;
        }
        wk.session.dirtyCas = true;
      }
    }
  }

  private watchersOf(db: Database): Map<string, WatchedKey[]> {
    const watchers = this.byDb[db.id];
    if (watchers === undefined) throw new Error(`no database ${db.id}`);
    return watchers;
  }
}

/** db.c keyIsExpired: the key has an expire time already in the past. */
function isExpired(db: Database, key: string, nowMs: number): boolean {
  const when = db.expires.get(key);
  return when !== undefined && nowMs > when;
}
