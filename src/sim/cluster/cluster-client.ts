import type { Reply } from '../../engine/index.ts';
import { after, type Micros } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { SimRng } from '../core/rng.ts';
import type { Message, WorldContext } from '../world/context.ts';
import { LatencyHistogram, type HistogramState } from '../world/histogram.ts';
import type { Actionable } from '../world/actionable.ts';
import type { Part, PartConfig, PartKind } from '../world/world.ts';
import { commandKeys } from './command-keys.ts';
import { keySlot, SLOT_COUNT } from './key-slot.ts';
import { address, type ClusterMember } from './topology.ts';

/**
 * A cluster-aware client, as redis-py's or Lettuce's cluster clients work: it asks a seed
 * node for CLUSTER SLOTS, then sends each command straight to the slot's owner. MOVED means
 * its map is stale: it records the new owner of that slot and sends again. ASK means the
 * slot is moving and this key already moved: it sends ASKING then the command to the named
 * node once, without touching its map. TRYAGAIN, CLUSTERDOWN and a refused connection are
 * retried after a pause (the map is refreshed first when a node is gone), a few times.
 * Every redirect it follows is counted (and the first ones kept, for the event log).
 *
 * Load: an open-loop stream of GET/SET over `keys.count` keys, plus one-off commands at
 * given times (the lesson's MSET with and without a hash tag).
 */

export interface ClusterClientParams {
  readonly members: readonly ClusterMember[];
  readonly seeds: readonly string[];
  /** Requests per second (Poisson); 0: only the one-off commands. */
  readonly rate: number;
  readonly readRatio: number;
  readonly keys: { readonly count: number; readonly prefix: string };
  readonly valueSize: number;
  /** Share of requests that go to `count` keys under one hash tag (a hot slot), 0..1. */
  readonly hot?: { readonly tag: string; readonly count: number; readonly share: number };
  /** Ask a seed for CLUSTER SLOTS first (true), or start blind and learn from MOVED. */
  readonly fetchSlots?: boolean;
  readonly startMicros?: number;
  readonly stopMicros?: number;
  readonly commands?: readonly { readonly at: number; readonly argv: readonly string[] }[];
  readonly retryMicros?: number;
  readonly maxAttempts?: number;
}

interface Op {
  readonly id: number;
  readonly argv: readonly string[];
  readonly start: number;
  redirects: number;
  attempts: number;
  /** Set after ASK: the next send goes there, after ASKING. */
  askTo: string;
}

type Pending =
  | { readonly kind: 'cmd'; readonly op: Op; readonly node: string }
  | { readonly kind: 'asking' }
  | { readonly kind: 'slots' };

export interface Redirect {
  readonly at: number;
  readonly kind: 'MOVED' | 'ASK';
  readonly slot: number;
  readonly key: string;
  readonly from: string;
  readonly to: string;
}

export interface ClusterClientCounts {
  sent: number;
  completed: number;
  errors: number;
  failed: number;
  moved: number;
  ask: number;
  tryagain: number;
  clusterdown: number;
  refused: number;
  refreshes: number;
}

interface ClientState {
  readonly map: readonly (readonly [number, number, string])[];
  readonly pending: readonly (readonly [number, Pending])[];
  readonly counts: ClusterClientCounts;
  readonly perNode: Readonly<Record<string, number>>;
  readonly redirects: readonly Redirect[];
  readonly lastReplies: readonly { readonly argv: readonly string[]; readonly reply: string }[];
  readonly latency: HistogramState;
  readonly nextOp: number;
  readonly ready: boolean;
  readonly refreshing: boolean;
  readonly lastRefresh: number;
}

const TICK = 'cluster-client.tick';
const RETRY = 'cluster-client.retry';
const CUE = 'cluster-client.cue';
const START = 'cluster-client.start';
const KEEP_REDIRECTS = 32;
const REFRESH_MIN_MICROS = 1_000_000;

