import {
  dumpKeyspace,
  restoreKeyspace,
  type KeyspaceSnapshot,
  type Reply,
  type Session,
} from '../../engine/index.ts';
import { after, fromMillis, type Micros } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { Message, WorldContext } from '../world/context.ts';
import type { HostedReply, NodeHost } from '../world/node-host.ts';
import { RedisNode } from '../world/node.ts';
import type { Part, PartConfig, PartKind } from '../world/world.ts';
import { clusterCommand } from './cluster-command.ts';
import { commandKeys } from './command-keys.ts';
import { keySlot, SLOT_COUNT } from './key-slot.ts';
import { migrateCommand, migrateMicros } from './migrate.ts';
import { route } from './routing.ts';
import { SlotIndex } from './slot-index.ts';
import { address, busName, nodeId, type ClusterMember, type ClusterSpec } from './topology.ts';

/**
 * One Redis node's cluster half: it lives beside the node (as its host) and on the cluster
 * bus (as the part `<node>@bus`). It keeps this node's own view of the cluster, as Redis's
 * clusterState does: who owns each slot, the slots it is migrating or importing, every known
 * node's role, config epoch and failure flags. Views differ between nodes and converge by
 * gossip, so a client can meet a node that has not heard yet (and gets MOVED to the old
 * owner, or CLUSTERDOWN).
 *
 * The bus follows clusterCron: every 100 ms, ping a peer whose pong is older than half the
 * node timeout, and once a second the stalest of five random peers; a ping unanswered for
 * cluster-node-timeout marks the peer PFAIL; PFAIL reports from a majority of masters (within
 * twice the timeout) make it FAIL, broadcast to all. A replica of a FAILed master waits
 * 500 ms + random 0-500 ms + 1000 ms per better-ranked replica, asks the masters for votes
 * in a new epoch, and with a majority takes its master's slots under that epoch; the higher
 * epoch wins wherever gossip carries it (and a returning old master, told by UPDATE, becomes
 * a replica of the winner).
 *
 * Replication here is the minimum the cluster needs: a master forwards each write to its
 * replicas over the bus and a replica applies it; a node that becomes a replica copies its
 * master's keyspace (a full sync, instantly). The full model is src/sim/replication.
 */

export const TICK_MICROS = 100_000;
const CLUSTER = 'cluster';
const TICK = 'cluster.tick';

export interface PeerState {
  role: 'master' | 'replica';
  of: string | null;
  configEpoch: number;
  /** When the ping in flight was sent (0: none). */
  pingSent: number;
  pongReceived: number;
  pfail: boolean;
  fail: boolean;
  failTime: number;
  /** Masters that reported it PFAIL or FAIL, and when. */
  reports: Record<string, number>;
  offset: number;
  votedAt: number;
}

interface FailoverState {
  authTime: number;
  sent: boolean;
  epoch: number;
  votes: string[];
}

interface ClusterNodeState {
  readonly owners: readonly (readonly [number, number, string])[];
  readonly migrating: Readonly<Record<string, string>>;
  readonly importing: Readonly<Record<string, string>>;
  readonly known: readonly string[];
  readonly peers: Readonly<Record<string, PeerState>>;
  readonly currentEpoch: number;
  readonly lastVoteEpoch: number;
  readonly offset: number;
  readonly failover: FailoverState | null;
  readonly asking: readonly string[];
  readonly readonlyClients: readonly string[];
  readonly ticks: number;
  readonly wasDown: boolean;
  readonly stateOk: boolean;
  readonly failSeen: Readonly<Record<string, number>>;
  readonly promotedAt: number;
}

/** What travels on the bus (a custom message on channel 'cluster'). */
export interface BusHeader {
  t: 'ping' | 'pong' | 'meet';
  currentEpoch: number;
  configEpoch: number;
  role: 'master' | 'replica';
  of: string | null;
  slots: [number, number][];
  offset: number;
  gossip: { n: string; pfail: boolean; fail: boolean }[];
}

