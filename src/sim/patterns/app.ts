import type { Reply } from '../../engine/index.ts';
import type { JsonValue } from '../core/json.ts';
import type { Message, WorldContext } from '../world/context.ts';
import { LatencyHistogram, type HistogramState } from '../world/histogram.ts';
import { InFlight } from '../world/in-flight.ts';
import { RedisNode } from '../world/node.ts';
import type { Part } from '../world/world.ts';

/**
 * An application server as a world part: it talks to several endpoints (Redis, the
 * database) over the network and waits for their replies. What to do with a reply is a
 * continuation stored as plain data (`{ op, ... }`), never a closure, so a checkpoint can
 * copy the app mid-request and a restored world carries on exactly.
 */

export interface Continuation {
  readonly op: string;
}

export interface AppBaseState<K> {
  readonly pending: readonly (readonly [number, K])[];
  readonly latency: HistogramState;
}

export abstract class AppPart<K extends Continuation> implements Part {
  readonly id: string;
  /** User-visible latency: from a request reaching the app to the app's answer. */
  readonly latency = new LatencyHistogram();
  protected readonly pending = new InFlight<K>();

  constructor(
    protected readonly ctx: WorldContext,
    readonly name: string,
  ) {
    this.id = `app:${name}`;
  }

  abstract onStart(): void;
  protected abstract onReply(k: K, reply: Reply): void;
  abstract snapshot(): unknown;
  abstract restore(state: unknown): void;

  /** Sends one command to `to`; `k` says what to do with its reply. */
  protected call(to: string, argv: readonly string[], k: K): void {
    const req = this.ctx.nextId();
    this.pending.add(req, k);
    this.ctx.send({ kind: 'request', from: this.name, to, req, argv });
  }

  receive(message: Message): void {
    if (message.kind !== 'reply') return;
    const k = this.pending.take(message.req);
    if (k === undefined) return;
    this.onReply(k, message.reply);
  }

  /** The node behind a name, for reading its keyspace at a crash (never to run commands). */
  protected node(name: string): RedisNode | undefined {
    const e = this.ctx.endpoint(name);
    return e instanceof RedisNode ? e : undefined;
  }

  protected baseSnapshot(): AppBaseState<K> {
    return { pending: this.pending.entries(), latency: this.latency.snapshot() };
  }

  protected baseRestore(state: AppBaseState<K>): void {
    this.pending.reset(state.pending);
    this.latency.restore(state.latency);
  }
}

/** A bulk reply's text, or undefined for anything else (null, error). */
export function bulkText(reply: Reply): string | undefined {
  return reply.kind === 'bulk' ? reply.value : undefined;
}

/** The strings of an array reply (nulls as undefined). */
export function arrayTexts(reply: Reply): (string | undefined)[] {
  if (reply.kind !== 'array' && reply.kind !== 'set') return [];
  return reply.items.map(bulkText);
}

/** Reads one typed field of a part's params, with a default. */
export function param<T extends JsonValue>(params: JsonValue | undefined, name: string, d: T): T {
  if (params === null || params === undefined || typeof params !== 'object') return d;
  if (Array.isArray(params)) return d;
  const v = (params as Readonly<Record<string, JsonValue>>)[name];
  return v === undefined || typeof v !== typeof d ? d : (v as T);
}
