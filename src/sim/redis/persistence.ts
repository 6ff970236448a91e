import {
  dumpKeyspace,
  lookupCommand,
  restoreKeyspace,
  type InfoField,
  type KeyspaceSnapshot,
  type Reply,
  type Session,
} from '../../engine/index.ts';
import { WORLD_EPOCH_MICROS, after, type Micros } from '../core/clock.ts';
import type { Component, WorldContext } from '../world/context.ts';
import type { HostedReply, NodeHost } from '../world/node-host.ts';
import type { RedisNode } from '../world/node.ts';
import { AofLog, type AofLogState } from './aof-log.ts';
import { CowPages } from './cow.ts';
import {
  REFERENCE_DISK,
  forkMicros,
  fsyncMicros,
  writeMicros,
  type DiskProfile,
  PAGE_BYTES,
} from './disk.ts';
import {
  AckLog,
  type AckLogState,
  type CrashKind,
  type LoadSource,
  type LossReport,
} from './loss.ts';
import {
  DEFAULT_SETTINGS,
  parseSavePoints,
  type PersistenceConfig,
  type PersistenceSettings,
  type SavePoint,
} from './persistence-config.ts';
import { datasetBytes, respBytes } from './sizes.ts';

/**
 * Persistence of one simulated Redis process (rdb.c, aof.c, server.c's serverCron and
 * beforeSleep): RDB save points and BGSAVE as a fork with copy-on-write, the AOF with its
 * three fsync policies and rewrites, two kinds of crash, restart with loading, and a loss
 * report of the acknowledged writes a crash took.
 *
 * It attaches to its node as the NodeHost, so the per-request path costs no extra event:
 * the node tells it about each write and each turn's end. Its own events are the cron
 * (hz 10), a child's end, a background fsync's end, crash, restart and end of loading.
 */

type AofState = 'off' | 'wait-rewrite' | 'on';

interface Child {
  readonly id: number;
  readonly kind: 'rdb' | 'aof';
  readonly forkedAt: number;
  readonly endsAt: number;
  /** The write sequence and dirty counter at the fork: the image holds writes up to seq. */
  readonly seq: number;
  readonly dirty: number;
  readonly bytes: number;
  readonly pages: number;
  /** The RDB image (an AOF rewrite needs none: the AOF's content does not change). */
  readonly keyspace: KeyspaceSnapshot | null;
  /** The AOF's size at the fork: what was appended meanwhile follows the new base. */
  readonly aofSizeAtFork: number;
}

interface RdbFile {
  readonly keyspace: KeyspaceSnapshot;
  readonly seq: number;
  readonly bytes: number;
  readonly savedAt: number;
}

interface Fsync {
  readonly id: number;
  readonly upTo: number;
  readonly endsAt: number;
}

interface Loading {
  readonly crash: CrashKind;
  readonly crashedAt: number;
  readonly source: LoadSource;
  readonly seq: number;
  readonly bytes: number;
  readonly image: KeyspaceSnapshot;
  /** Set by restart(): when loading ends; null while the process is down. */
  readonly until: number | null;
}

export interface PersistenceState {
  readonly settings: PersistenceSettings;
  readonly aofState: AofState;
  readonly aofExists: boolean;
  readonly lastSeq: number;
  readonly lastSave: number;
  readonly nextId: number;
  readonly child: Child | null;
  readonly cow: readonly number[];
  readonly lastCowBytes: number;
  readonly rdb: RdbFile | null;
  readonly aof: AofLogState;
  readonly bgFsync: Fsync | null;
  readonly syncFsync: Fsync | null;
  readonly lastFsyncAt: number;
  readonly postponedAt: number | null;
  readonly nextWritebackAt: number;
  readonly rdbScheduled: boolean;
  readonly aofScheduled: boolean;
  readonly acks: AckLogState;
  readonly loading: Loading | null;
  readonly loadingId: number;
  readonly reports: readonly LossReport[];
  readonly rdbSaves: number;
  readonly aofRewrites: number;
  /** Absent in checkpoints taken before these counters existed. */
  readonly stats?: PersistenceStats;
  readonly infoState?: InfoState;
}

/** What INFO persistence reports beyond the model's own state (Redis keeps the same). */
interface InfoState {
  /** Seconds the last RDB save and AOF rewrite took (-1: none yet), and their COW bytes. */
  rdbLastSeconds: number;
  aofLastSeconds: number;
  rdbLastCow: number;
  aofLastCow: number;
  /** Keys the last load from an RDB brought in. */
  rdbLastLoadKeys: number;
  /** When the current loading started (µs), and writes postponed past 2 s (aof_delayed_fsync). */
  loadingStartedAt: number;
  delayedFsyncs: number;
}

const noInfoState = (): InfoState => ({
  rdbLastSeconds: -1,
  aofLastSeconds: -1,
  rdbLastCow: 0,
  aofLastCow: 0,
  rdbLastLoadKeys: 0,
  loadingStartedAt: 0,
  delayedFsyncs: 0,
});

/** Whole seconds of Unix time between two instants, as time(NULL) differences give. */
const unixSeconds = (t: number): number => Math.floor((WORLD_EPOCH_MICROS + t) / 1e6);

