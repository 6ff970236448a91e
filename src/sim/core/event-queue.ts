import type { Micros } from './clock.ts';

/**
 * The world's one event queue: a binary min-heap ordered by (time, sequence). The sequence
 * is the order events were scheduled in, so two events at the same microsecond always run
 * in the same order: the order is total, and a run is a pure function of its inputs.
 * Events are plain data (a type tag and a JSON-safe payload) so the queue can be
 * snapshotted and restored; handlers are looked up by type when an event runs.
 */

/** One scheduled event. `data` must stay JSON-safe: checkpoints copy it as is. */
export interface SimEvent<D = unknown> {
  readonly at: Micros;
  readonly seq: number;
  readonly type: string;
  readonly data: D;
}

export class EventQueue {
  private heap: SimEvent[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** The next sequence number: part of a checkpoint, so restored runs number alike. */
  get sequence(): number {
    return this.nextSeq;
  }

  push<D>(at: Micros, type: string, data: D): SimEvent<D> {
    const event: SimEvent<D> = { at, seq: this.nextSeq++, type, data };
    const heap = this.heap;
    heap.push(event);
    this.siftUp(heap.length - 1);
    return event;
  }

  peek(): SimEvent | undefined {
    return this.heap[0];
  }

  pop(): SimEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top !== undefined && last !== undefined && heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Pending events in run order (a copy; for checkpoints and inspection). */
  pending(): SimEvent[] {
    return [...this.heap].sort(compare);
  }

  /** Replaces the contents: events keep their own sequence numbers. */
  restore(events: readonly SimEvent[], nextSeq: number): void {
    this.heap = [...events].sort(compare);
    this.nextSeq = nextSeq;
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const item = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (compare(p, item) <= 0) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = item;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && compare(heap[right]!, heap[child]!) < 0) child = right;
      const c = heap[child]!;
      if (compare(item, c) <= 0) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = item;
  }
}

function compare(a: SimEvent, b: SimEvent): number {
  return a.at - b.at || a.seq - b.seq;
}
