import { describe, expect, it } from 'vitest';
import { micros } from '../../../../src/sim/core/clock.ts';
import { DEFAULT_METRICS, type TraceRecord } from '../../../../src/sim/index.ts';
import { createScene, summarizeScene } from '../../../../src/sim/scenes/index.ts';
import { modeKnobs } from '../../../../src/sim/scenes/persistence-modes.ts';
import {
  lastLoss,
  marks,
  persistenceModel,
  runningFork,
  survivors,
  timelineBins,
  type PersistenceView,
  type Series,
} from '../../../../src/ui/scenes/persistence/model.ts';
import { persistenceCatalogues } from '../../../../src/ui/scenes/persistence/messages.ts';
import type { SceneInfo, SimUpdate } from '../../../../src/worker/api.ts';

const INFO = {} as SceneInfo;

/**
 * Runs the real persistence scene as the UI sees it (trace records in frame-sized batches,
 * the sampled series beside them) and folds it through the model.
 */
function play(
  set: Record<string, string>,
  until: number,
  stopAt?: (v: PersistenceView) => boolean,
) {
  const run = createScene(
    'persistence',
    1,
    { rate: '1000', datasetMB: '64', crash: 'none', ...set },
    DEFAULT_METRICS,
  );
  let batch: SimUpdate[] = [];
  run.world.subscribe((record: TraceRecord) => batch.push({ kind: 'trace', record }));
  let view = persistenceModel.reset(INFO, 0);
  const series = (): Series => {
    const m = run.world.metrics!;
    const out: Record<string, { t: number[]; values: number[] }> = {};
    for (const name of m.names()) {
      const s = m.series(name)!;
      out[name] = { t: [...s.t], values: [...s.values] };
    }
    return out;
  };
  for (let t = 16_000; t <= until; t += 16_000) {
    run.world.runUntil(micros(t));
    view = persistenceModel.apply(view, batch, t);
    batch = [];
    if (stopAt?.(view) === true) break;
  }
  return { view, series: series(), run };
}

const total = (
  bins: ReturnType<typeof timelineBins>,
  layer: 'disk' | 'cache' | 'memory' | 'lost',
) => bins.reduce((n, b) => n + b.counts[layer], 0);

