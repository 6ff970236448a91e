import {
  dumpKeyspace,
  lookupCommand,
  restoreKeyspace,
  serviceTimeMicros,
  type InfoField,
  type InfoSectionName,
  type KeyspaceSnapshot,
  type Reply,
  type Session,
} from '../../engine/index.ts';
import { after, type Micros } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import { datasetBytes, respBytes } from '../redis/sizes.ts';
import type { Message, WorldContext } from '../world/context.ts';
import type { HostedReply, NodeHost } from '../world/node-host.ts';
import { RedisNode } from '../world/node.ts';
import type { Part, PartConfig, PartKind } from '../world/world.ts';
import { Backlog, type Argv, type BacklogState } from './backlog.ts';
import { rewriteForReplicas } from './rewrite.ts';

/**
 * Replication of one simulated Redis process (replication.c): it attaches to its node as the
 * NodeHost, so it sees every write (fed to the backlog and, at the end of the event-loop
 * turn, to the replicas as one batch) and answers REPLICAOF, ROLE, WAIT, PSYNC's side of the
 * handshake, READONLY and NOREPLICAS. Master and replica talk over the node-to-node link with
 * `custom` messages (channel 'repl'): psync, fullresync, rdb, continue, cmds, ack, getack.
 *
 * A cut link loses what was in flight: the replica notices the gap (a batch that does not
 * start at its offset), or silence for repl-timeout, and reconnects with PSYNC: partial if
 * the backlog still covers its offset, full otherwise. A dead peer process is noticed at the
 * next cron tick (the kernel resets its sockets). Full sync is 7.0's diskless sync: the
 * master waits repl-diskless-sync-delay (5 s) for more replicas, then streams the dataset at
 * `transferBytesPerSecond`; writes made meanwhile follow it on the same link.
 *
 * Writes reach the replicas as 7.0 rewrites them (rewrite.ts: expiries in absolute ms) and
 * a transaction's writes inside MULTI/EXEC (every write-flagged command queued, whether or
 * not it changed anything: the replica decides again on the same data). Persistence may
 * share the node (the hosts chain). Simplifications: no chained replicas; a replica's own
 * AOF does not record the stream it applies.
 */

export interface ReplicationParams {
  readonly node: string;
  /** The master this node replicates at start (node name), as `replicaof` in its config. */
  readonly replicaOf?: string | null;
  /** repl-diskless-sync-delay, µs (Redis 7.0: 5 s). */
  readonly disklessDelayMicros?: number;
  /** How fast the dataset streams to a replica in a full sync, bytes/s. */
  readonly transferBytesPerSecond?: number;
  /** Fixed cost of a full sync besides the transfer (fork, load), µs. */
  readonly syncBaseMicros?: number;
  /** replica-priority (100; 0: never promoted). */
  readonly priority?: number;
  /** Engine parameters set at start, as in the node's config file (min-replicas-to-write...). */
  readonly config?: Readonly<Record<string, number | string>>;
}

export const REPL_DEFAULTS = {
  disklessDelayMicros: 5_000_000,
  transferBytesPerSecond: 200 * 1024 * 1024,
  syncBaseMicros: 2_000,
  priority: 100,
} as const;

export const READONLY_ERROR = "READONLY You can't write against a read only replica.";
export const NOREPLICAS_ERROR = 'NOREPLICAS Not enough good replicas to write.';
export const WAIT_ON_REPLICA_ERROR =
  'ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to replicas are just local and are not propagated.';

/** Replication's port for every node: hosts are node names. */
export const REDIS_PORT = 6379;
const CRON_MICROS = 100_000;
const DEFAULT_BACKLOG = 1024 * 1024;
const PING: Argv = ['PING'];
const MULTI: Argv = ['MULTI'];
const EXEC: Argv = ['EXEC'];
/** replicationCron: a replica acks and retries its connection once a second. */
const SECOND = 1_000_000;

type LinkState = 'connect' | 'connecting' | 'sync' | 'connected';

interface ReplicaEntry {
  readonly name: string;
  state: 'wait_bgsave' | 'send_bulk' | 'online';
  /** send_bulk: when the dataset has arrived (the replica goes online). */
  onlineAt: number;
  ackOffset: number;
  lastAckAt: number;
}

interface Waiter {
  readonly client: string;
  readonly target: number;
  readonly replicas: number;
  readonly id: number;
}

