import { SimClock, micros, type Micros } from '../core/clock.ts';
import { EventQueue, type SimEvent, type TakenEvent } from '../core/event-queue.ts';
import { fromJsonSafe, toJsonSafe, type JsonValue } from '../core/json.ts';
import { SimRng, type RngState } from '../core/rng.ts';
import { Trace, type TraceListener, type TraceState } from '../core/trace.ts';
import {
  Client,
  ScriptedClient,
  type ScriptRegistry,
  type ScriptedClientConfig,
} from './client.ts';
import type { Component, Endpoint, Message, WorldContext } from './context.ts';
import { DiskDb, type DiskDbConfig } from './disk-db.ts';
import { DEFAULT_METRICS, Metrics, type MetricsConfig } from './metrics.ts';
import { Network, type LinkConfig } from './network.ts';
import { RedisNode, type NodeConfig } from './node.ts';
import { builtinScripts } from './scripts.ts';
import { Persistence } from '../redis/persistence.ts';
import type { PersistenceConfig } from '../redis/persistence-config.ts';
import { WorkloadClient, type WorkloadClientConfig } from './workload.ts';

/**
 * The world: the parts (nodes, clients, databases, network, metrics) around one clock, one
 * event queue and one seed. It is a pure function of (config, seed, the calls made on it):
 * run it twice and the traces hash alike. A checkpoint is plain JSON-safe data; restoring
 * it into a fresh world and running on gives exactly the trace an uninterrupted run gives.
 */

export type ClientConfig = WorkloadClientConfig | ScriptedClientConfig;

/**
 * A part the world does not know by type (an app server running a cache pattern, a scene's
 * director...): data naming a registered kind, so the config stays data and a checkpoint can
 * rebuild it. Like scripts, kinds are code: a restored world must get the same registry.
 */
export interface PartConfig {
  readonly kind: string;
  readonly name: string;
  readonly params?: JsonValue;
}

/** An extension part: addressable, checkpointed, and told when the world starts. */
export interface Part extends Endpoint, Component {
  /** Called once when the world is created (not on restore): schedule the first events. */
  onStart?(): void;
}

/** How to build the parts of one kind; install registers its event handlers once a world. */
export interface PartKind {
  install?(ctx: WorldContext, lookup: (name: string) => Part | undefined): void;
  create(ctx: WorldContext, config: PartConfig): Part;
}

export type PartKinds = Readonly<Record<string, PartKind>>;

/** A world's topology and parts, as data (a scene builds one). */
export interface WorldConfig {
  readonly seed: number;
  readonly nodes?: readonly NodeConfig[];
  readonly links?: readonly LinkConfig[];
  readonly clients?: readonly ClientConfig[];
  readonly databases?: readonly DiskDbConfig[];
  /** Persistence (RDB, AOF, crashes) of some nodes; a node without one never saves. */
  readonly persistence?: readonly PersistenceConfig[];
  /** Parts of registered kinds (WorldOptions.partKinds), created after clients. */
  readonly parts?: readonly PartConfig[];
  /** Metrics sampling; null turns it off (headless runs that need only the summary). */
  readonly metrics?: MetricsConfig | null;
  /** Trace records kept in memory for inspection (the hash covers all of them anyway). */
  readonly traceRetain?: number;
}

/** Code a world needs that cannot be data: scripts by name. */
export interface WorldOptions {
  readonly scripts?: ScriptRegistry;
  readonly partKinds?: PartKinds;
}

export const WORLD_SNAPSHOT_VERSION = 1;

/** A whole world at one instant, JSON-safe. */
export interface WorldSnapshot {
  readonly version: number;
  readonly config: WorldConfig;
  readonly now: number;
  readonly nextSeq: number;
  readonly nextId: number;
  readonly events: readonly SimEvent[];
  readonly rngs: Readonly<Record<string, RngState>>;
  readonly trace: TraceState;
  readonly parts: Readonly<Record<string, unknown>>;
}

