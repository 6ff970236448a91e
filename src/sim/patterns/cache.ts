import type { Reply } from '../../engine/index.ts';
import { after } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import { ZipfSampler, type SimRng } from '../core/rng.ts';
import type { WorldContext } from '../world/context.ts';
import type { PartConfig, PartKind } from '../world/world.ts';
import { AppPart, arrayTexts, bulkText, param, type AppBaseState } from './app.ts';
import type { CrashObserver } from './crash.ts';
import { KeyNames } from '../world/key-names.ts';

/**
 * An app server in front of Redis and a database, running one cache pattern. It makes its
 * own traffic: requests arrive as a Poisson process, keys are Zipf (s = 0 is uniform), a
 * fraction are reads. Every value written is unique (`key#n`), so a lost write can be named.
 *
 * - look-aside: read Redis; on a miss read the database and fill Redis with a TTL; a write
 *   goes to the database, then deletes the cached copy (invalidate on write).
 * - write-through: a write goes to the database, then to Redis with the TTL.
 * - write-back: a write goes to Redis only, with a dirty marker, in one MSET (so no crash can
 *   land between the value and its marker); a flusher moves dirty values to the database
 *   every period. A crash between flushes loses the dirty ones: counted and listed.
 *
 * Limits: the cache is bounded by TTL only (the engine has no maxmemory eviction yet); with a
 * key space of `keyCount` keys Redis holds at most that many values.
 */

export type CachePattern = 'look-aside' | 'write-through' | 'write-back';
export const CACHE_PATTERNS: readonly CachePattern[] = [
  'look-aside',
  'write-through',
  'write-back',
];

export interface CacheAppParams {
  readonly pattern: CachePattern;
  readonly redis: string;
  readonly db: string;
  /** User requests per second (Poisson). */
  readonly rate: number;
  readonly readRatio: number;
  readonly keyCount: number;
  /** Zipf exponent; 0 is uniform. */
  readonly zipfS: number;
  /** TTL of cached copies in seconds; 0 means none. */
  readonly ttlSeconds: number;
  /** Write-back flush period in µs. */
  readonly flushMicros: number;
  /** No new user request at or after this time (µs); 0 means never stop. */
  readonly stopMicros: number;
}

export const DEFAULT_CACHE_APP: CacheAppParams = {
  pattern: 'look-aside',
  redis: 'redis',
  db: 'db',
  rate: 1000,
  readRatio: 0.9,
  keyCount: 10_000,
  zipfS: 1.0,
  ttlSeconds: 10,
  flushMicros: 1_000_000,
  stopMicros: 0,
};

/** Dirty markers are keys of their own, one per write, so a flush never deletes a newer one. */
export const DIRTY_PREFIX = 'wb:dirty:';

export interface LostWrite {
  readonly key: string;
  readonly value: string;
  /** When the crash took it, in µs. */
  readonly at: number;
}

type K =
  | { op: 'get'; key: string; start: number }
  | { op: 'select'; key: string; start: number }
  | { op: 'fill'; start: number }
  | { op: 'update'; key: string; value: string; start: number }
  | { op: 'cache-write'; key: string; value: string; start: number }
  | { op: 'mset'; key: string; value: string; seq: number; start: number }
  | { op: 'flush-read'; names: string[] }
  | { op: 'flush-write'; key: string; value: string }
  | { op: 'flush-del' };

interface CacheState {
  readonly base: AppBaseState<K>;
  readonly counters: Counters;
  readonly seq: number;
  readonly flushing: number;
  readonly unflushed: readonly number[];
  readonly lastAcked: readonly (readonly [string, string])[];
  readonly candidates: readonly LostWrite[];
  readonly hitsBySecond: readonly number[];
  readonly readsBySecond: readonly number[];
}

interface Counters {
  requests: number;
  reads: number;
  hits: number;
  misses: number;
  writesAcknowledged: number;
  dbReads: number;
  dbWrites: number;
  flushes: number;
  flushedWrites: number;
  crashes: number;
}

const ARRIVE = 'cache.arrive';
const FLUSH = 'cache.flush';
/** Markers read per MGET: big enough to be cheap, small enough not to stall Redis. */
const FLUSH_BATCH = 500;

interface PartRef {
  readonly part: string;
}

export class CacheApp extends AppPart<K> implements CrashObserver {
  readonly params: CacheAppParams;
  counters: Counters = {
    requests: 0,
    reads: 0,
    hits: 0,
    misses: 0,
    writesAcknowledged: 0,
    dbReads: 0,
    dbWrites: 0,
    flushes: 0,
    flushedWrites: 0,
    crashes: 0,
  };
  /** The last acknowledged value of every key written: the ground truth losses are judged by. */
  lastAcked = new Map<string, string>();
  /** Dirty values a crash found only in Redis; removed if a flush already in flight saves them. */
  private candidates = new Map<string, LostWrite>();
  /** Reads and hits per second of virtual time (the warm-up curve). */
  hitsBySecond: number[] = [];
  readsBySecond: number[] = [];
  private seq = 0;
  /** Batches of the current flush still waiting for their MGET reply. */
  private flushing = 0;
  /** Sequence numbers of acknowledged writes not yet flushed: the markers to read. */
  private unflushed: number[] = [];
  private readonly rng: SimRng;
  private readonly zipf: ZipfSampler;
  private readonly ref: PartRef;
  private readonly keyNames: KeyNames;