interface ReplicationState {
  readonly role: 'master' | 'replica';
  readonly configuredMaster: string | null;
  readonly replid: string;
  readonly replid2: string;
  readonly secondOffset: number;
  readonly offset: number;
  readonly backlog: BacklogState | null;
  readonly replicas: readonly ReplicaEntry[];
  readonly masterName: string | null;
  readonly link: LinkState;
  readonly lastIoAt: number;
  readonly linkDownSince: number;
  readonly lastAttemptAt: number;
  readonly lastAckSentAt: number;
  readonly lastPingAt: number;
  readonly syncPending: boolean;
  readonly pending: boolean;
  readonly waiters: readonly Waiter[];
  readonly nextWaitId: number;
  readonly wasDown: boolean;
  readonly runId: string;
  readonly stats: ReplicationStats;
  readonly lastDb: number;
}

/** Counters INFO stats shows (sync_full, sync_partial_ok, sync_partial_err), and more. */
export interface ReplicationStats {
  syncFull: number;
  syncPartialOk: number;
  syncPartialErr: number;
  /** Full and partial syncs this node went through as a replica. */
  fullSyncsReceived: number;
  partialSyncsReceived: number;
}

type Body =
  | { readonly t: 'psync'; readonly replid: string; readonly offset: number }
  | { readonly t: 'fullresync'; readonly replid: string; readonly offset: number }
  | {
      readonly t: 'rdb';
      readonly replid: string;
      readonly offset: number;
      readonly keyspace: JsonValue;
    }
  | {
      readonly t: 'continue';
      readonly replid: string;
      readonly start: number;
      readonly cmds: readonly Argv[];
      readonly sizes: readonly number[];
    }
  | {
      readonly t: 'cmds';
      readonly start: number;
      readonly cmds: readonly Argv[];
      readonly sizes: readonly number[];
    }
  | { readonly t: 'ack'; readonly offset: number }
  | { readonly t: 'getack' };

interface NodeData {
  readonly node: string;
}
interface WaitData {
  readonly node: string;
  readonly id: number;
}

const CRON = 'repl.cron';
const SYNC = 'repl.sync';
const WAIT_TIMEOUT = 'repl.wait-timeout';
const CHANNEL = 'repl';

const integer = (value: number): Reply => ({ kind: 'integer', value });
const bulk = (value: string): Reply => ({ kind: 'bulk', value });
const status = (value: string): Reply => ({ kind: 'status', value });
const errorReply = (message: string): Reply => ({ kind: 'error', message });
const hosted = (reply: Reply | undefined): HostedReply => ({ reply, micros: 0 });

function newRunId(ctx: WorldContext, stream: string): string {
  const rng = ctx.rng(stream);
  let id = '';
  for (let i = 0; i < 5; i++) id += rng.nextUint32().toString(16).padStart(8, '0');
  return id;
}

export class Replication implements Part, NodeHost {
  readonly id: string;
  readonly name: string;
  readonly node: RedisNode;
  readonly params: ReplicationParams;
  private role: 'master' | 'replica' = 'master';
  private configuredMaster: string | null;
  private replid = '';
  private replid2 = '0'.repeat(40);
  private secondOffset = -1;
  /** master_repl_offset on a master; the processed offset on a replica. */
  private offset = 0;
  private backlog: Backlog | null = null;
  private replicas = new Map<string, ReplicaEntry>();
  private masterName: string | null = null;
  private link: LinkState = 'connect';
  private lastIoAt = 0;
  private linkDownSince = 0;
  private lastAttemptAt = -Infinity;
  private lastAckSentAt = 0;
  private lastPingAt = 0;
  private syncPending = false;
  /** Writes appended this turn, not yet sent to the replicas. */
  private pending = false;
  private pendingStart = 0;
  private pendingCmds: Argv[] = [];
  private pendingSizes: number[] = [];
  /** EXEC's queued commands, seen by intercept before EXEC runs and empties the queue. */
  private execQueue: (readonly string[])[] | null = null;
  /** repl-backlog-size, read again when a CONFIG command runs. */
  private backlogSize = DEFAULT_BACKLOG;
  private waiters: Waiter[] = [];
  private nextWaitId = 1;
  private wasDown = false;
  private lastDb = -1;
  runId: string;
  readonly stats: ReplicationStats = {
    syncFull: 0,
    syncPartialOk: 0,
    syncPartialErr: 0,
    fullSyncsReceived: 0,
    partialSyncsReceived: 0,
  };
  private masterSession: Session | undefined;

  constructor(
    private readonly ctx: WorldContext,
    config: PartConfig,
  ) {
    this.name = config.name;
    this.id = `repl:${config.name}`;
    this.params = config.params as unknown as ReplicationParams;
    const e = ctx.endpoint(this.params.node);
    if (!(e instanceof RedisNode)) throw new Error(`replication: no node '${this.params.node}'`);
    this.node = e;
    this.configuredMaster = this.params.replicaOf ?? null;
    this.runId = newRunId(ctx, `repl:${this.params.node}:runid`);
    this.replid = this.newReplid();
    e.attach(this);
    const engine = e.engine;
    if (this.params.config !== undefined) Object.assign(engine.config, this.params.config);
    this.configChanged();
    const previous = engine.infoProvider;
    engine.infoProvider = (section, fields) =>
      this.info(section, previous ? previous(section, fields) : fields);
  }

