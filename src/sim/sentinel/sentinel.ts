import type { Reply } from '../../engine/index.ts';
import { after } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { SimRng } from '../core/rng.ts';
import type { Message, WorldContext } from '../world/context.ts';
import { RedisNode } from '../world/node.ts';
import type { Part, PartConfig, PartKind } from '../world/world.ts';
import { REDIS_PORT } from '../replication/replication.ts';

/**
 * One Redis Sentinel (sentinel.c, 7.0) watching one master and its replicas. Its timer runs
 * at a randomised hz (10-19, redrawn each tick, as Sentinel does to desynchronise): it PINGs
 * every instance each second, sends INFO every 10 s (every second to replicas while the
 * master is down or failing over), marks an instance SDOWN when no valid reply came for
 * down-after-milliseconds, asks the other sentinels (is-master-down-by-addr, each second)
 * and marks ODOWN at quorum. Then it starts a failover under a new epoch, asks for votes,
 * and if a majority (and at least the quorum) elects it, promotes the best replica
 * (priority, offset, run id), re-points the others parallel-syncs at a time, and switches.
 * Besides Sentinel's own events it notes `+selection <best> by <rule> <candidates>`, which
 * Redis does not log, so a lesson can say why that replica won.
 *
 * Simplification: hello messages go straight from sentinel to sentinel (Redis publishes
 * them on `__sentinel__:hello` through the instances); what they carry is the same.
 */

export interface SentinelParams {
  /** The monitored master's name (`mymaster`). */
  readonly masterName: string;
  /** The node that is master at start. */
  readonly master: string;
  /** Every data node (the replicas are discovered through INFO in Redis; known here). */
  readonly nodes: readonly string[];
  /** Every sentinel, this one included. */
  readonly sentinels: readonly string[];
  readonly quorum: number;
  readonly downAfterMs?: number;
  readonly failoverTimeoutMs?: number;
  readonly parallelSyncs?: number;
}

export const SENTINEL_DEFAULTS = {
  downAfterMs: 30_000,
  failoverTimeoutMs: 180_000,
  parallelSyncs: 1,
  pingPeriodMs: 1_000,
  infoPeriodMs: 10_000,
  askPeriodMs: 1_000,
  publishPeriodMs: 2_000,
  electionTimeoutMs: 10_000,
  slaveReconfTimeoutMs: 10_000,
  maxDesyncMs: 1_000,
} as const;

type FailoverState =
  | 'none'
  | 'wait-start'
  | 'select-slave'
  | 'send-slaveof-noone'
  | 'wait-promotion'
  | 'reconf-slaves'
  | 'update-config';

interface Instance {
  readonly name: string;
  disconnected: boolean;
  lastReconnAt: number;
  /** When the oldest unanswered PING left (0: none pending), and the last valid reply. */
  actPingAt: number;
  lastPingAt: number;
  lastAvailAt: number;
  lastPongAt: number;
  lastInfoAt: number;
  infoRefreshAt: number;
  sdown: boolean;
  sdownSince: number;
  role: 'master' | 'slave' | '';
  roleReportedAt: number;
  masterHost: string;
  linkUp: boolean;
  linkDownMs: number;
  offset: number;
  priority: number;
  runId: string;
  promoted: boolean;
  reconf: 'none' | 'sent' | 'inprog' | 'done';
  reconfSentAt: number;
  convertSentAt: number;
}

interface Peer {
  readonly name: string;
  lastDownReplyAt: number;
  masterDown: boolean;
  leader: string | null;
  leaderEpoch: number;
}

interface SentinelState {
  readonly master: string;
  readonly configEpoch: number;
  readonly currentEpoch: number;
  readonly instances: readonly Instance[];
  readonly peers: readonly Peer[];
  readonly odown: boolean;
  readonly odownSince: number;
  readonly failover: FailoverState;
  readonly failoverEpoch: number;
  readonly failoverStartAt: number;
  readonly failoverChangeAt: number;
  readonly promoted: string | null;
  readonly leader: string | null;
  readonly leaderEpoch: number;
  readonly lastPubAt: number;
  readonly pending: readonly (readonly [number, string, string])[];
  readonly namedAt: readonly (readonly [string, number])[];
}