export class World {
  readonly clock = new SimClock();
  readonly trace: Trace;
  readonly network: Network;
  readonly metrics: Metrics | undefined;
  readonly nodes = new Map<string, RedisNode>();
  readonly clients = new Map<string, Client>();
  readonly databases = new Map<string, DiskDb>();
  /** Persistence parts by node name. */
  readonly persistences = new Map<string, Persistence>();
  /** Parts built from WorldConfig.parts, by name. */
  readonly extras = new Map<string, Part>();
  private readonly queue = new EventQueue();
  private readonly handlers = new Map<string, (data: unknown) => void>();
  /** The event step() runs, reused: the queue moves each event's fields into it. */
  private readonly taken: TakenEvent = {
    at: 0 as Micros,
    type: '',
    data: undefined,
    handler: undefined,
  };
  private readonly rngs = new Map<string, SimRng>();
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly parts: Component[] = [];
  private idCounter = 1;
  /** The narrow view parts get of the world. */
  readonly ctx: WorldContext;

  /** Builds a world and schedules its first events (clients start, metrics sample). */
  static create(config: WorldConfig, options: WorldOptions = {}): World {
    const world = new World(config, options);
    for (const client of world.clients.values()) client.onStart();
    for (const p of world.persistences.values()) p.start();
    for (const part of world.extras.values()) part.onStart?.();
    world.metrics?.start();
    return world;
  }

  /** A world from a checkpoint; `options` must supply the scripts the original had. */
  static restore(snapshot: WorldSnapshot, options: WorldOptions = {}): World {
    if (snapshot.version !== WORLD_SNAPSHOT_VERSION) {
      throw new Error(
        `world snapshot version ${snapshot.version}, expected ${WORLD_SNAPSHOT_VERSION}`,
      );
    }
    const s = fromJsonSafe(snapshot as unknown as JsonValue) as WorldSnapshot;
    const world = new World(s.config, options);
    world.clock.advanceTo(micros(s.now));
    world.queue.restore(s.events, s.nextSeq, (type) => world.handlers.get(type));
    world.idCounter = s.nextId;
    for (const [name, state] of Object.entries(s.rngs)) world.rng(name).setState(state);
    world.trace.setState(s.trace);
    for (const part of world.parts) {
      const state = s.parts[part.id];
      if (state === undefined) throw new Error(`snapshot has no state for ${part.id}`);
      part.restore(state);
    }
    return world;
  }

  private constructor(
    readonly config: WorldConfig,
    options: WorldOptions,
  ) {
    this.trace = new Trace(config.traceRetain ?? 0);
    this.ctx = {
      clock: this.clock,
      trace: this.trace,
      seed: config.seed,
      schedule: (at, type, data) => this.schedule(at, type, data),
      handle: (type, handler) => this.handle(type, handler),
      rng: (name) => this.rng(name),
      nextId: () => this.idCounter++,
      send: (message: Message, departs?: Micros) => this.network.send(message, departs),
      endpoint: (name) => this.endpoints.get(name),
      cut: (a, b) => this.network.cut(a, b),
      heal: (a, b) => this.network.heal(a, b),
    };
    this.network = new Network(this.ctx);
    this.parts.push(this.network);
    for (const link of config.links ?? []) this.network.connect(link);

    RedisNode.install(this.ctx, this.nodes);
    for (const nc of config.nodes ?? []) this.addPart(this.nodes, new RedisNode(this.ctx, nc));
    Persistence.install(this.ctx, this.persistences);
    for (const pc of config.persistence ?? []) {
      if (this.persistences.has(pc.node)) throw new Error(`node '${pc.node}' has two persistences`);
      const p = new Persistence(this.ctx, this.node(pc.node), pc);
      this.persistences.set(pc.node, p);
      this.parts.push(p);
    }
    DiskDb.install(this.ctx, this.databases);
    for (const dc of config.databases ?? []) this.addPart(this.databases, new DiskDb(this.ctx, dc));
    Client.install(this.ctx, this.clients);
    const scripts = { ...builtinScripts, ...options.scripts };
    for (const cc of config.clients ?? []) {
      const client =
        cc.kind === 'workload'
          ? new WorkloadClient(this.ctx, cc)
          : new ScriptedClient(this.ctx, cc, scripts);
      this.addPart(this.clients, client);
    }
    const kinds = options.partKinds ?? {};
    const installed = new Set<string>();
    for (const pc of config.parts ?? []) {
      const kind = kinds[pc.kind];
      if (kind === undefined) {
        const known = Object.keys(kinds).join(', ') || 'none';
        throw new Error(`unknown part kind '${pc.kind}' (known: ${known})`);
      }
      if (!installed.has(pc.kind)) {
        installed.add(pc.kind);
        kind.install?.(this.ctx, (name) => this.extras.get(name));
      }
      this.addPart(this.extras, kind.create(this.ctx, pc));
    }

    const mc = config.metrics === undefined ? DEFAULT_METRICS : config.metrics;
    this.metrics = mc === null ? undefined : new Metrics(this.ctx, mc);
    if (this.metrics !== undefined) {
      this.installProbes(this.metrics);
      this.parts.push(this.metrics);
    }
  }

