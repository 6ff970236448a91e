import { describe, expect, it } from 'vitest';
import { createScene, runScene, summarizeScene } from '../../../src/sim/scenes/index.ts';
import { fromSeconds } from '../../../src/sim/core/clock.ts';
import type { Sentinel } from '../../../src/sim/sentinel/sentinel.ts';
import type { Replication } from '../../../src/sim/replication/replication.ts';
import { World } from '../../../src/sim/world/world.ts';
import { SCENE_OPTIONS } from '../../../src/sim/scenes/registry.ts';
import { applyAction } from '../../../src/worker/sim-actions.ts';

type Figures = {
  killedAtMs: number;
  newMasterAtMs: number | null;
  durationMs: number | null;
  promoted: string | null;
  ackedWritesLost: number;
  ackedWrites: number;
};

const figures = (s: Record<string, unknown>): Figures => s.failover as Figures;

describe('failover scene', () => {
  it('a killed master is replaced in about down-after plus the election and promotion', () => {
    for (const downAfter of [1000, 5000]) {
      const f = figures(
        runScene('failover', 3, 10 + downAfter / 1000 + 10, {
          'down-after-milliseconds': String(downAfter),
          return: 'false',
        }),
      );
      expect(f.promoted).toMatch(/^redis-[23]$/);
      // SDOWN after down-after; ODOWN, the vote and the promotion's INFO take under 2.5 s more.
      expect(f.durationMs!).toBeGreaterThan(downAfter);
      expect(f.durationMs!).toBeLessThan(downAfter + 2500);
      expect(f.ackedWrites).toBeGreaterThan(0);
    }
  });

  it('with the default timings, detection alone takes 30 s', () => {
    const f = figures(runScene('failover', 1, 50, { return: 'false' }));
    expect(f.durationMs!).toBeGreaterThan(30_000);
    expect(f.durationMs!).toBeLessThan(32_500);
  });

  it('every sentinel ends up naming the promoted replica, and the old master rejoins as its replica', () => {
    const run = createScene('failover', 5, { 'down-after-milliseconds': '1000', returnAfter: '5' });
    run.world.runUntil(fromSeconds(40));
    const masters = ['sentinel-1', 'sentinel-2', 'sentinel-3'].map((s) =>
      (run.world.part(s) as Sentinel).currentMaster(),
    );
    expect(new Set(masters).size).toBe(1);
    const promoted = masters[0]!;
    expect(promoted).not.toBe('redis-1');
    const old = run.world.part('repl@redis-1') as Replication;
    expect(old.isMaster).toBe(false);
    expect(old.master).toBe(promoted);
    expect(old.linkStatus).toBe('connected');
  });

  it('a partitioned master keeps taking writes (split brain) that are lost when it rejoins', () => {
    const set = {
      'down-after-milliseconds': '1000',
      event: 'partition',
      returnAfter: '20',
    };
    const free = runScene('failover', 1, 45, set);
    const limited = runScene('failover', 1, 45, { ...set, 'min-replicas-to-write': '1' });
    const lostFree = figures(free).ackedWritesLost;
    const lostLimited = figures(limited).ackedWritesLost;
    // Cut off for 20 s at 1,000 writes/s, the old master acknowledged writes nobody kept.
    expect(lostFree).toBeGreaterThan(15_000);
    // min-replicas-to-write 1 (max lag 10 s) stops it about 10 s into the partition.
    expect(lostLimited).toBeLessThan(lostFree);
    expect(lostLimited).toBeGreaterThan(8_000);
    expect(lostLimited).toBeLessThan(12_000);
  });

  it('the leader notes why it chose the replica: the rule that decided and every candidate', () => {
    const run = createScene('failover', 1, {
      'down-after-milliseconds': '3000',
      latencyMicros: '20000',
      return: 'false',
    });
    const notes: string[] = [];
    run.world.subscribe((r) => {
      if (r.type === 'note' && r.text.includes(' +selection ')) notes.push(r.text);
    });
    run.world.runUntil(fromSeconds(20));
    expect(notes).toHaveLength(1);
    const [leader, , chosen, by, rule, ...candidates] = notes[0]!.split(' ');
    expect(leader).toMatch(/^sentinel-[123]$/);
    expect(by).toBe('by');
    const promoted = figures(summarizeScene(run)).promoted;
    expect(chosen).toBe(promoted);
    const parsed = candidates.map((c) => c.split(':'));
    expect(parsed.map((c) => c[0]).sort()).toEqual(['redis-2', 'redis-3']);
    expect(parsed[0]![0]).toBe(chosen);
    // Over a 20 ms link the two replicas had received different amounts: the offset decided.
    expect(rule).toBe('offset');
    expect(Number(parsed[0]![2])).toBeGreaterThan(Number(parsed[1]![2]));
  });

  it('the kill time is the virtual instant the master died, scripted or by a learner', () => {
    const set = { 'down-after-milliseconds': '1000', return: 'false' };
    const scripted = figures(runScene('failover', 2, 15, { ...set, killAt: '4.25' }));
    expect(scripted.killedAtMs).toBe(4250);

    // No scripted event: the learner's kill button, a worker action, at 6.5 s.
    const run = createScene('failover', 2, { ...set, event: 'none' });
    run.world.runUntil(fromSeconds(3));
    expect(figures(summarizeScene(run)).killedAtMs).toBe(0);
    run.world.runUntil(fromSeconds(6.5));
    applyAction(run.world, { kind: 'crash', node: 'redis-1', crash: 'kill' });
    run.world.runUntil(fromSeconds(15));
    const f = figures(summarizeScene(run));
    expect(f.killedAtMs).toBe(6500);
    expect(f.promoted).toMatch(/^redis-[23]$/);
    expect(f.durationMs!).toBeCloseTo(f.newMasterAtMs! - 6500, 3);
    expect(f.durationMs!).toBeGreaterThan(1000);

    // A checkpoint keeps it.
    const restored = World.restore(run.world.snapshot(), SCENE_OPTIONS);
    expect(figures(summarizeScene({ ...run, world: restored })).killedAtMs).toBe(6500);
  });
});