type Body =
  | {
      readonly t: 'ask';
      readonly master: string;
      readonly epoch: number;
      readonly runid: string;
    }
  | {
      readonly t: 'answer';
      readonly down: boolean;
      readonly leader: string;
      readonly leaderEpoch: number;
    }
  | {
      readonly t: 'hello';
      readonly master: string;
      readonly configEpoch: number;
      readonly currentEpoch: number;
    };

interface TickData {
  readonly part: string;
}

const TICK = 'sentinel.tick';
const CHANNEL = 'sentinel';

const bulk = (value: string): Reply => ({ kind: 'bulk', value });

export class Sentinel implements Part {
  readonly id: string;
  readonly name: string;
  readonly params: SentinelParams;
  private readonly rng: SimRng;
  private master: string;
  private configEpoch = 0;
  private currentEpoch = 0;
  private instances = new Map<string, Instance>();
  private peers = new Map<string, Peer>();
  private odown = false;
  private odownSince = 0;
  private failover: FailoverState = 'none';
  private failoverEpoch = 0;
  private failoverStartAt = 0;
  private failoverChangeAt = 0;
  private promoted: string | null = null;
  /** My vote: whom, in which epoch. */
  private leader: string | null = null;
  private leaderEpoch = 0;
  private lastPubAt = 0;
  /** Requests in flight to instances: id → [node, what]. */
  private pending = new Map<number, readonly [string, string]>();
  /** When this sentinel first answered each node as the master. */
  private namedAt = new Map<string, number>();
  private readonly tickData: TickData;

  constructor(
    private readonly ctx: WorldContext,
    config: PartConfig,
  ) {
    this.name = config.name;
    this.id = `sentinel:${config.name}`;
    this.params = config.params as unknown as SentinelParams;
    this.rng = ctx.rng(`sentinel:${config.name}`);
    this.tickData = { part: this.name };
    this.master = this.params.master;
    this.namedAt.set(this.master, 0);
    for (const n of this.params.nodes) this.instances.set(n, newInstance(n));
    for (const s of this.params.sentinels) {
      if (s !== this.name) {
        this.peers.set(s, {
          name: s,
          lastDownReplyAt: 0,
          masterDown: false,
          leader: null,
          leaderEpoch: 0,
        });
      }
    }
  }

  static install(ctx: WorldContext, lookup: (name: string) => Part | undefined): void {
    ctx.handle<TickData>(TICK, (d) => {
      const p = lookup(d.part);
      if (p instanceof Sentinel) p.tick();
    });
  }

  onStart(): void {
    this.scheduleTick();
  }

  private get now(): number {
    return this.ctx.clock.now;
  }
  private ms(n: number): number {
    return n * 1000;
  }
  private get downAfter(): number {
    return this.ms(this.params.downAfterMs ?? SENTINEL_DEFAULTS.downAfterMs);
  }
  private get failoverTimeout(): number {
    return this.ms(this.params.failoverTimeoutMs ?? SENTINEL_DEFAULTS.failoverTimeoutMs);
  }

  /** The master this sentinel would answer get-master-addr-by-name with. */
  currentMaster(): string {
    if (
      this.failover !== 'none' &&
      this.promoted !== null &&
      this.failoverAtLeast('reconf-slaves')
    ) {
      return this.promoted;
    }
    return this.master;
  }

  /** When this sentinel first named `node` as the master (µs), if it did. */
  namedMasterAt(node: string): number | undefined {
    return this.namedAt.get(node);
  }

  get epoch(): number {
    return this.currentEpoch;
  }

  isSdown(node: string): boolean {
    return this.instances.get(node)?.sdown ?? false;
  }

  get isOdown(): boolean {
    return this.odown;
  }

  get failoverState(): FailoverState {
    return this.failover;
  }

  private failoverAtLeast(state: FailoverState): boolean {
    const order: FailoverState[] = [
      'none',
      'wait-start',
      'select-slave',
      'send-slaveof-noone',
      'wait-promotion',
      'reconf-slaves',
      'update-config',
    ];
    return order.indexOf(this.failover) >= order.indexOf(state);
  }

