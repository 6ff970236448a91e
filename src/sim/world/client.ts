import type { Reply } from '../../engine/index.ts';
import { after, type Micros } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { Component, Endpoint, Message, WorldContext } from './context.ts';
import { LatencyHistogram, type HistogramState } from './histogram.ts';
import { InFlight } from './in-flight.ts';

/**
 * A client connection: it sends requests over the network to one target (a node or the
 * disk database) and records every request's latency, from leaving the client to its
 * reply arriving. Kinds of client differ only in when they send (onStart, onTick,
 * onReply); the bookkeeping lives here.
 */

export interface LatencySummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface ClientBaseState {
  readonly outstanding: readonly (readonly [number, number])[];
  readonly sent: number;
  readonly completed: number;
  readonly latency: HistogramState;
  readonly recent: HistogramState;
  readonly windowCompleted: number;
}

interface TickData {
  readonly client: string;
}

const TICK = 'client.tick';

export abstract class Client implements Endpoint, Component {
  readonly id: string;
  /** Every completed request's latency since the start. */
  readonly latency = new LatencyHistogram();
  /** Latencies since the metrics last sampled this client. */
  readonly recent = new LatencyHistogram();
  windowCompleted = 0;
  sent = 0;
  completed = 0;
  /** Request id → the time it left. Requests lost on a cut link stay here. */
  protected readonly outstanding = new InFlight<number>();
  private readonly tickData: TickData;

  constructor(
    protected readonly ctx: WorldContext,
    readonly name: string,
    readonly target: string,
  ) {
    this.id = `client:${name}`;
    this.tickData = { client: name };
  }

  static install(ctx: WorldContext, clients: ReadonlyMap<string, Client>): void {
    ctx.handle<TickData>(TICK, (d) => clients.get(d.client)?.onTick());
  }

  /** Called once when the world is created (not on restore): schedule the first sends. */
  abstract onStart(): void;
  protected abstract onTick(): void;
  protected abstract onReply(req: number, reply: Reply): void;

  get inFlight(): number {
    return this.outstanding.size;
  }

  summary(): LatencySummary {
    const h = this.latency;
    return {
      count: h.count,
      mean: h.mean,
      p50: h.percentile(0.5),
      p95: h.percentile(0.95),
      p99: h.percentile(0.99),
      max: h.max,
    };
  }

  protected scheduleTick(at: Micros): void {
    this.ctx.schedule<TickData>(at, TICK, this.tickData);
  }

  protected tickAfter(micros: number): void {
    this.scheduleTick(after(this.ctx.clock.now, micros));
  }

  /**
   * Sends one command now on someone else's behalf (a learner's button in the UI); its
   * latency counts like any other. Returns the request id.
   */
  sendNow(argv: readonly string[]): number {
    return this.sendCommand(argv);
  }

  /** Sends one command; returns its request id. */
  protected sendCommand(argv: readonly string[]): number {
    const req = this.ctx.nextId();
    this.outstanding.add(req, this.ctx.clock.now);
    this.sent++;
    this.ctx.send({ kind: 'request', from: this.name, to: this.target, req, argv });
    return req;
  }

  receive(message: Message): void {
    if (message.kind !== 'reply') return;
    const sentAt = this.outstanding.take(message.req);
    if (sentAt === undefined) return;
    const now = this.ctx.clock.now;
    const latency = now - sentAt;
    this.latency.record(latency);
    this.recent.record(latency);
    this.completed++;
    this.windowCompleted++;
    this.ctx.trace.response(now, this.name, message.req, latency, message.reply.kind);
    this.onReply(message.req, message.reply);
  }

  protected baseSnapshot(): ClientBaseState {
    return {
      outstanding: this.outstanding.entries(),
      sent: this.sent,
      completed: this.completed,
      latency: this.latency.snapshot(),
      recent: this.recent.snapshot(),
      windowCompleted: this.windowCompleted,
    };
  }

  protected baseRestore(state: ClientBaseState): void {
    this.outstanding.reset(state.outstanding);
    this.sent = state.sent;
    this.completed = state.completed;
    this.latency.restore(state.latency);
    this.recent.restore(state.recent);
    this.windowCompleted = state.windowCompleted;
  }

  abstract snapshot(): unknown;
  abstract restore(state: unknown): void;
}

/**
 * A script: which command to send at each step, given the previous reply and the
 * script's own variables. Scripts are code, so checkpoints store only their name, params,
 * step and variables: a restored world must be given the same script registry.
 */
export interface Script {
  /** The next command, or null when the script is done. `vars` may be changed in place. */
  next(step: number, previous: Reply | undefined, vars: Record<string, JsonValue>): string[] | null;
}

/** Script name → a factory taking the client's params. */
export type ScriptRegistry = Readonly<Record<string, (params: JsonValue) => Script>>;

export interface ScriptedClientConfig {
  readonly kind: 'scripted';
  readonly name: string;
  readonly target: string;
  readonly script: string;
  readonly params?: JsonValue;
  /** When it sends its first command, in µs of virtual time. */
  readonly startMicros?: number;
  /** Pause between a reply and the next command, in µs. */
  readonly thinkMicros?: number;
}

interface ScriptedState {
  readonly base: ClientBaseState;
  readonly step: number;
  readonly vars: Record<string, JsonValue>;
  readonly previous: Reply | null;
  readonly done: boolean;
}

/** Runs a script one command at a time: each step sees the reply to the one before. */
export class ScriptedClient extends Client {
  private readonly script: Script;
  private step = 0;
  private vars: Record<string, JsonValue> = {};
  private previous: Reply | undefined;
  done = false;

  constructor(
    ctx: WorldContext,
    readonly config: ScriptedClientConfig,
    registry: ScriptRegistry,
  ) {
    super(ctx, config.name, config.target);
    const factory = registry[config.script];
    if (factory === undefined) {
      const known = Object.keys(registry).join(', ') || 'none';
      throw new Error(`unknown script '${config.script}' (known: ${known})`);
    }
    this.script = factory(config.params ?? null);
  }

  onStart(): void {
    this.scheduleTick((this.config.startMicros ?? 0) as Micros);
  }

  protected onTick(): void {
    if (this.done) return;
    const argv = this.script.next(this.step, this.previous, this.vars);
    if (argv === null) {
      this.done = true;
      return;
    }
    this.step++;
    this.sendCommand(argv);
  }

  protected onReply(_req: number, reply: Reply): void {
    this.previous = reply;
    const think = this.config.thinkMicros ?? 0;
    if (think > 0) this.tickAfter(think);
    else this.onTick();
  }

  snapshot(): ScriptedState {
    return {
      base: this.baseSnapshot(),
      step: this.step,
      vars: JSON.parse(JSON.stringify(this.vars)) as Record<string, JsonValue>,
      previous: this.previous ?? null,
      done: this.done,
    };
  }

  restore(raw: unknown): void {
    const state = raw as ScriptedState;
    this.baseRestore(state.base);
    this.step = state.step;
    this.vars = JSON.parse(JSON.stringify(state.vars)) as Record<string, JsonValue>;
    this.previous = state.previous ?? undefined;
    this.done = state.done;
  }
}
