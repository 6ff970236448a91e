import { BLOCKED, Blocking } from './blocking.ts';
import { Bit, dispatchOf, resolveCommand, type Dispatch } from './commands/dispatch.ts';
import type { PersistenceHost } from './commands/persistence.ts';
import { discardTransaction } from './commands/transaction.ts';
import type { ReplicationHost } from './commands/replication.ts';
import type { CommandContext, CommandSpec } from './commands/types.ts';
import type { Clock, Rng } from './clock.ts';
import {
  Err,
  execAbortBecause,
  notAllowedWhileSubscribed,
  unknownCommand,
  unknownSubcommand,
  wrongArity,
} from './errors.ts';
import { defaultConfig, type EngineConfig } from './config.ts';
import { KeyspaceTracker } from './keyspace/access.ts';
import { Database } from './keyspace/database.ts';
import { QUEUED, error, type Reply } from './reply.ts';
import { PubSub } from './pubsub-registry.ts';
import { Notify } from './notify/flags.ts';
import { KeyspaceNotifier } from './notify/notifier.ts';
import { Propagator } from './propagation/propagator.ts';
import { replicationRefusal, type MasterLinkHost, type ReplicaOf } from './replica/replica-of.ts';
import { TOUCHES_ARBITRARY_KEYS } from './propagation/rewrites.ts';
import { Target, type PropagationListener } from './propagation/types.ts';
import { Evictor } from './server/evict.ts';
import {
  ExpireCycle,
  type ExpireCycleOptions,
  type ExpireCycleResult,
} from './server/expire-cycle.ts';
import { BASE_USED_MEMORY, type InfoProvider } from './server/info.ts';
import { Slowlog } from './server/slowlog.ts';
import { ServerStats } from './server/stats.ts';
import { WatchRegistry, type WatchedKey } from './watch-registry.ts';

export interface EngineOptions {
  clock: Clock;
  /** Randomness for RANDOMKEY, SPOP, eviction sampling...; seeded in the simulation. */
  rng: Rng;
  /** Number of logical databases (Redis's `databases`, 16). */
  databases?: number;
}

/**
 * The host's say on how long a command took, in microseconds. It gets what the engine
 * measured on its clock (plus any time the command declared, e.g. DEBUG SLEEP) and returns
 * the service time to record in SLOWLOG, INFO and Engine.lastServiceMicros. The simulator
 * passes its cost model here; by default the measured figure stands.
 */
export type ServiceTimeHook = (ctx: CommandContext, reply: Reply, measuredMicros: number) => number;

/** Where a connection comes from, as CLIENT LIST shows it; the host fills it in. */
export interface SessionAddress {
  /** Peer `ip:port`. */
  addr?: string;
  /** Local `ip:port` the client connected to. */
  laddr?: string;
  /** The socket's file descriptor, or a stand-in number. */
  fd?: number;
}

/** A command queued between MULTI and EXEC. */
export interface QueuedCommand {
  readonly spec: CommandSpec;
  readonly argv: readonly string[];
}

/** One client connection's state: selected database, protocol, name, MULTI, subscriptions. */
export class Session {
  db = 0;
  protocol: 2 | 3 = 2;
  name = '';
  /**
   * Where replies that are not the answer to the command just executed go: pub/sub
   * messages, and the reply of a blocked command once it is served. The connection
   * (RESP server, simulated client, console) sets it.
   */
  deliver: ((reply: Reply) => void) | undefined;
  /** True while EXEC runs this session's queued commands: blocking commands must not block. */
  inExec = false;

  /** The MULTI queue; undefined outside a transaction (Redis's CLIENT_MULTI flag). */
  multi: QueuedCommand[] | undefined;
  /** A command was rejected while queueing: EXEC answers EXECABORT (CLIENT_DIRTY_EXEC). */
  multiFailed = false;
  /** A watched key changed: EXEC answers a null array (CLIENT_DIRTY_CAS). */
  dirtyCas = false;
  readonly watched: WatchedKey[] = [];