/** Running totals a scene's summary reports (forks, their cost, writes acknowledged). */
export interface PersistenceStats {
  /** Acknowledged writes since the start, across crashes. */
  readonly acknowledged: number;
  readonly forks: number;
  /** µs the parent's main thread spent blocked in fork(), summed, and the longest one. */
  readonly forkMicros: number;
  readonly maxForkMicros: number;
  /** The most bytes any one fork copied on write (its copy at the child's end or abort). */
  readonly maxCowBytes: number;
}

type MutableStats = { -readonly [K in keyof PersistenceStats]: PersistenceStats[K] };

const noStats = (): MutableStats => ({
  acknowledged: 0,
  forks: 0,
  forkMicros: 0,
  maxForkMicros: 0,
  maxCowBytes: 0,
});

interface NodeData {
  readonly node: string;
}
interface IdData {
  readonly node: string;
  readonly id: number;
}
interface CrashData {
  readonly node: string;
  readonly kind: CrashKind;
}

/**
 * Schedules a crash or a restart of `node`'s process from outside (a scene's director):
 * the persistence part's own events, so the timeline needs no extra hop.
 */
export function schedulePersistenceCrash(
  ctx: WorldContext,
  at: Micros,
  node: string,
  kind: CrashKind,
): void {
  ctx.schedule<CrashData>(at, CRASH, { node, kind });
}

export function schedulePersistenceRestart(ctx: WorldContext, at: Micros, node: string): void {
  ctx.schedule<NodeData>(at, RESTART, { node });
}

const CRON = 'persist.cron';
const CHILD_DONE = 'persist.child';
const FSYNC_DONE = 'persist.fsync';
const CRASH = 'persist.crash';
const RESTART = 'persist.restart';
const LOADED = 'persist.loaded';

/** serverCron's period at hz 10. */
const CRON_MICROS = 100_000;
/** everysec: an fsync a second; a write waits at most 2 s for a slow one (aof.c). */
const EVERYSEC_MICROS = 1_000_000;
const MAX_POSTPONE_MICROS = 2_000_000;
/** Loss reports kept (the newest last). */
const MAX_REPORTS = 16;

export const LOADING_ERROR = 'LOADING Redis is loading the dataset in memory';
export const BGSAVE_IN_PROGRESS = 'ERR Background save already in progress';
export const BGSAVE_OTHER_CHILD =
  "ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.";
export const REWRITE_IN_PROGRESS = 'ERR Background append only file rewriting already in progress';

const status = (value: string): Reply => ({ kind: 'status', value });
const errorReply = (message: string): Reply => ({ kind: 'error', message });
const wrongArity = (name: string): Reply =>
  errorReply(`ERR wrong number of arguments for '${name}' command`);

export class Persistence implements Component, NodeHost {
  readonly id: string;
  readonly disk: DiskProfile;
  readonly ballastBytes: number;
  private settings: PersistenceSettings;
  private savePoints: SavePoint[];
  private aofState: AofState;
  /** An AOF exists on disk that start-up would load (its first base was written). */
  private aofExists: boolean;
  private lastSeq = 0;
  private lastSave = 0;
  private nextId = 1;
  private child: Child | null = null;
  private cow: CowPages | null = null;
  private lastCowBytes = 0;
  private rdb: RdbFile | null = null;
  private readonly aof: AofLog;
  private bgFsync: Fsync | null = null;
  /** appendfsync always: the fsync the main thread is waiting on (applied when it ends). */
  private syncFsync: Fsync | null = null;
  private lastFsyncAt = 0;
  private postponedAt: number | null = null;
  private nextWritebackAt = 0;
  private rdbScheduled = false;
  private aofScheduled = false;
  private readonly acks = new AckLog();
  private loading: Loading | null = null;
  /** Which restart the pending LOADED event belongs to. */
  private loadingId = 0;
  private reports: LossReport[] = [];
  rdbSaves = 0;
  aofRewrites = 0;
  /** Mutated in place: the ack counter is on the per-write path. */
  private stats: MutableStats = noStats();
  private infoState: InfoState = noInfoState();

  constructor(
    private readonly ctx: WorldContext,
    readonly node: RedisNode,
    readonly config: PersistenceConfig,
  ) {
    this.id = `persist:${node.name}`;
    this.disk = { ...REFERENCE_DISK, ...config.disk };
    this.ballastBytes = config.ballastBytes ?? 0;
    this.settings = { ...DEFAULT_SETTINGS, ...config.settings };
    this.savePoints = parseSavePoints(this.settings.save);
    // Started with appendonly yes, Redis creates an empty AOF at once.
    this.aofState = this.settings.appendonly ? 'on' : 'off';
    this.aofExists = this.settings.appendonly;
    this.aof = new AofLog(ctx.rng(`persist:${node.name}:aof`));
    // The ballast is part of the AOF's base from the start.
    if (this.aofExists) this.aof.size = this.aof.baseSize = this.ballastBytes;
    this.nextWritebackAt = this.disk.writebackIntervalMicros;
    node.attach(this);
    this.mirrorToEngine();
    // INFO persistence reports the model; a provider installed before keeps its sections.
    const engine = node.engine;
    const previous = engine.infoProvider;
    engine.infoProvider = (section, fields) => {
      const f = previous === undefined ? fields : previous(section, fields);
      return section === 'persistence' ? this.infoFields(f) : f;
    };
  }

