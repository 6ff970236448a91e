import type { Micros } from './clock.ts';

/**
 * The world's one event queue: a binary min-heap ordered by (time, sequence). The sequence
 * is the order events were scheduled in, so two events at the same microsecond always run
 * in the same order: the order is total, and a run is a pure function of its inputs.
 * Events are plain data (a type tag and a JSON-safe payload) so the queue can be
 * snapshotted and restored; handlers are looked up by type when an event runs.
 *
 * Every simulated packet and command goes through here, so the heap lives in parallel
 * arrays (times and sequences in Float64Arrays, kept in heap order) instead of one object
 * per event: a busy run schedules millions of events, and neither allocating an object for
 * each nor chasing pointers to compare two is free. Event objects are built only for the
 * cold paths (pending(), peek(), pop()).
 */

/** One scheduled event. `data` must stay JSON-safe: checkpoints copy it as is. */
export interface SimEvent<D = unknown> {
  readonly at: Micros;
  readonly seq: number;
  readonly type: string;
  readonly data: D;
}

/** What runs an event; the world resolves it from the type when the event is scheduled. */
export type EventHandler = (data: unknown) => void;

/** The earliest event, taken by take(): one object reused for every event. */
export interface TakenEvent {
  at: Micros;
  type: string;
  data: unknown;
  handler: EventHandler | undefined;
}

const INITIAL_CAPACITY = 1024;

export class EventQueue {
  private ats = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private types: string[] = [];
  private datas: unknown[] = [];
  private handlers: (EventHandler | undefined)[] = [];
  private n = 0;
  private nextSeq = 0;

  get size(): number {
    return this.n;
  }

  /** The next sequence number: part of a checkpoint, so restored runs number alike. */
  get sequence(): number {
    return this.nextSeq;
  }

  /** When the earliest event runs; Infinity when none waits. */
  get nextAt(): number {
    return this.n > 0 ? this.ats[0]! : Infinity;
  }

  push<D>(at: Micros, type: string, data: D, handler?: EventHandler): void {
    this.insert(at, this.nextSeq++, type, data, handler);
  }

  peek(): SimEvent | undefined {
    return this.n > 0 ? this.eventAt(0) : undefined;
  }

  pop(): SimEvent | undefined {
    if (this.n === 0) return undefined;
    const top = this.eventAt(0);
    this.removeTop();
    return top;
  }

  /** Moves the earliest event into `out`; false when the queue is empty. */
  take(out: TakenEvent): boolean {
    if (this.n === 0) return false;
    out.at = this.ats[0]! as Micros;
    out.type = this.types[0]!;
    out.data = this.datas[0];
    out.handler = this.handlers[0];
    this.removeTop();
    return true;
  }

  /** Pending events in run order (a copy; for checkpoints and inspection). */
  pending(): SimEvent[] {
    const out: SimEvent[] = [];
    for (let i = 0; i < this.n; i++) out.push(this.eventAt(i));
    return out.sort(compare);
  }

  /**
   * Replaces the contents: events keep their own sequence numbers. `handlerOf` gives each
   * restored event its handler (events restored without one are left to the caller).
   */
  restore(
    events: readonly SimEvent[],
    nextSeq: number,
    handlerOf?: (type: string) => EventHandler | undefined,
  ): void {
    this.n = 0;
    this.types.length = 0;
    this.datas.length = 0;
    this.handlers.length = 0;
    for (const e of events) this.insert(e.at, e.seq, e.type, e.data, handlerOf?.(e.type));
    this.nextSeq = nextSeq;
  }

  private eventAt(i: number): SimEvent {
    return {
      at: this.ats[i]! as Micros,
      seq: this.seqs[i]!,
      type: this.types[i]!,
      data: this.datas[i],
    };
  }

  private insert(
    at: number,
    seq: number,
    type: string,
    data: unknown,
    handler: EventHandler | undefined,
  ): void {
    if (this.n === this.ats.length) this.grow();
    const ats = this.ats;
    const seqs = this.seqs;
    const types = this.types;
    const datas = this.datas;
    const handlers = this.handlers;
    // Sift up: move parents down until the new event's place is found, then write it there.
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pAt = ats[parent]!;
      if (pAt < at || (pAt === at && seqs[parent]! < seq)) break;
      ats[i] = pAt;
      seqs[i] = seqs[parent]!;
      types[i] = types[parent]!;
      datas[i] = datas[parent];
      handlers[i] = handlers[parent];
      i = parent;
    }
    ats[i] = at;
    seqs[i] = seq;
    types[i] = type;
    datas[i] = data;
    handlers[i] = handler;
  }

  private removeTop(): void {
    const n = --this.n;
    const ats = this.ats;
    const seqs = this.seqs;
    const types = this.types;
    const datas = this.datas;
    const handlers = this.handlers;
    if (n === 0) {
      datas[0] = undefined;
      return;
    }
    // Sift the last event down from the root.
    const at = ats[n]!;
    const seq = seqs[n]!;
    const type = types[n]!;
    const data = datas[n];
    const handler = handlers[n];
    datas[n] = undefined;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (
        right < n &&
        (ats[right]! < ats[child]! || (ats[right] === ats[child] && seqs[right]! < seqs[child]!))
      ) {
        child = right;
      }
      const cAt = ats[child]!;
      if (at < cAt || (at === cAt && seq < seqs[child]!)) break;
      ats[i] = cAt;
      seqs[i] = seqs[child]!;
      types[i] = types[child]!;
      datas[i] = datas[child];
      handlers[i] = handlers[child];
      i = child;
    }
    ats[i] = at;
    seqs[i] = seq;
    types[i] = type;
    datas[i] = data;
    handlers[i] = handler;
  }

  private grow(): void {
    const ats = new Float64Array(this.ats.length * 2);
    ats.set(this.ats);
    this.ats = ats;
    const seqs = new Float64Array(this.seqs.length * 2);
    seqs.set(this.seqs);
    this.seqs = seqs;
  }
}

function compare(a: SimEvent, b: SimEvent): number {
  return a.at - b.at || a.seq - b.seq;
}
