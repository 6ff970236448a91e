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

/** Ring slots a new backlog starts with (a power of two; it doubles as it fills). */
const INITIAL_RING = 64;

export interface BacklogState {
  readonly start: number;
  readonly argvs: readonly Argv[];
  readonly ends: readonly number[];
}

/**
 * The commands kept sit in a ring (a power-of-two array of argvs and a Float64Array of their
 * end offsets) that doubles when full: a master feeds it on every write, and dropping the
 * oldest entries from the front of plain arrays (slicing them now and then) kept
 * reallocating arrays of tens of thousands of entries.
 */
export class Backlog {
  private argvs: (Argv | undefined)[] = new Array<Argv | undefined>(INITIAL_RING).fill(undefined);
  private ends = new Float64Array(INITIAL_RING);
  /** Ring index of the oldest command kept, and how many are kept. */
  private head = 0;
  private count = 0;
  /** The offset before the oldest byte kept (a block boundary). */
  private start: number;

  constructor(offset: number) {
    this.start = offset;
  }

  /** Appends a command that ends at stream offset `end`; trims to `size` as 7.0 does. */
  push(argv: Argv, end: number, size: number): void {
    if (this.count === this.ends.length) this.grow();
    const i = (this.head + this.count) & (this.ends.length - 1);
    this.argvs[i] = argv;
    this.ends[i] = end;
    this.count++;
    if (end - this.start - BLOCK_BYTES > size) this.trim(end, size);
  }

  private trim(end: number, size: number): void {
    const blocks = Math.floor((end - this.start - size - 1) / BLOCK_BYTES);
    this.start += blocks * BLOCK_BYTES;
    const mask = this.ends.length - 1;
    while (this.count > 0 && this.ends[this.head]! <= this.start) {
      this.argvs[this.head] = undefined;
      this.head = (this.head + 1) & mask;
      this.count--;
    }
  }

  private grow(): void {
    const capacity = this.ends.length * 2;
    const argvs = new Array<Argv | undefined>(capacity).fill(undefined);
    const ends = new Float64Array(capacity);
    for (let k = 0; k < this.count; k++) {
      argvs[k] = this.argvAt(k);
      ends[k] = this.endAt(k);
    }
    this.argvs = argvs;
    this.ends = ends;
    this.head = 0;
  }

  /** The k-th command kept, oldest first, and its end offset. */
  private argvAt(k: number): Argv {
    return this.argvs[(this.head + k) & (this.ends.length - 1)]!;
  }

  private endAt(k: number): number {
    return this.ends[(this.head + k) & (this.ends.length - 1)]!;
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
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.endAt(mid) > from) hi = mid;
      else lo = mid + 1;
    }
    const argvs: Argv[] = [];
    const sizes: number[] = [];
    let prev = from;
    for (let k = lo; k < this.count; k++) {
      argvs.push(this.argvAt(k));
      sizes.push(this.endAt(k) - prev);
      prev = this.endAt(k);
    }
    return { argvs, sizes };
  }

  snapshot(): BacklogState {
    const argvs: Argv[] = [];
    const ends: number[] = [];
    for (let k = 0; k < this.count; k++) {
      argvs.push(this.argvAt(k));
      ends.push(this.endAt(k));
    }
    return { start: this.start, argvs, ends };
  }

  static restore(s: BacklogState): Backlog {
    const b = new Backlog(s.start);
    for (let k = 0; k < s.argvs.length; k++) {
      if (b.count === b.ends.length) b.grow();
      b.argvs[k] = s.argvs[k]!;
      b.ends[k] = s.ends[k]!;
      b.count++;
    }
    return b;
  }
}
