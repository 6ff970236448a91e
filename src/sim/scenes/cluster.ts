import { fromSeconds } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { ClusterAdmin } from '../cluster/cluster-admin.ts';
import type { ClusterClient } from '../cluster/cluster-client.ts';
import { ClusterNode } from '../cluster/cluster-node.ts';
import {
  DEFAULT_IO_READ_MICROS,
  DEFAULT_IO_WRITE_MICROS,
  type NodeConfig,
  type RedisNode,
} from '../world/node.ts';
import { clusterWorld } from '../cluster/build.ts';
import { keySlot, SLOT_COUNT } from '../cluster/key-slot.ts';
import { evenSlotRanges, type ClusterMember } from '../cluster/topology.ts';
import type { StepMarker } from './director.ts';
import { bool, num, str, type KnobSpec } from './knobs.ts';
import { percentiles, round4 } from './measure.ts';
import type { SceneDef } from './types.ts';

/**
 * cluster: scale out. `masters` nodes share the 16384 slots (1 master is the scale-up
 * baseline: one machine takes all the load), each with a replica. An app client starts
 * without a slot map and learns it from MOVED; some of its traffic goes to one shopping
 * cart whose keys share a hash tag (one hot slot). At `addAt` a spare node joins and
 * `reshardSlots` slots migrate to it key by key: clients meet ASK in the hot slot while it
 * moves, and MOVED afterwards. At `killAt` a master dies: after cluster-node-timeout its
 * peers flag it PFAIL, then FAIL by majority, and its replica takes its slots. At the end a
 * client tries MSET across two slots (CROSSSLOT) and with a hash tag (OK).
 */

const knobs: readonly KnobSpec[] = [
  { kind: 'number', name: 'masters', default: 3, min: 1, max: 6, integer: true },
  { kind: 'boolean', name: 'replicas', default: true },
  { kind: 'number', name: 'rate', default: 2000, min: 0, max: 50_000, unit: 'req/s' },
  { kind: 'number', name: 'keys', default: 20_000, min: 1, max: 1_000_000, integer: true },
  { kind: 'number', name: 'hotShare', default: 0.2, min: 0, max: 1, unit: 'of requests' },
  { kind: 'number', name: 'hotKeys', default: 2000, min: 1, max: 100_000, integer: true },
  { kind: 'choice', name: 'clientMap', default: 'learn', choices: ['learn', 'fetch'] },
  { kind: 'boolean', name: 'addNode', default: true },
  { kind: 'number', name: 'addAt', default: 5, min: 0, max: 3600, unit: 's' },
  { kind: 'number', name: 'reshardSlots', default: 1024, min: 1, max: 8192, integer: true },
  // A teaching pace for Add node (redis-cli has none): at 700 keys/s the hot slot's 2,000
  // keys take about 3 s, so a learner at 1x sees clients meet ASK while it moves. 0: the
  // tool's own pace, as the fidelity bench runs it against the real redis-cli.
  {
    kind: 'number',
    name: 'migrateRate',
    default: 700,
    min: 0,
    max: 1_000_000,
    unit: 'keys/s (0: as fast as redis-cli)',
  },
  { kind: 'boolean', name: 'kill', default: true },
  { kind: 'number', name: 'killAt', default: 15, min: 0, max: 3600, unit: 's' },
  {
    kind: 'number',
    name: 'cluster-node-timeout',
    default: 15_000,
    min: 100,
    max: 600_000,
    integer: true,
    unit: 'ms',
  },
];

const IP = '127.0.0.1';
const BASE_PORT = 7000;

/** A hash tag whose slot is among the first the reshard takes from the first master. */
export function hotTag(masters: number, reshard: number): string {
  const perMaster = Math.max(1, Math.floor(reshard / masters) - 1);
  for (let i = 0; ; i++) {
    const tag = `cart:${i}`;
    if (keySlot(tag) < perMaster) return tag;
  }
}

function members(masters: number, replicas: boolean): ClusterMember[] {
  const out: ClusterMember[] = evenSlotRanges(masters).map((range, i) => ({
    name: `m${i + 1}`,
    ip: IP,
    port: BASE_PORT + i,
    role: 'master',
    slots: [range],
  }));
  if (replicas) {
    for (let i = 0; i < masters; i++) {
      out.push({
        name: `r${i + 1}`,
        ip: IP,
        port: BASE_PORT + masters + i,
        role: 'replica',
        of: `m${i + 1}`,
      });
    }
  }
  out.push({ name: `m${masters + 1}`, ip: IP, port: BASE_PORT + out.length, role: 'spare' });
  return out;
}

