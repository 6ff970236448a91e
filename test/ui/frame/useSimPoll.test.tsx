// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSimPoll } from '../../../src/ui/frame/useSimPoll.ts';

/** A read the test answers by hand, so it can change the key while one is on its way. */
function worldReads() {
  const pending: ((value: number) => void)[] = [];
  let value = 0;
  return {
    reads: () => pending.length,
    read: () => new Promise<number>((resolve) => pending.push(() => resolve(value))),
    set: (v: number) => (value = v),
    answer: async (i: number) => {
      pending[i]!(0);
      await act(() => Promise.resolve());
    },
  };
}

describe('useSimPoll', () => {
  it('reads when enabled and again when the key changes, applying each answer', async () => {
    const w = worldReads();
    const seen: number[] = [];
    const { rerender } = renderHook(
      ({ enabled, key }) => useSimPoll(enabled, key, w.read, (v) => seen.push(v)),
      { initialProps: { enabled: false, key: 'a' } },
    );
    expect(w.reads()).toBe(0);
    rerender({ enabled: true, key: 'a' });
    expect(w.reads()).toBe(1);
    w.set(7);
    await w.answer(0);
    expect(seen).toEqual([7]);
    rerender({ enabled: true, key: 'b' });
    expect(w.reads()).toBe(2);
  });

  it('keeps one read at a time and makes one more for changes that came meanwhile', async () => {
    const w = worldReads();
    const seen: number[] = [];
    const { rerender } = renderHook(
      ({ key }) => useSimPoll(true, key, w.read, (v) => seen.push(v)),
      { initialProps: { key: 't1' } },
    );
    rerender({ key: 't2' });
    rerender({ key: 't3' });
    // Still the first read: the worker has not answered.
    expect(w.reads()).toBe(1);
    w.set(1);
    await w.answer(0);
    // The changes while it ran ask for exactly one more read, which sees the latest state.
    expect(w.reads()).toBe(2);
    w.set(3);
    await w.answer(1);
    expect(seen).toEqual([1, 3]);
    expect(w.reads()).toBe(2);
  });
});

describe('useSimPoll with dependencies', () => {
  it('reads again when a dependency is a different value, not when the render repeats', async () => {
    const w = worldReads();
    const first = { frame: 1 };
    const { rerender } = renderHook(
      ({ view }) => useSimPoll(true, 'tick-0', w.read, () => undefined, [view]),
      { initialProps: { view: first } },
    );
    expect(w.reads()).toBe(1);
    await w.answer(0);
    // The same view again (a re-render for something else): no read.
    rerender({ view: first });
    expect(w.reads()).toBe(1);
    // A new view object with the same key: a read.
    rerender({ view: { frame: 2 } });
    expect(w.reads()).toBe(2);
  });
});
