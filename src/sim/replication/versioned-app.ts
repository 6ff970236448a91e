import type { Reply } from '../../engine/index.ts';
import { after } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { Message, WorldContext } from '../world/context.ts';
import type { Part, PartConfig, PartKind } from '../world/world.ts';
import { RedisNode } from '../world/node.ts';
import { Replication } from './replication.ts';

/**
 * The replication lesson's application: it writes a version (`SET ver v1`, `v2`, ...) to the
 * master at a steady pace and reads it back from the replicas in turn, so a read that
 * returns an older version than the master acknowledged is a stale read it can name
 * ("got v41, master has v57"). On the learner's word it sends WAIT after a write (and times
 * what the acknowledgements cost) or tries a write on a replica (READONLY). Every 100 ms it
 * notes the master's offset and each replica's, with its link state: the stream the stage
 * draws. All of it lands in the trace as notes:
 *
 *   repl:offsets master=N keys=K redis-2=N/connected ...
 *   read:stale <replica> got=v41 master=v57      read:fresh <replica> v57
 *   wait:done replicas=1 timeout=100 acked=1 micros=523 write=110
 *   write:refused <replica> <error text>
 */

export interface VersionedAppParams {
  readonly master: string;
  readonly replicas: readonly string[];
  /** µs between two versions written to the master. */
  readonly writeEveryMicros?: number;
  /** µs between two reads (each from the next replica). */
  readonly readEveryMicros?: number;
  /** µs between two offset notes. */
  readonly sampleEveryMicros?: number;
}

export const VERSION_KEY = 'ver';
const DEFAULT_WRITE_EVERY = 100_000;
const DEFAULT_READ_EVERY = 250_000;
const DEFAULT_SAMPLE_EVERY = 100_000;

type Pending =
  | { readonly op: 'write'; readonly v: number; readonly sent: number; readonly waited: boolean }
  | { readonly op: 'read'; readonly node: string }
  | { readonly op: 'refused'; readonly node: string }
  | {
      readonly op: 'wait';
      readonly replicas: number;
      readonly timeout: number;
      readonly sent: number;
      readonly writeReq: number;
    };

interface AppState {
  readonly n: number;
  readonly acked: number;
  readonly nextRead: number;
  readonly outstanding: readonly (readonly [number, Pending])[];
  readonly writeLatency: readonly (readonly [number, number])[];
  readonly counts: Counts;
}

export interface Counts {
  reads: number;
  staleReads: number;
  waits: number;
  refusedWrites: number;
}

interface TickData {
  readonly part: string;
  readonly what: 'write' | 'read' | 'sample';
}

const TICK = 'versioned-app.tick';

const versionOf = (value: string | null): number => {
  if (value === null || !value.startsWith('v')) return 0;
  const n = Number(value.slice(1));
  return Number.isInteger(n) ? n : 0;
};

export class VersionedApp implements Part {
  readonly id: string;
  readonly name: string;
  readonly params: VersionedAppParams;
  /** Versions sent, and the highest one the master acknowledged. */
  private n = 0;
  acked = 0;
  private nextRead = 0;
  private outstanding = new Map<number, Pending>();
  /** A write's latency kept until its WAIT answers (req → µs). */
  private writeLatency = new Map<number, number>();
  readonly counts: Counts = { reads: 0, staleReads: 0, waits: 0, refusedWrites: 0 };

  constructor(
    private readonly ctx: WorldContext,
    config: PartConfig,
  ) {
    this.name = config.name;
    this.id = `versioned-app:${config.name}`;
    this.params = config.params as unknown as VersionedAppParams;
  }

  static install(ctx: WorldContext, lookup: (name: string) => Part | undefined): void {
    ctx.handle<TickData>(TICK, (d) => {
      const p = lookup(d.part);
      if (p instanceof VersionedApp) p.tick(d.what);
    });
  }

  onStart(): void {
    for (const what of ['write', 'read', 'sample'] as const) this.schedule(what, 0);
  }

  private every(what: TickData['what']): number {
    const p = this.params;
    if (what === 'write') return p.writeEveryMicros ?? DEFAULT_WRITE_EVERY;
    if (what === 'read') return p.readEveryMicros ?? DEFAULT_READ_EVERY;
    return p.sampleEveryMicros ?? DEFAULT_SAMPLE_EVERY;
  }

  private schedule(what: TickData['what'], delay: number): void {
    this.ctx.schedule<TickData>(after(this.ctx.clock.now, delay), TICK, { part: this.name, what });
  }

  private tick(what: TickData['what']): void {
    this.schedule(what, this.every(what));
    if (what === 'write') this.write();
    else if (what === 'read') this.read();
    else this.sample();
  }

  private request(to: string, argv: readonly string[], pending: Pending): number {
    const req = this.ctx.nextId();
    this.outstanding.set(req, pending);
    this.ctx.send({ kind: 'request', from: this.name, to, req, argv: [...argv] });
    return req;
  }