  private scheduleTick(): void {
    // server.hz = 10 + rand() % 10 each time: the timers of several sentinels drift apart.
    const hz = 10 + this.rng.int(10);
    this.ctx.schedule<TickData>(after(this.ctx.clock.now, 1_000_000 / hz), TICK, this.tickData);
  }

  private event(text: string): void {
    this.ctx.trace.append({ type: 'note', at: this.ctx.clock.now, text: `${this.name} ${text}` });
  }

  private noteNamed(): void {
    const m = this.currentMaster();
    if (!this.namedAt.has(m)) this.namedAt.set(m, this.now);
  }

  // ---- the timer ----

  private tick(): void {
    this.scheduleTick();
    // The master first, then its replicas (sentinelHandleDictOfRedisInstances): a replica's
    // INFO period already follows the master's state decided in this very tick.
    const m = this.instances.get(this.master);
    if (m !== undefined) {
      this.handleInstance(m);
      this.checkObjectivelyDown(m);
      if (this.startFailoverIfNeeded()) this.askOthers(true);
      this.failoverStateMachine();
      this.askOthers(false);
    }
    for (const inst of this.instances.values()) if (inst !== m) this.handleInstance(inst);
    if (this.now - this.lastPubAt >= this.ms(SENTINEL_DEFAULTS.publishPeriodMs)) this.hello();
    this.noteNamed();
  }

  private handleInstance(inst: Instance): void {
    const now = this.now;
    const e = this.ctx.endpoint(inst.name);
    const processDown = e instanceof RedisNode && e.down;
    // The kernel resets the connections of a dead process: the link drops at once.
    if (processDown && !inst.disconnected) inst.disconnected = true;
    if (inst.disconnected && !processDown) {
      if (now - inst.lastReconnAt >= this.ms(SENTINEL_DEFAULTS.pingPeriodMs)) {
        inst.lastReconnAt = now;
        inst.disconnected = false;
        this.sendPing(inst);
      }
    } else if (
      inst.disconnected &&
      now - inst.lastReconnAt >= this.ms(SENTINEL_DEFAULTS.pingPeriodMs)
    ) {
      // A connection attempt: the PING is queued on it, so the wait counts from here.
      inst.lastReconnAt = now;
      if (inst.actPingAt === 0) inst.actPingAt = now;
    }
    if (!inst.disconnected) this.sendPeriodic(inst);
    this.checkSubjectivelyDown(inst);
  }

  private sendPeriodic(inst: Instance): void {
    const now = this.now;
    const ping = this.ms(SENTINEL_DEFAULTS.pingPeriodMs);
    let infoPeriod = this.ms(SENTINEL_DEFAULTS.infoPeriodMs);
    const isReplica = inst.name !== this.master;
    if (isReplica && (this.odown || this.failover !== 'none' || !inst.linkUp)) infoPeriod = ping;
    if (inst.name === this.promoted) infoPeriod = ping;
    if (inst.infoRefreshAt === 0 || now - inst.infoRefreshAt > infoPeriod) {
      if (now - inst.lastInfoAt < infoPeriod / 2) return this.maybePing(inst);
      inst.lastInfoAt = now;
      this.request(inst.name, 'info', ['INFO']);
    }
    this.maybePing(inst);
  }

  private maybePing(inst: Instance): void {
    const now = this.now;
    const ping = this.ms(SENTINEL_DEFAULTS.pingPeriodMs);
    if (now - inst.lastPongAt > ping && now - inst.lastPingAt > ping / 2) this.sendPing(inst);
  }

  private sendPing(inst: Instance): void {
    inst.lastPingAt = this.now;
    if (inst.actPingAt === 0) inst.actPingAt = this.now;
    this.request(inst.name, 'ping', ['PING']);
  }

  private request(node: string, what: string, argv: string[]): void {
    const req = this.ctx.nextId();
    this.pending.set(req, [node, what]);
    this.ctx.send({ kind: 'request', from: this.name, to: node, req, argv });
  }

