import { describe, expect, it } from 'vitest';
import { fromSeconds } from '../../src/sim/index.ts';
import { createScene, summarizeScene } from '../../src/sim/scenes/index.ts';
import { applyAction } from '../../src/worker/sim-actions.ts';

/** A learner's "Crash Redis" (crash, then restart) in the middle of a cache scene. */
function crashed(pattern: string) {
  const run = createScene('cache', 5, { pattern, crashAt: '0', readRatio: '0.5', rate: '500' });
  run.world.runUntil(fromSeconds(1.5));
  applyAction(run.world, { kind: 'crash', node: 'redis', crash: 'kill' });
  applyAction(run.world, { kind: 'restart', node: 'redis' });
  run.world.runUntil(fromSeconds(4));
  return { summary: summarizeScene(run), rows: run.world.database('db').rows };
}

describe("the worker's crash action on a cache scene", () => {
  it('write-back: the dirty writes are counted lost, and none of them reached the database', () => {
    const { summary, rows } = crashed('write-back');
    const lost = summary.writesLost.list as { key: string; value: string }[];
    expect(summary.writesLost.count).toBeGreaterThan(0);
    for (const w of lost) expect(rows.get(w.key)).not.toBe(w.value);
  });

  it('write-through: nothing is lost', () => {
    expect(crashed('write-through').summary.writesLost.count).toBe(0);
  });
});
