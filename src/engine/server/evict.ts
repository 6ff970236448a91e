/**
 * maxmemory eviction as evict.c does it: when used memory is over the limit, sample
 * maxmemory-samples keys of every database (all keys, or only those with a TTL for the
 * volatile-* policies) into a pool of the 16 best candidates kept across calls, evict the
 * best one still present, and repeat until enough memory is freed. The random policies pick
 * a random key, walking the databases round-robin. Nothing evictable means the caller
 * refuses denyoom commands with the OOM error.
 */
import type { Rng } from '../clock.ts';
import type { EngineConfig } from '../config.ts';
import type { KeyspaceTracker, TrackedValue } from '../keyspace/access.ts';
import type { Database } from '../keyspace/database.ts';

const POOL_SIZE = 16;

interface PoolEntry {
  key: string;
  db: number;
  score: number;
}

export interface EvictionHost {
  readonly dbs: readonly Database[];
  readonly config: EngineConfig;
  readonly rng: Rng;
  readonly tracker: KeyspaceTracker;
  nowMs(): number;
  usedMemory(): number;
}

export class Evictor {
  /** Sorted by score ascending; the best candidate is last (EvictionPoolLRU). */
  private pool: PoolEntry[] = [];
  private nextDb = 0;
  private readonly samples: string[] = [];
  /** Called after each eviction (keyspace notifications, propagation). */
  onEvicted: ((db: Database, key: string) => void) | undefined;

  constructor(private readonly host: EvictionHost) {}

  /** True when memory is under the limit (now or after evicting); false when it cannot be. */
  perform(): boolean {
    const { config } = this.host;
    const limit = config.maxmemory;
    if (limit <= 0) return true;
    let used = this.host.usedMemory();
    if (used <= limit) return true;
    if (config['maxmemory-policy'] === 'noeviction') return false;
    while (used > limit) {
      const freed = this.evictOne();
      if (freed === null) return false;
      used = this.host.usedMemory();
    }
    return true;
  }

  /** Evicts one key; the bytes freed, or null when nothing can be evicted. */
  evictOne(): number | null {
    const policy = this.host.config['maxmemory-policy'];
    const picked =
      policy === 'allkeys-random' || policy === 'volatile-random'
        ? this.pickRandom(policy === 'allkeys-random')
        : this.pickFromPool(policy.startsWith('allkeys'), policy === 'volatile-ttl');
    if (picked === undefined) return null;
    const [db, key] = picked;
    const value: TrackedValue | undefined = db.keys.get(key);
    const before = value?.mem ?? 0;
    db.delete(key);
    this.host.tracker.evictedKeys++;
    this.onEvicted?.(db, key);
    return before;
  }

  private pickRandom(allKeys: boolean): [Database, string] | undefined {
    const { dbs, rng } = this.host;
    for (let i = 0; i < dbs.length; i++) {
      this.nextDb = (this.nextDb + 1) % dbs.length;
      const db = dbs[this.nextDb]!;
      const dict = allKeys ? db.keys : db.expires;
      if (dict.size === 0) continue;
      const sampler = allKeys ? db.keySampler : db.expireSampler;
      const key = sampler.randomKey(dict, db.churn, rng);
      if (key !== undefined) return [db, key];
    }
    return undefined;
  }

  private pickFromPool(allKeys: boolean, byTtl: boolean): [Database, string] | undefined {
    const { dbs } = this.host;
    for (;;) {
      let total = 0;
      for (const db of dbs) {
        const dict = allKeys ? db.keys : db.expires;
        if (dict.size === 0) continue;
        total += dict.size;
        this.populate(db, allKeys, byTtl);
      }
      if (total === 0) return undefined;
      // Take the best candidate still present; stale ones are dropped on the way.
      while (this.pool.length > 0) {
        const best = this.pool.pop()!;
        const db = dbs[best.db]!;
        if ((allKeys ? db.keys : db.expires).has(best.key)) return [db, best.key];
      }
    }
  }

  private populate(db: Database, allKeys: boolean, byTtl: boolean): void {
    const { config, rng, tracker } = this.host;
    const samples = this.samples;
    samples.length = 0;
    const sampler = allKeys ? db.keySampler : db.expireSampler;
    sampler.sample(
      allKeys ? db.keys : db.expires,
      db.churn,
      config['maxmemory-samples'],
      rng,
      samples,
    );
    const now = this.host.nowMs();
    for (const key of samples) {
      let score: number;
      if (byTtl) {
        // The sooner the expire, the better the candidate.
        score = -(db.expires.get(key) ?? 0);
      } else {
        const value = db.keys.get(key);
        if (value === undefined) continue;
        score = tracker.evictionScore(value, now);
      }
      this.insert({ key, db: db.id, score });
    }
  }

  /** Inserts into the sorted pool, dropping the worst entry when it is full. */
  private insert(entry: PoolEntry): void {
    const pool = this.pool;
    // Already pooled (sampled again): refresh its score in place.
    for (let i = 0; i < pool.length; i++) {
      const e = pool[i]!;
      if (e.key === entry.key && e.db === entry.db) {
        pool.splice(i, 1);
        break;
      }
    }
    let k = 0;
    while (k < pool.length && pool[k]!.score < entry.score) k++;
    if (pool.length >= POOL_SIZE) {
      if (k === 0) return;
      pool.splice(k, 0, entry);
      pool.shift();
      return;
    }
    pool.splice(k, 0, entry);
  }
}
