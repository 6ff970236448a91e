import type { KnobPreset, KnobValue } from '../../../sim/scenes/knobs.ts';
import type { LogEntry, SceneModel } from '../../../store/sim-store.ts';
import type { TraceRecord } from '../../../sim/index.ts';
import type { SceneInfo, SimUpdate } from '../../../worker/api.ts';

/**
 * What the persistence stage draws. Two sources: the trace (forks, saves, fsyncs, crashes,
 * restarts, loads and the loss report), folded here into a small bounded view; and the
 * metrics series the simulation samples every 100 ms, which say where the write sequence
 * stands in each layer (`persist:redis:ran` in memory, `written` in the page cache,
 * `synced` and `rdb` on disk). Every write has a sequence number and persistence always
 * brings back a prefix of it, so comparing a write's number with those watermarks says
 * where it lives and what a crash would take.
 */

export const REDIS = 'redis';
export const WRITER = 'writer';
/** The timeline's span, µs of virtual time. */
export const WINDOW = 30_000_000;
const MAX_EVENTS = 24;
const MAX_FSYNC_TICKS = 120;

/**
 * The mode the knob values are in, among the scene's presets (the worker sends them): the
 * preset whose knobs all hold, the most specific if several do (AOF everysec without save
 * rules also holds everything RDB + AOF sets); if none does, the one with most knobs right.
 */
export function modeOf(
  values: Readonly<Record<string, KnobValue>>,
  presets: readonly KnobPreset[],
): string | null {
  let best: { id: string; score: number; full: boolean } | null = null;
  for (const p of presets) {
    const names = Object.keys(p.knobs);
    const score = names.filter((k) => String(values[k] ?? '') === p.knobs[k]).length;
    const full = score === names.length;
    if (best === null || (full && !best.full) || (full === best.full && score > best.score)) {
      best = { id: p.id, score, full };
    }
  }
  return best?.id ?? null;
}

/** The knobs choosing a preset sets: its own, and `save` where it leaves the rules. */
export function modeKnobs(preset: KnobPreset, save: string): Record<string, string> {
  return { save, ...preset.knobs };
}

export type Status = 'up' | 'killed' | 'powered-off' | 'loading';

export interface Fork {
  readonly kind: 'rdb' | 'aof';
  /** When fork() was called; the child starts writing after the parent's blocked time. */
  readonly at: number;
  readonly blockedMicros: number;
  readonly bytes: number;
  /** The last write the image holds. */
  seq: number;
  end: number | null;
  aborted: boolean;
}

export interface Crash {
  readonly at: number;
  readonly kind: 'kill' | 'power';
}

export interface Loss {
  readonly crashedAt: number;
  readonly kind: 'kill' | 'power';
  readonly loadedAt: number;
  readonly source: string;
  /** The last write the reloaded data holds: the lost ones follow it. */
  readonly survivedSeq: number;
  readonly lost: number;
  readonly acknowledged: number;
  readonly windowMicros: number;
}

export interface PersistenceView {
  readonly now: number;
  status: Status;
  loadingSource: string | null;
  readyAt: number | null;
  forks: Fork[];
  /** Completed RDB snapshots (save ends): when and up to which write. */
  snapshots: { readonly at: number; readonly seq: number }[];
  fsyncTicks: number[];
  fsyncs: number;
  crashes: Crash[];
  /** Restarts: when the process started, and when its loading ended (null: still loading). */
  restarts: { readonly at: number; ready: number | null }[];
  losses: Loss[];
  pendingCrash: Crash | null;
  loadedSeq: number | null;
}

export function emptyView(now: number): PersistenceView {
  return {
    now,
    status: 'up',
    loadingSource: null,
    readyAt: null,
    forks: [],
    snapshots: [],
    fsyncTicks: [],
    fsyncs: 0,
    crashes: [],
    restarts: [],
    losses: [],
    pendingCrash: null,
    loadedSeq: null,
  };
}

const cap = <T>(list: T[], n: number) => {
  if (list.length > n) list.splice(0, list.length - n);
};