  private addPart<T extends Endpoint & Component>(map: Map<string, T>, part: T): void {
    if (this.endpoints.has(part.name)) throw new Error(`two parts are named '${part.name}'`);
    map.set(part.name, part);
    this.endpoints.set(part.name, part);
    this.parts.push(part);
  }

  private installProbes(m: Metrics): void {
    for (const c of this.clients.values()) {
      const p = `client:${c.name}`;
      m.addProbe({ name: `${p}:throughput`, kind: 'rate', read: () => c.completed });
      m.addProbe({ name: `${p}:p50`, kind: 'gauge', read: () => c.recent.percentile(0.5) });
      m.addProbe({ name: `${p}:p95`, kind: 'gauge', read: () => c.recent.percentile(0.95) });
      m.addProbe({ name: `${p}:p99`, kind: 'gauge', read: () => c.recent.percentile(0.99) });
      m.afterSample(() => {
        c.recent.reset();
        c.windowCompleted = 0;
      });
    }
    for (const n of this.nodes.values()) {
      const p = `node:${n.name}`;
      m.addProbe({ name: `${p}:ops`, kind: 'rate', read: () => n.executed });
      // Busy µs per second / 1e6: the main thread's utilisation, 0..1.
      m.addProbe({ name: `${p}:busy`, kind: 'rate', read: () => n.busyMicros / 1_000_000 });
      m.addProbe({ name: `${p}:queue`, kind: 'gauge', read: () => n.queueLength });
      m.addProbe({
        name: `${p}:keys`,
        kind: 'gauge',
        read: () => n.engine.dbs.reduce((sum, db) => sum + db.size, 0),
      });
    }
    for (const [name, ps] of this.persistences) {
      const p = `persist:${name}`;
      // Copy-on-write bytes of a running fork: the memory a BGSAVE costs.
      m.addProbe({ name: `${p}:cow`, kind: 'gauge', read: () => ps.cowBytes });
      // Acknowledged writes a crash could still take.
      m.addProbe({ name: `${p}:at-risk`, kind: 'gauge', read: () => ps.atRisk });
      // Where the write sequence stands in each layer: run in memory, in the kernel's page
      // cache (the AOF written), on disk (the AOF fsynced, the last RDB's fork).
      m.addProbe({ name: `${p}:ran`, kind: 'gauge', read: () => ps.watermarks().ran });
      m.addProbe({ name: `${p}:written`, kind: 'gauge', read: () => ps.watermarks().written });
      m.addProbe({ name: `${p}:synced`, kind: 'gauge', read: () => ps.watermarks().synced });
      m.addProbe({ name: `${p}:rdb`, kind: 'gauge', read: () => ps.watermarks().rdb });
    }
    for (const d of this.databases.values()) {
      const p = `db:${d.name}`;
      m.addProbe({ name: `${p}:queries`, kind: 'rate', read: () => d.reads + d.writes });
      m.addProbe({ name: `${p}:active`, kind: 'gauge', read: () => d.active });
      m.addProbe({ name: `${p}:queue`, kind: 'gauge', read: () => d.queueLength });
    }
  }

