import type { LogEntry, SceneModel } from '../../../store/sim-store.ts';
import type { SceneInfo, SimUpdate } from '../../../worker/api.ts';
import type { TraceRecord } from '../../../sim/index.ts';

/**
 * What the cache stage draws, folded from the trace. The app server's calls are linked
 * into user requests ("flows"): a call's reply reaches the app at `arrives`, and the app
 * makes its next call of the same request at that very instant, so the next request message
 * sent from the app at that time continues the flow. From the flows come the sampled path
 * the stage animates, the hit ratio, the database load and the request latency per bin, and
 * write-back's dirty writes (in Redis, not yet flushed) that a crash takes with it.
 */

export const APP = 'app';
export const REDIS = 'redis';
/** Chart resolution, µs of virtual time. */
export const BIN = 250_000;
/** Bins the hit ratio is averaged over (one second). */
const HIT_WINDOW = 4;
const MAX_BINS = 400;
const MAX_RECENT = 12;
const MAX_LOST = 500;

/** One step of a request as the code panel names it (pseudo-code lines carry these). */
export type Op =
  | 'get'
  | 'hit-reply'
  | 'db-read'
  | 'fill'
  | 'miss-reply'
  | 'db-write'
  | 'invalidate'
  | 'cache-write'
  | 'mset'
  | 'write-reply'
  | 'flush-read'
  | 'flush-write'
  | 'flush-del';

/** Where an op's message goes from the app (the user for a reply). */
export const OP_TARGET: Readonly<Record<Op, 'redis' | 'db' | 'user'>> = {
  get: 'redis',
  'hit-reply': 'user',
  'db-read': 'db',
  fill: 'redis',
  'miss-reply': 'user',
  'db-write': 'db',
  invalidate: 'redis',
  'cache-write': 'redis',
  mset: 'redis',
  'write-reply': 'user',
  'flush-read': 'redis',
  'flush-write': 'db',
  'flush-del': 'redis',
};

export interface Flow {
  readonly id: number;
  kind: 'read' | 'write' | 'flush' | 'unknown';
  key: string;
  readonly start: number;
  end: number | null;
  hit: boolean | null;
  ops: Op[];
}

export interface Bin {
  readonly t: number;
  reads: number;
  hits: number;
  db: number;
  latencies: number[];
}

export interface DirtyWrite {
  readonly key: string;
  /** When Redis took the write, µs. */
  readonly at: number;
  readonly req: number;
  /** When the app saw the acknowledgement (a flush only takes acknowledged writes). */
  ackAt: number | null;
}

export interface CacheView {
  readonly now: number;
  readonly byReq: Map<number, Flow>;
  readonly byArrival: Map<number, Flow>;
  readonly recent: Flow[];
  readonly bins: Bin[];
  readonly dirty: DirtyWrite[];
  readonly lost: DirtyWrite[];
  readonly lostCount: number;
  readonly flushes: number;
  readonly lastFlush: number | null;
  readonly nextId: number;
}

export function emptyView(now: number): CacheView {
  return {
    now,
    byReq: new Map(),
    byArrival: new Map(),
    recent: [],
    bins: [],
    dirty: [],
    lost: [],
    lostCount: 0,
    flushes: 0,
    lastFlush: null,
    nextId: 1,
  };
}

function binAt(v: CacheView, at: number): Bin {
  const t = Math.floor(at / BIN) * BIN;
  let last = v.bins[v.bins.length - 1];
  if (last !== undefined && last.t >= t) {
    // Records arrive in order; an older time only comes from the bin already open.
    return last.t === t ? last : (v.bins.find((b) => b.t === t) ?? last);
  }
  while (last === undefined || last.t < t) {
    const next = last === undefined ? t : last.t + BIN;
    last = { t: next, reads: 0, hits: 0, db: 0, latencies: [] };
    v.bins.push(last);
  }
  return last;
}

/** Folds one trace record into the view (mutating it); returns updated counters. */
interface FoldState {
  nextId: number;
  flushes: number;
  /** Writes lost so far: counted here, since the kept list is capped at MAX_LOST. */
  lostCount: number;
}