function fold(v: PersistenceView, r: TraceRecord): void {
  switch (r.type) {
    case 'fork':
      if (r.node !== REDIS) return;
      v.forks.push({
        kind: r.child,
        at: r.at,
        blockedMicros: r.micros,
        bytes: r.bytes,
        seq: 0,
        end: null,
        aborted: false,
      });
      cap(v.forks, MAX_EVENTS);
      return;
    case 'save': {
      if (r.node !== REDIS || r.child === 'sync') {
        if (r.node === REDIS && r.phase === 'end') {
          v.snapshots.push({ at: r.at, seq: r.seq });
          cap(v.snapshots, MAX_EVENTS);
        }
        return;
      }
      const f = v.forks.findLast((x) => x.kind === r.child && x.end === null);
      if (f === undefined) return;
      if (r.phase === 'start') f.seq = r.seq;
      else {
        f.end = r.at;
        f.aborted = r.phase === 'aborted';
        if (r.phase === 'end' && r.child === 'rdb') {
          v.snapshots.push({ at: r.at, seq: r.seq });
          cap(v.snapshots, MAX_EVENTS);
        }
      }
      return;
    }
    case 'fsync': {
      if (r.node !== REDIS) return;
      v.fsyncs++;
      // Under always there is an fsync every turn: a tick every 250 ms is enough to see.
      const last = v.fsyncTicks[v.fsyncTicks.length - 1];
      if (last === undefined || r.at - last >= 250_000) {
        v.fsyncTicks.push(r.at);
        cap(v.fsyncTicks, MAX_FSYNC_TICKS);
      }
      return;
    }
    case 'crash':
      if (r.node !== REDIS) return;
      v.status = r.kind === 'kill' ? 'killed' : 'powered-off';
      v.pendingCrash = { at: r.at, kind: r.kind };
      v.crashes.push(v.pendingCrash);
      cap(v.crashes, MAX_EVENTS);
      for (const f of v.forks) {
        if (f.end !== null) continue;
        f.end = r.at;
        f.aborted = true;
      }
      return;
    case 'restart':
      if (r.node !== REDIS) return;
      v.status = 'loading';
      v.loadingSource = r.source;
      v.readyAt = r.ready;
      v.restarts.push({ at: r.at, ready: null });
      cap(v.restarts, MAX_EVENTS);
      return;
    case 'loaded': {
      if (r.node !== REDIS) return;
      v.status = 'up';
      v.loadedSeq = r.seq;
      const last = v.restarts[v.restarts.length - 1];
      if (last !== undefined) last.ready = r.at;
      return;
    }
    case 'lost': {
      if (r.node !== REDIS) return;
      const c = v.pendingCrash;
      v.losses.push({
        crashedAt: c?.at ?? r.at,
        kind: c?.kind ?? 'kill',
        loadedAt: r.at,
        source: v.loadingSource ?? 'none',
        survivedSeq: v.loadedSeq ?? 0,
        lost: r.lost,
        acknowledged: r.acknowledged,
        windowMicros: r.window,
      });
      cap(v.losses, MAX_EVENTS);
      v.pendingCrash = null;
      v.loadingSource = null;
      v.readyAt = null;
      return;
    }
    default:
      return;
  }
}

export const persistenceModel: SceneModel<PersistenceView> = {
  // Redis's persistence records (what `fold` and `describe` read); the writer's requests
  // and replies, thousands a second at 10x, are not drawn: the watermarks come as metrics.
  wants: [
    { type: 'fork', node: REDIS },
    { type: 'save', node: REDIS },
    { type: 'fsync', node: REDIS },
    { type: 'crash', node: REDIS },
    { type: 'restart', node: REDIS },
    { type: 'loaded', node: REDIS },
    { type: 'lost', node: REDIS },
  ],

  reset(_info: SceneInfo, now: number): PersistenceView {
    return emptyView(now);
  },

  apply(v: PersistenceView, updates: readonly SimUpdate[], now: number): PersistenceView {
    for (const u of updates) if (u.kind === 'trace') fold(v, u.record);
    return { ...v, now };
  },

  describe(u: SimUpdate): LogEntry | null {
    if (u.kind !== 'trace') return null;
    const r = u.record;
    if ('node' in r && r.node !== REDIS) return null;
    switch (r.type) {
      case 'fork':
        return { at: r.at, key: 'forked', args: { child: r.child, micros: r.micros } };
      case 'save':
        if (r.phase === 'start') return null;
        return { at: r.at, key: r.phase === 'end' ? 'saved' : 'aborted', args: { child: r.child } };
      case 'crash':
        return { at: r.at, key: r.kind === 'kill' ? 'killed' : 'poweredOff', args: {} };
      case 'restart':
        return { at: r.at, key: 'restarting', args: { source: r.source } };
      case 'loaded':
        return { at: r.at, key: 'dataLoaded', args: { source: r.source, keys: r.keys } };
      case 'lost':
        return { at: r.at, key: 'lost', args: { lost: r.lost, window: r.window } };
      default:
        return null;
    }
  },
};

