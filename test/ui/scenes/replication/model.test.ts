import { describe, expect, it } from 'vitest';
import { micros } from '../../../../src/sim/core/clock.ts';
import type { TraceRecord } from '../../../../src/sim/index.ts';
import { createScene } from '../../../../src/sim/scenes/index.ts';
import type { Replication } from '../../../../src/sim/replication/replication.ts';
import type { VersionedApp } from '../../../../src/sim/replication/versioned-app.ts';
import { replicationCatalogues } from '../../../../src/ui/scenes/replication/messages.ts';
import {
  fullSyncMicros,
  replicaNames,
  replicationModel,
  type ReplView,
} from '../../../../src/ui/scenes/replication/model.ts';
import type { LogEntry } from '../../../../src/store/sim-store.ts';
import type { SceneInfo, SimUpdate } from '../../../../src/worker/api.ts';

const FRAME = 16_000;

/**
 * Runs the real replication scene and folds its trace through the model in frame-sized
 * batches, as the page does; `acts` run at their time (µs) like the learner's buttons.
 */
function play(
  set: Record<string, string>,
  until: number,
  acts: [number, (w: ReturnType<typeof createScene>['world']) => void][] = [],
) {
  const run = createScene('replication', 1, set);
  let batch: SimUpdate[] = [];
  const log: LogEntry[] = [];
  run.world.subscribe((record: TraceRecord) => {
    const u: SimUpdate = { kind: 'trace', record };
    batch.push(u);
    const line = replicationModel.describe?.(u);
    if (line) log.push(line);
  });
  const info = { values: run.knobs } as unknown as SceneInfo;
  let view: ReplView = replicationModel.reset(info, 0);
  const pending = [...acts];
  for (let t = FRAME; t <= until; t += FRAME) {
    run.world.runUntil(micros(t));
    while (pending.length > 0 && pending[0]![0] <= t) pending.shift()![1](run.world);
    view = replicationModel.apply(view, batch, t);
    batch = [];
  }
  return { view, log, world: run.world };
}

const en = replicationCatalogues.en;
const text = (log: readonly LogEntry[]) =>
  log.map((e) => en.log[e.key]?.(e.args) ?? e.key).join('\n');

describe('replication scene model', () => {
  it('shows one replica per knob value, with the offsets the master and replicas report', () => {
    const { view, world } = play({ replicas: '3', cutFor: '0', rate: '200' }, 7_000_000);
    expect(view.replicas.map((r) => r.name)).toEqual(replicaNames(3));
    const master = world.part('repl@redis-1') as Replication;
    // The offsets note is at most 100 ms old: within a tenth of a second of stream.
    expect(view.masterOffset).toBeGreaterThan(0);
    expect(master.replOffset - view.masterOffset).toBeLessThan(4_000);
    for (const r of view.replicas) {
      expect(r.offset).toBeGreaterThan(0);
      expect(r.link).toBe('connected');
      expect(r.lag.t.length).toBe(r.lag.values.length);
      expect(r.lag.t.length).toBeGreaterThan(50);
    }
    expect(view.fullSyncs).toBe(3);
  });

  it('a short cut heals with a partial resync: counted, on the stage and in the log', () => {
    const cut = 8_000_000;
    const { view, log } = play({ cutFor: '0', rate: '200' }, 14_000_000, [
      [cut, (w) => w.cut('redis-1', 'redis-3')],
      [cut + 2_000_000, (w) => w.heal('redis-1', 'redis-3')],
    ]);
    const r3 = view.replicas.find((r) => r.name === 'redis-3')!;
    expect(view.partialSyncs).toBe(1);
    expect(view.fullSyncs).toBe(2);
    expect(r3.lastSync?.kind).toBe('partial');
    expect(r3.cut).toBe(false);
    const words = text(log);
    expect(words).toContain('Link redis-1 ↔ redis-3 cut');
    expect(words).toMatch(/stale read on redis-3: got v\d+, master has v\d+/);
    expect(words).toContain('partial resync: the backlog still covers redis-3');
    // While cut, the replica's lag grew to seconds of stream; healed, it is small again.
    expect(Math.max(...r3.lag.values)).toBeGreaterThan(20_000);
    expect(r3.lag.values.at(-1)!).toBeLessThan(2_000);
  });

  it('a cut longer than the backlog covers ends in a full resync that takes the sync delay', () => {
    const cut = 8_000_000;
    const { view, log } = play(
      { cutFor: '0', rate: '200', 'repl-backlog-size': '16384' },
      20_000_000,
      [
        [cut, (w) => w.cut('redis-1', 'redis-2')],
        [cut + 4_000_000, (w) => w.heal('redis-1', 'redis-2')],
      ],
    );
    const r2 = view.replicas.find((r) => r.name === 'redis-2')!;
    expect(view.partialSyncs).toBe(0);
    expect(view.fullSyncs).toBe(3);
    expect(r2.lastSync?.kind).toBe('full');
    // repl-diskless-sync-delay (5 s) plus the transfer of the dataset.
    const took = fullSyncMicros(r2.lastSync, view.now)!;
    expect(took).toBeGreaterThanOrEqual(5_000_000);
    expect(took).toBeLessThan(6_000_000);
    expect(r2.lastSync!.keys).toBeGreaterThan(1000);
    expect(text(log)).toContain('full resync: redis-2 gets the whole dataset');
  });

  it('stale reads carry the version read and the master`s, counted like the app counts them', () => {
    const { view, world } = play({ cutFor: '0', rate: '200' }, 12_000_000, [
      [8_000_000, (w) => w.cut('redis-1', 'redis-3')],
    ]);
    const app = world.part('app') as VersionedApp;
    expect(view.staleReads).toBe(app.counts.staleReads);
    expect(view.reads).toBe(app.counts.reads);
    const stale = view.replicas.find((r) => r.name === 'redis-3')!.lastStale!;
    expect(stale.got).toMatch(/^v\d+$/);
    expect(Number(stale.master!.slice(1))).toBeGreaterThan(Number(stale.got.slice(1)) + 20);
  });

  it('WAIT and a write on a replica reach the figures and the log with Redis`s words', () => {
    const { view, log } = play({ cutFor: '0', rate: '200' }, 9_000_000, [
      [7_000_000, (w) => void (w.part('app') as VersionedApp).act('wait', ['1', '100'])],
      [7_500_000, (w) => void (w.part('app') as VersionedApp).act('write-replica', ['redis-2'])],
    ]);
    expect(view.lastWait).toMatchObject({ replicas: 1, timeout: 100, acked: 1 });
    expect(view.lastWait!.micros).toBeGreaterThan(view.lastWait!.write);
    expect(view.refused?.error).toBe("READONLY You can't write against a read only replica.");
    expect(text(log)).toContain(
      "Write to redis-2 refused: READONLY You can't write against a read only replica.",
    );
    expect(text(log)).toMatch(/WAIT 1 100 answered 1 after/);
  });
});
