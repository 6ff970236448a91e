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
import { WORLD_EPOCH_MICROS, after, type Micros } from '../core/clock.ts';
import type { Component, Endpoint, Message, WorldContext } from './context.ts';
import { HostChain, type HeldReply, type NodeHost } from './node-host.ts';

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
 *
 * A host part (persistence) can attach to the node (NodeHost): it answers some commands
 * itself, sees every write, does the AOF work at the end of each event-loop turn (a turn
 * ends when no request waits) and may hold the turn's replies until its fsync. The node can
 * also die (crash) and come back empty (restart); the host reloads its data.
 */

export interface NodeConfig {
  readonly name: string;
  /** I/O threads besides the main thread; 0 (Redis's default, io-threads 1) means none. */
  readonly ioThreads?: number;
  /** Reading and parsing one request, in µs (syscall + parse). */
  readonly ioReadMicros?: number;
  /** Writing one reply, in µs. */
  readonly ioWriteMicros?: number;
  /** redis.conf's maxmemory in bytes (0: no limit) and maxmemory-policy. */
  readonly maxmemory?: number;
  readonly maxmemoryPolicy?: EngineConfig['maxmemory-policy'];
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
  /** The engine-level blocking command it waits in (BLPOP...), to block again on restore. */
  readonly blockedOn?: {
    readonly argv: readonly string[];
    readonly deadlineMs: number;
    readonly seq: number;
  };
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
  /** Down (crashed, not restarted), the crash epoch, and replies held for the turn's end. */
  readonly down?: boolean;
  readonly epoch?: number;
  readonly held?: readonly HeldReply[];
  readonly releasing?: readonly HeldReply[];
  readonly blockTimeoutAt?: number | null;
  readonly firstCrashAt?: number | null;
  readonly keyspace: KeyspaceSnapshot;
  readonly engine: {
    readonly dirty: number;
    readonly commandsProcessed: number;
    readonly config: EngineConfig;
  };
}

interface ExecData {
  readonly node: string;
  /** The crash epoch it was scheduled in: a crash makes pending executions stale. */
  readonly epoch?: number;
}
interface FlushData {
  readonly node: string;
  readonly epoch: number;
  readonly replies: readonly HeldReply[];
}
interface ReadyData {
  readonly node: string;
  readonly item: Queued;
}

const EXEC = 'node.exec';
const READY = 'node.ready';
const FLUSH = 'node.flush';
const BLOCK_TIMEOUT = 'node.block-timeout';
/**
 * Redis times blocked clients out in serverCron (hz 10), so a BLPOP with a 10 ms timeout
 * answers at the next 100 ms tick after its deadline, as real 7.0 does.
 */
const CRON_MICROS = 100_000;

/** What clients get for requests a dead process never answers (the kernel resets them). */
export const CONNECTION_RESET = 'ERR simulated: connection reset, the server process died';
export const CONNECTION_REFUSED = 'ERR simulated: connection refused, the server is not running';

