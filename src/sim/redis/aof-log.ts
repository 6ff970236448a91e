import {
  Engine,
  ManualClock,
  SeededRng,
  dumpKeyspace,
  restoreKeyspace,
  type KeyspaceSnapshot,
  type Rng,
} from '../../engine/index.ts';

/**
 * The append-only file's content and where each part of it lives. Entries move through
 * three places, each a watermark on the write sequence:
 *   buffered: in the process's aof_buf (a SIGKILL loses it);
 *   written:  write() done, in the kernel's page cache (survives SIGKILL, not power loss);
 *   synced:   fsynced or written back by the kernel (survives power loss).
 * Keeping every entry forever would grow without bound, so entries at or below `synced`
 * are folded into a shadow engine: the dataset the durable AOF replays to. Only the
 * entries above it are kept as commands. Multi-part files (base + incr, 7.0) matter only
 * for sizes here: a rewrite changes how the content is stored, not what it replays to.
 */

export interface AofEntry {
  readonly seq: number;
  readonly db: number;
  readonly argv: readonly string[];
  /** Unix µs the command ran at: replay runs it at that time (for relative expiries). */
  readonly at: number;
  readonly bytes: number;
}

/** The highest sequence number written during one 100 ms window, for the kernel flusher. */
interface DirtyChunk {
  seq: number;
  readonly at: number;
}

export interface AofLogState {
  readonly shadow: KeyspaceSnapshot;
  readonly pending: readonly AofEntry[];
  readonly buffered: number;
  readonly written: number;
  readonly synced: number;
  readonly bufferBytes: number;
  readonly unsyncedBytes: number;
  readonly chunks: readonly DirtyChunk[];
  readonly size: number;
  readonly baseSize: number;
}

const CHUNK_MICROS = 100_000;

export class AofLog {
  private readonly shadow: Engine;
  private readonly shadowClock = new ManualClock();
  private pending: AofEntry[] = [];
  private chunks: DirtyChunk[] = [];
  buffered = 0;
  written = 0;
  synced = 0;
  /** Bytes in aof_buf, and bytes written but not yet durable (what an fsync flushes). */
  bufferBytes = 0;
  unsyncedBytes = 0;
  /** The AOF's total size, and its size right after the last rewrite (auto-rewrite base). */
  size = 0;
  baseSize = 0;

  constructor(rng: Rng) {
    this.shadow = new Engine({ clock: this.shadowClock, rng });
  }

  append(entry: AofEntry): void {
    this.pending.push(entry);
    this.buffered = entry.seq;
    this.bufferBytes += entry.bytes;
    this.size += entry.bytes;
  }

  get hasBuffered(): boolean {
    return this.buffered > this.written;
  }

  get hasUnsynced(): boolean {
    return this.written > this.synced;
  }

  /** write(): the buffer goes to the page cache at `at` (virtual µs). */
  write(at: number): void {
    if (!this.hasBuffered) return;
    this.written = this.buffered;
    this.unsyncedBytes += this.bufferBytes;
    this.bufferBytes = 0;
    const last = this.chunks[this.chunks.length - 1];
    const window = Math.floor(at / CHUNK_MICROS) * CHUNK_MICROS;
    if (last !== undefined && last.at === window) last.seq = this.written;
    else this.chunks.push({ seq: this.written, at: window });
  }

  /** The kernel writes back pages dirtied at or before `cutoff`; returns the new durable seq. */
  writeback(cutoff: number): number {
    let seq = 0;
    for (const c of this.chunks) if (c.at <= cutoff) seq = Math.max(seq, c.seq);
    if (seq > this.synced) this.syncTo(seq);
    return seq;
  }

  /** Entries up to `seq` are durable (an fsync that covered them ended). */
  syncTo(seq: number): void {
    if (seq <= this.synced) return;
    this.synced = Math.min(seq, this.written);
    this.unsyncedBytes = 0;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const e = this.pending[i]!;
      if (e.seq <= this.synced) break;
      if (e.seq <= this.written) this.unsyncedBytes += e.bytes;
    }
    this.chunks = this.chunks.filter((c) => c.seq > this.synced);
    this.fold(this.synced);
  }

  /** Applies pending entries up to `seq` to the shadow and forgets them. */
  private fold(seq: number): void {
    let i = 0;
    const session = this.shadow.createSession();
    for (; i < this.pending.length && this.pending[i]!.seq <= seq; i++) {
      const e = this.pending[i]!;
      session.db = e.db;
      this.shadowClock.set(e.at);
      this.shadow.execute(session, e.argv);
    }
    if (i > 0) this.pending = this.pending.slice(i);
  }

  /**
   * A crash leaves the content up to `seq` (written for a kill, synced for a power loss):
   * later entries are gone. What survived but is not durable stays so (after a kill, a
   * power loss before the kernel writes it back still takes it).
   */
  cutAt(seq: number): void {
    let n = this.pending.length;
    while (n > 0 && this.pending[n - 1]!.seq > seq) n--;
    this.pending.length = n;
    this.chunks = this.chunks.filter((c) => c.seq <= seq);
    this.buffered = this.written = Math.min(this.written, seq);
    this.synced = Math.min(this.synced, seq);
    this.bufferBytes = 0;
  }

  /** The dataset the whole AOF replays to (the durable part plus what is after it). */
  replay(): KeyspaceSnapshot {
    if (this.pending.length === 0) return dumpKeyspace(this.shadow);
    const clock = new ManualClock();
    const engine = new Engine({ clock, rng: new SeededRng(0) });
    restoreKeyspace(engine, dumpKeyspace(this.shadow));
    const session = engine.createSession();
    for (const e of this.pending) {
      session.db = e.db;
      clock.set(e.at);
      engine.execute(session, e.argv);
    }
    return dumpKeyspace(engine);
  }

  /**
   * The AOF now holds exactly `keyspace` as of write `seq` (a rewrite's base once loaded, or
   * the data just reloaded), all of it durable.
   */
  resetTo(keyspace: KeyspaceSnapshot, seq: number): void {
    restoreKeyspace(this.shadow, keyspace);
    this.pending = [];
    this.chunks = [];
    this.buffered = this.written = this.synced = seq;
    this.bufferBytes = this.unsyncedBytes = 0;
  }

  snapshot(): AofLogState {
    return {
      shadow: dumpKeyspace(this.shadow),
      pending: this.pending.map((e) => ({ ...e, argv: [...e.argv] })),
      buffered: this.buffered,
      written: this.written,
      synced: this.synced,
      bufferBytes: this.bufferBytes,
      unsyncedBytes: this.unsyncedBytes,
      chunks: this.chunks.map((c) => ({ ...c })),
      size: this.size,
      baseSize: this.baseSize,
    };
  }

  restore(s: AofLogState): void {
    restoreKeyspace(this.shadow, s.shadow);
    this.pending = s.pending.map((e) => ({ ...e }));
    this.buffered = s.buffered;
    this.written = s.written;
    this.synced = s.synced;
    this.bufferBytes = s.bufferBytes;
    this.unsyncedBytes = s.unsyncedBytes;
    this.chunks = s.chunks.map((c) => ({ ...c }));
    this.size = s.size;
    this.baseSize = s.baseSize;
  }
}
