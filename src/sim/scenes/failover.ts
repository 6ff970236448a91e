import { fromSeconds } from '../core/clock.ts';
import { replicationPart } from '../replication/replication.ts';
import type { Sentinel } from '../sentinel/sentinel.ts';
import { sentinelPart } from '../sentinel/sentinel.ts';
import { LostWritesTracker, lostWritesFromScratch } from '../sentinel/lost-writes.ts';
import type { SentinelWriter } from '../sentinel/writer.ts';
import { writerPart } from '../sentinel/writer.ts';
import type { LinkConfig } from '../world/network.ts';
import type { World } from '../world/world.ts';
import type { SceneEvent, StepMarker } from './director.ts';
import { bool, num, str, type KnobSpec, type KnobValues } from './knobs.ts';
import { round4 } from './measure.ts';
import type { SceneDef } from './types.ts';

/**
 * failover: one master, two replicas, three sentinels (quorum 2) and a Sentinel-aware writer.
 * At `killAt` the master dies (SIGKILL) or, with `event=partition`, is cut off from the
 * replicas and sentinels while the writer stays on its side (split brain). The summary's
 * `failover` object says when the master died, when a quorum of sentinels named the new one,
 * which replica was promoted, and how many acknowledged writes are missing on it. The old
 * master comes back after `returnAfter` s and is turned into a replica of the new one.
 */

const knobs: readonly KnobSpec[] = [
  {
    kind: 'number',
    name: 'down-after-milliseconds',
    default: 30_000,
    min: 100,
    max: 600_000,
    integer: true,
    unit: 'ms',
  },
  {
    kind: 'number',
    name: 'failover-timeout',
    default: 180_000,
    min: 1_000,
    max: 3_600_000,
    integer: true,
    unit: 'ms',
  },
  { kind: 'number', name: 'quorum', default: 2, min: 1, max: 3, integer: true },
  { kind: 'number', name: 'parallel-syncs', default: 1, min: 1, max: 2, integer: true },
  { kind: 'number', name: 'rate', default: 1000, min: 1, max: 20_000, unit: 'writes/s' },
  { kind: 'choice', name: 'event', default: 'kill', choices: ['kill', 'partition', 'none'] },
  { kind: 'number', name: 'killAt', default: 10, min: 0.5, max: 3600, unit: 's' },
  { kind: 'boolean', name: 'return', default: true },
  { kind: 'number', name: 'returnAfter', default: 40, min: 0.1, max: 3600, unit: 's' },
  { kind: 'number', name: 'min-replicas-to-write', default: 0, min: 0, max: 2, integer: true },
  {
    kind: 'number',
    name: 'min-replicas-max-lag',
    default: 10,
    min: 0,
    max: 3600,
    integer: true,
    unit: 's',
  },
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

export const FAILOVER_NODES = ['redis-1', 'redis-2', 'redis-3'] as const;
export const FAILOVER_SENTINELS = ['sentinel-1', 'sentinel-2', 'sentinel-3'] as const;
const MASTER = 'redis-1';
const WRITER = 'app';
const MASTER_NAME = 'mymaster';

function links(latency: number): LinkConfig[] {
  const out: LinkConfig[] = [];
  const all = [...FAILOVER_NODES, ...FAILOVER_SENTINELS, WRITER];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      out.push({
        a: all[i]!,
        b: all[j]!,
        latencyMicros: latency,
        jitterMicros: Math.floor(latency / 5),
      });
    }
  }
  return out;
}

function timeline(k: KnobValues): { events: SceneEvent[]; steps: StepMarker[] } {
  const event = str(k, 'event');
  const at = num(k, 'killAt');
  const downAfter = num(k, 'down-after-milliseconds') / 1000;
  const back = at + num(k, 'returnAfter');
  const events: SceneEvent[] = [];
  const steps: StepMarker[] = [{ id: 'watch', at: 0 }];
  if (event === 'kill') {
    events.push({ at: fromSeconds(at), action: 'node-kill', node: MASTER });
    if (bool(k, 'return'))
      events.push({ at: fromSeconds(back), action: 'node-restart', node: MASTER });
  } else if (event === 'partition') {
    for (const other of [...FAILOVER_NODES.slice(1), ...FAILOVER_SENTINELS]) {
      events.push({ at: fromSeconds(at), action: 'link-cut', a: MASTER, b: other });
      if (bool(k, 'return')) {
        events.push({ at: fromSeconds(back), action: 'link-heal', a: MASTER, b: other });
      }
    }
  }
  if (event !== 'none') {
    steps.push({ id: 'kill', at: fromSeconds(at) });
    steps.push({ id: 'sdown-odown', at: fromSeconds(at + downAfter + 0.2) });
    steps.push({ id: 'promotion', at: fromSeconds(at + downAfter + 2) });
    steps.push({ id: 'lost-writes', at: fromSeconds(at + downAfter + 3) });
    if (bool(k, 'return')) steps.push({ id: 'old-master-returns', at: fromSeconds(back) });
  }
  steps.sort((a, b) => a.at - b.at);
  return { events, steps };
}

