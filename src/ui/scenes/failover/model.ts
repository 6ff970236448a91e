import type { LogEntry, SceneModel } from '../../../store/sim-store.ts';
import type { SceneInfo, SimUpdate } from '../../../worker/api.ts';
import type { TraceRecord } from '../../../sim/index.ts';

/**
 * What the failover stage tells, folded from the trace: the last fault (a kill or a
 * partition of the master) and the phases that followed it as Sentinel logged them (SDOWN,
 * ODOWN, the election with its epoch and votes, the replica chosen and the rule that chose
 * it, the promotion, the re-pointed replica, the client's move), the links cut, and the
 * writer's writes per node: acknowledged, or refused with the error a master (NOREPLICAS)
 * or a replica (READONLY) answers. Roles come from the replication notes, so the stage can
 * show two masters at once during a split brain.
 */

export const OLD_MASTER = 'redis-1';
export const NODES = ['redis-1', 'redis-2', 'redis-3'] as const;
export const SENTINELS = ['sentinel-1', 'sentinel-2', 'sentinel-3'] as const;
export const WRITER = 'app';
/** Chart resolution, µs of virtual time. */
export const BIN = 500_000;
const MAX_BINS = 240;

export type PhaseId =
  'detect' | 'agree' | 'elect' | 'promote' | 'reconfigure' | 'switch' | 'reconnect';
export const PHASES: readonly PhaseId[] = [
  'detect',
  'agree',
  'elect',
  'promote',
  'reconfigure',
  'switch',
  'reconnect',
];

/** When each phase started and ended (µs), once known. */
export interface Phase {
  readonly id: PhaseId;
  readonly from: number | null;
  readonly to: number | null;
}

export interface Candidate {
  readonly name: string;
  readonly priority: number;
  readonly offset: number;
  readonly runId: string;
}

export type SelectionRule = 'only' | 'priority' | 'offset' | 'runid';

export interface Selection {
  readonly by: string;
  readonly chosen: string;
  readonly rule: SelectionRule;
  readonly candidates: readonly Candidate[];
}

export interface SentinelView {
  sdownAt: number | null;
  odownAt: number | null;
  epoch: number;
  /** This sentinel's vote in the failover's epoch. */
  vote: { leader: string; epoch: number } | null;
  /** The master it names (switch-master moves it). */
  master: string;
}

export interface NodeView {
  up: boolean;
  /** null: a master; otherwise the master it replicates. */
  master: string | null;
  /** The master its config file names (rewritten by REPLICAOF), the role it restarts in. */
  configured: string | null;
}

export interface Fault {
  readonly kind: 'kill' | 'partition';
  readonly at: number;
  /** The master when it happened (the one the sentinels must give up on). */
  readonly master: string;
}

export interface WriteBin {
  readonly t: number;
  acked: number;
  refused: number;
}

export interface FailoverView {
  readonly now: number;
  readonly nodes: Record<string, NodeView>;
  readonly sentinels: Record<string, SentinelView>;
  /** The master the writer sends to. */
  readonly target: string;
  readonly cut: Set<string>;
  readonly fault: Fault | null;
  /** Times of each phase's edges for the last fault. */
  readonly marks: Partial<Record<string, number>>;
  readonly epoch: number;
  readonly leader: string | null;
  readonly selection: Selection | null;
  readonly promoted: string | null;
  /** Acknowledged writes per node, since the start and since the last fault. */
  readonly acked: Record<string, number>;
  readonly ackedSinceFault: Record<string, number>;
  readonly refused: { noreplicas: number; readonly: number };
  readonly lastRefusal: { node: string; error: 'noreplicas' | 'readonly'; at: number } | null;
  readonly bins: WriteBin[];
}

