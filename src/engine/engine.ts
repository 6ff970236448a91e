import { BLOCKED, Blocking } from './blocking.ts';
import { lookupCommand } from './commands/table.ts';
import type { CommandContext, CommandSpec } from './commands/types.ts';
import type { Clock, Rng } from './clock.ts';
import { Err, unknownCommand, wrongArity } from './errors.ts';
import { defaultConfig, type EngineConfig } from './config.ts';
import { KeyspaceTracker } from './keyspace/access.ts';
import { Database } from './keyspace/database.ts';
import { error, type Reply } from './reply.ts';
import { Evictor } from './server/evict.ts';
import {
  ExpireCycle,
  type ExpireCycleOptions,
  type ExpireCycleResult,
} from './server/expire-cycle.ts';
import { BASE_USED_MEMORY, type InfoProvider } from './server/info.ts';
import { Slowlog } from './server/slowlog.ts';
import { ServerStats } from './server/stats.ts';

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

/** One client connection's state: selected database, protocol, name. */
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
  constructor(readonly id: number) {}
}

/**
 * A single-threaded Redis: the keyspace plus the command dispatcher. execute() runs one
 * command to completion and returns its reply; nothing else runs meanwhile, which is the
 * whole point the single-thread lesson makes. Checks every command shares (existence,
 * arity, maxmemory) happen here once, as in Redis's processCommand, never in the handlers.
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
  /** Lets a host state each command's service time; see ServiceTimeHook. */
  serviceTime: ServiceTimeHook | undefined;
  /** DEBUG SET-ACTIVE-EXPIRE: when false, activeExpireCycle does nothing. */
  activeExpireEnabled = true;
  /** Service time of the last command executed, in microseconds. */
  lastServiceMicros = 0;
  /** Time the running command says it spent beyond what the clock shows (DEBUG SLEEP). */
  private declaredMicros = 0;
  private nextSessionId = 1;

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.rng = options.rng;
    const count = options.databases ?? 16;
    this.config.databases = count;
    this.tracker = new KeyspaceTracker(this.config, this.rng);
    this.dbs = Array.from({ length: count }, (_, id) => {
      const db = new Database(id);
      db.tracker = this.tracker;
      db.onAdded = (d, key) => this.blocking.signal(d, key);
      return db;
    });
    this.evictor = new Evictor(this);
    this.expireCycle = new ExpireCycle(this.dbs, this.config, this.clock);
    this.stats = new ServerStats(this.clock.nowMicros());
  }

  createSession(): Session {
    return new Session(this.nextSessionId++);
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
    const name = argv[0];
    if (name === undefined) return this.reject(undefined, unknownCommand(['']));
    const spec = lookupCommand(name);
    if (spec === undefined) return this.reject(undefined, unknownCommand(argv));
    if ((spec.arity > 0 && argv.length !== spec.arity) || argv.length < -spec.arity) {
      return this.reject(spec, wrongArity(spec.name));
    }
    const db = this.dbs[session.db];
    if (db === undefined) throw new Error(`session ${session.id} selected missing db`);
    const start = this.clock.nowMicros();
    const nowMs = Math.floor(start / 1000);
    const tracker = this.tracker;
    tracker.nowMs = nowMs;
    // processCommand: free memory first; refuse commands that may grow it when we cannot.
    if (this.config.maxmemory > 0 && !this.evictor.perform() && spec.flags.includes('denyoom')) {
      return this.reject(spec, Err.oom);
    }
    tracker.reading = spec.flags.includes('readonly');
    const ctx: CommandContext = { engine: this, session, db, argv, nowMs, spec };
    this.declaredMicros = 0;
    const reply = spec.handler(ctx);
    tracker.reading = false;
    // Counted once done, as call() does: INFO does not count itself.
    this.commandsProcessed++;
    let micros = this.clock.nowMicros() - start + this.declaredMicros;
    if (this.serviceTime) micros = this.serviceTime(ctx, reply, micros);
    this.lastServiceMicros = micros;
    this.stats.executed(spec.name, micros, reply);
    const threshold = this.config['slowlog-log-slower-than'];
    if (threshold >= 0 && micros >= threshold && !spec.flags.includes('skip_slowlog')) {
      this.slowlog.record(
        argv,
        micros,
        nowMs,
        clientAddr(session),
        session.name,
        this.config['slowlog-max-len'],
      );
    }
    if (reply === BLOCKED) return undefined;
    // Clients blocked on keys this command created are served once it is over; inside
    // EXEC that means once the whole transaction is over.
    if (!session.inExec) this.blocking.serveReadyKeys();
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
    return this.evictor.perform();
  }

  /** expire.c's activeExpireCycle; the host calls the slow kind config.hz times a second. */
  activeExpireCycle(kind: 'slow' | 'fast', options?: ExpireCycleOptions): ExpireCycleResult {
    if (!this.activeExpireEnabled) {
      return { sampled: 0, expired: 0, elapsedMicros: 0, timeLimitHit: false };
    }
    return this.expireCycle.run(kind, options);
  }

  private reject(spec: CommandSpec | undefined, message: string): Reply {
    this.stats.rejected(spec?.name, message);
    return error(message);
  }
}

/** Dict table size for n entries: the next power of two, at least 4. */
function buckets(n: number): number {
  let size = 4;
  while (size < n) size *= 2;
  return size;
}

/** "ip:port" of a session, when its connection says; a loopback address otherwise. */
function clientAddr(session: Session): string {
  const addr = (session as Session & { addr?: unknown }).addr;
  return typeof addr === 'string' ? addr : `127.0.0.1:${40000 + session.id}`;
}