export type BusBody =
  | BusHeader
  | { t: 'fail'; node: string }
  | { t: 'update'; node: string; configEpoch: number; slots: [number, number][] }
  | { t: 'auth-req'; epoch: number; master: string }
  | { t: 'auth-ack'; epoch: number }
  | { t: 'repl'; argv: string[]; db: number }
  | { t: 'sync-req' }
  | { t: 'sync'; keyspace: JsonValue; offset: number };

export interface ClusterNodeParams {
  readonly node: string;
  readonly spec: ClusterSpec;
}

/** The session a replica applies its master's stream through. */
const MASTER_LINK = 'master-link';

export class ClusterNode implements Part, NodeHost {
  readonly id: string;
  readonly name: string;
  readonly self: ClusterMember;
  readonly myId: string;
  readonly node: RedisNode;
  readonly members: ReadonlyMap<string, ClusterMember>;
  readonly nodeTimeout: number;
  /** Owner of every slot as this node sees it ('' = unassigned); change through setOwner. */
  readonly owners: string[] = new Array<string>(SLOT_COUNT).fill('');
  /** The same as member indexes (-1: none), for fast scans. */
  private readonly ownerIndex = new Int16Array(SLOT_COUNT).fill(-1);
  private readonly memberIndex = new Map<string, number>();
  private readonly counts = new Map<string, number>();
  private readonly rangesCache = new Map<string, [number, number][]>();
  migrating = new Map<number, string>();
  importing = new Map<number, string>();
  known = new Set<string>();
  peers = new Map<string, PeerState>();
  currentEpoch = 0;
  lastVoteEpoch = 0;
  /** Writes produced (master) or applied (replica): the replication offset. */
  offset = 0;
  failover: FailoverState | null = null;
  /** Connections that sent ASKING (cleared after their next command) and READONLY. */
  asking = new Set<string>();
  readonlyClients = new Set<string>();
  readonly slotIndex: SlotIndex;
  private ticks = 0;
  private wasDown = false;
  stateOk = true;
  /** When this node first flagged each node FAIL, and when it was promoted (µs; for reports). */
  failSeen: Record<string, number> = {};
  promotedAt = 0;
  private readonly tickData: { part: string };
  private readonly byId = new Map<string, string>();
  private readonly byAddress = new Map<string, string>();

  constructor(
    readonly ctx: WorldContext,
    config: PartConfig,
  ) {
    const params = config.params as unknown as ClusterNodeParams;
    this.name = config.name;
    this.id = `cluster:${config.name}`;
    this.tickData = { part: config.name };
    this.nodeTimeout = fromMillis(params.spec.nodeTimeoutMs);
    const members = new Map<string, ClusterMember>();
    for (const m of params.spec.members) {
      this.memberIndex.set(m.name, this.memberIndex.size);
      members.set(m.name, m);
      this.byId.set(nodeId(m.name), m.name);
      this.byAddress.set(address(m), m.name);
    }
    this.members = members;
    const self = members.get(params.node);
    if (self === undefined) throw new Error(`cluster: '${params.node}' is not a member`);
    this.self = self;
    this.myId = nodeId(self.name);
    const node = ctx.endpoint(params.node);
    if (!(node instanceof RedisNode)) throw new Error(`cluster: no node '${params.node}'`);
    this.node = node;
    node.attach(this);
    this.slotIndex = new SlotIndex(node.engine);
    // The agreed start, as after `redis-cli --cluster create`: every joined node knows the
    // others, each master owns its ranges under config epoch = its position.
    const joined = params.spec.members.filter((m) => m.role !== 'spare');
    const inCluster = self.role !== 'spare';
    let epoch = 0;
    for (const m of params.spec.members) {
      const isMaster = m.role !== 'replica';
      if (m.role === 'master') epoch++;
      this.peers.set(m.name, freshPeer(isMaster ? 'master' : 'replica', m.of ?? null, 0));
      if (m.role === 'master') this.peers.get(m.name)!.configEpoch = epoch;
    }
    this.currentEpoch = inCluster ? epoch : 0;
    for (const m of inCluster ? joined : [self]) this.known.add(m.name);
    if (inCluster) {
      for (const m of joined) {
        for (const [a, b] of m.slots ?? []) for (let s = a; s <= b; s++) this.setOwner(s, m.name);
      }
    }
    this.updateState();
  }

