import { expose, proxy, wrap } from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createWorkerApi, type WorkerApi } from '../../src/worker/api.ts';
import { EventBatcher } from '../../src/worker/event-batcher.ts';
import { ManualFrameScheduler } from '../../src/worker/frame-scheduler.ts';
import type { SimBatch } from '../../src/worker/sim-events.ts';
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
    batcher.flush(0);
    const updates = got[0]!.updates;
    expect(updates.length).toBeLessThanOrEqual(101);
    expect(updates[0]).toEqual({ kind: 'gap', dropped: 1000 - (updates.length - 1) });
    expect(updates[updates.length - 1]).toEqual({ kind: 'gap', dropped: -999 });
    await Promise.resolve();
    batcher.flush(0, true);
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
    for (let i = 0; i < 30; i++) scheduler.frame(1000 / 60);
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
});
