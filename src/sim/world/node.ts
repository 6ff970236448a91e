import {
  Engine,
  dumpKeyspace,
  restoreKeyspace,
  serviceTimeMicros,
  type EngineConfig,
  type KeyspaceSnapshot,
  type Reply,
  type Session,
} from '../../engine/index.ts';
import { after, type Micros } from '../core/clock.ts';
import type { Component, Endpoint, Message, WorldContext } from './context.ts';

/**
 * One Redis process: an engine and the executor in front of it. Requests wait in one FIFO
 * queue and run one at a time, each for its service time from the engine's cost model
 * (taken before it runs, from the state it runs against). The engine reads the world's
 * clock, so it runs at the command's start instant.
 *
 * I/O: reading a request and writing its reply cost a little main-thread time each. With
 * I/O threads (Redis's io-threads) that work moves to a pool of that many threads that
 * work in parallel with the main thread and each other; execution never leaves the main
 * thread (redis-facts §1, networking.c).
 */

export interface NodeConfig {
  readonly name: string;
  /** I/O threads besides the main thread; 0 (Redis's default, io-threads 1) means none. */
  readonly ioThreads?: number;
  /** Reading and parsing one request, in µs (syscall + parse). */
  readonly ioReadMicros?: number;
  /** Writing one reply, in µs. */
  readonly ioWriteMicros?: number;
}

/**
 * Default I/O costs: ~4 µs each way, so one unpipelined client loop costs the main thread
 * ~8 µs plus execution, which matches redis-benchmark's ~100k requests/s on one core.
 */
export const DEFAULT_IO_READ_MICROS = 4;
export const DEFAULT_IO_WRITE_MICROS = 4;

interface Queued {
  readonly req: number;
  readonly client: string;
  readonly argv: readonly string[];
  readonly arrived: Micros;
}

interface SessionState {
  readonly client: string;
  readonly db: number;
  readonly protocol: 2 | 3;
  readonly name: string;
  /** Requests blocked on this connection, oldest first. */
  readonly blocked: readonly number[];
}

interface NodeState {
  readonly queue: readonly Queued[];
  readonly execScheduled: boolean;
  readonly mainFreeAt: number;
  readonly ioFreeAt: readonly number[];
  readonly carry: number;
  readonly executed: number;
  readonly busyMicros: number;
  readonly sessions: readonly SessionState[];
  readonly keyspace: KeyspaceSnapshot;
  readonly engine: {
    readonly dirty: number;
    readonly commandsProcessed: number;
    readonly config: EngineConfig;
  };
}

interface ExecData {
  readonly node: string;
}
interface ReadyData {
  readonly node: string;
  readonly item: Queued;
}

const EXEC = 'node.exec';
const READY = 'node.ready';

export class RedisNode implements Endpoint, Component {
  readonly engine: Engine;
  readonly id: string;
  readonly name: string;
  private queue: Queued[] = [];
  /** Index of the queue's head: dequeue is O(1), the array compacts now and then. */
  private head = 0;
  private execScheduled = false;
  /** When the main thread finishes its current work (execution, and writes without I/O threads). */
  private mainFreeAt = 0;
  /** When each I/O thread is next free. */
  private ioFreeAt: number[];
  /** Sub-microsecond service time carried to the next command, so GET's 0.12 µs adds up. */
  private carry = 0;
  private sessions = new Map<string, Session>();
  private blocked = new Map<string, number[]>();
  private readonly readCost: number;
  private readonly writeCost: number;
  private readonly execData: ExecData;
  /** Commands executed, and main-thread µs spent executing them (for utilisation). */
  executed = 0;
  busyMicros = 0;

  constructor(
    private readonly ctx: WorldContext,
    readonly config: NodeConfig,
  ) {
    this.name = config.name;
    this.id = `node:${config.name}`;
    this.engine = new Engine({ clock: ctx.clock, rng: ctx.rng(`engine:${config.name}`) });
    this.ioFreeAt = new Array<number>(config.ioThreads ?? 0).fill(0);
    this.readCost = config.ioReadMicros ?? DEFAULT_IO_READ_MICROS;
    this.writeCost = config.ioWriteMicros ?? DEFAULT_IO_WRITE_MICROS;
    this.execData = { node: config.name };
  }

  /** Registers the node's event handlers once for all nodes (the world calls this). */
  static install(ctx: WorldContext, nodes: ReadonlyMap<string, RedisNode>): void {
    ctx.handle<ExecData>(EXEC, (d) => nodes.get(d.node)?.exec());
    ctx.handle<ReadyData>(READY, (d) => nodes.get(d.node)?.enqueue(d.item));
  }

  /** Requests waiting for the main thread (not counting one being executed). */
  get queueLength(): number {
    return this.queue.length - this.head;
  }

  receive(message: Message): void {
    if (message.kind !== 'request') return;
    const now = this.ctx.clock.now;
    const item: Queued = {
      req: message.req,
      client: message.from,
      argv: message.argv,
      arrived: now,
    };
    if (this.ioFreeAt.length > 0) {
      // An I/O thread reads and parses it; only then does it join the main thread's queue.
      this.ctx.schedule<ReadyData>(this.ioPool(now, this.readCost), READY, {
        node: this.name,
        item,
      });
    } else {
      this.enqueue(item);
    }
  }

  private enqueue(item: Queued): void {
    this.queue.push(item);
    if (!this.execScheduled) this.scheduleExec();
  }