  private checkSubjectivelyDown(inst: Instance): void {
    const now = this.now;
    let elapsed = 0;
    if (inst.actPingAt !== 0) elapsed = now - inst.actPingAt;
    else if (inst.disconnected) elapsed = now - inst.lastAvailAt;
    const masterClaimsSlave =
      inst.name === this.master &&
      inst.role === 'slave' &&
      now - inst.roleReportedAt > this.downAfter + 2 * this.ms(SENTINEL_DEFAULTS.infoPeriodMs);
    if (elapsed > this.downAfter || masterClaimsSlave) {
      if (!inst.sdown) {
        inst.sdown = true;
        inst.sdownSince = now;
        this.event(`+sdown ${inst.name}`);
      }
    } else if (inst.sdown) {
      inst.sdown = false;
      this.event(`-sdown ${inst.name}`);
    }
  }

  private checkObjectivelyDown(m: Instance): void {
    let votes = 0;
    if (m.sdown) {
      votes = 1;
      for (const p of this.peers.values()) if (p.masterDown) votes++;
    }
    const odown = m.sdown && votes >= this.params.quorum;
    if (odown && !this.odown) {
      this.odown = true;
      this.odownSince = this.now;
      this.event(`+odown ${m.name} #quorum ${votes}/${this.params.quorum}`);
    } else if (!odown && this.odown) {
      this.odown = false;
      this.event(`-odown ${m.name}`);
    }
  }

  private startFailoverIfNeeded(): boolean {
    if (!this.odown || this.failover !== 'none') return false;
    if (this.now - this.failoverStartAt < this.failoverTimeout * 2 && this.failoverStartAt > 0) {
      return false;
    }
    this.failover = 'wait-start';
    this.failoverEpoch = ++this.currentEpoch;
    this.event(`+new-epoch ${this.currentEpoch}`);
    this.event(`+try-failover ${this.master}`);
    this.failoverStartAt = this.now + this.ms(this.rng.int(SENTINEL_DEFAULTS.maxDesyncMs));
    this.failoverChangeAt = this.now;
    return true;
  }

  private askOthers(forced: boolean): void {
    const m = this.instances.get(this.master);
    if (m === undefined) return;
    const now = this.now;
    for (const p of this.peers.values()) {
      if (now - p.lastDownReplyAt > this.ms(SENTINEL_DEFAULTS.askPeriodMs * 5)) {
        p.masterDown = false;
        p.leader = null;
      }
      if (!m.sdown) continue;
      if (!forced && now - p.lastDownReplyAt < this.ms(SENTINEL_DEFAULTS.askPeriodMs)) continue;
      this.sendPeer(p.name, {
        t: 'ask',
        master: this.master,
        epoch: this.currentEpoch,
        runid: this.failover !== 'none' ? this.name : '*',
      });
    }
  }

  private sendPeer(to: string, body: Body, req = 0): void {
    this.ctx.send({
      kind: 'custom',
      from: this.name,
      to,
      req,
      channel: CHANNEL,
      body: body as unknown as JsonValue,
    });
  }

  private hello(): void {
    this.lastPubAt = this.now;
    for (const p of this.peers.values()) {
      this.sendPeer(p.name, {
        t: 'hello',
        master: this.currentMaster(),
        configEpoch: this.configEpoch,
        currentEpoch: this.currentEpoch,
      });
    }
  }

  // ---- election ----

  private voteLeader(reqEpoch: number, runid: string): { leader: string | null; epoch: number } {
    if (reqEpoch > this.currentEpoch) {
      this.currentEpoch = reqEpoch;
      this.event(`+new-epoch ${reqEpoch}`);
    }
    if (this.leaderEpoch < reqEpoch && this.currentEpoch <= reqEpoch) {
      this.leader = runid;
      this.leaderEpoch = this.currentEpoch;
      this.event(`+vote-for-leader ${runid} ${this.leaderEpoch}`);
      // Voting for someone else: do not start our own attempt for a while.
      if (runid !== this.name) {
        this.failoverStartAt = this.now + this.ms(this.rng.int(SENTINEL_DEFAULTS.maxDesyncMs));
      }
    }
    return { leader: this.leader, epoch: this.leaderEpoch };
  }

