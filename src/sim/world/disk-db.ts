import type { Reply } from '../../engine/index.ts';
import { after } from '../core/clock.ts';
import type { SimRng } from '../core/rng.ts';
import type { Component, Endpoint, Message, WorldContext } from './context.ts';

/**
 * The relational database behind a cache: rows by key, a read and a write latency (disk
 * plus query), and a connection pool of fixed size. A query beyond the pool waits in a FIFO
 * queue, so a burst of cache misses shows as a growing queue and rising latency, the way a
 * miss storm loads a real database.
 *
 * Protocol (argv over the network): ['SELECT', key] → bulk or null; ['UPDATE', key, value]
 * → OK; ['DELETE', key] → integer. GET, SET and DEL are accepted as aliases, so a workload
 * can be pointed straight at the database (the "no cache" baseline). Anything else is an
 * error reply.
 */

export interface DiskDbConfig {
  readonly name: string;
  /** Connection pool size: queries running at once. */
  readonly connections: number;
  readonly readMicros: number;
  readonly writeMicros: number;
  /** Uniform ± jitter on each query's duration, in µs. */
  readonly jitterMicros?: number;
  /** Rows present at the start. */
  readonly rows?: Readonly<Record<string, string>>;
}

interface Query {
  readonly req: number;
  readonly from: string;
  readonly argv: readonly string[];
  readonly queuedAt: number;
}

interface DoneData {
  readonly db: string;
  readonly q: Query;
}

interface DiskDbState {
  readonly rows: readonly (readonly [string, string])[];
  readonly queue: readonly Query[];
  readonly active: number;
  readonly reads: number;
  readonly writes: number;
}

const DONE = 'db.done';

const ALIASES: Readonly<Record<string, string>> = { GET: 'SELECT', SET: 'UPDATE', DEL: 'DELETE' };

function opOf(argv: readonly string[]): string {
  const name = argv[0] ?? '';
  // The app sends the canonical names: no upper-casing (a new string) on the hot path.
  if (name === 'SELECT' || name === 'UPDATE' || name === 'DELETE') return name;
  const op = name.toUpperCase();
  return ALIASES[op] ?? op;
}

export class DiskDb implements Endpoint, Component {
  readonly id: string;
  readonly name: string;
  readonly rows = new Map<string, string>();
  private queue: Query[] = [];
  private rng: SimRng | undefined;
  /** Queries holding a connection now. */
  active = 0;
  reads = 0;
  writes = 0;

  constructor(
    private readonly ctx: WorldContext,
    readonly config: DiskDbConfig,
  ) {
    this.name = config.name;
    this.id = `db:${config.name}`;
    for (const [k, v] of Object.entries(config.rows ?? {})) this.rows.set(k, v);
  }

  static install(ctx: WorldContext, dbs: ReadonlyMap<string, DiskDb>): void {
    ctx.handle<DoneData>(DONE, (d) => dbs.get(d.db)?.done(d.q));
  }

  get queueLength(): number {
    return this.queue.length;
  }

  receive(message: Message): void {
    if (message.kind !== 'request') return;
    const q: Query = {
      req: message.req,
      from: message.from,
      argv: message.argv,
      queuedAt: this.ctx.clock.now,
    };
    if (this.active < this.config.connections) {
      this.start(q);
    } else {
      this.queue.push(q);
      this.ctx.trace.append({
        type: 'db-queue',
        at: this.ctx.clock.now,
        db: this.name,
        req: q.req,
        queued: this.queue.length,
      });
    }
  }

  private start(q: Query): void {
    const now = this.ctx.clock.now;
    this.active++;
    const op = opOf(q.argv);
    const base = op === 'SELECT' ? this.config.readMicros : this.config.writeMicros;
    const jitter = this.config.jitterMicros ?? 0;
    const duration = jitter > 0 ? this.jitterRng().jittered(base, jitter) : base;
    this.ctx.trace.dbStart(now, this.name, q.req, op, now - q.queuedAt);
    this.ctx.schedule<DoneData>(after(now, duration), DONE, { db: this.name, q });
  }

  /** The query-duration stream, looked up once (the world checkpoints it by name). */
  private jitterRng(): SimRng {
    return (this.rng ??= this.ctx.rng(this.id));
  }

  private done(q: Query): void {
    const op = opOf(q.argv);
    const reply = this.apply(op, q.argv);
    this.active--;
    this.ctx.trace.dbDone(this.ctx.clock.now, this.name, q.req, op);
    this.ctx.send({ kind: 'reply', from: this.name, to: q.from, req: q.req, reply });
    const next = this.queue.shift();
    if (next !== undefined) this.start(next);
  }

  private apply(op: string, argv: readonly string[]): Reply {
    const key = argv[1] ?? '';
    switch (op) {
      case 'SELECT': {
        this.reads++;
        const v = this.rows.get(key);
        return v === undefined ? { kind: 'null' } : { kind: 'bulk', value: v };
      }
      case 'UPDATE':
        this.writes++;
        this.rows.set(key, argv[2] ?? '');
        return { kind: 'status', value: 'OK' };
      case 'DELETE':
        this.writes++;
        return { kind: 'integer', value: this.rows.delete(key) ? 1 : 0 };
      default:
        return { kind: 'error', message: `ERR unknown query '${op}'` };
    }
  }

  snapshot(): DiskDbState {
    return {
      rows: [...this.rows],
      queue: [...this.queue],
      active: this.active,
      reads: this.reads,
      writes: this.writes,
    };
  }

  restore(raw: unknown): void {
    const s = raw as DiskDbState;
    this.rows.clear();
    for (const [k, v] of s.rows) this.rows.set(k, v);
    this.queue = [...s.queue];
    this.active = s.active;
    this.reads = s.reads;
    this.writes = s.writes;
  }
}
