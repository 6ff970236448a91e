import type { KeyspaceSnapshot } from '../engine/index.ts';

/**
 * What redis-sim keeps in IndexedDB. DB_VERSION rises by one with every change to the
 * stores; the upgrade in database.ts runs each step in order. Records carry their own
 * `version` too, so a record from an older build is migrated or reset, never trusted.
 */
export const DB_VERSION = 2;

export const STORES = {
  /** One record per scene console, keyed by scene id. */
  consoles: 'consoles',
  /** One versioned record per scene (its world, step, seed and knobs), keyed by scene id. */
  scenes: 'scenes',
  /** Versioned app settings (language, theme, speed, reduced motion), under one key. */
  settings: 'settings',
} as const;

/** The stores whose records are written with revisions (see versioned.ts). */
export type VersionedStore = typeof STORES.scenes | typeof STORES.settings;

export interface TranscriptEntry {
  readonly input: string;
  readonly output: string;
  readonly kind: 'reply' | 'error' | 'empty';
  /** The prompt's database when the line was typed. */
  readonly db: number;
}

export const CONSOLE_RECORD_VERSION = 1;

export interface ConsoleRecord {
  readonly version: typeof CONSOLE_RECORD_VERSION;
  /** Lines typed, oldest first (the up/down history). */
  readonly history: readonly string[];
  readonly transcript: readonly TranscriptEntry[];
  readonly keyspace: KeyspaceSnapshot;
}

/** Caps keep a long teaching session from growing the record without bound. */
export const MAX_HISTORY = 500;
export const MAX_TRANSCRIPT = 500;