  /** Subscriptions in the order they were made (UNSUBSCRIBE without arguments follows it). */
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  readonly shardChannels = new Set<string>();

  addr = '127.0.0.1:0';
  laddr = '127.0.0.1:6379';
  fd = -1;
  createdMs = 0;
  lastInteractionMs = 0;
  /** Full name of the last command looked up (CLIENT LIST's cmd=), 'NULL' before any. */
  lastCommand = 'NULL';
  /** The argv being executed, for CLIENT LIST's qbuf and argv-mem of the caller. */
  currentArgv: readonly string[] = [];
  /** QUIT, CLIENT KILL of oneself, a protocol error: the host closes after the reply. */
  closeAfterReply = false;
  /** CLIENT REPLY: 'skip' is set by CLIENT REPLY SKIP, 'skip-next' covers the next command. */
  replyMode: 'on' | 'off' | 'skip' | 'skip-next' = 'on';
  /**
   * SYNC / PSYNC made this connection a replica (CLIENT_SLAVE): it receives the replication
   * stream and no replies to what it sends.
   */
  replica = false;
  /**
   * This connection carries the master's replication stream (CLIENT_MASTER): its commands
   * are obeyed on a read-only replica and get no replies.
   */
  fromMaster = false;
  /** A replica's REPLCONF listening-port and last REPLCONF ACK offset, for ROLE and INFO. */
  listeningPort = 0;
  ackedOffset = 0;
  ackedAtMs = 0;
  /** How the host closes this connection (CLIENT KILL of another client). */
  kill: (() => void) | undefined;

  constructor(readonly id: number) {}

  /**
   * Whether the reply of the command just executed is sent (CLIENT REPLY OFF / SKIP); the
   * host asks once per command, passing the reply. Pub/sub messages and (un)subscribe
   * confirmations are pushes, which Redis sends whatever the mode (CLIENT_PUSHING).
   */
  consumeReplyPermission(reply?: Reply): boolean {
    if (this.replica) return false;
    const pushing = reply?.kind === 'push';
    switch (this.replyMode) {
      case 'on':
        return true;
      case 'off':
        return pushing;
      case 'skip':
        this.replyMode = 'skip-next';
        return pushing;
      case 'skip-next':
        this.replyMode = 'on';
        return pushing;
    }
  }

  /** Channel and pattern subscriptions: RESP2 connections with any are in subscribed mode. */
  get subscriptionCount(): number {
    return this.channels.size + this.patterns.size + this.shardChannels.size;
  }
}

/**
 * A single-threaded Redis: the keyspace plus the command dispatcher. execute() runs one
 * command to completion and returns its reply; nothing else runs meanwhile, which is the
 * whole point the single-thread lesson makes. Checks every command shares (existence,
 * arity, MULTI queueing, subscribed mode, maxmemory) happen here once, in Redis's
 * processCommand order, never in the handlers.
 */