  private getLeader(epoch: number): string | null {
    const counts = new Map<string, number>();
    for (const p of this.peers.values()) {
      if (p.leader !== null && p.leaderEpoch === this.currentEpoch) {
        counts.set(p.leader, (counts.get(p.leader) ?? 0) + 1);
      }
    }
    let winner: string | null = null;
    let max = 0;
    for (const [name, n] of counts) {
      if (n > max) {
        max = n;
        winner = name;
      }
    }
    const mine = this.voteLeader(epoch, winner ?? this.name);
    if (mine.leader !== null && mine.epoch === epoch) {
      const n = (counts.get(mine.leader) ?? 0) + 1;
      counts.set(mine.leader, n);
      if (n > max) {
        max = n;
        winner = mine.leader;
      }
    }
    const voters = this.peers.size + 1;
    if (winner !== null && (max < Math.floor(voters / 2) + 1 || max < this.params.quorum)) {
      winner = null;
    }
    return winner;
  }

  // ---- failover ----

  private failoverStateMachine(): void {
    switch (this.failover) {
      case 'wait-start':
        return this.waitStart();
      case 'select-slave':
        return this.selectSlave();
      case 'send-slaveof-noone':
        return this.sendSlaveofNoOne();
      case 'wait-promotion':
        if (this.now - this.failoverChangeAt > this.failoverTimeout) this.abort('slave-timeout');
        return;
      case 'reconf-slaves':
        return this.reconfNextSlave();
      case 'update-config':
        return this.switchToPromoted();
      case 'none':
        return;
    }
  }

  private waitStart(): void {
    const leader = this.getLeader(this.failoverEpoch);
    if (leader !== this.name) {
      const timeout = Math.min(this.ms(SENTINEL_DEFAULTS.electionTimeoutMs), this.failoverTimeout);
      if (this.now - this.failoverStartAt > timeout) this.abort('not-elected');
      return;
    }
    this.event(`+elected-leader ${this.master}`);
    this.setFailover('select-slave');
  }

  private setFailover(state: FailoverState): void {
    this.failover = state;
    this.failoverChangeAt = this.now;
    this.event(`+failover-state-${state}`);
  }

  private abort(why: string): void {
    this.event(`-failover-abort-${why} ${this.master}`);
    this.failover = 'none';
    this.failoverChangeAt = this.now;
    if (this.promoted !== null) this.instances.get(this.promoted)!.promoted = false;
    this.promoted = null;
  }

  private replicasOfMaster(): Instance[] {
    return [...this.instances.values()].filter((i) => i.name !== this.master);
  }

  private selectSlave(): void {
    const now = this.now;
    const m = this.instances.get(this.master)!;
    const maxDown = (m.sdown ? now - m.sdownSince : 0) + this.downAfter * 10;
    const ok = this.replicasOfMaster().filter(
      (s) =>
        !s.sdown &&
        !s.disconnected &&
        s.role === 'slave' &&
        now - s.lastAvailAt <= this.ms(SENTINEL_DEFAULTS.pingPeriodMs * 5) &&
        s.priority !== 0 &&
        now - s.infoRefreshAt <= this.ms(SENTINEL_DEFAULTS.pingPeriodMs * 5) &&
        s.linkDownMs * 1000 <= maxDown,
    );
    ok.sort((a, b) =>
      a.priority !== b.priority
        ? a.priority - b.priority
        : a.offset !== b.offset
          ? b.offset - a.offset
          : a.runId.toLowerCase() < b.runId.toLowerCase()
            ? -1
            : 1,
    );
    const best = ok[0];
    if (best === undefined) {
      this.abort('no-good-slave');
      return;
    }
    this.event(`+selected-slave ${best.name}`);
    this.event(`+selection ${best.name} by ${decidedBy(ok)} ${ok.map(candidateText).join(' ')}`);
    best.promoted = true;
    this.promoted = best.name;
    this.setFailover('send-slaveof-noone');
  }

  private sendSlaveofNoOne(): void {
    const p = this.instances.get(this.promoted!)!;
    if (p.disconnected) {
      if (this.now - this.failoverChangeAt > this.failoverTimeout) this.abort('slave-timeout');
      return;
    }
    this.request(p.name, 'slaveof', ['REPLICAOF', 'NO', 'ONE']);
    this.setFailover('wait-promotion');
  }

