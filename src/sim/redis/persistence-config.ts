import type { DiskProfile } from './disk.ts';

/**
 * The persistence parameters of one simulated Redis, with Redis 7.0's built-in defaults
 * (redis-facts §4, §5). They live in the persistence part, not only in the engine's config,
 * because they drive simulated disks and forks; CONFIG SET on the engine (when it has those
 * parameters) and Persistence.configure() both land here.
 */

export type FsyncPolicy = 'always' | 'everysec' | 'no';

export interface PersistenceSettings {
  /** RDB save points as CONFIG GET prints them: pairs "seconds changes"; '' disables. */
  readonly save: string;
  readonly appendonly: boolean;
  readonly appendfsync: FsyncPolicy;
  /** Rewrite when the AOF grew this many percent over its size after the last rewrite. */
  readonly autoAofRewritePercentage: number;
  /** ...and is at least this many bytes. */
  readonly autoAofRewriteMinSize: number;
}

export const DEFAULT_SETTINGS: PersistenceSettings = {
  save: '3600 1 300 100 60 10000',
  appendonly: false,
  appendfsync: 'everysec',
  autoAofRewritePercentage: 100,
  autoAofRewriteMinSize: 64 * 1024 * 1024,
};

/** A persistence part for one node, as data (a scene states it). */
export interface PersistenceConfig {
  readonly node: string;
  readonly settings?: Partial<PersistenceSettings>;
  readonly disk?: Partial<DiskProfile>;
  /**
   * Bytes of dataset that exist only as a number: a "2 GB Redis" whose bulk is not
   * materialised as keys still takes its time to fork, save and load, and its pages can
   * be copied on write. 0 by default.
   */
  readonly ballastBytes?: number;
}

export interface SavePoint {
  readonly seconds: number;
  readonly changes: number;
}

/** Parses "3600 1 300 100"; throws naming the bad part (CONFIG SET checks it first). */
export function parseSavePoints(save: string): SavePoint[] {
  const parts = save.split(' ').filter((p) => p !== '');
  if (parts.length % 2 !== 0) throw new Error(`save needs pairs of "seconds changes": '${save}'`);
  const points: SavePoint[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const seconds = Number(parts[i]);
    const changes = Number(parts[i + 1]);
    if (!Number.isInteger(seconds) || seconds < 1 || !Number.isInteger(changes) || changes < 0) {
      throw new Error(`invalid save point '${parts[i]} ${parts[i + 1]}'`);
    }
    points.push({ seconds, changes });
  }
  return points;
}
