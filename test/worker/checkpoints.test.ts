import { describe, expect, it } from 'vitest';
import type { WorldSnapshot } from '../../src/sim/index.ts';
import { Checkpoints } from '../../src/worker/checkpoints.ts';
import { ManualFrameScheduler } from '../../src/worker/frame-scheduler.ts';
import { SimController } from '../../src/worker/sim-controller.ts';
import { straightRun } from './helpers.ts';

const snapshot = {} as WorldSnapshot;

/** A hand-driven clock where every reading takes `costMs` (so a snapshot looks costly). */
class SlowReadings extends ManualFrameScheduler {
  private extra = 0;
  constructor(private readonly costMs: number) {
    super();
  }
  override now(): number {
    this.extra += this.costMs;
    return super.now() + this.extra;
  }
}

describe('Checkpoints', () => {
  it('is due one interval after the last, or after the longer gap that checkpoint asked for', () => {
    const c = new Checkpoints(1_000, 8);
    expect(c.nextDue()).toBe(0);
    c.add({ at: 0, applied: 0, snapshot });
    expect(c.nextDue()).toBe(1_000);
    c.add({ at: 1_000, applied: 0, snapshot }, 5_000);
    expect(c.nextDue()).toBe(6_000);
    c.add({ at: 6_000, applied: 0, snapshot }, 10);
    expect(c.nextDue()).toBe(7_000);
  });
});

describe('SimController checkpoints', () => {
  it('with checkpoints spaced out by their cost at 10x, seeking back stays exact', () => {
    const scheduler = new SlowReadings(1.3);
    const sim = new SimController({ scheduler, checkpointEvery: 50_000, frameBudgetMs: 1e9 });
    sim.subscribe(() => undefined);
    sim.loadScene('cache', 3, { crashAt: 1.5, pattern: 'write-back' });
    sim.setSpeed(10);
    sim.play();
    for (let i = 0; i < 30; i++) scheduler.frame(1000 / 60);
    sim.pause();
    const t = sim.state().now;
    expect(t).toBeGreaterThan(2_000_000);
    const straight = straightRun('cache', 3, t, { crashAt: '1.5', pattern: 'write-back' });
    expect(sim.state().traceHash).toBe(straight.hash);
    for (const at of [t - 50_000, t / 3, t]) {
      sim.seek(at);
      expect(sim.state().traceHash).toBe(
        straightRun('cache', 3, at, { crashAt: '1.5', pattern: 'write-back' }).hash,
      );
    }
  });
});