  static install(ctx: WorldContext, lookup: (name: string) => Part | undefined): void {
    ctx.handle<{ part: string }>(TICK, (d) => {
      const p = lookup(d.part);
      if (p instanceof ClusterNode) p.tick();
    });
  }

  onStart(): void {
    // Nodes tick out of phase, as real processes do.
    const phase = this.ctx.rng(`cluster:${this.self.name}`).int(TICK_MICROS);
    this.ctx.schedule(phase as Micros, TICK, this.tickData);
  }

  // ---- what other parts read ----

  get me(): PeerState {
    return this.peers.get(this.self.name)!;
  }

  get isMaster(): boolean {
    return this.me.role === 'master';
  }

  get alive(): boolean {
    return !this.node.down;
  }

  member(name: string): ClusterMember {
    return this.members.get(name)!;
  }

  nameOfId(id: string): string | undefined {
    return this.byId.get(id);
  }

  nameOfAddress(addr: string): string | undefined {
    return this.byAddress.get(addr);
  }

  /** Changes a slot's owner in this node's view (keeps the per-owner counts). */
  setOwner(slot: number, name: string): void {
    const old = this.owners[slot]!;
    if (old === name) return;
    if (old !== '') this.counts.set(old, (this.counts.get(old) ?? 1) - 1);
    if (name !== '') this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    this.owners[slot] = name;
    this.ownerIndex[slot] = name === '' ? -1 : this.memberIndex.get(name)!;
    this.rangesCache.delete(old);
    this.rangesCache.delete(name);
  }