  private reconfNextSlave(): void {
    const now = this.now;
    const promoted = this.promoted!;
    const others = this.replicasOfMaster().filter((s) => s.name !== promoted);
    let inProgress = others.filter((s) => s.reconf === 'sent' || s.reconf === 'inprog').length;
    const parallel = this.params.parallelSyncs ?? SENTINEL_DEFAULTS.parallelSyncs;
    for (const s of others) {
      if (inProgress >= parallel) break;
      if (s.reconf === 'done') continue;
      if (
        s.reconf === 'sent' &&
        now - s.reconfSentAt > this.ms(SENTINEL_DEFAULTS.slaveReconfTimeoutMs)
      ) {
        s.reconf = 'done';
      }
      if (s.reconf !== 'none' || s.disconnected) continue;
      this.request(s.name, 'slaveof', ['REPLICAOF', promoted, String(REDIS_PORT)]);
      s.reconf = 'sent';
      s.reconfSentAt = now;
      this.event(`+slave-reconf-sent ${s.name}`);
      inProgress++;
    }
    // The old master is not among the slaves to wait for: it is down.
    const notDone = others.filter((s) => s.reconf !== 'done' && !s.sdown).length;
    const timedOut = now - this.failoverChangeAt > this.failoverTimeout;
    if (notDone === 0 || timedOut) {
      this.event(timedOut ? '+failover-end-for-timeout' : '+failover-end');
      this.setFailover('update-config');
    }
  }

  private switchToPromoted(): void {
    const old = this.master;
    const promoted = this.promoted ?? old;
    this.event(`+switch-master ${this.params.masterName} ${old} ${promoted}`);
    this.resetTo(promoted);
  }

  /** sentinelResetMasterAndChangeAddress: a new master, every instance's state fresh. */
  private resetTo(master: string): void {
    this.master = master;
    this.failover = 'none';
    this.failoverChangeAt = this.now;
    this.promoted = null;
    this.odown = false;
    for (const n of this.params.nodes) {
      const prev = this.instances.get(n)!;
      const fresh = newInstance(n);
      fresh.lastAvailAt = this.now;
      fresh.actPingAt = this.now;
      fresh.disconnected = prev.disconnected;
      this.instances.set(n, fresh);
    }
    this.noteNamed();
  }

  // ---- replies ----

  receive(message: Message): void {
    if (message.kind === 'request') {
      this.ctx.send({
        kind: 'reply',
        from: this.name,
        to: message.from,
        req: message.req,
        reply: this.command(message.argv),
      });
      return;
    }
    if (message.kind === 'reply') {
      const what = this.pending.get(message.req);
      if (what === undefined) return;
      this.pending.delete(message.req);
      this.onReply(what[0], what[1], message.reply);
      return;
    }
    if (message.channel !== CHANNEL) return;
    const body = message.body as unknown as Body;
    if (body.t === 'ask') {
      const m = this.instances.get(this.master);
      const down = body.master === this.master && m !== undefined && m.sdown;
      let leader = '*';
      let leaderEpoch = 0;
      if (body.runid !== '*' && body.master === this.master) {
        const v = this.voteLeader(body.epoch, body.runid);
        leader = v.leader ?? '*';
        leaderEpoch = v.epoch;
      }
      this.sendPeer(message.from, { t: 'answer', down, leader, leaderEpoch });
    } else if (body.t === 'answer') {
      const p = this.peers.get(message.from);
      if (p === undefined) return;
      p.lastDownReplyAt = this.now;
      p.masterDown = body.down;
      if (body.leader !== '*') {
        p.leader = body.leader;
        p.leaderEpoch = body.leaderEpoch;
      }
    } else if (body.t === 'hello') {
      if (body.currentEpoch > this.currentEpoch) {
        this.currentEpoch = body.currentEpoch;
        this.event(`+new-epoch ${body.currentEpoch}`);
      }
      if (body.configEpoch > this.configEpoch && body.master !== this.master) {
        this.configEpoch = body.configEpoch;
        this.event(`+config-update-from ${message.from}`);
        this.event(`+switch-master ${this.params.masterName} ${this.master} ${body.master}`);
        this.resetTo(body.master);
      }
    }
  }