  static install(ctx: WorldContext, lookup: (name: string) => Part | undefined): void {
    const of = (name: string): Replication | undefined => {
      const p = lookup(name);
      return p instanceof Replication ? p : undefined;
    };
    ctx.handle<NodeData>(CRON, (d) => of(d.node)?.cron());
    ctx.handle<NodeData>(SYNC, (d) => of(d.node)?.startSync());
    ctx.handle<WaitData>(WAIT_TIMEOUT, (d) => of(d.node)?.waitTimeout(d.id));
  }

  onStart(): void {
    if (this.configuredMaster !== null) this.becomeReplica(this.configuredMaster);
    this.ctx.schedule<NodeData>(CRON_MICROS as Micros, CRON, { node: this.name });
  }

  private get now(): number {
    return this.ctx.clock.now;
  }

  private newReplid(): string {
    return newRunId(this.ctx, `repl:${this.params.node}:replid`);
  }

  private config(name: string): number {
    const v = (this.node.engine.config as unknown as Record<string, unknown>)[name];
    return typeof v === 'number' ? v : 0;
  }

  // ---- observation ----

  get isMaster(): boolean {
    return this.role === 'master';
  }
  get master(): string | null {
    return this.masterName;
  }
  get replOffset(): number {
    return this.offset;
  }
  get linkStatus(): LinkState {
    return this.link;
  }
  get priority(): number {
    return this.params.priority ?? REPL_DEFAULTS.priority;
  }
  /** Replicas as the master sees them: name, state, acked offset. */
  replicaList(): { name: string; state: string; offset: number; lagMs: number }[] {
    return [...this.replicas.values()].map((r) => ({
      name: r.name,
      state: this.replicaState(r),
      offset: r.ackOffset,
      lagMs: Math.floor((this.now - r.lastAckAt) / 1000),
    }));
  }

  private replicaState(r: ReplicaEntry): ReplicaEntry['state'] {
    return r.state === 'send_bulk' && this.now >= r.onlineAt ? 'online' : r.state;
  }

  // ---- NodeHost ----

  readonly holdsReplies = false;

  intercept(session: Session, argv: readonly string[]): HostedReply | undefined {
    const first = argv[0] ?? '';
    // Only four command names are ours: skip the lowercasing for every other length.
    const n = first.length;
    if (n === 4 || n === 7 || n === 9) {
      switch (first.toLowerCase()) {
        case 'replicaof':
        case 'slaveof':
          return hosted(this.replicaofCommand(argv));
        case 'role':
          return hosted(argv.length === 1 ? this.roleReply() : wrongArity('role'));
        case 'wait':
          return hosted(this.waitCommand(session, argv));
        case 'exec':
          // The queue is gone once EXEC ran: keep it to send the transaction's writes.
          this.execQueue = session.multi?.map((q) => q.argv) ?? null;
          break;
        default:
          break;
      }
    }
    if (this.role === 'master') {
      const min = this.config('min-replicas-to-write');
      if (min <= 0 || this.config('min-replicas-max-lag') <= 0 || !this.writes(argv)) {
        return undefined;
      }
      return this.goodReplicas() < min ? hosted(errorReply(NOREPLICAS_ERROR)) : undefined;
    }
    if (!this.writes(argv)) return undefined;
    const readOnly = (this.node.engine.config as unknown as Record<string, unknown>)[
      'replica-read-only'
    ];
    return readOnly === 'no' ? undefined : hosted(errorReply(READONLY_ERROR));
  }

  private writes(argv: readonly string[]): boolean {
    const spec = lookupCommand(argv[0] ?? '');
    return spec !== undefined && spec.flags.includes('write');
  }

  /** Replicas online whose last ack is at most min-replicas-max-lag seconds old. */
  goodReplicas(): number {
    const maxLag = this.config('min-replicas-max-lag') * SECOND;
    let n = 0;
    for (const r of this.replicas.values()) {
      if (this.replicaState(r) === 'online' && this.now - r.lastAckAt <= maxLag) n++;
    }
    return n;
  }

