import { describe, expect, it } from 'vitest';
import { micros } from '../../../../src/sim/core/clock.ts';
import type { TraceRecord } from '../../../../src/sim/index.ts';
import { createScene, summarizeScene } from '../../../../src/sim/scenes/index.ts';
import {
  failoverModel,
  masters,
  phases,
  type FailoverView,
  type PhaseId,
} from '../../../../src/ui/scenes/failover/model.ts';
import type { SceneInfo, SimUpdate } from '../../../../src/worker/api.ts';

const INFO = {} as SceneInfo;
const FRAME = 50_000;

/** Runs the real failover scene and folds its trace through the model in frame-sized batches. */
function play(set: Record<string, string>, until: number, watch?: (v: FailoverView) => void) {
  const run = createScene('failover', 1, { rate: '200', ...set });
  let batch: SimUpdate[] = [];
  run.world.subscribe((record: TraceRecord) => batch.push({ kind: 'trace', record }));
  let view = failoverModel.reset(INFO, 0);
  for (let t = FRAME; t <= until; t += FRAME) {
    run.world.runUntil(micros(t));
    view = failoverModel.apply(view, batch, t);
    batch = [];
    watch?.(view);
  }
  const summary = summarizeScene(run);
  return { view, summary, run };
}

const duration = (v: FailoverView, id: PhaseId) => {
  const p = phases(v).find((x) => x.id === id)!;
  return p.from === null || p.to === null ? null : (p.to - p.from) / 1e6;
};

type Figures = { durationMs: number; promoted: string; ackedWritesLost: number };
const figures = (s: Record<string, unknown>) => s['failover'] as Figures;