  private scheduleExec(): void {
    const now = this.ctx.clock.now;
    const free = this.mainFreeAt > now ? this.mainFreeAt : now;
    // Without I/O threads the main thread reads the request itself before running it.
    const start = this.ioFreeAt.length > 0 ? free : free + this.readCost;
    this.execScheduled = true;
    this.ctx.schedule<ExecData>(start as Micros, EXEC, this.execData);
  }

  private exec(): void {
    this.execScheduled = false;
    const item = this.queue[this.head];
    if (item === undefined) return;
    this.queue[this.head++] = undefined as unknown as Queued;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    const ctx = this.ctx;
    const started = ctx.clock.now;
    const session = this.session(item.client);
    const service = serviceTimeMicros(this.engine, session, item.argv) + this.carry;
    const duration = Math.floor(service);
    this.carry = service - duration;
    const reply: Reply | undefined = this.engine.execute(session, item.argv);
    const finished = after(started, duration);
    this.executed++;
    this.busyMicros += duration;
    let replied = finished;
    if (reply === undefined) {
      // Blocked (BLPOP, WAIT...): the reply comes later through session.deliver.
      let list = this.blocked.get(item.client);
      if (list === undefined) this.blocked.set(item.client, (list = []));
      list.push(item.req);
      this.mainFreeAt = finished;
    } else if (this.ioFreeAt.length > 0) {
      replied = this.ioPool(finished, this.writeCost);
      this.mainFreeAt = finished;
    } else {
      replied = after(finished, this.writeCost);
      this.mainFreeAt = replied;
    }
    ctx.trace.append({
      type: 'cmd',
      at: started,
      node: this.name,
      req: item.req,
      client: item.client,
      cmd: item.argv[0] ?? '',
      key: item.argv[1] ?? '',
      arrived: item.arrived,
      started,
      finished,
      replied,
      reply: reply === undefined ? 'blocked' : reply.kind,
    });
    if (reply !== undefined) this.sendReply(item.client, item.req, reply, replied);
    if (this.head < this.queue.length) this.scheduleExec();
  }

  private sendReply(client: string, req: number, reply: Reply, departs: Micros): void {
    this.ctx.send({ kind: 'reply', from: this.name, to: client, req, reply }, departs);
  }

  /** The earliest-free I/O thread takes `cost` µs of work from `at`; returns when it ends. */
  private ioPool(at: number, cost: number): Micros {
    let best = 0;
    for (let i = 1; i < this.ioFreeAt.length; i++) {
      if (this.ioFreeAt[i]! < this.ioFreeAt[best]!) best = i;
    }
    const free = this.ioFreeAt[best]!;
    const done = (free > at ? free : at) + cost;
    this.ioFreeAt[best] = done;
    return done as Micros;
  }

  /** The connection state of one client, created on its first command. */
  session(client: string): Session {
    let session = this.sessions.get(client);
    if (session === undefined) {
      const s = this.engine.createSession();
      s.deliver = (reply) => this.deliverLater(client, reply);
      this.sessions.set(client, (session = s));
    }
    return session;
  }

  /** A blocked command's reply (or a push message) leaves now, written like any reply. */
  private deliverLater(client: string, reply: Reply): void {
    const now = this.ctx.clock.now;
    const req = this.blocked.get(client)?.shift() ?? 0;
    if (req !== 0) {
      this.ctx.trace.append({ type: 'unblock', at: now, node: this.name, req, client });
    }
    const departs =
      this.ioFreeAt.length > 0 ? this.ioPool(now, this.writeCost) : after(now, this.writeCost);
    this.sendReply(client, req, reply, departs);
  }

  snapshot(): NodeState {
    return {
      queue: this.queue.slice(this.head),
      execScheduled: this.execScheduled,
      mainFreeAt: this.mainFreeAt,
      ioFreeAt: [...this.ioFreeAt],
      carry: this.carry,
      executed: this.executed,
      busyMicros: this.busyMicros,
      sessions: [...this.sessions].map(([client, s]) => ({
        client,
        db: s.db,
        protocol: s.protocol,
        name: s.name,
        blocked: [...(this.blocked.get(client) ?? [])],
      })),
      keyspace: dumpKeyspace(this.engine),
      engine: {
        dirty: this.engine.dirty,
        commandsProcessed: this.engine.commandsProcessed,
        config: { ...this.engine.config },
      },
    };
  }

  restore(raw: unknown): void {
    const state = raw as NodeState;
    this.queue = [...state.queue];
    this.head = 0;
    this.execScheduled = state.execScheduled;
    this.mainFreeAt = state.mainFreeAt;
    this.ioFreeAt = [...state.ioFreeAt];
    this.carry = state.carry;
    this.executed = state.executed;
    this.busyMicros = state.busyMicros;
    this.sessions.clear();
    this.blocked.clear();
    for (const s of state.sessions) {
      const session = this.session(s.client);
      session.db = s.db;
      session.protocol = s.protocol;
      session.name = s.name;
      if (s.blocked.length > 0) this.blocked.set(s.client, [...s.blocked]);
    }
    restoreKeyspace(this.engine, state.keyspace);
    this.engine.dirty = state.engine.dirty;
    this.engine.commandsProcessed = state.engine.commandsProcessed;
    Object.assign(this.engine.config, state.engine.config);
  }
}
