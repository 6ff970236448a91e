import type { Micros } from '../core/clock.ts';

/**
 * Acknowledged writes and what a crash took. Every write gets a sequence number when it
 * runs; Redis persistence always brings back a prefix of that sequence (an RDB is the
 * dataset at its fork, an AOF is cut where the disk or the page cache stopped), so a crash
 * that restores up to seq S loses exactly the acknowledged writes numbered above S.
 */

export interface AckedWrite {
  readonly seq: number;
  readonly req: number;
  readonly client: string;
  readonly cmd: string;
  readonly key: string;
  /** The arguments after the key, joined (at most 64 characters). */
  readonly value: string;
  /** When the command ran, and when its reply left the node (acknowledged). */
  readonly ran: Micros;
  readonly acked: Micros;
}

export type CrashKind = 'kill' | 'power';
export type LoadSource = 'aof' | 'rdb' | 'none';

export interface LossReport {
  readonly node: string;
  readonly crash: CrashKind;
  readonly crashedAt: Micros;
  readonly loadedAt: Micros;
  readonly source: LoadSource;
  /** The last write sequence number the reloaded data contains. */
  readonly survivedSeq: number;
  /** Writes acknowledged since the previous restart (or the start), up to the crash. */
  readonly acknowledged: number;
  readonly lost: number;
  /** Every acknowledged write that did not survive, oldest first. */
  readonly lostWrites: readonly AckedWrite[];
  /** The loss window: from the first lost write's run to the crash (0 when none). */
  readonly windowMicros: number;
}

/** A write that ran but whose reply has not left yet. */
interface Unacked {
  readonly seq: number;
  readonly req: number;
  readonly client: string;
  readonly argv: readonly string[];
  readonly ran: Micros;
}

export interface AckLogState {
  readonly unacked: readonly Unacked[];
  readonly acked: readonly AckedWrite[];
  readonly ackedSinceRestart: number;
}

export class AckLog {
  private unacked: Unacked[] = [];
  private acked: AckedWrite[] = [];
  private head = 0;
  ackedSinceRestart = 0;

  ran(seq: number, argv: readonly string[], client: string, req: number, ran: Micros): void {
    this.unacked.push({ seq, req, client, argv, ran });
  }

  /** Replies leave in execution order, so the write is at the front (errors are skipped). */
  acknowledge(seq: number, at: Micros): void {
    let i = 0;
    while (i < this.unacked.length && this.unacked[i]!.seq < seq) i++;
    const w = this.unacked[i];
    this.unacked.splice(0, w?.seq === seq ? i + 1 : i);
    if (w?.seq !== seq) return;
    const rest = w.argv.slice(2).join(' ');
    this.acked.push({
      seq,
      req: w.req,
      client: w.client,
      cmd: (w.argv[0] ?? '').toLowerCase(),
      key: w.argv[1] ?? '',
      value: rest.length > 64 ? rest.slice(0, 64) : rest,
      ran: w.ran,
      acked: at,
    });
    this.ackedSinceRestart++;
  }

  /** Forgets acknowledged writes up to `seq`: they survive any crash from now on. */
  prune(seq: number): void {
    const a = this.acked;
    while (this.head < a.length && a[this.head]!.seq <= seq) this.head++;
    if (this.head > 4096 && this.head * 2 > a.length) {
      this.acked = a.slice(this.head);
      this.head = 0;
    }
  }

  /** How many acknowledged writes a crash now would still put at risk (kept in the log). */
  get atRisk(): number {
    return this.acked.length - this.head;
  }

  /** The crash: unacknowledged writes are gone (their clients got a reset), not lost. */
  crashed(): void {
    this.unacked = [];
  }

  /** After a reload that restored up to `seq`: takes the acknowledged writes above it. */
  takeLost(seq: number): AckedWrite[] {
    const kept: AckedWrite[] = [];
    const lost: AckedWrite[] = [];
    for (let i = this.head; i < this.acked.length; i++) {
      const w = this.acked[i]!;
      (w.seq > seq ? lost : kept).push(w);
    }
    this.acked = kept;
    this.head = 0;
    return lost;
  }

  snapshot(): AckLogState {
    return {
      unacked: this.unacked.map((u) => ({ ...u, argv: [...u.argv] })),
      acked: this.acked.slice(this.head),
      ackedSinceRestart: this.ackedSinceRestart,
    };
  }

  restore(state: AckLogState): void {
    this.unacked = state.unacked.map((u) => ({ ...u }));
    this.acked = [...state.acked];
    this.head = 0;
    this.ackedSinceRestart = state.ackedSinceRestart;
  }
}
