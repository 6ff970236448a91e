import { micros } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import { isCrashObserver, wipeNode } from '../patterns/crash.ts';
import type { CrashKind } from '../redis/loss.ts';
import { schedulePersistenceCrash, schedulePersistenceRestart } from '../redis/persistence.ts';
import type { Message, WorldContext } from '../world/context.ts';
import { RedisNode } from '../world/node.ts';
import type { Part, PartConfig, PartKind } from '../world/world.ts';

/**
 * The scene's director: a part that plays the scene's scripted events at their virtual
 * times ("crash Redis at t=12s"), fills nodes with data before the first request, and
 * marks the narrative's steps in the trace (as `note` records `step:<id>`), so the UI can
 * pause at them and a replay passes them at the same instants.
 */

export type SceneAction =
  | { readonly action: 'note'; readonly text: string }
  /** The node loses its memory; `notify` parts (CrashObserver) look at it first. */
  | { readonly action: 'crash'; readonly node: string; readonly notify?: readonly string[] }
  /**
   * The process of a node with persistence dies ('kill': SIGKILL, the page cache survives;
   * 'power': only what was fsynced does) and later restarts, reloading from disk.
   */
  | { readonly action: 'process-crash'; readonly node: string; readonly kind: CrashKind }
  | { readonly action: 'process-restart'; readonly node: string }
  /** A node without persistence dies (SIGKILL) or starts again, empty. */
  | { readonly action: 'node-kill'; readonly node: string }
  | { readonly action: 'node-restart'; readonly node: string }
  /** A link is cut (everything in flight is lost) or healed. */
  | { readonly action: 'link-cut'; readonly a: string; readonly b: string }
  | { readonly action: 'link-heal'; readonly a: string; readonly b: string };

export type SceneEvent = SceneAction & { readonly at: number };

export interface StepMarker {
  readonly id: string;
  /** µs of virtual time. */
  readonly at: number;
}

/**
 * Keys put straight into a node before anything runs: `count` strings `prefix0..`, or with
 * `shape: 'list'` one list named `prefix` of `count` elements (a long list, a huge key).
 */
export interface Fill {
  readonly node: string;
  readonly count: number;
  readonly prefix: string;
  readonly value: string;
  readonly shape?: 'strings' | 'list';
}

/** Elements pushed per RPUSH while filling a list (keeps argument arrays small). */
const LIST_FILL_CHUNK = 10_000;

export interface DirectorParams {
  readonly events: readonly SceneEvent[];
  readonly steps: readonly StepMarker[];
  readonly fills: readonly Fill[];
}

interface CueData {
  readonly part: string;
  readonly index: number;
  readonly step: boolean;
}

const CUE = 'scene.cue';

export class Director implements Part {
  readonly id: string;
  readonly name: string;
  readonly params: DirectorParams;
  /** Events played so far (for the event log). */
  played = 0;

  constructor(
    private readonly ctx: WorldContext,
    config: PartConfig,
  ) {
    this.name = config.name;
    this.id = `director:${config.name}`;
    this.params = config.params as unknown as DirectorParams;
  }

  onStart(): void {
    for (const fill of this.params.fills) {
      const node = this.node(fill.node);
      if (fill.shape === 'list') {
        // Through the engine's own RPUSH, so the list is built as any client would build it.
        const session = node.session(this.name);
        for (let done = 0; done < fill.count; done += LIST_FILL_CHUNK) {
          const n = Math.min(LIST_FILL_CHUNK, fill.count - done);
          node.engine.execute(session, [
            'RPUSH',
            fill.prefix,
            ...new Array<string>(n).fill(fill.value),
          ]);
        }
        continue;
      }
      const keys = node.engine.dbs[0]!.keys;
      for (let i = 0; i < fill.count; i++) {
        keys.set(fill.prefix + i, { type: 'string', value: fill.value });
      }
    }
    const part = this.name;
    this.params.events.forEach((e, index) => {
      // The persistence part's own events: it traces the crash and the reload itself.
      if (e.action === 'process-crash') {
        schedulePersistenceCrash(this.ctx, micros(e.at), e.node, e.kind);
      } else if (e.action === 'process-restart') {
        schedulePersistenceRestart(this.ctx, micros(e.at), e.node);
      } else {
        this.ctx.schedule<CueData>(micros(e.at), CUE, { part, index, step: false });
      }
    });
    this.params.steps.forEach((s, index) =>
      this.ctx.schedule<CueData>(micros(s.at), CUE, { part, index, step: true }),
    );
  }

  cue(d: CueData): void {
    const at = this.ctx.clock.now;
    if (d.step) {
      this.ctx.trace.append({ type: 'note', at, text: `step:${this.params.steps[d.index]!.id}` });
      return;
    }
    const e = this.params.events[d.index]!;
    this.played++;
    switch (e.action) {
      case 'note':
        this.ctx.trace.append({ type: 'note', at, text: e.text });
        return;
      case 'crash': {
        for (const name of e.notify ?? []) {
          const p = this.ctx.endpoint(name);
          if (isCrashObserver(p)) p.beforeCrash(e.node);
        }
        const keys = wipeNode(this.node(e.node));
        this.ctx.trace.append({ type: 'note', at, text: `crash:${e.node} keys=${keys}` });
        return;
      }
      case 'process-crash':
      case 'process-restart':
        return; // scheduled straight to the persistence part in onStart
      case 'node-kill': {
        const node = this.node(e.node);
        if (node.down) return;
        this.ctx.trace.append({ type: 'crash', at, node: e.node, kind: 'kill' });
        node.crash();
        return;
      }
      case 'node-restart': {
        const node = this.node(e.node);
        if (!node.down) return;
        node.restart();
        this.ctx.trace.append({
          type: 'restart',
          at,
          node: e.node,
          source: 'none',
          bytes: 0,
          ready: at,
        });
        return;
      }
      case 'link-cut':
        this.ctx.cut(e.a, e.b);
        return;
      case 'link-heal':
        this.ctx.heal(e.a, e.b);
        return;
    }
  }

  private node(name: string): RedisNode {
    const e = this.ctx.endpoint(name);
    if (!(e instanceof RedisNode)) throw new Error(`director: no node '${name}'`);
    return e;
  }

  receive(_message: Message): void {}

  snapshot(): { played: number } {
    return { played: this.played };
  }

  restore(state: unknown): void {
    this.played = (state as { played: number }).played;
  }
}

export const directorKind: PartKind = {
  install(ctx, lookup) {
    ctx.handle<CueData>(CUE, (d) => {
      const p = lookup(d.part);
      if (p instanceof Director) p.cue(d);
    });
  },
  create: (ctx, config) => new Director(ctx, config),
};

/** Director params as part config data. */
export function directorPart(params: DirectorParams, name = 'director'): PartConfig {
  return { kind: 'director', name, params: params as unknown as JsonValue };
}
