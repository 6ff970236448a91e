import type { LogEntry, SceneModel } from '../../../store/sim-store.ts';
import type { SceneInfo, SimUpdate } from '../../../worker/api.ts';
import type { TraceRecord } from '../../../sim/index.ts';

/**
 * What the replication stage draws, folded from the trace. The scene's app notes the
 * master's offset and each replica's every 100 ms (`repl:offsets`), its reads of the version
 * key (`read:stale` / `read:fresh`), WAIT's answer (`wait:done`) and a refused write
 * (`write:refused`); the replication part notes each sync (`repl:full`, `repl:partial`,
 * `repl:loaded`) and a replica that noticed a broken stream (`repl:link-down`). Link records
 * say which links the learner cut.
 */

export const MASTER = 'redis-1';
export const APP = 'app';
/** Lag samples kept per replica (100 ms apart: a minute). */
const MAX_SAMPLES = 600;
/** How long a stale read stays marked on the stage, µs. */
export const STALE_SHOWN = 1_500_000;

export type LinkState = 'connect' | 'connecting' | 'sync' | 'connected';

export interface ReadSeen {
  readonly at: number;
  readonly got: string;
  /** The version the master had acknowledged; null when the read was fresh. */
  readonly master: string | null;
}

export interface Sync {
  readonly kind: 'full' | 'partial';
  readonly at: number;
  /** Full resync: when the snapshot was loaded (null while it is on its way). */
  loadedAt: number | null;
  /** Keys in the master's dataset when the full resync began. */
  readonly keys: number;
}

export interface ReplicaView {
  readonly name: string;
  offset: number;
  link: LinkState;
  cut: boolean;
  lastRead: ReadSeen | null;
  lastStale: ReadSeen | null;
  lastSync: Sync | null;
  /** Lag behind the master in bytes, one sample per offsets note. */
  readonly lag: { t: number[]; values: number[] };
}

export interface WaitSeen {
  readonly at: number;
  readonly replicas: number;
  readonly timeout: number;
  readonly acked: number;
  readonly micros: number;
  readonly write: number;
}

export interface ReplView {
  readonly now: number;
  readonly replicas: readonly ReplicaView[];
  readonly masterOffset: number;
  readonly keys: number;
  readonly fullSyncs: number;
  readonly partialSyncs: number;
  readonly reads: number;
  readonly staleReads: number;
  /** The newest version the app knows the master holds (from its reads). */
  readonly masterVersion: string;
  readonly lastWait: WaitSeen | null;
  readonly refused: { readonly node: string; readonly error: string; readonly at: number } | null;
}

/** The replica names for a replica count, as the simulation names its nodes. */
export function replicaNames(count: number): string[] {
  const n = Math.min(4, Math.max(1, Math.round(count)));
  return Array.from({ length: n }, (_, i) => `redis-${i + 2}`);
}

export function emptyView(now: number, replicas: readonly string[]): ReplView {
  return {
    now,
    replicas: replicas.map((name) => ({
      name,
      offset: 0,
      link: 'connect',
      cut: false,
      lastRead: null,
      lastStale: null,
      lastSync: null,
      lag: { t: [], values: [] },
    })),
    masterOffset: 0,
    keys: 0,
    fullSyncs: 0,
    partialSyncs: 0,
    reads: 0,
    staleReads: 0,
    masterVersion: '(nil)',
    lastWait: null,
    refused: null,
  };
}

interface Counters {
  masterOffset: number;
  keys: number;
  fullSyncs: number;
  partialSyncs: number;
  reads: number;
  staleReads: number;
  masterVersion: string;
  lastWait: WaitSeen | null;
  refused: ReplView['refused'];
}

/** `a=1 b=x/y` → { a: '1', b: 'x/y' } */
function fields(words: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of words) {
    const i = w.indexOf('=');
    if (i > 0) out.set(w.slice(0, i), w.slice(i + 1));
  }
  return out;
}

/** The replica's name in `redis-3<-redis-1`. */
const replicaIn = (pair: string | undefined): string => (pair ?? '').split('<-')[0] ?? '';

