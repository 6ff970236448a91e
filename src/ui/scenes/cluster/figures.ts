import type { SceneSummary } from '../../../sim/scenes/types.ts';

/**
 * The cluster's state as the simulation's summary reports it (sim/scenes/cluster.ts), read
 * into the shapes the stage draws. The summary is JSON: every field is checked as it is
 * read, and a missing one reads as empty, never as a crash.
 */

export interface Member {
  readonly name: string;
  readonly role: 'master' | 'replica';
  readonly of: string | null;
  readonly alive: boolean;
  /** Known to the cluster (a spare is not, until CLUSTER MEET). */
  readonly joined: boolean;
  readonly slots: number;
  /** Live peers that flag it PFAIL, and FAIL. */
  readonly pfailBy: number;
  readonly failBy: number;
}

export interface Migration {
  readonly slot: number;
  readonly from: string;
  readonly to: string;
  readonly importing: boolean;
}

export interface ClientCounts {
  readonly moved: number;
  readonly ask: number;
  readonly completed: number;
  readonly failed: number;
}

export interface ScaleFigures {
  readonly masters: number;
  readonly requestMicros: number;
  readonly opsPerSec: number;
  readonly upCeiling: number;
  readonly upMemory: number;
  readonly outNodes: number;
  readonly outCeiling: number;
  readonly outMemoryPerNode: number;
}

export interface ClusterFigures {
  /** Slot ranges by owner, in slot order. */
  readonly ranges: readonly { readonly a: number; readonly b: number; readonly owner: string }[];
  readonly members: readonly Member[];
  readonly migrations: readonly Migration[];
  readonly clients: Readonly<Record<string, ClientCounts>>;
  readonly replies: readonly { readonly command: string; readonly reply: string }[];
  readonly reshard: {
    readonly target: string;
    readonly phase: string;
    readonly slotsMoved: number;
    readonly keysMoved: number;
  } | null;
  readonly promoted: string | null;
  readonly scale: ScaleFigures;
}

type Json = unknown;
const obj = (x: Json): Record<string, Json> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, Json>) : {};
const arr = (x: Json): Json[] => (Array.isArray(x) ? x : []);
const num = (x: Json): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const str = (x: Json): string => (typeof x === 'string' ? x : '');

export function readFigures(summary: SceneSummary | null): ClusterFigures {
  const s = obj(summary);
  const ranges: { a: number; b: number; owner: string }[] = [];
  for (const [owner, o] of Object.entries(obj(s['slotOwners']))) {
    for (const r of arr(obj(o)['ranges'])) {
      const [a, b = a] = str(r).split('-').map(Number);
      if (a !== undefined && Number.isInteger(a) && Number.isInteger(b)) {
        ranges.push({ a, b: b!, owner });
      }
    }
  }
  ranges.sort((x, y) => x.a - y.a);
  const members = arr(s['members']).map((m): Member => {
    const o = obj(m);
    return {
      name: str(o['name']),
      role: o['role'] === 'replica' ? 'replica' : 'master',
      of: typeof o['of'] === 'string' ? o['of'] : null,
      alive: o['alive'] !== false,
      joined: o['joined'] === true,
      slots: num(o['slots']),
      pfailBy: num(o['pfailBy']),
      failBy: num(o['failBy']),
    };
  });
  const migrations = arr(s['migrations']).map((m): Migration => {
    const o = obj(m);
    return {
      slot: num(o['slot']),
      from: str(o['from']),
      to: str(o['to']),
      importing: o['importing'] === true,
    };
  });
  const clients: Record<string, ClientCounts> = {};
  for (const [name, c] of Object.entries(obj(s['redirects']))) {
    const o = obj(c);
    clients[name] = {
      moved: num(o['moved']),
      ask: num(o['ask']),
      completed: num(o['completed']),
      failed: num(o['failed']),
    };
  }
  const replies = arr(s['demoReplies']).map((r) => ({
    command: str(obj(r)['command']),
    reply: str(obj(r)['reply']),
  }));
  const job = s['reshard'] === null || s['reshard'] === undefined ? null : obj(s['reshard']);
  const failover = obj(s['failover']);
  const scale = obj(s['scale']);
  const up = obj(scale['scaleUp']);
  const out = obj(scale['scaleOut']);
  return {
    ranges,
    members,
    migrations,
    clients,
    replies,
    reshard:
      job === null
        ? null
        : {
            target: str(job['target']),
            phase: str(job['phase']),
            slotsMoved: num(job['slotsMoved']),
            keysMoved: num(job['keysMoved']),
          },
    promoted: typeof failover['promoted'] === 'string' ? failover['promoted'] : null,
    scale: {
      masters: num(scale['masters']),
      requestMicros: num(scale['requestMicros']),
      opsPerSec: num(scale['opsPerSec']),
      upCeiling: num(up['ceilingOpsPerSec']),
      upMemory: num(up['memoryBytes']),
      outNodes: num(out['nodes']),
      outCeiling: num(out['ceilingOpsPerSec']),
      outMemoryPerNode: num(out['memoryBytesPerNode']),
    },
  };
}

/** The owner of a slot in the ranges (binary search), or '' when none owns it. */
export function ownerOf(ranges: ClusterFigures['ranges'], slot: number): string {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (slot < r.a) hi = mid - 1;
    else if (slot > r.b) lo = mid + 1;
    else return r.owner;
  }
  return '';
}

/** What a node is now, in the words the stage uses. */
export type NodeState = 'ok' | 'down' | 'pfail' | 'fail' | 'spare';

export function nodeState(m: Member): NodeState {
  if (!m.joined) return 'spare';
  if (m.failBy > 0) return 'fail';
  if (m.pfailBy > 0) return 'pfail';
  return m.alive ? 'ok' : 'down';
}

/** The master to kill: the first live one with slots whose replica is alive to take over. */
export function killable(members: readonly Member[]): string | null {
  for (const m of members) {
    if (m.role !== 'master' || !m.alive || m.slots === 0) continue;
    if (members.some((r) => r.role === 'replica' && r.of === m.name && r.alive)) return m.name;
  }
  return null;
}

/** The spare node that can still be added, or null. */
export function spare(members: readonly Member[]): string | null {
  return members.find((m) => !m.joined && m.alive)?.name ?? null;
}