describe('persistence scene model', () => {
  it('draws the BGSAVE fork with its copy-on-write, then the snapshot on the timeline', () => {
    // save 2 1000 at 1,000 writes/s: the first fork near 2 s; 64 MB take ~0.3 s to write.
    const during = play({ save: '2 1000' }, 3_000_000, (v) => runningFork(v) !== null);
    const fork = runningFork(during.view);
    expect(fork?.kind).toBe('rdb');
    expect(fork!.bytes).toBeGreaterThan(64 * 1024 * 1024);
    const { view, series } = play({ save: '2 1000' }, 3_000_000);
    expect(view.snapshots.length).toBeGreaterThanOrEqual(1);
    expect(runningFork(view)).toBeNull();
    expect(Math.max(...series['persist:redis:cow']!.values)).toBeGreaterThan(0);
    // RDB only: the writes before the snapshot's fork are on disk, the rest only in memory.
    const bins = timelineBins(series, 0, false, view.losses);
    const m = marks(series);
    expect(total(bins, 'disk')).toBe(view.snapshots.at(-1)!.seq);
    expect(total(bins, 'disk') + total(bins, 'memory')).toBe(m.ran);
    expect(total(bins, 'cache')).toBe(0);
  });

  it('RDB only: a kill and a restart lose every write since the snapshot, shown as lost', () => {
    const set = { save: '2 1000', crash: 'kill', crashAt: '3.4', restartAfter: '0.3' };
    const { view, series, run } = play(set, 5_000_000);
    const summary = summarizeScene(run);
    const loss = lastLoss(view)!;
    expect(loss.source).toBe('rdb');
    expect(loss.survivedSeq).toBe(view.snapshots.at(-1)!.seq);
    expect(loss.lost).toBe(summary.writesLost.count);
    expect(loss.lost).toBe((summary['ackedBeforeCrash'] as number) - loss.survivedSeq);
    expect(loss.lost).toBeGreaterThan(500);
    const bins = timelineBins(series, 0, false, view.losses);
    expect(total(bins, 'lost')).toBe(loss.lost);
    // Before the loss: on disk up to the snapshot; after the restart, new writes in memory.
    expect(total(bins, 'disk')).toBe(loss.survivedSeq);
    expect(total(bins, 'memory')).toBeGreaterThan(0);
  });

  it('everysec: a power loss shows lost writes within 2 s and the loss window', () => {
    const set = {
      ...modeKnobs('aof-everysec', ''),
      crash: 'power',
      crashAt: '4.4',
      restart: 'true',
      restartAfter: '0.5',
    };
    const { view, series, run } = play(set, 6_000_000);
    const summary = summarizeScene(run);
    const loss = lastLoss(view);
    expect(view.status).toBe('up');
    expect(loss).not.toBeNull();
    expect(loss!.kind).toBe('power');
    expect(loss!.source).toBe('aof');
    expect(loss!.lost).toBe(summary.writesLost.count);
    expect(loss!.lost).toBeGreaterThan(0);
    expect(loss!.windowMicros).toBeGreaterThan(0);
    expect(loss!.windowMicros).toBeLessThanOrEqual(2_000_000);
    // The timeline's lost writes are those the summary lists.
    const bins = timelineBins(series, 0, true, view.losses);
    expect(total(bins, 'lost')).toBe(summary.writesLost.count);
    // And they sit in the window before the crash.
    const lostBins = bins.filter((b) => b.counts.lost > 0);
    expect(lostBins[0]!.t1).toBeGreaterThanOrEqual(loss!.crashedAt - loss!.windowMicros);
    expect(lostBins.at(-1)!.t0).toBeLessThanOrEqual(loss!.crashedAt);
    const line = persistenceCatalogues.en.log['lost']!({
      lost: loss!.lost,
      window: loss!.windowMicros,
    });
    expect(line).toContain(String(loss!.lost));
  });

  it('AOF: a kill loses nothing; the page cache is what saves it', () => {
    const set = {
      ...modeKnobs('aof-no', ''),
      crash: 'kill',
      crashAt: '3',
      restart: 'true',
      restartAfter: '0.5',
    };
    const before = play({ ...set, crash: 'none' }, 2_900_000);
    const m = marks(before.series);
    const risk = survivors(m, true);
    // appendfsync no: nothing fsynced yet, so a power loss would take everything...
    expect(m.ran - risk.power).toBe(m.ran);
    // ...but the kernel has nearly all of it: a kill takes at most the last turn's writes.
    expect(m.ran - risk.kill).toBeLessThan(20);
    const { view } = play(set, 4_500_000);
    expect(lastLoss(view)?.lost).toBe(0);
    expect(lastLoss(view)?.kind).toBe('kill');
  });

  it('logs the story: fork, save, crash, restart, load and the loss', () => {
    const set = {
      save: '2 1000',
      crash: 'kill',
      crashAt: '3.2',
      restart: 'true',
      restartAfter: '0.3',
    };
    const run = createScene('persistence', 1, { rate: '1000', datasetMB: '64', ...set });
    const keys: string[] = [];
    run.world.subscribe((record) => {
      const e = persistenceModel.describe!({ kind: 'trace', record });
      if (e !== null) keys.push(e.key);
    });
    run.world.runUntil(micros(5_000_000));
    expect(keys).toEqual(['forked', 'saved', 'killed', 'restarting', 'dataLoaded', 'lost']);
    for (const k of keys) {
      expect(persistenceCatalogues.en.log[k]).toBeDefined();
      expect(persistenceCatalogues.ko.log[k]).toBeDefined();
    }
  });
});
