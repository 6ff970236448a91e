import type { Rng } from '../clock.ts';
import { ScanOrder } from './scan-order.ts';
import { keyOverhead } from '../memory/alloc.ts';
import type { KeyspaceTracker, TrackedValue } from './access.ts';
import { KeySampler } from './sampler.ts';
import { memoryUsageOf } from './value-ops.ts';
import { StringEncoding, stringValue, type RedisValue } from './values.ts';

/**
 * One of the 16 logical databases: a dict of keys and a second dict of expire times
 * (absolute Unix milliseconds), as in Redis's redisDb. Every read or write of a key goes
 * through lookup(), which deletes the key first if it has expired (lazy expiry, db.c
 * expireIfNeeded), and every change goes through set()/delete() so WATCH and the
 * dirty counter can follow it. A ScanOrder follows the key set for SCAN and RANDOMKEY, so
 * `keys` and `expires` must only be changed through these methods.
 *
 * The database also keeps what eviction and INFO need, cheaply: every stored value carries
 * its access time (robj.lru, see access.ts) and its memory estimate; `memory` is their sum,
 * updated on set/delete and, for values changed in place, lazily on the next read of it.
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

  /** Shared access tracking and keyspace counters; set by the Engine. */
  tracker: KeyspaceTracker | undefined;
  /** Sum of the cached per-key memory estimates (keys whose value changed in place: see stale). */
  private mem = 0;
  /** Keys modified in place since their estimate was computed. */
  private readonly stale = new Set<string>();
  /** Counts keys added or removed, in either dict: samplers rebuild after enough churn. */
  churn = 0;
  readonly keySampler = new KeySampler();
  readonly expireSampler = new KeySampler();
  /** The active expire cycle's position in `expires` (db->expires_cursor). */
  expireCursor: Iterator<[string, number]> | undefined;
  /** Running average TTL of sampled volatile keys, ms (INFO keyspace avg_ttl). */
  avgTtl = 0;

  constructor(readonly id: number) {}

  get size(): number {
    return this.keys.size;
  }

  /** The value of a live key, deleting it first if it has expired. */
  lookup(key: string, nowMs: number): RedisValue | undefined {
    const value = this.keys.get(key);
    const tracker = this.tracker;
    if (value === undefined || this.expireIfNeeded(key, nowMs)) {
      if (tracker?.reading) {
        tracker.misses++;
        tracker.onMiss?.(this.id, key);
      }
      return undefined;
    }
    if (tracker !== undefined) {
      if (tracker.reading) tracker.hits++;
      tracker.touch(value, nowMs);
    }
    return value;
  }

  /**
   * lookup without updating the key's access time (LOOKUP_NOTOUCH: TYPE, EXISTS, TTL,
   * OBJECT...). Redis still counts those reads as keyspace hits and misses.
   */
  peek(key: string, nowMs: number): RedisValue | undefined {
    const value = this.keys.get(key);
    const tracker = this.tracker;
    if (value === undefined || this.expireIfNeeded(key, nowMs)) {
      if (tracker?.reading) {
        tracker.misses++;
        tracker.onMiss?.(this.id, key);
      }
      return undefined;
    }
    if (tracker?.reading) tracker.hits++;
    return value;
  }

  /** True (and the key is gone) when the key had an expire time earlier than now. */
  expireIfNeeded(key: string, nowMs: number): boolean {
    // Most keyspaces in a lesson have no TTLs at all: skip the second dict lookup then.
    if (this.expires.size === 0) return false;
    const when = this.expires.get(key);
    // keyIsExpired: a key expires when now is strictly greater than its time.
    if (when === undefined || !(nowMs > when)) return false;
    this.remove(key);
    if (this.tracker) this.tracker.expiredKeys++;
    this.onExpired?.(this, key);
    this.onModified?.(this, key);
    return true;
  }

  /** Stores a value; a plain SET drops the TTL unless keepTtl (KEEPTTL, INCR, APPEND...). */
  set(key: string, value: RedisValue, keepTtl = false): void {
    this.store(key, value, keepTtl, this.keys.get(key));
  }

  /**
   * set() of a new string made from a command argument (SET, MSET, GETSET: encoding Auto).
   * When the key already holds a string its object is refilled instead of replaced: one dict
   * probe instead of two and nothing allocated, which is most of what a SET costs. Every
   * field a new object would bring (bytes, encoding, access time, estimate) is reset, so no
   * command can tell the difference.
   */
  setString(key: string, bytes: string, keepTtl = false): void {
    const old: TrackedValue | undefined = this.keys.get(key);
    if (old?.type !== 'string') {
      this.store(key, stringValue(bytes), keepTtl, old);
      return;
    }
    this.mem -= old.mem ?? 0;
    old.value = bytes;
    old.enc = StringEncoding.Auto;
    const tracker = this.tracker;
    // As store() stamps a new object: fresh, except that LFU inherits the counter.
    if (tracker === undefined) old.lru = undefined;
    else if (old.lru === undefined || !tracker.lfu) old.lru = tracker.initial(tracker.nowMs);
    const mem = keyOverhead(key) + memoryUsageOf(old);
    old.mem = mem;
    this.mem += mem;
    if (!keepTtl && this.expires.size > 0 && this.expires.delete(key)) this.churn++;
    this.onModified?.(this, key);
  }

  private store(
    key: string,
    value: RedisValue,
    keepTtl: boolean,
    old: TrackedValue | undefined,
  ): void {
    const fresh: TrackedValue = value;
    if (old === undefined) this.churn++;
    else this.mem -= old.mem ?? 0;
    if (fresh.lru === undefined && this.tracker !== undefined) {
      // A new object starts fresh; under LFU an overwrite inherits the counter (dbOverwrite).
      fresh.lru =
        old?.lru !== undefined && this.tracker.lfu
          ? old.lru
          : this.tracker.initial(this.tracker.nowMs);
    }
    if (value.type === 'string') {
      const mem = keyOverhead(key) + memoryUsageOf(value);
      fresh.mem = mem;
      this.mem += mem;
    } else {
      // A new collection is usually filled right after it is stored (LPUSH, ZADD, SADD...):
      // its estimate is made when next asked for, not now while it is still empty.
      fresh.mem = 0;
      this.stale.add(key);
    }
    const before = this.keys.size;
    this.keys.set(key, value);
    // The size tells whether the key is new without a second lookup.
    if (this.order !== undefined && this.keys.size !== before) this.order.addNew(key);
    if (!keepTtl && this.expires.size > 0 && this.expires.delete(key)) this.churn++;
    this.onModified?.(this, key);
    if (this.keys.size !== before) this.onAdded?.(this, key);
  }

  delete(key: string): boolean {
    if (!this.remove(key)) return false;
    this.onModified?.(this, key);
    return true;
  }

  private remove(key: string): boolean {
    const old: TrackedValue | undefined = this.keys.get(key);
    if (old === undefined) return false;
    this.keys.delete(key);
    this.order?.removed(key);
    this.mem -= old.mem ?? 0;
    this.churn++;
    if (this.expires.delete(key)) this.churn++;
    return true;
  }

  /** Records that a value was changed in place (a list push, a hash field...). */
  modified(key: string): void {
    this.stale.add(key);
    this.onModified?.(this, key);
  }

  /** A value changed in place without changing its memory estimate (INCR of an int). */
  modifiedSameSize(key: string): void {
    this.onModified?.(this, key);
  }

  setExpire(key: string, whenMs: number): void {
    const before = this.expires.size;
    this.expires.set(key, whenMs);
    if (this.expires.size !== before) this.churn++;
    this.onModified?.(this, key);
  }

  /** Sum of MEMORY USAGE over the keys (key, value and dict entry), bringing stale ones up to date. */
  memoryUsage(): number {
    if (this.stale.size > 0) {
      for (const key of this.stale) {
        const value: TrackedValue | undefined = this.keys.get(key);
        if (value === undefined) continue;
        this.mem -= value.mem ?? 0;
        value.mem = keyOverhead(key) + memoryUsageOf(value);
        this.mem += value.mem;
      }
      this.stale.clear();
    }
    return this.mem;
  }

  /** Recomputes every estimate; for code that filled `keys` directly (snapshot restore). */
  rebuildAccounting(): void {
    this.mem = 0;
    this.stale.clear();
    this.churn += this.keys.size + 1;
    this.expireCursor = undefined;
    for (const [key, value] of this.keys as Map<string, TrackedValue>) {
      value.mem = keyOverhead(key) + memoryUsageOf(value);
      this.mem += value.mem;
    }
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
    this.mem = 0;
    this.stale.clear();
    this.churn += keys.length + 1;
    this.avgTtl = 0;
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
   * index and see the other data. Watchers and blocked clients are the caller's business
   * (dbSwapDatabases touches watched keys before and rescans blocked keys after), so
   * nothing is signalled here: a swap stays O(1) however many keys either side holds.
   */
  swapWith(other: Database): void {
    [this.keys, other.keys] = [other.keys, this.keys];
    [this.expires, other.expires] = [other.expires, this.expires];
    [this.order, other.order] = [other.order, this.order];
    [this.mem, other.mem] = [other.mem, this.mem];
    [this.avgTtl, other.avgTtl] = [other.avgTtl, this.avgTtl];
    for (const key of this.stale) other.stale.add(key);
    for (const key of other.stale) this.stale.add(key);
    this.churn += other.keys.size + 1;
    other.churn += this.keys.size + 1;
    this.expireCursor = other.expireCursor = undefined;
  }
}
