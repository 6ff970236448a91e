import type { KeyspaceSnapshot } from '../engine/index.ts';

/**
 * What redis-sim keeps in IndexedDB. DB_VERSION rises by one with every change to the
 * stores; the upgrade in database.ts runs each step in order. Records carry their own
 * `version` too, so a record from an older build is migrated or reset, never trusted.
 */
export const DB_VERSION = 1;

export const STORES = {
  /** One record per scene console, keyed by scene id. */
  consoles: 'consoles',
} as const;

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
