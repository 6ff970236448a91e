import { mallocSize } from '../../engine/memory/alloc.ts';

/**
 * The replication backlog (repl-backlog-size, 1 MB by default): the tail of the command
 * stream, so a replica that lost its link can continue from its offset (PSYNC) instead of
 * taking the whole dataset again. Redis 7.0 keeps the stream in blocks (16 KB asked of
 * jemalloc, so 20,480 usable less a 40-byte header) and frees the oldest block only while
 * what stays still exceeds the size: the backlog holds between the size and the size plus
 * one block. The blocks are laid from the offset the backlog was created at, so the first
 * byte kept is that offset plus a whole number of blocks. (Redis sizes a block to a
 * command longer than 16 KB; here every block has the common size.)
 *
 * The commands themselves are kept (argv arrays shared with the stream, never copied) with
 * their end offsets; those wholly before the first byte kept are dropped.
 */

/** Bytes of stream one backlog block holds. */
export const BLOCK_BYTES = mallocSize(16 * 1024 + 40) - 40;

export type Argv = readonly string[];

export interface BacklogState {
  readonly start: number;
  readonly argvs: readonly Argv[];
  readonly ends: readonly number[];
}

export class Backlog {
  private argvs: Argv[] = [];
  private ends: number[] = [];
  private head = 0;
  /** The offset before the oldest byte kept (a block boundary). */
  private start: number;

  constructor(offset: number) {
    this.start = offset;
  }

  /** Appends a command that ends at stream offset `end`; trims to `size` as 7.0 does. */
  push(argv: Argv, end: number, size: number): void {
    this.argvs.push(argv);
    this.ends.push(end);
    if (end - this.start - BLOCK_BYTES > size) this.trim(end, size);
  }

  private trim(end: number, size: number): void {
    const blocks = Math.floor((end - this.start - size - 1) / BLOCK_BYTES);
    this.start += blocks * BLOCK_BYTES;
    const ends = this.ends;
    let h = this.head;
    while (h < ends.length && ends[h]! <= this.start) h++;
    this.head = h;
    if (h > 4096 && h * 2 > ends.length) {
      this.argvs = this.argvs.slice(h);
      this.ends = ends.slice(h);
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

  /** The commands after offset `from` (a command boundary), and their sizes. */
  since(from: number): { argvs: Argv[]; sizes: number[] } {
    const ends = this.ends;
    let lo = this.head;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! > from) hi = mid;
      else lo = mid + 1;
    }
    const argvs = this.argvs.slice(lo);
    const sizes: number[] = [];
    let prev = from;
    for (let i = lo; i < ends.length; i++) {
      sizes.push(ends[i]! - prev);
      prev = ends[i]!;
    }
    return { argvs, sizes };
  }

  snapshot(): BacklogState {
    return {
      start: this.start,
      argvs: this.argvs.slice(this.head),
      ends: this.ends.slice(this.head),
    };
  }

  static restore(s: BacklogState): Backlog {
    const b = new Backlog(s.start);
    b.argvs = [...s.argvs];
    b.ends = [...s.ends];
    return b;
  }
}