export const cluster: SceneDef = {
  id: 'cluster',
  knobs,
  defaultUntil: 45,
  build(k, seed) {
    const masters = num(k, 'masters');
    const all = members(masters, bool(k, 'replicas'));
    const spare = all[all.length - 1]!.name;
    const timeout = num(k, 'cluster-node-timeout');
    const spec = { members: all, nodeTimeoutMs: timeout };
    const tag = hotTag(masters, num(k, 'reshardSlots'));
    const seeds = all.filter((m) => m.role === 'master').map((m) => m.name);
    const addAt = num(k, 'addAt');
    const killAt = num(k, 'killAt');
    const demoAt = (bool(k, 'kill') ? killAt + timeout / 1000 + 5 : killAt) + 0.5;
    const app = {
      name: 'app',
      params: {
        seeds,
        rate: num(k, 'rate'),
        readRatio: 0.8,
        keys: { count: num(k, 'keys'), prefix: 'user:' },
        valueSize: 32,
        hot: { tag, count: num(k, 'hotKeys'), share: num(k, 'hotShare') },
        fetchSlots: str(k, 'clientMap') === 'fetch',
      },
    };
    const demo = {
      name: 'demo',
      params: {
        seeds,
        rate: 0,
        readRatio: 0,
        keys: { count: 1, prefix: 'demo:' },
        valueSize: 1,
        commands: [
          { at: fromSeconds(demoAt), argv: ['MSET', 'user:1:name', 'ann', 'user:2:name', 'bob'] },
          {
            at: fromSeconds(demoAt + 0.1),
            argv: ['MSET', '{user:1}:name', 'ann', '{user:1}:email', 'ann@example.com'],
          },
        ],
      },
    };
    const victim = 'm1';
    const parts = clusterWorld(spec, [app, demo], {
      fill: {
        count: num(k, 'keys'),
        prefix: 'user:',
        value: 'v',
        hot: { tag, count: num(k, 'hotKeys') },
      },
      ...(bool(k, 'addNode')
        ? { addNode: { node: spare, at: fromSeconds(addAt), slots: num(k, 'reshardSlots') } }
        : {}),
      ...(bool(k, 'kill') ? { kill: { node: victim, at: fromSeconds(killAt) } } : {}),
      migrateKeysPerSecond: num(k, 'migrateRate'),
    });
    const steps: StepMarker[] = [
      { id: 'scale-out', at: 0 },
      { id: 'slots', at: fromSeconds(0.2) },
      { id: 'moved', at: fromSeconds(0.5) },
      ...(bool(k, 'addNode') ? [{ id: 'add-node', at: fromSeconds(addAt) }] : []),
      ...(bool(k, 'kill') ? [{ id: 'failover', at: fromSeconds(killAt) }] : []),
      { id: 'crossslot', at: fromSeconds(demoAt) },
    ];
    return {
      world: { seed, ...parts, metrics: null },
      events: [],
      steps: steps.sort((a, b) => a.at - b.at),
    };
  },
  summarize(world, k) {
    const app = world.part('app') as ClusterClient;
    const demo = world.part('demo') as ClusterClient;
    const admin = world.part('admin') as ClusterAdmin;
    const views = [...world.extras.values()].filter((p) => p instanceof ClusterNode);
    const view = views.find((v) => v.alive && v.isMaster && v.slotCount(v.self.name) > 0);
    const owners: Record<string, JsonValue> = {};
    if (view !== undefined) {
      for (const n of view.known) {
        const ranges = view.rangesOf(n);
        if (ranges.length === 0) continue;
        owners[n] = {
          slots: view.slotCount(n),
          ranges: ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)),
        };
      }
    }
    const seconds = world.now / 1e6;
    const load: Record<string, JsonValue> = {};
    for (const n of world.nodes.values()) {
      load[n.name] = {
        commands: n.executed,
        opsPerSec: round4(seconds > 0 ? n.executed / seconds : 0),
        busy: round4(seconds > 0 ? n.busyMicros / 1e6 / seconds : 0),
        keys: n.engine.dbs[0]!.size,
      };
    }
    const clientFigures = (c: ClusterClient): JsonValue => ({
      ...c.counts,
      perNode: { ...c.perNode },
      firstRedirects: [
        ...c.redirects.filter((r) => r.kind === 'MOVED').slice(0, 5),
        ...c.redirects.filter((r) => r.kind === 'ASK').slice(0, 5),
      ].map((r) => ({
        atMs: round4(r.at / 1000),
        kind: r.kind,
        slot: r.slot,
        key: r.key,
        from: r.from,
        to: r.to,
      })),
    });
    const killAt = fromSeconds(num(k, 'killAt'));
    const scripted = bool(k, 'kill') && world.now >= killAt;
    const failAt = Math.min(...views.map((v) => v.failSeen['m1'] ?? Infinity));
    const promotedView = views.find((v) => v.promotedAt > 0);
    const job = admin.job;
    const ms = (t: number): number | null => (Number.isFinite(t) ? round4(t / 1000) : null);
    const failed = views.find((v) => Object.keys(v.failSeen).length > 0);
    const killed = scripted || failed !== undefined || promotedView !== undefined;
    return {
      requests: app.counts.completed,
      latency: percentiles(app.latency),
      extra: {
        slotOwners: owners,
        slotsAssigned: Object.values(owners).reduce<number>(
          (n, o) => n + ((o as { slots: number }).slots ?? 0),
          0,
        ),
        slotCount: SLOT_COUNT,
        redirects: { app: clientFigures(app), demo: clientFigures(demo) },
        demoReplies: demo.lastReplies.map((r) => ({ command: r.argv.join(' '), reply: r.reply })),
        loadPerNode: load,
        reshard:
          job === null
            ? null
            : {
                target: job.target,
                phase: job.phase,
                slotsMoved: job.slotsMoved,
                keysMoved: job.keysMoved,
                durationMs: job.doneAt > 0 ? round4((job.doneAt - job.startedAt) / 1000) : null,
              },
        failover: killed
          ? {
              killedAtMs: scripted ? ms(killAt) : null,
              failAtMs: ms(failAt),
              promotedAtMs: ms(promotedView?.promotedAt ?? Infinity),
              durationMs: ms((promotedView?.promotedAt ?? Infinity) - killAt),
              promoted: promotedView?.self.name ?? null,
            }
          : null,
        members: memberStates(views, view),
        migrations: migrations(views),
        scale: scaleFigures(world.nodes.values(), world.config.nodes ?? [], views),
        hotSlot: keySlot(hotTag(num(k, 'masters'), num(k, 'reshardSlots'))),
        operatorLog: admin.log.slice(0, 20),
      },
    };
  },
};

