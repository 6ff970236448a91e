import { Persistence } from '../persist/database.ts';
import { SceneKeeper } from './scene-keeper.ts';
import type { SimStore } from './sim-store.ts';

/**
 * The page's storage and the keeper of each simulated lesson. The database is opened on
 * first use, after an embed has chosen its own namespace; without IndexedDB (some private
 * windows) there is none and lessons live in memory.
 */
let persistence: Persistence | null | undefined;

export function pagePersistence(): Persistence | null {
  persistence ??= typeof indexedDB === 'undefined' ? null : new Persistence();
  return persistence;
}

const keepers = new WeakMap<SimStore<unknown>, SceneKeeper<unknown>>();

export function keepScene<V>(store: SimStore<V>, scene: string): SceneKeeper<V> {
  let keeper = keepers.get(store) as SceneKeeper<V> | undefined;
  if (keeper === undefined) {
    keeper = new SceneKeeper(store, scene, pagePersistence());
    keepers.set(store, keeper);
  }
  return keeper;
}

/** The keeper of a scene's store, if the store was made by simStoreFor. */
export function keeperOf<V>(store: SimStore<V>): SceneKeeper<V> | undefined {
  return keepers.get(store) as SceneKeeper<V> | undefined;
}
