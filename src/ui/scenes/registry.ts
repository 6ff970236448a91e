import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * The lessons, in the order of the post. The ids are part of the public URL (`#/<id>`,
 * `embed.html?scene=<id>`): never rename one. A lesson with a loader is built; the others
 * are listed as coming. Each scene's code is its own chunk, loaded when opened.
 */
export const sceneIds = [
  'memory',
  'single-thread',
  'data-types',
  'cache',
  'persistence',
  'replication',
  'failover',
  'cluster',
  'jwt-rtr',
] as const;

export type SceneId = (typeof sceneIds)[number];

type SceneLoader = () => Promise<{ default: ComponentType }>;

const sceneLoaders: Partial<Record<SceneId, SceneLoader>> = {
  memory: () => import('./memory/MemoryScene.tsx'),
  'single-thread': () => import('./single-thread/SingleThreadScene.tsx'),
  'data-types': () => import('./data-types/DataTypesScene.tsx'),
  cache: () => import('./cache/CacheScene.tsx'),
};

/** The built scenes as lazy components, made once so React keeps their state. */
export const sceneComponents: Partial<Record<SceneId, LazyExoticComponent<ComponentType>>> =
  Object.fromEntries(Object.entries(sceneLoaders).map(([id, loader]) => [id, lazy(loader)]));

export function isSceneId(id: string): id is SceneId {
  return (sceneIds as readonly string[]).includes(id);
}
