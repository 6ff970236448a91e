import { expose, proxy, wrap } from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createWorkerApi, type WorkerApi } from '../../src/worker/api.ts';
import { EventBatcher } from '../../src/worker/event-batcher.ts';
import { ManualFrameScheduler, type FrameScheduler } from '../../src/worker/frame-scheduler.ts';
import { SimController } from '../../src/worker/sim-controller.ts';
import { traceWanted, type SimBatch, type TraceMatch } from '../../src/worker/sim-events.ts';
import { simApi } from '../../src/store/worker-bridge.ts';
import { harness, straightRun } from './helpers.ts';

describe('event batching', () => {
  it('a busy second (cache at 1,000 req/s) crosses in ~one message a frame, all in order', () => {
    const { sim, batches, playFor, records } = harness();
    sim.loadScene('cache', 5, { crashAt: 0, rate: 1000 });
    playFor(1);
    const t = sim.state().now;
    expect(t).toBeGreaterThanOrEqual(999_000);
    const straight = straightRun('cache', 5, t, { crashAt: '0', rate: '1000' });
    expect(straight.records.length).toBeGreaterThan(4000);
    // 60 frames of play plus the load and the last pause: never one message per event.
    expect(batches.length).toBeLessThanOrEqual(62);
    expect(batches.map((b) => b.batch)).toEqual(batches.map((_, i) => i + 1));
    expect(records()).toEqual(straight.records);
    const metrics = batches.flatMap((b) => b.updates.filter((u) => u.kind === 'metrics'));
    expect(metrics.length).toBe(Math.floor(t / 100_000));
  });

  it('a slow UI gets one gap instead of unbounded memory; a dead listener is dropped', async () => {
    const batcher = new EventBatcher(100);
    const got: SimBatch[] = [];
    batcher.subscribe((b) => {
      got.push(b);
    });
    const dead = batcher.subscribe(() => Promise.reject(new Error('port closed')));
    for (let i = 0; i < 1000; i++) batcher.push({ kind: 'gap', dropped: -i });
    void batcher.flush(0);
    const updates = got[0]!.updates;
    expect(updates.length).toBeLessThanOrEqual(101);
    expect(updates[0]).toEqual({ kind: 'gap', dropped: 1000 - (updates.length - 1) });
    expect(updates[updates.length - 1]).toEqual({ kind: 'gap', dropped: -999 });
    await Promise.resolve();
    void batcher.flush(0, true);
    expect(got).toHaveLength(2);
    batcher.unsubscribe(dead);
  });

  it('crosses a real MessageChannel through comlink: proxy subscriber, batched delivery', async () => {
    const scheduler = new ManualFrameScheduler();
    const { port1, port2 } = new MessageChannel();
    expose(createWorkerApi(1, scheduler), port1 as unknown as Parameters<typeof expose>[1]);
    const remote = wrap<WorkerApi>(port2 as unknown as Parameters<typeof wrap>[0]);
    const sim = simApi(remote);
    const received: SimBatch[] = [];
    let resolveNext: (() => void) | undefined;
    await sim.subscribe(
      proxy((b: SimBatch) => {
        received.push(b);
        resolveNext?.();
      }),
    );
    const info = await sim.loadScene('cache', 2, { crashAt: 0 });
    expect(info.topology.nodes).toEqual(['redis']);
    await sim.play();
    // The page takes each batch before the next frame (a page that does not is the next test).
    for (let i = 0; i < 30; i++) {
      scheduler.frame(1000 / 60);
      await new Promise((r) => setTimeout(r, 5));
    }
    await sim.pause();
    const flushed = new Promise<void>((r) => (resolveNext = r));
    scheduler.frame(0);
    await flushed;
    // Let in-flight messages land.
    await new Promise((r) => setTimeout(r, 50));
    const state = await sim.state();
    expect(state.now).toBe(500_000);
    expect(received.length).toBeLessThanOrEqual(32);
    const traced = received.flatMap((b) =>
      b.updates.flatMap((u) => (u.kind === 'trace' ? [u.record] : [])),
    );
    expect(traced).toEqual(straightRun('cache', 2, 500_000, { crashAt: '0' }).records);
    expect((await remote.runCommand('SET a 1')).text).toBe('OK');
    expect((await sim.runConsoleCommand('redis', 'DBSIZE')).text).toMatch(/^\(integer\) \d+$/);
    port1.close();
    port2.close();
  });

  it('a listener that names the records it needs gets only those (and every playback and metric)', () => {
    const scheduler = new ManualFrameScheduler();
    const sim = new SimController({ scheduler });
    const got: SimBatch[] = [];
    const wants: TraceMatch[] = [{ type: 'cmd', node: 'redis' }, { type: 'note' }];
    sim.subscribe((b) => void got.push(b), wants);
    sim.loadScene('cache', 5, { crashAt: 0 });
    sim.play();
    for (let i = 0; i < 30; i++) scheduler.frame(1000 / 60);
    sim.pause();
    scheduler.frame(0);
    const updates = got.flatMap((b) => b.updates);
    const traced = updates.flatMap((u) => (u.kind === 'trace' ? [u.record] : []));
    const straight = straightRun('cache', 5, sim.state().now, { crashAt: '0' }).records;
    const expected = straight.filter((r) => traceWanted(r, wants));
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.length).toBeLessThan(straight.length / 2);
    expect(traced).toEqual(expected);
    expect(
      updates.filter((u) => u.kind === 'playback').map((u) => u.kind === 'playback' && u.cause),
    ).toEqual(['load', 'play', 'pause']);
    expect(updates.some((u) => u.kind === 'metrics')).toBe(true);
  });

  it('a page that has not taken its batches holds the simulation back instead of queueing more', async () => {
    const scheduler = new ManualFrameScheduler();
    const sim = new SimController({ scheduler });
    const unanswered: (() => void)[] = [];
    sim.subscribe(() => new Promise<void>((r) => unanswered.push(r)));
    sim.loadScene('cache', 5, { crashAt: 0 });
    sim.play();
    for (let i = 0; i < 10; i++) scheduler.frame(1000 / 60);
    // Two frames' batches in flight, and nothing more sent or simulated.
    expect(unanswered).toHaveLength(2);
    const held = sim.state().now;
    expect(held).toBeLessThan(2 * 16_667);
    for (const answer of unanswered.splice(0)) answer();
    await new Promise((r) => setTimeout(r, 0));
    scheduler.frame(1000 / 60);
    // The page caught up: the simulation moves on one frame's worth, not the time it waited.
    expect(Math.abs(sim.state().now - held - 16_667)).toBeLessThanOrEqual(1);
    expect(unanswered).toHaveLength(1);
  });

  it('a frame that runs out of its wall-time budget stops early and runs behind, losing nothing', () => {
    const run = (frameBudgetMs: number) => {
      // A slow machine: every reading of the clock finds 4 ms more gone.
      let wall = 0;
      const pending: (() => void)[] = [];
      const scheduler: FrameScheduler = {
        now: () => (wall += 4),
        requestFrame: (callback) => {
          pending.push(callback);
          return () => undefined;
        },
      };
      const sim = new SimController({ scheduler, frameBudgetMs });
      const got: SimBatch[] = [];
      sim.subscribe((b) => void got.push(b));
      sim.loadScene('cache', 5, { crashAt: 0, rate: 1000 });
      sim.setSpeed(10);
      sim.play();
      for (let i = 0; i < 5; i++) pending.splice(0).forEach((f) => f());
      sim.pause();
      pending.splice(0).forEach((f) => f());
      const traced = got.flatMap((b) =>
        b.updates.flatMap((u) => (u.kind === 'trace' ? [u.record] : [])),
      );
      return { now: sim.state().now, traced };
    };
    const budgeted = run(12);
    const unbounded = run(Infinity);
    expect(budgeted.now).toBeGreaterThan(0);
    expect(budgeted.now).toBeLessThan(unbounded.now / 2);
    expect(budgeted.traced).toEqual(
      straightRun('cache', 5, budgeted.now, { crashAt: '0', rate: '1000' }).records,
    );
  });
});
