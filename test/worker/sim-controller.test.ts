import { describe, expect, it } from 'vitest';
import { MAX_RETELL_MICROS } from '../../src/worker/sim-controller.ts';
import { harness, straightRun } from './helpers.ts';

const CACHE = { crashAt: 0 };

describe('SimController playback', () => {
  it('advances virtual time by wall time × speed, frame by frame', () => {
    const { sim, scheduler } = harness();
    sim.loadScene('cache', 1, CACHE);
    sim.setSpeed(2);
    sim.play();
    for (let i = 0; i < 10; i++) scheduler.frame(10);
    expect(sim.state().now).toBe(200_000);
    sim.setSpeed(1000);
    expect(sim.state().speed).toBe(100);
    sim.setSpeed(0);
    expect(sim.state().speed).toBe(0.1);
    sim.pause();
    scheduler.frame(1000);
    expect(sim.state().now).toBe(200_000);
  });

  it('a long frame (background tab) advances at most maxFrameMs', () => {
    const { sim, scheduler } = harness();
    sim.loadScene('cache', 1, CACHE);
    sim.play();
    scheduler.frame(60_000);
    expect(sim.state().now).toBe(250_000);
  });

  it('step runs one event at a time and reports it', () => {
    const { sim, batches, scheduler } = harness();
    sim.loadScene('cache', 1, CACHE);
    const before = sim.state().traceHash;
    let moved = 0;
    for (let i = 0; i < 20; i++) if (sim.step()) moved++;
    scheduler.frame();
    expect(moved).toBe(20);
    expect(sim.state().traceHash).not.toBe(before);
    const causes = batches.flatMap((b) =>
      b.updates.flatMap((u) => (u.kind === 'playback' ? [u.cause] : [])),
    );
    expect(causes.filter((c) => c === 'step')).toHaveLength(20);
  });

  it('seeking replays silently: the UI hears only the new playback state', () => {
    const { sim, batches, scheduler, records } = harness();
    sim.loadScene('cache', 1, CACHE);
    scheduler.frame();
    const before = batches.length;
    sim.seek(2_000_000);
    scheduler.frame();
    expect(batches.length).toBe(before + 1);
    expect(records()).toEqual([]);
    const last = batches[batches.length - 1]!.updates;
    expect(last).toEqual([{ kind: 'playback', cause: 'seek', state: sim.state() }]);
  });

  it('a seek retells the story from the latest view the UI kept: the same records as played', () => {
    const played = harness();
    played.sim.loadScene('cache', 1, CACHE);
    played.sim.seek(1_000_000);
    played.scheduler.frame();
    played.sim.play();
    for (let i = 0; i < 50 && played.sim.state().now < 1_500_000; i++) played.scheduler.frame(16);
    played.sim.pause();
    const until = played.sim.state().now;
    const live = played.records().filter((r) => r.at > 1_000_000 && r.at <= until);
    expect(live.length).toBeGreaterThan(10);

    const { sim, batches, scheduler } = harness();
    sim.loadScene('cache', 1, CACHE);
    sim.seek(3_000_000);
    scheduler.frame();
    const before = batches.length;
    sim.seek(until, [0, 1_000_000, 2_000_000, 4_000_000]);
    scheduler.frame();
    const updates = batches.slice(before).flatMap((b) => b.updates);
    expect(updates[0]).toEqual({ kind: 'story', from: 1_000_000 });
    expect(updates.at(-1)).toEqual({ kind: 'playback', cause: 'seek', state: sim.state() });
    const retold = updates.flatMap((u) => (u.kind === 'trace' ? [u.record] : []));
    expect(retold).toEqual(live);
    // Metrics are not retold: the UI refills its series after a seek.
    expect(updates.some((u) => u.kind === 'metrics')).toBe(false);
  });

  it('does not retell more than MAX_RETELL_MICROS: the UI starts over instead', () => {
    const { sim, batches, scheduler } = harness();
    sim.loadScene('cache', 1, CACHE);
    scheduler.frame();
    const before = batches.length;
    sim.seek(MAX_RETELL_MICROS + 1, [0]);
    scheduler.frame();
    const updates = batches.slice(before).flatMap((b) => b.updates);
    expect(updates).toEqual([{ kind: 'playback', cause: 'seek', state: sim.state() }]);
  });

  it('describes the scene: knobs with defaults, steps and topology', () => {
    const { sim } = harness();
    const info = sim.loadScene('cache', 7, { rate: 500 });
    expect(info.values['rate']).toBe(500);
    expect(info.knobs.find((k) => k.name === 'rate')?.default).toBe(1000);
    expect(info.topology.nodes).toEqual(['redis']);
    expect(info.topology.links.map((l) => `${l.a}-${l.b}`)).toContain('app-redis');
    expect(() => sim.loadScene('cache', 1, { rate: 'fast' })).toThrow(/knob 'rate'/);
    expect(() => sim.loadScene('nope', 1)).toThrow(/unknown scene/);
  });
});

