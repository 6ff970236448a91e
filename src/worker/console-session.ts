import {
  Engine,
  SeededRng,
  bytesToUtf8,
  cliPrintsRaw,
  describeKeyspace,
  dumpKeyspace,
  formatReply,
  formatReplyRaw,
  restoreKeyspace,
  splitArgs,
  utf8ToBytes,
  type Clock,
  type DescribeLimits,
  type KeyspaceSnapshot,
  type KeyspaceView,
  type Reply,
  type Session,
} from '../engine/index.ts';
import { oversizedReply } from './console-limits.ts';

/** What one console line produced, ready to print. */
export interface ConsoleOutput {
  /** The text redis-cli would print (may be several lines; empty for a blank line). */
  readonly text: string;
  /** 'error' for an error reply or a line redis-cli refuses to parse. */
  readonly kind: 'reply' | 'error' | 'empty';
  /** True when the command changed the keyspace, so the caller should save it. */
  readonly wrote: boolean;
  /** The selected database after the command, for the prompt (`127.0.0.1:6379[1]>`). */
  readonly db: number;
}

/** Waits on the wall clock; tests hand in their own to drive time by hand. */
export interface ConsoleTimers {
  setTimeout(run: () => void, ms: number): unknown;
}

const globalTimers: ConsoleTimers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
};

/** setTimeout's largest delay (a signed 32-bit count of ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

const SUBSCRIBING = new Set(['subscribe', 'psubscribe', 'ssubscribe']);

/** redis-cli's banner when it enters subscribed mode. */
export const READING_MESSAGES = 'Reading messages... (press Ctrl-C to quit)';
/** Why the console leaves subscribed mode at once. */
export const NO_PUBLISHER =
  '(This console is the only client, and a subscribed client cannot PUBLISH: no message can ' +
  'arrive, so the console unsubscribed and is back at the prompt.)';

/** Why a blocking command with timeout 0 is refused. */
export function blocksForever(command: string): string {
  return (
    `Not run: ${command.toUpperCase()} with timeout 0 would wait forever, since this console ` +
    `is the only client and nothing else can add the data. Give it a timeout in seconds.`
  );
}

/**
 * A redis-cli in front of one engine: it splits the line as redis-cli does, runs it, and
 * prints the reply as redis-cli would. Text crosses in as UTF-8 bytes and comes back decoded.
 *
 * The console is a single client, which shapes three behaviours:
 * - A blocking command (BLPOP q 5) waits on the wall clock like redis-cli does, and prints
 *   the timeout reply with redis-cli's elapsed-time line; the result is then a Promise.
 *   Nobody else can serve it, so it always times out.
 * - With timeout 0 it would wait forever and freeze the console, so the console refuses it
 *   with a one-line explanation. The engine itself stays exact (a second client could serve
 *   it, as the simulation and the RESP server show).
 * - SUBSCRIBE prints redis-cli's "Reading messages..." and the confirmations; since no one
 *   can publish, it explains that and unsubscribes, returning to the prompt.
 * Lines whose reply alone would freeze the page are refused too (console-limits.ts).
 */
export class ConsoleSession {
  private readonly engine: Engine;
  private readonly session: Session;
  /** Replies delivered outside the command's own reply (SUBSCRIBE a b, a served block). */
  private delivered: Reply[] = [];

  constructor(
    private readonly clock: Clock,
    seed: number,
    private readonly timers: ConsoleTimers = globalTimers,
  ) {
    this.engine = new Engine({ clock, rng: new SeededRng(seed) });
    this.session = this.engine.createSession();
    this.session.deliver = (reply) => this.delivered.push(reply);
  }

  run(line: string): ConsoleOutput | Promise<ConsoleOutput> {
    const argv = splitArgs(utf8ToBytes(line));
    if (argv === null) return this.output('Invalid argument(s)', 'error', false);
    if (argv.length === 0) return this.output('', 'empty', false);
    const refused = oversizedReply(this.engine, this.session, argv);
    if (refused !== null) return this.output(refused, 'error', false);

    const name = argv[0]!.toLowerCase();
    const dirtyBefore = this.engine.dirty;
    const startMicros = this.clock.nowMicros();
    this.delivered = [];
    const reply = this.engine.execute(this.session, argv);
    if (reply === undefined) return this.waitForBlocked(argv, dirtyBefore, startMicros);

    const replies = [...this.delivered, reply];
    this.delivered = [];
    if (SUBSCRIBING.has(name) && this.session.multi === undefined) {
      return this.subscribed(argv, replies);
    }
    return this.print(argv, replies, dirtyBefore);
  }