  private command(argv: readonly string[]): Reply {
    const name = (argv[0] ?? '').toLowerCase();
    if (name === 'ping') return { kind: 'status', value: 'PONG' };
    const sub = (argv[1] ?? '').toLowerCase();
    if (name === 'sentinel' && sub === 'get-master-addr-by-name' && argv.length === 3) {
      if (argv[2] !== this.params.masterName) return { kind: 'nullArray' };
      return { kind: 'array', items: [bulk(this.currentMaster()), bulk(String(REDIS_PORT))] };
    }
    return { kind: 'error', message: `ERR unknown command '${argv[0] ?? ''}'` };
  }

  private onReply(node: string, what: string, reply: Reply): void {
    const inst = this.instances.get(node);
    if (inst === undefined) return;
    const now = this.now;
    if (reply.kind === 'error' && reply.message.startsWith('ERR simulated: connection')) {
      inst.disconnected = true;
      return;
    }
    if (what === 'ping') {
      const text =
        reply.kind === 'status' ? reply.value : reply.kind === 'error' ? reply.message : '';
      if (text.startsWith('PONG') || text.startsWith('LOADING') || text.startsWith('MASTERDOWN')) {
        inst.lastAvailAt = now;
        inst.actPingAt = 0;
      }
      inst.lastPongAt = now;
      return;
    }
    if (what === 'info' && (reply.kind === 'bulk' || reply.kind === 'verbatim')) {
      this.refreshInfo(inst, reply.value);
    }
  }

  private refreshInfo(inst: Instance, text: string): void {
    const now = this.now;
    const f = infoFields(text);
    inst.infoRefreshAt = now;
    const role = f.role === 'slave' ? 'slave' : 'master';
    if (role !== inst.role) {
      inst.role = role;
      inst.roleReportedAt = now;
    }
    inst.runId = f.run_id ?? inst.runId;
    if (role === 'slave') {
      inst.masterHost = f.master_host ?? '';
      inst.linkUp = f.master_link_status === 'up';
      inst.linkDownMs = Number(f.master_link_down_since_seconds ?? '0') * 1000;
      if (inst.linkDownMs < 0) inst.linkDownMs = 0;
      inst.offset = Number(f.slave_repl_offset ?? '0');
      inst.priority = Number(f.slave_priority ?? '100');
    }
    const isMaster = inst.name === this.master;
    if (!isMaster && role === 'master') {
      if (inst.promoted && this.failover === 'wait-promotion') {
        this.configEpoch = this.failoverEpoch;
        this.event(`+promoted-slave ${inst.name}`);
        this.setFailover('reconf-slaves');
        this.noteNamed();
        this.lastPubAt = 0; // hello at once (sentinelForceHelloUpdateForMaster)
        this.hello();
      } else if (
        !inst.promoted &&
        this.failover === 'none' &&
        !this.instances.get(this.master)!.sdown &&
        now - inst.roleReportedAt > this.ms(SENTINEL_DEFAULTS.publishPeriodMs * 4) &&
        now - inst.convertSentAt > this.ms(SENTINEL_DEFAULTS.publishPeriodMs * 4)
      ) {
        inst.convertSentAt = now;
        this.event(`+convert-to-slave ${inst.name}`);
        this.request(inst.name, 'slaveof', ['REPLICAOF', this.master, String(REDIS_PORT)]);
      }
    }
    if (!isMaster && role === 'slave' && this.failover === 'reconf-slaves') {
      if (inst.reconf === 'sent' && inst.masterHost === this.promoted) inst.reconf = 'inprog';
      if (inst.reconf === 'inprog' && inst.linkUp) {
        inst.reconf = 'done';
        this.event(`+slave-reconf-done ${inst.name}`);
      }
    }
  }

  // ---- checkpoints ----