describe('SimController determinism', () => {
  it('play to t, seek to t/2 and forward to t: the same trace hash as a straight run', () => {
    const { sim, playFor } = harness(250_000);
    sim.loadScene('cache', 3, { crashAt: 1.5, pattern: 'write-back' });
    playFor(2);
    const t = sim.state().now;
    const straight = straightRun('cache', 3, t, { crashAt: '1.5', pattern: 'write-back' });
    expect(sim.state().traceHash).toBe(straight.hash);
    sim.seek(t / 2);
    expect(sim.state().now).toBe(t / 2);
    expect(sim.state().traceHash).toBe(
      straightRun('cache', 3, t / 2, {
        crashAt: '1.5',
        pattern: 'write-back',
      }).hash,
    );
    sim.seek(t);
    expect(sim.state().traceHash).toBe(straight.hash);
  });

  it('seeking back over actions replays them at the same instants', () => {
    const { sim } = harness(200_000);
    sim.loadScene('cache', 1, CACHE);
    sim.seek(300_000);
    sim.cutLink('app', 'redis');
    sim.seek(700_000);
    sim.healLink('app', 'redis');
    sim.runConsoleCommand('redis', 'SET marker 1');
    sim.seek(1_000_000);
    const hash = sim.state().traceHash;
    sim.seek(100_000);
    sim.seek(1_000_000);
    expect(sim.state().traceHash).toBe(hash);
    sim.seek(500_000);
    sim.seek(1_000_000);
    expect(sim.state().traceHash).toBe(hash);
  });

  it('a console command in the past truncates the future', () => {
    const { sim } = harness(200_000);
    sim.loadScene('cache', 1, CACHE);
    sim.seek(500_000);
    expect(sim.runConsoleCommand('redis', 'SET later x').text).toBe('OK');
    sim.seek(1_000_000);
    const withLater = sim.state().traceHash;
    sim.seek(200_000);
    expect(sim.runConsoleCommand('redis', 'GET later').text).toBe('(nil)');
    // The SET at 0.5 s belonged to the old future: it is gone.
    sim.seek(1_000_000);
    expect(sim.runConsoleCommand('redis', 'GET later').text).toBe('(nil)');
    expect(sim.state().traceHash).not.toBe(withLater);
    expect(sim.snapshot().journal.map((e) => e.kind === 'console' && e.line)).toEqual([
      'GET later',
      'GET later',
    ]);
  });

  it('snapshot → restore in a fresh controller → the same continuation', () => {
    const a = harness();
    a.sim.loadScene('cache', 9, CACHE);
    a.sim.seek(600_000);
    a.sim.runConsoleCommand('redis', 'SET k v');
    a.sim.crashNode('redis', 'kill');
    a.sim.seek(800_000);
    const snap = JSON.parse(JSON.stringify(a.sim.snapshot())) as unknown;
    const b = harness();
    b.sim.restore(snap);
    expect(b.sim.state().traceHash).toBe(a.sim.state().traceHash);
    for (const h of [a, b]) {
      h.sim.restartNode('redis');
      h.sim.seek(1_500_000);
    }
    expect(b.sim.state().traceHash).toBe(a.sim.state().traceHash);
    // Seeking before the restored instant rebuilds from the scene's start and the journal.
    b.sim.seek(700_000);
    expect(b.sim.runConsoleCommand('redis', 'PING').text).toContain('Could not connect');
  });

  it('rejects a malformed snapshot and keeps going', () => {
    const { sim } = harness();
    sim.loadScene('cache', 1, CACHE);
    const snap = sim.snapshot();
    expect(() => sim.restore({ ...snap, version: 99 })).toThrow(/version/);
    expect(() => sim.restore({ ...snap, journal: [{ kind: 'boom', at: 0 }] })).toThrow(/journal/);
    expect(sim.state().scene).toBe('cache');
  });
});