  /** Registers the event handlers once for all persistence parts (the world calls this). */
  static install(ctx: WorldContext, parts: ReadonlyMap<string, Persistence>): void {
    ctx.handle<NodeData>(CRON, (d) => parts.get(d.node)?.cron());
    ctx.handle<IdData>(CHILD_DONE, (d) => parts.get(d.node)?.childDone(d.id));
    ctx.handle<IdData>(FSYNC_DONE, (d) => parts.get(d.node)?.fsyncDone(d.id));
    ctx.handle<CrashData>(CRASH, (d) => parts.get(d.node)?.crash(d.kind));
    ctx.handle<NodeData>(RESTART, (d) => parts.get(d.node)?.restart());
    ctx.handle<IdData>(LOADED, (d) => parts.get(d.node)?.loaded(d.id));
  }

  /** Schedules the first cron tick (on creation, not on restore). */
  start(): void {
    this.ctx.schedule<NodeData>(CRON_MICROS as Micros, CRON, { node: this.node.name });
  }

  private get now(): Micros {
    return this.ctx.clock.now;
  }

  // ---- configuration ----

  get current(): PersistenceSettings {
    return this.settings;
  }

  /**
   * The typed CONFIG SET: changes take effect as in Redis. appendonly yes starts a rewrite
   * and the AOF is live once its base is written; appendonly no stops appending at once.
   */
  configure(change: Partial<PersistenceSettings>): void {
    const next = { ...this.settings, ...change };
    this.savePoints = parseSavePoints(next.save);
    const was = this.settings.appendonly;
    this.settings = next;
    if (!was && next.appendonly) this.startAppendOnly();
    if (was && !next.appendonly) this.stopAppendOnly();
    this.mirrorToEngine();
  }

  /** The engine's config object, where it has these parameters (CONFIG GET agrees). */
  private engineConfig(): Record<string, unknown> {
    return this.node.engine.config as unknown as Record<string, unknown>;
  }

  private mirrorToEngine(): void {
    const c = this.engineConfig();
    const s = this.settings;
    if ('save' in c) c.save = s.save;
    if ('appendonly' in c) c.appendonly = s.appendonly ? 'yes' : 'no';
    if ('appendfsync' in c) c.appendfsync = s.appendfsync;
    if ('auto-aof-rewrite-percentage' in c) {
      c['auto-aof-rewrite-percentage'] = s.autoAofRewritePercentage;
    }
    if ('auto-aof-rewrite-min-size' in c) c['auto-aof-rewrite-min-size'] = s.autoAofRewriteMinSize;
  }

  configChanged(): void {
    const c = this.engineConfig();
    const change: { -readonly [K in keyof PersistenceSettings]?: PersistenceSettings[K] } = {};
    if (typeof c.save === 'string' && c.save !== this.settings.save) change.save = c.save;
    if (c.appendonly === 'yes' || c.appendonly === 'no') {
      const on = c.appendonly === 'yes';
      if (on !== this.settings.appendonly) change.appendonly = on;
    }
    const f = c.appendfsync;
    if ((f === 'always' || f === 'everysec' || f === 'no') && f !== this.settings.appendfsync) {
      change.appendfsync = f;
    }
    const pct = c['auto-aof-rewrite-percentage'];
    if (typeof pct === 'number') change.autoAofRewritePercentage = pct;
    const min = c['auto-aof-rewrite-min-size'];
    if (typeof min === 'number') change.autoAofRewriteMinSize = min;
    if (Object.keys(change).length > 0) this.configure(change);
  }

  private startAppendOnly(): void {
    this.aofState = 'wait-rewrite';
    this.aofExists = false;
    if (this.child === null) this.node.blockMain(this.fork('aof'));
    else this.aofScheduled = true;
  }

  private stopAppendOnly(): void {
    if (this.child?.kind === 'aof') this.abortChild();
    this.aofState = 'off';
    this.aofExists = false;
    this.aofScheduled = false;
    this.bgFsync = null;
    this.syncFsync = null;
    this.postponedAt = null;
  }

  /** True while writes are appended: AOF on, or waiting for the rewrite that turns it on. */
  private get appending(): boolean {
    return (
      this.aofState === 'on' || (this.aofState === 'wait-rewrite' && this.child?.kind === 'aof')
    );
  }

  // ---- NodeHost: the per-command path ----

  get holdsReplies(): boolean {
    return this.appending && this.settings.appendfsync === 'always';
  }

  intercept(_session: Session, argv: readonly string[]): HostedReply | undefined {
    const first = argv[0] ?? '';
    if (this.loading !== null) {
      if (lookupCommand(first)?.flags.includes('loading') === true) return undefined;
      return { reply: errorReply(LOADING_ERROR), micros: 0 };
    }
    // Every command passes here: lowercase only names as long as one of the four below.
    const n = first.length;
    if (n !== 4 && n !== 6 && n !== 8 && n !== 12) return undefined;
    switch (first.toLowerCase()) {
      case 'bgsave':
        return this.bgsaveCommand(argv);
      case 'save':
        return argv.length === 1 ? this.saveCommand() : { reply: wrongArity('save'), micros: 0 };
      case 'lastsave':
        if (argv.length !== 1) return { reply: wrongArity('lastsave'), micros: 0 };
        return {
          reply: { kind: 'integer', value: Math.floor((WORLD_EPOCH_MICROS + this.lastSave) / 1e6) },
          micros: 0,
        };
      case 'bgrewriteaof':
        return argv.length === 1
          ? this.bgrewriteaofCommand()
          : { reply: wrongArity('bgrewriteaof'), micros: 0 };
      default:
        return undefined;
    }
  }

