/**
 * Wall time and animation frames, injected into the simulation controller so tests can
 * drive frames by hand. The worker's scheduler uses the worker's requestAnimationFrame when
 * the browser offers one (Chromium and Firefox do, in dedicated workers) and a ~60 Hz timer
 * otherwise; either way one frame is the unit of playback and of event delivery.
 */

export interface FrameScheduler {
  /** Wall time in ms (monotonic). */
  now(): number;
  /** Runs `callback` at the next frame; returns a function that cancels it. */
  requestFrame(callback: () => void): () => void;
}

const FRAME_MS = 1000 / 60;

interface FrameGlobals {
  requestAnimationFrame?: (callback: () => void) => number;
  cancelAnimationFrame?: (handle: number) => void;
}

/** The real scheduler: performance.now() and animation frames (or a 60 Hz timer). */
export function realFrameScheduler(): FrameScheduler {
  const g = globalThis as FrameGlobals;
  const raf = g.requestAnimationFrame;
  const caf = g.cancelAnimationFrame;
  return {
    now: () => performance.now(),
    requestFrame(callback) {
      if (raf !== undefined && caf !== undefined) {
        const handle = raf.call(globalThis, callback);
        return () => caf.call(globalThis, handle);
      }
      const handle = setTimeout(callback, FRAME_MS);
      return () => clearTimeout(handle);
    },
  };
}

/** A scheduler driven by hand: `frame(ms)` moves wall time on and runs what was requested. */
export class ManualFrameScheduler implements FrameScheduler {
  private wall = 0;
  private pending: (() => void)[] = [];
  /** Frames that ran at least one callback. */
  framesRun = 0;

  now(): number {
    return this.wall;
  }

  requestFrame(callback: () => void): () => void {
    this.pending.push(callback);
    return () => {
      this.pending = this.pending.filter((c) => c !== callback);
    };
  }

  /** True when something waits for the next frame. */
  get waiting(): boolean {
    return this.pending.length > 0;
  }

  /** Advances wall time by `ms`, then runs the callbacks requested before this frame. */
  frame(ms = FRAME_MS): void {
    this.wall += ms;
    const callbacks = this.pending;
    this.pending = [];
    if (callbacks.length > 0) this.framesRun++;
    for (const c of callbacks) c();
  }
}
