import { Persistence } from '../persist/database.ts';
import { createConsoleStore, type ConsoleStore } from './console-store.ts';
import { startWorker } from './worker-bridge.ts';

const stores = new Map<string, ConsoleStore>();

/**
 * The console store of a scene, created once per page: React StrictMode mounts twice in
 * development, and a second worker would split the keyspace in two.
 */
export function consoleStoreFor(sceneId: string): ConsoleStore {
  let store = stores.get(sceneId);
  if (store === undefined) {
    const persistence = typeof indexedDB === 'undefined' ? null : new Persistence();
    store = createConsoleStore(sceneId, startWorker(), persistence);
    stores.set(sceneId, store);
    void store.getState().init();
  }
  return store;
}
