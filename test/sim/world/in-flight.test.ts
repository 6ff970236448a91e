import { describe, expect, it } from 'vitest';
import { InFlight } from '../../../src/sim/world/in-flight.ts';

describe('InFlight', () => {
  it('answers requests in any order and lists the unanswered ones oldest first', () => {
    const f = new InFlight<string>();
    for (let req = 1; req <= 5; req++) f.add(req * 10, `r${req}`);
    expect(f.take(30)).toBe('r3');
    expect(f.take(10)).toBe('r1');
    expect(f.take(10)).toBeUndefined();
    expect(f.take(35)).toBeUndefined();
    expect(f.get(50)).toBe('r5');
    expect(f.size).toBe(3);
    expect(f.entries()).toEqual([
      [20, 'r2'],
      [40, 'r4'],
      [50, 'r5'],
    ]);
  });

  it('keeps a lost request while thousands after it are answered, and restores from entries', () => {
    const f = new InFlight<number>();
    f.add(1, 100);
    for (let req = 2; req < 10_000; req++) {
      f.add(req, req);
      expect(f.take(req)).toBe(req);
    }
    expect(f.size).toBe(1);
    expect(f.entries()).toEqual([[1, 100]]);
    const g = new InFlight<number>();
    g.reset([
      [9, 1],
      [3, 2],
    ]);
    g.add(12, 3);
    g.add(5, 4);
    expect(g.entries()).toEqual([
      [3, 2],
      [5, 4],
      [9, 1],
      [12, 3],
    ]);
    expect(() => g.add(9, 0)).toThrow();
  });
});
