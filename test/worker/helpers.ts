import { createScene } from '../../src/sim/scenes/index.ts';
import { fromSeconds, type TraceRecord } from '../../src/sim/index.ts';
import { ManualFrameScheduler } from '../../src/worker/frame-scheduler.ts';
import { SimController } from '../../src/worker/sim-controller.ts';
import type { SimBatch } from '../../src/worker/sim-events.ts';

/** A controller on a hand-driven scheduler, with every delivered batch kept. */
export function harness(checkpointEvery = 1_000_000, checkpointCapacity = 64) {
  const scheduler = new ManualFrameScheduler();
  const sim = new SimController({ scheduler, checkpointEvery, checkpointCapacity });
  const batches: SimBatch[] = [];
  sim.subscribe((b) => {
    batches.push(b);
  });
  /** Plays `seconds` of wall time in 60 Hz frames (speed decides the virtual time). */
  const playFor = (seconds: number): void => {
    sim.play();
    for (let i = 0; i < Math.round(seconds * 60); i++) scheduler.frame(1000 / 60);
    sim.pause();
    scheduler.frame(0);
  };
  const records = (): TraceRecord[] =>
    batches.flatMap((b) => b.updates.flatMap((u) => (u.kind === 'trace' ? [u.record] : [])));
  return { scheduler, sim, batches, playFor, records };
}

/** A scene run straight (no controller) to `t` µs: its hash and records. */
export function straightRun(id: string, seed: number, t: number, set = {}) {
  const run = createScene(id, seed, set);
  const records: TraceRecord[] = [];
  run.world.subscribe((r) => records.push(r));
  run.world.runUntil(fromSeconds(t / 1_000_000));
  return { hash: run.world.trace.hash(), records, world: run.world };
}