  wrote(argv: readonly string[], db: number): number {
    const queued = this.execQueue;
    this.execQueue = null;
    if (this.role !== 'master') return 0;
    // The common write needs no rewriting: skip the lowercasing.
    if (argv.length === 3 && (argv[0] === 'SET' || argv[0] === 'set')) {
      this.feed(db, argv);
      return 0;
    }
    const nowMs = this.node.engine.nowMs();
    if (queued !== null && (argv[0] ?? '').toLowerCase() === 'exec') {
      // A transaction reaches the replicas as one (MULTI ... EXEC) when it wrote more than once.
      const writes = queued
        .filter((a) => this.writes(a))
        .map((a) => rewriteForReplicas(a, nowMs, true));
      if (writes.length > 1) this.feed(db, MULTI);
      for (const w of writes) this.feed(db, w);
      if (writes.length > 1) this.feed(db, EXEC);
      return 0;
    }
    this.feed(db, rewriteForReplicas(argv, nowMs));
    return 0;
  }

  /** Appends a command to the stream (and the backlog); sent at the turn's end. */
  private feed(db: number, argv: Argv): void {
    const backlog = this.backlog;
    if (backlog === null) return;
    if (db !== this.lastDb) {
      this.lastDb = db;
      this.append(backlog, ['SELECT', String(db)]);
    }
    this.append(backlog, argv);
  }

  private append(backlog: Backlog, argv: Argv): void {
    const bytes = respBytes(argv);
    if (!this.pending) {
      // A turn usually streams one command: arrays of one, not push()'s spare capacity.
      this.pending = true;
      this.pendingStart = this.offset;
      this.pendingCmds = [argv];
      this.pendingSizes = [bytes];
    } else {
      this.pendingCmds.push(argv);
      this.pendingSizes.push(bytes);
    }
    this.offset += bytes;
    backlog.push(argv, this.offset, this.backlogSize);
  }

  configChanged(): void {
    this.backlogSize = this.config('repl-backlog-size') || DEFAULT_BACKLOG;
  }

  endTurn(): number {
    this.flushStream();
    return 0;
  }

  private flushStream(): void {
    if (!this.pending) return;
    this.pending = false;
    const body: Body = {
      t: 'cmds',
      start: this.pendingStart,
      cmds: this.pendingCmds,
      sizes: this.pendingSizes,
    };
    for (const r of this.replicas.values()) {
      if (r.state !== 'wait_bgsave') this.sendTo(r.name, body);
    }
  }

  acknowledged(): void {}

  receive(message: Message): void {
    if (message.kind !== 'custom' || message.channel !== CHANNEL) return;
    const body = message.body as unknown as Body;
    const from = message.from;
    switch (body.t) {
      case 'psync':
        this.onPsync(from, body.replid, body.offset);
        return;
      case 'ack': {
        const r = this.replicas.get(from);
        if (r === undefined) return;
        r.ackOffset = Math.max(r.ackOffset, body.offset);
        r.lastAckAt = this.now;
        this.checkWaiters();
        return;
      }
      case 'getack':
        if (from === this.masterName && this.link === 'connected') this.sendAck();
        return;
      default:
        if (from !== this.masterName) return;
        this.lastIoAt = this.now;
        this.onStream(body);
    }
  }

  private sendTo(to: string, body: Body): void {
    this.ctx.send({
      kind: 'custom',
      from: this.node.name,
      to,
      req: 0,
      channel: CHANNEL,
      body: body as unknown as JsonValue,
    });
  }

  private note(text: string): void {
    this.ctx.trace.append({ type: 'note', at: this.ctx.clock.now, text });
  }

  // ---- master side ----

  private onPsync(replica: string, replid: string, offset: number): void {
    if (this.role !== 'master') return; // no chained replication: the replica retries
    const backlog = this.backlog;
    const idMatches =
      replid === this.replid || (replid === this.replid2 && offset <= this.secondOffset);
    if (idMatches && backlog !== null && backlog.covers(offset, this.offset)) {
      this.stats.syncPartialOk++;
      const { argvs, sizes } = backlog.since(offset - 1);
      this.replicas.set(replica, {
        name: replica,
        state: 'online',
        onlineAt: this.now,
        ackOffset: offset - 1,
        lastAckAt: this.now,
      });
      this.sendTo(replica, {
        t: 'continue',
        replid: this.replid,
        start: offset - 1,
        cmds: argvs,
        sizes,
      });
      this.note(`repl:partial ${replica}<-${this.node.name} from ${offset}`);
      return;
    }
    if (replid !== '?') this.stats.syncPartialErr++;
    this.stats.syncFull++;
    if (this.backlog === null) {
      // The first replica creates the backlog, under a fresh id (replication.c createReplicationBacklog).
      this.backlog = new Backlog(this.offset);
      this.replid = this.newReplid();
      this.replid2 = '0'.repeat(40);
      this.secondOffset = -1;
    }
    this.replicas.set(replica, {
      name: replica,
      state: 'wait_bgsave',
      onlineAt: 0,
      ackOffset: 0,
      lastAckAt: this.now,
    });
    this.sendTo(replica, { t: 'fullresync', replid: this.replid, offset: this.offset });
    this.note(`repl:full ${replica}<-${this.node.name}`);
    if (!this.syncPending) {
      this.syncPending = true;
      const delay = this.params.disklessDelayMicros ?? REPL_DEFAULTS.disklessDelayMicros;
      this.ctx.schedule<NodeData>(after(this.ctx.clock.now, delay), SYNC, { node: this.name });
    }
  }

