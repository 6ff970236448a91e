import type { Engine } from '../../engine/index.ts';

type Db = Engine['dbs'][number];

/** How many lost writes a summary lists; the count is always exact. */
export const LOST_LISTED = 20;

export interface LostWritesView {
  readonly lost: number;
  /** The first LOST_LISTED lost writes' numbers, in acknowledgement order. */
  readonly first: readonly number[];
}

/**
 * The acknowledged writes missing on a database, from scratch: every acknowledged number's
 * key looked up. O(acknowledged writes); the reference the tracker must equal.
 */
export function lostWritesFromScratch(
  acked: readonly number[],
  prefix: string,
  db: Db,
): LostWritesView {
  const lost: number[] = [];
  for (const n of acked) if (!db.keys.has(prefix + n)) lost.push(n);
  return { lost: lost.length, first: lost.slice(0, LOST_LISTED) };
}

/**
 * The same answer kept up to date between reads, so a UI poll costs what changed since the
 * last one, not the whole history. It relies on two facts: the writer only appends to its
 * acknowledged list (a restore replaces the array), and while a database only gains keys,
 * a key found there stays there. Database gains are told apart from losses by its churn
 * counter: a key added moves churn and size by one each, anything else (a delete, an expiry,
 * a flush, a TTL) moves churn further than size, and then the answer is rebuilt from scratch,
 * as it is when the master read, its database object or the acknowledged array changes.
 *
 * A lost key can still appear later (a replica catching up on its master's stream): keys a
 * database gains are appended to its Map, so a live iterator parked at the Map's end yields
 * exactly the keys added since, and only those are checked against the lost set.
 */
export class LostWritesTracker {
  private db: Db | undefined;
  private keys: Map<string, unknown> | undefined;
  private acked: readonly number[] | undefined;
  private prefix = '';
  /** Acknowledged writes looked at so far. */
  private seen = 0;
  private churn = 0;
  private size = 0;
  /** Lost writes' numbers in acknowledgement order; found ones are dropped lazily. */
  private order: number[] = [];
  private readonly lostSet = new Set<number>();
  /** Parked at the end of the keys Map once a write is missing, to see the keys added since. */
  private tail: Iterator<string> | undefined;
  /** Full rebuilds so far (tests read it to see that polls stay incremental). */
  rebuilds = 0;

  read(acked: readonly number[], prefix: string, db: Db): LostWritesView {
    if (!this.followable(acked, prefix, db)) this.reset(acked, prefix, db);
    else this.catchUp(db);
    for (let i = this.seen; i < acked.length; i++) {
      const n = acked[i]!;
      if (db.keys.has(prefix + n)) continue;
      if (this.tail === undefined) this.tail = parkAtEnd(db.keys);
      if (!this.lostSet.has(n)) this.order.push(n);
      this.lostSet.add(n);
    }
    this.seen = acked.length;
    this.churn = db.churn;
    this.size = db.keys.size;
    return { lost: this.lostSet.size, first: this.first() };
  }

  private followable(acked: readonly number[], prefix: string, db: Db): boolean {
    return (
      this.acked === acked &&
      this.prefix === prefix &&
      this.db === db &&
      this.keys === db.keys &&
      acked.length >= this.seen &&
      db.keys.size >= this.size &&
      db.churn - this.churn === db.keys.size - this.size
    );
  }

  private reset(acked: readonly number[], prefix: string, db: Db): void {
    this.rebuilds++;
    this.acked = acked;
    this.prefix = prefix;
    this.db = db;
    this.keys = db.keys;
    this.seen = 0;
    this.order = [];
    this.lostSet.clear();
    this.tail = undefined;
  }

  /** Drops the lost writes whose keys the database gained since the last read. */
  private catchUp(db: Db): void {
    const added = db.keys.size - this.size;
    const tail = this.tail;
    if (tail === undefined || added === 0) return;
    const prefix = this.prefix;
    for (let i = 0; i < added; i++) {
      const key = tail.next().value as string;
      if (this.lostSet.size === 0 || !key.startsWith(prefix)) continue;
      const n = Number(key.slice(prefix.length));
      // Only the writer's own spelling of a number names one of its writes.
      if (this.lostSet.has(n) && prefix + n === key) this.lostSet.delete(n);
    }
  }

  private first(): number[] {
    const order = this.order;
    if (order.length > 2 * this.lostSet.size + 64) {
      this.order = order.filter((n) => this.lostSet.has(n));
    }
    const out: number[] = [];
    for (const n of this.order) {
      if (out.length === LOST_LISTED) break;
      if (this.lostSet.has(n)) out.push(n);
    }
    return out;
  }
}

/** An iterator over the Map's keys that has passed every key there now and is not done. */
function parkAtEnd(keys: Map<string, unknown>): Iterator<string> {
  const it = keys.keys();
  for (let i = keys.size; i > 0; i--) it.next();
  return it;
}