export class RedisNode implements Endpoint, Component {
  readonly engine: Engine;
  readonly id: string;
  readonly name: string;
  private queue: Queued[] = [];
  /** Index of the queue's head: dequeue is O(1), the array compacts now and then. */
  private head = 0;
  private execScheduled = false;
  /** The command each client last blocked in (the engine's, not a host's WAIT). */
  private readonly blockedArgv = new Map<string, readonly string[]>();
  /** The cron tick (µs) already scheduled to time out blocked clients, or null. */
  private blockTimeoutAt: number | null = null;
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
  private execData: ExecData;
  private host: NodeHost | undefined;
  /** Replies of the current turn waiting for its fsync (appendfsync always). */
  private held: HeldReply[] = [];
  /** Replies released to a pending flush event, oldest first (a crash resets them). */
  private releasing: HeldReply[] = [];
  /** Bumped by each crash; events scheduled before it are ignored. */
  private epoch = 0;
  /** True from a crash until restart(): requests are refused. */
  down = false;
  /**
   * Virtual µs of this process's first crash, however it came (a scene's script, a
   * learner's button): summaries time a failover from it. Undefined until one happens.
   */
  firstCrashAt: number | undefined;
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
    if (config.maxmemory !== undefined) this.engine.config.maxmemory = config.maxmemory;
    if (config.maxmemoryPolicy !== undefined) {
      this.engine.config['maxmemory-policy'] = config.maxmemoryPolicy;
    }
    this.ioFreeAt = new Array<number>(config.ioThreads ?? 0).fill(0);
    this.readCost = config.ioReadMicros ?? DEFAULT_IO_READ_MICROS;
    this.writeCost = config.ioWriteMicros ?? DEFAULT_IO_WRITE_MICROS;
    this.execData = { node: config.name, epoch: 0 };
  }

  /** Lets a host part (persistence, replication) act around the executor; several chain. */
  attach(host: NodeHost): void {
    this.host = this.host === undefined ? host : new HostChain(this.host, host);
  }

  /** The host's answer to a console line, if it has one (see NodeHost.console). */
  consoleIntercept(session: Session, argv: readonly string[]): Reply | undefined {
    return this.host?.console?.(session, argv);
  }

  /** The client a session belongs to (hosts keep per-connection flags by client name). */
  clientOf(session: Session): string | undefined {
    for (const [client, s] of this.sessions) if (s === session) return client;
    return undefined;
  }

  /** Registers the node's event handlers once for all nodes (the world calls this). */
  static install(ctx: WorldContext, nodes: ReadonlyMap<string, RedisNode>): void {
    ctx.handle<ExecData>(EXEC, (d) => nodes.get(d.node)?.exec(d.epoch ?? 0));
    ctx.handle<ReadyData>(READY, (d) => nodes.get(d.node)?.ready(d.item));
    ctx.handle<FlushData>(FLUSH, (d) => nodes.get(d.node)?.flushHeld(d));
    ctx.handle<ExecData>(BLOCK_TIMEOUT, (d) => nodes.get(d.node)?.timeOutBlocked(d.epoch ?? 0));
  }

  /** Requests waiting for the main thread (not counting one being executed). */
  get queueLength(): number {
    return this.queue.length - this.head;
  }

  receive(message: Message): void {
    if (message.kind !== 'request') {
      // Process-to-process traffic (a replication stream) is the host's; a dead process drops it.
      if (!this.down) this.host?.receive?.(message);
      return;
    }
    const now = this.ctx.clock.now;
    if (this.down) {
      // Nothing listens on the port: the client learns at once (ECONNREFUSED).
      this.sendReply(message.from, message.req, errorReply(CONNECTION_REFUSED), now);
      return;
    }
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

  private ready(item: Queued): void {
    if (this.down) return;
    this.enqueue(item);
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

  /**
   * Keeps the main thread busy for `micros` from when it is next free (a fork in
   * serverCron): commands waiting start after it.
   */
  blockMain(micros: number): void {
    const now = this.ctx.clock.now;
    this.mainFreeAt = Math.max(this.mainFreeAt, now) + Math.max(0, Math.round(micros));
  }

  private exec(epoch: number): void {
    if (epoch !== this.epoch) return;
    this.execScheduled = false;
    if (this.ctx.clock.now < this.mainFreeAt) {
      // Something blocked the main thread after this run was scheduled (a fork).
      if (this.head < this.queue.length) this.scheduleExec();
      return;
    }
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
    let duration = Math.floor(service);
    this.carry = service - duration;
    const host = this.host;
    const dirtyBefore = this.engine.dirty;
    const hosted = host?.intercept(session, item.argv);
    let reply: Reply | undefined;
    if (hosted !== undefined) {
      reply = hosted.reply;
      duration += Math.round(hosted.micros);
    } else {
      reply = this.engine.execute(session, item.argv);
    }
    const finished = after(started, duration);
    this.executed++;
    this.busyMicros += duration;
    // A write is what raised the dirty counter, as Redis's call() decides what to propagate.
    const seq =
      host !== undefined && this.engine.dirty > dirtyBefore
        ? host.wrote(item.argv, session.db, item.client, item.req, started)
        : 0;
    if (host !== undefined && hosted === undefined && mayConfigure(item.argv)) {
      host.configChanged();
    }
    // The turn ends when nobody waits: beforeSleep writes the AOF (and fsyncs under always).
    const turnEnds = this.head >= this.queue.length;
    const aofMicros = host !== undefined && turnEnds ? host.endTurn(finished) : 0;
    const free = after(finished, aofMicros);
    let replied = finished;
    if (reply !== undefined && host?.holdsReplies === true) {
      this.held.push({ client: item.client, req: item.req, reply, seq, departs: 0 });
      this.mainFreeAt = free;
      if (turnEnds) replied = this.releaseHeld(free);
    } else if (reply === undefined) {
      // Blocked (BLPOP, WAIT...): the reply comes later through session.deliver.
      let list = this.blocked.get(item.client);
      if (list === undefined) this.blocked.set(item.client, (list = []));
      list.push(item.req);
      if (hosted === undefined) this.blockedArgv.set(item.client, item.argv);
      this.mainFreeAt = free;
      this.scheduleBlockTimeout();
    } else if (this.ioFreeAt.length > 0) {
      replied = this.ioPool(free, this.writeCost);
      this.mainFreeAt = free;
    } else {
      replied = after(free, this.writeCost);
      this.mainFreeAt = replied;
    }
    ctx.trace.cmd(
      started,
      this.name,
      item.req,
      item.client,
      item.argv[0] ?? '',
      item.argv[1] ?? '',
      item.arrived,
      started,
      finished,
      replied,
      reply === undefined ? 'blocked' : reply.kind,
    );
    if (reply !== undefined && host?.holdsReplies !== true) {
      this.sendReply(item.client, item.req, reply, replied);
      if (seq > 0 && reply.kind !== 'error') host?.acknowledged(seq, replied);
    }
    // Replies held under appendfsync always, if the policy changed during the turn.
    if (turnEnds && this.held.length > 0) this.releaseHeld(free);
    if (this.head < this.queue.length) this.scheduleExec();
  }

  /**
   * Runs one command at once, between events, on `client`'s connection: an operator's
   * console, which does not queue behind the workload. It takes a request's path through
   * the host (LOADING, BGSAVE and friends, the AOF, the dirty counter save points read) and
   * ends its own event-loop turn, so its write reaches the AOF as a queued one would.
   * Undefined when the command blocked (the caller decides what its console does then).
   */
  runNow(client: string, argv: readonly string[]): Reply | undefined {
    const host = this.host;
    const session = this.session(client);
    if (host === undefined) return this.engine.execute(session, argv);
    const now = this.ctx.clock.now;
    const dirtyBefore = this.engine.dirty;
    const hosted = host.intercept(session, argv);
    const reply = hosted !== undefined ? hosted.reply : this.engine.execute(session, argv);
    const req = this.ctx.nextId();
    const seq =
      this.engine.dirty > dirtyBefore ? host.wrote(argv, session.db, client, req, now) : 0;
    if (hosted === undefined && mayConfigure(argv)) host.configChanged();
    const micros = (hosted?.micros ?? 0) + host.endTurn(now);
    if (micros > 0) this.blockMain(micros);
    if (reply === undefined) return undefined;
    if (host.holdsReplies) {
      // appendfsync always: acknowledged with its turn's fsync, in order with the workload's.
      this.held.push({ client, req, reply, seq, departs: 0, local: true });
      this.releaseHeld(after(now, micros));
    } else if (seq > 0 && reply.kind !== 'error') {
      host.acknowledged(seq, now);
    }
    return reply;
  }

  /**
   * The turn's fsync ends at `free`: its held replies leave after it, written one by one.
   * They are sent by an event at `free`, so a crash during the fsync keeps them unsent (and
   * unacknowledged). Returns when the last one leaves.
   */
  private releaseHeld(free: Micros): Micros {
    let t = free;
    for (const h of this.held) {
      t = this.ioFreeAt.length > 0 ? this.ioPool(free, this.writeCost) : after(t, this.writeCost);
      h.departs = t;
    }
    if (this.ioFreeAt.length === 0) this.mainFreeAt = t;
    const replies = this.held;
    this.held = [];
    for (const h of replies) this.releasing.push(h);
    this.ctx.schedule<FlushData>(free, FLUSH, { node: this.name, epoch: this.epoch, replies });
    return t;
  }

  private flushHeld(d: FlushData): void {
    if (d.epoch !== this.epoch) return;
    this.releasing.splice(0, d.replies.length);
    for (const h of d.replies) {
      if (h.local !== true) this.sendReply(h.client, h.req, h.reply, h.departs as Micros);
      if (h.seq > 0 && h.reply.kind !== 'error')
        this.host?.acknowledged(h.seq, h.departs as Micros);
    }
  }

  /**
   * The process dies (SIGKILL or power loss alike, for the node): its memory, queue and
   * connections are gone. Clients waiting on it get a reset; new ones are refused until
   * restart(). What survives on disk is the host's business.
   */
  crash(): void {
    const now = this.ctx.clock.now;
    this.firstCrashAt ??= now;
    this.down = true;
    this.epoch++;
    this.execData = { node: this.name, epoch: this.epoch };
    const waiting: { client: string; req: number }[] = [];
    for (let i = this.head; i < this.queue.length; i++) waiting.push(this.queue[i]!);
    for (const h of this.releasing) if (h.local !== true) waiting.push(h);
    for (const h of this.held) if (h.local !== true) waiting.push(h);
    for (const [client, reqs] of this.blocked)
      for (const req of reqs) waiting.push({ client, req });
    this.queue = [];
    this.head = 0;
    this.held = [];
    this.releasing = [];
    this.execScheduled = false;
    this.blockTimeoutAt = null;
    // Every connection closes with the process: the engine forgets its blocked clients,
    // watches and subscriptions, so a restarted node starts with none (freeClient).
    for (const session of this.sessions.values()) {
      this.engine.unblock(session);
      this.engine.closeSession(session);
    }
    this.sessions.clear();
    this.blocked.clear();
    this.blockedArgv.clear();
    this.mainFreeAt = now;
    this.carry = 0;
    restoreKeyspace(this.engine, { version: 1, dbs: [] });
    this.engine.dirty = 0;
    for (const w of waiting) this.sendReply(w.client, w.req, errorReply(CONNECTION_RESET), now);
  }

  /** Schedules the cron tick that will time out the first blocked client's deadline. */
  private scheduleBlockTimeout(): void {
    const deadlineMs = this.engine.nextBlockingDeadline();
    if (deadlineMs === undefined) return;
    const virtual = deadlineMs * 1000 - WORLD_EPOCH_MICROS;
    const tick = Math.ceil(virtual / CRON_MICROS) * CRON_MICROS;
    if (this.blockTimeoutAt !== null && this.blockTimeoutAt <= tick) return;
    this.blockTimeoutAt = tick;
    this.ctx.schedule<ExecData>(tick as Micros, BLOCK_TIMEOUT, this.execData);
  }

  private timeOutBlocked(epoch: number): void {
    if (epoch !== this.epoch) return;
    const now = this.ctx.clock.now;
    if (this.blockTimeoutAt !== null && this.blockTimeoutAt > now) return;
    this.blockTimeoutAt = null;
    if (this.down) return;
    this.engine.expireBlockedClients(this.engine.nowMs());
    this.scheduleBlockTimeout();
  }

  /** The process is back, empty: it accepts connections again (the host loads the data). */
  restart(): void {
    this.down = false;
    this.mainFreeAt = Math.max(this.mainFreeAt, this.ctx.clock.now);
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

  private blockedOn(client: string, session: Session): Pick<SessionState, 'blockedOn'> {
    const argv = this.blockedArgv.get(client);
    const waiting = this.engine.blocking.describe(session);
    return argv === undefined || waiting === undefined
      ? {}
      : { blockedOn: { argv: [...argv], ...waiting } };
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
        ...this.blockedOn(client, s),
      })),
      down: this.down,
      epoch: this.epoch,
      held: this.held.map((h) => ({ ...h })),
      releasing: this.releasing.map((h) => ({ ...h })),
      blockTimeoutAt: this.blockTimeoutAt,
      firstCrashAt: this.firstCrashAt ?? null,
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
    this.down = state.down ?? false;
    this.epoch = state.epoch ?? 0;
    this.execData = { node: this.name, epoch: this.epoch };
    this.held = (state.held ?? []).map((h) => ({ ...h }));
    this.releasing = (state.releasing ?? []).map((h) => ({ ...h }));
    this.blockTimeoutAt = state.blockTimeoutAt ?? null;
    this.firstCrashAt = state.firstCrashAt ?? undefined;
    this.sessions.clear();
    this.blocked.clear();
    this.blockedArgv.clear();
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
    // Blocked clients wait again, in the order they first blocked, with their own deadlines.
    const waiting = state.sessions
      .filter((s) => s.blockedOn !== undefined)
      .sort((a, b) => a.blockedOn!.seq - b.blockedOn!.seq);
    for (const s of waiting) {
      const { argv, deadlineMs } = s.blockedOn!;
      this.engine.blocking.deadlineOverride = deadlineMs;
      try {
        this.engine.execute(this.session(s.client), argv);
      } finally {
        this.engine.blocking.deadlineOverride = undefined;
      }
      this.blockedArgv.set(s.client, argv);
    }
    this.engine.commandsProcessed = state.engine.commandsProcessed;
  }
}

/** CONFIG, or an EXEC whose transaction may hold a CONFIG SET. */
function mayConfigure(argv: readonly string[]): boolean {
  const first = argv[0] ?? '';
  // Asked after every command a host sees: lowercase only names of the right length.
  if (first.length !== 6 && first.length !== 4) return false;
  const name = first.toLowerCase();
  return name === 'config' || name === 'exec';
}

function errorReply(message: string): Reply {
  return { kind: 'error', message };
}
