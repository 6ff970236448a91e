import { bytesToUtf8, elementCount } from '../engine/index.ts';
import { SCENE_OPTIONS, createScene, summarizeScene, type SceneRun } from '../sim/scenes/index.ts';
import type { SceneSummary } from '../sim/scenes/types.ts';
import {
  compareMode,
  isPersistenceMode,
  type CompareBase,
  type ModeResult,
} from '../sim/scenes/persistence-modes.ts';
import type { KnobValue } from '../sim/scenes/knobs.ts';
import { DEFAULT_METRICS, World, micros, type CrashKind, type Series } from '../sim/index.ts';
import { hashTagBounds, keySlot } from '../sim/cluster/key-slot.ts';
import { Checkpoints } from './checkpoints.ts';
import type { ConsoleOutput } from './console-session.ts';
import { EventBatcher } from './event-batcher.ts';
import type { FrameScheduler } from './frame-scheduler.ts';
import { sceneInfo, type SceneInfo } from './scene-info.ts';
import { applyAction, checkAction, type JournalEntry, type SimAction } from './sim-actions.ts';
import type {
  PlaybackCause,
  PlaybackState,
  SimListener,
  SimUpdate,
  TraceMatch,
} from './sim-events.ts';
import { parseSimSnapshot, SIM_SNAPSHOT_VERSION, type SimSnapshot } from './sim-snapshot.ts';

/**
 * Owns one simulated world and plays it: in real time at a speed, one event at a time, or
 * by seeking to any virtual instant. History is the scene's start plus a journal of the
 * learner's actions, each at the virtual time it happened; checkpoints make seeking cheap
 * (restore the nearest one at or before the target, replay), and acting in the past
 * truncates the journal and the checkpoints after it, so a new future begins.
 *
 * Ordering rule: an action finishes the current instant first (every event at the current
 * virtual time runs), then applies; replay puts it at the same place, so replays are exact.
 *
 * Observation: updates are batched and delivered once per scheduler frame (see
 * EventBatcher); seeking replays silently and reports only the new playback state.
 */

export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;

export interface SimControllerOptions {
  readonly scheduler: FrameScheduler;
  /** Virtual µs between checkpoints (it doubles as old ones are thinned). Default 1 s. */
  readonly checkpointEvery?: number;
  /** Checkpoints kept at most. */
  readonly checkpointCapacity?: number;
  /** Wall ms one frame may advance at most: a background tab does not jump minutes. */
  readonly maxFrameMs?: number;
  /** Updates buffered for a slow UI before the oldest give way to a gap. */
  readonly bufferLimit?: number;
  /**
   * Wall ms of simulating one frame may take (default 8: on two cores the worker, the page
   * and the compositor share them, and 12 left the page an occasional 50–70 ms task at 10x).
   * A scene too busy to keep up with its speed then runs behind it, as fast as the machine
   * allows, in small batches; without
   * a budget one frame simulated up to maxFrameMs × speed at once and sent the page one
   * batch of thousands of records (a long task on its main thread).
   */
  readonly frameBudgetMs?: number;
  /**
   * Batches sent to the page and not yet taken (default 2): while this many are in flight,
   * frames send nothing more and do not simulate, so a busy page slows the simulation
   * down instead of finding a queue of batches waiting for it.
   */
  readonly inFlightLimit?: number;
}

/** The share of wall time (at the current speed) checkpoint snapshots may take at most. */
const CHECKPOINT_SHARE = 0.1;

/** A frame simulates its advance in this many slices at most, checking the budget between. */
const FRAME_SLICES = 16;

interface Loaded {
  readonly run: SceneRun;
  readonly seed: number;
  readonly knobs: Readonly<Record<string, string>>;
  world: World;
}

export class SimController {
  private loaded: Loaded | undefined;
  private journal: JournalEntry[] = [];
  /** Journal entries the current world has applied. */
  private applied = 0;
  private checkpoints: Checkpoints;
  private readonly batcher: EventBatcher;
  private readonly scheduler: FrameScheduler;
  private readonly maxFrameMs: number;
  private readonly frameBudgetMs: number;
  private readonly inFlightLimit: number;
  /** Batches the page has not yet taken. */
  private inFlight = 0;
  private readonly checkpointEvery: number;
  private readonly checkpointCapacity: number;
  private playing = false;
  private speed = 1;
  private lastWall = 0;
  /** Sub-µs virtual time carried between frames, so slow speeds still move. */
  private carry = 0;
  /** The instant before each step that moved, newest last: where ← takes the learner. */
  private stepsTaken: number[] = [];
  /** True while seeking: replayed history is not news to the UI. */
  private replaying = false;
  /** True while a seek retells the story since a view the UI kept: records, no metrics. */
  private retelling = false;
  private cancelFrame: (() => void) | undefined;

