import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../../src/engine/index.ts';
import { ScanOrder } from '../../../src/engine/keyspace/scan-order.ts';

function fullScan(order: ScanOrder, count: number, between?: () => void): string[] {
  const seen: string[] = [];
  let cursor = 0;
  let calls = 0;
  do {
    const page = order.scan(cursor, count);
    seen.push(...page.keys);
    cursor = page.cursor;
    between?.();
    calls++;
  } while (cursor !== 0 && calls < 100_000);
  return seen;
}

describe('ScanOrder', () => {
  it('a full scan returns every key once when nothing changes', () => {
    const order = new ScanOrder();
    for (let i = 0; i < 1000; i++) order.added(`k${i}`);
    const seen = fullScan(order, 7);
    expect(seen.length).toBe(1000);
    expect(new Set(seen).size).toBe(1000);
  });

  it('returns every key present throughout while others come and go (and compacts)', () => {
    const rng = new SeededRng(5);
    const order = new ScanOrder();
    for (let i = 0; i < 2000; i++) order.added(`k${i}`);
    const churn = () => {
      for (let j = 0; j < 40; j++) {
        const n = 2 * Math.floor(rng.next() * 1000) + 1; // odd keys churn, even keys stay
        if (rng.next() < 0.7) order.removed(`k${n}`);
        else order.added(`k${n}`);
        order.added(`new${Math.floor(rng.next() * 5000)}`);
      }
    };
    const seen = new Set(fullScan(order, 10, churn));
    for (let i = 0; i < 2000; i += 2) expect(seen.has(`k${i}`)).toBe(true);
  });

  it('an empty order ends at cursor 0 at once; cleared() forgets everything', () => {
    const order = new ScanOrder();
    expect(order.scan(0, 10)).toEqual({ cursor: 0, keys: [] });
    order.added('a');
    order.cleared();
    expect(order.size).toBe(0);
    expect(order.scan(0, 10).keys).toEqual([]);
    expect(order.random(new SeededRng(1))).toBeUndefined();
  });

  it('a key added twice keeps its place; a removed key is not returned', () => {
    const order = new ScanOrder();
    for (const k of ['a', 'b', 'c']) order.added(k);
    order.added('a');
    order.removed('b');
    order.removed('zz');
    expect(fullScan(order, 1)).toEqual(['a', 'c']);
  });

  it('random picks only live keys and reaches all of them', () => {
    const rng = new SeededRng(9);
    const order = new ScanOrder();
    for (let i = 0; i < 100; i++) order.added(`k${i}`);
    for (let i = 0; i < 100; i += 2) order.removed(`k${i}`);
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const k = order.random(rng)!;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(counts.size).toBe(50);
    for (const [k, n] of counts) {
      expect(Number(k.slice(1)) % 2).toBe(1);
      expect(n).toBeGreaterThan(40); // ~100 each
    }
  });
});
