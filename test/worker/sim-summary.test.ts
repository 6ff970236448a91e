import { describe, expect, it } from 'vitest';
import { harness } from './helpers.ts';

describe('SimController.summary', () => {
  it('reads the scene figures of the world on screen, after a seek too', () => {
    const { sim } = harness(250_000);
    sim.loadScene('memory', 1, { powerOffAt: 1 });
    expect(sim.summary()['keysInRedis']).toBe(1000);
    sim.seek(1_500_000);
    const after = sim.summary();
    expect(after.until).toBe(1.5);
    expect(after['keysInRedis']).toBe(0);
    expect(after['rowsOnDisk']).toBe(1000);
    // Back before the cut: a restored checkpoint, and the keys are there again.
    sim.seek(500_000);
    expect(sim.summary()['keysInRedis']).toBe(1000);
    expect(sim.state().now).toBe(500_000);
  });
});