  /** The diskless sync starts: the dataset streams to every replica waiting for it. */
  private startSync(): void {
    this.syncPending = false;
    if (this.node.down || this.role !== 'master') return;
    this.flushStream();
    const keyspace = dumpKeyspace(this.node.engine);
    const bytes = datasetBytes(keyspace);
    const rate = this.params.transferBytesPerSecond ?? REPL_DEFAULTS.transferBytesPerSecond;
    const base = this.params.syncBaseMicros ?? REPL_DEFAULTS.syncBaseMicros;
    const departs = after(this.ctx.clock.now, base + (bytes * 1e6) / rate);
    for (const r of this.replicas.values()) {
      if (r.state !== 'wait_bgsave') continue;
      r.state = 'send_bulk';
      r.onlineAt = departs;
      this.ctx.send(
        {
          kind: 'custom',
          from: this.node.name,
          to: r.name,
          req: 0,
          channel: CHANNEL,
          body: {
            t: 'rdb',
            replid: this.replid,
            offset: this.offset,
            keyspace: keyspace as unknown as JsonValue,
          },
        },
        departs,
      );
    }
  }

  private checkWaiters(): void {
    if (this.waiters.length === 0) return;
    const keep: Waiter[] = [];
    for (const w of this.waiters) {
      const acked = this.ackedAt(w.target);
      if (acked >= w.replicas) this.deliver(w.client, integer(acked));
      else keep.push(w);
    }
    this.waiters = keep;
  }

  private ackedAt(target: number): number {
    let n = 0;
    for (const r of this.replicas.values()) if (r.ackOffset >= target) n++;
    return n;
  }

  private deliver(client: string, reply: Reply): void {
    this.node.session(client).deliver?.(reply);
  }

  private waitTimeout(id: number): void {
    const i = this.waiters.findIndex((w) => w.id === id);
    if (i < 0) return;
    const w = this.waiters[i]!;
    this.waiters.splice(i, 1);
    this.deliver(w.client, integer(this.ackedAt(w.target)));
  }

  private waitCommand(session: Session, argv: readonly string[]): Reply | undefined {
    if (argv.length !== 3) return wrongArity('wait');
    if (this.role !== 'master') return errorReply(WAIT_ON_REPLICA_ERROR);
    const replicas = parseInteger(argv[1]!);
    const timeout = parseInteger(argv[2]!);
    if (replicas === null) return errorReply('ERR value is not an integer or out of range');
    if (timeout === null) return errorReply('ERR timeout is not an integer or out of range');
    if (timeout < 0) return errorReply('ERR timeout is negative');
    const target = this.offset;
    const acked = this.ackedAt(target);
    if (acked >= replicas) return integer(acked);
    const client = this.node.clientOf(session);
    if (client === undefined) return integer(acked);
    const id = this.nextWaitId++;
    this.waiters.push({ client, target, replicas, id });
    // beforeSleep asks the replicas for an ack (REPLCONF GETACK) behind the writes already
    // in the stream: send those first, or a replica would ack an offset short of the target.
    this.flushStream();
    for (const r of this.replicas.values()) {
      if (this.replicaState(r) === 'online') this.sendTo(r.name, { t: 'getack' });
    }
    if (timeout > 0) {
      const at = after(this.ctx.clock.now, timeout * 1000);
      this.ctx.schedule<WaitData>(at, WAIT_TIMEOUT, { node: this.name, id });
    }
    return undefined;
  }

  // ---- replica side ----

  private becomeReplica(master: string): void {
    if (this.role === 'master') {
      // A master turned replica tries to continue its own history (replicationCacheMasterUsingMyself).
      this.replicas.clear();
      this.failWaiters();
    }
    this.role = 'replica';
    this.masterName = master;
    this.configuredMaster = master;
    this.link = 'connect';
    this.linkDownSince = this.now;
    this.lastAttemptAt = -Infinity;
    this.pending = false;
    this.tryConnect();
  }

  private failWaiters(): void {
    for (const w of this.waiters) this.deliver(w.client, integer(0));
    this.waiters = [];
  }