function fold(v: CacheView, r: TraceRecord, state: FoldState): void {
  switch (r.type) {
    case 'msg': {
      if (r.kind === 'request' && r.from === APP) {
        let flow = v.byArrival.get(r.at);
        if (flow === undefined) {
          flow = {
            id: state.nextId++,
            kind: 'unknown',
            key: '',
            start: r.at,
            end: null,
            hit: null,
            ops: [],
          };
        }
        v.byReq.set(r.req, flow);
      } else if (r.kind === 'reply' && r.to === APP) {
        const flow = v.byReq.get(r.req);
        if (flow === undefined) return;
        v.byReq.delete(r.req);
        const last = flow.ops[flow.ops.length - 1];
        if (last === 'mset') {
          const w = v.dirty.find((d) => d.req === r.req);
          if (w !== undefined) w.ackAt = r.arrives;
        }
        const terminal: Op | null =
          last === 'get' && flow.hit === true
            ? 'hit-reply'
            : last === 'fill'
              ? 'miss-reply'
              : last === 'invalidate' || last === 'cache-write' || last === 'mset'
                ? 'write-reply'
                : null;
        if (terminal !== null) {
          flow.ops.push(terminal);
          finish(v, flow, r.arrives);
        } else if (last === 'flush-del') {
          finish(v, flow, r.arrives);
        } else {
          v.byArrival.set(r.arrives, flow);
        }
      }
      return;
    }
    case 'cmd': {
      if (r.node !== REDIS || r.client !== APP) return;
      const flow = v.byReq.get(r.req);
      if (flow === undefined) return;
      switch (r.cmd) {
        case 'GET': {
          flow.kind = 'read';
          flow.key = r.key;
          flow.hit = r.reply === 'bulk';
          flow.ops.push('get');
          const bin = binAt(v, r.started);
          bin.reads++;
          if (flow.hit) bin.hits++;
          return;
        }
        case 'SET':
          flow.ops.push(flow.kind === 'read' ? 'fill' : 'cache-write');
          return;
        case 'DEL':
          flow.ops.push(flow.kind === 'flush' ? 'flush-del' : 'invalidate');
          return;
        case 'MSET':
          flow.kind = 'write';
          flow.key = r.key;
          flow.ops.push('mset');
          v.dirty.push({ key: r.key, at: r.started, req: r.req, ackAt: null });
          return;
        case 'MGET': {
          flow.kind = 'flush';
          if (flow.ops[flow.ops.length - 1] !== 'flush-read') flow.ops.push('flush-read');
          // The flush read the markers of every write acknowledged before it began: once
          // read, those values reach the database whatever happens to Redis next.
          const taken = v.dirty.filter((d) => d.ackAt !== null && d.ackAt <= flow.start);
          if (taken.length > 0) {
            v.dirty.splice(0, v.dirty.length, ...v.dirty.filter((d) => !taken.includes(d)));
          }
          state.flushes++;
          return;
        }
        default:
          return;
      }
    }
    case 'db-start': {
      binAt(v, r.at).db++;
      const flow = v.byReq.get(r.req);
      if (flow === undefined) return;
      if (r.op === 'SELECT') flow.ops.push('db-read');
      else if (flow.kind === 'flush') {
        if (flow.ops[flow.ops.length - 1] !== 'flush-write') flow.ops.push('flush-write');
      } else {
        flow.kind = 'write';
        flow.ops.push('db-write');
      }
      return;
    }
    case 'crash':
      if (r.node === REDIS) state.lostCount += loseDirty(v);
      return;
    case 'note':
      if (r.text.startsWith(`crash:${REDIS} `)) state.lostCount += loseDirty(v);
      return;
    default:
      return;
  }
}

/** Moves the unflushed writes to the lost list; returns how many were lost. */
function loseDirty(v: CacheView): number {
  const n = v.dirty.length;
  v.lost.push(...v.dirty);
  v.dirty.length = 0;
  if (v.lost.length > MAX_LOST) v.lost.splice(0, v.lost.length - MAX_LOST);
  return n;
}

function finish(v: CacheView, flow: Flow, at: number): void {
  flow.end = at;
  if (flow.kind === 'flush') return;
  binAt(v, at).latencies.push(at - flow.start);
  v.recent.push(flow);
  if (v.recent.length > MAX_RECENT) v.recent.splice(0, v.recent.length - MAX_RECENT);
}

