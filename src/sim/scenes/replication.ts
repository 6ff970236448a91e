import { fromSeconds } from '../core/clock.ts';
import type { Replication } from '../replication/replication.ts';
import { replicationPart } from '../replication/replication.ts';
import type { SceneEvent, StepMarker } from './director.ts';
import { num, type KnobSpec, type KnobValues } from './knobs.ts';
import { percentiles, round4 } from './measure.ts';
import type { SceneDef } from './types.ts';

/**
 * replication: one master, two replicas, a writer on the master and a reader on a replica.
 * At `cutAt` the link between the master and `redis-3` is cut for `cutFor` s; when it heals
 * the replica asks PSYNC: a partial resync if the backlog (repl-backlog-size) still covers
 * what it missed, a full one (the whole dataset, after repl-diskless-sync-delay) if not.
 * The summary counts the master's sync_full and sync_partial_ok (the two initial syncs are
 * full ones) and each replica's offset lag.
 */

const knobs: readonly KnobSpec[] = [
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

export const REPLICATION_NODES = ['redis-1', 'redis-2', 'redis-3'] as const;
const MASTER = 'redis-1';
const CUT = 'redis-3';

function timeline(k: KnobValues): { events: SceneEvent[]; steps: StepMarker[] } {
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
    return {
      world: {
        seed,
        nodes: REPLICATION_NODES.map((name) => ({ name })),
        links: [
          { a: 'redis-1', b: 'redis-2', latencyMicros: latency, jitterMicros: jitter },
          { a: 'redis-1', b: 'redis-3', latencyMicros: latency, jitterMicros: jitter },
          { a: 'redis-2', b: 'redis-3', latencyMicros: latency, jitterMicros: jitter },
          { a: 'writer', b: MASTER, latencyMicros: latency, jitterMicros: jitter },
          { a: 'reader', b: 'redis-2', latencyMicros: latency, jitterMicros: jitter },
        ],
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
          {
            kind: 'workload',
            name: 'reader',
            target: 'redis-2',
            arrival: { kind: 'open', rate: Math.max(1, num(k, 'rate') / 2) },
            readRatio: 1,
            keys: { dist: 'uniform', count: num(k, 'keys'), prefix: 'k:' },
            valueSize: num(k, 'valueSize'),
          },
        ],
        parts: REPLICATION_NODES.map((node) =>
          replicationPart({ node, replicaOf: node === MASTER ? null : MASTER, config }),
        ),
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
    const lag: Record<string, number> = {};
    for (const node of REPLICATION_NODES) {
      if (node !== MASTER) lag[node] = master.replOffset - repl(node).replOffset;
    }
    return {
      requests: writer.completed + world.client('reader').completed,
      latency: percentiles(writer.latency),
      writesAcknowledged: writer.completed,
      extra: {
        fullSyncs: master.stats.syncFull,
        partialSyncs: master.stats.syncPartialOk,
        partialSyncErrors: master.stats.syncPartialErr,
        masterReplOffset: master.replOffset,
        offsetLagBytes: lag,
        linkStatus: Object.fromEntries(
          REPLICATION_NODES.filter((n) => n !== MASTER).map((n) => [n, repl(n).linkStatus]),
        ),
        readsPerSec: round4(world.client('reader').completed / Math.max(1e-9, world.now / 1e6)),
      },
    };
  },
};
