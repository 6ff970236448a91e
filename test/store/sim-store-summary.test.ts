import { describe, expect, it } from 'vitest';
import { createSimStore, type SceneModel, type SimBackend } from '../../src/store/sim-store.ts';
import type { SceneSummary } from '../../src/sim/scenes/types.ts';

/** Only what the summary read touches: the rest of the backend is never called here. */
const base = {} as SimBackend;
const model: SceneModel<number> = { reset: () => 0, apply: (v) => v };

describe('sim store: the scene summary', () => {
  it('passes the backend summary through, and is null for a backend without one', async () => {
    const without = createSimStore({ scene: 'memory', seed: 1, knobs: {}, model, backend: base });
    expect(await without.getState().summary()).toBeNull();
    const summary = { scene: 'memory', keysInRedis: 3 } as unknown as SceneSummary;
    const withIt = createSimStore({
      scene: 'memory',
      seed: 1,
      knobs: {},
      model,
      backend: { ...base, summary: () => Promise.resolve(summary) },
    });
    expect(await withIt.getState().summary()).toBe(summary);
  });
});