export const cacheModel: SceneModel<CacheView> = {
  // The app's side of each request (what `fold` and `describe` read); Redis's and the
  // database's own traffic is not drawn.
  wants: [
    { type: 'msg', from: APP, kind: 'request' },
    { type: 'msg', to: APP, kind: 'reply' },
    { type: 'cmd', node: REDIS, client: APP },
    { type: 'db-start' },
    { type: 'crash', node: REDIS },
    { type: 'restart', node: REDIS },
    { type: 'note' },
  ],

  reset(_info: SceneInfo, now: number): CacheView {
    return emptyView(now);
  },

  apply(v: CacheView, updates: readonly SimUpdate[], now: number): CacheView {
    const state: FoldState = { nextId: v.nextId, flushes: v.flushes, lostCount: v.lostCount };
    let lastFlush = v.lastFlush;
    for (const u of updates) {
      if (u.kind !== 'trace') continue;
      const before = state.flushes;
      fold(v, u.record, state);
      if (state.flushes !== before) lastFlush = u.record.at;
    }
    // Continuations are sent the instant a reply arrives; older entries are spent.
    for (const at of v.byArrival.keys()) if (at < now - 1_000_000) v.byArrival.delete(at);
    if (v.bins.length > MAX_BINS) v.bins.splice(0, v.bins.length - MAX_BINS);
    return {
      ...v,
      now,
      nextId: state.nextId,
      flushes: state.flushes,
      lastFlush,
      lostCount: state.lostCount,
    };
  },

  describe(u: SimUpdate): LogEntry | null {
    if (u.kind !== 'trace') return null;
    const r = u.record;
    if (r.type === 'crash' && r.node === REDIS) return { at: r.at, key: 'crash', args: {} };
    if (r.type === 'restart' && r.node === REDIS) return { at: r.at, key: 'restart', args: {} };
    if (r.type === 'cmd' && r.node === REDIS && r.client === APP && r.cmd === 'MGET') {
      return { at: r.at, key: 'flush', args: {} };
    }
    return null;
  },
};

/** A series for MetricChart: one point per finished bin (the open one is still filling). */
export interface Line {
  readonly t: number[];
  readonly values: number[];
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/**
 * Each bin's p95, kept while its latencies stay as they are: the chart is redrawn every frame
 * and sorting the latencies of all 400 bins each time blocked the page at 10x.
 */
const p95s = new WeakMap<Bin, { readonly n: number; readonly p95: number }>();
function binP95(b: Bin): number {
  const known = p95s.get(b);
  if (known !== undefined && known.n === b.latencies.length) return known.p95;
  const p95 = percentile(
    [...b.latencies].sort((x, y) => x - y),
    0.95,
  );
  p95s.set(b, { n: b.latencies.length, p95 });
  return p95;
}

/** Hit ratio over the last second, database queries per second, and p95 request latency. */
export function charts(
  bins: readonly Bin[],
  now: number,
): {
  hitRatio: Line;
  dbLoad: Line;
  latency: Line;
} {
  const hitRatio: Line = { t: [], values: [] };
  const dbLoad: Line = { t: [], values: [] };
  const latency: Line = { t: [], values: [] };
  for (let i = 0; i < bins.length; i++) {
    const b = bins[i]!;
    const end = b.t + BIN;
    if (end > now) break;
    let reads = 0;
    let hits = 0;
    for (let j = Math.max(0, i - HIT_WINDOW + 1); j <= i; j++) {
      reads += bins[j]!.reads;
      hits += bins[j]!.hits;
    }
    hitRatio.t.push(end);
    hitRatio.values.push(reads === 0 ? 0 : hits / reads);
    dbLoad.t.push(end);
    dbLoad.values.push(b.db / (BIN / 1_000_000));
    latency.t.push(end);
    latency.values.push(binP95(b));
  }
  return { hitRatio, dbLoad, latency };
}

/** Lost writes grouped by key, the most often lost first: what the list shows. */
export function lostByKey(lost: readonly DirtyWrite[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const w of lost) counts.set(w.key, (counts.get(w.key) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'en', { numeric: true }));
}
