import { describe, expect, it } from 'vitest';
import { SeededRng, type Rng } from '../../../src/engine/index.ts';
import {
  SKIPLIST_MAX_LEVEL,
  Skiplist,
  randomLevel,
  type LexRange,
  type SkiplistNode,
} from '../../../src/engine/datatypes/skiplist.ts';

/** An Rng that replays fixed draws, to build a skiplist of a known shape. */
class ScriptedRng implements Rng {
  private i = 0;
  constructor(private readonly draws: readonly number[]) {}
  next(): number {
    return this.draws[this.i++ % this.draws.length]!;
  }
}

function members(list: Skiplist): string[] {
  return [...list.nodes()].map((n) => n.member);
}

/**
 * Checks every structural invariant: order, backward links, tail, length, and that each
 * span equals the number of level-0 steps its link jumps (or the nodes left, for null).
 */
function expectConsistent(list: Skiplist): void {
  const nodes = [...list.nodes()];
  expect(nodes.length).toBe(list.length);
  const position = new Map<SkiplistNode, number>(nodes.map((n, i) => [n, i + 1]));
  position.set(list.header, 0);
  for (let i = 1; i < nodes.length; i++) {
    const a = nodes[i - 1]!;
    const b = nodes[i]!;
    expect(a.score < b.score || (a.score === b.score && a.member < b.member)).toBe(true);
    expect(b.backward).toBe(a);
  }
  if (nodes.length > 0) expect(nodes[0]!.backward).toBeNull();
  expect(list.tail).toBe(nodes.at(-1) ?? null);
  for (const node of [list.header, ...nodes]) {
    const at = position.get(node)!;
    const height = node === list.header ? list.level : node.forward.length;
    for (let i = 0; i < height; i++) {
      const next = node.forward[i] ?? null;
      const expected = next === null ? nodes.length - at : position.get(next)! - at;
      expect(node.span[i], `span ${i} of node at ${at}`).toBe(expected);
    }
  }
}