  constructor(ctx: WorldContext, config: PartConfig) {
    super(ctx, config.name);
    this.params = cacheParams(config.params);
    this.rng = ctx.rng(`cache:${config.name}`);
    this.zipf = new ZipfSampler(this.params.keyCount, this.params.zipfS);
    this.keyNames = new KeyNames('key:', this.params.keyCount);
    this.ref = { part: config.name };
  }

  onStart(): void {
    this.scheduleArrival();
    if (this.params.pattern === 'write-back') {
      this.ctx.schedule<PartRef>(
        after(this.ctx.clock.now, this.params.flushMicros),
        FLUSH,
        this.ref,
      );
    }
  }

  /** Acknowledged writes a crash took, so far (a flush in flight at the crash may still save one). */
  get writesLost(): LostWrite[] {
    return [...this.candidates.values()];
  }

  get hitRatio(): number {
    return this.counters.reads === 0 ? 0 : this.counters.hits / this.counters.reads;
  }

  private scheduleArrival(): void {
    const gap = this.rng.exponential(1_000_000 / this.params.rate);
    const at = after(this.ctx.clock.now, gap);
    const stop = this.params.stopMicros;
    if (stop > 0 && at >= stop) return;
    this.ctx.schedule<PartRef>(at, ARRIVE, this.ref);
  }

  /** One user request reaches the app. */
  arrive(): void {
    this.scheduleArrival();
    const rank = this.zipf.sample(this.rng);
    const key = this.keyNames.name(rank);
    const start = this.ctx.clock.now;
    this.counters.requests++;
    const { redis, db, pattern } = this.params;
    if (this.rng.chance(this.params.readRatio)) {
      this.counters.reads++;
      this.bump(this.readsBySecond);
      this.call(redis, ['GET', key], { op: 'get', key, start });
      return;
    }
    const value = `${key}#${++this.seq}`;
    if (pattern === 'write-back') {
      this.call(redis, ['MSET', key, value, DIRTY_PREFIX + this.seq, `${key} ${value}`], {
        op: 'mset',
        key,
        value,
        seq: this.seq,
        start,
      });
    } else {
      this.counters.dbWrites++;
      this.call(db, ['UPDATE', key, value], { op: 'update', key, value, start });
    }
  }

  protected onReply(k: K, reply: Reply): void {
    const { redis, db } = this.params;
    switch (k.op) {
      case 'get':
        if (reply.kind === 'bulk') {
          this.counters.hits++;
          this.bump(this.hitsBySecond);
          this.finish(k.start);
        } else {
          this.counters.misses++;
          this.counters.dbReads++;
          this.call(db, ['SELECT', k.key], { op: 'select', key: k.key, start: k.start });
        }
        return;
      case 'select': {
        const value = bulkText(reply);
        if (value === undefined) {
          this.finish(k.start);
          return;
        }
        // NX: a write that landed while we read the database wins over this older copy.
        this.call(redis, ['SET', k.key, value, ...this.ttlArgs(), 'NX'], {
          op: 'fill',
          start: k.start,
        });
        return;
      }
      case 'fill':
        this.finish(k.start);
        return;
      case 'update':
        if (this.params.pattern === 'look-aside') {
          this.call(redis, ['DEL', k.key], { ...k, op: 'cache-write' });
        } else {
          this.call(redis, ['SET', k.key, k.value, ...this.ttlArgs()], { ...k, op: 'cache-write' });
        }
        return;
      case 'cache-write':
        this.ack(k.key, k.value, k.start);
        return;
      case 'mset':
        this.unflushed.push(k.seq);
        this.ack(k.key, k.value, k.start);
        return;
      case 'flush-read': {
        const values = arrayTexts(reply);
        // Markers are unique per write and in write order, so the newest value lands last.
        const writes: [number, string, string][] = [];
        k.names.forEach((name, i) => {
          const text = values[i];
          if (text === undefined) return;
          const space = text.indexOf(' ');
          writes.push([
            Number(name.slice(DIRTY_PREFIX.length)),
            text.slice(0, space),
            text.slice(space + 1),
          ]);
        });
        writes.sort((a, b) => a[0] - b[0]);
        for (const [, key, value] of writes) {
          this.counters.dbWrites++;
          this.call(db, ['UPDATE', key, value], { op: 'flush-write', key, value });
        }
        this.call(redis, ['DEL', ...k.names], { op: 'flush-del' });
        this.flushing--;
        return;
      }
      case 'flush-write':
        this.counters.flushedWrites++;
        // A flush that read the value before a crash still saves it.
        this.candidates.delete(k.value);
        return;
      case 'flush-del':
        return;
    }
  }

