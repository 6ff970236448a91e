import type { Rng } from '../clock.ts';

/**
 * Cursors for SCAN, HSCAN, SSCAN and ZSCAN, and a fair random pick for RANDOMKEY.
 *
 * Redis's cursor walks hash-table buckets in reverse-binary order; what it promises is that a
 * full iteration returns every element present from start to finish at least once, may
 * return some twice, and ends at cursor 0. We keep that promise a simpler way: every key gets
 * a sequence number when it is added (a key that stays keeps its number), and a cursor is the
 * sequence number of the last key returned. Elements added during an iteration may or may not
 * be returned, as in Redis. The cursor values differ from Redis's (COMPATIBILITY.md says so);
 * the guarantees do not.
 *
 * Keys sit in an array in sequence order (a removed key leaves a hole, and the array is
 * compacted once holes outnumber keys), so removing is O(1) amortized, resuming at a cursor
 * is a binary search and a random pick is an index, however large the set.
 */
export class ScanOrder {
  /** Key -> its index in slots (rebuilt when the array is compacted). */
  private readonly indexOf = new Map<string, number>();
  /** Keys in ascending sequence order; undefined marks a removed key. */
  private slots: (string | undefined)[] = [];
  /** seqs[i] is the sequence number of slots[i]; ascending. */
  private seqs: number[] = [];
  private holes = 0;
  private nextSeq = 1;

  get size(): number {
    return this.indexOf.size;
  }

  /** Call when a key is inserted; a key already present keeps its number. */
  added(key: string): void {
    if (this.indexOf.has(key)) return;
    this.addNew(key);
  }

  /** added() for a caller that knows the key is new (saves a lookup on the hot path). */
  addNew(key: string): void {
    this.indexOf.set(key, this.slots.length);
    this.slots.push(key);
    this.seqs.push(this.nextSeq++);
  }

  removed(key: string): void {
    const index = this.indexOf.get(key);
    if (index === undefined) return;
    this.indexOf.delete(key);
    this.slots[index] = undefined;
    this.holes++;
    if (this.holes > 16 && this.holes * 2 > this.slots.length) this.compact();
  }

  cleared(): void {
    this.indexOf.clear();
    this.slots = [];
    this.seqs = [];
    this.holes = 0;
  }

  /**
   * Up to `count` keys after `cursor`, in insertion order, and the cursor to continue from
   * (0 when the iteration is complete).
   */
  scan(cursor: number, count: number): { cursor: number; keys: string[] } {
    const keys: string[] = [];
    const { slots, seqs } = this;
    let i = this.indexAfter(cursor);
    for (; i < slots.length && keys.length < count; i++) {
      const key = slots[i];
      if (key !== undefined) keys.push(key);
    }
    while (i < slots.length && slots[i] === undefined) i++;
    return { cursor: i < slots.length ? seqs[i - 1]! : 0, keys };
  }

  /** A uniformly chosen key, or undefined when empty. */
  random(rng: Rng): string | undefined {
    if (this.indexOf.size === 0) return undefined;
    // Holes are at most half the slots, so this takes two tries on average.
    for (;;) {
      const key = this.slots[Math.floor(rng.next() * this.slots.length)];
      if (key !== undefined) return key;
    }
  }

  /** The first index whose sequence number is greater than seq. */
  private indexAfter(seq: number): number {
    const { seqs } = this;
    let lo = 0;
    let hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seqs[mid]! <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compact(): void {
    const slots: string[] = [];
    const seqs: number[] = [];
    for (let i = 0; i < this.slots.length; i++) {
      const key = this.slots[i];
      if (key === undefined) continue;
      this.indexOf.set(key, slots.length);
      slots.push(key);
      seqs.push(this.seqs[i]!);
    }
    this.slots = slots;
    this.seqs = seqs;
    this.holes = 0;
  }
}