function foldNote(v: ReplView, at: number, text: string, c: Counters): void {
  const words = text.split(' ');
  const head = words[0];
  const replica = (name: string) => v.replicas.find((r) => r.name === name);
  switch (head) {
    case 'repl:offsets': {
      const f = fields(words.slice(1));
      c.masterOffset = Number(f.get('master') ?? c.masterOffset);
      c.keys = Number(f.get('keys') ?? c.keys);
      for (const r of v.replicas) {
        const s = f.get(r.name);
        if (s === undefined) continue;
        const [offset, link] = s.split('/');
        r.offset = Number(offset);
        r.link = (link ?? 'connect') as LinkState;
        r.lag.t.push(at);
        r.lag.values.push(Math.max(0, c.masterOffset - r.offset));
        if (r.lag.t.length > MAX_SAMPLES) {
          r.lag.t.splice(0, r.lag.t.length - MAX_SAMPLES);
          r.lag.values.splice(0, r.lag.values.length - MAX_SAMPLES);
        }
      }
      return;
    }
    case 'read:stale':
    case 'read:fresh': {
      const r = replica(words[1] ?? '');
      c.reads++;
      if (r === undefined) return;
      if (head === 'read:stale') {
        c.staleReads++;
        const f = fields(words.slice(2));
        r.lastRead = r.lastStale = {
          at,
          got: f.get('got') ?? '(nil)',
          master: f.get('master') ?? '',
        };
        c.masterVersion = f.get('master') ?? c.masterVersion;
      } else {
        r.lastRead = { at, got: words[2] ?? '(nil)', master: null };
        c.masterVersion = words[2] ?? c.masterVersion;
      }
      return;
    }
    case 'repl:full':
    case 'repl:partial': {
      const r = replica(replicaIn(words[1]));
      if (head === 'repl:full') c.fullSyncs++;
      else c.partialSyncs++;
      if (r !== undefined) {
        r.lastSync = {
          kind: head === 'repl:full' ? 'full' : 'partial',
          at,
          loadedAt: head === 'repl:full' ? null : at,
          keys: c.keys,
        };
      }
      return;
    }
    case 'repl:loaded': {
      const r = replica(words[1] ?? '');
      if (r?.lastSync !== null && r?.lastSync !== undefined) r.lastSync.loadedAt = at;
      return;
    }
    case 'wait:done': {
      const f = fields(words.slice(1));
      c.lastWait = {
        at,
        replicas: Number(f.get('replicas')),
        timeout: Number(f.get('timeout')),
        acked: Number(f.get('acked')),
        micros: Number(f.get('micros')),
        write: Number(f.get('write')),
      };
      return;
    }
    case 'write:refused':
      c.refused = { node: words[1] ?? '', error: words.slice(2).join(' '), at };
      return;
    default:
      return;
  }
}

function fold(v: ReplView, r: TraceRecord, c: Counters): void {
  if (r.type === 'note') {
    foldNote(v, r.at, r.text, c);
  } else if (r.type === 'link') {
    const other = r.a === MASTER ? r.b : r.b === MASTER ? r.a : null;
    const replica = v.replicas.find((x) => x.name === other);
    if (replica !== undefined) replica.cut = r.state === 'cut';
  }
}

export const replicationModel: SceneModel<ReplView> = {
  // The app's and the replication part's notes and the links: the commands themselves
  // (thousands a second at 10x) are not drawn.
  wants: [{ type: 'note' }, { type: 'link' }],

  reset(info: SceneInfo, now: number): ReplView {
    const count = Number(info.values['replicas'] ?? 2);
    return emptyView(now, replicaNames(count));
  },

  apply(v: ReplView, updates: readonly SimUpdate[], now: number): ReplView {
    const c: Counters = {
      masterOffset: v.masterOffset,
      keys: v.keys,
      fullSyncs: v.fullSyncs,
      partialSyncs: v.partialSyncs,
      reads: v.reads,
      staleReads: v.staleReads,
      masterVersion: v.masterVersion,
      lastWait: v.lastWait,
      refused: v.refused,
    };
    for (const u of updates) if (u.kind === 'trace') fold(v, u.record, c);
    return { ...v, ...c, now, replicas: [...v.replicas] };
  },

  describe(u: SimUpdate): LogEntry | null {
    if (u.kind !== 'trace') return null;
    const r = u.record;
    if (r.type === 'link') {
      const replica = r.a === MASTER ? r.b : r.a;
      return { at: r.at, key: r.state === 'cut' ? 'linkCut' : 'linkHealed', args: { replica } };
    }
    if (r.type !== 'note') return null;
    const words = r.text.split(' ');
    switch (words[0]) {
      case 'repl:full':
        return { at: r.at, key: 'fullResync', args: { replica: replicaIn(words[1]) } };
      case 'repl:partial':
        return {
          at: r.at,
          key: 'partialResync',
          args: { replica: replicaIn(words[1]), offset: Number(words[3] ?? 0) },
        };
      case 'repl:loaded': {
        const f = fields(words.slice(2));
        return {
          at: r.at,
          key: 'snapshotLoaded',
          args: { replica: words[1] ?? '', offset: Number(f.get('offset') ?? 0) },
        };
      }
      case 'repl:link-down':
        return {
          at: r.at,
          key: words[2] === 'gap' ? 'streamGap' : 'linkDown',
          args: { replica: replicaIn(words[1]) },
        };
      case 'read:stale': {
        const f = fields(words.slice(2));
        return {
          at: r.at,
          key: 'staleRead',
          args: { replica: words[1] ?? '', got: f.get('got') ?? '', master: f.get('master') ?? '' },
        };
      }
      case 'wait:done': {
        const f = fields(words.slice(1));
        return {
          at: r.at,
          key: 'waitDone',
          args: {
            replicas: Number(f.get('replicas')),
            timeout: Number(f.get('timeout')),
            acked: Number(f.get('acked')),
            micros: Number(f.get('micros')),
            write: Number(f.get('write')),
          },
        };
      }
      case 'write:refused':
        return {
          at: r.at,
          key: 'writeRefused',
          args: { replica: words[1] ?? '', error: words.slice(2).join(' ') },
        };
      default:
        return null;
    }
  },
};

/** How long a full resync took (or has taken so far), µs; null for none or partial. */
export function fullSyncMicros(s: Sync | null, now: number): number | null {
  if (s === null || s.kind !== 'full') return null;
  return (s.loadedAt ?? now) - s.at;
}
