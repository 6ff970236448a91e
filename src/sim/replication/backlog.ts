/**
 * The replication backlog (repl-backlog-size, 1 MB by default): the tail of the command
 * stream, so a replica that lost its link can continue from its offset (PSYNC) instead of
 * taking the whole dataset again. It keeps the commands themselves with their end offsets and
 * drops the oldest once the bytes kept exceed the size, as Redis's circular buffer does.
 */

/** One command of the stream: db, its RESP size in bytes, then argv. */
export type StreamCommand = readonly [number, number, ...string[]];

export interface BacklogState {
  readonly start: number;
  readonly bytes: number;
  readonly cmds: readonly StreamCommand[];
  readonly ends: readonly number[];
}

export class Backlog {
  private cmds: StreamCommand[] = [];
  private ends: number[] = [];
  private head = 0;
  /** The offset before the oldest byte kept. */
  private start: number;
  private bytes = 0;

  constructor(offset: number) {
    this.start = offset;
  }

  push(cmd: StreamCommand, end: number, size: number): void {
    this.cmds.push(cmd);
    this.ends.push(end);
    this.bytes += cmd[1];
    while (this.bytes > size && this.head < this.cmds.length - 1) {
      const c = this.cmds[this.head]!;
      this.bytes -= c[1];
      this.start = this.ends[this.head]!;
      this.head++;
    }
    if (this.head > 4096 && this.head * 2 > this.cmds.length) {
      this.cmds = this.cmds.slice(this.head);
      this.ends = this.ends.slice(this.head);
      this.head = 0;
    }
  }

  /** Bytes kept (repl_backlog_histlen). */
  histlen(offset: number): number {
    return offset - this.start;
  }

  /** True when `wanted` (the next byte a replica needs) is still held or is the next one. */
  covers(wanted: number, offset: number): boolean {
    return wanted - 1 >= this.start && wanted - 1 <= offset;
  }

  /** The commands after offset `from`. */
  since(from: number): StreamCommand[] {
    const out: StreamCommand[] = [];
    for (let i = this.head; i < this.cmds.length; i++) {
      if (this.ends[i]! > from) out.push(this.cmds[i]!);
    }
    return out;
  }

  snapshot(): BacklogState {
    return {
      start: this.start,
      bytes: this.bytes,
      cmds: this.cmds.slice(this.head),
      ends: this.ends.slice(this.head),
    };
  }

  static restore(s: BacklogState): Backlog {
    const b = new Backlog(s.start);
    b.cmds = [...s.cmds];
    b.ends = [...s.ends];
    b.bytes = s.bytes;
    return b;
  }
}
