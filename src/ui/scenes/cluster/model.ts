import type { LogEntry, SceneModel } from '../../../store/sim-store.ts';
import type { SceneInfo, SimUpdate } from '../../../worker/api.ts';

/**
 * What the cluster stage draws from the trace: the log's story (redirects, failure detection,
 * the operator's verbs, the demo client's replies). The load per node comes from the
 * simulation's `node:<name>:ops` samples (see loadLines), not from the commands themselves:
 * at 10x the nodes run thousands a frame, and sending each to the page cost its main thread
 * more than drawing. The slot map, the nodes' roles and failure flags are state, not
 * history: the scene reads them from the simulation's summary (see figures.ts), so a seek
 * shows them at once.
 */

/** MOVED lines logged per client after a (re)start: the rest are counted, not listed. */
export const MOVED_LOGGED = 6;

export interface ClusterView {
  readonly now: number;
}

export function emptyView(now: number): ClusterView {
  return { now };
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
    // Crashes and the cluster's notes: commands, messages and replies are not drawn.
    wants: [{ type: 'crash' }, { type: 'note' }],

    reset(_info: SceneInfo, now: number): ClusterView {
      moved = new Map();
      return emptyView(now);
    },

    apply(_v: ClusterView, _updates: readonly SimUpdate[], now: number): ClusterView {
      return { now };
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

/** A series for MetricChart. */
export interface Line {
  readonly t: readonly number[];
  readonly values: readonly number[];
}

const OPS = /^node:(.+):ops$/;

/**
 * Commands per second on each node, as the simulation samples them (every 100 ms): the
 * nodes that have run a command, in the order they first did (a spare appears once it
 * serves). The lines are the series themselves, not copies.
 */
export function loadLines(
  series: Readonly<Record<string, { t: number[]; values: number[] }>>,
): Map<string, Line> {
  const started: { node: string; at: number; line: Line }[] = [];
  for (const [name, line] of Object.entries(series)) {
    const m = OPS.exec(name);
    if (m === null) continue;
    const first = line.values.findIndex((v) => v > 0);
    if (first >= 0) started.push({ node: m[1]!, at: line.t[first]!, line });
  }
  started.sort((a, b) => a.at - b.at || (a.node < b.node ? -1 : 1));
  return new Map(started.map((s) => [s.node, s.line]));
}
