/**
 * Requests in flight, by request id: what a client keeps from sending a request until its
 * reply. Ids come from the world's counter, so one sender adds them in increasing order, and
 * replies mostly come back in that order too (one link keeps its order): two arrays in id
 * order with a head index make add and take O(1) in the usual case (binary search otherwise),
 * with no hash table churning an entry per request. A request that is never answered (lost
 * on a cut link) just stays; the arrays drop answered entries now and then.
 */
export class InFlight<T> {
  private reqs: number[] = [];
  /** The value of each request; undefined once taken. */
  private values: (T | undefined)[] = [];
  private head = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  add(req: number, value: T): void {
    const reqs = this.reqs;
    const n = reqs.length;
    if (n > 0 && reqs[n - 1]! >= req) {
      // Out of order (never from one sender's counter): keep the arrays sorted.
      if (this.indexOf(req) >= 0) throw new Error(`request ${req} is already in flight`);
      let i = n;
      while (i > this.head && reqs[i - 1]! > req) i--;
      reqs.splice(i, 0, req);
      this.values.splice(i, 0, value);
    } else {
      reqs.push(req);
      this.values.push(value);
    }
    this.live++;
  }

  get(req: number): T | undefined {
    const i = this.indexOf(req);
    return i < 0 ? undefined : this.values[i];
  }

  /** Removes and returns the request's value; undefined when it is not in flight. */
  take(req: number): T | undefined {
    const i = this.indexOf(req);
    if (i < 0) return undefined;
    const values = this.values;
    const value = values[i];
    if (value === undefined) return undefined;
    values[i] = undefined;
    this.live--;
    let h = this.head;
    if (i === h) {
      const n = values.length;
      while (h < n && values[h] === undefined) h++;
      this.head = h;
    }
    this.compact();
    return value;
  }

  /** The requests in flight, oldest first. */
  entries(): [number, T][] {
    const out: [number, T][] = [];
    for (let i = this.head; i < this.reqs.length; i++) {
      const v = this.values[i];
      if (v !== undefined) out.push([this.reqs[i]!, v]);
    }
    return out;
  }

  /** Replaces the contents (a checkpoint's entries, in any order). */
  reset(entries: readonly (readonly [number, T])[]): void {
    const sorted = [...entries].sort((a, b) => a[0] - b[0]);
    this.reqs = sorted.map((e) => e[0]);
    this.values = sorted.map((e) => e[1]);
    this.head = 0;
    this.live = sorted.length;
  }

  private indexOf(req: number): number {
    const reqs = this.reqs;
    let lo = this.head;
    if (lo < reqs.length && reqs[lo] === req) return lo;
    let hi = reqs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const r = reqs[mid]!;
      if (r === req) return mid;
      if (r < req) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Drops answered entries once they are most of the arrays. */
  private compact(): void {
    const n = this.reqs.length;
    if (n < 1024 || (n - this.live) * 2 < n) return;
    const reqs: number[] = [];
    const values: (T | undefined)[] = [];
    for (let i = this.head; i < n; i++) {
      const v = this.values[i];
      if (v === undefined) continue;
      reqs.push(this.reqs[i]!);
      values.push(v);
    }
    this.reqs = reqs;
    this.values = values;
    this.head = 0;
  }
}
