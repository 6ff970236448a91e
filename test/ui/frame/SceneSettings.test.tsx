// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { KnobValue } from '../../../src/sim/scenes/knobs.ts';
import type { SimStore } from '../../../src/store/sim-store.ts';
import { SceneSettings } from '../../../src/ui/frame/SceneSettings.tsx';
import type { SceneInfo } from '../../../src/worker/scene-info.ts';

/** The slice of a scene store the form reads and drives; reload records what it was given. */
function sceneStore(values: Record<string, KnobValue>) {
  const reloads: Record<string, KnobValue>[] = [];
  const info = {
    knobs: [
      { kind: 'number', name: 'rate', default: 10, min: 1, max: 100 },
      { kind: 'choice', name: 'policy', default: 'lru', choices: ['lru', 'lfu'] },
    ],
    values,
  } as Partial<SceneInfo> as SceneInfo;
  const store = createStore(() => ({
    info: null as SceneInfo | null,
    knobs: {},
    reload: (changes?: { knobs?: Record<string, KnobValue> }) => {
      reloads.push(changes?.knobs ?? {});
      store.setState({ knobs: { ...store.getState().knobs, ...changes?.knobs } });
      return Promise.resolve();
    },
  }));
  return { store: store as unknown as SimStore<unknown>, raw: store, info, reloads };
}

function draw(store: SimStore<unknown>) {
  render(
    <SceneSettings
      store={store}
      idPrefix="t-knob"
      shown={['rate', 'policy']}
      labels={{ rate: 'Rate', policy: 'Policy' }}
      apply="Apply"
    />,
  );
}

describe('SceneSettings', () => {
  afterEach(cleanup);

  it('draws nothing until the worker has described the scene, then the values in effect', () => {
    const t = sceneStore({ rate: 20, policy: 'lru' });
    draw(t.store);
    expect(screen.queryByRole('spinbutton', { name: 'Rate' })).toBeNull();
    act(() => t.raw.setState({ info: t.info, knobs: { rate: 20, policy: 'lru' } }));
    expect(screen.getByRole('spinbutton', { name: 'Rate' })).toHaveProperty('value', '20');
  });

  it("shows the learner's choice over the scene's values at once, and Apply reloads with it", () => {
    const t = sceneStore({ rate: 20, policy: 'lru' });
    t.raw.setState({ info: t.info, knobs: { policy: 'lfu' } });
    draw(t.store);
    expect(screen.getByRole('combobox', { name: 'Policy' })).toHaveProperty('value', 'lfu');
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Rate' }), { target: { value: '50' } });
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    });
    expect(t.reloads).toEqual([{ rate: 50, policy: 'lfu' }]);
    expect(screen.getByRole('spinbutton', { name: 'Rate' })).toHaveProperty('value', '50');
  });
});
