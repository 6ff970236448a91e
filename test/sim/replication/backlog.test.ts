import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES, Backlog } from '../../../src/sim/replication/backlog.ts';

/** Feeds `count` commands of `bytes` each from offset 0; returns the last offset. */
function fill(b: Backlog, count: number, bytes: number, size: number): number {
  let offset = 0;
  for (let i = 0; i < count; i++) {
    offset += bytes;
    b.push(['SET', `k:${i}`, 'v'], offset, size);
  }
  return offset;
}

describe('replication backlog (7.0 blocks)', () => {
  it('blocks hold 20,440 bytes, as jemalloc rounds 16 KB plus the block header', () => {
    expect(BLOCK_BYTES).toBe(20_440);
  });

  it('keeps between repl-backlog-size and one block more, freeing whole blocks', () => {
    const size = 65_536;
    for (const count of [1_000, 1_500, 5_000, 12_345]) {
      const b = new Backlog(0);
      const end = fill(b, count, 64, size);
      const kept = b.histlen(end);
      expect(kept).toBeGreaterThan(Math.min(size, end) - 1);
      expect(kept).toBeLessThanOrEqual(size + BLOCK_BYTES);
      // The first byte kept is a block boundary from where the backlog started.
      expect((end - kept) % BLOCK_BYTES).toBe(0);
    }
  });

  it('a replica that missed a little more than the size still continues (partial resync)', () => {
    const size = 65_536;
    const b = new Backlog(0);
    const end = fill(b, 2_000, 64, size); // 128,000 bytes written
    const kept = b.histlen(end);
    const missed = size + 1_024; // the replica stopped at end - missed
    expect(missed).toBeLessThan(kept);
    expect(b.covers(end - missed + 1, end)).toBe(true);
    const { argvs, sizes } = b.since(end - missed);
    expect(sizes.reduce((a, s) => a + s, 0)).toBe(missed);
    expect(argvs).toHaveLength(missed / 64);
    expect(argvs.at(-1)).toEqual(['SET', 'k:1999', 'v']);
    // Beyond what is kept: a full resync.
    expect(b.covers(end - kept, end)).toBe(false);
  });
});
