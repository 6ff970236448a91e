import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KnobValue } from '../sim/scenes/knobs.ts';
import type { Series } from '../sim/index.ts';
import type { SceneSummary } from '../sim/scenes/types.ts';
import type { CompareBase, ModeResult } from '../sim/scenes/persistence-modes.ts';
import type { CrashKind } from '../sim/index.ts';
import type {
  ConsoleOutput,
  SceneInfo,
  SimBatch,
  SimSnapshot,
  SimUpdate,
  TraceMatch,
} from '../worker/api.ts';

/**
 * One running scene's UI state, fed by the worker's batched stream: playback, the scene's
 * own view (built by a SceneModel from trace records), metric series for the charts, and
 * the event log. One `set` per batch, so React renders at most once a frame however many
 * thousand records a batch carries.
 */

/** The worker calls a scene needs; the bridge adapts comlink, tests hand in a fake. */
export interface SimBackend {
  loadScene(id: string, seed: number, knobs: Record<string, KnobValue>): Promise<SceneInfo>;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(): Promise<boolean>;
  /** Back to where the last step started, or `fallback` µs back (optional: else a seek). */
  stepBack?(fallback: number, stories?: readonly number[]): Promise<number>;
  /** `stories`: instants the UI kept its view at (see SimController.seek). */
  seek(at: number, stories?: readonly number[]): Promise<void>;
  setSpeed(speed: number): Promise<void>;
  series(): Promise<Series[]>;
  /** The scene's figures now (optional: a backend without it reports null). */
  summary?(): Promise<SceneSummary>;
  /** The persistence lesson's comparison, one mode a call (optional, headless worlds). */
  comparePersistenceMode?(mode: string, seed: number, base: CompareBase): Promise<ModeResult>;
  /** `wants`: the trace records the listener needs (all when absent). */
  subscribe(listener: (batch: SimBatch) => void, wants?: readonly TraceMatch[]): Promise<number>;
  unsubscribe(id: number): Promise<void>;
  sendFromClient(client: string, argv: readonly string[]): Promise<void>;
  runConsoleCommand(node: string, line: string): Promise<ConsoleOutput>;
  peekString(node: string, key: string): Promise<string | null>;
  keyLength(node: string, key: string): Promise<number | null>;
  clientStats(name: string): Promise<{ sent: number; completed: number; done: boolean }>;
  /** A key's cluster hash slot, from the simulation's CRC16 (optional: null without it). */
  keySlot?(key: string): Promise<KeySlot>;
  crashNode(node: string, kind?: CrashKind): Promise<void>;
  restartNode(node: string): Promise<void>;
  cutLink(a: string, b: string): Promise<void>;
  healLink(a: string, b: string): Promise<void>;
  partAction(part: string, command: string, args: readonly string[]): Promise<string>;
  snapshot(): Promise<SimSnapshot>;
  restore(snapshot: unknown): Promise<SceneInfo>;
}

/** A key's cluster hash slot and the part of the key that was hashed (its hash tag or all). */
export interface KeySlot {
  readonly slot: number;
  readonly hashed: string;
}

/** A line of the event log: a message key and its arguments (the UI words it). */
export interface LogEntry {
  readonly at: number;
  readonly key: string;
  readonly args: Readonly<Record<string, string | number>>;
}

/**
 * How a scene turns the stream into what its stage draws. `apply` may mutate the view it
 * was given (it owns it) and must return a new top-level object when anything changed, so
 * React sees the change. `reset` starts over after a load or a seek (history before the
 * new instant is not sent again).
 */
export interface SceneModel<V> {
  reset(info: SceneInfo, now: number): V;
  apply(view: V, updates: readonly SimUpdate[], now: number): V;
  /** A notable record as a log line, or null (most records are not news). */
  describe?(update: SimUpdate): LogEntry | null;
  /**
   * Every trace record `apply` and `describe` look at (worker/sim-events.ts TraceMatch); the
   * worker then sends only those. Leave it out to get every record. At 10x a busy scene makes
   * thousands of records a frame, and each one sent costs the page's main thread.
   */
  readonly wants?: readonly TraceMatch[];
}

