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

/**
 * A write in the log: created once when it runs, stamped when acknowledged. Its AckedWrite
 * (the report's form, with the joined value) is built only for writes a report or a
 * checkpoint needs, since nearly every write is pruned unreported.
 */
interface Entry {
  readonly seq: number;
  readonly req: number;
  readonly client: string;
  readonly argv: readonly string[];
  readonly ran: Micros;
  acked: Micros;
}

/** The report's form of a write: cmd lower-cased, key, the rest joined (≤ 64 chars). */
function toAcked(w: Entry | AckedWrite): AckedWrite {
  if (!('argv' in w)) return w;
  const rest = w.argv.slice(2).join(' ');
  return {
    seq: w.seq,
    req: w.req,
    client: w.client,
    cmd: (w.argv[0] ?? '').toLowerCase(),
    key: w.argv[1] ?? '',
    value: rest.length > 64 ? rest.slice(0, 64) : rest,
    ran: w.ran,
    acked: w.acked,
  };
}

export class AckLog {
  /** Ran, not yet acknowledged, from `uHead` on (a queue without per-ack splicing). */
  private unacked: Entry[] = [];
  private uHead = 0;
  /** Acknowledged (restored ones are already in report form), from `head` on. */
  private acked: (Entry | AckedWrite)[] = [];
  private head = 0;
  ackedSinceRestart = 0;

  ran(seq: number, argv: readonly string[], client: string, req: number, ran: Micros): void {
    this.unacked.push({ seq, req, client, argv, ran, acked: ran });
  }

  /** Replies leave in execution order, so the write is at the front (errors are skipped). */
  acknowledge(seq: number, at: Micros): void {
    const u = this.unacked;
    let i = this.uHead;
    while (i < u.length && u[i]!.seq < seq) i++;
    const w = u[i];
    const found = w?.seq === seq;
    this.uHead = found ? i + 1 : i;
    if (this.uHead === u.length) {
      u.length = 0;
      this.uHead = 0;
    } else if (this.uHead > 1024 && this.uHead * 2 > u.length) {
      this.unacked = u.slice(this.uHead);
      this.uHead = 0;
    }
    if (!found) return;
    w.acked = at;
    this.acked.push(w);
    this.ackedSinceRestart++;
  }

  /** Forgets acknowledged writes up to `seq`: they survive any crash from now on. */
  prune(seq: number): void {
    const a = this.acked;
    while (this.head < a.length && a[this.head]!.seq <= seq) this.head++;
    if (this.head === a.length) {
      a.length = 0;
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > a.length) {
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
    this.uHead = 0;
  }

  /** After a reload that restored up to `seq`: takes the acknowledged writes above it. */
  takeLost(seq: number): AckedWrite[] {
    const kept: (Entry | AckedWrite)[] = [];
    const lost: AckedWrite[] = [];
    for (let i = this.head; i < this.acked.length; i++) {
      const w = this.acked[i]!;
      if (w.seq > seq) lost.push(toAcked(w));
      else kept.push(w);
    }
    this.acked = kept;
    this.head = 0;
    return lost;
  }

  snapshot(): AckLogState {
    return {
      unacked: this.unacked
        .slice(this.uHead)
        .map((u) => ({ seq: u.seq, req: u.req, client: u.client, argv: [...u.argv], ran: u.ran })),
      acked: this.acked.slice(this.head).map(toAcked),
      ackedSinceRestart: this.ackedSinceRestart,
    };
  }

  restore(state: AckLogState): void {
    this.unacked = state.unacked.map((u) => ({ ...u, acked: u.ran }));
    this.uHead = 0;
    this.acked = [...state.acked];
    this.head = 0;
    this.ackedSinceRestart = state.ackedSinceRestart;
  }
}