// ---- the layers, from the sampled watermarks ----

export type Series = Readonly<Record<string, { t: number[]; values: number[] }>>;

export interface Marks {
  readonly ran: number;
  readonly written: number;
  readonly synced: number;
  readonly rdb: number;
  readonly cow: number;
}

const lastOf = (series: Series, name: string): number =>
  series[`persist:${REDIS}:${name}`]?.values.at(-1) ?? 0;

export function marks(series: Series): Marks {
  return {
    ran: lastOf(series, 'ran'),
    written: lastOf(series, 'written'),
    synced: lastOf(series, 'synced'),
    rdb: lastOf(series, 'rdb'),
    cow: lastOf(series, 'cow'),
  };
}

/**
 * The last write each crash would leave standing if it came now, as Redis restarts: from
 * the AOF when it is on (a kill keeps what reached the page cache, a power loss only what
 * was fsynced), else from the last RDB snapshot.
 */
export function survivors(m: Marks, aof: boolean): { kill: number; power: number } {
  return aof ? { kill: m.written, power: m.synced } : { kill: m.rdb, power: m.rdb };
}

export type Layer = 'disk' | 'cache' | 'memory' | 'lost';
export const LAYERS: readonly Layer[] = ['disk', 'cache', 'memory', 'lost'];

export interface Bin {
  readonly t0: number;
  readonly t1: number;
  readonly counts: Readonly<Record<Layer, number>>;
}

/** The simulation samples every 100 ms: a first sample this early is the run's first. */
const FIRST_SAMPLE_MAX = 150_000;

const overlap = (a0: number, a1: number, b0: number, b1: number) =>
  Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/**
 * The timeline's bars: one a sampling interval, its writes (sequence numbers ran[i-1]+1 ..
 * ran[i]) split by where they are now: lost in a crash, on disk, only in the page cache, or
 * only in Redis's memory.
 */
export function timelineBins(
  series: Series,
  from: number,
  aof: boolean,
  losses: readonly Loss[],
): Bin[] {
  const ran = series[`persist:${REDIS}:ran`];
  if (ran === undefined) return [];
  const m = marks(series);
  const disk = aof ? m.synced : m.rdb;
  const cache = aof ? Math.max(m.written, disk) : disk;
  const lostRanges = losses.map((l) => [l.survivedSeq, l.survivedSeq + l.lost] as const);
  const bins: Bin[] = [];
  // The first sample of a run follows t = 0, when no write had run yet.
  const fromStart = ran.t.length > 0 && ran.t[0]! <= FIRST_SAMPLE_MAX;
  for (let i = fromStart ? 0 : 1; i < ran.t.length; i++) {
    const t1 = ran.t[i]!;
    if (t1 <= from) continue;
    const a = i === 0 ? 0 : ran.values[i - 1]!;
    const b = ran.values[i]!;
    if (b <= a) continue;
    let lost = 0;
    const lostIn = (lo: number, hi: number) => {
      let n = 0;
      for (const [l0, l1] of lostRanges) n += overlap(Math.max(a, lo), Math.min(b, hi), l0, l1);
      return n;
    };
    for (const [l0, l1] of lostRanges) lost += overlap(a, b, l0, l1);
    const inDisk = overlap(a, b, 0, disk) - lostIn(0, disk);
    const inCache = overlap(a, b, disk, cache) - lostIn(disk, cache);
    const inMemory = overlap(a, b, cache, Infinity) - lostIn(cache, Infinity);
    bins.push({
      t0: i === 0 ? 0 : ran.t[i - 1]!,
      t1,
      counts: { disk: inDisk, cache: inCache, memory: inMemory, lost },
    });
  }
  return bins;
}

/** The latest loss (the one the count and the highlighted window show), or null. */
export const lastLoss = (v: PersistenceView): Loss | null => v.losses[v.losses.length - 1] ?? null;

/** The running fork, if any. */
export const runningFork = (v: PersistenceView): Fork | null =>
  v.forks.findLast((f) => f.end === null) ?? null;
