import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Persistence } from '../persist/database.ts';
import { parseLessonFile, serializeLessonFile, lessonFileName } from '../persist/lesson-file.ts';
import {
  restoreSceneRecord,
  SCENE_RECORD_VERSION,
  type SceneRecord,
} from '../persist/scene-record.ts';
import { STORES } from '../persist/schema.ts';
import { isVersioned, type Versioned } from '../persist/versioned.ts';
import type { KnobSpec, KnobValue } from '../sim/scenes/knobs.ts';
import type { JournalEntry, SimSnapshot } from '../worker/api.ts';
import { isSceneId } from '../ui/scenes/scene-ids.ts';
import {
  encodeShareLink,
  SHARE_LIMITS,
  type ShareAction,
  type ShareNotice,
  type ShareState,
} from './share-link.ts';
import type { SimStore } from './sim-store.ts';

/**
 * Keeps one simulated lesson across reloads and hands it on: its world (the worker's
 * snapshot) and lesson step saved to IndexedDB, restored when the page opens; a shared
 * link replayed (seed, knobs, the learner's acts at their moments, the instant and step);
 * "Reset this lesson"; export and import as a file. Saving never runs while the simulation
 * plays: a snapshot of a big world takes the worker a moment, so it is taken when the
 * learner pauses, acts or leaves the tab, debounced.
 */

export type KeeperNotice =
  /** The saved lesson failed its checks: kept aside, the lesson starts fresh. */
  | { readonly kind: 'set-aside'; readonly reason: string }
  /** Storage refuses (private window, blocked): the lesson works, in memory only. */
  | { readonly kind: 'unavailable'; readonly reason: string }
  | { readonly kind: 'quota'; readonly reason: string }
  /** Another tab saved this lesson since this one read it. */
  | { readonly kind: 'conflict' }
  /** Parts of a shared link that were dropped. */
  | { readonly kind: 'link'; readonly notices: readonly ShareNotice[] }
  | { readonly kind: 'link-knobs'; readonly reason: string }
  | { readonly kind: 'link-act'; readonly reason: string };

export interface KeeperState {
  readonly phase: 'booting' | 'ready';
  readonly notices: readonly KeeperNotice[];
  /**
   * Where the narrative stands after a boot, reset or import (counted from 1), and whether
   * the frame should seek to the step's moment (false: the world is already there). `serial`
   * changes each time, so the frame applies each one once.
   */
  readonly start: { readonly step: number; readonly seek: boolean; readonly serial: number };
  /** False when saves stay in memory (storage unavailable or full). */
  readonly saving: boolean;
}

export type KeeperStorage = Pick<
  Persistence,
  'readRaw' | 'writeVersioned' | 'deleteRecord' | 'setAside'
>;

export interface KeeperOptions {
  /** Quiet time after the last change before a save, ms. */
  readonly debounceMs?: number;
}

export interface SharedLink {
  /** The hash, without '#'. */
  readonly hash: string;
  /** Acts left out because a link carries at most SHARE_LIMITS.commands. */
  readonly dropped: number;
}