  snapshot(): KeyspaceSnapshot {
    return dumpKeyspace(this.engine);
  }

  /**
   * The selected database as the explorer draws it. First the active expire cycle frees
   * what has expired, as serverCron does ten times a second in Redis: the console has no
   * cron of its own, and the explorer asks often enough while keys have TTLs.
   */
  describe(limits?: DescribeLimits): KeyspaceView {
    if (this.engine.dbs.some((db) => db.expires.size > 0)) this.engine.activeExpireCycle('slow');
    return describeKeyspace(this.engine, this.session.db, limits);
  }

  restore(snapshot: KeyspaceSnapshot): void {
    restoreKeyspace(this.engine, snapshot);
  }

  /**
   * The command blocked. With a deadline, the reply comes when it passes on the wall clock
   * (the engine times clients out once the clock is past the deadline; a timer that fires
   * early just waits again). Without one, the console refuses rather than hang.
   */
  private waitForBlocked(
    argv: readonly string[],
    dirtyBefore: number,
    startMicros: number,
  ): ConsoleOutput | Promise<ConsoleOutput> {
    if (this.engine.nextBlockingDeadline() === undefined) {
      this.engine.unblock(this.session);
      return this.output(blocksForever(argv[0]!), 'error', false);
    }
    return new Promise((resolve) => {
      const check = (): void => {
        this.engine.expireBlockedClients(this.engine.nowMs());
        const due = this.engine.nextBlockingDeadline();
        if (this.delivered.length === 0 && due !== undefined) {
          // Browsers fire a longer timer at once; waiting in steps keeps a long timeout exact.
          const wait = Math.min(Math.max(0, due - this.engine.nowMs()), MAX_TIMER_MS);
          this.timers.setTimeout(check, wait);
          return;
        }
        const replies = this.delivered;
        this.delivered = [];
        const out = this.print(argv, replies, dirtyBefore);
        const elapsedMs = (this.clock.nowMicros() - startMicros) / 1000;
        // redis-cli prints how long a command took once it is half a second or more.
        const timing = elapsedMs >= 500 ? `\n(${(elapsedMs / 1000).toFixed(2)}s)` : '';
        resolve({ ...out, text: out.text + timing });
      };
      check();
    });
  }

  /** redis-cli's subscribed mode, entered and left at once (see the class comment). */
  private subscribed(argv: readonly string[], replies: Reply[]): ConsoleOutput {
    const out = this.print(argv, replies, this.engine.dirty);
    const text = `${READING_MESSAGES}\n${out.text}`;
    // An error (wrong arity) ends redis-cli's subscribed mode at once, with nothing to add.
    if (this.session.subscriptionCount === 0) return { ...out, text };
    for (const leave of ['UNSUBSCRIBE', 'PUNSUBSCRIBE', 'SUNSUBSCRIBE']) {
      this.engine.execute(this.session, [leave]);
    }
    this.delivered = [];
    return { ...out, text: `${text}\n${NO_PUBLISHER}` };
  }

  private print(argv: readonly string[], replies: readonly Reply[], dirtyBefore: number) {
    const raw = cliPrintsRaw(argv);
    const protocol = this.session.protocol;
    const text = replies
      .map((r) => (raw ? formatReplyRaw(r, protocol) : formatReply(r, protocol)))
      .join('\n');
    const failed = replies.length > 0 && replies[replies.length - 1]!.kind === 'error';
    return this.output(
      bytesToUtf8(text),
      failed ? 'error' : 'reply',
      this.engine.dirty !== dirtyBefore,
    );
  }

  private output(text: string, kind: ConsoleOutput['kind'], wrote: boolean): ConsoleOutput {
    return { text, kind, wrote, db: this.session.db };
  }
}
