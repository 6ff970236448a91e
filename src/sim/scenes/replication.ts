import { fromSeconds } from '../core/clock.ts';
import type { Replication } from '../replication/replication.ts';
import { replicationPart } from '../replication/replication.ts';
import type { VersionedApp } from '../replication/versioned-app.ts';
import { versionedAppPart } from '../replication/versioned-app.ts';
import type { SceneEvent, StepMarker } from './director.ts';
import { num, type KnobSpec, type KnobValues } from './knobs.ts';
import { percentiles, round4 } from './measure.ts';
import type { SceneDef } from './types.ts';

/**
 * replication: one master and `replicas` replicas (1 to 4; two by default), a writer on the
 * master, readers spread over the replicas, and an app (`app`, versioned-app.ts) that writes
 * a version to the master and reads it back from each replica in turn, naming stale reads.
 * At `cutAt` the link between the master and `redis-3` is cut for `cutFor` s; when it heals
 * the replica asks PSYNC: a partial resync if the backlog (repl-backlog-size) still covers
 * what it missed, a full one (the whole dataset, after repl-diskless-sync-delay) if not.
 * The summary counts the master's sync_full and sync_partial_ok (the two initial syncs are
 * full ones) and each replica's offset lag.
 */

const knobs: readonly KnobSpec[] = [
  { kind: 'number', name: 'replicas', default: 2, min: 1, max: 4, integer: true },
  { kind: 'number', name: 'rate', default: 1000, min: 1, max: 20_000, unit: 'writes/s' },
  { kind: 'number', name: 'keys', default: 10_000, min: 1, max: 1_000_000, integer: true },
  {
    kind: 'number',
    name: 'valueSize',
    default: 32,
    min: 1,
    max: 100_000,
    integer: true,
    unit: 'bytes',
  },
  {
    kind: 'number',
    name: 'repl-backlog-size',
    default: 1_048_576,
    min: 16_384,
    max: 1_073_741_824,
    integer: true,
    unit: 'bytes',
  },
  { kind: 'number', name: 'cutAt', default: 15, min: 0, max: 3600, unit: 's' },
  { kind: 'number', name: 'cutFor', default: 3, min: 0, max: 3600, unit: 's' },
  {
    kind: 'number',
    name: 'latencyMicros',
    default: 50,
    min: 1,
    max: 100_000,
    integer: true,
    unit: 'µs',
  },
];

export const REPLICATION_MASTER = 'redis-1';
export const REPLICATION_APP = 'app';
const MASTER = REPLICATION_MASTER;

/** The nodes for a replica count: redis-1 is the master, redis-2... its replicas. */
export function replicationNodes(replicas: number): string[] {
  const n = Math.min(4, Math.max(1, Math.round(replicas)));
  return Array.from({ length: n + 1 }, (_, i) => `redis-${i + 1}`);
}

const nodesOf = (k: KnobValues): string[] => replicationNodes(num(k, 'replicas'));
/** The scripted cut takes the last replica's link. */
const cutOf = (k: KnobValues): string => nodesOf(k).at(-1)!;

function timeline(k: KnobValues): { events: SceneEvent[]; steps: StepMarker[] } {
  const CUT = cutOf(k);
  const cutAt = num(k, 'cutAt');
  const cutFor = num(k, 'cutFor');
  const events: SceneEvent[] = [];
  const steps: StepMarker[] = [
    { id: 'stream', at: 0 },
    { id: 'lag', at: fromSeconds(Math.min(cutAt, 8)) },
  ];
  if (cutFor > 0) {
    events.push({ at: fromSeconds(cutAt), action: 'link-cut', a: MASTER, b: CUT });
    events.push({ at: fromSeconds(cutAt + cutFor), action: 'link-heal', a: MASTER, b: CUT });
    steps.push({ id: 'cut', at: fromSeconds(cutAt) });
    steps.push({ id: 'resync', at: fromSeconds(cutAt + cutFor + 0.5) });
  }
  steps.sort((a, b) => a.at - b.at);
  return { events, steps };
}

export const replication: SceneDef = {
  id: 'replication',
  knobs,
  defaultUntil: 40,
  build(k, seed) {
    const { events, steps } = timeline(k);
    const latency = num(k, 'latencyMicros');
    const jitter = Math.floor(latency / 5);
    const config = { 'repl-backlog-size': num(k, 'repl-backlog-size') };
    const nodes = nodesOf(k);
    const replicas = nodes.filter((n) => n !== MASTER);
    const link = (a: string, b: string) => ({ a, b, latencyMicros: latency, jitterMicros: jitter });
    const links = [];
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) links.push(link(nodes[i]!, nodes[j]!));
    }
    links.push(link('writer', MASTER));
    for (const r of replicas) links.push(link(readerOf(r), r));
    for (const n of nodes) links.push(link(REPLICATION_APP, n));
    const readRate = Math.max(1, num(k, 'rate') / 2) / replicas.length;
    return {
      world: {
        seed,
        nodes: nodes.map((name) => ({ name })),
        links,
        clients: [
          {
            kind: 'workload',
            name: 'writer',
            target: MASTER,
            arrival: { kind: 'open', rate: num(k, 'rate') },
            readRatio: 0,
            keys: { dist: 'uniform', count: num(k, 'keys'), prefix: 'k:' },
            valueSize: num(k, 'valueSize'),
          },
          ...replicas.map((r) => ({
            kind: 'workload' as const,
            name: readerOf(r),
            target: r,
            arrival: { kind: 'open' as const, rate: Math.max(0.5, readRate) },
            readRatio: 1,
            keys: { dist: 'uniform' as const, count: num(k, 'keys'), prefix: 'k:' },
            valueSize: num(k, 'valueSize'),
          })),
        ],
        parts: [
          ...nodes.map((node) =>
            replicationPart({ node, replicaOf: node === MASTER ? null : MASTER, config }),
          ),
          versionedAppPart(REPLICATION_APP, { master: MASTER, replicas }),
        ],
        metrics: null,
      },
      events,
      steps,
    };
  },
  summarize(world) {
    const repl = (node: string): Replication => world.part(`repl@${node}`) as Replication;
    const master = repl(MASTER);
    const writer = world.client('writer');
    const replicas = world.config.nodes?.map((n) => n.name).filter((n) => n !== MASTER) ?? [];
    const app = world.part(REPLICATION_APP) as VersionedApp;
    const lag: Record<string, number> = {};
    for (const node of replicas) lag[node] = master.replOffset - repl(node).replOffset;
    const reads = replicas.reduce((sum, r) => sum + world.client(readerOf(r)).completed, 0);
    return {
      requests: writer.completed + reads,
      latency: percentiles(writer.latency),
      writesAcknowledged: writer.completed,
      extra: {
        fullSyncs: master.stats.syncFull,
        partialSyncs: master.stats.syncPartialOk,
        partialSyncErrors: master.stats.syncPartialErr,
        masterReplOffset: master.replOffset,
        offsetLagBytes: lag,
        linkStatus: Object.fromEntries(replicas.map((n) => [n, repl(n).linkStatus])),
        readsPerSec: round4(reads / Math.max(1e-9, world.now / 1e6)),
        versionReads: app.counts.reads,
        staleReads: app.counts.staleReads,
        masterVersion: app.acked,
      },
    };
  },
};

/** The workload that reads from one replica. */
export const readerOf = (replica: string): string => `reader@${replica}`;