  private tryConnect(): void {
    const master = this.masterName;
    if (master === null || this.node.down) return;
    this.lastAttemptAt = this.now;
    const m = this.ctx.endpoint(master);
    if (!(m instanceof RedisNode) || m.down) return; // connection refused: retry in a second
    this.link = 'connecting';
    const known = this.offset > 0 || this.backlog !== null;
    this.sendTo(master, {
      t: 'psync',
      replid: known ? this.replid : '?',
      offset: known ? this.offset + 1 : -1,
    });
  }

  private linkDown(reason: string): void {
    if (this.link === 'connect') return;
    this.link = 'connect';
    this.linkDownSince = this.now;
    this.note(`repl:link-down ${this.node.name}<-${this.masterName ?? '?'} ${reason}`);
  }

  private onStream(body: Body): void {
    switch (body.t) {
      case 'fullresync':
        if (this.link !== 'connecting') return;
        this.link = 'sync';
        return;
      case 'rdb': {
        if (this.link !== 'sync') return;
        restoreKeyspace(this.node.engine, body.keyspace as unknown as KeyspaceSnapshot);
        this.replid = body.replid;
        this.replid2 = '0'.repeat(40);
        this.secondOffset = -1;
        this.offset = body.offset;
        this.backlog = new Backlog(this.offset);
        this.link = 'connected';
        this.stats.fullSyncsReceived++;
        this.masterSession = undefined;
        this.lastDb = -1;
        this.note(`repl:loaded ${this.node.name} offset=${this.offset}`);
        this.sendAck();
        return;
      }
      case 'continue':
        if (this.link !== 'connecting') return;
        if (body.replid !== this.replid) {
          // The master changed id (a promotion): the old one stays valid up to here.
          this.replid2 = this.replid;
          this.secondOffset = this.offset + 1;
          this.replid = body.replid;
        }
        if (this.backlog === null) this.backlog = new Backlog(this.offset);
        this.link = 'connected';
        this.stats.partialSyncsReceived++;
        this.apply(body.start, body.cmds, body.sizes);
        this.sendAck();
        return;
      case 'cmds':
        if (this.link !== 'connected') return;
        if (body.start !== this.offset) {
          this.linkDown('gap');
          return;
        }
        this.apply(body.start, body.cmds, body.sizes);
        return;
      default:
        return;
    }
  }

  /** Runs the master's commands on the main thread (their service time blocks it). */
  private apply(start: number, cmds: readonly Argv[], sizes: readonly number[]): void {
    const engine = this.node.engine;
    let session = this.masterSession;
    if (session === undefined) {
      session = this.masterSession = engine.createSession();
    }
    let micros = 0;
    let offset = start;
    const backlog = this.backlog!;
    const size = this.backlogSize;
    for (let i = 0; i < cmds.length; i++) {
      const argv = cmds[i]!;
      offset += sizes[i]!;
      if (offset <= this.offset) continue; // already applied
      if (argv !== PING && argv[0] !== 'PING') {
        micros += serviceTimeMicros(engine, session, argv);
        engine.execute(session, argv);
      }
      this.offset = offset;
      backlog.push(argv, offset, size);
    }
    if (micros > 0) this.node.blockMain(micros);
  }

  private sendAck(): void {
    if (this.masterName === null) return;
    this.lastAckSentAt = this.now;
    this.sendTo(this.masterName, { t: 'ack', offset: this.offset });
  }

  // ---- cron ----

  private cron(): void {
    const now = this.now;
    this.ctx.schedule<NodeData>(after(this.ctx.clock.now, CRON_MICROS), CRON, {
      node: this.name,
    });
    // CONFIG SET may have come another way than a client's command (a test, the console).
    this.configChanged();
    if (this.node.down) {
      if (!this.wasDown) this.processDied();
      return;
    }
    if (this.wasDown) this.processRestarted();
    if (this.role === 'replica') this.replicaCron(now);
    else this.masterCron(now);
  }

  private replicaCron(now: number): void {
    const master = this.masterName;
    const m = master === null ? undefined : this.ctx.endpoint(master);
    if (this.link !== 'connect' && m instanceof RedisNode && m.down) this.linkDown('reset');
    const timeout = this.config('repl-timeout') * SECOND;
    if (this.link === 'connected' && now - this.lastIoAt > timeout) this.linkDown('timeout');
    if (this.link === 'connecting' && now - this.lastAttemptAt > timeout) this.linkDown('timeout');
    if (this.link === 'sync' && now - this.lastAttemptAt > timeout * 10) this.linkDown('timeout');
    if (this.link === 'connect' && now - this.lastAttemptAt >= SECOND) this.tryConnect();
    if (this.link === 'connected' && now - this.lastAckSentAt >= SECOND) this.sendAck();
  }

