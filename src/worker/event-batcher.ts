import {
  SIM_EVENTS_VERSION,
  traceWanted,
  type SimBatch,
  type SimListener,
  type SimUpdate,
  type TraceMatch,
} from './sim-events.ts';

/**
 * Collects updates and hands them to subscribers in one batch per flush. The controller
 * flushes once per frame, so a busy second of simulation costs ~60 messages across the
 * worker boundary however many thousand records it produced (proxx flushes its grid
 * changes the same way). The buffer is bounded: past `limit` the oldest updates give way
 * to a single `gap`, so a stalled UI cannot grow the worker's memory without end. Trace
 * records no listener wants (see TraceMatch) are not collected at all.
 */
export class EventBatcher {
  private buffer: SimUpdate[] = [];
  private dropped = 0;
  private batches = 0;
  private nextId = 1;
  private readonly listeners = new Map<number, SimListener>();
  private readonly wanted = new Map<number, readonly TraceMatch[] | undefined>();
  /** What all listeners together want; undefined when one of them wants everything. */
  private union: readonly TraceMatch[] | undefined = undefined;

  constructor(readonly limit = 200_000) {}

  /** True when a flush would deliver something. */
  get pending(): boolean {
    return this.buffer.length > 0 || this.dropped > 0;
  }

  /** True when someone listens: the controller skips collecting otherwise. */
  get observed(): boolean {
    return this.listeners.size > 0;
  }

  /** `wants`: the trace records the listener needs (all when absent). */
  subscribe(listener: SimListener, wants?: readonly TraceMatch[]): number {
    const id = this.nextId++;
    this.listeners.set(id, listener);
    this.wanted.set(id, wants === undefined ? undefined : [...wants]);
    this.unite();
    return id;
  }

  unsubscribe(id: number): void {
    this.listeners.delete(id);
    this.wanted.delete(id);
    this.unite();
  }

  private unite(): void {
    const lists = [...this.wanted.values()];
    this.union = lists.some((l) => l === undefined) ? undefined : lists.flatMap((l) => l ?? []);
  }

  push(update: SimUpdate): void {
    if (this.listeners.size === 0) return;
    if (update.kind === 'trace' && this.union !== undefined) {
      if (!traceWanted(update.record, this.union)) return;
    }
    if (this.buffer.length >= this.limit) {
      // Drop the older half at once: amortised O(1) a push instead of a shift per update.
      const cut = this.buffer.length >> 1;
      this.buffer = this.buffer.slice(cut);
      this.dropped += cut;
    }
    this.buffer.push(update);
  }

  /**
   * Delivers what was collected as one batch; nothing if empty unless `always`. Returns a
   * promise while a proxied listener (the page, over comlink) has not yet taken the batch.
   */
  flush(now: number, always = false): Promise<void> | undefined {
    if (!this.pending && !(always && this.observed)) return undefined;
    const updates: SimUpdate[] =
      this.dropped > 0 ? [{ kind: 'gap', dropped: this.dropped }, ...this.buffer] : this.buffer;
    this.buffer = [];
    this.dropped = 0;
    const batch: SimBatch = { version: SIM_EVENTS_VERSION, batch: ++this.batches, now, updates };
    const taken: Promise<void>[] = [];
    for (const [id, listener] of this.listeners) {
      try {
        const result = listener(batch);
        // A proxied listener whose page went away rejects: forget it rather than throw later.
        if (result instanceof Promise) taken.push(result.catch(() => this.unsubscribe(id)));
      } catch {
        this.unsubscribe(id);
      }
    }
    return taken.length === 0 ? undefined : Promise.all(taken).then(() => undefined);
  }
}