export type ImportResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Set while "Reset everything" clears storage: no keeper may write a record back. */
let suspended = false;
export function suspendAllSaves(): void {
  suspended = true;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A knob's text as the value its control uses (the worker checks it either way). */
function typedKnob(spec: KnobSpec, text: string): KnobValue {
  if (spec.kind === 'number') return text.trim() === '' ? text : Number(text);
  if (spec.kind === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

export class SceneKeeper<V> {
  readonly state: StoreApi<KeeperState>;
  private readonly defaults: { seed: number; knobs: Record<string, KnobValue> };
  private readonly debounceMs: number;
  private step = 1;
  /** The stored record's revision this tab last read or wrote (0: none). */
  private rev = 0;
  private theirs: Versioned<unknown> | null = null;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private booted = false;
  private unsubscribe: () => void;

  constructor(
    private readonly store: SimStore<V>,
    readonly scene: string,
    private readonly storage: KeeperStorage | null,
    options: KeeperOptions = {},
  ) {
    const s = store.getState();
    this.defaults = { seed: s.seed, knobs: { ...s.knobs } };
    this.debounceMs = options.debounceMs ?? 1000;
    this.state = createStore<KeeperState>()(() => ({
      phase: 'booting',
      notices:
        storage === null
          ? [{ kind: 'unavailable', reason: 'this browser offers no IndexedDB' }]
          : [],
      start: { step: 1, seek: false, serial: 0 },
      saving: storage !== null,
    }));
    this.unsubscribe = store.subscribe((now, before) => {
      if (this.state.getState().phase !== 'ready') return;
      if (now.playing) {
        // Nothing is written while the simulation runs; the pause that ends it saves.
        this.cancelTimer();
        if (now.now !== before.now) this.dirty = true;
        return;
      }
      if (
        now.now !== before.now ||
        now.epoch !== before.epoch ||
        now.view !== before.view ||
        now.seed !== before.seed ||
        now.knobs !== before.knobs ||
        now.playing !== before.playing
      ) {
        this.touch();
      }
    });
  }

  /** Runs keeper operations one after another (a save never races a reset). */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private notify(notice: KeeperNotice): void {
    this.state.setState((s) => ({ notices: [...s.notices, notice] }));
  }

  dismiss(index: number): void {
    this.state.setState((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
  }

  private setStart(step: number, seek: boolean): void {
    this.step = step;
    this.state.setState((s) => ({ start: { step, seek, serial: s.start.serial + 1 } }));
  }

  /** The scene's first load, finished (or failed). */
  private loaded(): Promise<void> {
    const ready = () => {
      const s = this.store.getState();
      return s.info !== null && s.status !== 'loading';
    };
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.store.subscribe(() => {
        if (!ready()) return;
        off();
        resolve();
      });
    });
  }

  /**
   * Opens the lesson once per page: from a shared link when there is one, else from the
   * saved record, else fresh. `consoleNode` is where a link's console lines run.
   */
  boot(share: ShareState | null, linkNotices: readonly ShareNotice[], consoleNode?: string) {
    if (this.booted) return this.chain;
    this.booted = true;
    return this.serial(async () => {
      await this.loaded();
      if (linkNotices.length > 0) this.notify({ kind: 'link', notices: linkNotices });
      let saved: Versioned<unknown> | null = null;
      if (this.storage !== null) {
        try {
          const raw = await this.storage.readRaw(STORES.scenes, this.scene);
          if (raw !== undefined && !isVersioned(raw)) {
            await this.setAside('the saved lesson is not a versioned record');
          } else if (raw !== undefined) {
            saved = raw;
            this.rev = raw.rev;
          }
        } catch (e) {
          this.goInMemory('unavailable', message(e));
        }
      }
      if (share !== null) await this.applyShare(share, consoleNode);
      else if (saved !== null) await this.applySaved(saved.data);
      this.state.setState({ phase: 'ready' });
      // A shared run is this tab's run now: it is saved like any other.
      if (share !== null) this.touch();
    });
  }

  private async setAside(reason: string): Promise<void> {
    this.notify({ kind: 'set-aside', reason });
    this.rev = 0;
    try {
      await this.storage?.setAside(STORES.scenes, this.scene);
    } catch (e) {
      this.goInMemory('unavailable', message(e));
    }
  }

  private goInMemory(kind: 'unavailable' | 'quota', reason: string): void {
    if (!this.state.getState().saving) return;
    this.notify({ kind, reason });
    this.state.setState({ saving: false });
  }

  private async applySaved(data: unknown): Promise<boolean> {
    const checked = restoreSceneRecord(data, this.scene);
    if (!checked.ok) {
      await this.setAside(checked.reason);
      return false;
    }
    try {
      await this.store.getState().restore(checked.value.snapshot);
    } catch (e) {
      await this.setAside(message(e));
      return false;
    }
    this.setStart(checked.value.step, false);
    return true;
  }

  private async applyShare(share: ShareState, consoleNode: string | undefined): Promise<void> {
    const s = this.store.getState();
    const specs = s.info?.knobs ?? [];
    const knobs: Record<string, KnobValue> = {};
    const unknown: ShareNotice[] = [];
    for (const [name, text] of Object.entries(share.knobs)) {
      const spec = specs.find((k) => k.name === name);
      if (spec === undefined) unknown.push({ param: `knob.${name}`, problem: 'unknown' });
      else knobs[name] = typedKnob(spec, text);
    }
    if (unknown.length > 0) this.notify({ kind: 'link', notices: unknown });
    const seed = share.seed ?? this.defaults.seed;
    await s.reload({ seed, knobs });
    if (this.store.getState().status === 'error') {
      this.notify({ kind: 'link-knobs', reason: this.store.getState().error ?? '' });
      const fallback: Record<string, KnobValue> = {};
      for (const spec of specs)
        fallback[spec.name] = this.defaults.knobs[spec.name] ?? spec.default;
      await this.store.getState().reload({ seed, knobs: fallback });
    }
    const node = consoleNode ?? this.store.getState().info?.topology.nodes[0];
    for (const action of share.actions) {
      const st = this.store.getState();
      try {
        await st.seek(action.at);
        await this.replay(action, node);
      } catch (e) {
        this.notify({ kind: 'link-act', reason: message(e) });
      }
    }
    if (share.time !== null) await this.store.getState().seek(share.time);
    if (share.step !== null) this.setStart(share.step, share.time === null);
  }

  private async replay(action: ShareAction, node: string | undefined): Promise<void> {
    const s = this.store.getState();
    if ('line' in action) {
      if (node === undefined) throw new Error('this lesson has no console');
      await s.runConsole(node, action.line);
      return;
    }
    const a = action.act;
    const text = (k: string): string => {
      const v = a[k];
      if (typeof v !== 'string') throw new Error(`the act ${String(a['kind'])} lacks ${k}`);
      return v;
    };
    const texts = (k: string): string[] => {
      const v = a[k];
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
        throw new Error(`the act ${String(a['kind'])} lacks ${k}`);
      }
      return v;
    };
    switch (a['kind']) {
      case 'console':
        await s.runConsole(text('node'), text('line'));
        return;
      case 'send':
        await s.send(text('client'), texts('argv'));
        return;
      case 'crash': {
        const kind = text('crash');
        if (kind !== 'kill' && kind !== 'power') throw new Error(`unknown crash ${kind}`);
        await s.crash(text('node'), kind);
        return;
      }
      case 'restart':
        await s.restart(text('node'));
        return;
      case 'cut':
        await s.cut(text('a'), text('b'));
        return;
      case 'heal':
        await s.heal(text('a'), text('b'));
        return;
      case 'part':
        await s.partAction(text('part'), text('command'), texts('args'));
        return;
      default:
        throw new Error(`unknown act ${JSON.stringify(String(a['kind'])).slice(0, 40)}`);
    }
  }

  /** The narrative's step as last saved, restored or set (counted from 1). */
  get currentStep(): number {
    return this.step;
  }

  /** The narrative moved: saved with the world. */
  setStep(step: number): void {
    if (step === this.step) return;
    this.step = step;
    if (this.state.getState().phase === 'ready') this.touch();
  }

  /** Something changed: a save after a quiet moment (never while playing). */
  private touch(): void {
    this.dirty = true;
    this.cancelTimer();
    if (this.store.getState().playing) return;
    this.timer = setTimeout(() => void this.flush(), this.debounceMs);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Saves now if anything changed (the tab is being hidden, or a test asks). */
  flush(): Promise<void> {
    this.cancelTimer();
    if (!this.dirty) return this.chain.then(() => undefined);
    return this.serial(() => this.save());
  }

  private canSave(): boolean {
    const k = this.state.getState();
    return (
      !suspended &&
      this.storage !== null &&
      k.saving &&
      k.phase === 'ready' &&
      this.theirs === null &&
      this.store.getState().status === 'ready'
    );
  }

  private async save(): Promise<void> {
    if (!this.dirty || !this.canSave() || this.storage === null) return;
    this.dirty = false;
    let snapshot: SimSnapshot;
    try {
      snapshot = await this.store.getState().snapshot();
    } catch {
      return;
    }
    const record: SceneRecord = {
      version: SCENE_RECORD_VERSION,
      scene: this.scene,
      step: this.step,
      snapshot: snapshot as unknown as Record<string, unknown>,
    };
    if (suspended) return;
    const result = await this.storage.writeVersioned(STORES.scenes, this.scene, record, this.rev);
    if (result.ok) {
      this.rev = result.rev;
    } else if (result.kind === 'conflict') {
      this.theirs = result.theirs;
      this.dirty = true;
      this.notify({ kind: 'conflict' });
    } else {
      this.dirty = true;
      this.goInMemory(result.kind, result.reason);
    }
  }

  /** After a conflict: continue from the other tab's saved lesson. */
  takeTheirs(): Promise<void> {
    return this.settleConflict(async (theirs) => {
      this.dirty = false;
      await this.applySaved(theirs.data);
    });
  }

  /** After a conflict: this tab's lesson replaces the other tab's. */
  keepMine(): Promise<void> {
    return this.settleConflict(async () => {
      this.dirty = true;
      await this.save();
    });
  }

  /** Ends a conflict with the other tab (taking its revision), then does what was chosen. */
  private settleConflict(choose: (theirs: NonNullable<typeof this.theirs>) => Promise<void>) {
    return this.serial(async () => {
      const theirs = this.theirs;
      if (theirs === null) return;
      this.theirs = null;
      this.rev = theirs.rev;
      this.dropNotices('conflict');
      await choose(theirs);
    });
  }

  private dropNotices(kind: KeeperNotice['kind']): void {
    this.state.setState((s) => ({ notices: s.notices.filter((n) => n.kind !== kind) }));
  }

  /** "Reset this lesson": its saved record deleted, the scene as it first opened, step 1. */
  resetLesson(): Promise<void> {
    return this.serial(async () => {
      this.cancelTimer();
      this.dirty = false;
      this.theirs = null;
      this.state.setState((s) => ({
        notices: s.notices.filter((n) => n.kind === 'unavailable' || n.kind === 'quota'),
      }));
      if (this.storage !== null && this.state.getState().saving) {
        try {
          await this.storage.deleteRecord(STORES.scenes, this.scene);
        } catch (e) {
          this.goInMemory('unavailable', message(e));
        }
      }
      this.rev = 0;
      const s = this.store.getState();
      await s.pause();
      await s.reload({ seed: this.defaults.seed, knobs: { ...this.defaults.knobs } });
      this.setStart(1, false);
      // The reload's own changes are not the learner's work.
      this.cancelTimer();
      this.dirty = false;
    });
  }

  /** A link that reproduces this run (the learner's acts at their moments). */
  async shareLink(step: number, consoleNode?: string): Promise<SharedLink> {
    const snap = await this.store.getState().snapshot();
    const node = consoleNode ?? this.store.getState().info?.topology.nodes[0];
    const all = snap.journal.map((e) => toShareAction(e, node));
    const actions = all.slice(0, SHARE_LIMITS.commands);
    const knobs: Record<string, string> = {};
    for (const [name, text] of Object.entries(snap.knobs)) {
      const def = this.defaults.knobs[name];
      if (def === undefined || String(def) !== text) knobs[name] = text;
    }
    const state: ShareState = {
      step,
      seed: snap.seed,
      time: Math.round(snap.world.now),
      knobs,
      actions,
    };
    return { hash: encodeShareLink(this.scene, state), dropped: all.length - actions.length };
  }

  /** The lesson as a file: its name and text. */
  async exportFile(step: number): Promise<{ name: string; text: string }> {
    const snap = await this.store.getState().snapshot();
    if (!isSceneId(this.scene)) throw new Error(`unknown lesson ${this.scene}`);
    const history = snap.journal.flatMap((e) => (e.kind === 'console' ? [e.line] : []));
    const text = serializeLessonFile({
      scene: this.scene,
      seed: snap.seed,
      step,
      knobs: { ...snap.knobs },
      snapshot: snap,
      history,
    });
    return { name: lessonFileName(this.scene, snap.seed), text };
  }

  /** Reads a lesson file; a bad one changes nothing and says why. */
  importFile(text: string): Promise<ImportResult> {
    return this.serial(async (): Promise<ImportResult> => {
      const parsed = parseLessonFile(text);
      if (!parsed.ok) return parsed;
      const file = parsed.value;
      const snapshotScene = isRecord(file.snapshot) ? file.snapshot['scene'] : undefined;
      if (file.scene !== this.scene || snapshotScene !== this.scene) {
        return { ok: false, reason: `the file holds the lesson “${file.scene}”` };
      }
      try {
        await this.store.getState().restore(file.snapshot);
      } catch (e) {
        return { ok: false, reason: message(e) };
      }
      this.setStart(file.step, false);
      this.dirty = true;
      await this.save();
      return { ok: true };
    });
  }

  dispose(): void {
    this.cancelTimer();
    this.unsubscribe();
  }
}

function toShareAction(e: JournalEntry, consoleNode: string | undefined): ShareAction {
  if (e.kind === 'console' && e.node === consoleNode) return { at: e.at, line: e.line };
  const { at, ...act } = e;
  return { at, act };
}
