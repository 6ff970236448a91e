import type { Rng } from '../clock.ts';
import { ScanOrder } from './scan-order.ts';
import type { RedisValue } from './values.ts';

/**
 * One of the 16 logical databases: a dict of keys and a second dict of expire times
 * (absolute Unix milliseconds), as in Redis's redisDb. Every read or write of a key goes
 * through lookup(), which deletes the key first if it has expired (lazy expiry, db.c
 * expireIfNeeded), and every change goes through set()/delete() so WATCH and the
 * dirty counter can follow it. A ScanOrder follows the key set for SCAN and RANDOMKEY, so
 * `keys` and `expires` must only be changed through these methods.
 */
export class Database {
  /** Read freely; write only through set()/delete()/clear() (the ScanOrder follows them). */
  keys = new Map<string, RedisValue>();
  expires = new Map<string, number>();
  /**
   * Built on the first SCAN or RANDOMKEY and followed from then on, so a database that is
   * never scanned pays nothing for it on SET and DEL (FLUSHDB drops it again).
   */
  private order: ScanOrder | undefined;
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
    this.order?.removed(key);
    this.onExpired?.(this, key);
    this.onModified?.(this, key);
    return true;
  }

  /** Stores a value; a plain SET drops the TTL unless keepTtl (KEEPTTL, INCR, APPEND...). */
  set(key: string, value: RedisValue, keepTtl = false): void {
    const before = this.keys.size;
    this.keys.set(key, value);
    // The size tells whether the key is new without a second lookup.
    if (this.order !== undefined && this.keys.size !== before) this.order.addNew(key);
    if (!keepTtl) this.expires.delete(key);
    this.onModified?.(this, key);
    if (this.keys.size !== before) this.onAdded?.(this, key);
  }

  delete(key: string): boolean {
    if (!this.keys.delete(key)) return false;
    this.expires.delete(key);
    this.order?.removed(key);
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

  /** Removes a key's TTL; false when it had none (PERSIST). */
  removeExpire(key: string): boolean {
    if (!this.expires.delete(key)) return false;
    this.onModified?.(this, key);
    return true;
  }

  clear(): void {
    const keys = this.onModified ? [...this.keys.keys()] : [];
    this.keys.clear();
    this.expires.clear();
    this.order = undefined;
    for (const key of keys) this.onModified?.(this, key);
  }

  /**
   * Up to about `count` keys after `cursor` (SCAN): every key present for a whole iteration
   * is returned at least once. Expired keys may be among them; the caller filters.
   */
  scan(cursor: number, count: number): { cursor: number; keys: string[] } {
    return this.scanOrder().scan(cursor, count);
  }

  /** A uniformly chosen key (possibly expired), or undefined when empty. */
  randomKey(rng: Rng): string | undefined {
    return this.scanOrder().random(rng);
  }

  private scanOrder(): ScanOrder {
    if (this.order === undefined) {
      // The Map iterates in insertion order, the order a ScanOrder would have recorded.
      this.order = new ScanOrder();
      for (const key of this.keys.keys()) this.order.addNew(key);
    }
    return this.order;
  }

  /**
   * Exchanges the whole contents with another database (SWAPDB): clients stay on their
   * index and see the other data. Keys of both count as modified, for WATCH.
   */
  swapWith(other: Database): void {
    [this.keys, other.keys] = [other.keys, this.keys];
    [this.expires, other.expires] = [other.expires, this.expires];
    [this.order, other.order] = [other.order, this.order];
    if (this.onModified) for (const key of this.keys.keys()) this.onModified(this, key);
    if (this.onModified) for (const key of other.keys.keys()) this.onModified(this, key);
    if (other.onModified) for (const key of this.keys.keys()) other.onModified(other, key);
    if (other.onModified) for (const key of other.keys.keys()) other.onModified(other, key);
  }
}
