import { isSceneId, type SceneId } from '../ui/scenes/scene-ids.ts';
import type { Restored } from './restore.ts';

/**
 * A lesson saved to a file ("Export") and read back ("Import"): the scene, its seed, knobs and
 * step, and the worker's snapshot of the world. A file may come from anywhere, so import
 * checks the envelope here and the worker checks the snapshot itself when it restores it;
 * a bad file is refused with a reason and the current lesson stays as it was.
 */

export const LESSON_FILE_FORMAT = 'redis-sim-lesson';
export const LESSON_FILE_VERSION = 1;
/** A generous cap: a world snapshot of a big keyspace is a few MB of JSON. */
export const MAX_LESSON_FILE_BYTES = 32 * 1024 * 1024;

export interface LessonFile {
  readonly format: typeof LESSON_FILE_FORMAT;
  readonly version: typeof LESSON_FILE_VERSION;
  readonly scene: SceneId;
  readonly seed: number;
  readonly step: number;
  readonly knobs: Readonly<Record<string, number | string | boolean>>;
  /** The worker's snapshot (world or keyspace), checked by the worker on restore. */
  readonly snapshot: unknown;
  /** Console lines typed in the lesson, oldest first. */
  readonly history: readonly string[];
}

export function lessonFileName(scene: SceneId, seed: number): string {
  return `redis-sim-${scene}-seed${seed}.json`;
}

export function serializeLessonFile(file: Omit<LessonFile, 'format' | 'version'>): string {
  const full: LessonFile = { format: LESSON_FILE_FORMAT, version: LESSON_FILE_VERSION, ...file };
  return JSON.stringify(full);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseLessonFile(text: string): Restored<LessonFile> {
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (text.length > MAX_LESSON_FILE_BYTES) return fail('the file is too large to be a lesson');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail('the file is not JSON');
  }
  if (!isRecord(raw) || raw.format !== LESSON_FILE_FORMAT) {
    return fail('the file is not a redis-sim lesson');
  }
  if (raw.version !== LESSON_FILE_VERSION) {
    return fail(
      `the lesson file has version ${String(raw.version)}, expected ${LESSON_FILE_VERSION}`,
    );
  }
  if (typeof raw.scene !== 'string' || !isSceneId(raw.scene)) return fail('unknown lesson');
  if (
    !Number.isInteger(raw.seed) ||
    (raw.seed as number) < 0 ||
    (raw.seed as number) > 0xffffffff
  ) {
    return fail('the seed is not a 32-bit unsigned integer');
  }
  if (!Number.isInteger(raw.step) || (raw.step as number) < 1) return fail('the step is malformed');
  const knobs = raw.knobs;
  if (
    !isRecord(knobs) ||
    !Object.values(knobs).every((v) => ['number', 'string', 'boolean'].includes(typeof v))
  ) {
    return fail('the knobs are malformed');
  }
  const history = raw.history;
  if (!Array.isArray(history) || !history.every((h) => typeof h === 'string')) {
    return fail('the console history is malformed');
  }
  if (!isRecord(raw.snapshot)) return fail('the lesson has no saved state');
  return {
    ok: true,
    value: {
      format: LESSON_FILE_FORMAT,
      version: LESSON_FILE_VERSION,
      scene: raw.scene,
      seed: raw.seed as number,
      step: raw.step as number,
      knobs: knobs as Record<string, number | string | boolean>,
      snapshot: raw.snapshot,
      history: history,
    },
  };
}
