import type { DescribeLimits, KeyspaceSnapshot, KeyspaceView } from '../engine/index.ts';
import { commandHelp, type CommandHelp } from './command-help.ts';
import { ConsoleSession, type ConsoleOutput } from './console-session.ts';
import { realFrameScheduler, type FrameScheduler } from './frame-scheduler.ts';
import { SimController } from './sim-controller.ts';

/** The wall clock: the data-types console lives in real time (TTLs count down for real). */
const wallClock = { nowMicros: () => Date.now() * 1000 };

/**
 * The one typed API the UI calls (through comlink). Every method is plain data in, plain
 * data out, so it crosses the worker boundary by structured clone; the only function that
 * crosses is a subscriber, wrapped in comlink's `proxy`.
 *
 * @example
 * const api = startWorker(); // store/worker-bridge.ts
 * await api.sim.loadScene('cache', 42, { rate: 1000 });
 * await api.sim.subscribe(proxy((batch) => store.getState().apply(batch)));
 * await api.sim.play();
 */
export function createWorkerApi(seed: number, scheduler: FrameScheduler = realFrameScheduler()) {
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
    /** The console's selected database as the data-types explorer draws it (read-only). */
    describeKeyspace(limits?: DescribeLimits): KeyspaceView {
      return current.describe(limits);
    },
    /** Every command with its syntax, summary, complexity and version, for the console's help. */
    commandHelp(): CommandHelp[] {
      return commandHelp();
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
    /** The simulation: scenes on virtual time, played, stepped, seeked and acted on. */
    sim: new SimController({ scheduler }),
  };
}

export type WorkerApi = ReturnType<typeof createWorkerApi>;
/** The simulation half of the API, as the UI sees its type. */
export type SimApi = SimController;
export type { ConsoleOutput, CommandHelp };
export type {
  KeyspaceView,
  KeyView,
  DescribeLimits,
  StringView,
  ListView,
  SetView,
  HashView,
  ZsetView,
  ZsetEntryView,
} from '../engine/index.ts';
export type { PlaybackState, SimBatch, SimUpdate, SimListener, TraceMatch } from './sim-events.ts';
export type { SceneInfo, Topology } from './scene-info.ts';
export type { SimSnapshot } from './sim-snapshot.ts';
export type { SimAction, JournalEntry } from './sim-actions.ts';
