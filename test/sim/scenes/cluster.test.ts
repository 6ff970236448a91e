import { describe, expect, it } from 'vitest';
import { createScene, runScene, summarizeScene } from '../../../src/sim/scenes/index.ts';
import type { ClusterAdmin } from '../../../src/sim/cluster/index.ts';
import { fromSeconds } from '../../../src/sim/index.ts';

interface Scale {
  masters: number;
  requestMicros: number;
  scaleUp: { nodes: number; ceilingOpsPerSec: number; memoryBytes: number };
  scaleOut: { nodes: number; ceilingOpsPerSec: number; memoryBytesPerNode: number };
}
interface Member {
  name: string;
  role: string;
  of: string | null;
  alive: boolean;
  joined: boolean;
  slots: number;
  pfailBy: number;
  failBy: number;
}

const QUIET = { addNode: 'false', kill: 'false' };

describe('cluster scene: scale up vs scale out', () => {
  it('one node has one thread: N masters raise the ceiling N times and split the memory', () => {
    const three = runScene('cluster', 1, 3, QUIET);
    const s = three['scale'] as unknown as Scale;
    expect(s.masters).toBe(3);
    // A request costs the main thread its read and reply (~4 µs each) plus the command.
    expect(s.requestMicros).toBeGreaterThan(8);
    expect(s.requestMicros).toBeLessThan(20);
    expect(s.scaleUp.ceilingOpsPerSec).toBeCloseTo(1e6 / s.requestMicros, 0);
    expect(s.scaleOut.ceilingOpsPerSec).toBeCloseTo(3 * s.scaleUp.ceilingOpsPerSec, 0);
    // 20k keys and the hot slot's 2k: the fullest node holds about a third, not all of it.
    expect(s.scaleOut.memoryBytesPerNode).toBeGreaterThan(s.scaleUp.memoryBytes / 4);
    expect(s.scaleOut.memoryBytesPerNode).toBeLessThan(s.scaleUp.memoryBytes / 2);

    const one = runScene('cluster', 1, 3, { ...QUIET, masters: '1' })['scale'] as unknown as Scale;
    expect(one.scaleOut.nodes).toBe(1);
    expect(one.scaleOut.ceilingOpsPerSec).toBe(one.scaleUp.ceilingOpsPerSec);
    expect(one.scaleOut.memoryBytesPerNode).toBe(one.scaleUp.memoryBytes);
    // The same data whichever way it is split.
    expect(one.scaleUp.memoryBytes).toBeGreaterThan(0.9 * s.scaleUp.memoryBytes);
    expect(one.scaleUp.memoryBytes).toBeLessThan(1.1 * s.scaleUp.memoryBytes);
  });
});

describe('cluster scene: what the stage reads from the summary', () => {
  it('shows each slot MIGRATING on its owner and IMPORTING on the new node during Add node', () => {
    const run = createScene('cluster', 1, QUIET);
    run.world.runUntil(fromSeconds(1));
    expect((run.world.part('admin') as ClusterAdmin).act('add-node', ['m4', '300'])).toContain(
      'add-node m4',
    );
    const seen = new Set<string>();
    let done = false;
    for (let t = 1.01; t < 4 && !done; t += 0.01) {
      run.world.runUntil(fromSeconds(t));
      const s = summarizeScene(run);
      for (const m of s['migrations'] as { slot: number; from: string; to: string }[]) {
        expect(m.to).toBe('m4');
        seen.add(m.from);
      }
      done = (s['reshard'] as { phase: string }).phase === 'done';
    }
    expect(done).toBe(true);
    // Slots came from every master, in proportion.
    expect([...seen].sort()).toEqual(['m1', 'm2', 'm3']);
    const s = summarizeScene(run);
    expect(s['migrations']).toEqual([]);
    const m4 = (s['members'] as unknown as Member[]).find((m) => m.name === 'm4')!;
    expect(m4).toMatchObject({ role: 'master', joined: true, slots: 300 });
  });

  it('shows a killed master PFAIL, then FAIL, then its replica as the master of its slots', () => {
    const run = createScene('cluster', 1, { ...QUIET, 'cluster-node-timeout': '1000' });
    run.world.runUntil(fromSeconds(1));
    (run.world.part('admin') as ClusterAdmin).act('kill', ['m1']);
    const phases: string[] = [];
    for (let t = 1.05; t < 6; t += 0.05) {
      run.world.runUntil(fromSeconds(t));
      const members = summarizeScene(run)['members'] as unknown as Member[];
      const m1 = members.find((m) => m.name === 'm1')!;
      const r1 = members.find((m) => m.name === 'r1')!;
      expect(m1.alive).toBe(false);
      const phase =
        r1.role === 'master'
          ? 'promoted'
          : m1.failBy > 0
            ? 'fail'
            : m1.pfailBy > 0
              ? 'pfail'
              : 'down';
      if (phases.at(-1) !== phase) phases.push(phase);
    }
    expect(phases).toEqual(['down', 'pfail', 'fail', 'promoted']);
    const s = summarizeScene(run);
    const r1 = (s['members'] as unknown as Member[]).find((m) => m.name === 'r1')!;
    expect(r1).toMatchObject({ role: 'master', of: null, slots: 5461 });
    expect(s['failover']).toMatchObject({ promoted: 'r1', killedAtMs: null });
  });
});

describe('cluster scene: the learner’s migration pace', () => {
  /** Add node at 1 s, run until the reshard is done: how long it took and the app's ASKs. */
  function reshard(migrateRate: string) {
    const run = createScene('cluster', 1, { ...QUIET, migrateRate });
    run.world.runUntil(fromSeconds(1));
    const admin = run.world.part('admin') as ClusterAdmin;
    const asks: number[] = [];
    run.world.subscribe((r) => {
      if (r.type === 'note' && r.text.startsWith('redirect:app ASK')) asks.push(r.at);
    });
    admin.act('add-node', ['m4', '1024']);
    for (let t = 1.1; admin.job?.phase !== 'done' && t < 60; t += 0.1) {
      run.world.runUntil(fromSeconds(t));
    }
    return { job: admin.job!, asks };
  }

  it('at the default pace the hot slot moves for seconds, clients meeting ASK all along', () => {
    const paced = reshard('700');
    expect(paced.job.phase).toBe('done');
    expect(paced.job.slotsMoved).toBe(1024);
    expect(paced.asks.length).toBeGreaterThan(0);
    expect(paced.asks.at(-1)! - paced.asks[0]!).toBeGreaterThan(2_000_000);
    // 0 is redis-cli's own pace (what the fidelity bench compares): the same keys, much sooner.
    const tool = reshard('0');
    expect(tool.job.keysMoved).toBe(paced.job.keysMoved);
    expect(tool.job.doneAt - tool.job.startedAt).toBeLessThan(
      (paced.job.doneAt - paced.job.startedAt) / 3,
    );
  });
});
