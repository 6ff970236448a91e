import { lookupCommand } from './commands/table.ts';
import { discardTransaction } from './commands/transaction.ts';
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
import { Database } from './keyspace/database.ts';
import { QUEUED, error, type Reply } from './reply.ts';
import { PubSub } from './pubsub-registry.ts';
import { WatchRegistry, type WatchedKey } from './watch-registry.ts';

export interface EngineOptions {
  clock: Clock;
  /** Randomness for RANDOMKEY, SPOP, eviction sampling...; seeded in the simulation. */
  rng: Rng;
  /** Number of logical databases (Redis's `databases`, 16). */
  databases?: number;
}

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
  /** How the host closes this connection (CLIENT KILL of another client). */
  kill: (() => void) | undefined;

  constructor(readonly id: number) {}

  /**
   * Whether the reply of the command just executed is sent (CLIENT REPLY OFF / SKIP); the
   * host asks once per command. Pub/sub messages are always sent.
   */
  consumeReplyPermission(): boolean {
    switch (this.replyMode) {
      case 'on':
        return true;
      case 'off':
        return false;
      case 'skip':
        this.replyMode = 'skip-next';
        return false;
      case 'skip-next':
        this.replyMode = 'on';
        return false;
    }
  }

  /** Channel and pattern subscriptions: RESP2 connections with any are in subscribed mode. */
  get subscriptionCount(): number {
    return this.channels.size + this.patterns.size + this.shardChannels.size;
  }
}

/** Commands a RESP2 connection may run while subscribed (server.c processCommand). */
const ALLOWED_WHILE_SUBSCRIBED = new Set([
  'ping',
  'subscribe',
  'ssubscribe',
  'unsubscribe',
  'sunsubscribe',
  'psubscribe',
  'punsubscribe',
  'quit',
  'reset',
]);

/** Commands MULTI runs at once instead of queueing them. */
const NOT_QUEUED = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

/**
 * A single-threaded Redis: the keyspace plus the command dispatcher. execute() runs one
 * command to completion and returns its reply; nothing else runs meanwhile, which is the
 * whole point the single-thread lesson makes. Checks every command shares (existence,
 * arity, MULTI queueing, subscribed mode) happen here once, in Redis's processCommand
 * order, never in the handlers.
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
  private nextSessionId = 1;

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.rng = options.rng;
    const count = options.databases ?? 16;
    this.dbs = Array.from({ length: count }, (_, id) => new Database(id));
    this.watches = new WatchRegistry(count, () => this.nowMs());
    for (const db of this.dbs) {
      db.onModified = (d, key) => this.watches.touchKey(d, key);
    }
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

  /** Runs one command; argv[0] is the name as typed, the rest byte strings. */
  execute(session: Session, argv: readonly string[]): Reply {
    const nowMs = this.nowMs();
    session.lastInteractionMs = nowMs;
    session.currentArgv = argv;
    const name = argv[0];
    if (name === undefined) return this.reject(session, unknownCommand(['']));
    let spec = lookupCommand(name);
    if (spec === undefined) {
      session.lastCommand = 'NULL';
      return this.reject(session, unknownCommand(argv));
    }
    if (spec.subcommands !== undefined && argv.length >= 2) {
      const sub = argv[1]!.toLowerCase();
      const found = spec.subcommands.find((s) => s.name === `${spec!.name}|${sub}`);
      if (found === undefined) {
        session.lastCommand = 'NULL';
        return this.reject(session, unknownSubcommand(argv[1]!, name));
      }
      spec = found;
    }
    session.lastCommand = spec.name;
    if ((spec.arity > 0 && argv.length !== spec.arity) || argv.length < -spec.arity) {
      return this.reject(session, wrongArity(spec.name), spec);
    }
    if (session.multi !== undefined && spec.flags.includes('no_multi')) {
      return this.reject(session, Err.notAllowedInMulti, spec);
    }
    if (
      session.protocol === 2 &&
      session.subscriptionCount > 0 &&
      !ALLOWED_WHILE_SUBSCRIBED.has(spec.name)
    ) {
      return this.reject(session, notAllowedWhileSubscribed(spec.name), spec);
    }
    if (session.multi !== undefined && !NOT_QUEUED.has(spec.name)) {
      // An already failed transaction keeps no more commands (multi.c queueMultiCommand).
      if (!session.multiFailed && !session.dirtyCas) session.multi.push({ spec, argv });
      return QUEUED;
    }
    return this.call(session, spec, argv, nowMs);
  }

  /** Runs a command that passed every check: directly, or from EXEC's queue (Redis's call()). */
  call(session: Session, spec: CommandSpec, argv: readonly string[], nowMs = this.nowMs()): Reply {
    const db = this.dbs[session.db];
    if (db === undefined) throw new Error(`session ${session.id} selected missing db`);
    this.commandsProcessed++;
    const ctx: CommandContext = { engine: this, session, db, argv, nowMs, spec };
    return spec.handler(ctx);
  }

  /**
   * A command refused before running; inside MULTI it dooms the transaction. A refused EXEC
   * ends the transaction at once and says why (server.c rejectCommand, execCommandAbort).
   */
  private reject(session: Session, message: string, spec?: CommandSpec): Reply {
    if (spec?.name === 'exec') {
      discardTransaction(this, session);
      return error(execAbortBecause(message));
    }
    if (session.multi !== undefined) session.multiFailed = true;
    return error(message);
  }
}
