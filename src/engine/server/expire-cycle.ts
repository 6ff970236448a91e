/**
 * The active expire cycle of expire.c. The host calls the slow cycle hz times a second
 * (serverCron) and may call the fast one before each event-loop sleep. Each database is
 * walked with a cursor over its expires (20 keys a loop at active-expire-effort 1); a
 * database is looped again while more than 10% of the keys sampled had expired. The slow
 * cycle may use 25% of CPU: 25 ms of each 100 ms at hz 10, the fast one 1 ms. Time is read
 * from the injected clock; a host whose clock does not move during a call can charge a
 * cost per sampled key (microsPerKey) so the budget still bites, as its cost model says.
 */
import type { Clock } from '../clock.ts';
import type { EngineConfig } from '../config.ts';
import type { Database } from '../keyspace/database.ts';

const KEYS_PER_LOOP = 20;
const FAST_DURATION = 1000;
const SLOW_TIME_PERC = 25;
const ACCEPTABLE_STALE = 10;
/** CRON_DBS_PER_CALL. */
const DBS_PER_CALL = 16;

export interface ExpireCycleResult {
  readonly sampled: number;
  readonly expired: number;
  /** Microseconds the cycle took (clock time plus charged per-key cost). */
  readonly elapsedMicros: number;
  readonly timeLimitHit: boolean;
}

export interface ExpireCycleOptions {
  /** Virtual microseconds to charge per sampled key (the host's cost model); default 0. */
  microsPerKey?: number;
}

export class ExpireCycle {
  private currentDb = 0;
  private timelimitExit = false;
  private lastFastCycle = 0;
  /** INFO stats: expired_stale_perc (a fraction here, printed as a percentage). */
  stalePerc = 0;
  timeCapReached = 0;
  /** Microseconds spent in cycles (expire_cycle_cpu_milliseconds). */
  timeUsedMicros = 0;

  constructor(
    private readonly dbs: readonly Database[],
    private readonly config: EngineConfig,
    private readonly clock: Clock,
  ) {}

  run(kind: 'slow' | 'fast', options: ExpireCycleOptions = {}): ExpireCycleResult {
    const effort = this.config['active-expire-effort'] - 1;
    const keysPerLoop = KEYS_PER_LOOP + (KEYS_PER_LOOP / 4) * effort;
    const fastDuration = FAST_DURATION + (FAST_DURATION / 4) * effort;
    const slowTimePerc = SLOW_TIME_PERC + 2 * effort;
    const acceptableStale = ACCEPTABLE_STALE - effort;
    const perKey = options.microsPerKey ?? 0;
    const start = this.clock.nowMicros();
    let charged = 0;
    const none = { sampled: 0, expired: 0, elapsedMicros: 0, timeLimitHit: false };

    if (kind === 'fast') {
      // As in expire.c, the stale fraction is compared with a percentage, so in practice
      // a fast cycle only follows a slow one that ran out of time.
      if (!this.timelimitExit && this.stalePerc < acceptableStale) return none;
      if (start < this.lastFastCycle + fastDuration * 2) return none;
      this.lastFastCycle = start;
    }

    const dbCount = this.dbs.length;
    const dbsPerCall = DBS_PER_CALL > dbCount || this.timelimitExit ? dbCount : DBS_PER_CALL;
    const hz = Math.max(1, this.config.hz);
    let timelimit =
      kind === 'fast' ? fastDuration : Math.floor((slowTimePerc * 1000000) / hz / 100);
    if (timelimit <= 0) timelimit = 1;
    this.timelimitExit = false;

    let totalSampled = 0;
    let totalExpired = 0;
    let iteration = 0;
    for (let j = 0; j < dbsPerCall && !this.timelimitExit; j++) {
      const db = this.dbs[this.currentDb % dbCount]!;
      this.currentDb++;
      for (;;) {
        iteration++;
        const size = db.expires.size;
        if (size === 0) {
          db.avgTtl = 0;
          break;
        }
        const now = Math.floor(this.clock.nowMicros() / 1000);
        const num = Math.min(size, keysPerLoop);
        let sampled = 0;
        let expired = 0;
        let ttlSum = 0;
        let ttlSamples = 0;
        let wrapped = false;
        while (sampled < num) {
          db.expireCursor ??= db.expires.entries();
          const next = db.expireCursor.next();
          if (next.done === true) {
            db.expireCursor = undefined;
            if (wrapped) break;
            wrapped = true;
            continue;
          }
          const [key, when] = next.value;
          const ttl = when - now;
          if (db.expireIfNeeded(key, now)) expired++;
          if (ttl > 0) {
            ttlSum += ttl;
            ttlSamples++;
          }
          sampled++;
        }
        charged += sampled * perKey;
        totalSampled += sampled;
        totalExpired += expired;
        if (ttlSamples > 0) {
          const avg = Math.floor(ttlSum / ttlSamples);
          if (db.avgTtl === 0) db.avgTtl = avg;
          db.avgTtl = Math.floor(db.avgTtl / 50) * 49 + Math.floor(avg / 50);
        }
        if ((iteration & 0xf) === 0) {
          const elapsed = this.clock.nowMicros() - start + charged;
          if (elapsed > timelimit) {
            this.timelimitExit = true;
            this.timeCapReached++;
            break;
          }
        }
        // Loop again on this db while more than the acceptable share had expired.
        if (sampled === 0 || Math.floor((expired * 100) / sampled) <= acceptableStale) break;
      }
    }

    const elapsedMicros = this.clock.nowMicros() - start + charged;
    this.timeUsedMicros += elapsedMicros;
    const current = totalSampled ? totalExpired / totalSampled : 0;
    this.stalePerc = current * 0.05 + this.stalePerc * 0.95;
    return {
      sampled: totalSampled,
      expired: totalExpired,
      elapsedMicros,
      timeLimitHit: this.timelimitExit,
    };
  }
}
