import { Persistence } from '../persist/database.ts';
import { createCommandHelpStore, type CommandHelpStore } from './command-help-store.ts';
import { createConsoleStore, type ConsoleStore } from './console-store.ts';
import { createKeyspaceStore, followConsole, type KeyspaceStore } from './keyspace-store.ts';
import { startWorker } from './worker-bridge.ts';

/** A scene's console and what watches it, all on one worker (one keyspace). */
export interface ConsoleStores {
  readonly console: ConsoleStore;
  readonly keyspace: KeyspaceStore;
  readonly help: CommandHelpStore;
}

const scenes = new Map<string, ConsoleStores>();

/**
 * The console stores of a scene, created once per page: React StrictMode mounts twice in
 * development, and a second worker would split the keyspace in two. The keyspace store
 * follows the console from the start; the help is loaded when a console first shows it.
 */
export function consoleStoresFor(sceneId: string): ConsoleStores {
  let stores = scenes.get(sceneId);
  if (stores === undefined) {
    const persistence = typeof indexedDB === 'undefined' ? null : new Persistence();
    const api = startWorker();
    const console = createConsoleStore(sceneId, api, persistence);
    const keyspace = createKeyspaceStore(api);
    followConsole(console, keyspace);
    stores = { console, keyspace, help: createCommandHelpStore(api) };
    scenes.set(sceneId, stores);
    void console.getState().init();
  }
  return stores;
}

/** The console store of a scene (see consoleStoresFor). */
export function consoleStoreFor(sceneId: string): ConsoleStore {
  return consoleStoresFor(sceneId).console;
}