export const linkId = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function emptyView(now: number): FailoverView {
  const nodes: Record<string, NodeView> = {};
  for (const n of NODES) {
    const m = n === OLD_MASTER ? null : OLD_MASTER;
    nodes[n] = { up: true, master: m, configured: m };
  }
  const sentinels: Record<string, SentinelView> = {};
  for (const s of SENTINELS) {
    sentinels[s] = { sdownAt: null, odownAt: null, epoch: 0, vote: null, master: OLD_MASTER };
  }
  return {
    now,
    nodes,
    sentinels,
    target: OLD_MASTER,
    cut: new Set(),
    fault: null,
    marks: {},
    epoch: 0,
    leader: null,
    selection: null,
    promoted: null,
    acked: {},
    ackedSinceFault: {},
    refused: { noreplicas: 0, readonly: 0 },
    lastRefusal: null,
    bins: [],
  };
}

/** The nodes that take writes as masters now (two during a split brain). */
export function masters(v: FailoverView): string[] {
  return NODES.filter((n) => v.nodes[n]!.up && v.nodes[n]!.master === null);
}

/** The phases of the last fault, from the marks folded so far. */
export function phases(v: FailoverView): Phase[] {
  const m = v.marks;
  const at = (k: string) => m[k] ?? null;
  const fault = v.fault?.at ?? null;
  return [
    { id: 'detect', from: fault, to: at('sdown') },
    { id: 'agree', from: at('sdown'), to: at('odown') },
    { id: 'elect', from: at('try'), to: at('elected') },
    { id: 'promote', from: at('elected'), to: at('promoted') },
    { id: 'reconfigure', from: at('promoted'), to: at('end') },
    { id: 'switch', from: at('promoted'), to: at('switched') },
    { id: 'reconnect', from: fault, to: at('client') },
  ];
}

/** A note's words after its author: "sentinel-2 +sdown redis-1" → ['sentinel-2', '+sdown', ...]. */
function words(text: string): string[] {
  return text.split(' ');
}

function parseSelection(w: readonly string[]): Selection | null {
  // "<sentinel> +selection <chosen> by <rule> name:priority:offset:runid ..."
  const [by, , chosen, , rule, ...rest] = w;
  if (by === undefined || chosen === undefined || rule === undefined) return null;
  if (rule !== 'only' && rule !== 'priority' && rule !== 'offset' && rule !== 'runid') return null;
  const candidates = rest.map((c) => {
    const [name = '', priority = '0', offset = '0', runId = ''] = c.split(':');
    return { name, priority: Number(priority), offset: Number(offset), runId };
  });
  return { by, chosen, rule, candidates };
}

interface Folding {
  fault: Fault | null;
  marks: Partial<Record<string, number>>;
  epoch: number;
  leader: string | null;
  selection: Selection | null;
  promoted: string | null;
  target: string;
  lastRefusal: FailoverView['lastRefusal'];
}

function mark(f: Folding, key: string, at: number): void {
  if (f.fault !== null && f.marks[key] === undefined) f.marks[key] = at;
}

function bin(v: FailoverView, at: number): WriteBin {
  const t = Math.floor(at / BIN) * BIN;
  let last = v.bins[v.bins.length - 1];
  if (last !== undefined && last.t >= t) return last;
  while (last === undefined || last.t < t) {
    last = { t: last === undefined ? t : last.t + BIN, acked: 0, refused: 0 };
    v.bins.push(last);
  }
  return last;
}

function startFault(v: FailoverView, f: Folding, kind: Fault['kind'], at: number): void {
  const master = masters(v)[0] ?? OLD_MASTER;
  f.fault = { kind, at, master };
  f.marks = {};
  f.selection = null;
  f.promoted = null;
  f.leader = null;
  for (const k of Object.keys(v.ackedSinceFault)) delete v.ackedSinceFault[k];
}

