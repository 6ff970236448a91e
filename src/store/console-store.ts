import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsoleOutput } from '../worker/api.ts';
import type { Persistence } from '../persist/database.ts';
import {
  CONSOLE_RECORD_VERSION,
  MAX_HISTORY,
  MAX_TRANSCRIPT,
  type ConsoleRecord,
  type TranscriptEntry,
} from '../persist/schema.ts';
import type { KeyspaceSnapshot } from '../engine/index.ts';

/** The subset of the worker API a console needs; tests hand in an in-process one. */
export interface ConsoleBackend {
  runCommand(line: string): Promise<ConsoleOutput> | ConsoleOutput;
  snapshot(): Promise<KeyspaceSnapshot> | KeyspaceSnapshot;
  restore(snapshot: KeyspaceSnapshot): Promise<void> | void;
  reset(): Promise<void> | void;
}

export interface ConsoleState {
  status: 'loading' | 'ready';
  history: string[];
  transcript: TranscriptEntry[];
  /** Selected database, shown in the prompt. */
  db: number;
  /** A message for the learner about storage (restored badly, unavailable...). */
  notice: Notice | null;
  /** True while a command is in flight; input stays usable, commands queue in order. */
  busy: boolean;
}

export interface ConsoleActions {
  init(): Promise<void>;
  submit(line: string): Promise<void>;
  clearScreen(): void;
  resetAll(): Promise<void>;
}

export type ConsoleStore = StoreApi<ConsoleState & ConsoleActions>;

/** The UI words a notice from its key; the reason is the technical detail. */
export interface Notice {
  readonly key: 'storageCorrupt' | 'storageUnavailable';
  readonly reason: string;
}

/**
 * One console's state: transcript, history and the keyspace's persistence. Commands run in
 * the order typed (a promise chain), and every change is saved before the next command, so a
 * reload right after typing loses nothing.
 */
export function createConsoleStore(
  sceneId: string,
  backend: ConsoleBackend,
  persistence: Persistence | null,
): ConsoleStore {
  let queue: Promise<void> = Promise.resolve();
  let storageWorks = persistence !== null;
  // The last keyspace snapshot; refreshed only after a command that wrote, so reads stay cheap.
  let keyspace: KeyspaceSnapshot = { version: 1, dbs: [] };
  const serial = (task: () => Promise<void>): Promise<void> => (queue = queue.then(task, task));

  return createStore<ConsoleState & ConsoleActions>()((set, get) => {
    const save = async (): Promise<void> => {
      if (!storageWorks || persistence === null) return;
      const { history, transcript } = get();
      try {
        await persistence.saveConsole(sceneId, {
          version: CONSOLE_RECORD_VERSION,
          history,
          transcript,
          keyspace,
        });
      } catch (e) {
        storageWorks = false;
        set({ notice: { key: 'storageUnavailable', reason: String(e) } });
      }
    };

    /** Loads a validated record; returns why it failed, or null. */
    const tryRestore = async (record: ConsoleRecord): Promise<string | null> => {
      try {
        await backend.restore(record.keyspace);
      } catch (e) {
        return String(e);
      }
      keyspace = record.keyspace;
      set({
        history: [...record.history],
        transcript: [...record.transcript],
        // A reload is a new connection: like redis-cli reconnecting, it starts in db 0.
        db: 0,
      });
      return null;
    };

    return {
      status: 'loading',
      history: [],
      transcript: [],
      db: 0,
      notice: null,
      busy: false,

      init: () =>
        serial(async () => {
          if (persistence === null) {
            set({ status: 'ready' });
            return;
          }
          try {
            const saved = await persistence.loadConsole(sceneId);
            const problem =
              saved === null ? null : saved.ok ? await tryRestore(saved.value) : saved.reason;
            if (problem !== null) {
              await backend.reset();
              await persistence.deleteConsole(sceneId);
              set({ notice: { key: 'storageCorrupt', reason: problem } });
            }
          } catch (e) {
            await backend.reset();
            storageWorks = false;
            set({ notice: { key: 'storageUnavailable', reason: String(e) } });
          }
          set({ status: 'ready' });
        }),

      submit: (line) =>
        serial(async () => {
          set({ busy: true });
          const out = await backend.runCommand(line);
          const { history, transcript, db } = get();
          const entry: TranscriptEntry = { input: line, output: out.text, kind: out.kind, db };
          set({
            history: line.trim() === '' ? history : [...history, line].slice(-MAX_HISTORY),
            transcript: [...transcript, entry].slice(-MAX_TRANSCRIPT),
            db: out.db,
            busy: false,
          });
          if (out.wrote) keyspace = await backend.snapshot();
          await save();
        }),

      clearScreen: () => set({ transcript: [] }),

      resetAll: () =>
        serial(async () => {
          await backend.reset();
          keyspace = { version: 1, dbs: [] };
          set({ history: [], transcript: [], db: 0, notice: null });
          if (persistence !== null && storageWorks) await persistence.deleteConsole(sceneId);
        }),
    };
  });
}
