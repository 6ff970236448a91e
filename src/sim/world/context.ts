import type { Reply } from '../../engine/index.ts';
import type { Micros, SimClock } from '../core/clock.ts';
import type { JsonValue } from '../core/json.ts';
import type { SimRng } from '../core/rng.ts';
import type { Trace } from '../core/trace.ts';

/**
 * What the world's parts share: the clock, the event queue, randomness, the trace and the
 * network. Parts never hold the World itself, only this, so new parts (persistence,
 * replication, sentinels) plug in the same way without the world knowing their types.
 */
export interface WorldContext {
  readonly clock: SimClock;
  readonly trace: Trace;
  readonly seed: number;
  /** Schedules an event; `data` must be JSON-safe (checkpoints copy it). */
  schedule<D>(at: Micros, type: string, data: D): void;
  /** Registers the handler of an event type; one handler a type. */
  handle<D>(type: string, handler: (data: D) => void): void;
  /** The named random stream (created on first use, saved in checkpoints). */
  rng(name: string): SimRng;
  /** A fresh world-unique id (requests, messages). */
  nextId(): number;
  /** Sends over the network; the message leaves at `departs` (default now). Returns its id. */
  send(message: Message, departs?: Micros): number;
  /** The endpoint a message to `name` is delivered to. */
  endpoint(name: string): Endpoint | undefined;
  /** Cuts / heals the link between two endpoints (a scene's partition). */
  cut(a: string, b: string): void;
  heal(a: string, b: string): void;
}

/** A request, its reply, or anything else parts send each other over the network. */
export type Message =
  | {
      readonly kind: 'request';
      readonly from: string;
      readonly to: string;
      readonly req: number;
      readonly argv: readonly string[];
    }
  | {
      readonly kind: 'reply';
      readonly from: string;
      readonly to: string;
      readonly req: number;
      readonly reply: Reply;
    }
  /** For parts to come (replication stream, sentinel hello...): a channel and a body. */
  | {
      readonly kind: 'custom';
      readonly from: string;
      readonly to: string;
      readonly req: number;
      readonly channel: string;
      readonly body: JsonValue;
    };

/** Anything with a network name: a node, a client, a database, a sentinel. */
export interface Endpoint {
  readonly name: string;
  receive(message: Message): void;
}

/**
 * A part with state of its own. snapshot() returns JSON-safe data (bigints allowed: the
 * world tags them); restore() receives exactly that back on a freshly built part.
 */
export interface Component {
  readonly id: string;
  snapshot(): unknown;
  restore(state: unknown): void;
}