  wrote(argv: readonly string[], db: number, client: string, req: number, at: Micros): number {
    const seq = ++this.lastSeq;
    if (this.appending) {
      this.aof.append({ seq, db, argv, at: WORLD_EPOCH_MICROS + at, bytes: respBytes(argv) });
    }
    this.cow?.touch(argv[1] ?? '');
    this.acks.ran(seq, argv, client, req, at);
    return seq;
  }

  acknowledged(seq: number, at: Micros): void {
    this.acks.acknowledge(seq, at);
    this.stats.acknowledged++;
  }

  /** beforeSleep's flushAppendOnlyFile (aof.c): main-thread µs spent at the turn's end. */
  endTurn(at: Micros): number {
    if (!this.appending) return 0;
    this.settle(at);
    return this.flush(at);
  }

  private flush(at: number): number {
    const policy = this.settings.appendfsync;
    if (!this.aof.hasBuffered) {
      if (policy === 'everysec') this.maybeBackgroundFsync(at);
      return 0;
    }
    let cost = 0;
    if (policy === 'everysec' && this.bgFsync !== null && this.bgFsync.endsAt > at) {
      // A slow fsync is running: Redis postpones the write (replies still go out) for up
      // to 2 s, then writes anyway and blocks behind the fsync.
      if (this.postponedAt === null) this.postponedAt = at;
      if (at - this.postponedAt < MAX_POSTPONE_MICROS) return 0;
      this.infoState.delayedFsyncs++;
      cost += this.bgFsync.endsAt - at;
    }
    this.postponedAt = null;
    cost += this.disk.writeSyscallMicros;
    this.aof.write(at + cost);
    if (policy === 'always') {
      const micros = fsyncMicros(this.disk, this.aof.unsyncedBytes);
      const done = at + cost + micros;
      this.traceFsync('always', at + cost, this.aof.written, this.aof.unsyncedBytes, done);
      this.syncFsync = { id: this.nextId++, upTo: this.aof.written, endsAt: done };
      cost += micros;
    } else if (policy === 'everysec') {
      this.maybeBackgroundFsync(at + cost);
    }
    return cost;
  }

  private maybeBackgroundFsync(at: number): void {
    if (!this.aof.hasUnsynced || this.bgFsync !== null) return;
    if (at - this.lastFsyncAt < EVERYSEC_MICROS) return;
    const done = at + fsyncMicros(this.disk, this.aof.unsyncedBytes);
    const id = this.nextId++;
    this.bgFsync = { id, upTo: this.aof.written, endsAt: done };
    this.lastFsyncAt = at;
    this.traceFsync('everysec', at, this.aof.written, this.aof.unsyncedBytes, done);
    this.ctx.schedule<IdData>(done as Micros, FSYNC_DONE, { node: this.node.name, id });
  }

  /** Applies a synchronous fsync that has ended by `t`. */
  private settle(t: number): void {
    const s = this.syncFsync;
    if (s !== null && s.endsAt <= t) {
      this.syncFsync = null;
      this.synced(s.upTo);
    }
  }

  private synced(seq: number): void {
    this.aof.syncTo(seq);
    if (this.aofState === 'on') this.acks.prune(this.aof.synced);
  }

  private fsyncDone(id: number): void {
    if (this.bgFsync?.id !== id) return;
    const upTo = this.bgFsync.upTo;
    this.bgFsync = null;
    this.synced(upTo);
  }

  private traceFsync(
    mode: 'always' | 'everysec' | 'writeback',
    at: number,
    upTo: number,
    bytes: number,
    done: number,
  ): void {
    this.ctx.trace.append({
      type: 'fsync',
      at: at as Micros,
      node: this.node.name,
      mode,
      upTo,
      bytes,
      done: done as Micros,
    });
  }

  // ---- serverCron ----

  private cron(): void {
    const now = this.now;
    this.ctx.schedule<NodeData>(after(now, CRON_MICROS), CRON, { node: this.node.name });
    if (now >= this.nextWritebackAt) {
      this.nextWritebackAt = now + this.disk.writebackIntervalMicros;
      this.kernelWriteback(now);
    }
    if (this.node.down || this.loading !== null) return;
    this.settle(now);
    if (this.appending) {
      // beforeSleep runs on every wake-up, so a postponed write or a due fsync happens
      // even when no command arrives.
      const cost = this.flush(now);
      if (cost > 0) this.node.blockMain(cost);
    }
    if (this.child !== null) return;
    if (this.rdbScheduled) {
      this.rdbScheduled = false;
      this.node.blockMain(this.fork('rdb'));
      return;
    }
    if (this.aofScheduled) {
      this.aofScheduled = false;
      this.node.blockMain(this.fork('aof'));
      return;
    }
    const dirty = this.node.engine.dirty;
    for (const sp of this.savePoints) {
      if (dirty >= sp.changes && now - this.lastSave > sp.seconds * 1_000_000) {
        this.node.blockMain(this.fork('rdb'));
        return;
      }
    }
    const s = this.settings;
    if (this.aofState === 'on' && s.autoAofRewritePercentage > 0) {
      const base = this.aof.baseSize > 0 ? this.aof.baseSize : 1;
      const growth = ((this.aof.size - base) * 100) / base;
      if (this.aof.size > s.autoAofRewriteMinSize && growth >= s.autoAofRewritePercentage) {
        this.node.blockMain(this.fork('aof'));
      }
    }
  }