function foldNote(v: FailoverView, f: Folding, at: number, text: string): void {
  const w = words(text);
  const who = w[0] ?? '';
  const what = w[1] ?? '';
  const s = v.sentinels[who];
  if (s !== undefined) {
    const faulted = f.fault?.master;
    switch (what) {
      case '+sdown':
        // The badge is for the master this sentinel names; a dead replica is not news here.
        if (w[2] === s.master) s.sdownAt = at;
        if (w[2] === faulted) mark(f, 'sdown', at);
        return;
      case '-sdown':
        if (w[2] === s.master) s.sdownAt = null;
        return;
      case '+odown':
        s.odownAt = at;
        mark(f, 'odown', at);
        return;
      case '-odown':
        s.odownAt = null;
        return;
      case '+new-epoch':
        s.epoch = Math.max(s.epoch, Number(w[2]));
        return;
      case '+try-failover':
        f.epoch = Math.max(f.epoch, s.epoch);
        mark(f, 'try', at);
        return;
      case '+vote-for-leader':
        s.vote = { leader: w[2] ?? '', epoch: Number(w[3]) };
        return;
      case '+elected-leader':
        f.leader = who;
        f.epoch = Math.max(f.epoch, s.epoch);
        mark(f, 'elected', at);
        return;
      case '+selection':
        f.selection = parseSelection(w);
        return;
      case '+promoted-slave':
        f.promoted = w[2] ?? null;
        mark(f, 'promoted', at);
        return;
      case '+failover-end':
      case '+failover-end-for-timeout':
        mark(f, 'end', at);
        return;
      case '+switch-master':
        s.master = w[4] ?? s.master;
        s.sdownAt = null;
        s.odownAt = null;
        if (SENTINELS.every((x) => v.sentinels[x]!.master === s.master)) mark(f, 'switched', at);
        return;
      default:
        return;
    }
  }
  if (who === `client:${WRITER}` && what === 'master') {
    f.target = w[4] ?? f.target;
    if (f.target === f.promoted) mark(f, 'client', at);
    return;
  }
  if (who === 'repl:promoted') {
    const n = v.nodes[what];
    if (n !== undefined) {
      n.master = null;
      n.configured = null;
    }
    return;
  }
  if (who === 'repl:replicaof') {
    const n = v.nodes[what];
    if (n !== undefined && w[2] !== undefined) {
      n.master = w[2];
      n.configured = w[2];
    }
  }
}

function fold(v: FailoverView, r: TraceRecord, f: Folding): void {
  switch (r.type) {
    case 'cmd': {
      if (r.client !== WRITER || r.cmd !== 'SET') return;
      const b = bin(v, r.at);
      if (r.reply === 'status') {
        b.acked++;
        v.acked[r.node] = (v.acked[r.node] ?? 0) + 1;
        if (f.fault !== null) v.ackedSinceFault[r.node] = (v.ackedSinceFault[r.node] ?? 0) + 1;
      } else if (r.reply === 'error') {
        b.refused++;
        // In this scene a master refuses a write only for want of good replicas, and a
        // replica refuses every write.
        const error = v.nodes[r.node]?.master === null ? 'noreplicas' : 'readonly';
        v.refused[error]++;
        f.lastRefusal = { node: r.node, error, at: r.at };
      }
      return;
    }
    case 'crash': {
      const n = v.nodes[r.node];
      if (n === undefined) return;
      if (n.master === null && n.up) startFault(v, f, 'kill', r.at);
      n.up = false;
      return;
    }
    case 'restart': {
      const n = v.nodes[r.node];
      if (n === undefined) return;
      n.up = true;
      n.master = n.configured;
      return;
    }
    case 'link': {
      const id = linkId(r.a, r.b);
      if (r.state === 'cut') {
        const master = masters(v)[0];
        const fromMaster = r.a === master || r.b === master;
        if (fromMaster && v.cut.size === 0) startFault(v, f, 'partition', r.at);
        v.cut.add(id);
      } else v.cut.delete(id);
      return;
    }
    case 'note':
      foldNote(v, f, r.at, r.text);
      return;
    default:
      return;
  }
}

