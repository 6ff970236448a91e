import {
  Engine,
  SeededRng,
  bytesToUtf8,
  cliPrintsRaw,
  dumpKeyspace,
  formatReply,
  formatReplyRaw,
  restoreKeyspace,
  splitArgs,
  utf8ToBytes,
  type Clock,
  type KeyspaceSnapshot,
  type Reply,
} from '../engine/index.ts';

const NULL_ARRAY_REPLY: Reply = { kind: 'nullArray' };

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

/**
 * A redis-cli in front of one engine: it splits the line as redis-cli does, runs it, and
 * prints the reply as redis-cli would. Text crosses in as UTF-8 bytes and comes back decoded.
 */
export class ConsoleSession {
  private readonly engine: Engine;
  private readonly session;

  constructor(clock: Clock, seed: number) {
    this.engine = new Engine({ clock, rng: new SeededRng(seed) });
    this.session = this.engine.createSession();
  }

  run(line: string): ConsoleOutput {
    const argv = splitArgs(utf8ToBytes(line));
    if (argv === null) return this.output('Invalid argument(s)', 'error', false);
    if (argv.length === 0) return this.output('', 'empty', false);
    const dirtyBefore = this.engine.dirty;
    let reply = this.engine.execute(this.session, argv);
    if (reply === undefined) {
      // The console has no way yet to print a reply that arrives later: a command that
      // would block gives up at once, as if its timeout had passed.
      this.engine.unblock(this.session);
      reply = NULL_ARRAY_REPLY;
    }
    const text = cliPrintsRaw(argv)
      ? formatReplyRaw(reply, this.session.protocol)
      : formatReply(reply, this.session.protocol);
    return this.output(
      bytesToUtf8(text),
      reply.kind === 'error' ? 'error' : 'reply',
      this.engine.dirty !== dirtyBefore,
    );
  }

  snapshot(): KeyspaceSnapshot {
    return dumpKeyspace(this.engine);
  }

  restore(snapshot: KeyspaceSnapshot): void {
    restoreKeyspace(this.engine, snapshot);
  }

  private output(text: string, kind: ConsoleOutput['kind'], wrote: boolean): ConsoleOutput {
    return { text, kind, wrote, db: this.session.db };
  }
}
