import { describe, expect, it } from 'vitest';
import { createScene, summarizeScene } from '../../../../src/sim/scenes/index.ts';
import { micros } from '../../../../src/sim/core/clock.ts';
import { DEFAULT_METRICS, type TraceRecord } from '../../../../src/sim/index.ts';
import type { LogEntry } from '../../../../src/store/sim-store.ts';
import {
  createClusterModel,
  loadLines,
  MOVED_LOGGED,
  type ClusterView,
} from '../../../../src/ui/scenes/cluster/model.ts';
import {
  killable,
  nodeState,
  ownerOf,
  readFigures,
  spare,
} from '../../../../src/ui/scenes/cluster/figures.ts';
import type { SceneInfo, SimUpdate } from '../../../../src/worker/api.ts';

const INFO = {} as SceneInfo;

/** The real scene (node added at 1 s, m1 killed at 3 s, the MSETs at 9.5 s), folded in frame-sized batches. */
function play(until: number) {
  const run = createScene(
    'cluster',
    1,
    {
      addAt: '1',
      reshardSlots: '300',
      killAt: '3',
      'cluster-node-timeout': '1000',
      // redis-cli's own pace: the story needs the reshard done before the kill at 3 s.
      migrateRate: '0',
    },
    DEFAULT_METRICS,
  );
  const model = createClusterModel();
  let batch: SimUpdate[] = [];
  const log: LogEntry[] = [];
  // Commands each node ran, straight from the trace (the chart reads the sampled rates).
  const ran = new Map<string, number>();
  run.world.subscribe((record: TraceRecord) => {
    batch.push({ kind: 'trace', record });
    if (record.type === 'cmd') ran.set(record.node, (ran.get(record.node) ?? 0) + 1);
  });
  let view: ClusterView = model.reset(INFO, 0);
  for (let t = 16_000; t <= until; t += 16_000) {
    run.world.runUntil(micros(t));
    for (const u of batch) {
      const line = model.describe?.(u);
      if (line) log.push(line);
    }
    view = model.apply(view, batch, t);
    batch = [];
  }
  return { view, log, run, ran };
}

describe('cluster scene model', () => {
  const { log, run, ran } = play(10_000_000);
  const keys = log.map((e) => e.key);

  it('tells the story: MOVED (first few), the node added, ASK, PFAIL, FAIL, promotion, MSETs', () => {
    const moved = log.filter((e) => e.key === 'moved' && e.args['client'] === 'app');
    expect(moved).toHaveLength(MOVED_LOGGED - 1);
    expect(keys.filter((k) => k === 'movedMore')).toHaveLength(1);
    const order = ['addNode', 'joined', 'ask', 'reshardDone', 'crash', 'pfail', 'fail', 'promoted'];
    const at = order.map((k) => keys.indexOf(k));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const ask = log.find((e) => e.key === 'ask')!;
    expect(ask.args).toMatchObject({ client: 'app', from: 'm1', to: 'm4' });
    expect(log.find((e) => e.key === 'promoted')!.args).toMatchObject({ node: 'r1', old: 'm1' });
    const error = log.find((e) => e.key === 'replyError')!;
    expect(error.args['reply']).toBe("CROSSSLOT Keys in request don't hash to the same slot");
    expect(log.find((e) => e.key === 'replyOk')!.args['command']).toContain('{user:1}:email');
  });

  it('charts the commands each node ran: the new node starts at zero, the dead one stops', () => {
    const m = run.world.metrics!;
    const series: Record<string, { t: number[]; values: number[] }> = {};
    for (const name of m.names()) {
      const s = m.series(name)!;
      series[name] = { t: [...s.t], values: [...s.values] };
    }
    const lines = loadLines(series);
    // The nodes that served, in the order they first did: the masters, the added node, then
    // the replica promoted after the kill (the other replicas serve nobody).
    expect([...lines.keys()]).toEqual(['m1', 'm2', 'm3', 'm4', 'r1']);
    // Each sample is the commands run since the last one, per second: together, every one.
    const m2 = lines.get('m2')!;
    const sampled = m2.values.reduce((n, v) => n + v * 0.1, 0);
    expect(Math.abs(sampled - (ran.get('m2') ?? 0))).toBeLessThanOrEqual(2);
    const m4 = lines.get('m4')!;
    const before = m4.values.filter((_, i) => m4.t[i]! <= 1_000_000);
    expect(before.every((v) => v === 0)).toBe(true);
    expect(m4.values.at(-1)).toBeGreaterThan(0);
    expect(lines.get('m1')!.values.at(-1)).toBe(0);
    expect(lines.get('r1')!.values.at(-1)).toBeGreaterThan(0);
  });

  it('reads the slot map, the nodes and the redirect counts from the summary', () => {
    const f = readFigures(summarizeScene(run));
    // The ranges cover every slot once, in order.
    let next = 0;
    for (const r of f.ranges) {
      expect(r.a).toBe(next);
      next = r.b + 1;
    }
    expect(next).toBe(16384);
    expect(ownerOf(f.ranges, 12182)).toBe('m3');
    expect(ownerOf(f.ranges, 0)).toBe('m4');
    const m1 = f.members.find((m) => m.name === 'm1')!;
    expect(nodeState(m1)).toBe('fail');
    expect(f.members.find((m) => m.name === 'r1')!.role).toBe('master');
    expect(f.promoted).toBe('r1');
    expect(spare(f.members)).toBeNull();
    // m2 still has its replica alive; m1 is dead.
    expect(killable(f.members)).toBe('m2');
    expect(f.clients['app']!.moved).toBeGreaterThan(MOVED_LOGGED);
    expect(f.clients['app']!.ask).toBeGreaterThan(0);
    expect(f.scale.outCeiling).toBeCloseTo(f.scale.upCeiling * f.scale.outNodes, 0);
  });
});