  /**
   * The flusher's period. It reads the markers of the writes acknowledged since the last
   * flush by name (MGET in batches), so it never walks the keyspace: the post's version runs
   * KEYS * every minute, the command the single-thread lesson warns about. A marker that is
   * gone (a crash wiped it) is a lost write, already counted at the crash.
   */
  flush(): void {
    this.ctx.schedule<PartRef>(after(this.ctx.clock.now, this.params.flushMicros), FLUSH, this.ref);
    if (this.flushing > 0 || this.unflushed.length === 0) return;
    this.counters.flushes++;
    const seqs = this.unflushed;
    this.unflushed = [];
    for (let i = 0; i < seqs.length; i += FLUSH_BATCH) {
      const names = seqs.slice(i, i + FLUSH_BATCH).map((n) => DIRTY_PREFIX + n);
      this.flushing++;
      this.call(this.params.redis, ['MGET', ...names], { op: 'flush-read', names });
    }
  }

  beforeCrash(node: string): void {
    if (node !== this.params.redis) return;
    this.counters.crashes++;
    const engine = this.node(node)?.engine;
    if (engine === undefined) return;
    const at = this.ctx.clock.now;
    for (const [name, v] of engine.dbs[0]!.keys) {
      if (!name.startsWith(DIRTY_PREFIX) || v.type !== 'string') continue;
      const text = String(v.value);
      const space = text.indexOf(' ');
      const value = text.slice(space + 1);
      this.candidates.set(value, { key: text.slice(0, space), value, at });
    }
  }

  private ttlArgs(): string[] {
    const ttl = this.params.ttlSeconds;
    return ttl > 0 ? ['PX', String(Math.round(ttl * 1000))] : [];
  }

  private ack(key: string, value: string, start: number): void {
    this.counters.writesAcknowledged++;
    this.lastAcked.set(key, value);
    this.finish(start);
  }

  private finish(start: number): void {
    this.latency.record(this.ctx.clock.now - start);
  }

  private bump(series: number[]): void {
    const s = Math.floor(this.ctx.clock.now / 1_000_000);
    while (series.length <= s) series.push(0);
    series[s]!++;
  }

  snapshot(): CacheState {
    return {
      base: this.baseSnapshot(),
      counters: { ...this.counters },
      seq: this.seq,
      flushing: this.flushing,
      unflushed: [...this.unflushed],
      lastAcked: [...this.lastAcked],
      candidates: [...this.candidates.values()],
      hitsBySecond: [...this.hitsBySecond],
      readsBySecond: [...this.readsBySecond],
    };
  }

  restore(raw: unknown): void {
    const s = raw as CacheState;
    this.baseRestore(s.base);
    this.counters = { ...s.counters };
    this.seq = s.seq;
    this.flushing = s.flushing;
    this.unflushed = [...s.unflushed];
    this.lastAcked = new Map(s.lastAcked.map(([k, v]) => [k, v]));
    this.candidates = new Map(s.candidates.map((w) => [w.value, w]));
    this.hitsBySecond = [...s.hitsBySecond];
    this.readsBySecond = [...s.readsBySecond];
  }
}

function cacheParams(p: JsonValue | undefined): CacheAppParams {
  const d = DEFAULT_CACHE_APP;
  const pattern = param(p, 'pattern', d.pattern as string);
  return {
    pattern: (CACHE_PATTERNS as readonly string[]).includes(pattern)
      ? (pattern as CachePattern)
      : d.pattern,
    redis: param(p, 'redis', d.redis),
    db: param(p, 'db', d.db),
    rate: param(p, 'rate', d.rate),
    readRatio: param(p, 'readRatio', d.readRatio),
    keyCount: param(p, 'keyCount', d.keyCount),
    zipfS: param(p, 'zipfS', d.zipfS),
    ttlSeconds: param(p, 'ttlSeconds', d.ttlSeconds),
    flushMicros: param(p, 'flushMicros', d.flushMicros),
    stopMicros: param(p, 'stopMicros', d.stopMicros),
  };
}

export const cacheAppKind: PartKind = {
  install(ctx, lookup) {
    const app = (name: string): CacheApp | undefined => {
      const p = lookup(name);
      return p instanceof CacheApp ? p : undefined;
    };
    ctx.handle<PartRef>(ARRIVE, (d) => app(d.part)?.arrive());
    ctx.handle<PartRef>(FLUSH, (d) => app(d.part)?.flush());
  },
  create: (ctx, config) => new CacheApp(ctx, config),
};