export interface SimState<V> {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  info: SceneInfo | null;
  seed: number;
  knobs: Record<string, KnobValue>;
  playing: boolean;
  speed: number;
  /** Virtual µs. */
  now: number;
  hasEvents: boolean;
  view: V;
  /** Metric series by name, oldest first (bounded like the worker's). */
  series: Readonly<Record<string, { t: number[]; values: number[] }>>;
  log: readonly LogEntry[];
  /** The narrative's moments (µs, ascending); playback can pause as it passes each. */
  markers: readonly number[];
  pauseAtMarkers: boolean;
  /** Bumped on load and seek: views keyed on it start over. */
  epoch: number;
}

export interface SimActions {
  start(): Promise<void>;
  play(): Promise<void>;
  pause(): Promise<void>;
  togglePlay(): Promise<void>;
  step(): Promise<void>;
  /**
   * ← : undoes the last step (back to the instant it started from); with no step to undo,
   * goes back a quarter second of wall time at the current speed (0.25 s at 1×, 2.5 s at 10×).
   */
  stepBack(): Promise<void>;
  seek(at: number): Promise<void>;
  setSpeed(speed: number): Promise<void>;
  /** A new seed or knob values reload the scene at t = 0. */
  reload(changes?: { seed?: number; knobs?: Record<string, KnobValue> }): Promise<void>;
  send(client: string, argv: readonly string[]): Promise<void>;
  /** The node's process dies (memory gone) and starts again empty; journaled like any act. */
  crashAndRestart(node: string): Promise<void>;
  /** Faults, journaled like any act: 'kill' keeps the page cache, 'power' only what was fsynced. */
  crash(node: string, kind: CrashKind): Promise<void>;
  restart(node: string): Promise<void>;
  cut(a: string, b: string): Promise<void>;
  heal(a: string, b: string): Promise<void>;
  /** A verb for a scene's part (the cluster operator's `add-node`); returns its log line. */
  partAction(part: string, command: string, args?: readonly string[]): Promise<string>;
  /** The whole world as JSON-safe data, to keep; `restore` continues from it, paused. */
  snapshot(): Promise<SimSnapshot>;
  restore(snapshot: unknown): Promise<void>;
  runConsole(node: string, line: string): Promise<ConsoleOutput>;
  /** Pure reads of the world (no journal): a string key, a key's length, a client's counts. */
  peek(node: string, key: string): Promise<string | null>;
  length(node: string, key: string): Promise<number | null>;
  stats(client: string): Promise<{ sent: number; completed: number; done: boolean }>;
  /** A key's cluster hash slot (CLUSTER KEYSLOT), computed by the simulation. */
  keySlot(key: string): Promise<KeySlot | null>;
  /** The scene's own figures as the world stands (memory: tiers, keys in Redis...). */
  summary(): Promise<SceneSummary | null>;
  /** One mode of the persistence comparison, measured headless (null without a backend). */
  comparePersistenceMode(mode: string, base: CompareBase): Promise<ModeResult | null>;
  setMarkers(markers: readonly number[]): void;
  setPauseAtMarkers(on: boolean): void;
  /** Applies one batch (the worker's listener; exposed for tests). */
  receive(batch: SimBatch): void;
  dispose(): Promise<void>;
}

export type SimStore<V> = StoreApi<SimState<V> & SimActions>;

export const LOG_LIMIT = 200;
/** Wall µs ← goes back when there is no step to undo (scaled by the speed into virtual µs). */
export const BACK_WALL_MICROS = 250_000;
const SERIES_LIMIT = 600;
/** Virtual µs between the views kept for retelling a seek's story, and how many are kept. */
const STORY_EVERY = 1_000_000;
const STORY_LIMIT = 120;

export interface SimStoreOptions<V> {
  readonly scene: string;
  readonly seed: number;
  readonly knobs: Record<string, KnobValue>;
  readonly model: SceneModel<V>;
  readonly backend: SimBackend;
}