  slotCount(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  rangesOf(name: string): [number, number][] {
    let r = this.rangesCache.get(name);
    if (r === undefined) {
      r = [];
      const owners = this.ownerIndex;
      const want = this.memberIndex.get(name) ?? -2;
      for (let s = 0; s < SLOT_COUNT; s++) {
        if (owners[s] !== want) continue;
        const last = r[r.length - 1];
        if (last !== undefined && last[1] === s - 1) last[1] = s;
        else r.push([s, s]);
      }
      this.rangesCache.set(name, r);
    }
    return r;
  }

  slotsOf(name: string): number[] {
    const out: number[] = [];
    for (let s = 0; s < SLOT_COUNT; s++) if (this.owners[s] === name) out.push(s);
    return out;
  }

  /** Masters that serve at least one slot: the electorate for FAIL and for votes. */
  clusterSize(): number {
    let n = 0;
    for (const c of this.counts.values()) if (c > 0) n++;
    return n;
  }

  private note(text: string): void {
    this.ctx.trace.append({ type: 'note', at: this.ctx.clock.now, text: `cluster:${text}` });
  }

  // ---- NodeHost: routing in front of the engine ----

  intercept(session: Session, argv: readonly string[]): HostedReply | undefined {
    const reply = this.answer(session, argv);
    if (reply === undefined) return undefined;
    const name = (argv[0] ?? '').toLowerCase();
    const micros = name === 'migrate' && reply.kind === 'status' ? migrateMicros(argv) : 0;
    return { reply, micros };
  }

  console(session: Session, argv: readonly string[]): Reply | undefined {
    return this.answer(session, argv);
  }

  private clientName(session: Session): string {
    return this.node.clientOf(session) ?? `session:${session.id}`;
  }

  private answer(session: Session, argv: readonly string[]): Reply | undefined {
    const name = (argv[0] ?? '').toLowerCase();
    const client = this.clientName(session);
    const asking = this.asking.has(client);
    // ASKING lasts one command, or a whole MULTI (resetClient in networking.c).
    if (name !== 'asking' && name !== 'multi' && session.multi === undefined) {
      this.asking.delete(client);
    }
    this.slotIndex.beforeCommand();
    switch (name) {
      case 'cluster':
        return clusterCommand(this, argv);
      case 'asking':
        if (argv.length !== 1) return wrongArity('asking');
        this.asking.add(client);
        return OK;
      case 'readonly':
        if (argv.length !== 1) return wrongArity('readonly');
        this.readonlyClients.add(client);
        return OK;
      case 'readwrite':
        if (argv.length !== 1) return wrongArity('readwrite');
        this.readonlyClients.delete(client);
        return OK;
      case 'select':
        if (argv.length === 2 && argv[1] !== '0') {
          return { kind: 'error', message: 'ERR SELECT is not allowed in cluster mode' };
        }
        return undefined;
      case 'migrate': {
        const routed = route(this, session, argv, asking, this.readonlyClients.has(client));
        return routed ?? migrateCommand(this, argv);
      }
      default:
        return route(this, session, argv, asking, this.readonlyClients.has(client));
    }
  }

  wrote(argv: readonly string[], db: number): number {
    this.slotIndex.afterWrite(commandKeys(argv));
    this.propagate(argv, db);
    return 0;
  }

  /** A master's write goes to its replicas (asynchronously, over the bus). */
  propagate(argv: readonly string[], db: number): void {
    if (!this.isMaster) return;
    this.offset++;
    this.me.offset = this.offset;
    for (const [name, p] of this.peers) {
      if (p.of === this.self.name && p.role === 'replica' && this.known.has(name)) {
        this.send(name, { t: 'repl', argv: [...argv], db });
      }
    }
  }

  configChanged(): void {}
  endTurn(): number {
    return 0;
  }
  readonly holdsReplies = false;
  acknowledged(): void {}

  // ---- the bus ----

  send(to: string, body: BusBody): void {
    this.ctx.send({
      kind: 'custom',
      from: this.name,
      to: busName(to),
      req: 0,
      channel: CLUSTER,
      body: body as unknown as JsonValue,
    });
  }

  private header(t: 'ping' | 'pong' | 'meet'): BusHeader {
    const gossip: { n: string; pfail: boolean; fail: boolean }[] = [];
    for (const n of this.known) {
      if (n === this.self.name) continue;
      const p = this.peers.get(n)!;
      gossip.push({ n, pfail: p.pfail, fail: p.fail });
    }
    return {
      t,
      currentEpoch: this.currentEpoch,
      configEpoch: this.me.configEpoch,
      role: this.me.role,
      of: this.me.of,
      slots: this.isMaster ? this.rangesOf(this.self.name) : [],
      offset: this.offset,
      gossip,
    };
  }

  ping(to: string, t: 'ping' | 'meet' = 'ping'): void {
    const p = this.peers.get(to)!;
    if (p.pingSent === 0) p.pingSent = this.ctx.clock.now;
    this.send(to, this.header(t));
  }

  broadcast(body: BusBody): void {
    for (const n of this.known) if (n !== this.self.name) this.send(n, body);
  }

  /** Tells every known node this node's view of itself (after a config change). */
  broadcastPong(): void {
    this.broadcast(this.header('pong'));
  }

  receive(message: Message): void {
    if (message.kind !== 'custom' || message.channel !== CLUSTER || !this.alive) return;
    const from = message.from.endsWith('@bus') ? message.from.slice(0, -4) : message.from;
    if (!this.members.has(from)) return;
    const body = message.body as unknown as BusBody;
    switch (body.t) {
      case 'meet':
      case 'ping':
      case 'pong':
        this.onHeader(from, body);
        return;
      case 'fail':
        this.onFail(from, body.node);
        return;
      case 'update':
        this.claim(body.node, body.configEpoch, body.slots);
        return;
      case 'auth-req':
        this.onAuthRequest(from, body.epoch, body.master);
        return;
      case 'auth-ack':
        this.onAuthAck(from, body.epoch);
        return;
      case 'repl':
        this.onReplicated(from, body.argv, body.db);
        return;
      case 'sync-req':
        if (this.isMaster && this.alive) {
          this.send(from, {
            t: 'sync',
            keyspace: dumpKeyspace(this.node.engine) as unknown as JsonValue,
            offset: this.offset,
          });
        }
        return;
      case 'sync':
        if (this.me.of === from) {
          restoreKeyspace(this.node.engine, body.keyspace as unknown as KeyspaceSnapshot);
          this.slotIndex.invalidate();
          this.offset = body.offset;
          this.me.offset = body.offset;
          this.note(`full-sync ${this.self.name}<-${from}`);
        }
        return;
    }
  }

  private onHeader(from: string, h: BusHeader): void {
    const now = this.ctx.clock.now;
    if (!this.known.has(from)) {
      // Only a MEET (or gossip, below) introduces a node.
      if (h.t !== 'meet') return;
      this.known.add(from);
      this.note(`meet ${this.self.name} knows ${from}`);
    }
    if (h.currentEpoch > this.currentEpoch) this.currentEpoch = h.currentEpoch;
    const p = this.peers.get(from)!;
    if (h.t === 'pong') {
      p.pongReceived = now;
      p.pingSent = 0;
      if (p.pfail) {
        p.pfail = false;
        this.note(`pfail-cleared ${this.self.name} sees ${from}`);
      }
      this.clearFailIfNeeded(from);
    }
    p.offset = h.offset;
    const wasRole = p.role;
    p.role = h.role;
    p.of = h.of;
    if (h.role === 'master' && wasRole === 'replica' && h.configEpoch > p.configEpoch) {
      this.note(`role ${this.self.name} sees ${from} as master`);
    }
    if (h.role === 'master') this.claim(from, h.configEpoch, h.slots);
    else if (h.configEpoch > p.configEpoch) p.configEpoch = h.configEpoch;
    for (const g of h.gossip) this.onGossip(from, g);
    if (h.t !== 'pong') this.send(from, this.header('pong'));
  }

  private onGossip(from: string, g: { n: string; pfail: boolean; fail: boolean }): void {
    if (g.n === this.self.name || !this.members.has(g.n)) return;
    if (!this.known.has(g.n)) {
      // A node we do not know: start the handshake (we simply know it from now on).
      this.known.add(g.n);
      this.peers.get(g.n)!.pongReceived = this.ctx.clock.now;
      this.peers.get(g.n)!.pingSent = 0;
      this.note(`meet ${this.self.name} knows ${g.n}`);
      this.ping(g.n, 'meet');
      return;
    }
    const sender = this.peers.get(from)!;
    if (sender.role !== 'master' || this.slotCount(from) === 0) return;
    const p = this.peers.get(g.n)!;
    if (g.pfail || g.fail) p.reports[from] = this.ctx.clock.now;
    else delete p.reports[from];
    this.markFailingIfNeeded(g.n);
  }

  /** Slots `owner` claims under `configEpoch`: the higher epoch wins each slot. */
  claim(owner: string, configEpoch: number, ranges: readonly (readonly [number, number])[]): void {
    const p = this.peers.get(owner)!;
    if (configEpoch > p.configEpoch) p.configEpoch = configEpoch;
    if (configEpoch > this.currentEpoch) this.currentEpoch = configEpoch;
    const me = this.self.name;
    const myMaster = this.me.of;
    let lostMine = false;
    let lostMasters = false;
    let stale = '';
    for (const [a, b] of ranges) {
      for (let s = a; s <= b; s++) {
        const cur = this.owners[s]!;
        if (cur === owner) continue;
        if (this.importing.has(s)) continue;
        const curEpoch = cur === '' ? -1 : this.peers.get(cur)!.configEpoch;
        if (cur !== '' && curEpoch > configEpoch) {
          stale = cur;
          continue;
        }
        if (cur === me) lostMine = true;
        if (cur === myMaster) lostMasters = true;
        this.setOwner(s, owner);
        this.migrating.delete(s);
      }
    }
    if (stale !== '' && owner !== me) {
      // The sender holds an old claim: tell it who owns its slots now (UPDATE message).
      const sp = this.peers.get(stale)!;
      this.send(owner, {
        t: 'update',
        node: stale,
        configEpoch: sp.configEpoch,
        slots: this.rangesOf(stale),
      });
    }
    if (lostMine && this.isMaster && this.slotCount(me) === 0) this.follow(owner);
    else if (lostMasters && !this.isMaster && myMaster !== null && this.slotCount(myMaster) === 0)
      this.follow(owner);
    this.updateState();
  }

  /** Becomes a replica of `master` and copies its keyspace. */
  follow(master: string): void {
    if (master === this.self.name) return;
    this.me.role = 'replica';
    this.me.of = master;
    this.failover = null;
    this.migrating.clear();
    this.importing.clear();
    this.note(`replica-of ${this.self.name}->${master}`);
    this.send(master, { t: 'sync-req' });
  }

  private onReplicated(from: string, argv: string[], db: number): void {
    if (this.me.of !== from || this.isMaster) return;
    const session = this.node.session(MASTER_LINK);
    session.db = db;
    this.slotIndex.beforeCommand();
    this.node.engine.execute(session, argv);
    this.slotIndex.afterWrite(commandKeys(argv));
    this.offset++;
    this.me.offset = this.offset;
  }

  // ---- failure detection ----

  tick(): void {
    const ctx = this.ctx;
    const now = ctx.clock.now;
    ctx.schedule(after(now, TICK_MICROS), TICK, this.tickData);
    if (!this.alive) {
      this.wasDown = true;
      return;
    }
    if (this.wasDown) {
      // Restarted: nodes.conf kept the view; the links are new.
      this.wasDown = false;
      for (const p of this.peers.values()) {
        p.pingSent = 0;
        p.pongReceived = now;
      }
      this.asking.clear();
      this.slotIndex.invalidate();
    }
    this.ticks++;
    const others = [...this.known].filter((n) => n !== this.self.name);
    if (this.ticks % 10 === 0 && others.length > 0) {
      // Once a second: the stalest of five random peers with no ping in flight.
      const rng = ctx.rng(`cluster:${this.self.name}`);
      let best = '';
      for (let i = 0; i < 5; i++) {
        const n = others[rng.int(others.length)]!;
        const p = this.peers.get(n)!;
        if (p.pingSent !== 0) continue;
        if (best === '' || p.pongReceived < this.peers.get(best)!.pongReceived) best = n;
      }
      if (best !== '') this.ping(best);
    }
    for (const n of others) {
      const p = this.peers.get(n)!;
      if (p.pingSent === 0 && this.unreachable(n)) {
        // The reconnect fails at once (connection refused): clusterNodeCronHandleReconnect
        // counts that as a ping sent now, so failure detection starts ticking.
        p.pingSent = now;
      }
      if (p.pingSent === 0 && now - p.pongReceived > this.nodeTimeout / 2) this.ping(n);
      if (p.pingSent !== 0 && now - p.pingSent > this.nodeTimeout && !p.pfail && !p.fail) {
        p.pfail = true;
        this.note(`pfail ${this.self.name} sees ${n}`);
        this.markFailingIfNeeded(n);
      }
    }
    this.replicaFailover();
    this.updateState();
  }

  /**
   * The peer's process is dead: connecting to its bus port is refused. (A cut link is only
   * noticed by missing pongs: the parts cannot see the network's state.)
   */
  private unreachable(n: string): boolean {
    const node = this.ctx.endpoint(n);
    return node instanceof RedisNode && node.down;
  }

  /** PFAIL + reports from a majority of masters (counting itself if a master) → FAIL. */
  private markFailingIfNeeded(n: string): void {
    const p = this.peers.get(n)!;
    if (!p.pfail || p.fail) return;
    const now = this.ctx.clock.now;
    let failures = 0;
    for (const [reporter, at] of Object.entries(p.reports)) {
      if (now - at <= this.nodeTimeout * 2) failures++;
      else delete p.reports[reporter];
    }
    if (this.isMaster && this.slotCount(this.self.name) > 0) failures++;
    const needed = Math.floor(this.clusterSize() / 2) + 1;
    if (failures < needed) return;
    this.setFail(n);
    this.note(`fail ${n} (reports ${failures}/${needed}, by ${this.self.name})`);
    this.broadcast({ t: 'fail', node: n });
  }

  private setFail(n: string): void {
    const p = this.peers.get(n)!;
    this.failSeen[n] ??= this.ctx.clock.now;
    p.fail = true;
    p.pfail = false;
    p.failTime = this.ctx.clock.now;
    this.updateState();
  }

  private onFail(from: string, n: string): void {
    if (!this.known.has(from) || n === this.self.name || !this.members.has(n)) return;
    const p = this.peers.get(n)!;
    if (p.fail) return;
    this.setFail(n);
  }

  /** A FAIL node is reachable again: replicas and slotless masters at once, others later. */
  private clearFailIfNeeded(n: string): void {
    const p = this.peers.get(n)!;
    if (!p.fail) return;
    const now = this.ctx.clock.now;
    const serving = p.role === 'master' && this.slotCount(n) > 0;
    if (!serving || now - p.failTime > this.nodeTimeout * 2) {
      p.fail = false;
      this.note(`fail-cleared ${this.self.name} sees ${n}`);
      this.updateState();
    }
  }

  // ---- replica promotion ----

  private replicaFailover(): void {
    const me = this.me;
    if (me.role !== 'replica' || me.of === null) return;
    const master = this.peers.get(me.of)!;
    if (!master.fail || this.slotCount(me.of) === 0) {
      this.failover = null;
      return;
    }
    const now = this.ctx.clock.now;
    const retry = Math.max(this.nodeTimeout * 2, 2_000_000);
    const f = this.failover;
    if (f === null || now > f.authTime + retry * 2) {
      // Rank 0 is the replica with the largest offset: it goes first.
      let rank = 0;
      for (const [n, p] of this.peers) {
        if (
          n !== this.self.name &&
          p.role === 'replica' &&
          p.of === me.of &&
          p.offset > this.offset
        )
          rank++;
      }
      const rng = this.ctx.rng(`cluster:${this.self.name}`);
      const delay = 500_000 + rng.int(500_000) + rank * 1_000_000;
      this.failover = { authTime: now + delay, sent: false, epoch: 0, votes: [] };
      this.note(
        `failover-scheduled ${this.self.name} in ${Math.round(delay / 1000)}ms rank ${rank}`,
      );
      return;
    }
    if (!f.sent && now >= f.authTime) {
      this.currentEpoch++;
      f.epoch = this.currentEpoch;
      f.sent = true;
      this.note(`failover-auth-request ${this.self.name} epoch ${f.epoch}`);
      for (const n of this.known) {
        const p = this.peers.get(n)!;
        if (n !== this.self.name && p.role === 'master')
          this.send(n, { t: 'auth-req', epoch: f.epoch, master: me.of });
      }
    }
  }

  private onAuthRequest(from: string, epoch: number, master: string): void {
    if (epoch > this.currentEpoch) this.currentEpoch = epoch;
    if (!this.isMaster || this.slotCount(this.self.name) === 0) return;
    if (epoch < this.currentEpoch || this.lastVoteEpoch === this.currentEpoch) return;
    const m = this.peers.get(master)!;
    const now = this.ctx.clock.now;
    if (!m.fail || this.peers.get(from)!.of !== master) return;
    if (m.votedAt !== 0 && now - m.votedAt < this.nodeTimeout * 2) return;
    this.lastVoteEpoch = this.currentEpoch;
    m.votedAt = now;
    this.note(`vote ${this.self.name}->${from} epoch ${epoch}`);
    this.send(from, { t: 'auth-ack', epoch });
  }

  private onAuthAck(from: string, epoch: number): void {
    const f = this.failover;
    if (f === null || epoch !== f.epoch || f.votes.includes(from)) return;
    if (this.peers.get(from)!.role !== 'master' || this.slotCount(from) === 0) return;
    f.votes.push(from);
    const needed = Math.floor(this.clusterSize() / 2) + 1;
    if (f.votes.length < needed) return;
    const old = this.me.of!;
    const slots = this.slotsOf(old);
    this.me.role = 'master';
    this.me.of = null;
    this.me.configEpoch = f.epoch;
    this.failover = null;
    this.promotedAt = this.ctx.clock.now;
    for (const s of slots) this.setOwner(s, this.self.name);
    this.note(`promoted ${this.self.name} replaces ${old} epoch ${f.epoch} slots ${slots.length}`);
    this.updateState();
    this.broadcastPong();
  }

  /** cluster_state: ok while every slot has an owner not flagged FAIL. */
  updateState(): void {
    let served = 0;
    for (const [n, c] of this.counts) if (!this.peers.get(n)!.fail) served += c;
    const ok = served === SLOT_COUNT;
    if (ok !== this.stateOk) {
      this.stateOk = ok;
      this.note(`state ${this.self.name} ${ok ? 'ok' : 'fail'}`);
    }
  }

  /** A slot of `key` as the node routes it (for the console and tests). */
  slotOf(key: string): number {
    return keySlot(key);
  }

  // ---- checkpoints ----

  snapshot(): ClusterNodeState {
    const owners: [number, number, string][] = [];
    for (let s = 0; s < SLOT_COUNT; s++) {
      const o = this.owners[s]!;
      const last = owners[owners.length - 1];
      if (last !== undefined && last[2] === o && last[1] === s - 1) last[1] = s;
      else owners.push([s, s, o]);
    }
    const peers: Record<string, PeerState> = {};
    for (const [n, p] of this.peers) peers[n] = { ...p, reports: { ...p.reports } };
    return {
      owners,
      migrating: Object.fromEntries(this.migrating),
      importing: Object.fromEntries(this.importing),
      known: [...this.known],
      peers,
      currentEpoch: this.currentEpoch,
      lastVoteEpoch: this.lastVoteEpoch,
      offset: this.offset,
      failover:
        this.failover === null ? null : { ...this.failover, votes: [...this.failover.votes] },
      asking: [...this.asking],
      readonlyClients: [...this.readonlyClients],
      ticks: this.ticks,
      wasDown: this.wasDown,
      stateOk: this.stateOk,
      failSeen: { ...this.failSeen },
      promotedAt: this.promotedAt,
    };
  }

  restore(raw: unknown): void {
    const s = raw as ClusterNodeState;
    this.owners.fill('');
    this.ownerIndex.fill(-1);
    this.counts.clear();
    this.rangesCache.clear();
    for (const [a, b, o] of s.owners) for (let i = a; i <= b; i++) this.setOwner(i, o);
    this.migrating = new Map(Object.entries(s.migrating).map(([k, v]) => [Number(k), v]));
    this.importing = new Map(Object.entries(s.importing).map(([k, v]) => [Number(k), v]));
    this.known = new Set(s.known);
    this.peers = new Map(
      Object.entries(s.peers).map(([n, p]) => [n, { ...p, reports: { ...p.reports } }]),
    );
    this.currentEpoch = s.currentEpoch;
    this.lastVoteEpoch = s.lastVoteEpoch;
    this.offset = s.offset;
    this.failover = s.failover === null ? null : { ...s.failover, votes: [...s.failover.votes] };
    this.asking = new Set(s.asking);
    this.readonlyClients = new Set(s.readonlyClients);
    this.ticks = s.ticks;
    this.wasDown = s.wasDown;
    this.stateOk = s.stateOk;
    this.failSeen = { ...s.failSeen };
    this.promotedAt = s.promotedAt;
    this.slotIndex.invalidate();
  }
}

function freshPeer(role: 'master' | 'replica', of: string | null, now: number): PeerState {
  return {
    role,
    of,
    configEpoch: 0,
    pingSent: 0,
    pongReceived: now,
    pfail: false,
    fail: false,
    failTime: 0,
    reports: {},
    offset: 0,
    votedAt: 0,
  };
}

const OK: Reply = { kind: 'status', value: 'OK' };

export function wrongArity(name: string): Reply {
  return { kind: 'error', message: `ERR wrong number of arguments for '${name}' command` };
}

export const clusterNodeKind: PartKind = {
  install: (ctx, lookup) => ClusterNode.install(ctx, lookup),
  create: (ctx, config) => new ClusterNode(ctx, config),
};

/** The part config of one node's cluster half. */
export function clusterNodePart(node: string, spec: ClusterSpec): PartConfig {
  const params: ClusterNodeParams = { node, spec };
  return { kind: 'cluster-node', name: busName(node), params: params as unknown as JsonValue };
}