  private masterCron(now: number): void {
    const timeout = this.config('repl-timeout') * SECOND;
    for (const r of [...this.replicas.values()]) {
      const e = this.ctx.endpoint(r.name);
      const gone = e instanceof RedisNode && e.down;
      const silent = this.replicaState(r) === 'online' && now - r.lastAckAt > timeout;
      if (gone || silent) {
        this.replicas.delete(r.name);
        this.note(`repl:replica-lost ${this.node.name}->${r.name}`);
      }
    }
    const period = this.config('repl-ping-replica-period') * SECOND;
    if (this.backlog !== null && this.replicas.size > 0 && now - this.lastPingAt >= period) {
      this.lastPingAt = now;
      this.feed(this.lastDb < 0 ? 0 : this.lastDb, PING);
      this.flushStream();
    }
  }

  /** The process died: everything in memory is gone (the node already dropped its clients). */
  private processDied(): void {
    this.wasDown = true;
    this.replicas.clear();
    this.waiters = [];
    this.pending = false;
    this.syncPending = false;
    this.note(`repl:down ${this.node.name}`);
  }

  /** Back up empty: a new run id and replid; the role its config file says. */
  private processRestarted(): void {
    this.wasDown = false;
    this.runId = newRunId(this.ctx, `repl:${this.params.node}:runid`);
    this.replid = this.newReplid();
    this.replid2 = '0'.repeat(40);
    this.secondOffset = -1;
    this.offset = 0;
    this.backlog = null;
    this.lastDb = -1;
    this.masterSession = undefined;
    this.role = 'master';
    this.masterName = null;
    if (this.configuredMaster !== null) this.becomeReplica(this.configuredMaster);
  }

  // ---- commands ----

  private replicaofCommand(argv: readonly string[]): Reply {
    if (argv.length !== 3) return wrongArity((argv[0] ?? '').toLowerCase());
    const host = argv[1]!;
    const port = argv[2]!;
    if (host.toLowerCase() === 'no' && port.toLowerCase() === 'one') {
      if (this.role === 'master') return status('OK');
      this.promote();
      return status('OK');
    }
    if (parseInteger(port) === null) return errorReply('ERR Invalid master port');
    if (this.role === 'replica' && this.masterName === host) {
      return status('OK Already connected to specified master');
    }
    this.note(`repl:replicaof ${this.node.name} ${host}`);
    this.becomeReplica(host);
    return status('OK');
  }

  /** REPLICAOF NO ONE: a new history starts; the old id stays valid up to here (shiftReplicationId). */
  private promote(): void {
    this.replid2 = this.replid;
    this.secondOffset = this.offset + 1;
    this.replid = this.newReplid();
    this.role = 'master';
    this.masterName = null;
    this.configuredMaster = null;
    this.link = 'connect';
    this.lastDb = -1;
    if (this.backlog === null) this.backlog = new Backlog(this.offset);
    this.note(`repl:promoted ${this.node.name}`);
  }

  private roleReply(): Reply {
    if (this.role === 'master') {
      return {
        kind: 'array',
        items: [
          bulk('master'),
          integer(this.offset),
          {
            kind: 'array',
            items: [...this.replicas.values()].map((r) => ({
              kind: 'array',
              items: [bulk(r.name), bulk(String(REDIS_PORT)), bulk(String(r.ackOffset))],
            })),
          },
        ],
      };
    }
    const state = this.link === 'sync' ? 'sync' : this.link;
    return {
      kind: 'array',
      items: [
        bulk('slave'),
        bulk(this.masterName ?? ''),
        integer(REDIS_PORT),
        bulk(state),
        integer(this.link === 'connected' ? this.offset : -1),
      ],
    };
  }

