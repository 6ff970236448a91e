import type { Clock } from '../../engine/index.ts';

/**
 * Virtual time. The world counts integer microseconds from its start (t = 0); nothing in
 * the simulation reads a wall clock. Micros is branded so a millisecond or a float cannot
 * slip into an event time unnoticed: build one with micros(), fromMillis() or fromSeconds().
 */

/** Integer microseconds of virtual time since the world started. */
export type Micros = number & { readonly __brand: 'Micros' };

/** Checks the integer contract once, at the edge; a float time would break replay. */
export function micros(n: number): Micros {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a time in µs: ${n}`);
  return n as Micros;
}

export const fromMillis = (ms: number): Micros => micros(Math.round(ms * 1000));
export const fromSeconds = (s: number): Micros => micros(Math.round(s * 1_000_000));

/** Adds a non-negative duration; rounds it, so callers may pass sampled floats. */
export function after(t: Micros, durationMicros: number): Micros {
  return (t + Math.max(0, Math.round(durationMicros))) as Micros;
}

/**
 * The Unix time the world's t = 0 stands for (2023-11-14T22:13:20Z), so TTLs and
 * EXPIREAT in the engine see plausible absolute times. Fixed, never read from a clock.
 */
export const WORLD_EPOCH_MICROS = 1_700_000_000_000_000;

/** The world's clock: the event loop moves it, the engines read it through Clock. */
export class SimClock implements Clock {
  private t: Micros = 0 as Micros;

  get now(): Micros {
    return this.t;
  }

  /** Engine Clock: Unix µs at the current virtual instant. */
  nowMicros(): number {
    return WORLD_EPOCH_MICROS + this.t;
  }

  /** Only the event loop (and restore) move time, and never backwards. */
  advanceTo(t: Micros): void {
    if (t < this.t) throw new Error(`time cannot go back from ${this.t} to ${t}`);
    this.t = t;
  }
}
