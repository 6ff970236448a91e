import type { KnobValue } from '../sim/scenes/knobs.ts';
import { keepScene } from './keeper-registry.ts';
import { remoteSimBackend } from './sim-backend.ts';
import { createSimStore, type SceneModel, type SimStore } from './sim-store.ts';
import { startWorker } from './worker-bridge.ts';

const stores = new Map<string, SimStore<unknown>>();

/**
 * The store of a simulated scene, made once per page with its own worker (StrictMode
 * mounts twice; a second worker would run a second world). Loading starts at once; the
 * frame then restores the saved lesson or a shared link's run (keeper-registry.ts).
 */
export function simStoreFor<V>(
  scene: string,
  model: SceneModel<V>,
  defaults: { seed: number; knobs: Record<string, KnobValue> },
): SimStore<V> {
  let store = stores.get(scene) as SimStore<V> | undefined;
  if (store === undefined) {
    store = createSimStore({
      scene,
      seed: defaults.seed,
      knobs: defaults.knobs,
      model,
      backend: remoteSimBackend(startWorker()),
    });
    stores.set(scene, store);
    // Made before the first load, so it knows the scene's own seed and knobs (for resets).
    keepScene(store, scene);
    void store.getState().start();
  }
  return store;
}
