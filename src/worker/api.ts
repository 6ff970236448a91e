import type { KeyspaceSnapshot } from '../engine/index.ts';
import { ConsoleSession, type ConsoleOutput } from './console-session.ts';

/** The wall clock: the data-types console lives in real time (TTLs count down for real). */
const wallClock = { nowMicros: () => Date.now() * 1000 };

/**
 * The one typed API the UI calls (through comlink). Every method is plain data in, plain
 * data out, so it crosses the worker boundary by structured clone.
 */
export function createWorkerApi(seed: number) {
  let current = new ConsoleSession(wallClock, seed);
  return {
    /**
     * Runs one redis-cli line against the console's engine. A blocking command with a
     * timeout answers later (a Promise, which comlink awaits) once the timeout has passed.
     */
    runCommand(line: string): ConsoleOutput | Promise<ConsoleOutput> {
      return current.run(line);
    },
    /** The keyspace as JSON-safe data, for IndexedDB. */
    snapshot(): KeyspaceSnapshot {
      return current.snapshot();
    },
    /** Loads a saved keyspace; throws (and leaves the keyspace empty) if it is malformed. */
    restore(snapshot: KeyspaceSnapshot): void {
      try {
        current.restore(snapshot);
      } catch (e) {
        current = new ConsoleSession(wallClock, seed);
        throw e;
      }
    },
    /** Empties the keyspace and forgets the session (SELECT, protocol). */
    reset(): void {
      current = new ConsoleSession(wallClock, seed);
    },
  };
}

export type WorkerApi = ReturnType<typeof createWorkerApi>;
export type { ConsoleOutput };
