import type { Engine } from '../../engine/index.ts';
import { keySlot } from './key-slot.ts';

/**
 * The keys of each slot (Redis keeps this as slot_to_keys), for COUNTKEYSINSLOT and
 * GETKEYSINSLOT, which resharding calls once a slot. Built from db 0 on first use and kept
 * up to date from the writes the node reports; a change it did not see (the engine's dirty
 * counter moved behind its back: a console line, an expiry, a reload) makes it rebuild.
 */
export class SlotIndex {
  private slots: Map<number, Set<string>> | undefined;
  /** engine.dirty when the index last matched the keyspace. */
  private syncedAt = -1;
  private dirtyBefore = 0;

  constructor(private readonly engine: Engine) {}

  /** Called before each command, so afterWrite can tell whether it saw every change. */
  beforeCommand(): void {
    this.dirtyBefore = this.engine.dirty;
  }

  afterWrite(keys: readonly string[]): void {
    if (this.slots === undefined) return;
    if (this.syncedAt !== this.dirtyBefore || keys.length === 0) {
      this.slots = undefined;
      return;
    }
    const db = this.engine.dbs[0]!;
    for (const key of keys) this.touch(key, db.keys.has(key));
    this.syncedAt = this.engine.dirty;
  }

  /** A key added or removed by the cluster itself (MIGRATE), not through a command. */
  touch(key: string, present: boolean): void {
    const slots = this.slots;
    if (slots === undefined) return;
    const slot = keySlot(key);
    let set = slots.get(slot);
    if (present) {
      if (set === undefined) slots.set(slot, (set = new Set()));
      set.add(key);
    } else {
      set?.delete(key);
    }
  }

  invalidate(): void {
    this.slots = undefined;
  }

  private fresh(): Map<number, Set<string>> {
    if (this.slots === undefined || this.syncedAt !== this.engine.dirty) {
      const slots = new Map<number, Set<string>>();
      for (const key of this.engine.dbs[0]!.keys.keys()) {
        const slot = keySlot(key);
        let set = slots.get(slot);
        if (set === undefined) slots.set(slot, (set = new Set()));
        set.add(key);
      }
      this.slots = slots;
      this.syncedAt = this.engine.dirty;
    }
    return this.slots;
  }

  count(slot: number): number {
    return this.fresh().get(slot)?.size ?? 0;
  }

  /**
   * Newest first, as Redis 7.0 links each new key at the head of its slot's list (an
   * overwrite keeps its place). The order decides which keys a reshard moves first, and so
   * how often a client reading the slot meets ASK.
   */
  keys(slot: number, max: number): string[] {
    const all = [...(this.fresh().get(slot) ?? [])];
    const out: string[] = [];
    for (let i = all.length - 1; i >= 0 && out.length < max; i--) out.push(all[i]!);
    return out;
  }
}
