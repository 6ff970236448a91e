import type { Reply } from '../../engine/index.ts';
import { after, type Micros } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { Message, WorldContext } from '../world/context.ts';
import { InFlight } from '../world/in-flight.ts';
import type { Part, PartConfig, PartKind } from '../world/world.ts';

/**
 * A steady writer that finds the master through the sentinels, as a Sentinel-aware client
 * does: it writes `SET w:<n> <n>` (a fresh key each time, so a lost write is a missing key)
 * at a fixed rate to the master it knows, and asks a sentinel (SENTINEL
 * get-master-addr-by-name) whenever a write fails or goes unanswered for `timeoutMs`. It
 * remembers every write acknowledged with OK; the scene compares them with the master's data.
 */

export interface WriterParams {
  readonly sentinels: readonly string[];
  readonly masterName: string;
  /** The master it starts with (what the sentinels say at start). */
  readonly master: string;
  readonly rate: number;
  readonly timeoutMs?: number;
  readonly prefix?: string;
}

interface WriterState {
  readonly target: string;
  readonly n: number;
  readonly outstanding: readonly (readonly [number, number, number])[];
  readonly acked: readonly number[];
  readonly ackedBy: readonly (readonly [string, number])[];
  readonly failed: number;
  readonly asking: boolean;
  readonly nextSentinel: number;
}

interface TickData {
  readonly part: string;
}

const TICK = 'writer.tick';

export class SentinelWriter implements Part {
  readonly id: string;
  readonly name: string;
  readonly params: WriterParams;
  target: string;
  private n = 0;
  /** req → n; n = -1: a question to a sentinel. */
  private readonly outstanding = new InFlight<number>();
  /** Requests in sending order with their send times, for the timeout scan (answered ones are skipped). */
  private sentReqs: number[] = [];
  private sentAts: number[] = [];
  private sentHead = 0;
  private readonly tickData: TickData;
  /** Numbers of acknowledged writes, in order, and how many each master acknowledged. */
  acked: number[] = [];
  ackedBy = new Map<string, number>();
  failed = 0;
  private asking = false;
  private nextSentinel = 0;

  constructor(
    private readonly ctx: WorldContext,
    config: PartConfig,
  ) {
    this.name = config.name;
    this.id = `writer:${config.name}`;
    this.params = config.params as unknown as WriterParams;
    this.target = this.params.master;
    this.tickData = { part: this.name };
  }

  static install(ctx: WorldContext, lookup: (name: string) => Part | undefined): void {
    ctx.handle<TickData>(TICK, (d) => {
      const p = lookup(d.part);
      if (p instanceof SentinelWriter) p.tick();
    });
  }

  get prefix(): string {
    return this.params.prefix ?? 'w:';
  }

  onStart(): void {
    this.ctx.schedule<TickData>(0 as Micros, TICK, this.tickData);
  }

  private track(req: number, n: number, at: number): void {
    this.outstanding.add(req, n);
    this.sentReqs.push(req);
    this.sentAts.push(at);
  }

  private tick(): void {
    const now = this.ctx.clock.now;
    this.ctx.schedule<TickData>(after(now, 1e6 / this.params.rate), TICK, this.tickData);
    this.expire(now);
    const n = this.n++;
    const req = this.ctx.nextId();
    this.track(req, n, now);
    const key = this.prefix + n;
    this.ctx.send({
      kind: 'request',
      from: this.name,
      to: this.target,
      req,
      argv: ['SET', key, String(n)],
    });
  }

  /** Requests unanswered for timeoutMs count as failed; the writer asks a sentinel. */
  private expire(now: number): void {
    const timeout = (this.params.timeoutMs ?? 1000) * 1000;
    const reqs = this.sentReqs;
    let h = this.sentHead;
    while (h < reqs.length) {
      const req = reqs[h]!;
      const n = this.outstanding.get(req);
      if (n !== undefined) {
        if (now - this.sentAts[h]! <= timeout) break;
        this.outstanding.take(req);
        if (n < 0) this.asking = false;
        else this.failed++;
        this.askSentinel();
      }
      h++;
    }
    this.sentHead = h;
    if (h > 1024 && h * 2 > reqs.length) {
      this.sentReqs = reqs.slice(h);
      this.sentAts = this.sentAts.slice(h);
      this.sentHead = 0;
    }
  }

  private askSentinel(): void {
    if (this.asking) return;
    const ss = this.params.sentinels;
    const s = ss[this.nextSentinel++ % ss.length]!;
    const req = this.ctx.nextId();
    this.asking = true;
    this.track(req, -1, this.ctx.clock.now);
    this.ctx.send({
      kind: 'request',
      from: this.name,
      to: s,
      req,
      argv: ['SENTINEL', 'get-master-addr-by-name', this.params.masterName],
    });
  }

  receive(message: Message): void {
    if (message.kind !== 'reply') return;
    const n = this.outstanding.take(message.req);
    if (n === undefined) return;
    const reply: Reply = message.reply;
    if (n < 0) {
      this.asking = false;
      if (reply.kind === 'array' && reply.items[0]?.kind === 'bulk') {
        const host = reply.items[0].value;
        if (host !== this.target) {
          this.ctx.trace.append({
            type: 'note',
            at: this.ctx.clock.now,
            text: `client:${this.name} master ${this.target} -> ${host}`,
          });
          this.target = host;
        }
      }
      return;
    }
    if (reply.kind === 'status' && reply.value === 'OK') {
      this.acked.push(n);
      this.ackedBy.set(message.from, (this.ackedBy.get(message.from) ?? 0) + 1);
    } else {
      this.failed++;
      this.askSentinel();
    }
  }

  snapshot(): WriterState {
    return {
      target: this.target,
      n: this.n,
      outstanding: this.pendingRequests(),
      acked: [...this.acked],
      ackedBy: [...this.ackedBy],
      failed: this.failed,
      asking: this.asking,
      nextSentinel: this.nextSentinel,
    };
  }

  /** Unanswered requests in sending order: [req, n, sent at]. */
  private pendingRequests(): (readonly [number, number, number])[] {
    const out: (readonly [number, number, number])[] = [];
    for (let i = this.sentHead; i < this.sentReqs.length; i++) {
      const req = this.sentReqs[i]!;
      const n = this.outstanding.get(req);
      if (n !== undefined) out.push([req, n, this.sentAts[i]!]);
    }
    return out;
  }

  restore(raw: unknown): void {
    const s = raw as WriterState;
    this.target = s.target;
    this.n = s.n;
    this.outstanding.reset(s.outstanding.map(([r, n]) => [r, n] as const));
    this.sentReqs = s.outstanding.map(([r]) => r);
    this.sentAts = s.outstanding.map(([, , t]) => t);
    this.sentHead = 0;
    this.acked = [...s.acked];
    this.ackedBy = new Map(s.ackedBy.map(([k, v]) => [k, v]));
    this.failed = s.failed;
    this.asking = s.asking;
    this.nextSentinel = s.nextSentinel;
  }
}

export const writerKind: PartKind = {
  install: (ctx, lookup) => SentinelWriter.install(ctx, lookup),
  create: (ctx, config) => new SentinelWriter(ctx, config),
};

export function writerPart(name: string, params: WriterParams): PartConfig {
  return { kind: 'sentinel-writer', name, params: params as unknown as JsonValue };
}