  private write(waited = false): number {
    const v = ++this.n;
    const sent = this.ctx.clock.now;
    return this.request(this.params.master, ['SET', VERSION_KEY, `v${v}`], {
      op: 'write',
      v,
      sent,
      waited,
    });
  }

  private read(): void {
    const rs = this.params.replicas;
    if (rs.length === 0) return;
    const node = rs[this.nextRead++ % rs.length]!;
    this.request(node, ['GET', VERSION_KEY], { op: 'read', node });
  }

  private repl(node: string): Replication | undefined {
    const p = this.ctx.endpoint(`repl@${node}`);
    return p instanceof Replication ? p : undefined;
  }

  private sample(): void {
    const master = this.repl(this.params.master);
    if (master === undefined) return;
    const node = this.ctx.endpoint(this.params.master);
    const keys = node instanceof RedisNode ? node.engine.dbs.reduce((n, db) => n + db.size, 0) : 0;
    let text = `repl:offsets master=${master.replOffset} keys=${keys}`;
    for (const r of this.params.replicas) {
      const rep = this.repl(r);
      if (rep !== undefined) text += ` ${r}=${rep.replOffset}/${rep.linkStatus}`;
    }
    this.note(text);
  }

  private note(text: string): void {
    this.ctx.trace.append({ type: 'note', at: this.ctx.clock.now, text });
  }

  /** `wait <numreplicas> <timeout ms>`, `write-replica <node>`. */
  act(command: string, args: readonly string[]): string {
    if (command === 'wait') {
      const replicas = Math.max(0, Math.floor(Number(args[0] ?? '1')) || 0);
      const timeout = Math.max(0, Math.floor(Number(args[1] ?? '100')) || 0);
      const writeReq = this.write(true);
      this.request(this.params.master, ['WAIT', String(replicas), String(timeout)], {
        op: 'wait',
        replicas,
        timeout,
        sent: this.ctx.clock.now,
        writeReq,
      });
      return `WAIT ${replicas} ${timeout}`;
    }
    if (command === 'write-replica') {
      const node = args[0] ?? '';
      if (!this.params.replicas.includes(node)) return `no replica '${node}'`;
      this.request(node, ['SET', VERSION_KEY, 'from-the-app'], { op: 'refused', node });
      return `SET ${VERSION_KEY} on ${node}`;
    }
    return `unknown command '${command}'`;
  }

  receive(message: Message): void {
    if (message.kind !== 'reply') return;
    const p = this.outstanding.get(message.req);
    if (p === undefined) return;
    this.outstanding.delete(message.req);
    const reply: Reply = message.reply;
    const now = this.ctx.clock.now;
    switch (p.op) {
      case 'write':
        if (reply.kind === 'status') {
          this.acked = Math.max(this.acked, p.v);
          // Only a write that a WAIT follows needs its latency kept, for the comparison.
          if (p.waited) this.writeLatency.set(message.req, now - p.sent);
        }
        return;
      case 'read': {
        this.counts.reads++;
        const value = reply.kind === 'bulk' ? reply.value : null;
        const got = versionOf(value);
        if (got < this.acked) {
          this.counts.staleReads++;
          this.note(`read:stale ${p.node} got=${value ?? '(nil)'} master=v${this.acked}`);
        } else {
          this.note(`read:fresh ${p.node} ${value ?? '(nil)'}`);
        }
        return;
      }
      case 'refused':
        this.counts.refusedWrites++;
        this.note(`write:refused ${p.node} ${reply.kind === 'error' ? reply.message : reply.kind}`);
        return;
      case 'wait': {
        this.counts.waits++;
        const acked = reply.kind === 'integer' ? reply.value : -1;
        const write = this.writeLatency.get(p.writeReq) ?? 0;
        this.writeLatency.delete(p.writeReq);
        this.note(
          `wait:done replicas=${p.replicas} timeout=${p.timeout} acked=${acked} micros=${now - p.sent} write=${write}`,
        );
        return;
      }
    }
  }

  snapshot(): AppState {
    return {
      n: this.n,
      acked: this.acked,
      nextRead: this.nextRead,
      outstanding: [...this.outstanding],
      writeLatency: [...this.writeLatency],
      counts: { ...this.counts },
    };
  }

  restore(raw: unknown): void {
    const s = raw as AppState;
    this.n = s.n;
    this.acked = s.acked;
    this.nextRead = s.nextRead;
    this.outstanding = new Map(s.outstanding.map(([k, v]) => [k, v]));
    this.writeLatency = new Map(s.writeLatency.map(([k, v]) => [k, v]));
    Object.assign(this.counts, s.counts);
  }
}

export const versionedAppKind: PartKind = {
  install: (ctx, lookup) => VersionedApp.install(ctx, lookup),
  create: (ctx, config) => new VersionedApp(ctx, config),
};

export function versionedAppPart(name: string, params: VersionedAppParams): PartConfig {
  return { kind: 'versioned-app', name, params: params as unknown as JsonValue };
}
