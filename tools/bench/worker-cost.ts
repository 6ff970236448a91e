/**
 * The simulation worker's CPU a frame at 10x, in Node: each busy scene (its UI's start knobs
 * and its model's `wants`) is played by a SimController on a hand-driven scheduler, and every
 * batch is copied with structuredClone as postMessage copies it. Beside it, the same world
 * run headless with no listener: the difference is what watching costs (trace records built
 * as objects, filtered, batched and copied), the part the worker adds to the simulation.
 * Run: `npx tsx tools/bench/worker-cost.ts` (WORKER_COST_SECONDS=<virtual s>, default 20).
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_METRICS } from '../../src/sim/index.ts';
import { fromSeconds } from '../../src/sim/core/clock.ts';
import { createScene } from '../../src/sim/scenes/index.ts';
import type { KnobValue } from '../../src/sim/scenes/knobs.ts';
import { ManualFrameScheduler } from '../../src/worker/frame-scheduler.ts';
import { SimController } from '../../src/worker/sim-controller.ts';
import type { SimBatch, TraceMatch } from '../../src/worker/sim-events.ts';
import { clusterModel } from '../../src/ui/scenes/cluster/model.ts';
import { persistenceModel } from '../../src/ui/scenes/persistence/model.ts';
import { singleThreadModel } from '../../src/ui/scenes/single-thread/model.ts';

interface Case {
  readonly scene: string;
  readonly knobs: Readonly<Record<string, KnobValue>>;
  readonly wants: readonly TraceMatch[] | undefined;
}

const CASES: readonly Case[] = [
  {
    scene: 'single-thread',
    knobs: { clients: 4, rate: 200, keyspace: 50_000, walk: 'manual', raceRounds: 500 },
    wants: singleThreadModel.wants,
  },
  {
    scene: 'persistence',
    knobs: { crash: 'none', appendonly: 'no', appendfsync: 'everysec' },
    wants: persistenceModel.wants,
  },
  { scene: 'cluster', knobs: { addNode: false, kill: false }, wants: clusterModel.wants },
];

const SPEED = 10;
const FRAME_MS = 1000 / 60;
const SECONDS = Number(process.env.WORKER_COST_SECONDS ?? 20);

const text = (k: Readonly<Record<string, KnobValue>>) =>
  Object.fromEntries(Object.entries(k).map(([n, v]) => [n, String(v)]));

function cpuMs(run: () => void): number {
  const t0 = process.cpuUsage();
  run();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

export interface WorkerCost {
  readonly scene: string;
  readonly headlessMsPerFrame: number;
  readonly workerMsPerFrame: number;
  readonly updatesPerFrame: number;
  readonly cloneMsPerFrame: number;
}

/**
 * Frames by hand, on a clock that also counts the real time spent (a costly snapshot shows as
 * one): each frame simulates speed × (16.7 ms + the time the last one took).
 */
class PacedScheduler extends ManualFrameScheduler {
  private readonly t0 = performance.now();
  private frames = 0;
  override now(): number {
    return performance.now() - this.t0 + this.frames * FRAME_MS;
  }
  override frame(ms = FRAME_MS): void {
    this.frames++;
    super.frame(ms);
  }
}

/** Per a 10x frame's worth of virtual time (the figures do not depend on the pace). */
const FRAMES = (SECONDS * 1000) / (FRAME_MS * SPEED);

function measure(c: Case): WorkerCost {
  const headless = cpuMs(() => {
    const run = createScene(c.scene, 1, text(c.knobs), DEFAULT_METRICS);
    const step = (FRAME_MS * SPEED) / 1000;
    for (let s = step; s <= SECONDS; s += step) run.world.runUntil(fromSeconds(s));
  });
  const scheduler = new PacedScheduler();
  const sim = new SimController({ scheduler, frameBudgetMs: Infinity, maxFrameMs: 1000 });
  sim.loadScene(c.scene, 1, c.knobs);
  let updates = 0;
  let cloneMs = 0;
  sim.subscribe((batch: SimBatch) => {
    updates += batch.updates.length;
    const t0 = performance.now();
    structuredClone(batch);
    cloneMs += performance.now() - t0;
  }, c.wants);
  sim.setSpeed(SPEED);
  sim.play();
  const worker = cpuMs(() => {
    while (sim.state().now < fromSeconds(SECONDS)) {
      scheduler.frame(FRAME_MS);
    }
  });
  const perFrame = (ms: number) => ms / FRAMES;
  return {
    scene: c.scene,
    headlessMsPerFrame: perFrame(headless),
    workerMsPerFrame: perFrame(worker),
    updatesPerFrame: updates / FRAMES,
    cloneMsPerFrame: perFrame(cloneMs),
  };
}

const only = process.env.WORKER_COST_SCENES?.split(',');
for (const c of CASES) {
  if (only !== undefined && !only.includes(c.scene)) continue;
  const r = measure(c);
  console.log(
    `${r.scene}: headless ${r.headlessMsPerFrame.toFixed(2)} ms/frame, worker ${r.workerMsPerFrame.toFixed(2)} ms/frame ` +
      `(clone ${r.cloneMsPerFrame.toFixed(2)}), ${r.updatesPerFrame.toFixed(0)} updates/frame`,
  );
}