export class ClusterClient implements Part, Actionable {
  readonly id: string;
  readonly name: string;
  readonly params: ClusterClientParams;
  private readonly rng: SimRng;
  private readonly byAddress = new Map<string, string>();
  /** The cached slot map: owner name per slot ('' unknown). */
  map: string[] = new Array<string>(SLOT_COUNT).fill('');
  private pending = new Map<number, Pending>();
  counts: ClusterClientCounts = {
    sent: 0,
    completed: 0,
    errors: 0,
    failed: 0,
    moved: 0,
    ask: 0,
    tryagain: 0,
    clusterdown: 0,
    refused: 0,
    refreshes: 0,
  };
  /** Commands sent to each node (redirected ones count on every node they reached). */
  perNode: Record<string, number> = {};
  redirects: Redirect[] = [];
  /** The one-off commands' replies, as redis-cli would print their kind and text. */
  lastReplies: { argv: readonly string[]; reply: string }[] = [];
  readonly latency = new LatencyHistogram();
  private nextOp = 1;
  private ready = false;
  /** A CLUSTER SLOTS is in flight; the last was asked at (refreshes are rate-limited). */
  private refreshing = false;
  private lastRefresh = 0;
  private readonly data: { part: string };

  constructor(
    private readonly ctx: WorldContext,
    config: PartConfig,
  ) {
    this.name = config.name;
    this.id = `cluster-client:${config.name}`;
    this.params = config.params as unknown as ClusterClientParams;
    this.rng = ctx.rng(`cluster-client:${config.name}`);
    for (const m of this.params.members) this.byAddress.set(address(m), m.name);
    this.data = { part: config.name };
  }

  static install(ctx: WorldContext, lookup: (name: string) => Part | undefined): void {
    const get = (name: string): ClusterClient | undefined => {
      const p = lookup(name);
      return p instanceof ClusterClient ? p : undefined;
    };
    ctx.handle<{ part: string }>(START, (d) => get(d.part)?.begin());
    ctx.handle<{ part: string }>(TICK, (d) => get(d.part)?.tick());
    ctx.handle<{ part: string; op: Op }>(RETRY, (d) => get(d.part)?.dispatch({ ...d.op }));
    ctx.handle<{ part: string; index: number }>(CUE, (d) => get(d.part)?.cue(d.index));
  }

  onStart(): void {
    const start = (this.params.startMicros ?? 0) as Micros;
    this.ctx.schedule(start, START, this.data);
    this.params.commands?.forEach((c, index) =>
      this.ctx.schedule(Math.max(c.at, start) as Micros, CUE, { part: this.name, index }),
    );
  }

  private begin(): void {
    if (this.params.fetchSlots !== false) {
      this.refresh('');
      return;
    }
    this.ready = true;
    if (this.params.rate > 0)
      this.ctx.schedule(after(this.ctx.clock.now, this.gap()), TICK, this.data);
  }

  private gap(): number {
    return this.rng.exponential(1_000_000 / this.params.rate);
  }

  private tick(): void {
    const stop = this.params.stopMicros;
    if (stop !== undefined && this.ctx.clock.now >= stop) return;
    const { count, prefix } = this.params.keys;
    const hot = this.params.hot;
    const key =
      hot !== undefined && this.rng.chance(hot.share)
        ? `{${hot.tag}}:${this.rng.int(hot.count)}`
        : prefix + this.rng.int(count);
    const argv = this.rng.chance(this.params.readRatio)
      ? ['GET', key]
      : ['SET', key, 'x'.repeat(this.params.valueSize)];
    this.dispatch(this.newOp(argv));
    this.ctx.schedule(after(this.ctx.clock.now, this.gap()), TICK, this.data);
  }

  private cue(index: number): void {
    const c = this.params.commands?.[index];
    if (c !== undefined) this.dispatch(this.newOp([...c.argv]));
  }

  /**
   * The learner's verb: `send <argv...>` sends one command now, routed like the scripted
   * one-off commands (its reply is kept and traced). Returns a line for the log.
   */
  act(what: string, args: readonly string[]): string {
    if (what !== 'send') return `unknown action '${what}' (send)`;
    if (args.length === 0) return 'send: empty command';
    this.dispatch(this.newOp([...args]));
    return `send ${args.join(' ')}`;
  }