  constructor(options: SimControllerOptions) {
    this.scheduler = options.scheduler;
    this.maxFrameMs = options.maxFrameMs ?? 250;
    this.frameBudgetMs = options.frameBudgetMs ?? 8;
    this.inFlightLimit = options.inFlightLimit ?? 2;
    this.checkpointEvery = options.checkpointEvery ?? 1_000_000;
    this.checkpointCapacity = options.checkpointCapacity ?? 64;
    this.checkpoints = new Checkpoints(this.checkpointEvery, this.checkpointCapacity);
    this.batcher = new EventBatcher(options.bufferLimit);
  }

  // ---- scenes ----

  /** Builds a scene's world at t = 0, paused; knob values are checked as the CLI checks them. */
  loadScene(id: string, seed: number, knobs: Readonly<Record<string, KnobValue>> = {}): SceneInfo {
    if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Error(`bad seed ${seed}: expected an integer in [0, 4294967295]`);
    }
    const text: Record<string, string> = {};
    for (const [k, v] of Object.entries(knobs)) text[k] = String(v);
    const run = createScene(id, seed, text, DEFAULT_METRICS);
    this.playing = false;
    this.journal = [];
    this.applied = 0;
    this.stepsTaken = [];
    this.checkpoints = new Checkpoints(this.checkpointEvery, this.checkpointCapacity);
    this.loaded = { run, seed, knobs: text, world: run.world };
    this.watch(run.world);
    this.takeCheckpoint();
    this.report('load');
    return sceneInfo(run, seed);
  }

  /** The loaded scene's controls, step markers and topology. */
  info(): SceneInfo {
    const l = this.current();
    return sceneInfo(l.run, l.seed);
  }

  state(): PlaybackState {
    const l = this.current();
    return {
      scene: l.run.def.id,
      seed: l.seed,
      playing: this.playing,
      speed: this.speed,
      now: l.world.now,
      traceHash: l.world.trace.hash(),
      hasEvents: l.world.nextEventAt() !== undefined,
    };
  }

  /** Every metrics series as it stands (the UI refills its charts after a seek). */
  series(): Series[] {
    const m = this.current().world.metrics;
    if (m === undefined) return [];
    return m.names().flatMap((n) => m.series(n) ?? []);
  }

  /** The scene's own figures for the world as it stands now (a pure read, not journaled). */
  summary(): SceneSummary {
    const l = this.current();
    return summarizeScene({ ...l.run, world: l.world });
  }

  /**
   * One row of the persistence lesson's mode comparison, run headless on its own worlds
   * (the loaded world is not touched): both crash kinds and the sustained writes/s.
   */
  comparePersistenceMode(mode: string, seed: number, base: CompareBase): ModeResult {
    if (!isPersistenceMode(mode)) throw new Error(`unknown persistence mode '${mode}'`);
    return compareMode(mode, seed, base);
  }

  // ---- playback ----

  play(): void {
    this.current();
    if (this.playing) return;
    this.playing = true;
    this.stepsTaken = [];
    this.lastWall = this.scheduler.now();
    this.report('play');
    this.ensureFrame();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.report('pause');
  }

  /** Virtual seconds per wall second, clamped to [0.1, 100]. */
  setSpeed(speed: number): void {
    if (!Number.isFinite(speed)) throw new Error(`bad speed ${speed}: expected a number`);
    this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
    this.report('speed');
  }

  /**
   * Runs one event (or the next journaled action, if it comes first); false when nothing
   * is left. Playback pauses: stepping is for looking closely.
   */
  step(): boolean {
    const l = this.current();
    this.playing = false;
    const w = l.world;
    const before: number = w.now;
    const next = w.nextEventAt();
    const action = this.journal[this.applied];
    let moved = false;
    if (action !== undefined && (next === undefined || action.at <= next)) {
      this.advanceTo(action.at);
      moved = true;
    } else if (next !== undefined) {
      // Checkpoints due before the event are taken on the way.
      if (next > w.now) this.advanceTo(next - 1);
      moved = w.step();
    }
    if (moved && w.now > before) this.stepsTaken.push(before);
    this.report('step');
    return moved;
  }

  /**
   * The way back from `step`: to the instant the last step started from (the previous
   * event's time, as the learner saw it), or, with no step to undo, `fallback` µs earlier.
   * Playback pauses. Returns the instant it went to.
   */
  stepBack(fallback: number, stories?: readonly number[]): number {
    const now = this.current().world.now;
    let to: number | undefined;
    while (to === undefined && this.stepsTaken.length > 0) {
      const at = this.stepsTaken.pop()!;
      if (at < now) to = at;
    }
    to ??= Math.max(0, now - Math.max(0, fallback));
    this.playing = false;
    this.seekTo(to, stories);
    return to;
  }

  /**
   * Moves to virtual time `at` (µs), back or forward, replaying from a checkpoint.
   * `stories`: the instants at which the UI kept its view of the scene. The replay from the
   * latest of them up to `at` is then sent as a `story` update and its records, so the UI
   * folds them onto that view and shows what happened before `at` (the phases of a
   * failover, a chart's past) instead of starting empty.
   */
  seek(at: number, stories?: readonly number[]): void {
    // Elsewhere in time, the steps taken no longer lead back to where the learner is.
    this.stepsTaken = [];
    this.seekTo(at, stories);
  }

  private seekTo(at: number, stories?: readonly number[]): void {
    const l = this.current();
    if (!Number.isFinite(at)) throw new Error(`bad time ${at}: expected µs`);
    const target = Math.max(0, Math.round(at));
    const latest = latestAtOrBefore(stories, target);
    // A long retelling would cross the worker boundary as one huge batch: start over instead.
    const from = latest !== undefined && target - latest <= MAX_RETELL_MICROS ? latest : undefined;
    const quietUntil = from ?? target;
    const cp = this.checkpoints.atOrBefore(quietUntil);
    if (cp !== undefined && (quietUntil < l.world.now || cp.at > l.world.now)) {
      l.world = World.restore(cp.snapshot, SCENE_OPTIONS);
      this.applied = cp.applied;
      this.watch(l.world);
    }
    this.replaying = true;
    try {
      this.advanceTo(quietUntil);
    } finally {
      this.replaying = false;
    }
    if (from !== undefined && from >= l.world.now) {
      this.emit({ kind: 'story', from });
      this.retelling = true;
      try {
        this.advanceTo(target);
      } finally {
        this.retelling = false;
      }
    }
    this.carry = 0;
    this.lastWall = this.scheduler.now();
    this.report('seek');
  }

  // ---- actions ----

  /** A redis-cli line on a node; the reply as redis-cli prints it. */
  runConsoleCommand(node: string, line: string): ConsoleOutput {
    return this.act({ kind: 'console', node, line })!;
  }

  /** 'kill' (SIGKILL: the page cache survives) or 'power' (only what was fsynced survives). */
  crashNode(node: string, kind: CrashKind = 'kill'): void {
    this.act({ kind: 'crash', node, crash: kind });
  }

  restartNode(node: string): void {
    this.act({ kind: 'restart', node });
  }

  cutLink(a: string, b: string): void {
    this.act({ kind: 'cut', a, b });
  }

  healLink(a: string, b: string): void {
    this.act({ kind: 'heal', a, b });
  }

  /** A client sends `argv` now through the network and the node's queue (journaled). */
  sendFromClient(client: string, argv: readonly string[]): void {
    this.act({ kind: 'send', client, argv: [...argv] });
  }

  /**
   * A string key's value as text, or null (missing or not a string). A pure read of the
   * keyspace: no stats, no LRU touch, no journal, so looking never changes the history.
   */
  peekString(node: string, key: string, db = 0): string | null {
    const v = this.current().world.node(node).engine.dbs[db]?.keys.get(key);
    return v?.type === 'string' ? bytesToUtf8(v.value) : null;
  }

  /** How many elements a key holds (1 for a string), or null when it does not exist. */
  keyLength(node: string, key: string, db = 0): number | null {
    const v = this.current().world.node(node).engine.dbs[db]?.keys.get(key);
    if (v === undefined) return null;
    return v.type === 'string' ? 1 : elementCount(v);
  }

  /**
   * CLUSTER KEYSLOT as the simulation computes it, and the part of the key that was hashed
   * (its hash tag, if it has one): a pure function of the key, not journaled.
   */
  keySlot(key: string): { slot: number; hashed: string } {
    const [start, end] = hashTagBounds(key);
    return { slot: keySlot(key), hashed: key.slice(start, end) };
  }

  /** A client's counters; `done` is true once a scripted client's script has ended. */
  clientStats(name: string): { sent: number; completed: number; done: boolean } {
    const c = this.current().world.client(name);
    return { sent: c.sent, completed: c.completed, done: 'done' in c && c.done === true };
  }

  /**
   * Tells a part to do something (the cluster scene's operator: `partAction('admin',
   * 'add-node', ['m4', '1024'])`, `partAction('admin', 'kill', ['m2'])`); returns its log line.
   */
  partAction(part: string, command: string, args: readonly string[] = []): string {
    return this.act({ kind: 'part', part, command, args: [...args] })?.text ?? '';
  }

  private act(action: SimAction): ConsoleOutput | undefined {
    const l = this.current();
    const w = l.world;
    checkAction(w, action);
    w.runUntil(w.now);
    // The old future (journal entries and checkpoints past this point) is gone.
    this.journal.length = this.applied;
    this.checkpoints.truncateAfter(w.now, this.applied);
    this.journal.push({ ...action, at: w.now });
    this.applied++;
    const out = applyAction(w, action);
    this.report('action');
    return out;
  }

  // ---- snapshot ----

  /** Everything needed to continue exactly here later (JSON-safe). */
  snapshot(): SimSnapshot {
    const l = this.current();
    return {
      version: SIM_SNAPSHOT_VERSION,
      scene: l.run.def.id,
      seed: l.seed,
      knobs: { ...l.knobs },
      speed: this.speed,
      journal: this.journal.map((e) => ({ ...e })),
      applied: this.applied,
      world: l.world.snapshot(),
    };
  }

  /** Continues from a snapshot, paused; throws (and keeps the current state) if it is bad. */
  restore(raw: unknown): SceneInfo {
    const s = parseSimSnapshot(raw);
    const run = createScene(s.scene, s.seed, s.knobs, DEFAULT_METRICS);
    const world = World.restore(s.world, SCENE_OPTIONS);
    const checkpoints = new Checkpoints(this.checkpointEvery, this.checkpointCapacity);
    // The scene's start plus the journal rebuild any earlier instant, so seeking back works.
    checkpoints.add({ at: 0, applied: 0, snapshot: run.world.snapshot() });
    if (world.now > 0) checkpoints.add({ at: world.now, applied: s.applied, snapshot: s.world });
    this.playing = false;
    this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, s.speed));
    this.journal = s.journal.map((e) => ({ ...e }));
    this.applied = s.applied;
    this.stepsTaken = [];
    this.checkpoints = checkpoints;
    this.loaded = { run, seed: s.seed, knobs: s.knobs, world };
    this.watch(world);
    this.report('restore');
    return sceneInfo(run, s.seed);
  }

  // ---- observation ----

  /**
   * Delivers batches of updates to `listener` once per frame; returns its id. `wants` names
   * the trace records it needs (all when absent); the others are not sent.
   */
  subscribe(listener: SimListener, wants?: readonly TraceMatch[]): number {
    return this.batcher.subscribe(listener, wants);
  }

  unsubscribe(id: number): void {
    this.batcher.unsubscribe(id);
  }

  /** Stops playing and frames; the controller can be loaded again afterwards. */
  dispose(): void {
    this.playing = false;
    this.cancelFrame?.();
    this.cancelFrame = undefined;
  }

  // ---- internals ----

  private current(): Loaded {
    if (this.loaded === undefined) throw new Error('no scene loaded: call loadScene first');
    return this.loaded;
  }

  /**
   * Runs to `target`, applying journaled actions at their instants and taking checkpoints
   * on the way. At one instant the order is: events, then actions, then the checkpoint.
   */
  private advanceTo(target: number): void {
    const l = this.current();
    for (;;) {
      const w = l.world;
      const action = this.journal[this.applied];
      const actionAt = action !== undefined && action.at <= target ? action.at : Infinity;
      const due = this.checkpoints.nextDue();
      const stop = Math.min(target, actionAt, due);
      w.runUntil(micros(Math.max(stop, w.now)));
      if (action !== undefined && actionAt === stop) {
        this.applied++;
        applyAction(w, action);
        continue;
      }
      if (due === stop && due <= target) {
        this.takeCheckpoint();
        continue;
      }
      return;
    }
  }

  /**
   * Snapshots the world for seeking. The next one waits until snapshots cost at most
   * CHECKPOINT_SHARE of the wall time at the current speed: a world with 50,000 keys takes
   * the worker tens of ms to snapshot, and at 10x one every virtual second took most of its
   * core (and the page's, on two cores). Seeking back stays exact; it replays a little more.
   */
  private takeCheckpoint(): void {
    const w = this.current().world;
    const started = this.scheduler.now();
    const snapshot = w.snapshot();
    const costMs = this.scheduler.now() - started;
    const minGap = Math.ceil((costMs * 1000 * this.speed) / CHECKPOINT_SHARE);
    this.checkpoints.add({ at: w.now, applied: this.applied, snapshot }, minGap);
  }

  /** Forwards a world's trace and metrics to the batcher (a restored world is a new one). */
  private watch(world: World): void {
    world.subscribe((record) => {
      if (!this.replaying) this.emit({ kind: 'trace', record });
    });
    const m = world.metrics;
    if (m !== undefined) {
      m.afterSample(() => {
        if (this.replaying || this.retelling || !this.batcher.observed) return;
        const values: Record<string, number> = {};
        let at = world.now as number;
        for (const name of m.names()) {
          const s = m.series(name);
          const i = (s?.t.length ?? 0) - 1;
          if (s === undefined || i < 0) continue;
          values[name] = s.values[i]!;
          at = s.t[i]!;
        }
        this.emit({ kind: 'metrics', at, values });
      });
    }
  }

  private report(cause: PlaybackCause): void {
    this.emit({ kind: 'playback', cause, state: this.state() });
  }

  private emit(update: SimUpdate): void {
    if (!this.batcher.observed) return;
    this.batcher.push(update);
    this.ensureFrame();
  }

  private ensureFrame(): void {
    if (this.cancelFrame === undefined && (this.playing || this.batcher.pending)) {
      this.cancelFrame = this.scheduler.requestFrame(() => this.frame());
    }
  }

  /** One frame: advance by wall time × speed while playing, then deliver one batch. */
  private frame(): void {
    this.cancelFrame = undefined;
    const l = this.loaded;
    if (this.inFlight >= this.inFlightLimit) {
      // The page is still taking earlier batches: wait, and do not owe it the lost time.
      this.lastWall = this.scheduler.now();
      this.ensureFrame();
      return;
    }
    if (this.playing && l !== undefined) {
      const wall = this.scheduler.now();
      const ms = Math.min(Math.max(0, wall - this.lastWall), this.maxFrameMs);
      this.lastWall = wall;
      const advance = ms * 1000 * this.speed + this.carry;
      const whole = Math.floor(advance);
      this.carry = advance - whole;
      const target = l.world.now + whole;
      const slice = Math.max(1, Math.ceil(whole / FRAME_SLICES));
      for (let at: number = l.world.now; at < target;) {
        at = Math.min(target, at + slice);
        this.advanceTo(at);
        if (at < target && this.scheduler.now() - wall > this.frameBudgetMs) {
          // Behind: the rest of this frame's virtual time is not owed to the next one.
          this.carry = 0;
          break;
        }
      }
    }
    // While playing, a batch goes every frame even if empty: it carries the clock.
    const taken = this.batcher.flush(l?.world.now ?? 0, this.playing);
    if (taken !== undefined) {
      this.inFlight++;
      void taken.finally(() => {
        this.inFlight--;
      });
    }
    this.ensureFrame();
  }
}

/** The longest stretch of virtual time a seek retells (µs). */
export const MAX_RETELL_MICROS = 20_000_000;

/** The largest instant in `times` at or before `at`, if any. */
function latestAtOrBefore(times: readonly number[] | undefined, at: number): number | undefined {
  let best: number | undefined;
  for (const t of times ?? [])
    if (Number.isFinite(t) && t <= at && (best === undefined || t > best)) best = t;
  return best;
}
