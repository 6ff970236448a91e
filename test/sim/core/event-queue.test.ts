import { describe, expect, it } from 'vitest';
import { micros } from '../../../src/sim/core/clock.ts';
import { EventQueue } from '../../../src/sim/core/event-queue.ts';
import { SimRng } from '../../../src/sim/core/rng.ts';

describe('EventQueue', () => {
  it('pops by time, and by insertion order within the same microsecond', () => {
    const q = new EventQueue();
    q.push(micros(5), 'x', 'a');
    q.push(micros(1), 'x', 'b');
    q.push(micros(5), 'x', 'c');
    q.push(micros(1), 'x', 'd');
    const out: unknown[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e.data);
    expect(out).toEqual(['b', 'd', 'a', 'c']);
  });

  it('keeps a total order over many random times, and restores it from pending()', () => {
    const rng = new SimRng(7);
    const q = new EventQueue();
    for (let i = 0; i < 2000; i++) q.push(micros(rng.int(50)), 'x', i);
    const copy = new EventQueue();
    copy.restore(q.pending(), q.sequence);
    let prev = { at: -1, seq: -1 };
    for (let e = q.pop(); e !== undefined; e = q.pop()) {
      expect(e.at > prev.at || (e.at === prev.at && e.seq > prev.seq)).toBe(true);
      expect(copy.pop()).toEqual(e);
      prev = e;
    }
  });
});