/** Each member as the cluster sees it: its own role, and how many live peers flag it. */
function memberStates(views: readonly ClusterNode[], view: ClusterNode | undefined): JsonValue {
  return views.map((v) => {
    const name = v.self.name;
    let pfailBy = 0;
    let failBy = 0;
    for (const o of views) {
      if (o === v || !o.alive || !o.known.has(name)) continue;
      const p = o.peers.get(name)!;
      if (p.fail) failBy++;
      else if (p.pfail) pfailBy++;
    }
    return {
      name,
      role: v.me.role,
      of: v.me.of,
      alive: v.alive,
      joined: view?.known.has(name) ?? false,
      slots: view?.slotCount(name) ?? 0,
      pfailBy,
      failBy,
    };
  });
}

/** Slots being moved now: MIGRATING on the source's view, IMPORTING on the target's. */
function migrations(views: readonly ClusterNode[]): JsonValue {
  const out: JsonValue[] = [];
  for (const v of views) {
    if (!v.alive) continue;
    for (const [slot, to] of v.migrating) {
      const target = views.find((t) => t.self.name === to);
      out.push({ slot, from: v.self.name, to, importing: target?.importing.has(slot) ?? false });
    }
  }
  return out;
}

/**
 * Scale up against scale out, from what the nodes measured: a request's mean cost on a
 * master's main thread (reading it, running the command, writing the reply) gives what one
 * Redis process can serve; one thread does all three, so a bigger machine does not raise it.
 * The masters' data gives the memory one machine would need for all of it, against the
 * largest share one node holds.
 */
function scaleFigures(
  nodes: Iterable<RedisNode>,
  configs: readonly NodeConfig[],
  views: readonly ClusterNode[],
): JsonValue {
  const masters = new Set(
    views
      .filter((v) => v.alive && v.isMaster && v.slotCount(v.self.name) > 0)
      .map((v) => v.self.name),
  );
  let executed = 0;
  let busy = 0;
  let memory = 0;
  let largest = 0;
  for (const n of nodes) {
    if (!masters.has(n.name)) continue;
    const c = configs.find((x) => x.name === n.name);
    const io =
      (c?.ioThreads ?? 0) > 0
        ? 0
        : (c?.ioReadMicros ?? DEFAULT_IO_READ_MICROS) +
          (c?.ioWriteMicros ?? DEFAULT_IO_WRITE_MICROS);
    executed += n.executed;
    busy += n.busyMicros + io * n.executed;
    const data =
      n.engine.keyspaceOverhead() + n.engine.dbs.reduce((b, d) => b + d.memoryUsage(), 0);
    memory += data;
    largest = Math.max(largest, data);
  }
  const first = views[0];
  const seconds = first === undefined ? 0 : first.ctx.clock.now / 1e6;
  const requestMicros = executed > 0 ? busy / executed : 0;
  const perNode = requestMicros > 0 ? 1e6 / requestMicros : 0;
  return {
    masters: masters.size,
    requestMicros: round4(requestMicros),
    opsPerSec: round4(seconds > 0 ? executed / seconds : 0),
    scaleUp: { nodes: 1, ceilingOpsPerSec: round4(perNode), memoryBytes: memory },
    scaleOut: {
      nodes: masters.size,
      ceilingOpsPerSec: round4(perNode * masters.size),
      memoryBytesPerNode: largest,
    },
  };
}
