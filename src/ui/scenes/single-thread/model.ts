import type { LogEntry, SceneModel } from '../../../store/sim-store.ts';
import type { SceneInfo, SimUpdate } from '../../../worker/api.ts';

/**
 * What the single-thread stage draws, folded from the trace: requests waiting in the
 * node's one queue, what the executor runs now, recent executions for the Gantt strip, and
 * each client's latencies over the last second (percentiles, the head-of-line blocking).
 */

export const NODE = 'redis';
/** The Gantt strip and the percentiles look this far back, µs of virtual time. */
export const WINDOW = 1_000_000;
/** A command at least this long is news for the log, µs. */
export const SLOW = 1_000;
const MAX_BARS = 2_000;

export interface Bar {
  readonly client: string;
  readonly cmd: string;
  readonly started: number;
  readonly finished: number;
}

export interface ClientLatency {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly count: number;
}

export interface StView {
  readonly now: number;
  readonly clients: readonly string[];
  /** req → [client, arrival µs] for requests on their way or waiting at the node. */
  readonly pending: Map<number, readonly [string, number]>;
  readonly bars: Bar[];
  readonly samples: Map<string, { at: number[]; latency: number[] }>;
  /** Derived once per batch. */
  readonly queued: readonly string[];
  readonly running: Bar | null;
  readonly latency: Readonly<Record<string, ClientLatency>>;
  readonly slowest: Bar | null;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

function derive(v: StView, now: number): StView {
  const queued: string[] = [];
  for (const [client, arrives] of v.pending.values()) if (arrives <= now) queued.push(client);
  let running: Bar | null = null;
  for (let i = v.bars.length - 1; i >= 0 && i >= v.bars.length - 4; i--) {
    const b = v.bars[i]!;
    if (b.started <= now && now < b.finished) running = b;
  }
  const latency: Record<string, ClientLatency> = {};
  for (const [client, s] of v.samples) {
    let from = 0;
    while (from < s.at.length && s.at[from]! < now - WINDOW) from++;
    if (from > 0) {
      s.at.splice(0, from);
      s.latency.splice(0, from);
    }
    const sorted = [...s.latency].sort((a, b) => a - b);
    latency[client] = {
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      count: sorted.length,
    };
  }
  let cut = 0;
  while (cut < v.bars.length && v.bars[cut]!.finished < now - WINDOW) cut++;
  if (cut > 0) v.bars.splice(0, cut);
  let slowest: Bar | null = v.slowest;
  if (slowest !== null && slowest.finished < now - 5 * WINDOW) slowest = null;
  return { ...v, now, queued, running, latency, slowest };
}

export const singleThreadModel: SceneModel<StView> = {
  // Replies on their way back and the clients' own bookkeeping are not drawn.
  wants: [
    { type: 'msg', to: NODE, kind: 'request' },
    { type: 'cmd', node: NODE },
    { type: 'response' },
  ],

  reset(info: SceneInfo, now: number): StView {
    const clients = info.topology.clients;
    return {
      now,
      clients,
      pending: new Map(),
      bars: [],
      samples: new Map(clients.map((c) => [c, { at: [], latency: [] }])),
      queued: [],
      running: null,
      latency: {},
      slowest: null,
    };
  },

  apply(v: StView, updates: readonly SimUpdate[], now: number): StView {
    let slowest = v.slowest;
    for (const u of updates) {
      if (u.kind !== 'trace') continue;
      const r = u.record;
      if (r.type === 'msg' && r.to === NODE && r.kind === 'request') {
        v.pending.set(r.req, [r.from, r.arrives]);
      } else if (r.type === 'cmd' && r.node === NODE) {
        v.pending.delete(r.req);
        const bar = { client: r.client, cmd: r.cmd, started: r.started, finished: r.finished };
        v.bars.push(bar);
        if (r.finished - r.started >= SLOW) slowest = bar;
      } else if (r.type === 'response') {
        const s = v.samples.get(r.client);
        if (s !== undefined) {
          s.at.push(r.at);
          s.latency.push(r.latency);
        }
      }
    }
    if (v.bars.length > MAX_BARS) v.bars.splice(0, v.bars.length - MAX_BARS);
    return derive({ ...v, slowest }, now);
  },

  describe(u: SimUpdate): LogEntry | null {
    if (u.kind !== 'trace') return null;
    const r = u.record;
    if (r.type === 'cmd' && r.finished - r.started >= SLOW) {
      return {
        at: r.started,
        key: 'slowCommand',
        args: { client: r.client, cmd: `${r.cmd} ${r.key}`.trim(), micros: r.finished - r.started },
      };
    }
    if (r.type === 'msg' && r.from === 'admin' && r.kind === 'request') {
      return { at: r.at, key: 'sent', args: { client: r.from } };
    }
    return null;
  },
};
