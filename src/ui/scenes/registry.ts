import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { isSceneId, sceneIds, type SceneId } from './scene-ids.ts';

/**
 * The built lessons: a lesson with a loader is built, the others are listed as coming. Each
 * scene's code is its own chunk, loaded when opened. The ids themselves are in scene-ids.ts.
 */
export { isSceneId, sceneIds, type SceneId };

type SceneLoader = () => Promise<{ default: ComponentType }>;

const sceneLoaders: Partial<Record<SceneId, SceneLoader>> = {
  memory: () => import('./memory/MemoryScene.tsx'),
  'single-thread': () => import('./single-thread/SingleThreadScene.tsx'),
  'data-types': () => import('./data-types/DataTypesScene.tsx'),
  cache: () => import('./cache/CacheScene.tsx'),
  'jwt-rtr': () => import('./jwt-rtr/JwtRtrScene.tsx'),
  persistence: () => import('./persistence/PersistenceScene.tsx'),
  failover: () => import('./failover/FailoverScene.tsx'),
  cluster: () => import('./cluster/ClusterScene.tsx'),
  replication: () => import('./replication/ReplicationScene.tsx'),
};

/** The built scenes as lazy components, made once so React keeps their state. */
export const sceneComponents: Partial<Record<SceneId, LazyExoticComponent<ComponentType>>> =
  Object.fromEntries(Object.entries(sceneLoaders).map(([id, loader]) => [id, lazy(loader)]));
