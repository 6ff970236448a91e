import { BLOCKED, Blocking } from './blocking.ts';
import { lookupCommand } from './commands/table.ts';
import type { CommandContext } from './commands/types.ts';
import type { Clock, Rng } from './clock.ts';
import { unknownCommand, wrongArity } from './errors.ts';
import { defaultConfig, type EngineConfig } from './config.ts';
import { Database } from './keyspace/database.ts';
import { error, type Reply } from './reply.ts';

export interface EngineOptions {
  clock: Clock;
  /** Randomness for RANDOMKEY, SPOP, eviction sampling...; seeded in the simulation. */
  rng: Rng;
  /** Number of logical databases (Redis's `databases`, 16). */
  databases?: number;
}

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
 * arity) happen here once, as in Redis's processCommand, never in the handlers.
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
  private nextSessionId = 1;

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.rng = options.rng;
    const count = options.databases ?? 16;
    this.dbs = Array.from({ length: count }, (_, id) => new Database(id));
    for (const db of this.dbs) db.onAdded = (d, key) => this.blocking.signal(d, key);
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
    if (name === undefined) return error(unknownCommand(['']));
    const spec = lookupCommand(name);
    if (spec === undefined) return error(unknownCommand(argv));
    if ((spec.arity > 0 && argv.length !== spec.arity) || argv.length < -spec.arity) {
      return error(wrongArity(spec.name));
    }
    const db = this.dbs[session.db];
    if (db === undefined) throw new Error(`session ${session.id} selected missing db`);
    this.commandsProcessed++;
    const ctx: CommandContext = { engine: this, session, db, argv, nowMs: this.nowMs(), spec };
    const reply = spec.handler(ctx);
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
}
