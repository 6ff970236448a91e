import type { KeyspaceSnapshot } from '../engine/index.ts';
import { CONSOLE_RECORD_VERSION, type ConsoleRecord, type TranscriptEntry } from './schema.ts';

/** Either a value that passed every check, or the reason it did not. */
export type Restored<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Validates a console record read from storage. Nothing loaded is trusted: a record from a
 * newer build, a half-written one or one edited by hand is rejected with a reason the UI
 * can show, and the caller starts fresh.
 */
export function restoreConsoleRecord(raw: unknown): Restored<ConsoleRecord> {
  if (!isObject(raw)) return fail('the saved console is not an object');
  if (raw.version !== CONSOLE_RECORD_VERSION) {
    return fail(
      `the saved console has version ${String(raw.version)}, expected ${CONSOLE_RECORD_VERSION}`,
    );
  }
  const { history, transcript, keyspace } = raw;
  if (!Array.isArray(history) || !history.every((h) => typeof h === 'string')) {
    return fail('the saved command history is malformed');
  }
  if (!Array.isArray(transcript) || !transcript.every(isTranscriptEntry)) {
    return fail('the saved transcript is malformed');
  }
  if (!isKeyspaceSnapshot(keyspace)) return fail('the saved keyspace is malformed');
  return { ok: true, value: { version: CONSOLE_RECORD_VERSION, history, transcript, keyspace } };
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isTranscriptEntry(v: unknown): v is TranscriptEntry {
  return (
    isObject(v) &&
    typeof v.input === 'string' &&
    typeof v.output === 'string' &&
    (v.kind === 'reply' || v.kind === 'error' || v.kind === 'empty') &&
    typeof v.db === 'number'
  );
}

function isKeyspaceSnapshot(v: unknown): v is KeyspaceSnapshot {
  if (!isObject(v) || v.version !== 1 || !Array.isArray(v.dbs)) return false;
  return v.dbs.every(
    (db) =>
      isObject(db) &&
      Number.isInteger(db.id) &&
      Array.isArray(db.entries) &&
      db.entries.every(
        (e) =>
          Array.isArray(e) &&
          e.length === 3 &&
          typeof e[0] === 'string' &&
          isObject(e[1]) &&
          typeof e[1].type === 'string' &&
          (e[2] === null || typeof e[2] === 'number'),
      ),
  );
}
