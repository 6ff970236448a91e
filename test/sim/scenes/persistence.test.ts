import { describe, expect, it } from 'vitest';
import { fromSeconds } from '../../../src/sim/core/clock.ts';
import { createScene, runScene, type SceneSummary } from '../../../src/sim/scenes/index.ts';

/**
 * The persistence scene's summary against Redis's documented behaviour (redis-facts §5):
 * SIGKILL under any AOF mode loses no acknowledged write; a power loss under everysec loses
 * about a second (at most two), under always none; RDB alone loses everything since the
 * last save, whichever the crash.
 */

const base = { rate: '2000', datasetMB: '64', crashAt: '4.5', restartAfter: '0.5' };
const run = (set: Record<string, string>, until = 6, seed = 1): SceneSummary =>
  runScene('persistence', seed, until, { ...base, ...set });
const num = (s: SceneSummary, field: string): number => s[field] as number;

describe('persistence scene', () => {
  for (const appendfsync of ['always', 'everysec', 'no']) {
    it(`a kill under appendfsync ${appendfsync} loses nothing acknowledged`, () => {
      const s = run({ save: '', appendonly: 'yes', appendfsync, crash: 'kill' });
      expect(s.reloadedFrom).toBe('aof');
      expect(s.writesAcknowledged).toBeGreaterThan(8000);
      expect(s.writesLost).toEqual({ count: 0, list: [] });
      expect(num(s, 'lossWindowMs')).toBe(0);
    });
  }

  it('a power loss under always loses nothing acknowledged', () => {
    const s = run({ save: '', appendonly: 'yes', appendfsync: 'always', crash: 'power' });
    expect(s.reloadedFrom).toBe('aof');
    expect(s.writesLost.count).toBe(0);
  });

  it('a power loss under everysec loses about a second, never more than two', () => {
    for (const crashAt of ['2.05', '3.5', '4.99']) {
      const s = run({
        save: '',
        appendonly: 'yes',
        appendfsync: 'everysec',
        crash: 'power',
        crashAt,
      });
      expect(s.writesLost.count).toBeGreaterThan(0);
      expect(num(s, 'lossWindowMs')).toBeGreaterThan(0);
      expect(num(s, 'lossWindowMs')).toBeLessThanOrEqual(2000);
      // About the writes of the window at 2,000 writes/s.
      expect(s.writesLost.count).toBeLessThanOrEqual(2 * 2000 * 1.1);
      expect(s.writesLost.list).toHaveLength(s.writesLost.count);
      expect(s.writesLost.count).toBe(num(s, 'ackedBeforeCrash') - num(s, 'survivedSeq'));
    }
  });

  it('RDB only loses every write since the last save, under either crash', () => {
    for (const crash of ['kill', 'power']) {
      const s = run({ save: '2 1000', appendonly: 'no', crash });
      expect(s.reloadedFrom).toBe('rdb');
      expect(num(s, 'rdbSaves')).toBeGreaterThanOrEqual(1);
      // Lost: exactly the acknowledged writes after the snapshot's fork, in order.
      const seqs = s.writesLost.list.map((w) => (w as { seq: number }).seq);
      const survived = num(s, 'survivedSeq');
      expect(seqs.every((q) => q > survived)).toBe(true);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      // Acknowledged writes are numbered 1..n in order, so every one after the save is gone.
      expect(s.writesLost.count).toBe(num(s, 'ackedBeforeCrash') - survived);
      expect(s.writesLost.count).toBeGreaterThan(200);
      // At most a save period, the save itself (64 MB: ~0.3 s) and a cron tick.
      expect(num(s, 'lossWindowMs')).toBeLessThan(2000 + 330 + 100 + 50);
    }
  });

  it('RDB only with no save yet loses everything acknowledged', () => {
    const s = run({ save: '60 1000', appendonly: 'no', crash: 'power' });
    expect(s.reloadedFrom).toBe('none');
    expect(s.writesLost.count).toBe(num(s, 'ackedBeforeCrash'));
    expect(s.writesLost.count).toBeGreaterThan(8000);
    expect(num(s, 'rdbSaves')).toBe(0);
  });

  it('reports forks, their blocked time and copy-on-write', () => {
    const s = run({ save: '1 100', appendonly: 'no', crash: 'none', datasetMB: '1024' });
    expect(num(s, 'forks')).toBeGreaterThanOrEqual(1);
    // fork() of a 1 GiB dataset: ~10 ms of page tables.
    expect(num(s, 'maxForkBlockedMs')).toBeGreaterThan(9);
    expect(num(s, 'maxForkBlockedMs')).toBeLessThan(12);
    expect(num(s, 'maxCowBytes')).toBeGreaterThan(0);
    expect(num(s, 'writesPerSec')).toBeGreaterThan(1900);
  });

  it('marks the lesson steps in the trace, in order', () => {
    const { world } = createScene('persistence', 1, { ...base, save: '2 1000' });
    const steps: string[] = [];
    world.subscribe((r) => {
      if (r.type === 'note' && r.text.startsWith('step:')) steps.push(r.text.slice(5));
    });
    world.runUntil(fromSeconds(7));
    expect(steps).toEqual(['snapshots', 'fork-cow', 'crash', 'side-by-side']);
  });

  it('is deterministic per seed', () => {
    const set = { save: '2 1000', appendonly: 'yes', crash: 'power' };
    const a = run(set);
    expect(run(set)).toEqual(a);
    expect(run(set, 6, 2).traceHash).not.toBe(a.traceHash);
  });
});