export class Engine {
  readonly dbs: readonly Database[];
  readonly clock: Clock;
  readonly rng: Rng;
  readonly config: EngineConfig = defaultConfig();
  /** Writes since the last save (Redis's server.dirty); RDB save points read it. */
  dirty = 0;
  /** Commands processed, for INFO stats. */
  commandsProcessed = 0;
  /** Open sessions by id, in connection order (CLIENT LIST's order). */
  readonly sessions = new Map<number, Session>();
  readonly watches: WatchRegistry;
  readonly pubsub = new PubSub();
  /** Sessions blocked by BLPOP and friends, and the keys they wait on. */
  readonly blocking: Blocking = new Blocking(this);
  /** LRU/LFU access tracking and the keyspace counters (hits, misses, expired, evicted). */
  readonly tracker: KeyspaceTracker;
  readonly evictor: Evictor;
  readonly expireCycle: ExpireCycle;
  readonly slowlog = new Slowlog();
  readonly stats: ServerStats;
  /** Lets a host restate INFO sections (persistence, replication...); see server/info.ts. */
  infoProvider: InfoProvider | undefined;
  /** A host able to stream to replicas (the RESP server); SYNC is refused without one. */
  replicationHost: ReplicationHost | undefined;
  /** A host with a disk and a process (SAVE, SHUTDOWN); see commands/persistence.ts. */
  persistenceHost: PersistenceHost | undefined;
  /** The master this server replicates (REPLICAOF host port); undefined on a master. */
  replicaOf: ReplicaOf | undefined;
  /** A host able to connect to a master (the RESP server); see replica/replica-of.ts. */
  masterLink: MasterLinkHost | undefined;
  /**
   * Whether writes may be refused for replication's sake (this is a replica, or
   * min-replicas-to-write is set): otherwise commands skip those checks with one field read.
   */
  writeGuards = false;
  /** Lets a host state each command's service time; see ServiceTimeHook. */
  serviceTime: ServiceTimeHook | undefined;
  /** DEBUG SET-ACTIVE-EXPIRE: when false, activeExpireCycle does nothing. */
  activeExpireEnabled = true;
  /** Service time of the last command executed, in microseconds. */
  lastServiceMicros = 0;
  /**
   * What Redis would send to AOF and replicas, collected only while someone listens
   * (addPropagationListener); undefined otherwise, so commands pay one field check.
   */
  propagator: Propagator | undefined;
  /**
   * Keyspace notifications, present only while notify-keyspace-events names a class
   * (keyspaceEventsChanged), so commands pay one field check otherwise.
   */
  notifier: KeyspaceNotifier | undefined;
  /** Time the running command says it spent beyond what the clock shows (DEBUG SLEEP). */
  private declaredMicros = 0;
  /**
   * Command contexts by call depth (EXEC runs its commands one level down), refilled for
   * each call instead of allocated: a context per command was most of what the engine
   * allocated, and the garbage collector's time with it. A handler that keeps its context
   * past its return (a blocked client) keeps a copy.
   */
  private readonly contexts: MutableContext[] = [];
  private depth = 0;
  private nextSessionId = 1;

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.rng = options.rng;
    const count = options.databases ?? 16;
    this.config.databases = count;
    this.tracker = new KeyspaceTracker(this.config, this.rng);
    this.watches = new WatchRegistry(count, () => this.nowMs());
    this.dbs = Array.from({ length: count }, (_, id) => {
      const db = new Database(id);
      db.tracker = this.tracker;
      db.onModified = (d, key) => this.watches.touchKey(d, key);
      db.onAdded = (d, key) => {
        this.blocking.signal(d, key);
        this.notifier?.added(d.id, key);
      };
      db.onExpired = (d, key) => {
        this.propagator?.deletion(d.id, key, this.config['lazyfree-lazy-expire'] === 'yes');
        this.notifier?.emit(Notify.expired, 'expired', key, d.id);
      };
      return db;
    });
    this.evictor = new Evictor(this);
    this.evictor.onEvicted = (d, key) => {
      this.propagator?.deletion(d.id, key, this.config['lazyfree-lazy-eviction'] === 'yes');
      this.notifier?.emit(Notify.evicted, 'evicted', key, d.id);
    };
    this.expireCycle = new ExpireCycle(this.dbs, this.config, this.clock);
    this.stats = new ServerStats(this.clock.nowMicros());
  }

  /**
   * Listens to what the engine propagates (see propagation/types.ts), to the targets asked
   * for (AOF, replicas or both); returns the function that stops listening.
   */
  addPropagationListener(listener: PropagationListener, targets: number = Target.both): () => void {
    const propagator = (this.propagator ??= new Propagator());
    const unsubscribe = propagator.subscribe(listener, targets);
    return () => {
      unsubscribe();
      if (!propagator.listening && this.propagator === propagator) this.propagator = undefined;
    };
  }

  /** The role or min-replicas-to-write changed: whether replicationRefusal must run. */
  refreshWriteGuards(): void {
    this.writeGuards = this.replicaOf !== undefined || this.config['min-replicas-to-write'] > 0;
  }

  /** CONFIG SET notify-keyspace-events: a notifier exists exactly while some class is on. */
  keyspaceEventsChanged(): void {
    const flags = this.config['notify-keyspace-events'];
    if (flags === 0) this.notifier = undefined;
    else if (this.notifier === undefined) this.notifier = new KeyspaceNotifier(this.pubsub, flags);
    else this.notifier.flags = flags;
    this.tracker.onMiss =
      flags & Notify.keyMiss
        ? (db, key) => {
            const n = this.notifier;
            if (n !== undefined && !n.quietMisses) n.emit(Notify.keyMiss, 'keymiss', key, db);
          }
        : undefined;
  }

  /** A new connection, registered for CLIENT LIST / KILL until closeSession(). */
  createSession(address: SessionAddress = {}): Session {
    const session = new Session(this.nextSessionId++);
    if (address.addr !== undefined) session.addr = address.addr;
    if (address.laddr !== undefined) session.laddr = address.laddr;
    session.fd = address.fd ?? session.id + 7;
    session.createdMs = session.lastInteractionMs = this.nowMs();
    this.sessions.set(session.id, session);
    return session;
  }

  /** The connection is gone: drop its watches, subscriptions and registry entry (freeClient). */
  closeSession(session: Session): void {
    this.watches.unwatchAll(session);
    this.pubsub.dropAll(session);
    session.multi = undefined;
    this.sessions.delete(session.id);
  }

  /**
   * Marks every session watching a key of `emptied` as dirty, as FLUSHDB, FLUSHALL and
   * SWAPDB do (multi.c touchAllWatchedKeysInDb). For SWAPDB pass the other database as
   * `replacedWith`, before swapping, once per direction.
   */
  touchAllWatchedKeysInDb(emptied: Database, replacedWith?: Database): void {
    this.watches.touchAllInDb(emptied, replacedWith);
  }

  nowMs(): number {
    return Math.floor(this.clock.nowMicros() / 1000);
  }

  /**
   * Runs one command; argv[0] is the name as typed, the rest byte strings. Returns its
   * reply, or undefined when the command blocked: the reply comes later through
   * session.deliver (when served, timed out by expireBlockedClients, or never if unblock()).
   */
  execute(session: Session, argv: readonly string[]): Reply | undefined {
    const nowMs = this.nowMs();
    session.lastInteractionMs = nowMs;
    session.currentArgv = argv;
    const name = argv[0];
    if (name === undefined) return this.reject(session, unknownCommand(['']));
    let d: Dispatch | undefined = resolveCommand(name);
    if (d === undefined) {
      session.lastCommand = 'NULL';
      return this.reject(session, unknownCommand(argv));
    }
    let spec = d.spec;
    if (spec.subcommands !== undefined && argv.length >= 2) {
      const full = `${spec.name}|${argv[1]!.toLowerCase()}`;
      const found = spec.subcommands.find((s) => s.name === full);
      if (found === undefined) {
        session.lastCommand = 'NULL';
        return this.reject(session, unknownSubcommand(argv[1]!, name));
      }
      spec = found;
      d = dispatchOf(spec);
    }
    session.lastCommand = spec.name;
    if ((spec.arity > 0 && argv.length !== spec.arity) || argv.length < -spec.arity) {
      return this.reject(session, wrongArity(spec.name), spec);
    }
    const bits = d.bits;
    const inMulti = session.multi !== undefined;
    if (inMulti && bits & Bit.noMulti) {
      return this.reject(session, Err.notAllowedInMulti, spec);
    }
    if (session.protocol === 2 && !(bits & Bit.whileSubscribed) && session.subscriptionCount > 0) {
      return this.reject(session, notAllowedWhileSubscribed(spec.name), spec);
    }
    if (this.config.maxmemory > 0) {
      // processCommand: every command first frees memory; what may grow it is refused when
      // that fails. Queueing inside MULTI counts as growth; EXEC and DISCARD never do.
      this.tracker.nowMs = nowMs;
      const outOfMemory = !this.evictor.perform();
      // Evictions are their own unit, before the command and never wrapped in MULTI.
      this.propagator?.flush(false);
      const growing =
        (bits & Bit.denyoom) !== 0 ||
        (inMulti && !(bits & Bit.execOrDiscard)) ||
        (outOfMemory && spec.name === 'exec' && queuesDenyOom(session));
      if (outOfMemory && growing) return this.reject(session, Err.oom, spec);
    }
    if (this.writeGuards && !session.fromMaster) {
      const refusal = replicationRefusal(this, session, spec);
      if (refusal !== undefined) return this.reject(session, refusal, spec);
    }
    if (session.multi !== undefined && !(bits & Bit.notQueued)) {
      // An already failed transaction keeps no more commands (multi.c queueMultiCommand).
      if (!session.multiFailed && !session.dirtyCas) session.multi.push({ spec, argv });
      return QUEUED;
    }
    const reply = this.run(session, d, argv);
    if (reply === BLOCKED) return undefined;
    // Clients blocked on keys this command created are served once it is over; inside
    // EXEC that means once the whole transaction is over.
    if (!session.inExec) this.blocking.serveReadyKeys();
    return reply;
  }

  /**
   * Runs a command that passed every check: directly, or from EXEC's queue (Redis's call()).
   * A blocking command that has to wait returns the BLOCKED marker (never inside EXEC).
   */
  call(session: Session, spec: CommandSpec, argv: readonly string[]): Reply {
    return this.run(session, dispatchOf(spec), argv);
  }

  private run(session: Session, d: Dispatch, argv: readonly string[]): Reply {
    const spec = d.spec;
    const db = this.dbs[session.db];
    if (db === undefined) throw new Error(`session ${session.id} selected missing db`);
    const start = this.clock.nowMicros();
    const nowMs = Math.floor(start / 1000);
    const tracker = this.tracker;
    const bits = d.bits;
    tracker.nowMs = nowMs;
    tracker.reading = (bits & Bit.readonly) !== 0;
    const depth = this.depth;
    let ctx = this.contexts[depth];
    if (ctx === undefined) {
      this.contexts[depth] = ctx = { engine: this, session, db, argv, nowMs, spec };
    } else {
      ctx.session = session;
      ctx.db = db;
      ctx.argv = argv;
      ctx.nowMs = nowMs;
      ctx.spec = spec;
    }
    this.declaredMicros = 0;
    const p = this.propagator;
    const n = this.notifier;
    this.depth = depth + 1;
    let reply: Reply;
    try {
      reply =
        n !== undefined
          ? this.callNotifying(n, p, ctx)
          : p === undefined
            ? spec.handler(ctx)
            : this.callPropagating(p, ctx);
    } finally {
      this.depth = depth;
    }
    tracker.reading = false;
    // Counted once done, as call() does: INFO does not count itself.
    this.commandsProcessed++;
    let micros = this.clock.nowMicros() - start + this.declaredMicros;
    if (this.serviceTime) micros = this.serviceTime(ctx, reply, micros);
    this.lastServiceMicros = micros;
    this.stats.executed(d.index, spec.name, micros, reply);
    const threshold = this.config['slowlog-log-slower-than'];
    if (threshold >= 0 && micros >= threshold && !(bits & Bit.skipSlowlog)) {
      this.slowlog.record(
        argv,
        micros,
        nowMs,
        session.addr,
        session.name,
        this.config['slowlog-max-len'],
      );
    }
    return reply;
  }

  /** call() with propagation: what the command changed is queued, and sent at the top level. */
  private callPropagating(p: Propagator, ctx: CommandContext): Reply {
    // Deletions made outside any command (a host's lookup) are a unit of their own.
    if (p.depth === 0) p.flush(false);
    const before = this.dirty;
    p.depth++;
    let reply: Reply;
    try {
      reply = ctx.spec.handler(ctx);
    } finally {
      p.depth--;
    }
    p.afterCall(ctx, reply, this.dirty - before);
    if (p.depth === 0) p.flush(!TOUCHES_ARBITRARY_KEYS.has(ctx.spec.name));
    return reply;
  }

  /** call() with keyspace notifications: the command's events once it has run. */
  private callNotifying(n: KeyspaceNotifier, p: Propagator | undefined, ctx: CommandContext) {
    const before = n.beforeCall(ctx, this.dirty);
    let reply: Reply;
    try {
      reply = p === undefined ? ctx.spec.handler(ctx) : this.callPropagating(p, ctx);
    } catch (e) {
      n.afterCall(ctx, error('ERR'), this.dirty, undefined);
      throw e;
    }
    n.afterCall(ctx, reply, this.dirty, before);
    return reply;
  }

  /** When (Unix ms) the next blocked client times out, or undefined if none will. */
  nextBlockingDeadline(): number | undefined {
    return this.blocking.nextDeadline();
  }

  /** Delivers the timeout reply to every blocked session whose deadline has passed. */
  expireBlockedClients(nowMs: number): void {
    this.blocking.expire(nowMs);
  }

  /** Forgets a blocked session without a reply (its connection closed). */
  unblock(session: Session): void {
    this.blocking.unblock(session);
  }

  /** A command states time it spent that the clock does not show (DEBUG SLEEP). */
  declareServiceMicros(micros: number): void {
    this.declaredMicros += micros;
  }

  /** used_memory: the idle server's base plus the keyspace's estimate. */
  usedMemory(): number {
    let used = BASE_USED_MEMORY + this.keyspaceOverhead();
    for (const db of this.dbs) used += db.memoryUsage();
    if (used > this.stats.memoryPeak) this.stats.memoryPeak = used;
    return used;
  }

  /** Hash-table buckets of the keyspace dicts and the expires dict's entries. */
  keyspaceOverhead(): number {
    let bytes = 0;
    for (const db of this.dbs) {
      if (db.keys.size) bytes += 8 * buckets(db.keys.size);
      if (db.expires.size) bytes += 8 * buckets(db.expires.size) + 24 * db.expires.size;
    }
    return bytes;
  }

  /** Evicts keys until used memory is under maxmemory; false when the policy cannot. */
  performEvictions(): boolean {
    this.tracker.nowMs = this.nowMs();
    const ok = this.evictor.perform();
    this.propagator?.flush(false);
    return ok;
  }

  /** expire.c's activeExpireCycle; the host calls the slow kind config.hz times a second. */
  activeExpireCycle(kind: 'slow' | 'fast', options?: ExpireCycleOptions): ExpireCycleResult {
    if (!this.activeExpireEnabled) {
      return { sampled: 0, expired: 0, elapsedMicros: 0, timeLimitHit: false };
    }
    const result = this.expireCycle.run(kind, options);
    this.propagator?.flush(false);
    return result;
  }

  /**
   * A command refused before running; inside MULTI it dooms the transaction. A refused EXEC
   * ends the transaction at once and says why (server.c rejectCommand, execCommandAbort).
   */
  private reject(session: Session, message: string, spec?: CommandSpec): Reply {
    this.stats.rejected(spec?.name, message);
    if (spec?.name === 'exec') {
      discardTransaction(this, session);
      return error(execAbortBecause(message));
    }
    if (session.multi !== undefined) session.multiFailed = true;
    return error(message);
  }
}

/** EXEC counts as growing memory when a queued command does (mstate.cmd_flags). */
function queuesDenyOom(session: Session): boolean {
  return (session.multi ?? []).some((q) => (dispatchOf(q.spec).bits & Bit.denyoom) !== 0);
}

/** A CommandContext the engine refills for each call (see Engine.contexts). */
type MutableContext = { -readonly [K in keyof CommandContext]: CommandContext[K] };

/** Dict table size for n entries: the next power of two, at least 4. */
function buckets(n: number): number {
  let size = 4;
  while (size < n) size *= 2;
  return size;
}
