/**
 * Per-key access metadata, kept where Redis keeps it: on the value object (robj.lru), so a
 * read costs one property write and no extra map lookup. One 24-bit field serves both
 * policies, as in Redis:
 *  - LRU: the LRU clock (seconds, 24 bits) of the last access;
 *  - LFU: the access time in minutes (16 bits) << 8 | an 8-bit logarithmic counter.
 * Switching policy at run time leaves the old meaning in place until keys are touched again,
 * exactly the caveat OBJECT FREQ / IDLETIME print.
 */
import type { Rng } from '../clock.ts';
import type { EngineConfig } from '../config.ts';
import type { RedisValue } from './values.ts';

/** Fields the keyspace adds to every stored value object. */
export interface ValueMeta {
  /** robj.lru: LRU clock or LFU time+counter; undefined until the value is stored. */
  lru?: number | undefined;
  /** Cached per-key memory estimate (key + value) counted in the database's total. */
  mem?: number | undefined;
}

export type TrackedValue = RedisValue & ValueMeta;

export const LRU_CLOCK_MAX = (1 << 24) - 1;
/** Milliseconds per LRU clock tick. */
export const LRU_CLOCK_RESOLUTION = 1000;
/** A new key's LFU counter: high enough that it is not evicted before it can be read again. */
export const LFU_INIT_VAL = 5;

export function lruClock(nowMs: number): number {
  return Math.floor(nowMs / LRU_CLOCK_RESOLUTION) & LRU_CLOCK_MAX;
}

export function lfuMinutes(nowMs: number): number {
  return Math.floor(nowMs / 60000) & 65535;
}

export function isLfuPolicy(policy: EngineConfig['maxmemory-policy']): boolean {
  return policy === 'allkeys-lfu' || policy === 'volatile-lfu';
}

/** Milliseconds since the last access under LRU (estimateObjectIdleTime). */
export function idleMs(lru: number, nowMs: number): number {
  const clock = lruClock(nowMs);
  const ticks = clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru);
  return ticks * LRU_CLOCK_RESOLUTION;
}

/** The LFU counter after applying decay for the minutes elapsed (LFUDecrAndReturn). */
export function lfuDecayed(lru: number, nowMs: number, decayMinutes: number): number {
  const ldt = lru >>> 8;
  const counter = lru & 255;
  const now = lfuMinutes(nowMs);
  const elapsed = now >= ldt ? now - ldt : 65535 - ldt + now;
  const periods = decayMinutes ? Math.floor(elapsed / decayMinutes) : 0;
  if (periods === 0) return counter;
  return periods > counter ? 0 : counter - periods;
}

/**
 * State the engine's databases share: the policy's view of access, and the keyspace
 * counters INFO stats prints. Lookups call touch(); the engine sets `reading` per command
 * so only read commands count hits and misses (lookupKeyRead vs lookupKeyWrite).
 */
export class KeyspaceTracker {
  hits = 0;
  misses = 0;
  expiredKeys = 0;
  evictedKeys = 0;
  /** True while a read command runs: its lookups count as keyspace hits/misses. */
  reading = false;
  /** A read lookup missed: the 'keymiss' keyspace event, set only while it is enabled. */
  onMiss: ((db: number, key: string) => void) | undefined;
  /** The running command's time (Unix ms): stamps values stored without a lookup. */
  nowMs = 0;

  constructor(
    private readonly config: EngineConfig,
    private readonly rng: Rng,
  ) {}

  get lfu(): boolean {
    return isLfuPolicy(this.config['maxmemory-policy']);
  }

  /** The lru field of a value just created (createObject). */
  initial(nowMs: number): number {
    return this.lfu ? (lfuMinutes(nowMs) << 8) | LFU_INIT_VAL : lruClock(nowMs);
  }

  /** A key was read or written through a normal lookup (lookupKey's LRU/LFU update). */
  touch(value: TrackedValue, nowMs: number): void {
    const p = this.config['maxmemory-policy'];
    if (p !== 'allkeys-lfu' && p !== 'volatile-lfu') {
      value.lru = lruClock(nowMs);
      return;
    }
    const lru = value.lru ?? this.initial(nowMs);
    let counter = lfuDecayed(lru, nowMs, this.config['lfu-decay-time']);
    counter = this.logIncrement(counter);
    value.lru = (lfuMinutes(nowMs) << 8) | counter;
  }

  /** LFULogIncr: the more hits a key has, the less likely one more moves its counter. */
  private logIncrement(counter: number): number {
    if (counter === 255) return 255;
    const base = Math.max(0, counter - LFU_INIT_VAL);
    const p = 1 / (base * this.config['lfu-log-factor'] + 1);
    return this.rng.next() < p ? counter + 1 : counter;
  }

  /** Score where higher means evict first (evictionPoolPopulate's "idle"). */
  evictionScore(value: TrackedValue, nowMs: number): number {
    const lru = value.lru ?? this.initial(nowMs);
    if (this.lfu) return 255 - lfuDecayed(lru, nowMs, this.config['lfu-decay-time']);
    return idleMs(lru, nowMs);
  }

  resetStats(): void {
    this.hits = 0;
    this.misses = 0;
    this.expiredKeys = 0;
    this.evictedKeys = 0;
  }
}
