import { CLUSTER_PART_KINDS } from '../cluster/build.ts';
import { cacheAppKind } from '../patterns/cache.ts';
import { jwtAppKind } from '../patterns/jwt-rtr.ts';
import type { WorldOptions } from '../world/world.ts';
import { replicationKind } from '../replication/replication.ts';
import { versionedAppKind } from '../replication/versioned-app.ts';
import { sentinelKind } from '../sentinel/sentinel.ts';
import { writerKind } from '../sentinel/writer.ts';
import { cache } from './cache.ts';
import { cluster } from './cluster.ts';
import { directorKind } from './director.ts';
import { failover } from './failover.ts';
import { jwtRtr } from './jwt-rtr.ts';
import { memory } from './memory.ts';
import { persistence } from './persistence.ts';
import { replication } from './replication.ts';
import { sceneScripts } from './scripts.ts';
import { singleThread } from './single-thread.ts';
import type { SceneDef, SceneId } from './types.ts';

/**
 * The scenes that can run, by id. To add one: write `<id>.ts` exporting a SceneDef, add it
 * here, and register any new part kinds or scripts in SCENE_OPTIONS (a restored world needs
 * the same ones). Ids without a definition yet (replication, failover,
 * data-types) are still valid SceneIds for the UI.
 */
export const SCENES: Readonly<Partial<Record<SceneId, SceneDef>>> = {
  memory,
  'single-thread': singleThread,
  cache,
  persistence,
  replication,
  failover,
  'jwt-rtr': jwtRtr,
  cluster,
};

/** The code every scene's world may need: scripts and part kinds, by name. */
export const SCENE_OPTIONS: WorldOptions = {
  scripts: sceneScripts,
  partKinds: {
    director: directorKind,
    'cache-app': cacheAppKind,
    'jwt-app': jwtAppKind,
    replication: replicationKind,
    'versioned-app': versionedAppKind,
    sentinel: sentinelKind,
    'sentinel-writer': writerKind,
    ...CLUSTER_PART_KINDS,
  },
};

export function sceneIds(): SceneId[] {
  return Object.keys(SCENES) as SceneId[];
}

/** A scene by id; throws a one-line message naming it and the runnable ones. */
export function getScene(id: string): SceneDef {
  const def = (SCENES as Readonly<Record<string, SceneDef | undefined>>)[id];
  if (def === undefined) {
    throw new Error(`unknown scene '${id}' (scenes: ${sceneIds().join(', ')})`);
  }
  return def;
}
