import type { Reply } from '../../engine/index.ts';
import type { Micros } from '../core/clock.ts';
import { ZipfSampler, type SimRng } from '../core/rng.ts';
import { Client, type ClientBaseState } from './client.ts';
import type { WorldContext } from './context.ts';
import { KeyNames } from './key-names.ts';

/**
 * Synthetic load. Open loop: requests arrive as a Poisson process at `rate` per second,
 * whatever the server does (so a stall piles requests up, as real users do). Closed loop:
 * `concurrency` requests in flight, each reply triggers the next (so a stall slows the
 * clients down instead). Keys are uniform or Zipf over `count` keys; reads are GET and
 * writes SET with values of the configured size.
 */

export type Arrival =
  | { readonly kind: 'open'; readonly rate: number }
  | { readonly kind: 'closed'; readonly concurrency: number; readonly thinkMicros?: number };

export type KeyChoice =
  | { readonly dist: 'uniform'; readonly count: number; readonly prefix?: string }
  | { readonly dist: 'zipf'; readonly count: number; readonly s: number; readonly prefix?: string };

export interface WorkloadClientConfig {
  readonly kind: 'workload';
  readonly name: string;
  readonly target: string;
  readonly arrival: Arrival;
  /** Fraction of requests that are reads (GET); the rest are writes (SET). */
  readonly readRatio: number;
  readonly keys: KeyChoice;
  /** Value size in bytes, fixed or uniform in [min, max]. */
  readonly valueSize: number | { readonly min: number; readonly max: number };
  readonly startMicros?: number;
  /** No new request at or after this time. */
  readonly stopMicros?: number;
}

interface WorkloadState {
  readonly base: ClientBaseState;
  readonly stopped: boolean;
}

/** Values are runs of 'x': their content never matters, only their size. Cached by size. */
const valueCache = new Map<number, string>();
function valueOfSize(n: number): string {
  let v = valueCache.get(n);
  if (v === undefined) valueCache.set(n, (v = 'x'.repeat(n)));
  return v;
}

export class WorkloadClient extends Client {
  private readonly rng: SimRng;
  private readonly zipf: ZipfSampler | undefined;
  private stopped = false;
  private readonly keyNames: KeyNames;
  /** The value every write sends, when the size is fixed (content never matters). */
  private readonly fixedValue: string | undefined;

  constructor(
    ctx: WorldContext,
    readonly config: WorkloadClientConfig,
  ) {
    super(ctx, config.name, config.target);
    this.rng = ctx.rng(`client:${config.name}`);
    const keys = config.keys;
    this.zipf = keys.dist === 'zipf' ? new ZipfSampler(keys.count, keys.s) : undefined;
    this.keyNames = new KeyNames(keys.prefix ?? 'key:', keys.count);
    const size = config.valueSize;
    this.fixedValue = typeof size === 'number' ? valueOfSize(size) : undefined;
  }

  onStart(): void {
    const start = (this.config.startMicros ?? 0) as Micros;
    if (this.config.arrival.kind === 'open') {
      this.scheduleTick((start + Math.round(this.gap())) as Micros);
    } else {
      this.scheduleTick(start);
    }
  }

  /** The key a request uses: rank 0 is the hottest under Zipf. */
  nextKey(): string {
    const k = this.config.keys;
    const rank = this.zipf !== undefined ? this.zipf.sample(this.rng) : this.rng.int(k.count);
    return this.keyNames.name(rank);
  }

  private gap(): number {
    const a = this.config.arrival;
    return a.kind === 'open' ? this.rng.exponential(1_000_000 / a.rate) : 0;
  }

  private isStopped(): boolean {
    const stop = this.config.stopMicros;
    if (!this.stopped && stop !== undefined && this.ctx.clock.now >= stop) this.stopped = true;
    return this.stopped;
  }

  private sendOne(): void {
    const key = this.nextKey();
    if (this.rng.chance(this.config.readRatio)) {
      this.sendCommand(['GET', key]);
    } else {
      let value = this.fixedValue;
      if (value === undefined) {
        const size = this.config.valueSize as { readonly min: number; readonly max: number };
        value = valueOfSize(size.min + this.rng.int(size.max - size.min + 1));
      }
      this.sendCommand(['SET', key, value]);
    }
  }

  protected onTick(): void {
    if (this.isStopped()) return;
    const a = this.config.arrival;
    if (a.kind === 'open') {
      this.sendOne();
      this.tickAfter(this.gap());
    } else {
      // Closed loop: top up to the concurrency (the first tick, and after think time).
      while (this.inFlight < a.concurrency) this.sendOne();
    }
  }

  protected onReply(_req: number, _reply: Reply): void {
    const a = this.config.arrival;
    if (a.kind !== 'closed' || this.isStopped()) return;
    const think = a.thinkMicros ?? 0;
    if (think > 0) this.tickAfter(think);
    else this.sendOne();
  }

  snapshot(): WorkloadState {
    return { base: this.baseSnapshot(), stopped: this.stopped };
  }

  restore(raw: unknown): void {
    const state = raw as WorkloadState;
    this.baseRestore(state.base);
    this.stopped = state.stopped;
  }
}
