/**
 * Cursors for SCAN, HSCAN, SSCAN and ZSCAN over an insertion-ordered Map.
 *
 * Redis's cursor walks hash-table buckets in reverse-binary order; what it promises is that a
 * full iteration returns every element present from start to finish at least once, may
 * return some twice, and ends at cursor 0. We keep that promise a simpler way: every key gets
 * a sequence number when it is added (a key that stays keeps its number and its place in the
 * Map's order), and a cursor is the sequence number of the last key returned. Elements added
 * during an iteration may or may not be returned, as in Redis. The cursor values differ from
 * Redis's (COMPATIBILITY.md says so); the guarantees do not.
 */
export class ScanOrder {
  private readonly seq = new Map<string, number>();
  private nextSeq = 1;

  /** Call when a key is inserted; a key already present keeps its number. */
  added(key: string): void {
    if (!this.seq.has(key)) this.seq.set(key, this.nextSeq++);
  }

  removed(key: string): void {
    this.seq.delete(key);
  }

  cleared(): void {
    this.seq.clear();
  }

  /**
   * Up to `count` keys after `cursor`, in insertion order, and the cursor to continue from
   * (0 when the iteration is complete).
   */
  scan(cursor: number, count: number): { cursor: number; keys: string[] } {
    const keys: string[] = [];
    for (const [key, n] of this.seq) {
      if (n <= cursor) continue;
      keys.push(key);
      if (keys.length >= count) return { cursor: this.hasAfter(n) ? n : 0, keys };
    }
    return { cursor: 0, keys };
  }

  private hasAfter(n: number): boolean {
    // The Map is in insertion order, so the newest number is the last one handed out.
    return this.nextSeq - 1 > n && this.seq.size > 0;
  }
}
