import { after } from '../core/clock.ts';
import type { Component, WorldContext } from './context.ts';

/**
 * Series sampled on virtual time, every `intervalMicros`, each kept in a ring of
 * `capacity` points (the oldest drop off), so memory stays bounded however long the world
 * runs. A probe is a gauge (read as is: queue length, keys) or a rate (a cumulative counter
 * turned into per-second change: throughput, utilisation). Parts add probes by name;
 * `afterSample` hooks reset per-window state (a client's window percentiles).
 */

export interface MetricsConfig {
  readonly intervalMicros: number;
  /** Points kept per series. */
  readonly capacity: number;
}

export const DEFAULT_METRICS: MetricsConfig = { intervalMicros: 100_000, capacity: 600 };

export interface Probe {
  readonly name: string;
  readonly kind: 'gauge' | 'rate';
  read(): number;
}

/** One series as plain arrays, oldest first: what the UI charts. */
export interface Series {
  readonly name: string;
  readonly t: readonly number[];
  readonly values: readonly number[];
}

interface MetricsState {
  readonly count: number;
  readonly next: number;
  readonly times: readonly number[];
  readonly values: Readonly<Record<string, readonly number[]>>;
  readonly previous: Readonly<Record<string, number>>;
}

const SAMPLE = 'metrics.sample';

export class Metrics implements Component {
  readonly id = 'metrics';
  private probes: Probe[] = [];
  private hooks: (() => void)[] = [];
  private times: Float64Array;
  private values = new Map<string, Float64Array>();
  /** Last reading of each rate probe. */
  private previous = new Map<string, number>();
  /** Points written in total, and the ring slot the next one goes to. */
  private count = 0;
  private next = 0;

  constructor(
    private readonly ctx: WorldContext,
    readonly config: MetricsConfig,
  ) {
    this.times = new Float64Array(config.capacity);
    ctx.handle(SAMPLE, () => this.sample());
  }

  addProbe(probe: Probe): void {
    this.probes.push(probe);
    this.values.set(probe.name, new Float64Array(this.config.capacity));
    if (probe.kind === 'rate') this.previous.set(probe.name, probe.read());
  }

  afterSample(hook: () => void): void {
    this.hooks.push(hook);
  }

  /** Schedules the first sample (the world calls it once at creation). */
  start(): void {
    this.ctx.schedule(after(this.ctx.clock.now, this.config.intervalMicros), SAMPLE, null);
  }

  private sample(): void {
    const slot = this.next;
    this.times[slot] = this.ctx.clock.now;
    const seconds = this.config.intervalMicros / 1_000_000;
    for (const probe of this.probes) {
      let v = probe.read();
      if (probe.kind === 'rate') {
        const prev = this.previous.get(probe.name) ?? 0;
        this.previous.set(probe.name, v);
        v = (v - prev) / seconds;
      }
      this.values.get(probe.name)![slot] = v;
    }
    for (const hook of this.hooks) hook();
    this.count++;
    this.next = (slot + 1) % this.config.capacity;
    this.ctx.schedule(after(this.ctx.clock.now, this.config.intervalMicros), SAMPLE, null);
  }

  names(): string[] {
    return this.probes.map((p) => p.name);
  }

  /** A series, oldest point first; undefined for an unknown name. */
  series(name: string): Series | undefined {
    const ring = this.values.get(name);
    if (ring === undefined) return undefined;
    const n = Math.min(this.count, this.config.capacity);
    const start = this.count > this.config.capacity ? this.next : 0;
    const t: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const j = (start + i) % this.config.capacity;
      t.push(this.times[j]!);
      values.push(ring[j]!);
    }
    return { name, t, values };
  }

  snapshot(): MetricsState {
    const values: Record<string, number[]> = {};
    for (const [name, ring] of this.values) values[name] = [...ring];
    return {
      count: this.count,
      next: this.next,
      times: [...this.times],
      values,
      previous: Object.fromEntries(this.previous),
    };
  }

  restore(raw: unknown): void {
    const s = raw as MetricsState;
    this.count = s.count;
    this.next = s.next;
    this.times = Float64Array.from(s.times);
    for (const [name, v] of Object.entries(s.values)) this.values.set(name, Float64Array.from(v));
    this.previous = new Map(Object.entries(s.previous));
  }
}