  /** The kernel flusher: pages dirty for longer than dirty_expire reach the disk. */
  private kernelWriteback(now: number): void {
    if (this.aofState === 'off') return;
    const before = this.aof.synced;
    this.aof.writeback(now - this.disk.dirtyExpireMicros);
    if (this.aof.synced > before) {
      this.traceFsync('writeback', now, this.aof.synced, 0, now);
      if (this.aofState === 'on') this.acks.prune(this.aof.synced);
    }
  }

  // ---- RDB and AOF rewrite children ----

  /** fork(): starts a child; returns the µs the parent's main thread is blocked. */
  private fork(kind: 'rdb' | 'aof'): number {
    const now = this.now;
    const keyspace = dumpKeyspace(this.node.engine);
    const bytes = datasetBytes(keyspace) + this.ballastBytes;
    const blocked = forkMicros(this.disk, bytes);
    const forkedAt = now + blocked;
    const endsAt = forkedAt + writeMicros(this.disk, bytes) + fsyncMicros(this.disk, 0);
    const id = this.nextId++;
    const pages = Math.ceil(bytes / PAGE_BYTES);
    this.child = {
      id,
      kind,
      forkedAt,
      endsAt,
      seq: this.lastSeq,
      dirty: this.node.engine.dirty,
      bytes,
      pages,
      keyspace: kind === 'rdb' ? keyspace : null,
      aofSizeAtFork: this.aof.size,
    };
    this.cow = new CowPages(pages);
    const st = this.stats;
    st.forks++;
    st.forkMicros += blocked;
    st.maxForkMicros = Math.max(st.maxForkMicros, blocked);
    if (kind === 'aof' && this.aofState === 'wait-rewrite') {
      // The new AOF starts from the dataset at the fork; later writes are appended to it.
      this.aof.resetTo(keyspace, this.lastSeq);
    }
    const node = this.node.name;
    this.ctx.trace.append({ type: 'fork', at: now, node, child: kind, bytes, micros: blocked });
    this.ctx.trace.append({
      type: 'save',
      at: forkedAt as Micros,
      node,
      child: kind,
      phase: 'start',
      seq: this.lastSeq,
      bytes,
    });
    this.ctx.schedule<IdData>(endsAt as Micros, CHILD_DONE, { node, id });
    return blocked;
  }

  private childDone(id: number): void {
    const c = this.child;
    if (c?.id !== id) return;
    this.child = null;
    this.lastCowBytes = this.cow?.bytes ?? 0;
    const seconds = unixSeconds(this.now) - unixSeconds(c.forkedAt);
    if (c.kind === 'rdb') {
      this.infoState.rdbLastSeconds = seconds;
      this.infoState.rdbLastCow = this.lastCowBytes;
    } else {
      this.infoState.aofLastSeconds = seconds;
      this.infoState.aofLastCow = this.lastCowBytes;
    }
    this.stats.maxCowBytes = Math.max(this.stats.maxCowBytes, this.lastCowBytes);
    this.cow = null;
    const now = this.now;
    if (c.kind === 'rdb') {
      this.rdb = { keyspace: c.keyspace!, seq: c.seq, bytes: c.bytes, savedAt: now };
      this.lastSave = now;
      this.rdbSaves++;
      // rdb.c: server.dirty -= dirty_before_bgsave (writes during the save still count).
      this.node.engine.dirty = Math.max(0, this.node.engine.dirty - c.dirty);
      if (this.aofState === 'off') this.acks.prune(c.seq);
    } else {
      this.aofRewrites++;
      this.aof.baseSize = c.bytes;
      this.aof.size = c.bytes + Math.max(0, this.aof.size - c.aofSizeAtFork);
      if (this.aofState === 'wait-rewrite') this.aofState = 'on';
      this.aofExists = true;
    }
    this.ctx.trace.append({
      type: 'save',
      at: now,
      node: this.node.name,
      child: c.kind,
      phase: 'end',
      seq: c.seq,
      bytes: c.bytes,
    });
  }

  private abortChild(): void {
    const c = this.child;
    if (c === null) return;
    this.child = null;
    this.stats.maxCowBytes = Math.max(this.stats.maxCowBytes, this.cow?.bytes ?? 0);
    this.cow = null;
    this.ctx.trace.append({
      type: 'save',
      at: this.now,
      node: this.node.name,
      child: c.kind,
      phase: 'aborted',
      seq: c.seq,
      bytes: c.bytes,
    });
  }

