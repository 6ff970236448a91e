import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/sim/index.ts';
import { parseSimSnapshot } from '../../src/worker/sim-snapshot.ts';
import { harness } from './helpers.ts';

const MANUAL = { walk: 'manual', raceRounds: 0, keyspace: 20_000, rate: 200 };

const cmds = (records: TraceRecord[], client: RegExp) =>
  records.flatMap((r) => (r.type === 'cmd' && client.test(r.client) ? [r] : []));

describe("SimController 'send' action", () => {
  it("a client's command waits in the node's queue and holds everyone behind it", () => {
    const { sim, scheduler, records } = harness();
    sim.loadScene('single-thread', 1, MANUAL);
    sim.seek(500_000);
    sim.sendFromClient('admin', ['KEYS', '*']);
    sim.setSpeed(1);
    sim.play();
    for (let i = 0; i < 30; i++) scheduler.frame(10);
    const [keys] = cmds(records(), /^admin$/);
    expect(keys?.cmd.toUpperCase()).toBe('KEYS');
    expect(keys!.arrived).toBeGreaterThan(500_000); // it crossed the network first
    expect(keys!.finished - keys!.started).toBeGreaterThan(10_000);
    // Requests that arrived while KEYS ran started only after it finished.
    const waiting = cmds(records(), /^c\d+$/).filter(
      (c) => c.arrived > keys!.started && c.arrived < keys!.finished,
    );
    expect(waiting.length).toBeGreaterThan(0);
    for (const c of waiting) expect(c.started).toBeGreaterThanOrEqual(keys!.finished);
  });

  it('is journaled: seeking back and forward replays it at the same instant', () => {
    const { sim } = harness();
    sim.loadScene('single-thread', 1, MANUAL);
    sim.seek(300_000);
    sim.sendFromClient('admin', ['KEYS', '*']);
    sim.seek(1_000_000);
    const once = sim.state().traceHash;
    sim.seek(100_000);
    sim.seek(1_000_000);
    expect(sim.state().traceHash).toBe(once);
    const snap = JSON.parse(JSON.stringify(sim.snapshot())) as unknown;
    expect(parseSimSnapshot(snap).journal).toEqual([
      { kind: 'send', client: 'admin', argv: ['KEYS', '*'], at: 300_000 },
    ]);
  });

  it('refuses an unknown client without touching the journal', () => {
    const { sim } = harness();
    sim.loadScene('single-thread', 1, MANUAL);
    expect(() => sim.sendFromClient('nobody', ['PING'])).toThrow(/no client 'nobody'/);
    expect(sim.snapshot().journal).toEqual([]);
  });

  it('fills big lists on request and reads keys without changing history', () => {
    const { sim } = harness();
    sim.loadScene('single-thread', 1, { ...MANUAL, bigKeys: 2, bigKeySize: 5000 });
    sim.seek(10_000);
    const hash = sim.state().traceHash;
    expect(sim.keyLength('redis', 'big:1')).toBe(5000);
    expect(sim.keyLength('redis', 'big:3')).toBeNull();
    expect(sim.peekString('redis', 'key:7')).toBe('v');
    expect(sim.clientStats('admin')).toEqual({ sent: 0, completed: 0, done: true });
    expect(sim.state().traceHash).toBe(hash);
    sim.sendFromClient('admin', ['UNLINK', 'big:1']);
    sim.seek(20_000);
    expect(sim.keyLength('redis', 'big:1')).toBeNull();
  });
});
