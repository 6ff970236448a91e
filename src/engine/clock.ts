/**
 * Time and randomness are injected: the engine never reads a wall clock or Math.random, so
 * the simulation can run it on virtual time and replay it exactly, and tests can move time.
 */

/** Microseconds since the Unix epoch (virtual or real); integer. */
export interface Clock {
  nowMicros(): number;
}

/** A uniform source in [0, 1). The simulation hands in a seeded one. */
export interface Rng {
  next(): number;
}

/** A clock a test or the simulation moves by hand. */
export class ManualClock implements Clock {
  constructor(private micros = 0) {}
  nowMicros(): number {
    return this.micros;
  }
  set(micros: number): void {
    this.micros = micros;
  }
  advanceMs(ms: number): void {
    this.micros += Math.round(ms * 1000);
  }
}

/** A small seeded PRNG (mulberry32): fast, 32-bit state, good enough for sampling. */
export class SeededRng implements Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