/**
 * Each world's lost-write tracker, so the UI's polls of a long run stay cheap; a restored
 * checkpoint is a new World and starts its own.
 */
const trackers = new WeakMap<World, LostWritesTracker>();

export function failoverLostTracker(world: World): LostWritesTracker {
  let t = trackers.get(world);
  if (t === undefined) trackers.set(world, (t = new LostWritesTracker()));
  return t;
}

/**
 * The failover's figures: when a quorum of sentinels named a new master, and the losses.
 * `fromScratch` recounts the lost writes over the whole history (the tracker's reference).
 */
export function failoverFigures(
  world: World,
  killedAtMicros: number,
  quorum: number,
  fromScratch = false,
) {
  const sentinels = FAILOVER_SENTINELS.map((s) => world.part(s) as Sentinel);
  let promoted: string | null = null;
  let newMasterAt: number | null = null;
  for (const node of FAILOVER_NODES) {
    if (node === MASTER) continue;
    const times = sentinels
      .map((s) => s.namedMasterAt(node))
      .filter((t): t is number => t !== undefined)
      .sort((a, b) => a - b);
    const t = times[quorum - 1];
    if (t !== undefined && (newMasterAt === null || t < newMasterAt)) {
      newMasterAt = t;
      promoted = node;
    }
  }
  const writer = world.part(WRITER) as SentinelWriter;
  const current = promoted ?? MASTER;
  const db = world.node(current).engine.dbs[0]!;
  const lost = fromScratch
    ? lostWritesFromScratch(writer.acked, writer.prefix, db)
    : failoverLostTracker(world).read(writer.acked, writer.prefix, db);
  return {
    killedAtMs: round4(killedAtMicros / 1000),
    newMasterAtMs: newMasterAt === null ? null : round4(newMasterAt / 1000),
    durationMs: newMasterAt === null ? null : round4((newMasterAt - killedAtMicros) / 1000),
    promoted,
    ackedWritesLost: lost.lost,
    ackedWrites: writer.acked.length,
    lostKeys: lost.first.map((n) => writer.prefix + n),
  };
}

/**
 * When the master went: its first crash, whether the script or a learner's button killed it;
 * else the scripted partition's cut once it happened; 0 while nothing has happened.
 */
function killedAt(world: World, k: KnobValues): number {
  const crashed = world.node(MASTER).firstCrashAt;
  if (crashed !== undefined) return crashed;
  const cutAt = fromSeconds(num(k, 'killAt'));
  return str(k, 'event') === 'partition' && world.now >= cutAt ? cutAt : 0;
}

export const failover: SceneDef = {
  id: 'failover',
  knobs,
  defaultUntil: 90,
  build(k, seed) {
    const { events, steps } = timeline(k);
    const replConfig = {
      'min-replicas-to-write': num(k, 'min-replicas-to-write'),
      'min-replicas-max-lag': num(k, 'min-replicas-max-lag'),
    };
    const sentinelParams = {
      masterName: MASTER_NAME,
      master: MASTER,
      nodes: [...FAILOVER_NODES],
      sentinels: [...FAILOVER_SENTINELS],
      quorum: num(k, 'quorum'),
      downAfterMs: num(k, 'down-after-milliseconds'),
      failoverTimeoutMs: num(k, 'failover-timeout'),
      parallelSyncs: num(k, 'parallel-syncs'),
    };
    return {
      world: {
        seed,
        nodes: FAILOVER_NODES.map((name) => ({ name })),
        links: links(num(k, 'latencyMicros')),
        parts: [
          ...FAILOVER_NODES.map((node) =>
            replicationPart({
              node,
              replicaOf: node === MASTER ? null : MASTER,
              config: replConfig,
            }),
          ),
          ...FAILOVER_SENTINELS.map((s) => sentinelPart(s, sentinelParams)),
          writerPart(WRITER, {
            sentinels: [...FAILOVER_SENTINELS],
            masterName: MASTER_NAME,
            master: MASTER,
            rate: num(k, 'rate'),
          }),
        ],
        metrics: null,
      },
      events,
      steps,
    };
  },
  summarize(world, k) {
    const killed = killedAt(world, k);
    const f = failoverFigures(world, killed, num(k, 'quorum'));
    const writer = world.part(WRITER) as SentinelWriter;
    return {
      requests: writer.acked.length + writer.failed,
      writesAcknowledged: f.ackedWrites,
      writesLost: { count: f.ackedWritesLost, list: f.lostKeys },
      extra: {
        failover: {
          killedAtMs: f.killedAtMs,
          newMasterAtMs: f.newMasterAtMs,
          durationMs: f.durationMs,
          promoted: f.promoted,
          ackedWritesLost: f.ackedWritesLost,
          ackedWrites: f.ackedWrites,
        },
        writesFailed: writer.failed,
        ackedBy: Object.fromEntries(writer.ackedBy),
      },
    };
  },
};
