import type { Rng } from '../clock.ts';

/**
 * The "hashtable" encoding of hashes and sets. Redis's dict gives O(1) lookup, O(1) random
 * picks (SRANDMEMBER, SPOP, HRANDFIELD) and a SCAN cursor that never loses an element that
 * stays. A JS Map alone has no O(1) random pick, so keys live in a dense array with a Map from
 * key to slot; a delete moves the last key into the hole.
 *
 * SCAN walks the slots from the top down. A delete only ever moves a key from the last slot to
 * a lower one, so a key not yet visited (below the cursor) can never jump above it: a full
 * iteration returns every key present from start to end at least once (a key moved down from
 * the visited part may come twice; keys added meanwhile may or may not come), which is what
 * Redis promises. Cursor values differ from Redis's bucket cursors; the guarantees do not.
 */
export class DenseDict {
  private readonly slots = new Map<string, number>();
  readonly keys: string[] = [];
  /** Parallel to keys for hashes; stays empty for sets. */
  readonly values: string[] = [];

  constructor(readonly withValues: boolean) {}

  get size(): number {
    return this.keys.length;
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  get(key: string): string | undefined {
    const i = this.slots.get(key);
    return i === undefined ? undefined : this.values[i];
  }

  /** Adds or overwrites; true when the key is new. */
  set(key: string, value: string): boolean {
    const i = this.slots.get(key);
    if (i !== undefined) {
      this.values[i] = value;
      return false;
    }
    this.slots.set(key, this.keys.length);
    this.keys.push(key);
    this.values.push(value);
    return true;
  }

  /** Set membership: true when the key is new. */
  add(key: string): boolean {
    if (this.slots.has(key)) return false;
    this.slots.set(key, this.keys.length);
    this.keys.push(key);
    return true;
  }

  delete(key: string): boolean {
    const i = this.slots.get(key);
    if (i === undefined) return false;
    this.slots.delete(key);
    const last = this.keys.length - 1;
    if (i !== last) {
      const moved = this.keys[last]!;
      this.keys[i] = moved;
      this.slots.set(moved, i);
      if (this.withValues) this.values[i] = this.values[last]!;
    }
    this.keys.pop();
    if (this.withValues) this.values.pop();
    return true;
  }

  randomSlot(rng: Rng): number {
    return Math.floor(rng.next() * this.keys.length);
  }

  /**
   * Visits up to `count` slots from the cursor down and returns the cursor to continue from,
   * 0 when the iteration is complete. Cursor 0 starts at the top; cursor c resumes at slot c-1.
   */
  scan(cursor: number, count: number, visit: (slot: number) => void): number {
    let i = cursor === 0 ? this.keys.length - 1 : Math.min(cursor - 1, this.keys.length - 1);
    for (let n = 0; n < count && i >= 0; n++, i--) visit(i);
    return i < 0 ? 0 : i + 1;
  }

  clone(): DenseDict {
    const copy = new DenseDict(this.withValues);
    for (let i = 0; i < this.keys.length; i++) {
      copy.slots.set(this.keys[i]!, i);
      copy.keys.push(this.keys[i]!);
      if (this.withValues) copy.values.push(this.values[i]!);
    }
    return copy;
  }
}