  private bgsaveCommand(argv: readonly string[]): HostedReply {
    const schedule = argv.length === 2 && (argv[1] ?? '').toLowerCase() === 'schedule';
    if (argv.length > 2 || (argv.length === 2 && !schedule)) {
      return { reply: errorReply('ERR syntax error'), micros: 0 };
    }
    if (this.child?.kind === 'rdb') return { reply: errorReply(BGSAVE_IN_PROGRESS), micros: 0 };
    if (this.child !== null) {
      if (!schedule) return { reply: errorReply(BGSAVE_OTHER_CHILD), micros: 0 };
      this.rdbScheduled = true;
      return { reply: status('Background saving scheduled'), micros: 0 };
    }
    return { reply: status('Background saving started'), micros: this.fork('rdb') };
  }

  /** SAVE: the main thread writes the RDB itself; every client waits. */
  private saveCommand(): HostedReply {
    if (this.child?.kind === 'rdb') return { reply: errorReply(BGSAVE_IN_PROGRESS), micros: 0 };
    const now = this.now;
    const keyspace = dumpKeyspace(this.node.engine);
    const bytes = datasetBytes(keyspace) + this.ballastBytes;
    const micros = writeMicros(this.disk, bytes) + fsyncMicros(this.disk, 0);
    const node = this.node.name;
    const seq = this.lastSeq;
    this.ctx.trace.append({
      type: 'save',
      at: now,
      node,
      child: 'sync',
      phase: 'start',
      seq,
      bytes,
    });
    const done = after(now, micros);
    this.ctx.trace.append({
      type: 'save',
      at: done,
      node,
      child: 'sync',
      phase: 'end',
      seq,
      bytes,
    });
    this.rdb = { keyspace, seq, bytes, savedAt: done };
    this.lastSave = done;
    this.rdbSaves++;
    this.node.engine.dirty = 0;
    if (this.aofState === 'off') this.acks.prune(seq);
    return { reply: status('OK'), micros };
  }

  private bgrewriteaofCommand(): HostedReply {
    if (this.child?.kind === 'aof') return { reply: errorReply(REWRITE_IN_PROGRESS), micros: 0 };
    if (this.child !== null) {
      this.aofScheduled = true;
      return { reply: status('Background append only file rewriting scheduled'), micros: 0 };
    }
    return {
      reply: status('Background append only file rewriting started'),
      micros: this.fork('aof'),
    };
  }

  // ---- crash, restart, loading ----

  /** Crashes the process now: 'kill' (SIGKILL: the page cache survives) or 'power'. */
  crash(kind: CrashKind): void {
    const now = this.now;
    this.settle(now);
    if (this.child !== null) this.abortChild();
    this.bgFsync = null;
    this.syncFsync = null;
    this.postponedAt = null;
    this.rdbScheduled = this.aofScheduled = false;
    this.acks.crashed();
    if (this.loading !== null) {
      // Down or still loading: the files are what they were; a power loss may cut the AOF.
      this.loading = { ...this.loading, crash: kind, crashedAt: now, until: null };
      if (kind === 'power' && this.loading.source === 'aof') {
        const { seq, image } = this.cutAof('power');
        this.loading = { ...this.loading, seq, image };
      }
    } else {
      this.loading = this.survivors(kind, now);
    }
    this.ctx.trace.append({ type: 'crash', at: now, node: this.node.name, kind });
    if (!this.node.down) this.node.crash();
  }

  private cutAof(kind: CrashKind): { seq: number; image: KeyspaceSnapshot } {
    const seq = kind === 'kill' ? this.aof.written : this.aof.synced;
    this.aof.cutAt(seq);
    if (kind === 'kill' && seq === this.lastSeq && this.aofState === 'on' && !this.node.down) {
      // Everything reached the page cache: the AOF replays to the live dataset exactly.
      return { seq, image: dumpKeyspace(this.node.engine) };
    }
    return { seq, image: this.aof.replay() };
  }

  /** What start-up will load after this crash: the AOF when enabled, else the RDB. */
  private survivors(kind: CrashKind, now: number): Loading {
    if (this.settings.appendonly && this.aofExists) {
      const { seq, image } = this.cutAof(kind);
      return {
        crash: kind,
        crashedAt: now,
        source: 'aof',
        seq,
        bytes: this.aof.size,
        image,
        until: null,
      };
    }
    if (this.rdb !== null) {
      const r = this.rdb;
      return {
        crash: kind,
        crashedAt: now,
        source: 'rdb',
        seq: r.seq,
        bytes: r.bytes,
        image: r.keyspace,
        until: null,
      };
    }
    return {
      crash: kind,
      crashedAt: now,
      source: 'none',
      seq: 0,
      bytes: 0,
      image: { version: 1, dbs: [] },
      until: null,
    };
  }

  /** Starts the process again; it answers LOADING until the data is in memory. */
  restart(): void {
    const l = this.loading;
    if (!this.node.down || l === null) return;
    this.node.restart();
    const d = this.disk;
    let load = 0;
    if (l.source === 'rdb') load = (l.bytes * 1e6) / d.rdbLoadBytesPerSecond;
    if (l.source === 'aof') {
      const base = Math.min(this.aof.baseSize, l.bytes);
      load =
        (base * 1e6) / d.rdbLoadBytesPerSecond + ((l.bytes - base) * 1e6) / d.aofLoadBytesPerSecond;
    }
    const until = after(this.now, d.startMicros + load);
    const id = this.nextId++;
    this.loading = { ...l, until };
    this.infoState.loadingStartedAt = this.now;
    this.loadingId = id;
    this.ctx.trace.append({
      type: 'restart',
      at: this.now,
      node: this.node.name,
      source: l.source,
      bytes: l.bytes,
      ready: until,
    });
    this.ctx.schedule<IdData>(until, LOADED, { node: this.node.name, id });
  }

