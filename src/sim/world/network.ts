import { after, type Micros } from '../core/clock.ts';
import type { SimRng } from '../core/rng.ts';
import type { Component, Endpoint, Message, WorldContext } from './context.ts';

/**
 * Links between named endpoints. A link is two one-way FIFO pipes with a latency and a
 * uniform jitter; like TCP, a message never overtakes an earlier one on the same pipe.
 * Cutting a link loses what is in flight on it: each link has an epoch that a cut bumps,
 * every message carries the epoch it left under, and a message whose epoch is stale when
 * it arrives is dropped and traced. That makes a cut O(1) however much is in flight.
 */

export interface LinkConfig {
  readonly a: string;
  readonly b: string;
  /** One-way latency in µs. */
  readonly latencyMicros: number;
  /** Uniform ± jitter in µs on each message. */
  readonly jitterMicros?: number;
}

interface LinkState {
  readonly key: string;
  /** Its place in the network's list: deliveries name their link by it. */
  readonly index: number;
  /** The jitter stream, found on first use (the world saves its state under 'link:a|b'). */
  rng?: SimRng;
  /** The endpoints at its ends, found on first delivery (parts never change names). */
  endA?: Endpoint | undefined;
  endB?: Endpoint | undefined;
  readonly a: string;
  readonly b: string;
  latency: number;
  jitter: number;
  up: boolean;
  epoch: number;
  /** Last arrival time scheduled a→b and b→a: the FIFO floor of each pipe. */
  lastAB: number;
  lastBA: number;
}

interface DeliverData {
  /** The link's index (a checkpoint from before indices holds its key). */
  readonly link: number | string;
  readonly epoch: number;
  readonly id: number;
  readonly msg: Message;
}

type SavedLink = Omit<LinkState, 'key' | 'index' | 'rng' | 'endA' | 'endB'>;

const DELIVER = 'net.deliver';

const linkKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

export class Network implements Component {
  readonly id = 'network';
  private links = new Map<string, LinkState>();
  /** The links in creation order (a checkpoint keeps the order). */
  private list: LinkState[] = [];
  /** from → to → link: a send finds its link without building the key string. */
  private byEnds = new Map<string, Map<string, LinkState>>();
  /** Each link's jitter stream, cached (the world saves its state under 'link:a|b'). */
  private rngs = new Map<string, SimRng>();

  constructor(private readonly ctx: WorldContext) {
    ctx.handle<DeliverData>(DELIVER, (d) => this.deliver(d));
  }

  connect(config: LinkConfig): void {
    const key = linkKey(config.a, config.b);
    this.put({
      key,
      index: this.list.length,
      a: config.a,
      b: config.b,
      latency: config.latencyMicros,
      jitter: config.jitterMicros ?? 0,
      up: true,
      epoch: 0,
      lastAB: 0,
      lastBA: 0,
    });
  }

  private put(link: LinkState): void {
    this.links.set(link.key, link);
    this.list.push(link);
    for (const [from, to] of [
      [link.a, link.b],
      [link.b, link.a],
    ] as const) {
      let ends = this.byEnds.get(from);
      if (ends === undefined) this.byEnds.set(from, (ends = new Map<string, LinkState>()));
      ends.set(to, link);
    }
  }

  isUp(a: string, b: string): boolean {
    return this.links.get(linkKey(a, b))?.up ?? false;
  }

  /** Cuts the link: everything in flight on it is lost, and sends fail until heal(). */
  cut(a: string, b: string): void {
    const link = this.mustGet(a, b);
    if (!link.up) return;
    link.up = false;
    link.epoch++;
    this.ctx.trace.append({
      type: 'link',
      at: this.ctx.clock.now,
      a: link.a,
      b: link.b,
      state: 'cut',
    });
  }

  heal(a: string, b: string): void {
    const link = this.mustGet(a, b);
    if (link.up) return;
    link.up = true;
    this.ctx.trace.append({
      type: 'link',
      at: this.ctx.clock.now,
      a: link.a,
      b: link.b,
      state: 'healed',
    });
  }

  /**
   * Sends a message that leaves its sender at `departs` (default now; a node's reply leaves
   * when its write finishes). Returns the message id.
   */
  send(msg: Message, departs: Micros = this.ctx.clock.now): number {
    const ctx = this.ctx;
    const id = ctx.nextId();
    const link = this.byEnds.get(msg.from)?.get(msg.to);
    if (link === undefined || !link.up) {
      ctx.trace.append({
        type: 'drop',
        at: departs,
        id,
        from: msg.from,
        to: msg.to,
        reason: link === undefined ? 'no-link' : 'cut',
      });
      return id;
    }
    const forward = msg.from === link.a;
    const floor = forward ? link.lastAB : link.lastBA;
    const delay =
      link.jitter > 0
        ? (link.rng ??= this.rngOf(link.key)).jittered(link.latency, link.jitter)
        : link.latency;
    const sampled = after(departs, delay);
    const arrives = (sampled > floor ? sampled : floor) as Micros;
    if (forward) link.lastAB = arrives;
    else link.lastBA = arrives;
    ctx.trace.msg(departs, id, msg.from, msg.to, msg.kind, msg.req, arrives);
    ctx.schedule<DeliverData>(arrives, DELIVER, { link: link.index, epoch: link.epoch, id, msg });
    return id;
  }

  private deliver(d: DeliverData): void {
    const link = typeof d.link === 'number' ? this.list[d.link] : this.links.get(d.link);
    if (link === undefined || !link.up || link.epoch !== d.epoch) {
      this.ctx.trace.append({
        type: 'drop',
        at: this.ctx.clock.now,
        id: d.id,
        from: d.msg.from,
        to: d.msg.to,
        reason: 'cut',
      });
      return;
    }
    const msg = d.msg;
    if (msg.to === link.a) (link.endA ??= this.ctx.endpoint(msg.to))?.receive(msg);
    else (link.endB ??= this.ctx.endpoint(msg.to))?.receive(msg);
  }

  private rngOf(key: string): SimRng {
    let r = this.rngs.get(key);
    if (r === undefined) this.rngs.set(key, (r = this.ctx.rng(`link:${key}`)));
    return r;
  }

  private mustGet(a: string, b: string): LinkState {
    const link = this.links.get(linkKey(a, b));
    if (link === undefined) throw new Error(`no link between ${a} and ${b}`);
    return link;
  }

  snapshot(): SavedLink[] {
    return this.list.map(
      ({ key: _key, index: _index, rng: _rng, endA: _endA, endB: _endB, ...l }) => l,
    );
  }

  restore(state: unknown): void {
    this.links.clear();
    this.byEnds.clear();
    this.list = [];
    for (const l of state as SavedLink[]) {
      this.put({ ...l, key: linkKey(l.a, l.b), index: this.list.length });
    }
  }
}