describe('Skiplist', () => {
  it('orders by score, then by member bytes for equal scores', () => {
    const list = new Skiplist();
    const rng = new SeededRng(1);
    list.insert(2, 'b', rng);
    list.insert(1, 'z', rng);
    list.insert(2, 'a', rng);
    list.insert(2, 'B', rng);
    list.insert(-Infinity, 'm', rng);
    list.insert(2, 'a\x00', rng);
    list.insert(2, '\xff', rng);
    expect(members(list)).toEqual(['m', 'z', 'B', 'a', 'a\x00', 'b', '\xff']);
    expectConsistent(list);
  });

  it('keeps spans right so ranks come from one descent', () => {
    const list = new Skiplist();
    const rng = new SeededRng(7);
    for (let i = 0; i < 500; i++) list.insert((i * 37) % 101, `m${i}`, rng);
    expectConsistent(list);
    const ordered = [...list.nodes()];
    for (const [i, node] of ordered.entries()) {
      expect(list.getRank(node.score, node.member)).toBe(i + 1);
      expect(list.getByRank(i + 1)).toBe(node);
    }
    expect(list.getRank(5, 'nope')).toBe(0);
    expect(list.getByRank(0)).toBeNull();
    expect(list.getByRank(501)).toBeNull();
  });

  it('stays consistent through deletes, score updates and range deletes', () => {
    const list = new Skiplist();
    const rng = new SeededRng(3);
    const scores = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const m = `k${i % 120}`;
      const s = Math.floor(rng.next() * 50);
      const current = scores.get(m);
      if (current === undefined) list.insert(s, m, rng);
      else list.updateScore(current, m, s, rng);
      scores.set(m, s);
      if (i % 7 === 0) {
        const victim = `k${(i * 13) % 120}`;
        const vs = scores.get(victim);
        if (vs !== undefined) {
          expect(list.delete(vs, victim)).toBe(true);
          scores.delete(victim);
        }
      }
    }
    expectConsistent(list);
    expect(list.delete(1000, 'nope')).toBe(false);
    const removed: string[] = [];
    list.deleteRangeByScore({ min: 10, max: 20, minExclusive: true, maxExclusive: false }, (m) =>
      removed.push(m),
    );
    expect(removed.every((m) => scores.get(m)! > 10 && scores.get(m)! <= 20)).toBe(true);
    for (const m of removed) scores.delete(m);
    expectConsistent(list);
    expect([...list.nodes()].some((n) => n.score > 10 && n.score <= 20)).toBe(false);
    const before = members(list);
    expect(list.deleteRangeByRank(2, 5, () => {})).toBe(4);
    expect(members(list)).toEqual([...before.slice(0, 1), ...before.slice(5)]);
    expectConsistent(list);
  });

  it('updates a score in place when the node keeps its position', () => {
    for (const flatMax of [0, 128]) {
      const list = new Skiplist({ flatMax });
      // Every draw below 1/4 adds a level: b is given height 3 here.
      const rng = new ScriptedRng([0.9, 0.1, 0.1, 0.9, 0.9]);
      list.insert(1, 'a', rng);
      list.insert(2, 'b', rng);
      list.insert(3, 'c', rng);
      // In place: no new height is drawn (the next draw would give 1 level, not 3).
      list.updateScore(2, 'b', 2.5, rng);
      expect([...list.nodes()].map((n) => n.forward.length)).toEqual([1, 3, 1]);
      list.updateScore(2.5, 'b', 10, new ScriptedRng([0.9]));
      expect(members(list)).toEqual(['a', 'c', 'b']);
      expect([...list.nodes()].map((n) => n.forward.length)).toEqual([1, 1, 1]);
      expect(list.level).toBe(1);
      expectConsistent(list);
    }
  });

  it('builds the same shape, with the same random draws, whether kept flat first or not', () => {
    const shape = (list: Skiplist) => ({
      level: list.level,
      length: list.length,
      header: list.header.span.slice(0, list.level),
      nodes: [...list.nodes()].map((n) => [n.member, n.score, n.forward.length, ...n.span]),
    });
    for (const count of [5, 60, 128, 129, 400]) {
      const lists = [new Skiplist({ flatMax: 0 }), new Skiplist()];
      const rngs = [new SeededRng(count), new SeededRng(count)];
      for (let k = 0; k < 2; k++) {
        const list = lists[k]!;
        const rng = rngs[k]!;
        const scores = new Map<string, number>();
        const ops = new SeededRng(99);
        for (let i = 0; i < count * 3; i++) {
          const m = `m${Math.floor(ops.next() * count)}`;
          const s = Math.floor(ops.next() * 20);
          const current = scores.get(m);
          if (current === undefined) list.insert(s, m, rng);
          else if (ops.next() < 0.2) {
            list.delete(current, m);
            scores.delete(m);
            continue;
          } else list.updateScore(current, m, s, rng);
          scores.set(m, s);
          expect(list.getRank(s, m)).toBeGreaterThan(0);
        }
      }
      expect(shape(lists[1]!)).toEqual(shape(lists[0]!));
      expectConsistent(lists[1]!);
      expect(rngs[1]!.next()).toBe(rngs[0]!.next());
    }
  });

  it('finds the first and last node of score and lex ranges', () => {
    const list = new Skiplist();
    const rng = new SeededRng(9);
    for (const [s, m] of [
      [1, 'a'],
      [2, 'b'],
      [2, 'c'],
      [3, 'd'],
    ] as const) {
      list.insert(s, m, rng);
    }
    const range = (min: number, max: number, minEx = false, maxEx = false) => ({
      min,
      max,
      minExclusive: minEx,
      maxExclusive: maxEx,
    });
    expect(list.firstInRange(range(2, 3))?.member).toBe('b');
    expect(list.lastInRange(range(2, 3, false, true))?.member).toBe('c');
    expect(list.firstInRange(range(1, 2, true))?.member).toBe('b');
    expect(list.firstInRange(range(2, 2, true))).toBeNull();
    expect(list.firstInRange(range(4, 10))).toBeNull();
    expect(list.lastInRange(range(3, 1))).toBeNull();

    const flat = new Skiplist();
    for (const m of ['a', 'b', 'c', 'd']) flat.insert(0, m, rng);
    const lex: LexRange = {
      min: { kind: 'value', value: 'a', exclusive: true },
      max: { kind: 'value', value: 'c', exclusive: false },
    };
    expect(flat.firstInLexRange(lex)?.member).toBe('b');
    expect(flat.lastInLexRange(lex)?.member).toBe('c');
    expect(flat.firstInLexRange({ min: { kind: 'max' }, max: { kind: 'max' } })).toBeNull();
    expect(flat.lastInLexRange({ min: { kind: 'min' }, max: { kind: 'max' } })?.member).toBe('d');
  });

  it('draws the same levels from the same seed, each extra level with probability 1/4', () => {
    const build = (seed: number) => {
      const list = new Skiplist();
      const rng = new SeededRng(seed);
      for (let i = 0; i < 200; i++) list.insert(i, `m${i}`, rng);
      return [...list.nodes()].map((n) => n.forward.length);
    };
    expect(build(11)).toEqual(build(11));
    expect(build(11)).not.toEqual(build(12));

    const rng = new SeededRng(2024);
    const counts = new Array<number>(SKIPLIST_MAX_LEVEL + 1).fill(0);
    const draws = 40_000;
    for (let i = 0; i < draws; i++) counts[randomLevel(rng)]!++;
    expect(counts[1]! / draws).toBeCloseTo(0.75, 1);
    expect(counts[2]! / draws).toBeCloseTo(0.1875, 1);
    expect(randomLevel(new ScriptedRng([0]))).toBe(SKIPLIST_MAX_LEVEL);
    expect(randomLevel(new ScriptedRng([0.25]))).toBe(1);
    expect(randomLevel(new ScriptedRng([0.1, 0.2, 0.9]))).toBe(3);
  });

  it('exposes its shape for drawing: header height, node heights and spans', () => {
    const list = new Skiplist();
    // Heights 1, 3, 2 for a, b, c.
    list.insert(1, 'a', 1);
    list.insert(2, 'b', 3);
    list.insert(3, 'c', 2);
    expect(list.level).toBe(3);
    expect([...list.nodes()].map((n) => n.forward.length)).toEqual([1, 3, 2]);
    expect(list.header.span.slice(0, 3)).toEqual([1, 2, 2]);
    const b = list.getByRank(2)!;
    expect(b.span).toEqual([1, 1, 1]);
    expect(b.forward[2]).toBeNull();
    expectConsistent(list);
    list.delete(2, 'b');
    expect(list.level).toBe(2);
    expectConsistent(list);
  });
});