export function createSimStore<V>(options: SimStoreOptions<V>): SimStore<V> {
  const { backend, model, scene } = options;
  let subscription: number | null = null;
  // Calls into the worker run in order, as the learner made them.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  /**
   * Views kept at instants of virtual time, oldest first. A seek asks the worker to retell
   * what happened since the latest one before the target, and folds it onto a copy, so the
   * stage keeps its past (a failover's phases, a chart's history) instead of starting empty.
   * Copies, since `apply` may mutate the view it is given.
   */
  let kept: { at: number; view: V }[] = [];
  let keeping = true;
  const keep = (at: number, view: V) => {
    if (!keeping) return;
    try {
      kept.push({ at, view: structuredClone(view) });
    } catch {
      // A view that cannot be copied (it holds functions): seeks start over, as before.
      keeping = false;
      kept = [];
    }
    if (kept.length > STORY_LIMIT)
      kept = kept.filter((_, i) => i % 2 === 0 || i === kept.length - 1);
  };
  /** The future after `at` is gone (an action, a seek back): so are views kept in it. */
  const forgetAfter = (at: number) => {
    kept = kept.filter((k) => k.at <= at);
  };
  const storyTimes = () => (keeping ? kept.map((k) => k.at) : undefined);

  return createStore<SimState<V> & SimActions>()((set, get) => {
    const addLog = (entries: LogEntry[]) => {
      if (entries.length === 0) return get().log;
      return [...get().log, ...entries].slice(-LOG_LIMIT);
    };

    /** An action on the world starts a new future from now. */
    const acting = <T>(task: () => Promise<T>): Promise<T> =>
      serial(() => {
        const { now, view } = get();
        forgetAfter(now);
        if ((kept.at(-1)?.at ?? -1) < now) keep(now, view);
        return task();
      });

    const refillSeries = async () => {
      const all = await backend.series();
      const series: Record<string, { t: number[]; values: number[] }> = {};
      for (const s of all) series[s.name] = { t: [...s.t], values: [...s.values] };
      set({ series });
    };

    const load = async () => {
      set({ status: 'loading', error: null });
      try {
        const { seed, knobs } = get();
        const info = await backend.loadScene(scene, seed, knobs);
        const view = model.reset(info, 0);
        kept = [];
        keep(0, view);
        set({
          info,
          status: 'ready',
          playing: false,
          now: 0,
          view,
          series: {},
          epoch: get().epoch + 1,
          // A new run starts a new story: lines from the last one would carry its times.
          log: [{ at: 0, key: 'loaded', args: { seed } }],
        });
      } catch (e) {
        set({ status: 'error', error: e instanceof Error ? e.message : String(e) });
      }
    };

    return {
      status: 'loading',
      error: null,
      info: null,
      seed: options.seed,
      knobs: { ...options.knobs },
      playing: false,
      speed: 1,
      now: 0,
      hasEvents: true,
      view: undefined as V,
      series: {},
      log: [],
      markers: [],
      pauseAtMarkers: false,
      epoch: 0,

      start: () =>
        serial(async () => {
          if (subscription === null) {
            subscription = await backend.subscribe((b) => get().receive(b), model.wants);
          }
          await load();
        }),
      play: () => serial(() => backend.play()),
      pause: () => serial(() => backend.pause()),
      togglePlay: () => (get().playing ? get().pause() : get().play()),
      step: () => serial(async () => void (await backend.step())),
      stepBack: () =>
        serial(async () => {
          const { now, speed } = get();
          const fallback = BACK_WALL_MICROS * Math.max(1, speed);
          if (backend.stepBack !== undefined) await backend.stepBack(fallback, storyTimes());
          else {
            await backend.pause();
            await backend.seek(Math.max(0, now - fallback), storyTimes());
          }
          await refillSeries();
        }),
      seek: (at) =>
        serial(async () => {
          await backend.seek(at, storyTimes());
          await refillSeries();
        }),
      setSpeed: (speed) => serial(() => backend.setSpeed(speed)),
      reload: (changes = {}) => {
        // The controls show the new choice at once, even while earlier actions finish.
        set({
          seed: changes.seed ?? get().seed,
          knobs: { ...get().knobs, ...changes.knobs },
        });
        return serial(async () => {
          await load();
          await backend.setSpeed(get().speed);
        });
      },
      send: (client, argv) => acting(() => backend.sendFromClient(client, argv)),
      crashAndRestart: (node) =>
        acting(async () => {
          await backend.crashNode(node);
          await backend.restartNode(node);
        }),
      crash: (node, kind) => acting(() => backend.crashNode(node, kind)),
      restart: (node) => acting(() => backend.restartNode(node)),
      cut: (a, b) => acting(() => backend.cutLink(a, b)),
      heal: (a, b) => acting(() => backend.healLink(a, b)),
      partAction: (part, command, args = []) =>
        acting(() => backend.partAction(part, command, args)),
      snapshot: () => serial(() => backend.snapshot()),
      restore: (snapshot) =>
        serial(async () => {
          const info = await backend.restore(snapshot);
          set({ info, seed: info.seed, knobs: { ...info.values } });
          await refillSeries();
        }),
      runConsole: (node, line) => acting(() => backend.runConsoleCommand(node, line)),
      // Reads skip the queue: they change nothing, and a poll must never delay an action.
      peek: (node, key) => backend.peekString(node, key),
      length: (node, key) => backend.keyLength(node, key),
      stats: (client) => backend.clientStats(client),
      keySlot: (key) => backend.keySlot?.(key) ?? Promise.resolve(null),
      summary: () => backend.summary?.() ?? Promise.resolve(null),
      // Headless runs on worlds of their own: off the action queue, like the reads.
      comparePersistenceMode: (mode, base) =>
        backend.comparePersistenceMode?.(mode, get().seed, base) ?? Promise.resolve(null),
      setMarkers: (markers) => set({ markers: [...markers].sort((a, b) => a - b) }),
      setPauseAtMarkers: (on) => set({ pauseAtMarkers: on }),

      receive: (batch) => {
        const s = get();
        if (s.info === null) return;
        const before = s.now;
        let view = s.view;
        let { playing, speed, hasEvents, epoch } = s;
        const series = s.series as Record<string, { t: number[]; values: number[] }>;
        let seriesChanged = false;
        const logs: LogEntry[] = [];
        let pending: SimUpdate[] = [];
        const flushPending = () => {
          if (pending.length > 0) view = model.apply(view, pending, batch.now);
          pending = [];
        };
        /** Inside a retold story: its records rebuild the view, they are not news for the log. */
        let retelling = false;
        let startedOver = false;
        for (const u of batch.updates) {
          if (u.kind === 'story') {
            flushPending();
            const from = kept.find((k) => k.at === u.from);
            retelling = from !== undefined;
            if (from !== undefined) view = structuredClone(from.view);
          } else if (u.kind === 'playback') {
            playing = u.state.playing;
            speed = u.state.speed;
            hasEvents = u.state.hasEvents;
            if (u.cause === 'seek' || u.cause === 'load' || u.cause === 'restore') {
              if (u.cause === 'seek' && retelling) flushPending();
              else {
                pending = [];
                view = model.reset(s.info, u.state.now);
              }
              retelling = false;
              startedOver = true;
              // Views kept past a seek's target stay: the same world replays the same future.
              if (u.cause !== 'seek') kept = [];
              epoch++;
              if (u.cause === 'seek') logs.push({ at: u.state.now, key: 'seeked', args: {} });
            } else if (u.cause === 'play' || u.cause === 'pause') {
              logs.push({
                at: u.state.now,
                key: u.cause === 'play' ? 'played' : 'paused',
                args: {},
              });
            }
          } else if (u.kind === 'metrics') {
            seriesChanged = true;
            for (const [name, value] of Object.entries(u.values)) {
              const line = (series[name] ??= { t: [], values: [] });
              line.t.push(u.at);
              line.values.push(value);
              if (line.t.length > SERIES_LIMIT) {
                line.t.splice(0, line.t.length - SERIES_LIMIT);
                line.values.splice(0, line.values.length - SERIES_LIMIT);
              }
            }
          } else {
            if (u.kind === 'gap') logs.push({ at: batch.now, key: 'gap', args: { n: u.dropped } });
            pending.push(u);
            const line = retelling ? null : model.describe?.(u);
            if (line !== null && line !== undefined) logs.push(line);
          }
        }
        flushPending();
        const last = kept.at(-1);
        if (startedOver || last === undefined || batch.now - last.at >= STORY_EVERY) {
          if (last === undefined || batch.now > last.at) keep(batch.now, view);
        }
        // Pause when playback passes one of the narrative's moments.
        if (playing && s.pauseAtMarkers && s.epoch === epoch) {
          const passed = s.markers.find((m) => m > before && m <= batch.now);
          if (passed !== undefined) {
            logs.push({ at: passed, key: 'pausedAtStep', args: {} });
            void get().pause();
          }
        }
        set({
          now: batch.now,
          playing,
          speed,
          hasEvents,
          view,
          epoch,
          log: addLog(logs),
          ...(seriesChanged ? { series: { ...series } } : {}),
        });
      },

      dispose: () =>
        serial(async () => {
          await backend.pause();
          if (subscription !== null) await backend.unsubscribe(subscription);
          subscription = null;
        }),
    };
  });
}
