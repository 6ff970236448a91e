/**
 * The IndexedDB database this page uses. The app keeps the default; an embed sets its own
 * (from its `id`) before anything opens storage, so embeds never share state by accident.
 */
let current = 'redis-sim';

export function setStorageNamespace(name: string): void {
  current = name;
}

export function storageNamespace(): string {
  return current;
}
