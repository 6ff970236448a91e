import type { TraceRecord, TraceType } from '../sim/index.ts';

/**
 * What the simulation tells the UI, as plain data: trace records in the order the world
 * appended them, playback changes, and metric samples. They cross the worker boundary in
 * batches, at most one a frame. SIM_EVENTS_VERSION changes when a shape here does.
 */
export const SIM_EVENTS_VERSION = 1;

/** Playback as the UI shows it. */
export interface PlaybackState {
  readonly scene: string;
  readonly seed: number;
  readonly playing: boolean;
  /** Virtual seconds per wall second. */
  readonly speed: number;
  /** Virtual time, µs since the world's start. */
  readonly now: number;
  /** The trace hash so far: equal hashes mean equal histories. */
  readonly traceHash: string;
  /** False when no event waits: playing on only moves the clock. */
  readonly hasEvents: boolean;
}

export type PlaybackCause =
  'load' | 'play' | 'pause' | 'speed' | 'seek' | 'step' | 'action' | 'restore';

export type SimUpdate =
  | { readonly kind: 'trace'; readonly record: TraceRecord }
  | { readonly kind: 'playback'; readonly cause: PlaybackCause; readonly state: PlaybackState }
  /** One metrics sample: every probe's value at virtual time `at` (µs). */
  | {
      readonly kind: 'metrics';
      readonly at: number;
      readonly values: Readonly<Record<string, number>>;
    }
  /**
   * Updates were dropped because the UI fell too far behind (the buffer is bounded); the
   * UI should resynchronise from the playback state rather than trust its running view.
   */
  | { readonly kind: 'gap'; readonly dropped: number }
  /**
   * A seek retells the story from instant `from` (where the UI kept its view): the records
   * that follow, up to the seek's playback update, happened between `from` and the target.
   */
  | { readonly kind: 'story'; readonly from: number };

/** One delivery: the updates since the last one, oldest first, and the clock at flush time. */
export interface SimBatch {
  readonly version: typeof SIM_EVENTS_VERSION;
  /** Counts deliveries, so a listener can tell it missed none. */
  readonly batch: number;
  readonly now: number;
  readonly updates: readonly SimUpdate[];
}

/** A subscriber; over comlink it is a `proxy(fn)` and its call returns a promise. */
export type SimListener = (batch: SimBatch) => void | Promise<void>;

/**
 * A kind of trace record a listener needs: a record matches when its `type` and every other
 * field named here are equal. A scene's model lists what it folds, so the worker sends only
 * those records (at 10x a busy scene makes thousands a frame, and copying each across the
 * worker boundary and back was most of the page's main thread). A listener with no list gets
 * every record; one with a list may still get more than it asked for (another listener's).
 */
export type TraceMatch = { readonly type: TraceType } & Readonly<
  Record<string, string | number | boolean>
>;

/** True when `record` matches one of `wants`. */
export function traceWanted(record: TraceRecord, wants: readonly TraceMatch[]): boolean {
  const fields = record as unknown as Readonly<Record<string, unknown>>;
  outer: for (const want of wants) {
    if (want.type !== record.type) continue;
    for (const key in want) {
      if (fields[key] !== want[key]) continue outer;
    }
    return true;
  }
  return false;
}
