import { describe, expect, it } from 'vitest';
import { fromSeconds } from '../../../src/sim/core/clock.ts';
import { DEFAULT_METRICS } from '../../../src/sim/index.ts';
import { createScene } from '../../../src/sim/scenes/index.ts';
import {
  compareMode,
  measureThroughput,
  modeKnobs,
  modeOf,
  PERSISTENCE_MODES,
  runCrash,
  type CompareBase,
} from '../../../src/sim/scenes/persistence-modes.ts';

/**
 * The comparison the persistence lesson draws side by side, from headless runs of the
 * scene: what each mode loses under each crash, and what one synchronous writer sustains.
 */

const base: CompareBase = { save: '2 1000', rate: 2000, datasetMB: 16, crashAt: 5.3 };

describe('persistence modes compared', () => {
  it('each mode is what its knobs say', () => {
    for (const mode of PERSISTENCE_MODES) expect(modeOf(modeKnobs(mode, '60 1000'))).toBe(mode);
  });

  it('a SIGKILL under any AOF mode loses no acknowledged write', () => {
    for (const mode of ['aof-always', 'aof-everysec', 'aof-no', 'rdb-aof'] as const) {
      const s = runCrash(mode, 'kill', 1, base);
      expect(s['reloadedFrom']).toBe('aof');
      expect(s['ackedBeforeCrash']).toBeGreaterThan(9000);
      expect(s.writesLost.count).toBe(0);
    }
  });

  it('appendfsync always loses nothing acknowledged on a power loss', () => {
    for (const crashAt of [1.37, 3.5, 5.3]) {
      const s = runCrash('aof-always', 'power', 1, { ...base, crashAt });
      expect(s['ackedBeforeCrash']).toBeGreaterThan(1000);
      expect(s.writesLost.count).toBe(0);
    }
  });

  it('everysec loses at most about 2 s of acknowledged writes on a power loss', () => {
    for (const crashAt of [1.37, 2.05, 3.5, 4.99, 5.3]) {
      const s = runCrash('aof-everysec', 'power', 1, { ...base, crashAt });
      const lost = s.writesLost.list as { ran: number; acked: number }[];
      expect(lost.length).toBeGreaterThan(0);
      // Every lost write was acknowledged within 2 s of the crash.
      const crashMicros = fromSeconds(crashAt);
      for (const w of lost) expect(crashMicros - w.ran).toBeLessThanOrEqual(2_000_000);
      expect(s['lossWindowMs']).toBeLessThanOrEqual(2000);
      // Not more than two seconds' worth of the writer's rate (with Poisson slack).
      expect(lost.length).toBeLessThanOrEqual(2 * 2000 * 1.1);
    }
  });

  it('RDB alone loses every acknowledged write since the last snapshot, either crash', () => {
    for (const crash of ['kill', 'power'] as const) {
      const s = runCrash('rdb', crash, 1, base);
      expect(s['reloadedFrom']).toBe('rdb');
      const survived = s['survivedSeq'] as number;
      expect(survived).toBeGreaterThan(0);
      expect(s.writesLost.count).toBe((s['ackedBeforeCrash'] as number) - survived);
      expect(s.writesLost.count).toBeGreaterThan(500);
    }
  });

  it('always sustains fewer writes/s than everysec for one synchronous writer', () => {
    const always = measureThroughput('aof-always', 1, base);
    const everysec = measureThroughput('aof-everysec', 1, base);
    const rdb = measureThroughput('rdb', 1, base);
    expect(always).toBeGreaterThan(500);
    expect(everysec).toBeGreaterThan(always * 1.4);
    expect(rdb).toBeGreaterThanOrEqual(everysec * 0.95);
  });

  it('a row holds both crashes and the throughput, deterministically', () => {
    const row = compareMode('aof-everysec', 1, base);
    expect(row.kill.lost).toBe(0);
    expect(row.power.lost).toBeGreaterThan(0);
    expect(row.writesPerSec).toBeGreaterThan(0);
    expect(compareMode('aof-everysec', 1, base)).toEqual(row);
  });

  it('samples where the write sequence stands in memory, page cache and disk', () => {
    const { world } = createScene(
      'persistence',
      1,
      { ...modeKnobs('aof-no', ''), rate: '2000', datasetMB: '16', crash: 'none' },
      DEFAULT_METRICS,
    );
    world.runUntil(fromSeconds(3));
    const last = (name: string) => world.metrics!.series(`persist:redis:${name}`)!.values.at(-1)!;
    expect(last('ran')).toBeGreaterThan(5000);
    expect(last('written')).toBeLessThanOrEqual(last('ran'));
    expect(last('written')).toBeGreaterThan(last('ran') - 50);
    // appendfsync no: nothing is on disk before the kernel's 30 s writeback.
    expect(last('synced')).toBe(0);
    expect(last('rdb')).toBe(0);
  });
});