  private newOp(argv: readonly string[]): Op {
    return {
      id: this.nextOp++,
      argv,
      start: this.ctx.clock.now,
      redirects: 0,
      attempts: 0,
      askTo: '',
    };
  }

  /** Which node the map sends a command to (a random seed when it names no key). */
  nodeFor(argv: readonly string[]): string {
    const keys = commandKeys(argv);
    const owner = keys.length > 0 ? this.map[keySlot(keys[0]!)]! : '';
    if (owner !== '') return owner;
    const seeds = this.params.seeds;
    return seeds[this.rng.int(seeds.length)]!;
  }

  private sendTo(node: string, argv: readonly string[], p: Pending): void {
    const req = this.ctx.nextId();
    this.pending.set(req, p);
    this.ctx.send({ kind: 'request', from: this.name, to: node, req, argv });
  }

  dispatch(op: Op): void {
    op.attempts++;
    let node: string;
    if (op.askTo !== '') {
      node = op.askTo;
      op.askTo = '';
      this.sendTo(node, ['ASKING'], { kind: 'asking' });
    } else {
      node = this.nodeFor(op.argv);
    }
    this.counts.sent++;
    this.perNode[node] = (this.perNode[node] ?? 0) + 1;
    this.sendTo(node, op.argv, { kind: 'cmd', op, node });
  }

  /** Asks a node (not `avoid`) for CLUSTER SLOTS. */
  refresh(avoid: string): void {
    const now = this.ctx.clock.now;
    if (this.refreshing || (this.lastRefresh > 0 && now - this.lastRefresh < REFRESH_MIN_MICROS)) {
      return;
    }
    this.refreshing = true;
    this.lastRefresh = now;
    const seeds = this.params.seeds.filter((s) => s !== avoid);
    const node = seeds[this.rng.int(seeds.length)] ?? this.params.seeds[0]!;
    this.counts.refreshes++;
    this.sendTo(node, ['CLUSTER', 'SLOTS'], { kind: 'slots' });
  }

  receive(message: Message): void {
    if (message.kind !== 'reply') return;
    const p = this.pending.get(message.req);
    if (p === undefined) return;
    this.pending.delete(message.req);
    const reply = message.reply;
    if (p.kind === 'asking') return;
    if (p.kind === 'slots') {
      this.refreshing = false;
      this.loadSlots(reply);
      return;
    }
    const op = p.op;
    if (reply.kind === 'error') {
      if (this.redirected(op, p.node, reply.message)) return;
      this.counts.errors++;
    }
    this.finish(message.req, op, reply);
  }

  private finish(req: number, op: Op, reply: Reply): void {
    const now = this.ctx.clock.now;
    const latency = now - op.start;
    this.latency.record(latency);
    this.counts.completed++;
    this.ctx.trace.response(now, this.name, req, latency, reply.kind);
    if (op.argv[0] !== 'GET' && op.argv[0] !== 'SET') {
      const text =
        reply.kind === 'error' ? reply.message : reply.kind === 'status' ? reply.value : reply.kind;
      this.lastReplies.push({ argv: op.argv, reply: text });
      // The one-off commands are the lesson's examples: their replies are news in the log.
      this.ctx.trace.append({
        type: 'note',
        at: now,
        text: `reply:${this.name} ${reply.kind === 'error' ? 'error' : 'ok'} ${text}\t${op.argv.join(' ')}`,
      });
    }
  }

