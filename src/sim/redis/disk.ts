/**
 * The machine's disk and page cache, as the persistence model sees them. Figures are the
 * reference machine's (redis-facts §5): with one synchronous writer, appendfsync always
 * sustained ~3,400 writes/s against ~8,800 with everysec, i.e. ~180 µs more per write:
 * that is the fsync of a small append. The kernel's writeback follows Linux's defaults
 * (dirty_writeback_centisecs 500, dirty_expire_centisecs 3000).
 */
export interface DiskProfile {
  /** fsync of a small append, µs (the device's flush-cache latency). */
  readonly fsyncMicros: number;
  /** Sequential write rate of a child writing an RDB or a rewritten AOF, bytes/s. */
  readonly writeBytesPerSecond: number;
  /** Loading an RDB (or an AOF's RDB preamble) at start-up, bytes/s. */
  readonly rdbLoadBytesPerSecond: number;
  /** Replaying AOF commands at start-up, bytes/s (slower: each command runs). */
  readonly aofLoadBytesPerSecond: number;
  /** The main thread's write() of the AOF buffer into the page cache, µs a turn. */
  readonly writeSyscallMicros: number;
  /** fork(): copying the page tables, µs per GiB of dataset (~10 ms/GiB on bare metal). */
  readonly forkMicrosPerGiB: number;
  /** fork()'s fixed cost, µs. */
  readonly forkBaseMicros: number;
  /** A process start before loading begins, µs. */
  readonly startMicros: number;
  /** The kernel flusher wakes this often... */
  readonly writebackIntervalMicros: number;
  /** ...and writes back pages dirty for longer than this. */
  readonly dirtyExpireMicros: number;
}

export const REFERENCE_DISK: DiskProfile = {
  fsyncMicros: 180,
  writeBytesPerSecond: 200 * 1024 * 1024,
  rdbLoadBytesPerSecond: 250 * 1024 * 1024,
  aofLoadBytesPerSecond: 60 * 1024 * 1024,
  writeSyscallMicros: 4,
  forkMicrosPerGiB: 10_000,
  forkBaseMicros: 100,
  startMicros: 20_000,
  writebackIntervalMicros: 5_000_000,
  dirtyExpireMicros: 30_000_000,
};

export const PAGE_BYTES = 4096;
const GIB = 1024 * 1024 * 1024;

/** How long fork() blocks the parent for a dataset of `bytes`. */
export function forkMicros(disk: DiskProfile, bytes: number): number {
  return Math.round(disk.forkBaseMicros + (disk.forkMicrosPerGiB * bytes) / GIB);
}

/** How long writing `bytes` sequentially takes, µs (rounded up: nothing is free). */
export function writeMicros(disk: DiskProfile, bytes: number): number {
  return Math.ceil((bytes * 1_000_000) / disk.writeBytesPerSecond);
}

/** An fsync that flushes `dirtyBytes` of page cache. */
export function fsyncMicros(disk: DiskProfile, dirtyBytes: number): number {
  return disk.fsyncMicros + writeMicros(disk, dirtyBytes);
}
