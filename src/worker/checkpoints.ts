import type { WorldSnapshot } from '../sim/index.ts';

/**
 * Checkpoints for seeking: world snapshots every `interval` µs of virtual time, each with
 * how many journal actions the world had applied, so replay resumes the journal at the
 * right entry. Memory is bounded: past `capacity`, every second checkpoint goes and the
 * interval doubles, so the whole history stays covered and replaying to any instant costs
 * at most one interval of simulation (raftscope keeps its history the same way, coarser).
 */

export interface Checkpoint {
  /** Virtual µs. */
  readonly at: number;
  /** Journal actions applied when it was taken. */
  readonly applied: number;
  readonly snapshot: WorldSnapshot;
}

export class Checkpoints {
  private list: Checkpoint[] = [];
  private spacing: number;
  /** The gap the last add asked for beyond the spacing (µs; see add). */
  private stretch = 0;

  constructor(
    interval: number,
    readonly capacity = 64,
  ) {
    this.spacing = interval;
  }

  /** Current spacing in µs (grows as the history thins). */
  get interval(): number {
    return this.spacing;
  }

  get size(): number {
    return this.list.length;
  }

  /**
   * When the next checkpoint is due: one interval after the last, or the gap its `add`
   * asked for if longer (0 with none).
   */
  nextDue(): number {
    const last = this.list[this.list.length - 1];
    return last === undefined ? 0 : last.at + Math.max(this.spacing, this.stretch);
  }

  /**
   * `minGap`: virtual µs the next checkpoint should wait at least, beyond the interval (a
   * big world's snapshot is costly, and at 10x one a virtual second was most of the
   * worker's time).
   */
  add(checkpoint: Checkpoint, minGap = 0): void {
    this.stretch = minGap;
    this.list.push(checkpoint);
    if (this.list.length > this.capacity) {
      // Keep the first (the scene's start) and every other one after it.
      this.list = this.list.filter((_, i) => i % 2 === 0);
      this.spacing *= 2;
    }
  }

  /** The latest checkpoint at or before `at` (virtual µs). */
  atOrBefore(at: number): Checkpoint | undefined {
    let best: Checkpoint | undefined;
    for (const c of this.list) {
      if (c.at > at) break;
      best = c;
    }
    return best;
  }

  /**
   * A new action at `at`, after `applied` journal entries, starts a new future: checkpoints
   * taken later (in time or in the journal) belonged to the old one.
   */
  truncateAfter(at: number, applied: number): void {
    this.list = this.list.filter((c) => c.at <= at && c.applied <= applied);
  }

  clear(): void {
    this.list = [];
  }
}