export const failoverModel: SceneModel<FailoverView> = {
  // The writer's SETs (the acknowledged/refused chart), faults, links and the notes of the
  // sentinels and the client; sentinel pings and replication traffic are not drawn.
  wants: [
    { type: 'cmd', client: WRITER, cmd: 'SET' },
    { type: 'crash' },
    { type: 'restart' },
    { type: 'link' },
    { type: 'note' },
  ],

  reset(_info: SceneInfo, now: number): FailoverView {
    return emptyView(now);
  },

  apply(v: FailoverView, updates: readonly SimUpdate[], now: number): FailoverView {
    const f: Folding = {
      fault: v.fault,
      marks: { ...v.marks },
      epoch: v.epoch,
      leader: v.leader,
      selection: v.selection,
      promoted: v.promoted,
      target: v.target,
      lastRefusal: v.lastRefusal,
    };
    for (const u of updates) if (u.kind === 'trace') fold(v, u.record, f);
    if (v.bins.length > MAX_BINS) v.bins.splice(0, v.bins.length - MAX_BINS);
    return { ...v, ...f, now };
  },

  describe(u: SimUpdate): LogEntry | null {
    if (u.kind !== 'trace') return null;
    return describeRecord(u.record);
  },
};

/** Sentinel events worth a log line, by the event word. */
const SENTINEL_LOG: Readonly<Record<string, string>> = {
  '+sdown': 'sdown',
  '-sdown': 'sdownCleared',
  '+odown': 'odown',
  '+try-failover': 'tryFailover',
  '+vote-for-leader': 'vote',
  '+elected-leader': 'elected',
  '+selection': 'selected',
  '+promoted-slave': 'promoted',
  '+slave-reconf-sent': 'reconfSent',
  '+slave-reconf-done': 'reconfDone',
  '+failover-end': 'failoverEnd',
  '+switch-master': 'switchMaster',
  '+convert-to-slave': 'convertToSlave',
};

export function describeRecord(r: TraceRecord): LogEntry | null {
  switch (r.type) {
    case 'crash':
      return { at: r.at, key: 'killed', args: { node: r.node } };
    case 'restart':
      return { at: r.at, key: 'restarted', args: { node: r.node } };
    case 'link':
      return {
        at: r.at,
        key: r.state === 'cut' ? 'linkCut' : 'linkHealed',
        args: { a: r.a, b: r.b },
      };
    case 'note': {
      const w = words(r.text);
      const who = w[0] ?? '';
      const what = w[1] ?? '';
      if (who === `client:${WRITER}` && what === 'master') {
        return { at: r.at, key: 'clientMoved', args: { from: w[2] ?? '', to: w[4] ?? '' } };
      }
      if (who === 'repl:replicaof') {
        return { at: r.at, key: 'replicaOf', args: { node: what, master: w[2] ?? '' } };
      }
      if (!who.startsWith('sentinel-')) return null;
      if (what.startsWith('-failover-abort')) {
        return {
          at: r.at,
          key: 'abort',
          args: { s: who, why: what.slice('-failover-abort-'.length) },
        };
      }
      const key = SENTINEL_LOG[what];
      if (key === undefined) return null;
      if (key === 'selected') {
        return { at: r.at, key, args: { s: who, node: w[2] ?? '', rule: w[4] ?? '' } };
      }
      if (key === 'vote') {
        return { at: r.at, key, args: { s: who, leader: w[2] ?? '', epoch: Number(w[3]) } };
      }
      if (key === 'odown') {
        return { at: r.at, key, args: { s: who, node: w[2] ?? '', quorum: w[4] ?? '' } };
      }
      if (key === 'switchMaster') {
        return { at: r.at, key, args: { s: who, from: w[3] ?? '', to: w[4] ?? '' } };
      }
      return { at: r.at, key, args: { s: who, node: w[2] ?? '' } };
    }
    default:
      return null;
  }
}