  private loaded(id: number): void {
    const l = this.loading;
    if (l === null || id !== this.loadingId || this.node.down) return;
    const now = this.now;
    const engine = this.node.engine;
    restoreKeyspace(engine, l.image);
    engine.dirty = 0;
    this.lastSave = now;
    this.loading = null;
    if (this.settings.appendonly) {
      // The AOF holds what was loaded (or, from an RDB, a base is written from it).
      this.aof.resetTo(l.image, this.lastSeq);
      this.aofState = 'on';
      this.aofExists = true;
    }
    const lost = this.acks.takeLost(l.seq);
    const report: LossReport = {
      node: this.node.name,
      crash: l.crash,
      crashedAt: l.crashedAt as Micros,
      loadedAt: now,
      source: l.source,
      survivedSeq: l.seq,
      acknowledged: this.acks.ackedSinceRestart,
      lost: lost.length,
      lostWrites: lost,
      windowMicros: lost.length > 0 ? l.crashedAt - lost[0]!.ran : 0,
    };
    this.acks.ackedSinceRestart = 0;
    this.reports.push(report);
    if (this.reports.length > MAX_REPORTS) this.reports.shift();
    let keys = 0;
    for (const db of engine.dbs) keys += db.size;
    if (l.source === 'rdb') this.infoState.rdbLastLoadKeys = keys;
    const node = this.node.name;
    this.ctx.trace.append({ type: 'loaded', at: now, node, source: l.source, keys, seq: l.seq });
    this.ctx.trace.append({
      type: 'lost',
      at: now,
      node,
      acknowledged: report.acknowledged,
      lost: report.lost,
      window: report.windowMicros,
    });
  }

  /** Schedules a crash (a scene's "kill Redis at t = 12 s"); checkpointed like any event. */
  scheduleCrash(at: Micros, kind: CrashKind): void {
    this.ctx.schedule<CrashData>(at, CRASH, { node: this.node.name, kind });
  }

  scheduleRestart(at: Micros): void {
    this.ctx.schedule<NodeData>(at, RESTART, { node: this.node.name });
  }

  // ---- observation ----

  /** The loss report of the latest completed reload, if any. */
  get lastReport(): LossReport | undefined {
    return this.reports[this.reports.length - 1];
  }

  get allReports(): readonly LossReport[] {
    return this.reports;
  }

  /** Bytes the parent copied on write during the running fork (0 without a child). */
  get cowBytes(): number {
    return this.cow?.bytes ?? 0;
  }

  get isLoading(): boolean {
    return this.loading !== null && this.loading.until !== null;
  }

  /** INFO persistence's figures, from the model. */
  info(): Record<string, number | string> {
    const c = this.child;
    return {
      loading: this.isLoading ? 1 : 0,
      rdb_changes_since_last_save: this.node.engine.dirty,
      rdb_bgsave_in_progress: c?.kind === 'rdb' ? 1 : 0,
      rdb_last_save_time: Math.floor((WORLD_EPOCH_MICROS + this.lastSave) / 1e6),
      rdb_saves: this.rdbSaves,
      rdb_last_cow_size: this.lastCowBytes,
      aof_enabled: this.settings.appendonly ? 1 : 0,
      aof_rewrite_in_progress: c?.kind === 'aof' ? 1 : 0,
      aof_rewrites: this.aofRewrites,
      aof_current_size: this.aof.size,
      aof_base_size: this.aof.baseSize,
      aof_last_write_status: 'ok',
      current_cow_size: this.cowBytes,
    };
  }

