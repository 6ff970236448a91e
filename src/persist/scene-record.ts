import type { Restored } from './restore.ts';

/**
 * What the `scenes` and `settings` stores hold, and the checks a record passes before it is
 * used. Records carry their own version: one from a newer build, a half-written one or one
 * edited by hand is refused with a reason, set aside (never silently dropped) and the lesson
 * starts fresh.
 */

export const SCENE_RECORD_VERSION = 1;

export interface SceneRecord {
  readonly version: typeof SCENE_RECORD_VERSION;
  readonly scene: string;
  /** The lesson step the learner was reading, counted from 1. */
  readonly step: number;
  /** The worker's snapshot of the world; the worker checks it again when it restores it. */
  readonly snapshot: Readonly<Record<string, unknown>>;
}

export const SETTINGS_RECORD_VERSION = 1;
/** The one key of the settings store. */
export const SETTINGS_KEY = 'app';

export type Motion = 'system' | 'reduce';

export interface SettingsRecord {
  readonly version: typeof SETTINGS_RECORD_VERSION;
  readonly lang: 'en' | 'ko' | null;
  readonly theme: 'light' | 'dark' | null;
  /** The playback speed a lesson starts at (×). */
  readonly speed: number | null;
  readonly motion: Motion;
}

export const DEFAULT_SETTINGS: SettingsRecord = {
  version: SETTINGS_RECORD_VERSION,
  lang: null,
  theme: null,
  speed: null,
  motion: 'system',
};

/** The speeds the time controls offer. */
export const SPEED_RANGE = { min: 0.1, max: 100 } as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function versionProblem(what: string, version: unknown, expected: number): string | null {
  if (version === expected) return null;
  if (typeof version === 'number' && version > expected) {
    return `the saved ${what} comes from a newer version of redis-sim (${version}, this one reads ${expected})`;
  }
  return `the saved ${what} has version ${String(version)}, expected ${expected}`;
}

export function restoreSceneRecord(raw: unknown, scene: string): Restored<SceneRecord> {
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (!isObject(raw)) return fail('the saved lesson is not an object');
  const version = versionProblem('lesson', raw.version, SCENE_RECORD_VERSION);
  if (version !== null) return fail(version);
  if (raw.scene !== scene) return fail('the saved lesson belongs to another lesson');
  if (!Number.isInteger(raw.step) || (raw.step as number) < 1 || (raw.step as number) > 1000) {
    return fail('the saved lesson step is malformed');
  }
  const snapshot = raw.snapshot;
  if (!isObject(snapshot) || snapshot['scene'] !== scene) {
    return fail('the saved simulation is missing or belongs to another lesson');
  }
  return {
    ok: true,
    value: { version: SCENE_RECORD_VERSION, scene, step: raw.step as number, snapshot },
  };
}

export function restoreSettingsRecord(raw: unknown): Restored<SettingsRecord> {
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (!isObject(raw)) return fail('the saved settings are not an object');
  const version = versionProblem('settings', raw.version, SETTINGS_RECORD_VERSION);
  if (version !== null) return fail(version);
  const { lang, theme, speed, motion } = raw;
  if (lang !== null && lang !== 'en' && lang !== 'ko') return fail('the saved language is unknown');
  if (theme !== null && theme !== 'light' && theme !== 'dark') {
    return fail('the saved theme is unknown');
  }
  if (
    speed !== null &&
    (typeof speed !== 'number' || !(speed >= SPEED_RANGE.min && speed <= SPEED_RANGE.max))
  ) {
    return fail('the saved speed is out of range');
  }
  if (motion !== 'system' && motion !== 'reduce')
    return fail('the saved motion setting is unknown');
  return {
    ok: true,
    value: { version: SETTINGS_RECORD_VERSION, lang, theme, speed, motion },
  };
}
