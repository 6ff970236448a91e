import { describe, expect, it } from 'vitest';
import {
  ListValue,
  cloneValue,
  elementCount,
  encodingOf,
  memoryUsageOf,
} from '../../../src/engine/datatypes/list.ts';
import { SeededRng } from '../../../src/engine/index.ts';

const listOf = (n: number, f: (i: number) => string) =>
  ListValue.from(Array.from({ length: n }, (_, i) => f(i)));

describe('the List value', () => {
  it('pushes and pops at both ends and reads any index, across many wrap-arounds', () => {
    const list = new ListValue();
    const model: string[] = [];
    const rng = new SeededRng(3);
    for (let step = 0; step < 20_000; step++) {
      const r = rng.next();
      const v = String(step);
      if (r < 0.3) {
        list.pushHead(v);
        model.unshift(v);
      } else if (r < 0.6) {
        list.pushTail(v);
        model.push(v);
      } else if (r < 0.8) {
        expect(list.popHead()).toBe(model.shift());
      } else {
        expect(list.popTail()).toBe(model.pop());
      }
      if (step % 997 === 0) expect(list.toArray()).toEqual(model);
    }
    expect(list.length).toBe(model.length);
    for (let i = 0; i < model.length; i += 7) expect(list.get(i)).toBe(model[i]);
  });

  it('inserts, removes matches from either end and trims like the array it models', () => {
    const rng = new SeededRng(11);
    const list = new ListValue();
    let model: string[] = [];
    for (let step = 0; step < 3000; step++) {
      const r = rng.next();
      const v = String.fromCharCode(97 + Math.floor(rng.next() * 4));
      if (r < 0.4) {
        list.pushTail(v);
        model.push(v);
      } else if (r < 0.6) {
        const at = Math.floor(rng.next() * (model.length + 1));
        list.insertAt(at, v);
        model.splice(at, 0, v);
      } else if (r < 0.75) {
        const limit = Math.floor(rng.next() * 3);
        const fromTail = rng.next() < 0.5;
        let removed = 0;
        const order = fromTail ? [...model.keys()].reverse() : [...model.keys()];
        const drop = new Set<number>();
        for (const i of order) {
          if (model[i] === v && (limit === 0 || removed < limit)) {
            drop.add(i);
            removed++;
          }
        }
        expect(list.removeMatching(v, limit, fromTail)).toBe(removed);
        model = model.filter((_, i) => !drop.has(i));
      } else if (r < 0.85 && model.length > 0) {
        const n = Math.floor(rng.next() * Math.min(3, model.length));
        list.removeHead(n);
        model.splice(0, n);
        const m = Math.floor(rng.next() * Math.min(3, model.length));
        list.removeTail(m);
        model.splice(model.length - m, m);
      } else if (model.length > 0) {
        const at = Math.floor(rng.next() * model.length);
        list.set(at, 'z');
        model[at] = 'z';
      }
      expect(list.length).toBe(model.length);
    }
    expect(list.toArray()).toEqual(model);
    expect(list.indexOf('z')).toBe(model.indexOf('z'));
    if (model.length > 2)
      expect(list.range(1, model.length - 1, true)).toEqual(model.slice(1).reverse());
  });

  it('gives memory back after most of a big list is popped', () => {
    const list = listOf(100_000, String);
    for (let i = 0; i < 99_990; i++) list.popHead();
    expect(list.toArray()).toEqual(Array.from({ length: 10 }, (_, i) => String(99_990 + i)));
  });

  it('reports quicklist as its encoding and its element count, and clones deeply', () => {
    const list = listOf(3, (i) => `e${i}`);
    expect(encodingOf(list)).toBe('quicklist');
    expect(encodingOf(listOf(10_000, String))).toBe('quicklist');
    expect(elementCount(list)).toBe(3);
    const copy = cloneValue(list);
    copy.pushTail('more');
    expect(list.toArray()).toEqual(['e0', 'e1', 'e2']);
    expect(copy.toArray()).toEqual(['e0', 'e1', 'e2', 'more']);
  });

  // Figures from MEMORY USAGE on redis-server 7.0.15 for lists built by RPUSH, minus the
  // 32 bytes of the one-byte key's sds and dict entry.
  it.each([
    ['one short string', listOf(1, () => 'a'), 144],
    ['one small integer', listOf(1, () => '1'), 144],
    ['10 short strings', listOf(10, (i) => `elem${i}`), 208],
    ['100 short strings', listOf(100, (i) => `elem${i}`), 1024],
    ['1000 short strings (two nodes)', listOf(1000, (i) => `elem${i}`), 9128],
    ['10000 short strings (sampled nodes)', listOf(10_000, (i) => `elem${i}`), 107_104],
    ['500 strings of 100 bytes', listOf(500, () => 'x'.repeat(100)), 57_712],
    ['5 strings of 10000 bytes', listOf(5, () => 'x'.repeat(10_000)), 51_488],
  ])('estimates MEMORY USAGE like Redis: %s', (_, list, real) => {
    expect(memoryUsageOf(list) + 32).toBe(real);
  });
});