  /**
   * INFO persistence as Redis 7.0 prints it, from the model: the engine's fields with live
   * values put in, then the AOF block while appendonly is on and the loading block while
   * the dataset loads (server.c genRedisInfoString, in its order).
   */
  private infoFields(engineFields: readonly InfoField[]): InfoField[] {
    const c = this.child;
    const now = this.now;
    const st = this.infoState;
    const running = (kind: 'rdb' | 'aof'): number =>
      c?.kind === kind ? unixSeconds(now) - unixSeconds(c.forkedAt) : -1;
    const live: Readonly<Record<string, string | number>> = {
      loading: this.isLoading ? 1 : 0,
      current_cow_peak: this.cowBytes,
      current_cow_size: this.cowBytes,
      current_save_keys_total: c === null ? 0 : this.keyCount(),
      rdb_changes_since_last_save: this.node.engine.dirty,
      rdb_bgsave_in_progress: c?.kind === 'rdb' ? 1 : 0,
      rdb_last_save_time: unixSeconds(this.lastSave),
      rdb_last_bgsave_time_sec: st.rdbLastSeconds,
      rdb_current_bgsave_time_sec: running('rdb'),
      rdb_saves: this.rdbSaves,
      rdb_last_cow_size: st.rdbLastCow,
      rdb_last_load_keys_loaded: st.rdbLastLoadKeys,
      aof_enabled: this.settings.appendonly ? 1 : 0,
      aof_rewrite_in_progress: c?.kind === 'aof' ? 1 : 0,
      aof_rewrite_scheduled: this.aofScheduled ? 1 : 0,
      aof_last_rewrite_time_sec: st.aofLastSeconds,
      aof_current_rewrite_time_sec: running('aof'),
      aof_rewrites: this.aofRewrites,
      aof_last_cow_size: st.aofLastCow,
    };
    const out: InfoField[] = engineFields.map(([k, v]) => [k, live[k] ?? v]);
    if (this.settings.appendonly) {
      out.push(
        ['aof_current_size', this.aof.size],
        ['aof_base_size', this.aof.baseSize],
        ['aof_pending_rewrite', this.aofScheduled ? 1 : 0],
        ['aof_buffer_length', this.aof.bufferBytes],
        ['aof_pending_bio_fsync', this.bgFsync !== null ? 1 : 0],
        ['aof_delayed_fsync', st.delayedFsyncs],
      );
    }
    const l = this.loading;
    if (l !== null && l.until !== null) {
      const start = st.loadingStartedAt;
      const done = l.until > start ? Math.min(1, (now - start) / (l.until - start)) : 1;
      const loaded = Math.floor(l.bytes * done);
      const elapsed = unixSeconds(now) - unixSeconds(start);
      const eta =
        elapsed === 0 ? 1 : Math.ceil(((l.bytes - loaded) * elapsed) / Math.max(1, loaded));
      out.push(
        ['loading_start_time', unixSeconds(start)],
        ['loading_total_bytes', l.bytes],
        ['loading_rdb_used_mem', 0],
        ['loading_loaded_bytes', loaded],
        ['loading_loaded_perc', Math.min(99.99, done * 100).toFixed(2)],
        ['loading_eta_seconds', eta],
      );
    }
    return out;
  }

  private keyCount(): number {
    let keys = 0;
    for (const db of this.node.engine.dbs) keys += db.size;
    return keys;
  }

  /** Where the write sequence stands: ran, in aof_buf, in the page cache, durable. */
  watermarks(): { ran: number; buffered: number; written: number; synced: number; rdb: number } {
    return {
      ran: this.lastSeq,
      buffered: this.aof.buffered,
      written: this.aof.written,
      synced: this.aof.synced,
      rdb: this.rdb?.seq ?? 0,
    };
  }

  /** Running totals: writes acknowledged, forks and their cost, the largest copy-on-write. */
  get totals(): PersistenceStats {
    // A running fork's copy counts too: it is the memory the save costs right now.
    return { ...this.stats, maxCowBytes: Math.max(this.stats.maxCowBytes, this.cowBytes) };
  }

  /** Acknowledged writes a crash could still take (those not yet known to be durable). */
  get atRisk(): number {
    return this.acks.atRisk;
  }

  snapshot(): PersistenceState {
    return {
      settings: { ...this.settings },
      aofState: this.aofState,
      aofExists: this.aofExists,
      lastSeq: this.lastSeq,
      lastSave: this.lastSave,
      nextId: this.nextId,
      child: this.child,
      cow: this.cow?.snapshot() ?? [],
      lastCowBytes: this.lastCowBytes,
      rdb: this.rdb,
      aof: this.aof.snapshot(),
      bgFsync: this.bgFsync,
      syncFsync: this.syncFsync,
      lastFsyncAt: this.lastFsyncAt,
      postponedAt: this.postponedAt,
      nextWritebackAt: this.nextWritebackAt,
      rdbScheduled: this.rdbScheduled,
      aofScheduled: this.aofScheduled,
      acks: this.acks.snapshot(),
      loading: this.loading,
      loadingId: this.loadingId,
      reports: this.reports,
      rdbSaves: this.rdbSaves,
      aofRewrites: this.aofRewrites,
      stats: { ...this.stats },
      infoState: { ...this.infoState },
    };
  }

  restore(raw: unknown): void {
    const s = raw as PersistenceState;
    this.settings = { ...s.settings };
    this.savePoints = parseSavePoints(this.settings.save);
    this.aofState = s.aofState;
    this.aofExists = s.aofExists;
    this.lastSeq = s.lastSeq;
    this.lastSave = s.lastSave;
    this.nextId = s.nextId;
    this.child = s.child;
    this.cow = s.child === null ? null : CowPages.restore(s.child.pages, s.cow);
    this.lastCowBytes = s.lastCowBytes;
    this.rdb = s.rdb;
    this.aof.restore(s.aof);
    this.bgFsync = s.bgFsync;
    this.syncFsync = s.syncFsync;
    this.lastFsyncAt = s.lastFsyncAt;
    this.postponedAt = s.postponedAt;
    this.nextWritebackAt = s.nextWritebackAt;
    this.rdbScheduled = s.rdbScheduled;
    this.aofScheduled = s.aofScheduled;
    this.acks.restore(s.acks);
    this.loading = s.loading;
    this.loadingId = s.loadingId;
    this.reports = [...s.reports];
    this.rdbSaves = s.rdbSaves;
    this.aofRewrites = s.aofRewrites;
    this.stats = { ...noStats(), ...s.stats };
    this.infoState = { ...noInfoState(), ...s.infoState };
  }
}