  snapshot(): SentinelState {
    return {
      master: this.master,
      configEpoch: this.configEpoch,
      currentEpoch: this.currentEpoch,
      instances: [...this.instances.values()].map((i) => ({ ...i })),
      peers: [...this.peers.values()].map((p) => ({ ...p })),
      odown: this.odown,
      odownSince: this.odownSince,
      failover: this.failover,
      failoverEpoch: this.failoverEpoch,
      failoverStartAt: this.failoverStartAt,
      failoverChangeAt: this.failoverChangeAt,
      promoted: this.promoted,
      leader: this.leader,
      leaderEpoch: this.leaderEpoch,
      lastPubAt: this.lastPubAt,
      pending: [...this.pending].map(([id, [n, w]]) => [id, n, w] as const),
      namedAt: [...this.namedAt],
    };
  }

  restore(raw: unknown): void {
    const s = raw as SentinelState;
    this.master = s.master;
    this.configEpoch = s.configEpoch;
    this.currentEpoch = s.currentEpoch;
    this.instances = new Map(s.instances.map((i) => [i.name, { ...i }]));
    this.peers = new Map(s.peers.map((p) => [p.name, { ...p }]));
    this.odown = s.odown;
    this.odownSince = s.odownSince;
    this.failover = s.failover;
    this.failoverEpoch = s.failoverEpoch;
    this.failoverStartAt = s.failoverStartAt;
    this.failoverChangeAt = s.failoverChangeAt;
    this.promoted = s.promoted;
    this.leader = s.leader;
    this.leaderEpoch = s.leaderEpoch;
    this.lastPubAt = s.lastPubAt;
    this.pending = new Map(s.pending.map(([id, n, w]) => [id, [n, w] as const]));
    this.namedAt = new Map(s.namedAt.map(([n, t]) => [n, t]));
  }
}

/**
 * Which rule put the first candidate ahead of the second (the sort in selectSlave): a lower
 * replica-priority, a larger replication offset, or the run id; `only` with one candidate.
 */
function decidedBy(sorted: readonly Instance[]): 'only' | 'priority' | 'offset' | 'runid' {
  const [a, b] = sorted;
  if (a === undefined || b === undefined) return 'only';
  if (a.priority !== b.priority) return 'priority';
  if (a.offset !== b.offset) return 'offset';
  return 'runid';
}

/** A candidate as the `+selection` note lists it: name:priority:offset:runid. */
function candidateText(i: Instance): string {
  return `${i.name}:${i.priority}:${i.offset}:${i.runId}`;
}

/** The INFO fields Sentinel reads (sentinelRefreshInstanceInfo); the rest of the text is skipped. */
interface InfoRead {
  role?: string;
  run_id?: string;
  master_host?: string;
  master_link_status?: string;
  master_link_down_since_seconds?: string;
  slave_repl_offset?: string;
  slave_priority?: string;
}

const INFO_READ: ReadonlySet<string> = new Set([
  'role',
  'run_id',
  'master_host',
  'master_link_status',
  'master_link_down_since_seconds',
  'slave_repl_offset',
  'slave_priority',
]);

function infoFields(text: string): InfoRead {
  const out: Record<string, string> = {};
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\r\n', start);
    if (end < 0) end = text.length;
    const colon = text.indexOf(':', start);
    if (colon > start && colon < end) {
      const name = text.slice(start, colon);
      if (INFO_READ.has(name)) out[name] = text.slice(colon + 1, end);
    }
    start = end + 2;
  }
  return out;
}

function newInstance(name: string): Instance {
  return {
    name,
    disconnected: true,
    lastReconnAt: -1_000_000_000,
    actPingAt: 0,
    lastPingAt: 0,
    lastAvailAt: 0,
    lastPongAt: 0,
    lastInfoAt: 0,
    infoRefreshAt: 0,
    sdown: false,
    sdownSince: 0,
    role: '',
    roleReportedAt: 0,
    masterHost: '',
    linkUp: false,
    linkDownMs: 0,
    offset: 0,
    priority: 100,
    runId: '',
    promoted: false,
    reconf: 'none',
    reconfSentAt: 0,
    convertSentAt: 0,
  };
}

export const sentinelKind: PartKind = {
  install: (ctx, lookup) => Sentinel.install(ctx, lookup),
  create: (ctx, config) => new Sentinel(ctx, config),
};

export function sentinelPart(name: string, params: SentinelParams): PartConfig {
  return { kind: 'sentinel', name, params: params as unknown as JsonValue };
}
