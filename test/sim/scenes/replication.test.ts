import { describe, expect, it } from 'vitest';
import { fromSeconds } from '../../../src/sim/core/clock.ts';
import { createScene, runScene } from '../../../src/sim/scenes/index.ts';
import { READONLY_ERROR } from '../../../src/sim/replication/replication.ts';
import type { VersionedApp } from '../../../src/sim/replication/versioned-app.ts';

/** Runs the scene to `until` s and returns its notes (what the UI's log and stage fold). */
function notes(set: Record<string, string>, until: number, act?: (app: VersionedApp) => void) {
  const run = createScene('replication', 1, set, null);
  const out: { at: number; text: string }[] = [];
  run.world.trace.subscribe((r) => {
    if (r.type === 'note') out.push({ at: r.at, text: r.text });
  });
  if (act !== undefined) {
    run.world.runUntil(fromSeconds(until / 2));
    act(run.world.part('app') as VersionedApp);
  }
  run.world.runUntil(fromSeconds(until));
  return out;
}

describe('replication scene: replicas, stale reads, WAIT, READONLY', () => {
  it('the replica count knob sets how many replicas sync from the master', () => {
    const one = runScene('replication', 1, 8, { replicas: '1', cutFor: '0' });
    const four = runScene('replication', 1, 8, { replicas: '4', cutFor: '0' });
    expect(one.fullSyncs).toBe(1);
    expect(four.fullSyncs).toBe(4);
    expect(Object.keys(four.offsetLagBytes as object)).toEqual([
      'redis-2',
      'redis-3',
      'redis-4',
      'redis-5',
    ]);
  });

  it('a read from the cut replica returns an old version and names the master`s', () => {
    const ns = notes({ cutAt: '10', cutFor: '4' }, 14);
    const during = ns.filter(
      (n) => n.at > fromSeconds(10.5) && n.text.startsWith('read:stale redis-3 '),
    );
    expect(during.length).toBeGreaterThan(3);
    const m = /got=v(\d+) master=v(\d+)/.exec(during.at(-1)!.text)!;
    // Frozen at the cut while the master moved on by ten versions a second.
    expect(Number(m[2]) - Number(m[1])).toBeGreaterThan(20);
    const fresh = ns.filter((n) => n.at > fromSeconds(10.5) && n.text.startsWith('read:'));
    expect(fresh.some((n) => n.text.startsWith('read:fresh redis-2'))).toBe(true);
  });

  it('offsets are noted for the master and each replica; a cut replica falls behind', () => {
    const ns = notes({ cutAt: '10', cutFor: '4' }, 13.5);
    const last = ns.filter((n) => n.text.startsWith('repl:offsets')).at(-1)!.text;
    const master = Number(/master=(\d+)/.exec(last)![1]);
    const r2 = Number(/redis-2=(\d+)/.exec(last)![1]);
    const r3 = Number(/redis-3=(\d+)/.exec(last)![1]);
    expect(master - r2).toBeLessThan(1000);
    expect(master - r3).toBeGreaterThan(100_000);
  });

  it('WAIT for every replica while one is cut costs the whole timeout', () => {
    const cut = notes({ cutAt: '9', cutFor: '5' }, 20, (app) => app.act('wait', ['2', '100']));
    const healthy = notes({ cutFor: '0' }, 20, (app) => app.act('wait', ['2', '100']));
    const done = (ns: typeof cut) => ns.find((n) => n.text.startsWith('wait:done'))!.text;
    const micros = (t: string) => Number(/micros=(\d+)/.exec(t)![1]);
    expect(done(cut)).toContain('acked=1');
    expect(micros(done(cut))).toBeGreaterThanOrEqual(100_000);
    expect(done(healthy)).toContain('acked=2');
    expect(micros(done(healthy))).toBeLessThan(10_000);
    // Still dearer than the write alone: one more round trip to the replicas.
    expect(micros(done(healthy))).toBeGreaterThan(Number(/write=(\d+)/.exec(done(healthy))![1]));
  });

  it("a write sent to a replica gets Redis's READONLY error", () => {
    const ns = notes({ cutFor: '0' }, 10, (app) => app.act('write-replica', ['redis-2']));
    expect(ns.find((n) => n.text.startsWith('write:refused'))?.text).toBe(
      `write:refused redis-2 ${READONLY_ERROR}`,
    );
  });
});
