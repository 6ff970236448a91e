import type { Reply, Session } from '../../engine/index.ts';
import type { Micros } from '../core/clock.ts';
import type { Message } from './context.ts';

/**
 * What a part living inside a Redis process (persistence today) adds around the node's
 * executor. The node calls it at fixed points of a command's life, so the part needs no
 * event of its own per request (the hot path stays one event a command).
 */
export interface NodeHost {
  /**
   * A reply in place of the engine's (LOADING while loading; BGSAVE, SAVE, LASTSAVE,
   * BGREWRITEAOF), with the extra main-thread µs it costs (a fork, a synchronous save).
   * Undefined lets the engine run the command.
   */
  intercept(session: Session, argv: readonly string[]): HostedReply | undefined;
  /** The command changed the dataset (dirty rose) at `at`; returns the write's sequence number. */
  wrote(argv: readonly string[], db: number, client: string, req: number, at: Micros): number;
  /** A CONFIG command ran on the engine: parameters the host follows may have changed. */
  configChanged(): void;
  /**
   * The event-loop turn ends at `at` (no request waits): beforeSleep's AOF work. Returns
   * the main-thread µs it takes (write(), and the fsync under appendfsync always).
   */
  endTurn(at: Micros): number;
  /** True while replies must wait for the end of their turn (appendfsync always). */
  readonly holdsReplies: boolean;
  /** A write's reply left the node at `at`: from now on it is acknowledged. */
  acknowledged(seq: number, at: Micros): void;
  /** A message that is not a request (another process's replication stream), while up. */
  receive?(message: Message): void;
  /**
   * Optional: what the host answers for an operator's console line (run outside the queue),
   * before the engine sees it; undefined lets the engine answer. Cluster nodes route here
   * (MOVED, CLUSTER ...); hosts without it leave the console as it was.
   */
  console?(session: Session, argv: readonly string[]): Reply | undefined;
}

export interface HostedReply {
  /** Undefined blocks the command (WAIT): the reply comes later through session.deliver. */
  readonly reply: Reply | undefined;
  readonly micros: number;
}

/** A reply held until its turn's fsync; `seq` is its write's number (0: not a write). */
export interface HeldReply {
  readonly client: string;
  readonly req: number;
  readonly reply: Reply;
  readonly seq: number;
  /** When it leaves; set when the turn ends. */
  departs: number;
  /** An operator's console reply: shown at once, only its acknowledgement waits. */
  readonly local?: boolean;
}

/**
 * Two hosts in one process (persistence and replication): each sees every command, in the
 * order they attached. The first that answers a command answers it; a write's sequence
 * number is the first non-zero one (only persistence numbers writes); turn-end work adds up.
 */
export class HostChain implements NodeHost {
  constructor(
    private readonly first: NodeHost,
    private readonly second: NodeHost,
  ) {}

  get holdsReplies(): boolean {
    return this.first.holdsReplies || this.second.holdsReplies;
  }

  intercept(session: Session, argv: readonly string[]): HostedReply | undefined {
    return this.first.intercept(session, argv) ?? this.second.intercept(session, argv);
  }

  wrote(argv: readonly string[], db: number, client: string, req: number, at: Micros): number {
    const a = this.first.wrote(argv, db, client, req, at);
    const b = this.second.wrote(argv, db, client, req, at);
    return a !== 0 ? a : b;
  }

  configChanged(): void {
    this.first.configChanged();
    this.second.configChanged();
  }

  endTurn(at: Micros): number {
    return this.first.endTurn(at) + this.second.endTurn(at);
  }

  acknowledged(seq: number, at: Micros): void {
    this.first.acknowledged(seq, at);
    this.second.acknowledged(seq, at);
  }

  receive(message: Message): void {
    this.first.receive?.(message);
    this.second.receive?.(message);
  }
}