describe('SimController actions', () => {
  it('console replies print as redis-cli; crash and restart; cut and heal', () => {
    const { sim, scheduler, records } = harness();
    sim.loadScene('cache', 1, CACHE);
    sim.seek(100_000);
    expect(sim.runConsoleCommand('redis', 'SET a 1').text).toBe('OK');
    expect(sim.runConsoleCommand('redis', 'INCR a').text).toBe('(integer) 2');
    expect(sim.runConsoleCommand('redis', 'GET').kind).toBe('error');
    sim.crashNode('redis', 'power');
    expect(sim.runConsoleCommand('redis', 'GET a').kind).toBe('error');
    sim.restartNode('redis');
    expect(sim.runConsoleCommand('redis', 'GET a').text).toBe('(nil)');
    sim.cutLink('app', 'redis');
    sim.seek(150_000);
    sim.healLink('app', 'redis');
    scheduler.frame();
    const types = records().map((r) => r.type);
    expect(types).toContain('crash');
    expect(types).toContain('restart');
    expect(records().filter((r) => r.type === 'link')).toHaveLength(2);
    expect(() => sim.crashNode('nobody')).toThrow(/no node 'nobody'/);
    expect(() => sim.cutLink('app', 'nobody')).toThrow(/no link/);
  });

  it('keeps a bounded number of checkpoints however long it runs', () => {
    const { sim } = harness(100_000, 8);
    sim.loadScene('cache', 1, { crashAt: 0, rate: 50 });
    sim.seek(5_000_000);
    const h = sim.state().traceHash;
    sim.seek(1_234_567);
    sim.seek(5_000_000);
    expect(sim.state().traceHash).toBe(h);
    expect(straightRun('cache', 1, 5_000_000, { crashAt: '0', rate: '50' }).hash).toBe(h);
  });
});

describe('SimController stepping back', () => {
  it('← undoes each step in turn, back to the instant it started from, paused', () => {
    const { sim, scheduler } = harness();
    sim.loadScene('cache', 1, CACHE);
    const before: number[] = [];
    for (let i = 0; i < 3; i++) {
      before.push(sim.state().now);
      sim.step();
    }
    const after = sim.state().now;
    expect(after).toBeGreaterThan(before[0]!);
    const distinct = [...new Set(before)].filter((t) => t < after);
    // Steps that moved the clock come back in reverse order; those that did not are skipped.
    for (const t of distinct.reverse()) {
      expect(sim.stepBack(1_000_000)).toBe(t);
      expect(sim.state().now).toBe(t);
      expect(sim.state().playing).toBe(false);
    }
    scheduler.frame();
  });

  it('with no step to undo (after playing or a seek), ← goes back by the fallback', () => {
    const { sim, scheduler } = harness();
    sim.loadScene('cache', 1, CACHE);
    sim.step();
    sim.play();
    for (let i = 0; i < 60; i++) scheduler.frame(1000 / 60);
    const played = sim.state().now;
    expect(sim.stepBack(300_000)).toBe(played - 300_000);
    expect(sim.state().playing).toBe(false);
    sim.step();
    sim.seek(800_000);
    expect(sim.stepBack(300_000)).toBe(500_000);
    expect(sim.stepBack(10_000_000)).toBe(0);
  });
});
