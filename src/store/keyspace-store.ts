import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DescribeLimits, KeyspaceView } from '../worker/api.ts';
import type { ConsoleStore } from './console-store.ts';

/** The subset of the worker API the explorer needs; tests hand in an in-process one. */
export interface KeyspaceBackend {
  describeKeyspace(limits?: DescribeLimits): Promise<KeyspaceView> | KeyspaceView;
}

/** Wall-clock timers, injected so tests move time by hand. */
export interface KeyspaceTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: KeyspaceTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
};

/** How soon after a key's expire time the explorer asks again, so it vanishes promptly. */
const AFTER_EXPIRY_MS = 30;
/** The longest wait between two pictures while some key has a TTL. */
const MAX_POLL_MS = 1000;

/** Commands that treat a string as a bitmap: the explorer then draws it as bits. */
const BITMAP_COMMANDS = new Set([
  'setbit',
  'getbit',
  'bitcount',
  'bitpos',
  'bitfield',
  'bitfield_ro',
]);

export interface KeyspaceState {
  /** The latest picture of the console's selected database; null before the first. */
  view: KeyspaceView | null;
  /** `db:key` of strings the learner used with bitmap commands, drawn as bits. */
  bitmapKeys: readonly string[];
  /** `db:key` of strings the learner asked to see as bits (or to see as text again). */
  bitsToggled: readonly string[];
}

export interface KeyspaceActions {
  /** Asks the worker for a fresh picture (queued behind one in flight). */
  refresh(): Promise<void>;
  /** Notes a command line the console ran, for what it says about how keys are used. */
  noteCommand(line: string, db: number): void;
  toggleBits(db: number, key: string): void;
  /** Stops the TTL polling. */
  stop(): void;
}

export type KeyspaceStore = StoreApi<KeyspaceState & KeyspaceActions>;

/** `db:key`, the explorer's name for a key across databases. */
export function keyId(db: number, key: string): string {
  return `${db}:${key}`;
}

/**
 * The keys a bitmap command line names (SETBIT k 7 1 -> k; BITOP AND dest a b -> all three).
 * Split on spaces only: a quoted key name is rare in a lesson and at worst not drawn as bits.
 */
export function bitmapKeysOf(line: string): string[] {
  const words = line.trim().split(/\s+/);
  const name = (words[0] ?? '').toLowerCase();
  if (name === 'bitop') return words.slice(2);
  if (BITMAP_COMMANDS.has(name) && words[1] !== undefined) return [words[1]];
  return [];
}

/**
 * The explorer's picture of the keyspace. It asks the worker after each command, and while
 * any key has a TTL it asks again just after the next one falls due (at most a second
 * apart): expiry happens in the engine (lazily and in its active cycle), so only the worker
 * can say a key is gone.
 */
export function createKeyspaceStore(
  backend: KeyspaceBackend,
  timers: KeyspaceTimers = browserTimers,
  limits?: DescribeLimits,
): KeyspaceStore {
  let inFlight: Promise<void> | null = null;
  let again = false;
  let timer: unknown = null;
  let stopped = false;

  return createStore<KeyspaceState & KeyspaceActions>()((set, get) => {
    const schedule = (view: KeyspaceView): void => {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      if (stopped) return;
      let next = Infinity;
      for (const k of view.keys) if (k.expiresAtMs !== null) next = Math.min(next, k.expiresAtMs);
      if (next === Infinity) return;
      const wait = Math.min(MAX_POLL_MS, Math.max(0, next - timers.now()) + AFTER_EXPIRY_MS);
      timer = timers.setTimeout(() => {
        timer = null;
        void get().refresh();
      }, wait);
    };

    const fetchOnce = async (): Promise<void> => {
      do {
        again = false;
        const view = await backend.describeKeyspace(limits);
        set({ view });
        schedule(view);
      } while (again);
    };

    return {
      view: null,
      bitmapKeys: [],
      bitsToggled: [],

      refresh: () => {
        if (inFlight !== null) {
          again = true;
          return inFlight;
        }
        inFlight = fetchOnce().finally(() => {
          inFlight = null;
        });
        return inFlight;
      },

      noteCommand: (line, db) => {
        const named = bitmapKeysOf(line).map((k) => keyId(db, k));
        if (named.length === 0) return;
        const known = new Set(get().bitmapKeys);
        const added = named.filter((id) => !known.has(id));
        if (added.length > 0) set({ bitmapKeys: [...get().bitmapKeys, ...added] });
      },

      toggleBits: (db, key) => {
        const id = keyId(db, key);
        const toggled = get().bitsToggled;
        set({
          bitsToggled: toggled.includes(id) ? toggled.filter((t) => t !== id) : [...toggled, id],
        });
      },

      stop: () => {
        stopped = true;
        if (timer !== null) timers.clearTimeout(timer);
        timer = null;
      },
    };
  });
}

/**
 * Keeps a keyspace store in step with a console: every line run is noted and followed by a
 * fresh picture, as are a change of database and the console becoming ready (a restored
 * keyspace). Returns the unsubscribe function.
 */
export function followConsole(consoleStore: ConsoleStore, keyspace: KeyspaceStore): () => void {
  const first = consoleStore.getState();
  if (first.status === 'ready') void keyspace.getState().refresh();
  return consoleStore.subscribe((now, before) => {
    const last = now.transcript[now.transcript.length - 1];
    const ran = last !== undefined && last !== before.transcript[before.transcript.length - 1];
    if (ran) keyspace.getState().noteCommand(last.input, last.db);
    if (
      ran ||
      now.db !== before.db ||
      (now.status === 'ready' && before.status !== 'ready') ||
      (now.history.length === 0 && before.history.length > 0)
    ) {
      void keyspace.getState().refresh();
    }
  });
}