  /** INFO: the server's run id, the replication section, and the sync counters in stats. */
  private info(section: InfoSectionName, fields: readonly InfoField[]): readonly InfoField[] {
    if (section === 'server') {
      return fields.map((f) => (f[0] === 'run_id' ? ['run_id', this.runId] : f));
    }
    if (section === 'stats') {
      return fields.map((f) => {
        switch (f[0]) {
          case 'sync_full':
            return ['sync_full', this.stats.syncFull];
          case 'sync_partial_ok':
            return ['sync_partial_ok', this.stats.syncPartialOk];
          case 'sync_partial_err':
            return ['sync_partial_err', this.stats.syncPartialErr];
          default:
            return f;
        }
      });
    }
    if (section !== 'replication') return fields;
    const out: InfoField[] = [];
    const now = this.now;
    if (this.role === 'master') {
      out.push(['role', 'master'], ['connected_slaves', this.replicas.size]);
      if (this.config('min-replicas-to-write') > 0 && this.config('min-replicas-max-lag') > 0) {
        out.push(['min_slaves_good_slaves', this.goodReplicas()]);
      }
      let i = 0;
      for (const r of this.replicas.values()) {
        const lag = Math.floor((now - r.lastAckAt) / SECOND);
        out.push([
          `slave${i++}`,
          `ip=${r.name},port=${REDIS_PORT},state=${this.replicaState(r)},offset=${r.ackOffset},lag=${lag}`,
        ]);
      }
    } else {
      const up = this.link === 'connected';
      out.push(
        ['role', 'slave'],
        ['master_host', this.masterName ?? ''],
        ['master_port', REDIS_PORT],
        ['master_link_status', up ? 'up' : 'down'],
        ['master_last_io_seconds_ago', up ? Math.floor((now - this.lastIoAt) / SECOND) : -1],
        ['master_sync_in_progress', this.link === 'sync' ? 1 : 0],
        ['slave_read_repl_offset', this.offset],
        ['slave_repl_offset', this.offset],
      );
      if (!up) {
        out.push([
          'master_link_down_since_seconds',
          Math.floor((now - this.linkDownSince) / SECOND),
        ]);
      }
      out.push(
        ['slave_priority', this.priority],
        ['slave_read_only', 1],
        ['replica_announced', 1],
        ['connected_slaves', 0],
      );
    }
    const b = this.backlog;
    const histlen = b === null ? 0 : b.histlen(this.offset);
    out.push(
      ['master_failover_state', 'no-failover'],
      ['master_replid', this.replid],
      ['master_replid2', this.replid2],
      ['master_repl_offset', this.offset],
      ['second_repl_offset', this.secondOffset],
      ['repl_backlog_active', b === null ? 0 : 1],
      ['repl_backlog_size', this.config('repl-backlog-size')],
      ['repl_backlog_first_byte_offset', b === null ? 0 : this.offset - histlen + 1],
      ['repl_backlog_histlen', histlen],
    );
    return out;
  }

  // ---- checkpoints ----

  snapshot(): ReplicationState {
    return {
      role: this.role,
      configuredMaster: this.configuredMaster,
      replid: this.replid,
      replid2: this.replid2,
      secondOffset: this.secondOffset,
      offset: this.offset,
      backlog: this.backlog?.snapshot() ?? null,
      replicas: [...this.replicas.values()].map((r) => ({ ...r })),
      masterName: this.masterName,
      link: this.link,
      lastIoAt: this.lastIoAt,
      linkDownSince: this.linkDownSince,
      lastAttemptAt: Number.isFinite(this.lastAttemptAt) ? this.lastAttemptAt : -1e15,
      lastAckSentAt: this.lastAckSentAt,
      lastPingAt: this.lastPingAt,
      syncPending: this.syncPending,
      pending: false,
      waiters: this.waiters.map((w) => ({ ...w })),
      nextWaitId: this.nextWaitId,
      wasDown: this.wasDown,
      runId: this.runId,
      stats: { ...this.stats },
      lastDb: this.lastDb,
    };
  }

  restore(raw: unknown): void {
    const s = raw as ReplicationState;
    this.role = s.role;
    this.configuredMaster = s.configuredMaster;
    this.replid = s.replid;
    this.replid2 = s.replid2;
    this.secondOffset = s.secondOffset;
    this.offset = s.offset;
    this.backlog = s.backlog === null ? null : Backlog.restore(s.backlog);
    this.replicas = new Map(s.replicas.map((r) => [r.name, { ...r }]));
    this.masterName = s.masterName;
    this.link = s.link;
    this.lastIoAt = s.lastIoAt;
    this.linkDownSince = s.linkDownSince;
    this.lastAttemptAt = s.lastAttemptAt;
    this.lastAckSentAt = s.lastAckSentAt;
    this.lastPingAt = s.lastPingAt;
    this.syncPending = s.syncPending;
    this.pending = false;
    this.waiters = s.waiters.map((w) => ({ ...w }));
    this.nextWaitId = s.nextWaitId;
    this.wasDown = s.wasDown;
    this.runId = s.runId;
    Object.assign(this.stats, s.stats);
    this.lastDb = s.lastDb;
    this.masterSession = undefined;
    this.configChanged();
  }
}

function wrongArity(name: string): Reply {
  return errorReply(`ERR wrong number of arguments for '${name}' command`);
}

function parseInteger(text: string): number | null {
  if (!/^-?\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

export const replicationKind: PartKind = {
  install: (ctx, lookup) => Replication.install(ctx, lookup),
  create: (ctx, config) => new Replication(ctx, config),
};

/** A node's replication part as config data. */
export function replicationPart(params: ReplicationParams): PartConfig {
  return {
    kind: 'replication',
    name: `repl@${params.node}`,
    params: params as unknown as JsonValue,
  };
}
