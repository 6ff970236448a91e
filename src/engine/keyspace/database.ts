import type { RedisValue } from './values.ts';

/**
 * One of the 16 logical databases: a dict of keys and a second dict of expire times
 * (absolute Unix milliseconds), as in Redis's redisDb. Every read or write of a key goes
 * through lookup(), which deletes the key first if it has expired (lazy expiry, db.c
 * expireIfNeeded), and every change goes through set()/delete() so WATCH and the
 * dirty counter can follow it.
 */
export class Database {
  readonly keys = new Map<string, RedisValue>();
  readonly expires = new Map<string, number>();
  /** Called after a key is written, deleted or expired (Redis's signalModifiedKey). */
  onModified: ((db: Database, key: string) => void) | undefined;
  /**
   * Called when set() creates a key that was not there (Redis's dbAdd), which is when
   * clients blocked on that key may be served.
   */
  onAdded: ((db: Database, key: string) => void) | undefined;
  /** Called when a key is removed because it expired, for stats and propagation. */
  onExpired: ((db: Database, key: string) => void) | undefined;

  constructor(readonly id: number) {}

  get size(): number {
    return this.keys.size;
  }

  /** The value of a live key, deleting it first if it has expired. */
  lookup(key: string, nowMs: number): RedisValue | undefined {
    const value = this.keys.get(key);
    if (value === undefined) return undefined;
    if (this.expireIfNeeded(key, nowMs)) return undefined;
    return value;
  }

  /** True (and the key is gone) when the key had an expire time earlier than now. */
  expireIfNeeded(key: string, nowMs: number): boolean {
    const when = this.expires.get(key);
    // keyIsExpired: a key expires when now is strictly greater than its time.
    if (when === undefined || !(nowMs > when)) return false;
    this.keys.delete(key);
    this.expires.delete(key);
    this.onExpired?.(this, key);
    this.onModified?.(this, key);
    return true;
  }

  /** Stores a value; a plain SET drops the TTL unless keepTtl (KEEPTTL, INCR, APPEND...). */
  set(key: string, value: RedisValue, keepTtl = false): void {
    const size = this.keys.size;
    this.keys.set(key, value);
    if (!keepTtl) this.expires.delete(key);
    this.onModified?.(this, key);
    if (this.keys.size !== size) this.onAdded?.(this, key);
  }

  delete(key: string): boolean {
    if (!this.keys.delete(key)) return false;
    this.expires.delete(key);
    this.onModified?.(this, key);
    return true;
  }

  /** Records that a value was changed in place (a list push, a hash field...). */
  modified(key: string): void {
    this.onModified?.(this, key);
  }

  setExpire(key: string, whenMs: number): void {
    this.expires.set(key, whenMs);
    this.onModified?.(this, key);
  }

  /** Absolute expire time in ms, or -1 when the key has none. */
  getExpire(key: string): number {
    return this.expires.get(key) ?? -1;
  }

  clear(): void {
    const keys = [...this.keys.keys()];
    this.keys.clear();
    this.expires.clear();
    for (const key of keys) this.onModified?.(this, key);
  }
}