describe('failover scene model', () => {
  it("at Redis's default timings a killed master is detected after 30 s and replaced within about 32 s", () => {
    const { view, summary } = play({ return: 'false' }, 45_000_000);
    expect(view.fault?.kind).toBe('kill');
    expect(view.fault?.at).toBe(10_000_000);
    // SDOWN needs down-after-milliseconds without a reply, plus at most a PING period.
    expect(duration(view, 'detect')).toBeGreaterThan(30);
    expect(duration(view, 'detect')).toBeLessThan(31.1);
    // Then the quorum, the vote and the promotion take seconds, not tens of them.
    expect(duration(view, 'agree')).toBeLessThan(1.1);
    expect(duration(view, 'elect')).toBeLessThan(1.1);
    expect(duration(view, 'promote')).toBeLessThan(1.5);
    const total = duration(view, 'reconnect')!;
    expect(total).toBeGreaterThan(30);
    expect(total).toBeLessThan(33);
    // The model's view agrees with the sim's own figures.
    const f = figures(summary);
    expect(view.promoted).toBe(f.promoted);
    expect(masters(view)).toEqual([f.promoted]);
    expect(view.target).toBe(f.promoted);
    expect(f.durationMs / 1000).toBeLessThanOrEqual(total);
  });

  it('with the timeouts sped up ten times, the whole failover takes about 4 s', () => {
    const set = { return: 'false', 'down-after-milliseconds': '3000', 'failover-timeout': '18000' };
    const { view } = play(set, 20_000_000);
    expect(duration(view, 'detect')).toBeGreaterThan(3);
    expect(duration(view, 'detect')).toBeLessThan(4.1);
    expect(duration(view, 'reconnect')).toBeGreaterThan(3);
    expect(duration(view, 'reconnect')).toBeLessThan(6);
    expect(duration(view, 'switch')).not.toBeNull();
  });

  it('names the election: an epoch, a majority of votes for the leader, and why the replica won', () => {
    const set = { return: 'false', 'down-after-milliseconds': '3000' };
    const { view } = play(set, 20_000_000);
    expect(view.epoch).toBe(1);
    expect(view.leader).toMatch(/^sentinel-[123]$/);
    const votes = Object.values(view.sentinels).filter(
      (s) => s.vote?.leader === view.leader && s.vote.epoch === view.epoch,
    );
    expect(votes.length).toBeGreaterThanOrEqual(2);
    const sel = view.selection!;
    expect(sel.chosen).toBe(view.promoted);
    expect(sel.candidates.map((c) => c.name).sort()).toEqual(['redis-2', 'redis-3']);
    const [first, second] = sel.candidates;
    // The rule named is the first one on which the two candidates differ.
    if (sel.rule === 'offset') {
      expect(first!.priority).toBe(second!.priority);
      expect(first!.offset).toBeGreaterThan(second!.offset);
    } else {
      expect(sel.rule).toBe('runid');
      expect(first!.offset).toBe(second!.offset);
      expect(first!.runId < second!.runId).toBe(true);
    }
  });

  it('counts the acknowledged writes the new master lacks: none on a fast link, some on a slow one', () => {
    const base = { return: 'false', 'down-after-milliseconds': '3000' };
    const fast = figures(play(base, 20_000_000).summary);
    expect(fast.ackedWritesLost).toBe(0);
    const { summary } = play({ ...base, latencyMicros: '20000' }, 20_000_000);
    const slow = summary['writesLost'] as { count: number; list: string[] };
    // At 200 writes/s, 20 ms of writes were on their way to the replicas when it died.
    expect(slow.count).toBeGreaterThan(0);
    expect(slow.count).toBeLessThanOrEqual(10);
    expect(slow.list.length).toBe(slow.count);
    expect(slow.list.every((k) => /^w:\d+$/.test(k))).toBe(true);
  });

  it('the old master restarts as a master and the sentinels turn it into a replica', () => {
    const set = { 'down-after-milliseconds': '3000', returnAfter: '10' };
    const roles: string[] = [];
    const { view } = play(set, 40_000_000, (v) => {
      const n = v.nodes['redis-1']!;
      const role = !n.up ? 'down' : n.master === null ? 'master' : `replica of ${n.master}`;
      if (roles[roles.length - 1] !== role) roles.push(role);
    });
    expect(roles).toEqual(['master', 'down', 'master', `replica of ${view.promoted}`]);
    expect(masters(view)).toEqual([view.promoted]);
  });

  it('a partition shows split brain: two masters, writes acknowledged on the old side, all lost', () => {
    const set = { event: 'partition', 'down-after-milliseconds': '3000', returnAfter: '20' };
    let twoMasters = false;
    const { view, summary } = play(set, 45_000_000, (v) => {
      if (masters(v).length === 2) twoMasters = true;
    });
    expect(twoMasters).toBe(true);
    expect(view.fault?.kind).toBe('partition');
    // The app stayed on the old master's side until the heal turned it into a replica.
    const onOldSide = view.ackedSinceFault['redis-1'] ?? 0;
    expect(onOldSide).toBeGreaterThan(200 * 20 * 0.9);
    expect(view.nodes['redis-1']!.master).toBe(view.promoted);
    expect(view.refused.readonly).toBeGreaterThan(0);
    const lost = summary['writesLost'] as { count: number };
    expect(lost.count).toBeGreaterThanOrEqual(onOldSide - 200);
  });

  it('min-replicas-to-write 1 makes the isolated master refuse writes with NOREPLICAS after about 10 s', () => {
    const set = { event: 'partition', 'down-after-milliseconds': '3000', returnAfter: '20' };
    const free = play(set, 45_000_000);
    let firstRefusal: number | null = null;
    const limited = play({ ...set, 'min-replicas-to-write': '1' }, 45_000_000, (v) => {
      if (firstRefusal === null && v.lastRefusal !== null && v.lastRefusal.at > 10_000_000) {
        firstRefusal = v.lastRefusal.at;
      }
    });
    expect(limited.view.refused.noreplicas).toBeGreaterThan(0);
    expect(firstRefusal! - 10_000_000).toBeGreaterThan(8_000_000);
    expect(firstRefusal! - 10_000_000).toBeLessThan(11_000_000);
    const lostFree = (free.summary['writesLost'] as { count: number }).count;
    const lostLimited = (limited.summary['writesLost'] as { count: number }).count;
    expect(lostLimited).toBeLessThan(lostFree / 1.5);
    expect(lostLimited).toBeGreaterThan(0);
  });

  it('logs the story: SDOWN, ODOWN, votes, the choice with its rule, the promotion, the client', () => {
    const keys = new Set<string>();
    const run = createScene('failover', 1, { rate: '50', 'down-after-milliseconds': '3000' });
    run.world.subscribe((record: TraceRecord) => {
      const e = failoverModel.describe!({ kind: 'trace', record });
      if (e !== null) keys.add(e.key);
    });
    run.world.runUntil(micros(20_000_000));
    for (const k of ['killed', 'sdown', 'odown', 'vote', 'elected', 'selected', 'promoted']) {
      expect(keys).toContain(k);
    }
    for (const k of ['reconfDone', 'switchMaster', 'clientMoved']) expect(keys).toContain(k);
  });
});