  /** Follows a redirect or schedules a retry; false when the error is the answer. */
  private redirected(op: Op, from: string, message: string): boolean {
    const space = message.indexOf(' ');
    const code = space < 0 ? message : message.slice(0, space);
    if (code === 'MOVED' || code === 'ASK') {
      const [, slotText, addr] = message.split(' ');
      const slot = Number(slotText);
      const to = this.byAddress.get(addr ?? '');
      if (to === undefined || op.redirects >= 16) return false;
      op.redirects++;
      const kind = code;
      if (kind === 'MOVED') {
        this.counts.moved++;
        this.map[slot] = to;
      } else {
        this.counts.ask++;
        op.askTo = to;
      }
      const key = commandKeys(op.argv)[0] ?? '';
      const r: Redirect = { at: this.ctx.clock.now, kind, slot, key, from, to };
      // The first few of each kind: the learner's event log, not a full record.
      if (this.redirects.filter((x) => x.kind === kind).length < KEEP_REDIRECTS) {
        this.redirects.push(r);
      }
      this.ctx.trace.append({
        type: 'note',
        at: this.ctx.clock.now,
        text: `redirect:${this.name} ${kind} ${slot} ${from}->${to}`,
      });
      this.dispatch(op);
      return true;
    }
    const retryable =
      code === 'TRYAGAIN' || code === 'CLUSTERDOWN' || message.includes('simulated: connection');
    if (!retryable) return false;
    if (code === 'TRYAGAIN') this.counts.tryagain++;
    else if (code === 'CLUSTERDOWN') this.counts.clusterdown++;
    else this.counts.refused++;
    if (op.attempts >= (this.params.maxAttempts ?? 3)) {
      this.counts.failed++;
      return false;
    }
    if (code !== 'TRYAGAIN') this.refresh(from);
    const retry = this.params.retryMicros ?? 250_000;
    this.ctx.schedule(after(this.ctx.clock.now, retry), RETRY, { part: this.name, op });
    return true;
  }

  private loadSlots(reply: Reply): void {
    if (reply.kind !== 'array') return;
    const map = new Array<string>(SLOT_COUNT).fill('');
    for (const range of reply.items) {
      if (range.kind !== 'array') continue;
      const [a, b, master] = range.items;
      if (a?.kind !== 'integer' || b?.kind !== 'integer' || master?.kind !== 'array') continue;
      const [ip, port] = master.items;
      if (ip?.kind !== 'bulk' || port?.kind !== 'integer') continue;
      const owner = this.byAddress.get(`${ip.value}:${port.value}`) ?? '';
      for (let s = Number(a.value); s <= Number(b.value); s++) map[s] = owner;
    }
    this.map = map;
    if (!this.ready) {
      this.ready = true;
      if (this.params.rate > 0) {
        this.ctx.schedule(after(this.ctx.clock.now, this.gap()), TICK, this.data);
      }
    }
  }

  snapshot(): ClientState {
    const map: [number, number, string][] = [];
    for (let s = 0; s < SLOT_COUNT; s++) {
      const o = this.map[s]!;
      const last = map[map.length - 1];
      if (last !== undefined && last[2] === o) last[1] = s;
      else map.push([s, s, o]);
    }
    return {
      map,
      pending: [...this.pending].map(([k, p]) => [
        k,
        p.kind === 'cmd' ? { ...p, op: { ...p.op } } : p,
      ]),
      counts: { ...this.counts },
      perNode: { ...this.perNode },
      redirects: [...this.redirects],
      lastReplies: this.lastReplies.map((r) => ({ ...r })),
      latency: this.latency.snapshot(),
      nextOp: this.nextOp,
      ready: this.ready,
      refreshing: this.refreshing,
      lastRefresh: this.lastRefresh,
    };
  }

  restore(raw: unknown): void {
    const s = raw as ClientState;
    this.map = new Array<string>(SLOT_COUNT).fill('');
    for (const [a, b, o] of s.map) for (let i = a; i <= b; i++) this.map[i] = o;
    this.pending = new Map(
      s.pending.map(([k, p]) => [k, p.kind === 'cmd' ? { ...p, op: { ...p.op } } : p]),
    );
    this.counts = { ...s.counts };
    this.perNode = { ...s.perNode };
    this.redirects = [...s.redirects];
    this.lastReplies = s.lastReplies.map((r) => ({ ...r }));
    this.latency.restore(s.latency);
    this.nextOp = s.nextOp;
    this.ready = s.ready;
    this.refreshing = s.refreshing;
    this.lastRefresh = s.lastRefresh;
  }
}

export const clusterClientKind: PartKind = {
  install: (ctx, lookup) => ClusterClient.install(ctx, lookup),
  create: (ctx, config) => new ClusterClient(ctx, config),
};

export function clusterClientPart(name: string, params: ClusterClientParams): PartConfig {
  return { kind: 'cluster-client', name, params: params as unknown as JsonValue };
}
