import type { LogEntry, SceneModel } from '../../../store/sim-store.ts';
import type { SceneInfo, SimUpdate } from '../../../worker/api.ts';
import type { TraceRecord } from '../../../sim/index.ts';

/**
 * What the cluster stage draws from the trace: commands each node ran per bin (the load per
 * node chart) and how many redirects each client followed since the view began. The slot
 * map, the nodes' roles and failure flags are state, not history: the scene reads them from
 * the simulation's summary (see figures.ts), so a seek shows them at once.
 */

/** Chart resolution, µs of virtual time. */
export const BIN = 250_000;
const MAX_BINS = 80;
/** MOVED lines logged per client after a (re)start: the rest are counted, not listed. */
export const MOVED_LOGGED = 6;

export interface Bin {
  readonly t: number;
  readonly ops: Map<string, number>;
}

export interface ClusterView {
  readonly now: number;
  readonly bins: Bin[];
  /** Every node that has run a command, in order of first appearance. */
  readonly nodes: string[];
}

export function emptyView(now: number): ClusterView {
  return { now, bins: [], nodes: [] };
}

function binAt(v: ClusterView, at: number): Bin {
  const t = Math.floor(at / BIN) * BIN;
  let last = v.bins[v.bins.length - 1];
  if (last !== undefined && last.t >= t) return last;
  while (last === undefined || last.t < t) {
    last = { t: last === undefined ? t : last.t + BIN, ops: new Map() };
    v.bins.push(last);
  }
  return last;
}

function fold(v: ClusterView, r: TraceRecord): void {
  if (r.type !== 'cmd') return;
  const bin = binAt(v, r.started);
  const n = bin.ops.get(r.node);
  if (n === undefined && !v.nodes.includes(r.node)) v.nodes.push(r.node);
  bin.ops.set(r.node, (n ?? 0) + 1);
}

/** A redirect note: `redirect:<client> MOVED|ASK <slot> <from>-><to>`. */
export function parseRedirect(
  text: string,
): { client: string; kind: string; slot: number; from: string; to: string } | null {
  const m = /^redirect:(\S+) (MOVED|ASK) (\d+) (\S+)->(\S+)$/.exec(text);
  if (m === null) return null;
  return { client: m[1]!, kind: m[2]!, slot: Number(m[3]), from: m[4]!, to: m[5]! };
}

/** Log lines for the cluster's own notes (failure detection, promotion, operator, replies). */
export function describeNote(text: string): (LogEntry['args'] & { key: string }) | null {
  let m: RegExpExecArray | null;
  if ((m = /^cluster:pfail (\S+) sees (\S+)$/.exec(text)) !== null) {
    return { key: 'pfail', by: m[1]!, node: m[2]! };
  }
  if ((m = /^cluster:fail (\S+) \(reports (\d+)\/(\d+), by (\S+)\)$/.exec(text)) !== null) {
    return { key: 'fail', node: m[1]!, reports: Number(m[2]), needed: Number(m[3]), by: m[4]! };
  }
  if ((m = /^cluster:failover-scheduled (\S+) in (\d+)ms rank (\d+)$/.exec(text)) !== null) {
    return { key: 'failoverScheduled', node: m[1]!, ms: Number(m[2]), rank: Number(m[3]) };
  }
  if ((m = /^cluster:vote (\S+)->(\S+) epoch (\d+)$/.exec(text)) !== null) {
    return { key: 'vote', by: m[1]!, node: m[2]!, epoch: Number(m[3]) };
  }
  if ((m = /^cluster:promoted (\S+) replaces (\S+) epoch (\d+) slots (\d+)$/.exec(text)) !== null) {
    return { key: 'promoted', node: m[1]!, old: m[2]!, epoch: Number(m[3]), slots: Number(m[4]) };
  }
  if ((m = /^admin:add-node (\S+): CLUSTER MEET (\S+) \((\d+) slots to move\)$/.exec(text))) {
    return { key: 'addNode', node: m[1]!, address: m[2]!, slots: Number(m[3]) };
  }
  if ((m = /^admin:(\S+) joined: every master knows it$/.exec(text)) !== null) {
    return { key: 'joined', node: m[1]! };
  }
  if ((m = /^admin:reshard done: (\d+) slots, (\d+) keys moved to (\S+)$/.exec(text))) {
    return { key: 'reshardDone', slots: Number(m[1]), keys: Number(m[2]), node: m[3]! };
  }
  if ((m = /^admin:kill (\S+)$/.exec(text)) !== null) return { key: 'killed', node: m[1]! };
  if ((m = /^reply:(\S+) (ok|error) ([^\t]*)\t(.*)$/.exec(text)) !== null) {
    return {
      key: m[2] === 'ok' ? 'replyOk' : 'replyError',
      client: m[1]!,
      reply: m[3]!,
      command: m[4]!,
    };
  }
  if (text.startsWith('admin:')) return { key: 'admin', text: text.slice('admin:'.length) };
  return null;
}

/**
 * The model. Redirect lines are logged per client: every ASK (they are few: one slot moving
 * at a time), the first MOVED ones only (a client learning its map meets thousands).
 */
export function createClusterModel(): SceneModel<ClusterView> {
  let moved = new Map<string, number>();
  return {
    // Commands (the load per node), crashes and the cluster's notes; messages and replies
    // are not drawn.
    wants: [{ type: 'cmd' }, { type: 'crash' }, { type: 'note' }],

    reset(_info: SceneInfo, now: number): ClusterView {
      moved = new Map();
      return emptyView(now);
    },

    apply(v: ClusterView, updates: readonly SimUpdate[], now: number): ClusterView {
      for (const u of updates) if (u.kind === 'trace') fold(v, u.record);
      if (v.bins.length > MAX_BINS) v.bins.splice(0, v.bins.length - MAX_BINS);
      return { ...v, now };
    },

    describe(u: SimUpdate): LogEntry | null {
      if (u.kind !== 'trace') return null;
      const r = u.record;
      if (r.type === 'crash') return { at: r.at, key: 'crash', args: { node: r.node } };
      if (r.type !== 'note') return null;
      const redirect = parseRedirect(r.text);
      if (redirect !== null) {
        if (redirect.kind === 'MOVED') {
          const n = (moved.get(redirect.client) ?? 0) + 1;
          moved.set(redirect.client, n);
          if (n > MOVED_LOGGED) return null;
          if (n === MOVED_LOGGED) {
            return { at: r.at, key: 'movedMore', args: { ...redirect } };
          }
        }
        return { at: r.at, key: redirect.kind === 'MOVED' ? 'moved' : 'ask', args: redirect };
      }
      const note = describeNote(r.text);
      if (note === null) return null;
      const { key, ...args } = note;
      return { at: r.at, key, args };
    },
  };
}

export const clusterModel = createClusterModel();

/** A series for MetricChart: one point per closed bin. */
export interface Line {
  readonly t: number[];
  readonly values: number[];
}

/** Commands per second on each node, per closed bin. */
export function loadLines(view: ClusterView): Map<string, Line> {
  const out = new Map<string, Line>();
  for (const n of view.nodes) out.set(n, { t: [], values: [] });
  for (const b of view.bins) {
    const end = b.t + BIN;
    if (end > view.now) break;
    for (const [n, line] of out) {
      line.t.push(end);
      line.values.push((b.ops.get(n) ?? 0) / (BIN / 1_000_000));
    }
  }
  return out;
}