  get now(): Micros {
    return this.clock.now;
  }

  /** Events waiting to run. */
  get pendingEvents(): number {
    return this.queue.size;
  }

  /** When the next event runs; undefined when none waits (the worker's step() looks ahead). */
  nextEventAt(): Micros | undefined {
    const at = this.queue.nextAt;
    return at === Infinity ? undefined : (at as Micros);
  }

  schedule<D>(at: Micros, type: string, data: D): void {
    if (at < this.clock.now) throw new Error(`event ${type} at ${at} is in the past`);
    const handler = this.handlers.get(type);
    if (handler === undefined) throw new Error(`no handler for event type '${type}'`);
    this.queue.push(at, type, data, handler);
  }

  /** Registers the handler of an event type (one per type; parts and scenes add theirs). */
  handle<D>(type: string, handler: (data: D) => void): void {
    if (this.handlers.has(type)) throw new Error(`event type '${type}' already has a handler`);
    this.handlers.set(type, handler as (data: unknown) => void);
  }

  rng(name: string): SimRng {
    let r = this.rngs.get(name);
    if (r === undefined) this.rngs.set(name, (r = SimRng.fork(this.config.seed, name)));
    return r;
  }

  /** Watches every trace record from now on; returns the unsubscribe function. */
  subscribe(listener: TraceListener): () => void {
    return this.trace.subscribe(listener);
  }

  /** Runs the next event; false when there is none. */
  step(): boolean {
    const event = this.taken;
    if (!this.queue.take(event)) return false;
    this.clock.advanceTo(event.at);
    // Events restored from a checkpoint before their part registered get it now.
    const handler = event.handler ?? this.handlers.get(event.type)!;
    const data = event.data;
    event.data = undefined;
    handler(data);
    return true;
  }

  /** Runs every event at or before `t`, then sets the clock to `t`. */
  runUntil(t: Micros): void {
    const queue = this.queue;
    while (queue.nextAt <= t) this.step();
    if (t > this.clock.now) this.clock.advanceTo(t);
  }

  runFor(durationMicros: number): void {
    this.runUntil((this.clock.now + Math.round(durationMicros)) as Micros);
  }

  node(name: string): RedisNode {
    return mustGet(this.nodes, name, 'node');
  }

  client(name: string): Client {
    return mustGet(this.clients, name, 'client');
  }

  /** The persistence part of a node. */
  persistence(node: string): Persistence {
    return mustGet(this.persistences, node, 'persistence');
  }

  database(name: string): DiskDb {
    return mustGet(this.databases, name, 'database');
  }

  part(name: string): Part {
    return mustGet(this.extras, name, 'part');
  }

  cut(a: string, b: string): void {
    this.network.cut(a, b);
  }

  heal(a: string, b: string): void {
    this.network.heal(a, b);
  }

  /** The whole world as JSON-safe data (engine keyspaces, queues, PRNGs, pending events). */
  snapshot(): WorldSnapshot {
    const parts: Record<string, unknown> = {};
    for (const part of this.parts) parts[part.id] = part.snapshot();
    const rngs: Record<string, RngState> = {};
    for (const [name, r] of this.rngs) rngs[name] = r.getState();
    const snap: WorldSnapshot = {
      version: WORLD_SNAPSHOT_VERSION,
      config: this.config,
      now: this.clock.now,
      nextSeq: this.queue.sequence,
      nextId: this.idCounter,
      events: this.queue.pending(),
      rngs,
      trace: this.trace.getState(),
      parts,
    };
    return toJsonSafe(snap) as unknown as WorldSnapshot;
  }
}

function mustGet<T>(map: ReadonlyMap<string, T>, name: string, what: string): T {
  const v = map.get(name);
  if (v === undefined) {
    throw new Error(`no ${what} '${name}' (have: ${[...map.keys()].join(', ') || 'none'})`);
  }
  return v;
}
