import { describe, expect, it } from 'vitest';
import { micros } from '../../../src/sim/core/clock.ts';
import type { TraceRecord } from '../../../src/sim/index.ts';
import { createScene } from '../../../src/sim/scenes/index.ts';
import type { LogEntry, SceneModel } from '../../../src/store/sim-store.ts';
import { cacheModel } from '../../../src/ui/scenes/cache/model.ts';
import { createClusterModel } from '../../../src/ui/scenes/cluster/model.ts';
import { failoverModel } from '../../../src/ui/scenes/failover/model.ts';
import { jwtModel } from '../../../src/ui/scenes/jwt-rtr/model.ts';
import { memoryModel } from '../../../src/ui/scenes/memory/model.ts';
import { persistenceModel } from '../../../src/ui/scenes/persistence/model.ts';
import { replicationModel } from '../../../src/ui/scenes/replication/model.ts';
import { singleThreadModel } from '../../../src/ui/scenes/single-thread/model.ts';
import { sceneInfo } from '../../../src/worker/scene-info.ts';
import { traceWanted, type SimUpdate } from '../../../src/worker/sim-events.ts';

/**
 * Each scene's model names the trace records it reads (`wants`) so the worker sends only
 * those. Folding the real scene's whole trace and folding only the wanted records must
 * draw the same stage and write the same log: a record left out by mistake would make the
 * page miss something the learner should see.
 */
function foldBoth<V>(
  scene: string,
  models: () => SceneModel<V>,
  set: Record<string, string>,
  until: number,
) {
  const run = createScene(scene, 1, set);
  const info = sceneInfo(run, 1);
  const every = models();
  const wanted = models();
  expect(wanted.wants).toBeDefined();
  const wants = wanted.wants ?? [];
  let batch: TraceRecord[] = [];
  run.world.subscribe((record: TraceRecord) => batch.push(record));
  let all = every.reset(info, 0);
  let some = wanted.reset(info, 0);
  const allLog: (LogEntry | null)[] = [];
  const someLog: (LogEntry | null)[] = [];
  let kept = 0;
  let total = 0;
  for (let t = 16_000; t <= until; t += 16_000) {
    run.world.runUntil(micros(t));
    const full: SimUpdate[] = batch.map((record) => ({ kind: 'trace', record }));
    const sent = full.filter((u) => u.kind === 'trace' && traceWanted(u.record, wants));
    total += full.length;
    kept += sent.length;
    all = every.apply(all, full, t);
    some = wanted.apply(some, sent, t);
    for (const u of full) allLog.push(every.describe?.(u) ?? null);
    for (const u of sent) someLog.push(wanted.describe?.(u) ?? null);
    batch = [];
  }
  return {
    all,
    some,
    allLog: allLog.filter((l) => l !== null),
    someLog: someLog.filter((l) => l !== null),
    kept,
    total,
  };
}

const CASES: {
  scene: string;
  models: () => SceneModel<unknown>;
  set: Record<string, string>;
  until: number;
}[] = [
  {
    scene: 'single-thread',
    models: () => singleThreadModel,
    set: {},
    until: 3_000_000,
  },
  { scene: 'memory', models: () => memoryModel, set: {}, until: 5_000_000 },
  {
    scene: 'cache',
    models: () => cacheModel,
    set: { crashAt: '3' },
    until: 5_000_000,
  },
  {
    scene: 'persistence',
    models: () => persistenceModel,
    set: { crash: 'kill', crashAt: '6', save: '2 100', appendonly: 'yes', datasetMB: '16' },
    until: 9_000_000,
  },
  {
    scene: 'replication',
    models: () => replicationModel,
    set: { cutAt: '3', cutFor: '2' },
    until: 8_000_000,
  },
  {
    scene: 'failover',
    models: () => failoverModel,
    set: { killAt: '2' },
    until: 20_000_000,
  },
  {
    scene: 'cluster',
    models: () => createClusterModel(),
    set: { killAt: '4' },
    until: 12_000_000,
  },
  {
    scene: 'jwt-rtr',
    models: () => jwtModel,
    set: { stealAt: '1' },
    until: 6_000_000,
  },
];

describe('the records each scene asks the worker for', () => {
  for (const c of CASES) {
    it(`${c.scene}: the wanted records draw the same stage and log as the whole trace`, () => {
      const r = foldBoth(c.scene, c.models, c.set, c.until);
      expect(r.some).toEqual(r.all);
      expect(r.someLog).toEqual(r.allLog);
      // The run made records the stage folds, and the list left some out.
      expect(r.kept).toBeGreaterThan(0);
      expect(r.kept).toBeLessThan(r.total);
    });
  }
});
